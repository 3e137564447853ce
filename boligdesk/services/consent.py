"""``desk.consent``: what the tenant consented to share with whom (samtykke), and the check every letter
or application addressed to someone other than the tenant makes before it is printed.

A consent names one receiver (:class:`~boligdesk.budget.cooperation.ShareWith`: the municipality, the
bank, the fogedret, the landlord, Udbetaling Danmark), what may be shared, the date and how it was given.
It is withdrawn from a date, never deleted: the history shows what was allowed when a letter was sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from boligdesk.budget.calendar import format_short
from boligdesk.budget.cooperation import ConsentHow, ShareWith
from boligdesk.errors import UserInputError
from boligdesk.models import Case, Consent
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import NotFoundError, live
from boligdesk.services.fields import (
    Context,
    Field,
    FieldTable,
    Kind,
    PersonalData,
    not_after_today,
    not_before_year,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from boligdesk.services.desk import Desk

CONSENT_FIELDS = FieldTable(
    "consent",
    "consents",
    (
        Field(
            "share_with",
            "Deles med",
            Kind.ENUM,
            PersonalData.PLAIN,
            required=True,
            enum=ShareWith,
            missing="Vælg hvem lejeren giver samtykke til at dele oplysninger med.",
        ),
        Field("scope", "Hvad må deles", Kind.TEXT, PersonalData.FREE_TEXT, max_length=300, noun="Teksten"),
        Field(
            "given_on",
            "Givet den",
            Kind.DATE,
            PersonalData.PLAIN,
            required=True,
            noun="Datoen for samtykket",
            missing="Skriv datoen, samtykket blev givet.",
            minimum=not_before_year(2000, "Datoen for samtykket"),
            maximum=not_after_today("consent.given_in_future", "Samtykket kan ikke være givet efter i dag."),
        ),
        Field(
            "how",
            "Hvordan",
            Kind.ENUM,
            PersonalData.PLAIN,
            required=True,
            enum=ConsentHow,
            missing="Vælg hvordan samtykket blev givet.",
        ),
        Field(
            "withdrawn_on",
            "Trukket tilbage",
            Kind.DATE,
            PersonalData.PLAIN,
            noun="Datoen for tilbagetrækningen",
            minimum=not_before_year(2000, "Datoen for tilbagetrækningen"),
            maximum=not_after_today(
                "consent.withdrawn_in_future", "Datoen for tilbagetrækningen kan ikke ligge efter i dag."
            ),
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class ConsentRow:
    id: str
    share_with: ShareWith
    scope: str
    given_on: dt.date
    how: ConsentHow
    withdrawn_on: dt.date | None

    def active_on(self, day: dt.date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)

    @property
    def status_text(self) -> str:
        if self.withdrawn_on is not None:
            return f"Trukket tilbage {format_short(self.withdrawn_on)}"
        return "Gælder"


def consent_rows(session: Session, case_id: str) -> list[ConsentRow]:
    rows = session.scalars(
        select(Consent)
        .where(Consent.case_id == case_id, Consent.deleted.is_(False))
        .order_by(Consent.given_on, Consent.created_at)
    )
    return [ConsentRow(c.id, c.share_with, c.scope, c.given_on, c.how, c.withdrawn_on) for c in rows]


def missing_text(missing: Iterable[ShareWith], rows: Iterable[ConsentRow], what: str) -> str:
    """The Danish message for the receivers without a consent in force (naming a withdrawn one)."""
    rows = list(rows)
    parts = []
    for receiver in missing:
        withdrawn = [r.withdrawn_on for r in rows if r.share_with == receiver and r.withdrawn_on is not None]
        if withdrawn:
            shown = format_short(max(withdrawn))
            parts.append(f"{receiver.label} (samtykket blev trukket tilbage {shown})")
        else:
            parts.append(receiver.label)
    names = ", ".join(parts)
    return (
        f"{what} deler oplysninger om lejeren, men der er ikke registreret et gældende samtykke til at dele "
        f"med: {names}. Registrér lejerens samtykke under »Samtykke og kontakter« på sagen, før det udskrives."
    )


class ConsentService:
    """``desk.consent``: register and withdraw consents; check them before a letter leaves."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def for_case(self, case_id: str) -> list[ConsentRow]:
        with self._desk.reading() as s:
            live(s, Case, case_id)
            return consent_rows(s, case_id)

    def add(self, case_id: str, **values: Any) -> Created:
        """Register a consent: ``share_with``, ``given_on``, ``how`` and optionally ``scope``."""
        for name in ("share_with", "given_on", "how"):
            values.setdefault(name, None)
        values.pop("withdrawn_on", None)
        clean = CONSENT_FIELDS.validate(values, Context(self._desk.today()))
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            row = Consent(case_id=case_id, **clean)
            s.add(row)
            s.flush()
            consent_id = row.id
        return Created(consent_id, Changes.of(case_id, Part.CONSENT))

    def withdraw(self, case_id: str, consent_id: str, on: dt.date | str | None = None) -> Changes:
        """The tenant withdrew the consent (today unless ``on`` says otherwise); it stays in the history."""
        day = CONSENT_FIELDS.parse("withdrawn_on", on, Context(self._desk.today())) or self._desk.today()
        with self._desk.writing(case_id) as s:
            row = live(s, Consent, consent_id)
            if row.case_id != case_id:
                raise NotFoundError(Consent)
            if day < row.given_on:
                raise UserInputError(
                    "withdrawn_on",
                    "consent.withdrawn_before_given",
                    "Samtykket kan ikke trækkes tilbage før den dag, det blev givet.",
                )
            row.withdrawn_on = day
        return Changes.of(case_id, Part.CONSENT)

    def missing(
        self, case_id: str, receivers: Iterable[ShareWith], on: dt.date | None = None
    ) -> list[ShareWith]:
        """The receivers among ``receivers`` without a consent in force on ``on`` (today)."""
        day = on or self._desk.today()
        rows = self.for_case(case_id)
        return [
            r for r in sorted(set(receivers)) if not any(c.share_with == r and c.active_on(day) for c in rows)
        ]

    def problem(self, case_id: str, receivers: Iterable[ShareWith], what: str = "Brevet") -> str:
        """The Danish message saying which consent is missing, or ``""`` when every receiver is covered."""
        receivers = list(receivers)
        if not receivers:
            return ""
        missing = self.missing(case_id, receivers)
        return missing_text(missing, self.for_case(case_id), what) if missing else ""

    def check(self, case_id: str, receivers: Iterable[ShareWith], what: str = "Brevet") -> None:
        """Raise :class:`UserInputError` (``consent.missing``) when a receiver has no consent in force."""
        message = self.problem(case_id, receivers, what)
        if message:
            raise UserInputError("consent", "consent.missing", message)
