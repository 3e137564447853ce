"""The eviction timeline of lejeloven § 182: its dates, times and amounts, and what follows from them.

Reading: :func:`compute_timeline` turns the registered dates into the deadlines that follow from the
rules (the påkrav deadline and why it moved, the earliest termination, the expected eviction window),
with warnings about odd registrations (a termination before the påkrav ran out, a fee above the
maximum, parts that do not add up to the registered arrears).

Saving: ``desk.timeline.set_field`` refuses impossible orders (a termination before the påkrav, …) with
a Danish message and saves nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from boligdesk.budget.calendar import format_short, holiday_name, is_weekday
from boligdesk.budget.deadlines import (
    Deadline,
    ReminderDeadline,
    TimelineFacts,
    expected_eviction_window,
    next_deadline,
    reminder_deadline,
    timeline,
)
from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import RateBook
from boligdesk.budget.rates import DatedRate, fee_rate
from boligdesk.errors import UserInputError
from boligdesk.models import Case
from boligdesk.services.arrears import ArrearsRow, arrears_total
from boligdesk.services.cases import CASE_FIELDS
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live
from boligdesk.services.fields import Context
from boligdesk.services.values import not_ancient, not_far_ahead, optional_date, require_type

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


@dataclass(frozen=True, slots=True)
class TimelineInfo:
    arrears: Money
    reminder_fee: Money
    reminder_sent_on: dt.date | None
    reminder_received_on: dt.date | None
    termination_on: dt.date | None
    bailiff_request_on: dt.date | None
    hearing_on: dt.date | None
    eviction_on: dt.date | None
    eviction_time_from: dt.time | None
    eviction_time_to: dt.time | None
    rescheduled_eviction_on: dt.date | None
    withdrawn_on: dt.date | None

    @classmethod
    def of(cls, case: Case) -> TimelineInfo:
        return cls(
            arrears=case.arrears,
            reminder_fee=case.reminder_fee,
            reminder_sent_on=case.reminder_sent_on,
            reminder_received_on=case.reminder_received_on,
            termination_on=case.termination_on,
            bailiff_request_on=case.bailiff_request_on,
            hearing_on=case.hearing_on,
            eviction_on=case.eviction_on,
            eviction_time_from=case.eviction_time_from,
            eviction_time_to=case.eviction_time_to,
            rescheduled_eviction_on=case.rescheduled_eviction_on,
            withdrawn_on=case.withdrawn_on,
        )


@dataclass(frozen=True, slots=True)
class ComputedTimeline:
    """Dates that follow from the rules, with explanations, and warnings about odd registrations."""

    deadlines: tuple[Deadline, ...]
    next_deadline: Deadline | None
    reminder_deadline: ReminderDeadline | None
    earliest_termination: dt.date | None
    expected_eviction: tuple[dt.date, dt.date] | None
    max_reminder_fee: DatedRate | None
    arrears_items_total: Money
    warnings: tuple[str, ...]


def _max_fee(info: TimelineInfo, today: dt.date, book: RateBook | None = None) -> DatedRate | None:
    try:
        return fee_rate("reminder_fee", info.reminder_sent_on or today, book=book)
    except LookupError:
        return None


#: Dates set by the bailiff's court: it does not sit on a weekend or a public holiday.
_COURT_DATES = (
    ("hearing_on", "Retsmødet"),
    ("eviction_on", "Udsættelsen"),
    ("rescheduled_eviction_on", "Den omberammede udsættelse"),
)


def day_off_name(day: dt.date) -> str | None:
    """ "en lørdag", "en søndag" or the holiday's name ("2. juledag") when ``day`` is not a hverdag."""
    if is_weekday(day):
        return None
    name = holiday_name(day)
    if name:
        return name.lower()
    return {5: "en lørdag", 6: "en søndag"}.get(day.weekday(), "en helligdag")


