"""letters (no Qt here)."""
