"""Indstillinger → Satser: the rate tables and the organisation's own entries."""