def timeline_warnings(
    info: TimelineInfo, items: Sequence[ArrearsRow], today: dt.date, book: RateBook | None = None
) -> list[str]:
    """Odd registrations the adviser should check."""
    warnings: list[str] = []
    for field, what in _COURT_DATES:
        day: dt.date | None = getattr(info, field)
        off = day_off_name(day) if day is not None else None
        if day is not None and off is not None:
            warnings.append(
                f"{what} er registreret {format_short(day)}, som er {off}. Fogedretten holder ikke "
                "møde på weekend- og helligdage: tjek datoen i brevet fra fogedretten."
            )
    if info.termination_on is not None and info.termination_on > today:
        warnings.append(
            f"Ophævelsen er dateret {format_short(info.termination_on)}, som ligger efter i dag. "
            "Tjek datoen på ophævelsesbrevet."
        )
    if info.reminder_sent_on is not None and info.termination_on is not None:
        rd = reminder_deadline(info.reminder_sent_on, info.reminder_received_on)
        if info.termination_on <= rd.deadline:
            warnings.append(
                f"Ophævelsen er dateret {format_short(info.termination_on)}, før påkravsfristen udløb "
                f"({format_short(rd.deadline)}). Tjek om ophævelsen er gyldig."
            )
    if info.reminder_fee:
        rate = _max_fee(info, today, book)
        if rate is not None and info.reminder_fee > rate.amount:
            warnings.append(
                f"Påkravsgebyret ({info.reminder_fee.format()}) er højere end det højeste tilladte "
                f"({rate.amount.format()} fra {rate.valid_from.year}). Tjek påkravet."
            )
    items_total = arrears_total(items)
    if items and items_total != info.arrears:
        warnings.append(
            f"Posterne summer til {items_total.format()}, men restancen er registreret som "
            f"{info.arrears.format()}"
        )
    return warnings


def compute_timeline(
    facts: TimelineFacts,
    info: TimelineInfo,
    items: Sequence[ArrearsRow],
    today: dt.date,
    *,
    closed: bool,
    book: RateBook | None = None,
) -> ComputedTimeline:
    """What follows from the registered dates (``facts``, which include the next follow-up)."""
    rd = (
        reminder_deadline(info.reminder_sent_on, info.reminder_received_on) if info.reminder_sent_on else None
    )
    expected = None
    if info.termination_on is not None and info.eviction_on is None and info.withdrawn_on is None:
        expected = expected_eviction_window(info.termination_on)
    return ComputedTimeline(
        deadlines=tuple(timeline(facts)),
        next_deadline=None if closed else next_deadline(facts, today),
        reminder_deadline=rd,
        earliest_termination=rd.deadline + dt.timedelta(days=1) if rd else None,
        expected_eviction=expected,
        max_reminder_fee=_max_fee(info, today, book),
        arrears_items_total=arrears_total(items),
        warnings=tuple(timeline_warnings(info, items, today, book)),
    )


# =====================================================================================================
# Saving
# =====================================================================================================

TimelineDateField = Literal[
    "reminder_sent_on",
    "reminder_received_on",
    "termination_on",
    "bailiff_request_on",
    "hearing_on",
    "eviction_on",
    "rescheduled_eviction_on",
    "withdrawn_on",
]
TimelineField = Literal[
    TimelineDateField,
    "eviction_time_from",
    "eviction_time_to",
    "arrears",
    "reminder_fee",
]

# The events of §3 in the order they can happen, with a Danish noun phrase for messages.
_EVENT_ORDER: tuple[tuple[TimelineDateField, str], ...] = (
    ("reminder_sent_on", "afsendelsen af påkravet"),
    ("reminder_received_on", "modtagelsen af påkravet"),
    ("termination_on", "ophævelsen"),
    ("bailiff_request_on", "fogedrekvisitionen"),
    ("hearing_on", "retsmødet"),
    ("eviction_on", "udsættelsen"),
    ("rescheduled_eviction_on", "den omberammede udsættelse"),
)
_WITHDRAWAL_AFTER: tuple[TimelineDateField, ...] = ("reminder_sent_on", "termination_on")
_NOUNS: dict[str, str] = {**dict(_EVENT_ORDER), "withdrawn_on": "tilbagekaldelsen"}
_PAST_ONLY: dict[str, str] = {
    "reminder_sent_on": "Påkravet kan ikke være sendt i fremtiden.",
    "reminder_received_on": "Påkravet kan ikke være modtaget i fremtiden.",
    "withdrawn_on": "Tilbagekaldelsen kan ikke registreres i fremtiden.",
}
_TIME_RE = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?$")


def parse_clock_time(text: str, *, field: str = "time") -> dt.time | None:
    """``9``, ``9.30``, ``09:30`` → a time; empty → None. Raises :class:`UserInputError` otherwise."""
    raw = (text or "").strip()
    if not raw:
        return None
    match = _TIME_RE.match(raw)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise UserInputError(
        field, "time.invalid", f"»{raw}« er ikke et klokkeslæt. Skriv fx 9.00 eller 13:30.", {"text": raw}
    )


