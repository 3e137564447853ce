"""Models for the Breve tab: the template list and the letters generated on the case (frozen rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QColor

from boligdesk.letters.templates import PaperFormat, TemplateInfo
from boligdesk.services.letters import LetterRow
from boligdesk.ui.shared.table_model import Column, TableModel

_PROBLEM = QColor("#a61b1b")


def local_time(made_at: dt.datetime) -> dt.datetime:
    """Stored UTC (naive) → the laptop's local time, for showing."""
    return made_at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _template_title(info: TemplateInfo) -> str:
    title = info.title + (" (postkort A6)" if info.paper is PaperFormat.A6 else "")
    return title + (" · egen" if info.custom else "")


TEMPLATE_COLUMNS: tuple[Column[TemplateInfo], ...] = (
    Column(
        "Skabelon",
        _template_title,
        tooltip=lambda i: i.problem or i.description or i.title,
        foreground=lambda i: _PROBLEM if i.problem else None,
    ),
)


class TemplateListModel(TableModel[TemplateInfo]):
    """The template library (one column, shown in a list); a template with a problem is shown in red
    with the problem as tooltip. Its id (``ID_ROLE``) is the template's name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(TEMPLATE_COLUMNS, parent, id_of=lambda i: i.name)


def _letter_tooltip(letter: LetterRow) -> str:
    when = f"{local_time(letter.made_at):%d.%m.%Y kl. %H:%M}"
    return (
        f"{letter.title}\n{when} af {letter.made_by}\nSkabelon: {letter.template}\nSHA-256: {letter.sha256}"
    )


LETTER_COLUMNS: tuple[Column[LetterRow], ...] = (
    Column("Dato", lambda r: f"{local_time(r.made_at):%d.%m.%Y}", lambda r: r.made_at.isoformat()),
    Column("Brev", lambda r: r.title, lambda r: r.title.casefold()),
    Column("Lavet af", lambda r: r.made_by, lambda r: r.made_by.casefold()),
)


class LettersTableModel(TableModel[LetterRow]):
    """The letters generated on the case: when, what, by whom."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(LETTER_COLUMNS, parent, tooltip=_letter_tooltip)
