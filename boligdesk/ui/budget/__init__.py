"""The budget screens."""
