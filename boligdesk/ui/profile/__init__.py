"""The profile screens."""
