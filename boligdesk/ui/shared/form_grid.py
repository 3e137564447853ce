"""Fields side by side in a grid, each with its label above it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget


def add_labelled_columns(grid: QGridLayout, fields: Sequence[tuple[str, QWidget]], *, row: int = 0) -> None:
    """Put each ``(title, widget)`` in its own column: the title in ``row`` as the widget's buddy (its
    ``&`` mnemonic focuses the widget), the widget in the row below. An empty title puts no label."""
    for column, (title, widget) in enumerate(fields):
        if title:
            label = QLabel(title)
            label.setBuddy(widget)
            grid.addWidget(label, row, column)
        grid.addWidget(widget, row + 1, column)
