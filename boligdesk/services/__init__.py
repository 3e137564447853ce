"""Operations on the store used by both the UI and the command line (no Qt here)."""
