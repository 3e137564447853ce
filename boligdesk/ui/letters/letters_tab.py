"""The Breve tab: pick a template, edit the letter filled from the case, see it, print it or save it.

Left: the template library and the letters already made on the case (open one again to reprint it).
Middle: the letter's address, subject and text, editable; what the case lacks is named above them.
Right: the live preview (QtPdf), exactly what will be printed.

A letter is recorded on the case when it is printed or saved, not when it is previewed. Edits are kept
per case and template while BoligDesk runs, so looking at another template does not lose them.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QItemSelection,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import StoreError, UserInputError
from boligdesk.letters.draft import LetterDraft, missing_labels
from boligdesk.letters.templates import PaperFormat
from boligdesk.services.changes import Changes, Part
from boligdesk.services.drafts import DraftKey
from boligdesk.services.letters import LetterRow
from boligdesk.ui.context import AppContext
from boligdesk.ui.letters.letters_models import (
    LettersTableModel,
    TemplateListModel,
    local_time,
)
from boligdesk.ui.shared.desk_ops import broadcast
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.printing import print_pdf, save_pdf
from boligdesk.ui.shared.table_model import ID_ROLE, SORT_ROLE

PREVIEW_DELAY_MS = 350
DRAFT_DELAY_MS = 800


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class LettersTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._letters = ctx.desk.letters
        self._case_id: str | None = None
        self._case_number = ""
        self._template: str | None = None
        self._filled: LetterDraft | None = None  # the template filled from the case (for "Nulstil")
        self._edits: dict[tuple[str, str], LetterDraft] = {}
        self._pdf = b""
        self._card_refused = ""  # why the postcard cannot go to this case ("" when it can, or no postcard)
        self._shown_letter: LetterRow | None = None
        self._filling = False
        self._buffer: QBuffer | None = None

        # --- left: templates and earlier letters ------------------------------------------------
        self.template_model = TemplateListModel(self)
        self.templates = QListView()
        self.templates.setModel(self.template_model)
        self.templates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.templates.setAccessibleName("Skabeloner")
        self.templates.setWordWrap(True)
        self.templates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.templates.setSpacing(1)
        self.template_info = QLabel()
        self.template_info.setWordWrap(True)
        self.template_info.setStyleSheet("color: #444;")
        self.letterhead_button = QPushButton("&Opsæt brevhoved og afsender…")

        self.letters_model = LettersTableModel(self)
        self.letters_proxy = QSortFilterProxyModel(self)
        self.letters_proxy.setSourceModel(self.letters_model)
        self.letters_proxy.setSortRole(SORT_ROLE)
        self.letters_table = QTableView()
        self.letters_table.setModel(self.letters_proxy)
        self.letters_table.setSortingEnabled(True)
        self.letters_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.letters_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.letters_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.letters_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.letters_table.verticalHeader().hide()
        self.letters_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.letters_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.letters_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.letters_table.setColumnWidth(2, 80)
        self.letters_table.setWordWrap(False)
        self.reopen_button = QPushButton("Åbn &valgte brev igen")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(_buddy("S&kabeloner", self.templates))
        left_layout.addWidget(self.templates, 3)
        left_layout.addWidget(self.template_info)
        left_layout.addWidget(self.letterhead_button)
        left_layout.addSpacing(8)
        left_layout.addWidget(_buddy("Breve på sa&gen", self.letters_table))
        left_layout.addWidget(self.letters_table, 2)
        left_layout.addWidget(self.reopen_button)

        # --- middle: the editable letter ----------------------------------------------------------
        self.case_label = QLabel()
        self.case_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(
            "background: #fff4d6; color: #5c4400; padding: 4px; border-radius: 3px;"
        )
        self.missing_label.hide()
        self.error = ErrorLabel()
        self.landlord_button = QPushButton("Vælg &udlejer…")
        self.landlord_button.setToolTip("Vælg sagens udlejer, eller skriv udlejerens adresse.")
        self.landlord_button.hide()
        self.shown_banner = QLabel()
        self.shown_banner.setWordWrap(True)
        self.shown_banner.setStyleSheet("background: #e3eefb; padding: 4px; border-radius: 3px;")
        self.back_button = QPushButton("&Luk det tidligere brev")
        self.shown_banner.hide()
        self.back_button.hide()

        self.recipient = QPlainTextEdit()
        self.recipient.setTabChangesFocus(True)
        self.recipient.setFixedHeight(92)
        self.recipient_label = _buddy("&Modtager (står i kuvertens rude)", self.recipient)
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        body_font = QFont(self.body.font())
        body_font.setPointSizeF(body_font.pointSizeF() + 0.5)
        self.body.setFont(body_font)
        hint = QLabel(
            "Tom linje = nyt afsnit. ## først på linjen = overskrift, - = punkt. "
            "[[afdragsplan]] og lignende bliver til tabeller. ________ = skal udfyldes."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555; font-size: 11px;")

        self.reset_button = QPushButton("&Nulstil tekst")
        self.print_button = QPushButton("&Udskriv…")
        self.print_button.setToolTip("Udskriv brevet (Ctrl+P). Brevet gemmes på sagen.")
        self.save_button = QPushButton("Gem som &PDF…")
        self.save_button.setToolTip("Gem brevet som PDF-fil et sted, du vælger. Brevet gemmes på sagen.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(4, 0, 4, 0)
        middle_layout.addWidget(self.case_label)
        middle_layout.addWidget(self.error)
        middle_layout.addWidget(self.landlord_button, 0, Qt.AlignmentFlag.AlignLeft)
        middle_layout.addWidget(self.missing_label)
        middle_layout.addWidget(self.shown_banner)
        middle_layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        middle_layout.addWidget(self.recipient_label)
        middle_layout.addWidget(self.recipient)
        middle_layout.addWidget(_buddy("&Emne / overskrift", self.subject))
        middle_layout.addWidget(self.subject)
        middle_layout.addWidget(_buddy("&Tekst", self.body))
        middle_layout.addWidget(self.body, 1)
        middle_layout.addWidget(hint)
        middle_layout.addLayout(buttons)

        # --- right: the preview ---------------------------------------------------------------------
        self.document = QPdfDocument(self)
        self.preview = QPdfView()
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setAccessibleName("Forhåndsvisning af brevet")
        self.preview.setStyleSheet("background: #8a8a8a;")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([300, 460, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.setTabOrder(self.templates, self.recipient)
        self.setTabOrder(self.recipient, self.subject)
        self.setTabOrder(self.subject, self.body)
        self.setTabOrder(self.body, self.print_button)
        self.setTabOrder(self.print_button, self.save_button)
        self.setTabOrder(self.save_button, self.reset_button)
        self.setTabOrder(self.reset_button, self.letters_table)
        self.setTabOrder(self.letters_table, self.reopen_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        # Edited letter text survives a crash: held as a local draft on every edit, written when typing pauses.
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(ctx.desk.drafts.flush)

        self.templates.selectionModel().selectionChanged.connect(self._template_selected)
        for editor in (self.recipient, self.body):
            editor.textChanged.connect(self._edited)
        self.subject.textChanged.connect(self._edited)
        self.reset_button.clicked.connect(self.reset_text)
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_letter)
        self.landlord_button.clicked.connect(self.choose_landlord)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.letters_table.doubleClicked.connect(lambda _index: self.reopen_selected())
        self.back_button.clicked.connect(self.close_shown_letter)
        self.letterhead_button.clicked.connect(self.open_letterhead)
        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        # Only while the Breve tab has focus: the Budget tab has its own Ctrl+P.
        self.print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_shortcut.activated.connect(self.print_letter)

        ctx.bus.caseSelected.connect(self.set_case)
        ctx.bus.changed.connect(self._changed)
        self.reload_templates()
        self.set_case(None)

    # --- public ---------------------------------------------------------------------------------------
    def set_case(self, case_id: str | None) -> None:
        self._keep_edits()
        self._case_id = case_id or None
        self._shown_letter = None
        self._show_banner(None)
        if self._case_id is None:
            self._case_number = ""
            self.case_label.setText("Ingen sag valgt — vælg en sag under Sager.")
        else:
            header = self._ctx.desk.cases.header(self._case_id)
            if header is None:
                self._case_id = None
                self.case_label.setText("Sagen findes ikke (længere).")
            else:
                self._case_number = header.number
                self.case_label.setText(f"Sag {header.number} · {header.tenant_name}")
        self.reload_letters()
        self._load_draft()

    def reload(self) -> None:
        self.reload_templates()
        self.set_case(self._case_id)

    def reload_templates(self) -> None:
        selected = self._template
        self.template_model.set_rows(self._letters.templates())
        row = self.template_model.row_of(selected) if selected else 0
        if self.template_model.rowCount() and row >= 0:
            self.templates.setCurrentIndex(self.template_model.index(row, 0))

    def reload_letters(self) -> None:
        rows = self._letters.letters(self._case_id) if self._case_id else []
        self.letters_model.set_rows(rows)
        self.reopen_button.setEnabled(bool(rows))

    def select_template(self, name: str) -> None:
        row = self.template_model.row_of(name)
        if row < 0:
            raise KeyError(name)
        self.templates.setCurrentIndex(self.template_model.index(row, 0))

    def current_draft(self) -> LetterDraft | None:
        """The letter as the adviser sees it now (template filled from the case, with their edits)."""
        if self._filled is None:
            return None
        recipient = self.recipient.toPlainText() if self._filled.recipient is not None else None
        return self._filled.edited(
            subject=self.subject.text(), recipient=recipient, body=self.body.toPlainText()
        )

    def current_pdf(self) -> bytes:
        """The PDF shown in the preview."""
        return self._pdf

    # --- template and draft ------------------------------------------------------------------------
    def _template_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._keep_edits()
        indexes = selected.indexes()
        self._template = str(indexes[0].data(ID_ROLE)) if indexes else None
        if indexes:
            info = self.template_model.row_at(indexes[0].row())
            text = info.problem or "\n".join(p for p in (info.description, info.guidance) if p)
            self.template_info.setText(text)
        self._shown_letter = None
        self._show_banner(None)
        self._load_draft()

    def _keep_edits(self) -> None:
        draft = self.current_draft()
        if draft is not None and self._case_id is not None and self._shown_letter is None:
            # Only the adviser's own edits are kept: an untouched text is filled again from the case,
            # so a value added on the case (the landlord, a phone number) replaces its blank.
            if self._filled is not None and draft.as_text() == self._filled.as_text():
                self._edits.pop((self._case_id, draft.template), None)
            else:
                self._edits[(self._case_id, draft.template)] = draft

    def _load_draft(self) -> None:
        self._timer.stop()
        self.error.clear_message()
        self.landlord_button.hide()
        self._filled = None
        if self._case_id is None or self._template is None:
            self._fill_editors(None)
            self._show_pdf(b"")
            return
        try:
            self._filled = self._letters.draft(self._case_id, self._template)
        except UserInputError as exc:
            self._fill_editors(None)
            self._show_pdf(b"")
            self.error.show_message(exc.message)
            self.landlord_button.setVisible(exc.field == "landlord")
            return
        kept = self._edits.get((self._case_id, self._template)) or self._stored_draft(self._filled)
        self._fill_editors(kept or self._filled)
        self.refresh_preview()

    def _fill_editors(self, draft: LetterDraft | None) -> None:
        self._filling = True
        try:
            self.recipient.setPlainText(draft.recipient or "" if draft is not None else "")
            self.subject.setText(draft.subject if draft is not None else "")
            self.body.setPlainText(draft.body if draft is not None else "")
        finally:
            self._filling = False
        has_draft = draft is not None
        has_address = has_draft and draft is not None and draft.recipient is not None
        self.recipient.setVisible(has_address)
        self.recipient_label.setVisible(has_address)
        postcard = draft is not None and draft.paper is PaperFormat.A6
        self.recipient_label.setText(
            "&Modtager (på kortets adresseside)" if postcard else "&Modtager (står i kuvertens rude)"
        )
        for widget in (self.subject, self.body, self.reset_button):
            widget.setEnabled(has_draft)
        # A letter for another stage of the case is never printed or saved (the banner says why), nor a
        # welcome postcard to a case that is not a new tenant's (the batch's rule).
        self._card_refused = self._postcard_refusal(draft)
        fits = draft is not None and draft.fits_stage and not self._card_refused
        for button in (self.print_button, self.save_button):
            button.setEnabled(fits)
        self._show_missing()

    def _postcard_refusal(self, draft: LetterDraft | None) -> str:
        if draft is None or self._case_id is None:
            return ""
        try:
            self._letters.check_postcard(self._case_id, draft.template)
        except UserInputError as exc:
            return exc.message
        return ""

    def _show_missing(self) -> None:
        notes: list[str] = []
        if self._card_refused:
            notes.append(self._card_refused)
        if self._filled is not None and self._filled.missing:
            verdict = (
                "Dokumentet skal underskrives og kan ikke udskrives eller gemmes, før det er udfyldt"
                if self._filled.for_signature
                else "Der står ________ i brevet"
            )
            notes.append(
                "Sagen mangler: "
                + "; ".join(missing_labels(self._filled.missing))
                + f". {verdict} — skriv det ind her, eller udfyld det på sagen."
            )
        if self._filled is not None and self._filled.stage_note:
            notes.append(self._filled.stage_note)
        if self._filled is not None and self._filled.paper is PaperFormat.A6:
            notes.append("Postkort (A6): teksten skal kunne stå på én side.")
        if self._filled is not None and self._letters.letterhead().is_empty:
            notes.append("Brevhovedet er ikke sat op endnu: tryk »Opsæt brevhoved og afsender…«.")
        self.missing_label.setText("\n".join(notes))
        self.missing_label.setVisible(bool(notes))

    def _edited(self) -> None:
        if not self._filling:
            self._timer.start()
            self._hold_draft()

    # --- the draft kept in the store (local, encrypted) ------------------------------------------------
    def _draft_key(self) -> DraftKey | None:
        if self._case_id is None or self._filled is None or self._shown_letter is not None:
            return None
        return DraftKey.letter(self._case_id, self._filled.template)

    def _hold_draft(self) -> None:
        key, draft = self._draft_key(), self.current_draft()
        if key is None or draft is None or self._filled is None:
            return
        unchanged = draft == self._filled
        fields = (
            {} if unchanged else {"subject": draft.subject, "recipient": draft.recipient, "body": draft.body}
        )
        self._ctx.desk.drafts.hold(key, fields)
        self._draft_timer.start()

    def _stored_draft(self, filled: LetterDraft) -> LetterDraft | None:
        key = self._draft_key()
        stored = self._ctx.desk.drafts.load(key) if key is not None else {}
        if not stored:
            return None
        return filled.edited(
            subject=stored.get("subject", ""),
            recipient=stored.get("recipient", ""),
            body=stored.get("body", ""),
        )

    def reset_text(self) -> None:
        if self._filled is None or self._case_id is None:
            return
        self._edits.pop((self._case_id, self._filled.template), None)
        self._ctx.desk.drafts.clear(DraftKey.letter(self._case_id, self._filled.template))
        self._fill_editors(self._filled)
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Render the current text now (also called by the timer while the adviser types)."""
        self._timer.stop()
        draft = self.current_draft()
        if draft is None or self._case_id is None or self._shown_letter is not None:
            return
        try:
            pdf = self._letters.preview(self._case_id, draft)
        except UserInputError as exc:
            # Keep the text and the last good preview; say what is wrong.
            self.error.show_message(exc.message)
            return
        self.error.clear_message()
        self._show_pdf(pdf)

    def _show_pdf(self, pdf: bytes) -> None:
        # One QBuffer for the tab's lifetime: QPdfDocument keeps a shared reference to the device it
        # loaded, so deleting an old buffer while the document may still hold it is unsafe.
        scroll = self.preview.verticalScrollBar().value()
        self.document.close()
        self._pdf = pdf
        if self._buffer is None:
            self._buffer = QBuffer(self)
        self._buffer.close()
        if not pdf:
            return
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.preview.verticalScrollBar().setValue(scroll)

    # --- print and save ------------------------------------------------------------------------------
    def _fresh_pdf(self) -> tuple[LetterDraft, bytes] | None:
        """The current draft and its PDF, rendered now so what is recorded is what is printed."""
        self.refresh_preview()
        draft = self.current_draft()
        if draft is None or not self.error.isHidden() or not self._pdf:
            return None
        try:
            self._letters.check_ready(draft)  # never a letter for another stage, nor a blank to sign
            if self._case_id is not None:  # nor a letter to someone else without the tenant's consent
                self._letters.check_consent(self._case_id, draft.template)
                self._letters.check_postcard(self._case_id, draft.template)  # nor a welcome card to anyone
        except UserInputError as exc:
            self.error.show_message(exc.message)
            return None
        return draft, self._pdf

    def _fresh_letter(self) -> tuple[str, LetterDraft, bytes] | None:
        """The case, the current draft and its PDF, for printing or saving."""
        current = self._fresh_pdf()
        if current is None or self._case_id is None:
            return None
        return (self._case_id, *current)

    def _record(self, case_id: str, draft: LetterDraft, pdf: bytes, action: AuditAction) -> bytes:
        """Record the letter on the case (called by the print helper once the dialog is confirmed)."""
        broadcast(self._ctx, self._letters.record(case_id, draft, pdf, action=action))
        return pdf

    def _reuse(self, letter: LetterRow, pdf: bytes, action: AuditAction) -> bytes:
        """An earlier letter printed or saved again: no new letter, one more audit event."""
        self._letters.note_reused(letter.id, action=action)
        return pdf

    def print_letter(self) -> None:
        if self._shown_letter is not None:
            letter, pdf = self._shown_letter, self._pdf
            print_pdf(
                lambda: self._reuse(letter, pdf, AuditAction.PRINT), self, title="Udskriv brev", paper=pdf
            )
            return
        current = self._fresh_letter()
        if current is None:
            return
        case_id, draft, pdf = current
        print_pdf(
            lambda: self._record(case_id, draft, pdf, AuditAction.PRINT),
            self,
            title="Udskriv brev",
            paper=pdf,
        )

    def _suggested_path(self, title: str) -> str:
        safe = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title).strip()
        name = f"{self._case_number} {safe}".strip() or "brev"
        return f"{' '.join(name.split())}.pdf"  # save_pdf starts in Dokumenter/BoligDesk/<sagsnr>

    def save_letter(self) -> None:
        if self._shown_letter is not None:
            letter, pdf = self._shown_letter, self._pdf
            save_pdf(
                lambda: self._reuse(letter, pdf, AuditAction.EXPORT),
                self._suggested_path(letter.title),
                self,
                title="Gem brevet som PDF",
                case_number=self._case_number,
            )
            return
        current = self._fresh_letter()
        if current is None:
            return
        case_id, draft, pdf = current
        save_pdf(
            lambda: self._record(case_id, draft, pdf, AuditAction.EXPORT),
            self._suggested_path(draft.subject or draft.title),
            self,
            title="Gem brevet som PDF",
            case_number=self._case_number,
        )

    # --- earlier letters -------------------------------------------------------------------------------
    def reopen_selected(self) -> None:
        index = self.letters_table.currentIndex()
        if not index.isValid():
            if not self.letters_proxy.rowCount():
                return
            index = self.letters_proxy.index(0, 0)
            self.letters_table.setCurrentIndex(index)
        source = self.letters_proxy.mapToSource(index)
        self.show_letter(self.letters_model.row_at(source.row()))

    def show_letter(self, letter: LetterRow) -> None:
        """Show an earlier letter exactly as it was made; Udskriv and Gem use those bytes."""
        self._keep_edits()
        try:
            pdf = self._letters.open(letter.id)
        except (UserInputError, StoreError) as exc:
            self.error.show_message(exc.message)
            return
        self._timer.stop()
        self._shown_letter = letter
        self._show_banner(letter)
        self._show_pdf(pdf)
        for widget in (self.recipient, self.subject, self.body, self.reset_button):
            widget.setEnabled(False)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def close_shown_letter(self) -> None:
        if self._shown_letter is None:
            return
        self._shown_letter = None
        self._show_banner(None)
        self._fill_editors(self.current_draft())
        self.refresh_preview()

    def _show_banner(self, letter: LetterRow | None) -> None:
        if letter is None:
            self.shown_banner.hide()
            self.back_button.hide()
            return
        when = f"{local_time(letter.made_at):%d.%m.%Y kl. %H:%M}"
        self.shown_banner.setText(
            f"Viser det tidligere brev »{letter.title}«, lavet {when} af {letter.made_by or 'ukendt'}. "
            "Det kan udskrives eller gemmes igen, præcis som det var."
        )
        self.shown_banner.show()
        self.back_button.show()

    # --- misc -----------------------------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if changes.everything:
            self.reload()
            return
        if changes.touches(None, Part.SETTINGS, Part.ESTATES, Part.ADVISERS):
            # the letterhead, a sender, an estate's or the adviser's name: fill the letter again
            self._keep_edits()
            self._load_draft()
        if self._case_id is not None and changes.touches(self._case_id, Part.LETTERS):
            self.reload_letters()
        facts = (
            Part.TENANT,
            Part.HOUSEHOLD,
            Part.TENANCY,
            Part.TIMELINE,
            Part.ARREARS,
            Part.PLAN,
            Part.BUDGET,
        )
        if (
            self._case_id is not None
            and self._shown_letter is None
            and changes.touches(self._case_id, *facts)
        ):
            self._load_draft()  # the landlord, the stage or the plan changed: fill the letter again

    def choose_landlord(self) -> None:
        """ "Vælg udlejer…" under a refused afdragsaftale: the case's landlord picker in a small dialog."""
        if self._case_id is None:
            return
        from boligdesk.ui.cases.landlord_picker import LandlordDialog

        run_modal(LandlordDialog(self._ctx, self._case_id, self))  # its writes come back as Changes

    def open_letterhead(self) -> None:
        from boligdesk.ui.letters.letterhead_dialog import LetterheadDialog

        run_modal(LetterheadDialog(self._ctx, self))  # a saved letterhead comes back as Part.SETTINGS

    def selected_letter_id(self) -> str | None:
        index: QModelIndex = self.letters_table.currentIndex()
        return str(index.data(ID_ROLE)) if index.isValid() else None
