"""importers (no Qt here)."""
