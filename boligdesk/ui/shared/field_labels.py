"""Form labels from the field tables, so a field is called the same in the form, in its error messages,
in the import preview and in the sync conflict list."""

from __future__ import annotations

from boligdesk.services.fields import FieldTable


def form_label(table: FieldTable, name: str, key: str, *, suffix: str = "") -> str:
    """The field's Danish label (plus ``suffix``) with the ``&`` mnemonic before the first ``key``."""
    text = table.label(name) + suffix
    at = text.find(key)
    if at < 0:
        raise ValueError(f"{key!r} is not in {text!r}")
    return f"{text[:at]}&{text[at:]}"
