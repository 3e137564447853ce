"""Small reusable input widgets (money, dates, inline error messages)."""