def _order_error(
    field: str, changed: str, other: str, other_day: dt.date, changed_is_later: bool
) -> UserInputError:
    this = _NOUNS[changed]
    that = _NOUNS[other]
    relation = "før" if changed_is_later else "efter"
    return UserInputError(
        field,
        "timeline.order",
        f"{this[0].upper()}{this[1:]} kan ikke ligge {relation} {that} ({format_short(other_day)}).",
        {"other": other, "other_date": other_day.isoformat()},
    )


def validate_timeline_date(
    dates: dict[str, dt.date | None], field: TimelineDateField, value: dt.date | None, today: dt.date
) -> None:
    """Check a new value for one timeline date against the case's other dates (impossible orders)."""
    if value is None:
        return
    what = _NOUNS[field][0].upper() + _NOUNS[field][1:]
    not_ancient(value, field, what)
    if field in _PAST_ONLY and value > today:
        raise UserInputError(field, "timeline.in_future", _PAST_ONLY[field])
    not_far_ahead(value, today, field, what)
    if field == "rescheduled_eviction_on":
        original = dates.get("eviction_on")
        if original is None:
            raise UserInputError(
                field,
                "timeline.reschedule_without_eviction",
                "Registrér først den oprindelige udsættelsesdato.",
            )
        if value <= original:
            raise UserInputError(
                field,
                "timeline.reschedule_not_later",
                f"Den omberammede udsættelse skal ligge efter den oprindelige dato ({format_short(original)}).",
                {"other_date": original.isoformat()},
            )
    order = [name for name, _ in _EVENT_ORDER]
    if field in order:
        index = order.index(field)
        for other in reversed(order[:index]):
            other_day = dates.get(other)
            if other_day is not None and value < other_day:
                raise _order_error(field, field, other, other_day, changed_is_later=True)
        for other in order[index + 1 :]:
            other_day = dates.get(other)
            if other_day is not None and value > other_day:
                raise _order_error(field, field, other, other_day, changed_is_later=False)
        if field in _WITHDRAWAL_AFTER:
            withdrawn = dates.get("withdrawn_on")
            if withdrawn is not None and value > withdrawn:
                raise _order_error(field, field, "withdrawn_on", withdrawn, changed_is_later=False)
    if field == "withdrawn_on":
        for other in _WITHDRAWAL_AFTER:
            other_day = dates.get(other)
            if other_day is not None and value < other_day:
                raise _order_error(field, field, other, other_day, changed_is_later=True)


def _timeline_dates(case: Case) -> dict[str, dt.date | None]:
    return {name: getattr(case, name) for name in (*(n for n, _ in _EVENT_ORDER), "withdrawn_on")}


def _check_value(case: Case, field: TimelineField, value: object, today: dt.date) -> None:
    if field == "arrears":
        require_type(value, Money, field)
        CASE_FIELDS["arrears"].parse(value, Context(today))  # the bounds "Ny sag" and the import use
    elif field == "reminder_fee":
        require_type(value, Money, field)
        assert isinstance(value, Money)
        if value.is_negative():
            raise UserInputError(field, "money.negative", "Gebyret kan ikke være negativt.")
    elif field in ("eviction_time_from", "eviction_time_to"):
        if value is not None:
            require_type(value, dt.time, field)
        start = value if field == "eviction_time_from" else case.eviction_time_from
        end = value if field == "eviction_time_to" else case.eviction_time_to
        if isinstance(start, dt.time) and isinstance(end, dt.time) and end <= start:
            raise UserInputError(
                field, "timeline.time_window", "Tidsrummet skal slutte senere, end det begynder."
            )
    else:
        day = optional_date(value, field)
        validate_timeline_date(_timeline_dates(case), cast(TimelineDateField, field), day, today)
        if day is None and field == "eviction_on" and case.rescheduled_eviction_on is not None:
            raise UserInputError(
                field,
                "timeline.eviction_needed",
                "Udsættelsesdatoen kan ikke fjernes, så længe der er en omberammet dato. Fjern den først.",
            )


class TimelineService:
    """``desk.timeline``: the dates, times and amounts of the eviction timeline."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def set_field(self, case_id: str, field: TimelineField, value: object) -> Changes:
        """Change a date, time or amount of the eviction timeline; impossible orders are refused."""
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            _check_value(case, field, value, self._desk.today())
            setattr(case, field, value)
        if field == "arrears":
            return Changes.of(case_id, Part.TIMELINE, Part.ARREARS)
        return Changes.of(case_id, Part.TIMELINE)
