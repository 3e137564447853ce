"""``desk.applications``: applications made with or for the tenant, the decisions, and appeal deadlines.

An application says what was applied for (:class:`~boligdesk.budget.cooperation.ApplicationKind`), to
whom, when it was sent, perhaps the amount and the date an answer is due, and the letter that was sent.
The decision adds what was decided, its date, the date the citizen received it and the amount granted.
The appeal deadline is computed from the dated rule for that kind of decision
(:mod:`boligdesk.budget.appeals`); with no rule it is "ukendt", never guessed.

Under Frister: a pending application (on its answer date, or on the date it was sent when no answer date
is known) and the appeal deadline of a refusal or partial grant until it has passed by a week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from boligdesk.budget.appeals import AppealDeadline, appeal_deadline
from boligdesk.budget.calendar import format_short
from boligdesk.budget.cooperation import ApplicationKind, Decision
from boligdesk.budget.deadlines import DEADLINE_LABELS, DeadlineKind
from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.models import Application, Case, GeneratedLetter
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import NotFoundError, live
from boligdesk.services.fields import (
    Context,
    Field,
    FieldTable,
    Kind,
    Limit,
    PersonalData,
    not_after_today,
    not_before_year,
    not_far_ahead,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from boligdesk.services.desk import Desk

#: An application changes Frister (timeline) and, through a grant applied to the arrears, the plan's debt.
_PARTS = (Part.APPLICATIONS, Part.TIMELINE, Part.PLAN, Part.ARREARS)

#: A passed appeal deadline stays under Frister this many days (so a missed one is seen), then drops off.
APPEAL_SHOWN_AFTER_DAYS = 7

_NOT_NEGATIVE = Limit(Money(0), "money.negative", "Beløbet kan ikke være negativt.")
_TOO_LARGE = Limit(Money.kr(10_000_000), "money.too_large", "Beløbet er urimeligt stort. Tjek det.")

APPLICATION_FIELDS = FieldTable(
    "application",
    "applications",
    (
        Field(
            "kind",
            "Ansøgt om",
            Kind.ENUM,
            PersonalData.PLAIN,
            required=True,
            enum=ApplicationKind,
            missing="Vælg hvad der søges om.",
        ),
        Field("sent_to", "Sendt til", Kind.TEXT, PersonalData.PLAIN, max_length=200, noun="Modtageren"),
        Field(
            "sent_on",
            "Sendt",
            Kind.DATE,
            PersonalData.PLAIN,
            required=True,
            noun="Datoen ansøgningen blev sendt",
            missing="Skriv datoen, ansøgningen blev sendt.",
            minimum=not_before_year(2000, "Datoen ansøgningen blev sendt"),
            maximum=not_after_today(
                "application.sent_in_future", "Ansøgningen kan ikke være sendt efter i dag."
            ),
        ),
        Field(
            "applied_amount",
            "Ansøgt beløb",
            Kind.MONEY,
            PersonalData.PLAIN,
            noun="Det ansøgte beløb",
            minimum=_NOT_NEGATIVE,
            maximum=_TOO_LARGE,
        ),
        Field(
            "answer_due_on",
            "Svar senest",
            Kind.DATE,
            PersonalData.PLAIN,
            noun="Svarfristen",
            minimum=not_before_year(2000, "Svarfristen"),
            maximum=not_far_ahead("Svarfristen"),
        ),
        Field("decision", "Afgørelse", Kind.ENUM, PersonalData.PLAIN, enum=Decision),
        Field(
            "decided_on",
            "Afgjort",
            Kind.DATE,
            PersonalData.PLAIN,
            noun="Datoen for afgørelsen",
            minimum=not_before_year(2000, "Datoen for afgørelsen"),
            maximum=not_after_today(
                "application.decided_in_future", "Afgørelsen kan ikke ligge efter i dag."
            ),
        ),
        Field(
            "received_on",
            "Modtaget af borgeren",
            Kind.DATE,
            PersonalData.PLAIN,
            noun="Datoen borgeren modtog afgørelsen",
            minimum=not_before_year(2000, "Datoen borgeren modtog afgørelsen"),
            maximum=not_after_today(
                "application.received_in_future",
                "Datoen borgeren modtog afgørelsen kan ikke ligge efter i dag.",
            ),
        ),
        Field(
            "granted_amount",
            "Bevilget beløb",
            Kind.MONEY,
            PersonalData.PLAIN,
            noun="Det bevilgede beløb",
            minimum=_NOT_NEGATIVE,
            maximum=_TOO_LARGE,
        ),
        Field(
            "note", "Note", Kind.TEXT, PersonalData.FREE_TEXT, max_length=2000, noun="Noten", multiline=True
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    id: str
    kind: ApplicationKind
    sent_to: str
    sent_on: dt.date
    applied_amount: Money | None
    answer_due_on: dt.date | None
    decision: Decision
    decided_on: dt.date | None
    received_on: dt.date | None
    granted_amount: Money | None
    letter_id: str | None
    letter_title: str
    note: str
    appeal: AppealDeadline | None
    """``None`` while no appealable decision is recorded (pending, granted in full, withdrawn)."""
    applied_to_arrears: bool = False
    """The granted amount is subtracted from the debt in the plan builder."""

    @property
    def appeal_text(self) -> str:
        return "" if self.appeal is None else self.appeal.text

    @property
    def is_open(self) -> bool:
        return self.decision is Decision.PENDING


def _appeal(a: Application) -> AppealDeadline | None:
    if a.decision not in (Decision.REFUSED, Decision.PARTLY_GRANTED):
        return None
    return appeal_deadline(a.kind, a.received_on)


def _row(a: Application, letter_title: str) -> ApplicationRow:
    return ApplicationRow(
        a.id,
        a.kind,
        a.sent_to,
        a.sent_on,
        a.applied_amount,
        a.answer_due_on,
        a.decision,
        a.decided_on,
        a.received_on,
        a.granted_amount,
        a.letter_id,
        letter_title,
        a.note,
        _appeal(a),
        a.applied_to_arrears,
    )


def application_rows(session: Session, case_id: str) -> list[ApplicationRow]:
    stmt = (
        select(Application, GeneratedLetter.title)
        .outerjoin(GeneratedLetter, Application.letter_id == GeneratedLetter.id)
        .where(Application.case_id == case_id, Application.deleted.is_(False))
        .order_by(Application.sent_on, Application.created_at)
    )
    return [_row(a, title or "") for a, title in session.execute(stmt)]


@dataclass(frozen=True, slots=True)
class ApplicationDeadline:
    case_id: str
    kind: DeadlineKind
    what: str
    day: dt.date
    why: str


def application_deadlines(
    session: Session, case_ids: Iterable[str] | None, today: dt.date
) -> list[ApplicationDeadline]:
    """The Frister rows of the applications of ``case_ids`` (the open cases)."""
    wanted = None if case_ids is None else set(case_ids)
    result: list[ApplicationDeadline] = []
    stmt = select(Application).where(Application.deleted.is_(False))
    if wanted is not None and len(wanted) <= 500:  # one case (the case header), or a few
        stmt = stmt.where(Application.case_id.in_(wanted))
    for a in session.scalars(stmt):
        if wanted is not None and a.case_id not in wanted:
            continue
        label = a.kind.label
        to = f" til {a.sent_to}" if a.sent_to else ""
        if a.decision is Decision.PENDING:
            if a.answer_due_on is not None:
                result.append(
                    ApplicationDeadline(
                        a.case_id,
                        DeadlineKind.APPLICATION_ANSWER,
                        f"{DEADLINE_LABELS[DeadlineKind.APPLICATION_ANSWER]}: {label}",
                        a.answer_due_on,
                        f"Sendt{to} {format_short(a.sent_on)}; svar ventes senest {format_short(a.answer_due_on)}",
                    )
                )
            else:
                result.append(
                    ApplicationDeadline(
                        a.case_id,
                        DeadlineKind.APPLICATION_PENDING,
                        f"{DEADLINE_LABELS[DeadlineKind.APPLICATION_PENDING]}: {label}",
                        a.sent_on,
                        f"Sendt{to} {format_short(a.sent_on)}; ingen svarfrist registreret",
                    )
                )
            continue
        appeal = _appeal(a)
        if appeal is None or appeal.date is None:
            continue  # "ukendt" is shown on the case, never as a made-up date here
        if (today - appeal.date).days > APPEAL_SHOWN_AFTER_DAYS:
            continue
        result.append(
            ApplicationDeadline(
                a.case_id,
                DeadlineKind.APPEAL,
                f"{DEADLINE_LABELS[DeadlineKind.APPEAL]}: {a.decision.label.lower()} på {label.lower()}",
                appeal.date,
                appeal.explanation,
            )
        )
    return result


class ApplicationService:
    """``desk.applications``: register applications and decisions; the granted amount for the plan."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def _ctx(self) -> Context:
        return Context(self._desk.today())

    def for_case(self, case_id: str) -> list[ApplicationRow]:
        with self._desk.reading() as s:
            live(s, Case, case_id)
            return application_rows(s, case_id)

    def get(self, case_id: str, application_id: str) -> ApplicationRow:
        row = next((r for r in self.for_case(case_id) if r.id == application_id), None)
        if row is None:
            raise NotFoundError(Application)
        return row

    def add(self, case_id: str, *, letter_id: str | None = None, **values: Any) -> Created:
        """A new application (pending). ``values``: kind, sent_on, and optionally sent_to, applied_amount,
        answer_due_on, note. ``letter_id``: the letter on the case that was sent with it."""
        for name in ("kind", "sent_on"):
            values.setdefault(name, None)
        for name in ("decision", "decided_on", "received_on", "granted_amount"):
            if name in values:
                raise KeyError(f"{name}: use record_decision")
        clean = APPLICATION_FIELDS.validate(values, self._ctx())
        due = clean.get("answer_due_on")
        if due is not None and due < clean["sent_on"]:
            raise UserInputError(
                "answer_due_on",
                "application.due_before_sent",
                "Svarfristen ligger før ansøgningen blev sendt.",
            )
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            if letter_id is not None:
                letter = live(s, GeneratedLetter, letter_id)
                if letter.case_id != case_id:
                    raise NotFoundError(GeneratedLetter)
            row = Application(case_id=case_id, letter_id=letter_id, **clean)
            s.add(row)
            s.flush()
            application_id = row.id
        return Created(application_id, Changes.of(case_id, *_PARTS))

    def record_decision(self, case_id: str, application_id: str, **values: Any) -> Changes:
        """The decision: ``decision``, ``decided_on``, ``received_on`` and (granted) ``granted_amount``.

        Setting the decision back to pending clears the rest."""
        values.setdefault("decision", None)
        clean = APPLICATION_FIELDS.validate(values, self._ctx())
        decision: Decision | None = clean.get("decision")
        if decision is None:
            raise UserInputError("decision", "application.decision_missing", "Vælg afgørelsen.")
        decided, received = clean.get("decided_on"), clean.get("received_on")
        granted = clean.get("granted_amount")
        if decision is Decision.PENDING:
            decided = received = granted = None
        if decision.grants_money and (granted is None or granted.ore == 0):
            raise UserInputError(
                "granted_amount", "application.granted_missing", "Skriv det bevilgede beløb."
            )
        if not decision.grants_money:
            granted = None
        if decided is not None and received is not None and received < decided:
            raise UserInputError(
                "received_on",
                "application.received_before_decided",
                "Borgeren kan ikke have modtaget afgørelsen, før den blev truffet.",
            )
        with self._desk.writing(case_id) as s:
            row = live(s, Application, application_id)
            if row.case_id != case_id:
                raise NotFoundError(Application)
            if decided is not None and decided < row.sent_on:
                raise UserInputError(
                    "decided_on",
                    "application.decided_before_sent",
                    "Afgørelsen ligger før ansøgningen blev sendt.",
                )
            new: dict[str, Any] = {
                "decision": decision,
                "decided_on": decided,
                "received_on": received,
                "granted_amount": granted,
            }
            if granted is None:
                new["applied_to_arrears"] = False  # nothing granted: nothing to take off the arrears
            for name, value in new.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
        return Changes.of(case_id, *_PARTS)

    def apply_to_arrears(self, case_id: str, application_id: str, apply: bool = True) -> Changes:
        """Subtract the granted amount from the debt a new plan covers (or stop doing so)."""
        with self._desk.writing(case_id) as s:
            row = live(s, Application, application_id)
            if row.case_id != case_id:
                raise NotFoundError(Application)
            if apply and (row.granted_amount is None or not row.decision.grants_money):
                raise UserInputError(
                    "applied_to_arrears",
                    "application.nothing_granted",
                    "Der er ikke bevilget et beløb på ansøgningen, så der er intet at trække fra restancen.",
                )
            if row.applied_to_arrears != apply:
                row.applied_to_arrears = apply
        return Changes.of(case_id, *_PARTS)

    def remove(self, case_id: str, application_id: str) -> Changes:
        with self._desk.writing(case_id) as s:
            row = live(s, Application, application_id)
            if row.case_id != case_id:
                raise NotFoundError(Application)
            row.deleted = True
        return Changes.of(case_id, *_PARTS)

    def granted_total(self, case_id: str) -> Money:
        """What was granted on the case's applications (to apply to the arrears in the plan builder)."""
        return Money(
            sum(r.granted_amount.ore for r in self.for_case(case_id) if r.granted_amount is not None)
        )
