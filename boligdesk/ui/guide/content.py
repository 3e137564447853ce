"""The guide's chapters (``resources/guide/*.html``), search, context-help anchors and the shortcut list.

The chapters are plain HTML files listed in ``resources/guide/chapters.txt`` (file and Danish title). The
shortcut chapter holds a ``<!-- SHORTCUTS -->`` marker that is replaced by a table made from the main
window's menus, so the list cannot drift from the real actions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from boligdesk.resources import resource_path

SHORTCUTS_MARKER = "<!-- SHORTCUTS -->"

#: How the chapters mark what the reader sees on screen: ``<span class="ui">`` a menu, tab, button or
#: field name exactly as the program writes it; ``<span class="msg">`` a message the program shows
#: (``…`` where it names a file, a date or a number). tests/ui/guide/test_guide_labels.py checks both.
STYLE_SHEET = ".ui { font-weight: bold; } .msg { font-style: italic; }"

#: F1 on a widget (its class name or object name, or that of a parent) opens this chapter#anchor.
CONTEXT_HELP: dict[str, str] = {
    "FirstRunDialog": "01_start.html#start",
    "UnlockDialog": "01_start.html#laast",
    "LockPanel": "01_start.html#laast",
    "ChangePassphraseDialog": "01_start.html#start",
    "CasesTab": "02_sagen.html#sagen",
    "CaseView": "02_sagen.html#sagen",
    "FristerTab": "02_sagen.html#frister",
    "CaseConsentPage": "02b_samarbejde.html#samtykke",
    "CaseApplicationsPage": "02b_samarbejde.html#ansoegninger",
    "CaseCoursesPage": "02b_samarbejde.html#forloeb",
    "ContactsDialog": "02b_samarbejde.html#kontakter",
    "ImportDialog": "02c_import.html#ophaevelse",
    "NewTenantImportDialog": "02c_import.html#nye",
    "CaseImportDialog": "02c_import.html#eksisterende",
    "Tour": "01_start.html#rundvisning",
    "CaseTimelinePage": "02_sagen.html#paakrav",
    "CaseContactPage": "02_sagen.html#kontakt",
    "BudgetTab": "03_budget.html#budget",
    "EnvelopesDialog": "04_kuverter.html#kuverter",
    "RepaymentTab": "05_afdrag.html#afdrag",
    "LettersTab": "06_breve.html#breve",
    "LetterBatchDialog": "06_breve.html#bunke",
    "LetterheadDialog": "06_breve.html#breve",
    "SyncDialog": "07_team.html#team",
    "TeamDialog": "07_team.html#tabt",
    "ConflictsDialog": "07_team.html#konflikter",
    "StatisticsWindow": "08_statistik.html#statistik",
    "LockSettingsDialog": "09_privatliv.html#laas",
    "RetentionDialog": "09_privatliv.html#sletning",
    "AuditLogDialog": "09_privatliv.html#indsigt",
    "RatesDialog": "03_budget.html#norm",
}

#: The "?" buttons beside fields whose rule is not obvious: the paragraph with the worked example.
FIELD_HELP: dict[str, str] = {
    "paakrav": "02_sagen.html#paakrav",
    "feasibility": "05_afdrag.html#baerer",
    "envelope_split": "04_kuverter.html#deling",
}

FIRST_CHAPTER = "01_start.html"


@dataclass(frozen=True, slots=True)
class Chapter:
    file: str
    title: str


def guide_dir() -> Path:
    return resource_path("guide")


def chapters() -> list[Chapter]:
    """The chapters in reading order."""
    text = resource_path("guide", "chapters.txt").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            file, title = line.split("\t", 1)
            found.append(Chapter(file.strip(), title.strip()))
    return found


def chapter_html(file: str, window: QMainWindow | None = None) -> str:
    text = resource_path("guide", file).read_text(encoding="utf-8")
    if SHORTCUTS_MARKER in text:
        text = text.replace(SHORTCUTS_MARKER, shortcuts_html(window))
    # Every screenshot is a link to itself: the guide window shows it full size when clicked.
    return re.sub(r'(<img src="(img/[^"]+)"[^>]*>)', r'<a href="\2">\1</a>', text)


def plain_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def search(query: str, window: QMainWindow | None = None) -> list[Chapter]:
    """The chapters whose text holds every word of ``query`` (case-insensitive)."""
    words = query.casefold().split()
    if not words:
        return chapters()
    hits = []
    for chapter in chapters():
        text = plain_text(chapter_html(chapter.file, window)).casefold()
        if all(word in text for word in words):
            hits.append(chapter)
    return hits


def _label(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(where and what, key) for every action of the window's menus and the window itself with a shortcut."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            seen.add(id(action))
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if key:
                rows.append((f"{_label(top)} → {_label(action)}", key))
    for action in QWidget.actions(window):
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if key and id(action) not in seen:
            rows.append((_label(action), key))
    return rows


def shortcuts_html(window: QMainWindow | None) -> str:
    if window is None:
        return "<p>Åbn vejledningen fra programmets Hjælp-menu for at se genvejene.</p>"
    cells = "".join(
        f"<tr><td>{html.escape(what)}</td><td><b>{html.escape(key)}</b></td></tr>"
        for what, key in shortcut_rows(window)
    )
    return (
        '<table border="1" cellpadding="4" cellspacing="0"><tr><th>Hvad</th><th>Tast</th></tr>'
        f"{cells}</table><p>F1 i et vindue åbner det kapitel, der handler om vinduet.</p>"
    )


def context_anchor(widget: QWidget | None) -> str:
    """The chapter#anchor for ``widget``: the nearest widget (itself, then its parents) with help."""
    while widget is not None:
        for name in (widget.objectName(), type(widget).__name__):
            if name in CONTEXT_HELP:
                return CONTEXT_HELP[name]
        widget = widget.parentWidget()
    return FIRST_CHAPTER
