"""The letters screens."""
