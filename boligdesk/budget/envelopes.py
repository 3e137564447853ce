"""The 4-ugers kuvertsystem: the month's daily money split into four weekly envelopes.

The rules, as the adviser explains them at the kitchen table:

* **The period** runs from the pay day to the day before the next pay day. Unless given, the next pay
  day is found like this: a pay day on the **last bank day of its month** (kontanthjælp and most
  salaries) is followed by the last bank day of the next month (27 February 2026 → 31 March 2026, a
  32-day period); any other pay day by the same date next month, clamped to the month's end (31
  January 2025 → 28 February 2025). The money
  for the period **is one month of daily money**: the budget's monthly daily-money figure (the sum of
  the expense lines marked as daily money), not a figure scaled by the number of days.
* **The four weeks** start on the chosen start date (e.g. the first Monday on or after the pay day)
  and last 7 days each, so they cover 28 days. The start date must lie between the pay day and the
  last day that lets all four weeks end inside the period.
* **The 0–3 leftover days** (restdage) of the period outside the four weeks follow an explicit rule:

  - ``extra_envelope``: a small extra envelope "Restdage" for those days. Days before week 1 get
    their own envelope "Restdage før uge 1". The money is split **in proportion to the days** each
    envelope covers (7, 7, 7, 7 and 1–3), so every day has the same money.
  - ``spread``: no extra envelope. The money for the leftover days is **spread over the four**
    envelopes: each week gets exactly a quarter of the month, and the leftover days are listed on the
    plan with a note that they must be covered from what is saved in the weeks.

* **Rounding**: every envelope except the last is a whole multiple of the payout unit (1 kr., 10 kr. or
  50 kr.), allocated by largest remainder (:func:`boligdesk.budget.money.allocate_in_units`). The part
  of the month's money that is not a whole number of units (the *afrundingsrest*, less than one unit)
  goes into the **last** envelope, so the envelopes always add up exactly to the month's money and
  the plan says where the rest went.

Worked example: 4.000 kr., 50 kr. notes, 31-day period starting on the pay day, extra envelope.
4.000 kr. is 80 notes; days 7, 7, 7, 7, 3 of 31. 80 × 7 / 31 = 18,06 → 18 notes per week (900 kr.),
80 × 3 / 31 = 7,74 → 7 notes; 4 × 18 + 7 = 79, so the one note left goes to the largest remainder
(the restdage, ,74): 900 + 900 + 900 + 900 + 400 = 4.000 kr.

**Carry-over**: when the actual spending of an envelope is registered, what is left (or overspent) is
carried into the next envelope, so "available" = amount + carried in. An envelope without registered
spending carries nothing on yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from boligdesk.budget.calendar import add_months, format_short, last_bank_day_of_month
from boligdesk.budget.money import Money, allocate_in_units
from boligdesk.errors import UserInputError

EXTRA_ENVELOPE = "extra_envelope"
SPREAD = "spread"
LEFTOVER_RULES: tuple[str, ...] = (EXTRA_ENVELOPE, SPREAD)

WEEKS = 4
WEEK_DAYS = 7

#: Payout units the adviser can choose, in øre, with their Danish labels.
ROUNDING_UNITS: dict[int, str] = {100: "Hele kroner", 1000: "10 kr.", 5000: "50 kr."}
#: The same units as they read inside a sentence ("rundet af til hele 50 kr.").
_UNIT_PHRASES: dict[int, str] = {100: "hele kroner", 1000: "hele 10 kr.", 5000: "hele 50 kr."}


@dataclass(frozen=True, slots=True)
class EnvelopeSettings:
    """What the adviser chooses for one period."""

    monthly_daily_money: Money
    pay_day: dt.date
    start_on: dt.date
    rounding_unit: Money = Money(100)
    leftover_rule: str = EXTRA_ENVELOPE
    purposes: tuple[str, ...] = ()
    next_pay_day: dt.date | None = None

    @property
    def period_last(self) -> dt.date:
        """The day before the next pay day."""
        return (self.next_pay_day or next_pay_day_after(self.pay_day)) - dt.timedelta(days=1)


def current_pay_day(today: dt.date) -> dt.date:
    """The pay day that began the pay period ``today`` is in (kontanthjælp is paid on the last bank day of
    the month): this month's if it has come, else last month's. The envelope dialog offers this period."""
    day = last_bank_day_of_month(today.year, today.month)
    if day <= today:
        return day
    previous = add_months(dt.date(today.year, today.month, 1), -1)
    return last_bank_day_of_month(previous.year, previous.month)


def next_pay_day_after(pay_day: dt.date) -> dt.date:
    """The next pay day: next month's last bank day after a last-bank-day pay day, else the same date."""
    if pay_day == last_bank_day_of_month(pay_day.year, pay_day.month):
        following = add_months(dt.date(pay_day.year, pay_day.month, 1), 1)
        return last_bank_day_of_month(following.year, following.month)
    return add_months(pay_day, 1)


