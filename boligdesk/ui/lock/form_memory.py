"""What was typed but not saved yet, carried over a lock.

Locking destroys the unlocked page (the desk behind it is closed) and unlocking builds it again on the
same tab and case. Saved values come back from the store, a journal note or a letter being typed from
its draft; what remains is text typed into a field that saves only on Enter (the budget's new-line row, a
search). :func:`snapshot` records every editable text field's text under its place in the widget tree,
:func:`restore` puts back the texts that differ from what the rebuilt page shows. Passphrase fields are
never recorded. The snapshot lives in memory only, for the time the window is locked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

Place = tuple[tuple[str, int], ...]


def _place(widget: QWidget, root: QWidget) -> Place | None:
    parts: list[tuple[str, int]] = []
    current: QWidget | None = widget
    while current is not None and current is not root:
        parent = current.parentWidget()
        if parent is None:
            return None
        siblings = parent.findChildren(type(current), options=Qt.FindChildOption.FindDirectChildrenOnly)
        parts.append((type(current).__name__, siblings.index(current) if current in siblings else -1))
        current = parent
    return tuple(reversed(parts)) if current is root else None


def _fields(root: QWidget) -> list[QLineEdit | QPlainTextEdit]:
    found: list[QLineEdit | QPlainTextEdit] = []
    for edit in root.findChildren(QLineEdit):
        if edit.isReadOnly() or edit.echoMode() != QLineEdit.EchoMode.Normal:
            continue
        if isinstance(edit.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # their own inner field: the spin box or combo box has its own value
        found.append(edit)
    found += [e for e in root.findChildren(QPlainTextEdit) if not e.isReadOnly()]
    return found


def _text(field: QLineEdit | QPlainTextEdit) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def snapshot(root: QWidget) -> dict[Place, str]:
    """Every editable text field's text that is not empty, by its place under ``root``."""
    memory: dict[Place, str] = {}
    for field in _fields(root):
        text = _text(field)
        place = _place(field, root)
        if text and place is not None:
            memory[place] = text
    return memory


def restore(root: QWidget, memory: dict[Place, str]) -> int:
    """Put back the remembered texts that the rebuilt page shows differently. How many were put back."""
    restored = 0
    for field in _fields(root):
        place = _place(field, root)
        text = memory.get(place) if place is not None else None
        if text is None or _text(field) == text:
            continue
        if isinstance(field, QLineEdit):
            field.setText(text)
        else:
            field.setPlainText(text)
        restored += 1
    return restored
