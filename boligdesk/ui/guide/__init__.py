"""Hjælp → Vejledning: the Danish guide (``resources/guide/``), context help (F1), shortcuts and its PDF."""
