"""Pure domain rules a social worker could check by hand. No Qt, no SQLAlchemy."""
