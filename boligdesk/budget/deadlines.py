"""The eviction timeline (lejeloven § 182 and Danish practice) as pure functions.

Rules (DOMAIN.md §3):

1. Rent is due on the 1st. It is paid on time up to and including the **3rd hverdag** after the 1st.
2. A påkrav can be sent at the earliest the day after that. The tenant then has **14 days from receipt**;
   a deadline that falls on a day that is not a hverdag moves to the next hverdag. When the date of
   receipt is not known, BoligDesk counts from the date the påkrav was sent: that is the earliest the
   deadline can be, so the adviser is never told there is more time than there is.
3. Unpaid after the deadline → the landlord may terminate (ophævelse) from the next day.
4. After termination the landlord files with the fogedret; 3–6 weeks from termination to eviction is
   typical. BoligDesk shows that window as an *estimate* until a real hearing or eviction date is known.
5. A påkrav is answered when the arrears are covered or a repayment plan is agreed on or after the day it
   was sent (and is running or kept). Its deadline and "Ophævelse mulig fra" then stay in the timeline as
   history (:attr:`Deadline.superseded` says why) but call for nothing: they are never "overskredet" and
   never the case's next deadline. A plan marked broken (misligholdt) no longer answers the påkrav, so the
   påkrav's dates apply again; a plan agreed *before* the påkrav was sent answers an older debt, not this
   one. (The case's missed instalments are deadlines of their own, in Frister.)

A case's **next deadline** (the case header's »Næste frist« and the Sager list's column) is chosen by
one rule, :func:`choose_next`, from the case's deadlines: the timeline's (:func:`timeline_due`), its open
follow-ups (:func:`follow_up_deadline`), its plan's missed and next instalments
(``budget.repayment.plan_deadlines``) and, in the header, its applications. A passed deadline that could be missed comes first, then the next date to
come, and a passed date that cannot be missed only when nothing else is there (decisions §31, §46).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from boligdesk.budget.calendar import add_weekdays, format_short, holiday_name, next_weekday_on_or_after

PAYMENT_GRACE_WEEKDAYS = 3
REMINDER_DAYS = 14
TYPICAL_EVICTION_WEEKS = (3, 6)


class DeadlineKind(StrEnum):
    REMINDER_DEADLINE = "reminder_deadline"
    EARLIEST_TERMINATION = "earliest_termination"
    EXPECTED_EVICTION = "expected_eviction"
    HEARING = "hearing"
    EVICTION = "eviction"
    FOLLOW_UP = "follow_up"
    MISSED_INSTALMENT = "missed_instalment"
    INSTALMENT = "instalment"
    APPLICATION_ANSWER = "application_answer"
    APPLICATION_PENDING = "application_pending"
    APPEAL = "appeal"


DEADLINE_LABELS: dict[DeadlineKind, str] = {
    DeadlineKind.REMINDER_DEADLINE: "Påkravsfrist udløber",
    DeadlineKind.EARLIEST_TERMINATION: "Ophævelse mulig fra",
    DeadlineKind.EXPECTED_EVICTION: "Forventet udsættelse (skøn)",
    DeadlineKind.HEARING: "Retsmøde i fogedretten",
    DeadlineKind.EVICTION: "Udkørende fogedforretning",
    DeadlineKind.FOLLOW_UP: "Opfølgning",
    DeadlineKind.MISSED_INSTALMENT: "Manglende afdrag",
    DeadlineKind.INSTALMENT: "Afdrag forfalder",
    DeadlineKind.APPLICATION_ANSWER: "Svar på ansøgning ventes",
    DeadlineKind.APPLICATION_PENDING: "Ansøgning afventer svar",
    DeadlineKind.APPEAL: "Klagefrist",
}

#: Dates that open a possibility rather than close one: "Ophævelse mulig fra" is when the landlord *may*
#: terminate. Once passed it is a state of the case, never a deadline someone missed ("overskredet").
#: An application still waiting, with no answer date, is dated by when it was sent: it ages, it is not missed.
NOT_MISSABLE: frozenset[DeadlineKind] = frozenset(
    {DeadlineKind.EARLIEST_TERMINATION, DeadlineKind.APPLICATION_PENDING}
)


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: DeadlineKind
    date: dt.date
    explanation: str = ""
    computed: bool = True
    case_id: str | None = None
    #: Why the date no longer calls for action (rule 5), e.g. "Afdragsordning aftalt 12.08.2026"; "" if it does.
    superseded: str = ""
    #: The text shown when the kind's label alone does not say which, e.g. "Manglende afdrag nr. 3".
    what: str = ""

    @property
    def label(self) -> str:
        return self.what or DEADLINE_LABELS[self.kind]

    def days_left(self, today: dt.date) -> int:
        return (self.date - today).days

    @property
    def missable(self) -> bool:
        """False for a date that opens a possibility (:data:`NOT_MISSABLE`): it can pass, not be missed;
        and for a date something later has answered (:attr:`superseded`)."""
        return self.kind not in NOT_MISSABLE and not self.superseded

    def missed(self, today: dt.date) -> bool:
        """True when the date has passed and it was a deadline (not "Ophævelse mulig fra")."""
        return self.missable and self.days_left(today) < 0


def rent_due_date(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


@lru_cache(maxsize=256)  # a plan's instalments are due on the same few days: the 1st of each month
def last_on_time_payment_day(year: int, month: int) -> dt.date:
    """Rent for the month counts as paid on time up to this day (3rd hverdag after the 1st)."""
    return add_weekdays(rent_due_date(year, month), PAYMENT_GRACE_WEEKDAYS)


def earliest_reminder_date(year: int, month: int) -> dt.date:
    """The first day a påkrav may be sent for the month's rent."""
    return last_on_time_payment_day(year, month) + dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ReminderDeadline:
    deadline: dt.date
    counted_from: dt.date
    counted_from_receipt: bool
    moved_because: str | None

    def explain(self) -> str:
        basis = "modtagelse" if self.counted_from_receipt else "afsendelse (modtagelsesdato ukendt)"
        text = f"14 dage fra {basis} {format_short(self.counted_from)}"
        if self.moved_because:
            text += f"; flyttet til næste hverdag, da fristen faldt på {self.moved_because}"
        return text


