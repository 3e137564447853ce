"""sync (no Qt here)."""
