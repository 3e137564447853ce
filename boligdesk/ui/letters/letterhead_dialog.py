"""Settings → Brevhoved og afsender: the organisation's letterhead (shared by the team) and your own
sender details (title, phone, e-mail). Everything is checked before anything is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import UserInputError
from boligdesk.letters.letterhead import Letterhead, Sender, check_logo
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel

LOGO_PREVIEW_HEIGHT = 56


class LetterheadDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Brevhoved og afsender")
        self.setMinimumWidth(560)
        letterhead = ctx.desk.letters.letterhead()
        sender = ctx.desk.letters.sender()
        self._logo = letterhead.logo
        self._website = letterhead.website

        self.organisation = QLineEdit(letterhead.organisation)
        self.address = QPlainTextEdit(letterhead.address)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(64)
        self.address.setPlaceholderText("Vej og nummer\nPostnummer og by")
        self.phone = QLineEdit(letterhead.phone)
        self.email = QLineEdit(letterhead.email)
        self.logo_preview = QLabel()
        self.logo_preview.setMinimumHeight(LOGO_PREVIEW_HEIGHT)
        self.logo_button = QPushButton("Vælg &logo…")
        self.remove_logo_button = QPushButton("Fje&rn logo")
        self.organisation_error = ErrorLabel()
        self.logo_error = ErrorLabel()

        organisation_box = QGroupBox("Organisationen (fælles for hele teamet)")
        form = QFormLayout(organisation_box)
        form.addRow("&Navn:", self.organisation)
        form.addRow("", self.organisation_error)
        form.addRow("&Adresse:", self.address)
        form.addRow("&Telefon:", self.phone)
        form.addRow("&E-mail:", self.email)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.remove_logo_button)
        form.addRow("Logo:", logo_row)
        form.addRow("", self.logo_error)

        self.sender_name = QLabel(ctx.adviser_name or "(ingen rådgiver logget ind)")
        self.sender_title = QLineEdit(sender.title)
        self.sender_phone = QLineEdit(sender.phone)
        self.sender_email = QLineEdit(sender.email)
        sender_box = QGroupBox("Afsender (dig — står under brevene)")
        sender_form = QFormLayout(sender_box)
        sender_form.addRow("Navn:", self.sender_name)
        sender_form.addRow("T&itel:", self.sender_title)
        sender_form.addRow("Tele&fon:", self.sender_phone)
        sender_form.addRow("E-&mail:", self.sender_email)

        note = QLabel(
            "Brevenes tekster kan organisationen selv rette: læg en skabelon med samme navn i mappen "
            f"»skabeloner« i profilmappen ({ctx.desk.letters.template_folder()})."
        )
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note.setStyleSheet("color: #555;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Gem")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annullér")
        layout = QVBoxLayout(self)
        layout.addWidget(organisation_box)
        layout.addWidget(sender_box)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(b""))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._show_logo()

    # --- logo -------------------------------------------------------------------------------------------
    def choose_logo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Vælg logo", str(Path.home()), "Billeder (*.png *.jpg *.jpeg)"
        )
        if name:
            self.load_logo_file(Path(name))

    def load_logo_file(self, path: Path) -> bool:
        """Read and check a logo file; a bad file keeps the old logo and says why next to it."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.logo_error.show_message(f"Filen kan ikke læses: {exc.strerror or exc}.")
            return False
        return self.set_logo(data)

    def set_logo(self, data: bytes) -> bool:
        if data:
            try:
                check_logo(data)
            except UserInputError as exc:
                self.logo_error.show_message(exc.message)
                return False
        self.logo_error.clear_message()
        self._logo = data
        self._show_logo()
        return True

    def _show_logo(self) -> None:
        self.remove_logo_button.setEnabled(bool(self._logo))
        if not self._logo:
            self.logo_preview.setText("(intet logo)")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self._logo)
        self.logo_preview.setPixmap(
            pixmap.scaledToHeight(LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        )

    # --- save -------------------------------------------------------------------------------------------
    def letterhead(self) -> Letterhead:
        return Letterhead(
            organisation=self.organisation.text().strip(),
            address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            website=self._website,
            logo=self._logo,
        )

    def sender_details(self) -> Sender:
        return Sender(
            name=self._ctx.adviser_name,
            title=self.sender_title.text().strip(),
            phone=self.sender_phone.text().strip(),
            email=self.sender_email.text().strip(),
        )

    def _refused(self, exc: UserInputError) -> None:
        self.organisation_error.show_message(exc.message)
        self.organisation.setFocus()

    def save(self) -> None:
        letters = self._ctx.desk.letters
        self.organisation_error.clear_message()
        # The letterhead's rule (a name is required) is the service's; a refused value stays typed.
        if (
            run_write(
                self,
                self._ctx,
                lambda: letters.set_letterhead(self.letterhead()),
                on_input_error=self._refused,
            )
            is None
        ):
            return
        if (
            self._ctx.adviser_name
            and run_write(self, self._ctx, lambda: letters.set_sender(self.sender_details())) is None
        ):
            return
        self.accept()