def reminder_deadline(sent_on: dt.date, received_on: dt.date | None = None) -> ReminderDeadline:
    """The last day to pay after a påkrav (14 days from receipt, moved to the next hverdag)."""
    start = received_on or sent_on
    raw = start + dt.timedelta(days=REMINDER_DAYS)
    moved = next_weekday_on_or_after(raw)
    reason = None
    if moved != raw:
        name = holiday_name(raw)
        reason = name.lower() if name else ("en lørdag" if raw.weekday() == 5 else "en søndag")
    return ReminderDeadline(moved, start, received_on is not None, reason)


def earliest_termination_date(sent_on: dt.date, received_on: dt.date | None = None) -> dt.date:
    return reminder_deadline(sent_on, received_on).deadline + dt.timedelta(days=1)


def expected_eviction_window(termination_on: dt.date) -> tuple[dt.date, dt.date]:
    """Typical window for the eviction after a termination (an estimate, not a ruling)."""
    low, high = TYPICAL_EVICTION_WEEKS
    return termination_on + dt.timedelta(weeks=low), termination_on + dt.timedelta(weeks=high)


@dataclass(frozen=True, slots=True)
class TimelineFacts:
    """The dates registered on a case; all optional."""

    reminder_sent_on: dt.date | None = None
    reminder_received_on: dt.date | None = None
    termination_on: dt.date | None = None
    bailiff_request_on: dt.date | None = None
    hearing_on: dt.date | None = None
    eviction_on: dt.date | None = None
    rescheduled_eviction_on: dt.date | None = None
    withdrawn_on: dt.date | None = None
    follow_up_on: dt.date | None = None
    #: The day the case's repayment plan in force (running or kept, not broken) was agreed.
    plan_agreed_on: dt.date | None = None
    #: The arrears have been covered (by the tenant, the kommune, a plan, …).
    arrears_covered: bool = False


def reminder_answered(facts: TimelineFacts) -> str:
    """Why the påkrav no longer calls for action (rule 5), or "" while it does."""
    if facts.reminder_sent_on is None:
        return ""
    if facts.arrears_covered:
        return "Restancen er dækket"
    if facts.plan_agreed_on is not None and facts.plan_agreed_on >= facts.reminder_sent_on:
        return f"Afdragsordning aftalt {format_short(facts.plan_agreed_on)}"
    return ""


