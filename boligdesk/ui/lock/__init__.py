"""The locked window: the unlock panel, auto-lock after idle time or a session lock, opening the profile."""
