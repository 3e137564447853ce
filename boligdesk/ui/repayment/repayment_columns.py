"""Column specs, colours and Danish wording for the Afdragsordning tab's tables."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.repayment import InstalmentProgress, InstalmentStatus, PlannedInstalment
from boligdesk.budget.vocabulary import ArrearsKind, PlanStatus
from boligdesk.services.arrears import ArrearsRow
from boligdesk.services.plan_rows import PaymentRow, PlanView
from boligdesk.ui.shared.table_model import Column

GREEN = "#d8f0de"
YELLOW = "#fff1c4"
ORANGE = "#fde0c2"
RED = "#f6cdc9"

STATUS_COLOURS: dict[InstalmentStatus, str | None] = {
    InstalmentStatus.PAID: GREEN,
    InstalmentStatus.LATE: YELLOW,
    InstalmentStatus.PARTLY_PAID: ORANGE,
    InstalmentStatus.MISSING: RED,
    InstalmentStatus.NOT_YET_DUE: None,
}

PLAN_STATUS_COLOURS: dict[PlanStatus, str | None] = {
    PlanStatus.ACTIVE: None,
    PlanStatus.FULFILLED: GREEN,
    PlanStatus.BROKEN: RED,
    PlanStatus.SUPERSEDED: None,
    PlanStatus.DRAFT: None,
}


def month_text(day: dt.date | None) -> str:
    """``marts 2026``."""
    return "" if day is None else format_date(day, "MMMM y", locale="da_DK")


def _arrears_period(row: ArrearsRow) -> str:
    if row.period is None:
        return ""
    return month_text(row.period) if row.kind is ArrearsKind.RENT else format_short(row.period)


ARREARS_COLUMNS: tuple[Column[ArrearsRow], ...] = (
    Column("Type", lambda r: r.kind.label, width=95),
    Column("Periode", _arrears_period, width=95),
    Column("Tekst", lambda r: r.text, width=120),
    Column("Beløb", lambda r: r.amount.format(), align_right=True, width=95),
)


class ScheduleLine:
    """One schedule row with the rent beside it (for the "I alt" column)."""

    __slots__ = ("instalment", "rent")

    def __init__(self, instalment: PlannedInstalment, rent: Money) -> None:
        self.instalment = instalment
        self.rent = rent


SCHEDULE_COLUMNS: tuple[Column[ScheduleLine], ...] = (
    Column("Nr.", lambda r: str(r.instalment.seq), align_right=True, width=34),
    Column("Forfalder", lambda r: format_short(r.instalment.due_on), width=86),
    Column("Afdrag", lambda r: r.instalment.amount.format(), align_right=True, width=92),
    Column("Husleje", lambda r: r.rent.format() if r.rent else "", align_right=True, width=92),
    Column(
        "I alt",
        lambda r: (r.rent + r.instalment.amount).format(),
        align_right=True,
        width=92,
    ),
)


def _status_text(row: InstalmentProgress) -> str:
    return row.status.label


PROGRESS_COLUMNS: tuple[Column[InstalmentProgress], ...] = (
    Column("Nr.", lambda r: str(r.seq), align_right=True, width=34),
    Column("Forfalder", lambda r: format_short(r.due_on), width=84),
    Column("Afdrag", lambda r: r.amount.format(), align_right=True, width=88),
    Column("Betalt", lambda r: r.paid.format() if r.paid else "", align_right=True, width=88),
    Column(
        "Status",
        _status_text,
        background=lambda r: STATUS_COLOURS[r.status],
        tooltip=lambda r: r.explain(),
        width=110,
    ),
)


def payment_tooltip(row: PaymentRow) -> str:
    return f"Registreret af {row.registered_by}" if row.registered_by else ""


PAYMENT_COLUMNS: tuple[Column[PaymentRow], ...] = (
    Column("Dato", lambda r: format_short(r.paid_on), tooltip=payment_tooltip, width=86),
    Column("Beløb", lambda r: r.amount.format(), align_right=True, width=96),
    Column("Note", lambda r: r.note, width=120),
)


def _plan_agreed(row: PlanView) -> str:
    return format_short(row.agreed_on) if row.agreed_on else ""


HISTORY_COLUMNS: tuple[Column[PlanView], ...] = (
    Column("Ver.", lambda r: str(r.version), align_right=True, width=38),
    Column(
        "Status",
        lambda r: r.status.label,
        background=lambda r: PLAN_STATUS_COLOURS[r.status],
        width=120,
    ),
    Column("Aftalt", _plan_agreed, width=82),
    Column("Mdr.", lambda r: str(r.months), align_right=True, width=40),
    Column("Gæld", lambda r: r.debt.format(), align_right=True, width=100),
)