def timeline(facts: TimelineFacts) -> list[Deadline]:
    """Every deadline that follows from the facts, in date order. A withdrawn case has none."""
    if facts.withdrawn_on is not None:
        return []
    result: list[Deadline] = []
    if facts.reminder_sent_on is not None and facts.termination_on is None:
        rd = reminder_deadline(facts.reminder_sent_on, facts.reminder_received_on)
        answered = reminder_answered(facts)
        result.append(
            Deadline(DeadlineKind.REMINDER_DEADLINE, rd.deadline, rd.explain(), superseded=answered)
        )
        result.append(
            Deadline(
                DeadlineKind.EARLIEST_TERMINATION,
                rd.deadline + dt.timedelta(days=1),
                "Dagen efter påkravsfristen, hvis restancen ikke er betalt",
                superseded=answered,
            )
        )
    if facts.hearing_on is not None:
        result.append(Deadline(DeadlineKind.HEARING, facts.hearing_on, "Registreret dato", computed=False))
    eviction = facts.rescheduled_eviction_on or facts.eviction_on
    if eviction is not None:
        note = "Omberammet dato" if facts.rescheduled_eviction_on else "Registreret dato"
        result.append(Deadline(DeadlineKind.EVICTION, eviction, note, computed=False))
    elif facts.termination_on is not None and facts.hearing_on is None:
        # Once the court has set a hearing, the hearing is the next real date; the estimate would mislead.
        low, high = expected_eviction_window(facts.termination_on)
        result.append(
            Deadline(
                DeadlineKind.EXPECTED_EVICTION,
                low,
                f"Typisk 3–6 uger efter ophævelsen: {format_short(low)}–{format_short(high)}",
            )
        )
    if facts.follow_up_on is not None:
        result.append(follow_up_deadline(facts.follow_up_on))
    result.sort(key=lambda d: d.date)
    return result


def actionable(items: list[Deadline]) -> list[Deadline]:
    """The ``items`` that still call for action: not answered by a plan or covered arrears (rule 5)."""
    return [d for d in items if not d.superseded]


def latest_passed(items: list[Deadline]) -> Deadline | None:
    """The latest of passed ``items`` worth showing: a missed deadline before a passed possibility.
    A superseded date (rule 5) is never chosen."""
    items = actionable(items)
    missable = [d for d in items if d.missable]
    chosen = missable or items
    return chosen[-1] if chosen else None


def next_deadline(facts: TimelineFacts, today: dt.date) -> Deadline | None:
    """The first deadline on or after ``today``; if all have passed, the latest passed (missable) one.
    Superseded dates (rule 5) are left out."""
    items = actionable(timeline(facts))
    upcoming = [d for d in items if d.date >= today]
    return upcoming[0] if upcoming else latest_passed(items)


def timeline_due(facts: TimelineFacts, today: dt.date) -> list[Deadline]:
    """The timeline's deadlines a case lists (Frister, the header, the Sager list): every actionable one
    from ``today`` on; when all have passed, the latest passed one (so a case whose eviction date has gone
    by stays red until someone closes it)."""
    items = actionable(timeline(facts))
    upcoming = [d for d in items if d.date >= today]
    if upcoming:
        return upcoming
    passed = latest_passed(items)
    return [] if passed is None else [passed]


def follow_up_deadline(due_on: dt.date, text: str = "") -> Deadline:
    """An open follow-up as a deadline (``text``: what the adviser wrote, shown after »Opfølgning:«)."""
    what = f"{DEADLINE_LABELS[DeadlineKind.FOLLOW_UP]}: {text}" if text else ""
    return Deadline(DeadlineKind.FOLLOW_UP, due_on, "Aftalt opfølgning", computed=False, what=what)


#: Same day: the more serious deadline first (Frister's order, and the choice of a case's next deadline).
KIND_RANK: dict[DeadlineKind, int] = {
    DeadlineKind.EVICTION: 0,
    DeadlineKind.HEARING: 1,
    DeadlineKind.REMINDER_DEADLINE: 2,
    DeadlineKind.MISSED_INSTALMENT: 3,
    DeadlineKind.EARLIEST_TERMINATION: 4,
    DeadlineKind.EXPECTED_EVICTION: 5,
    DeadlineKind.INSTALMENT: 6,
    DeadlineKind.FOLLOW_UP: 7,
    DeadlineKind.APPEAL: 8,
    DeadlineKind.APPLICATION_ANSWER: 9,
    DeadlineKind.APPLICATION_PENDING: 10,
}


def choice_rank(kind: DeadlineKind, days_left: int) -> int:
    """Which of a case's deadlines is its next one, first by this: 0 a passed deadline that could be
    missed, 1 a date to come (today included), 2 a passed date that cannot be missed."""
    if days_left >= 0:
        return 1
    return 2 if kind in NOT_MISSABLE else 0


def choose_next(items: Iterable[Deadline], today: dt.date) -> Deadline | None:
    """The one deadline to show for a case (the header and the Sager list): by :func:`choice_rank`, then
    date, then how serious the kind is (:data:`KIND_RANK`), then the text. ``items`` are actionable."""
    return min(
        items,
        key=lambda d: (choice_rank(d.kind, d.days_left(today)), d.date, KIND_RANK[d.kind], d.label),
        default=None,
    )


def is_urgent(deadline: Deadline | None, today: dt.date, within_days: int = 7) -> bool:
    """Urgent = a deadline within ``within_days`` days, or already passed."""
    return deadline is not None and deadline.days_left(today) <= within_days
