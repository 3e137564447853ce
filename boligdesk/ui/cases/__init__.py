"""The cases screens."""