@dataclass(frozen=True, slots=True)
class Envelope:
    index: int
    label: str
    first_day: dt.date
    last_day: dt.date
    amount: Money
    purposes: tuple[str, ...]
    is_leftover_days: bool = False

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def dates_text(self) -> str:
        if self.first_day == self.last_day:
            return format_short(self.first_day)
        return f"{format_short(self.first_day)}–{format_short(self.last_day)}"


@dataclass(frozen=True, slots=True)
class EnvelopePlanResult:
    """The envelopes for one period and how the money was split."""

    period_first: dt.date
    period_last: dt.date
    total: Money
    envelopes: tuple[Envelope, ...]
    rounding_unit: Money
    rounding_rest: Money
    leftover_rule: str
    uncovered_days: tuple[dt.date, ...] = ()

    @property
    def period_days(self) -> int:
        return (self.period_last - self.period_first).days + 1

    @property
    def leftover_days(self) -> int:
        return self.period_days - WEEKS * WEEK_DAYS

    @property
    def rest_envelope(self) -> Envelope | None:
        """The envelope holding the rounding rest (None when there is no rest)."""
        return self.envelopes[-1] if self.rounding_rest and self.envelopes else None

    def explanation(self) -> list[str]:
        """Danish sentences explaining the split, for the dialog and the printout."""
        unit = _UNIT_PHRASES.get(self.rounding_unit.ore, f"hele {self.rounding_unit.format()}")
        lines = [
            f"Perioden {format_short(self.period_first)}–{format_short(self.period_last)} "
            f"({self.period_days} dage) har {self.total.format()} til dagligvarer.",
        ]
        if self.leftover_days <= 0:
            lines.append("De fire uger dækker hele perioden; der er ingen restdage.")
        elif self.leftover_rule == EXTRA_ENVELOPE:
            lines.append(
                f"De {self.leftover_days} dage uden for de fire uger har deres egen kuvert; "
                "pengene er fordelt efter antal dage."
            )
        else:
            days = ", ".join(format_short(d) for d in self.uncovered_days)
            lines.append(
                f"Der er ingen kuvert til de {self.leftover_days} restdage ({days}): pengene til dem er fordelt "
                "på de fire kuverter, som hver får en fjerdedel. Spar lidt op hver uge til restdagene."
            )
        rest = self.rest_envelope
        if rest is not None:
            lines.append(
                f"Beløbene er rundet af til {unit}, og afrundingsresten på {self.rounding_rest.format()} "
                f"(den del der ikke går op) er lagt i den sidste kuvert, »{rest.label}«."
            )
        else:
            lines.append(f"Beløbene er rundet af til {unit} og går op.")
        return lines


def validate_settings(settings: EnvelopeSettings) -> None:
    """Raise :class:`UserInputError` (Danish message) for settings that give no sensible plan."""
    if settings.monthly_daily_money.is_negative():
        raise UserInputError(
            "monthly_daily_money", "envelopes.negative_money", "Dagligvarepengene kan ikke være negative."
        )
    if settings.rounding_unit.ore <= 0:
        raise UserInputError("rounding_unit", "envelopes.bad_unit", "Vælg hvad der afrundes til.")
    if settings.leftover_rule not in LEFTOVER_RULES:
        raise UserInputError("leftover_rule", "envelopes.bad_rule", "Vælg hvad der skal ske med restdagene.")
    last = settings.period_last
    period_days = (last - settings.pay_day).days + 1
    if period_days < WEEKS * WEEK_DAYS:
        raise UserInputError(
            "next_pay_day",
            "envelopes.period_too_short",
            "Perioden fra lønningsdag til næste lønningsdag er kortere end fire uger.",
        )
    latest_start = last - dt.timedelta(days=WEEKS * WEEK_DAYS - 1)
    if not settings.pay_day <= settings.start_on <= latest_start:
        raise UserInputError(
            "start_on",
            "envelopes.start_outside_period",
            f"Startdatoen skal ligge mellem {format_short(settings.pay_day)} og {format_short(latest_start)}, "
            "så de fire uger ligger inden for perioden fra lønningsdag til dagen før næste lønningsdag.",
            {"earliest": settings.pay_day.isoformat(), "latest": latest_start.isoformat()},
        )


