"""Tidslinje: arrears and what they consist of, and the eviction timeline of lejeloven § 182.

The dates that follow from the rules (the 14-day påkrav deadline, the earliest termination, the expected
eviction window) are computed by the services and shown with their explanation; they are never typed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short, format_weekday_long
from boligdesk.budget.money import parse_money
from boligdesk.budget.vocabulary import ArrearsKind
from boligdesk.errors import UserInputError
from boligdesk.services.arrears import ArrearsInput, ArrearsRow
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.timeline import TimelineField, parse_clock_time
from boligdesk.ui.cases.case_fields import (
    Write,
    add_row,
    date_edit,
    date_text,
    enum_combo,
    hint_label,
    money_edit,
    money_text,
    parse_money_or_zero,
    parse_optional_date,
    row_table,
    select_id,
    selected_id,
    time_text,
)
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.guide.guide_window import help_button
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.table_model import Column, TableModel

COMPUTED_STYLE = "font-weight: 600;"
WARNING_STYLE = "color: #8a4b00; font-weight: 600;"

ITEM_COLUMNS: tuple[Column[ArrearsRow], ...] = (
    Column("Hvad", lambda r: r.kind.label),
    Column("Måned", lambda r: r.period.strftime("%m.%Y") if r.period else ""),
    Column("Tekst", lambda r: r.text),
    Column("Beløb", lambda r: r.amount.format(), align_right=True),
)


def parse_month(text: str) -> dt.date | None:
    """``03.2026`` or ``3/2026`` → 1 March 2026; empty → None."""
    raw = text.strip()
    if not raw:
        return None
    match = re.fullmatch(r"(\d{1,2})[.\-/](\d{4})", raw)
    if match and 1 <= int(match.group(1)) <= 12:
        return dt.date(int(match.group(2)), int(match.group(1)), 1)
    raise UserInputError(
        "period", "month.invalid", f"»{raw}« er ikke en måned. Skriv fx 03.2026.", {"text": raw}
    )


def _parse_time(field: str) -> Callable[[str], dt.time | None]:
    return lambda text: parse_clock_time(text, field=field)


def _computed(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(COMPUTED_STYLE)
    return label


class CaseTimelinePage(CasePage):
    title = "&Tidslinje"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        b = self.binder

        def field(name: TimelineField) -> Callable[[Any], Write]:
            return lambda value: self.ctx.desk.timeline.set_field(self.case(), name, value)

        self.errors: dict[str, ErrorLabel] = {}

        def error(name: str) -> ErrorLabel:
            self.errors[name] = ErrorLabel()
            return self.errors[name]

        # --- arrears ------------------------------------------------------------------------------------
        self.arrears = money_edit()
        self.reminder_fee = money_edit()
        self.max_fee = hint_label()
        self._arrears = b.line(
            self.arrears, error("arrears"), parse_money_or_zero("arrears"), field("arrears")
        )
        self._fee = b.line(
            self.reminder_fee,
            error("reminder_fee"),
            parse_money_or_zero("reminder_fee"),
            field("reminder_fee"),
        )
        self.items = TableModel(ITEM_COLUMNS, self)
        self.items_table = row_table(self.items, 2, min_height=80, name="Restancens poster")
        self.items_table.setMaximumHeight(110)
        self.item_kind = enum_combo(ArrearsKind.choices(), none_text=None)
        self.item_period = QLineEdit()
        self.item_period.setPlaceholderText("mm.åååå")
        self.item_period.setMaximumWidth(80)
        self.item_amount = money_edit()
        self.item_amount.setMaximumWidth(100)
        self.item_amount.setPlaceholderText("beløb")
        self.add_item_button = QPushButton("Tilføj &post")
        self.remove_item_button = QPushButton("Fjern post")
        self.use_total_button = QPushButton("Brug summen som restance")
        self.items_sum = hint_label()
        self.item_error = ErrorLabel()

        arrears_form = QFormLayout()
        add_row(arrears_form, "&Restance", self.arrears, self.errors["arrears"], hint_label("kr."))
        add_row(arrears_form, "Påkravsg&ebyr", self.reminder_fee, self.errors["reminder_fee"], self.max_fee)
        item_row = QHBoxLayout()
        item_row.addWidget(self.item_kind)
        item_row.addWidget(self.item_period)
        item_row.addWidget(self.item_amount)
        item_row.addWidget(self.add_item_button)
        item_row.addWidget(self.remove_item_button)
        item_row.addStretch(1)
        sum_row = QHBoxLayout()
        sum_row.addWidget(self.items_sum, 1)
        sum_row.addWidget(self.use_total_button)
        arrears_box = QGroupBox("Restance og hvad den består af")
        arrears_layout = QVBoxLayout(arrears_box)
        arrears_layout.addLayout(arrears_form)
        arrears_layout.addWidget(self.items_table)
        arrears_layout.addLayout(sum_row)
        arrears_layout.addLayout(item_row)
        arrears_layout.addWidget(self.item_error)

        # --- påkrav ---------------------------------------------------------------------------------------
        self.reminder_sent = date_edit()
        self.reminder_received = date_edit("ukendt")
        self.reminder_deadline = _computed()
        self.reminder_explained = hint_label()
        self.earliest_termination = _computed()
        self._sent = b.line(
            self.reminder_sent,
            error("reminder_sent_on"),
            parse_optional_date("reminder_sent_on"),
            field("reminder_sent_on"),
        )
        self._received = b.line(
            self.reminder_received,
            error("reminder_received_on"),
            parse_optional_date("reminder_received_on"),
            field("reminder_received_on"),
        )
        reminder_form = QFormLayout()
        add_row(reminder_form, "&Sendt", self.reminder_sent, self.errors["reminder_sent_on"])
        add_row(reminder_form, "&Modtaget", self.reminder_received, self.errors["reminder_received_on"])
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.reminder_deadline, 1)
        self.reminder_help = help_button("paakrav", self)  # the 14-day rule and holidays, with an example
        deadline_row.addWidget(self.reminder_help)
        reminder_form.addRow("Betalingsfrist", deadline_row)
        reminder_form.addRow("", self.reminder_explained)
        reminder_form.addRow("Ophævelse mulig", self.earliest_termination)
        reminder_box = QGroupBox("Påkrav")
        reminder_layout = QVBoxLayout(reminder_box)
        reminder_layout.addLayout(reminder_form)
        reminder_layout.addStretch(1)

        # --- termination and the bailiff court ---------------------------------------------------------
        self.termination = date_edit()
        self.bailiff_request = date_edit()
        self.hearing = date_edit()
        self.eviction = date_edit()
        self.time_from = QLineEdit()
        self.time_to = QLineEdit()
        for edit in (self.time_from, self.time_to):
            edit.setPlaceholderText("tt.mm")
            edit.setFixedWidth(64)
        self.rescheduled = date_edit()
        self.withdrawn = date_edit()
        self.expected_eviction = _computed()
        self.expected_explained = hint_label()
        dates: tuple[tuple[TimelineField, DateEdit], ...] = (
            ("termination_on", self.termination),
            ("bailiff_request_on", self.bailiff_request),
            ("hearing_on", self.hearing),
            ("eviction_on", self.eviction),
            ("rescheduled_eviction_on", self.rescheduled),
            ("withdrawn_on", self.withdrawn),
        )
        self._dates = {
            name: b.line(edit, error(name), parse_optional_date(name), field(name)) for name, edit in dates
        }
        self._time_from = b.line(
            self.time_from,
            error("eviction_time_from"),
            _parse_time("eviction_time_from"),
            field("eviction_time_from"),
        )
        self._time_to = b.line(
            self.time_to,
            error("eviction_time_to"),
            _parse_time("eviction_time_to"),
            field("eviction_time_to"),
        )
        court_form = QFormLayout()
        add_row(court_form, "&Ophævet", self.termination, self.errors["termination_on"])
        add_row(court_form, "Fogedrek&visition", self.bailiff_request, self.errors["bailiff_request_on"])
        add_row(court_form, "Retsm&øde", self.hearing, self.errors["hearing_on"])
        add_row(court_form, "&Udsættelse", self.eviction, self.errors["eviction_on"])
        window = QWidget()
        window_layout = QHBoxLayout(window)
        window_layout.setContentsMargins(0, 0, 0, 0)
        window_layout.addWidget(self.time_from)
        window_layout.addWidget(QLabel("–"))
        window_layout.addWidget(self.time_to)
        window_layout.addStretch(1)
        window_box = QWidget()
        window_box_layout = QVBoxLayout(window_box)
        window_box_layout.setContentsMargins(0, 0, 0, 0)
        window_box_layout.setSpacing(2)
        window_box_layout.addWidget(window)
        window_box_layout.addWidget(self.errors["eviction_time_from"])
        window_box_layout.addWidget(self.errors["eviction_time_to"])
        window_label = QLabel("Tidsrum kl.")
        window_label.setBuddy(self.time_from)
        court_form.addRow(window_label, window_box)
        add_row(court_form, "Om&berammet til", self.rescheduled, self.errors["rescheduled_eviction_on"])
        add_row(court_form, "T&ilbagekaldt", self.withdrawn, self.errors["withdrawn_on"])
        court_form.addRow("Forventet udsættelse", self.expected_eviction)
        court_form.addRow("", self.expected_explained)
        court_box = QGroupBox("Ophævelse og fogedret")
        court_box.setLayout(court_form)

        # --- warnings and the case's deadlines -----------------------------------------------------------
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        deadlines_box = QGroupBox("Sagens frister")
        QVBoxLayout(deadlines_box).addWidget(self.deadlines)

        grid = QGridLayout(self)
        grid.addWidget(arrears_box, 0, 0, 1, 2)
        grid.addWidget(reminder_box, 1, 0)
        grid.addWidget(court_box, 1, 1)
        grid.addWidget(self.warnings, 2, 0, 1, 2)
        grid.addWidget(deadlines_box, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)

        self.add_item_button.clicked.connect(self.add_item)
        self.remove_item_button.clicked.connect(self.remove_item)
        self.use_total_button.clicked.connect(self.use_items_total)

    # --- loading ------------------------------------------------------------------------------------------
    def load(self, d: CaseDetails, force: bool) -> None:
        t = d.timeline
        c = d.computed
        self._arrears.load(money_text(t.arrears), force=force)
        self._fee.load(money_text(t.reminder_fee), force=force)
        if c.max_reminder_fee is not None:
            rate = c.max_reminder_fee
            self.max_fee.setText(f"højst {rate.amount.format()} (sats fra {rate.valid_from.year})")
        self._sent.load(date_text(t.reminder_sent_on), force=force)
        self._received.load(date_text(t.reminder_received_on), force=force)
        for name, binding in self._dates.items():
            binding.load(date_text(getattr(t, name)), force=force)
        self._time_from.load(time_text(t.eviction_time_from), force=force)
        self._time_to.load(time_text(t.eviction_time_to), force=force)

        rd = c.reminder_deadline
        self.reminder_deadline.setText(format_weekday_long(rd.deadline) if rd else "—")
        self.reminder_explained.setText(rd.explain() if rd else "Beregnes når påkravet er registreret.")
        self.earliest_termination.setText(
            format_short(c.earliest_termination) if c.earliest_termination else "—"
        )
        if c.expected_eviction is not None:
            low, high = c.expected_eviction
            self.expected_eviction.setText(f"{format_short(low)}–{format_short(high)}")
            self.expected_explained.setText("Skøn: typisk 3–6 uger efter ophævelsen.")
        else:
            self.expected_eviction.setText("—")
            self.expected_explained.setText(
                "Se den registrerede dato." if t.eviction_on else "Beregnes når ophævelsen er registreret."
            )
        self.warnings.setText("\n".join(c.warnings))
        self.warnings.setVisible(bool(c.warnings))
        self.deadlines.setText(self._deadline_html(d, self.today()))

        selected = None if force else selected_id(self.items_table)
        self.items.set_rows(d.arrears_items)
        select_id(self.items_table, selected)
        self.items_sum.setText(f"Posterne i alt: {c.arrears_items_total.format()}" if d.arrears_items else "")
        self.use_total_button.setVisible(bool(d.arrears_items) and c.arrears_items_total != t.arrears)
        if force:
            self.item_error.clear_message()

    @staticmethod
    def _deadline_html(d: CaseDetails, today: dt.date) -> str:
        if d.timeline.withdrawn_on is not None:
            return f"Ophævelsen er tilbagekaldt {format_short(d.timeline.withdrawn_on)}: ingen frister."
        if not d.computed.deadlines:
            return "Ingen frister endnu."
        lines = []
        for item in d.computed.deadlines:
            days = item.days_left(today)
            passed = " (overskredet)" if item.missed(today) else (" (passeret)" if days < 0 else "")
            if item.superseded:
                passed = f" (ikke længere aktuel: {item.superseded})"
            kind = "beregnet" if item.computed else "registreret"
            lines.append(
                f"<b>{format_short(item.date)}</b> {escape(item.label)}{passed} "
                f"<span style='color:#555'>— {escape(item.explanation)} ({kind})</span>"
            )
        return "<br>".join(lines)

    # --- arrears items --------------------------------------------------------------------------------
    def add_item(self) -> None:
        def add() -> Write:
            period = parse_month(self.item_period.text())
            amount = parse_money(self.item_amount.text(), field="amount")
            data = ArrearsInput(
                kind=ArrearsKind(self.item_kind.currentData()),
                amount=amount,
                period=period,
                text=self.item_kind.currentText() if period is None else "",
            )
            return self.ctx.desk.arrears.add(self.case(), data)

        if self.run(add, self.item_error):
            self.item_period.clear()
            self.item_amount.clear()

    def remove_item(self) -> None:
        item_id = selected_id(self.items_table)
        if item_id is None:
            self.item_error.show_message("Vælg den post, der skal fjernes.")
            return
        self.run(lambda: self.ctx.desk.arrears.remove(item_id), self.item_error)

    def use_items_total(self) -> None:
        self.run(lambda: self.ctx.desk.arrears.align_registered(self.case()), self.item_error)
