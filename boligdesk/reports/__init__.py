"""reports (no Qt here)."""