def first_monday_on_or_after(day: dt.date) -> dt.date:
    """A sensible default start: the first Monday on or after ``day`` (envelopes open on Mondays)."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def default_start(pay_day: dt.date, next_pay_day: dt.date | None = None) -> dt.date:
    """The first Monday on or after the pay day if the four weeks still fit, else the pay day."""
    following = next_pay_day or next_pay_day_after(pay_day)
    latest = following - dt.timedelta(days=WEEKS * WEEK_DAYS)
    monday = first_monday_on_or_after(pay_day)
    return monday if monday <= latest else pay_day


def plan_envelopes(settings: EnvelopeSettings) -> EnvelopePlanResult:
    """Split the month's daily money into envelopes (see the module docstring for every rule)."""
    validate_settings(settings)
    first, last = settings.pay_day, settings.period_last
    start = settings.start_on
    weeks_end = start + dt.timedelta(days=WEEKS * WEEK_DAYS - 1)
    before = (start - first).days
    after = (last - weeks_end).days
    purposes = settings.purposes

    slots: list[tuple[str, dt.date, dt.date, bool]] = []
    uncovered: list[dt.date] = []
    extra = settings.leftover_rule == EXTRA_ENVELOPE
    if before and extra:
        slots.append(("Restdage før uge 1", first, start - dt.timedelta(days=1), True))
    for week in range(WEEKS):
        week_first = start + dt.timedelta(days=WEEK_DAYS * week)
        slots.append((f"Uge {week + 1}", week_first, week_first + dt.timedelta(days=WEEK_DAYS - 1), False))
    if after and extra:
        slots.append(("Restdage", weeks_end + dt.timedelta(days=1), last, True))
    if not extra:
        uncovered = [first + dt.timedelta(days=i) for i in range(before)]
        uncovered += [weeks_end + dt.timedelta(days=i + 1) for i in range(after)]

    weights = [(slot_last - slot_first).days + 1 if extra else 1 for _, slot_first, slot_last, _ in slots]
    unit = settings.rounding_unit
    amounts = allocate_in_units(settings.monthly_daily_money, weights, unit.ore)
    envelopes = tuple(
        Envelope(i + 1, label, slot_first, slot_last, amount, purposes, is_leftover)
        for i, ((label, slot_first, slot_last, is_leftover), amount) in enumerate(
            zip(slots, amounts, strict=True)
        )
    )
    rest = Money(settings.monthly_daily_money.ore % unit.ore)
    return EnvelopePlanResult(
        period_first=first,
        period_last=last,
        total=settings.monthly_daily_money,
        envelopes=envelopes,
        rounding_unit=unit,
        rounding_rest=rest,
        leftover_rule=settings.leftover_rule,
        uncovered_days=tuple(uncovered),
    )


@dataclass(frozen=True, slots=True)
class EnvelopeStatus:
    """One envelope with what was carried in from the previous one and what was spent."""

    envelope: Envelope
    carried_in: Money
    spent: Money | None

    @property
    def available(self) -> Money:
        return self.envelope.amount + self.carried_in

    @property
    def left(self) -> Money | None:
        """Available − spent (negative: overspent); None until the spending is registered."""
        return None if self.spent is None else self.available - self.spent

    @property
    def carried_in_text(self) -> str:
        if not self.carried_in:
            return ""
        sign = "+" if self.carried_in.ore > 0 else "−"
        return f"{sign}{abs(self.carried_in).format()}"


def carry_over(envelopes: Sequence[Envelope], spent: Mapping[int, Money]) -> tuple[EnvelopeStatus, ...]:
    """Each envelope's status: the leftover/overspend of a registered envelope moves to the next one.

    ``spent`` maps envelope index to the amount actually spent. An envelope without registered
    spending passes nothing on (its own carry-in stays in it until its spending is registered).
    """
    statuses: list[EnvelopeStatus] = []
    carry = Money(0)
    for envelope in envelopes:
        status = EnvelopeStatus(envelope, carry, spent.get(envelope.index))
        statuses.append(status)
        left = status.left
        carry = left if left is not None else Money(0)
    return tuple(statuses)


def period_result(statuses: Sequence[EnvelopeStatus]) -> Money | None:
    """What is left (negative: overspent) after the last envelope, once its spending is registered."""
    if not statuses:
        return None
    return statuses[-1].left
