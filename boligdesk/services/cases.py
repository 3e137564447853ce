"""``desk.cases``: whole cases — creating one ("Ny sag"), numbering, the header, the case's own fields.

The case's own registration fields are declared once in :data:`CASE_FIELDS`; "Ny sag", the termination
import and the case view's pages all read it (with the tenant's, the household's and the tenancy's tables),
so a value one path refuses is refused by all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    ArrearsKind,
    CaseKind,
    CasePhase,
    IncomeBasis,
    LetterDelivery,
    MemberRole,
    ReferralSource,
)
from boligdesk.errors import UserInputError
from boligdesk.models import (
    ArrearsItem,
    Case,
    CaseKindChange,
    Household,
    HouseholdMember,
    Person,
    Tenancy,
)
from boligdesk.models.base import Base, new_id, utcnow
from boligdesk.services.arrears import opening_parts
from boligdesk.services.changes import LIST_PARTS, Changes, Created, Part
from boligdesk.services.desk import live
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
from boligdesk.services.household import MEMBER_FIELDS, NewMember
from boligdesk.services.tenancy import TENANCY_FIELDS, tenancy_context
from boligdesk.services.tenant import TENANT_FIELDS

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

__all__ = [
    "CASE_FIELDS",
    "MAX_ARREARS",
    "CaseField",
    "CaseHeader",
    "CaseService",
    "NewCase",
    "NewMember",
    "check_arrears_against_rent",
]

_TERMINATIONS = "Antal ophævelser i år skal være et helt tal fra 0 til 12."

MAX_ARREARS = Money.kr(1_000_000)
"""No tenant of a housing association owes more: a larger amount is a typing or export error."""
ARREARS_RENT_YEARS = 10
"""Arrears of more than this many years of the tenancy's rent are a typing error (in either amount)."""


def check_arrears_against_rent(arrears: Money, rent: Money | None) -> None:
    """Refuse arrears of more than :data:`ARREARS_RENT_YEARS` years of ``rent`` (unknown rent: no check).

    "Ny sag" and every row of the termination list ask this, after each amount passed its own field rule.
    """
    if rent is None or rent.ore <= 0 or arrears <= rent * (12 * ARREARS_RENT_YEARS):
        return
    raise CASE_FIELDS["arrears"].error(
        "case.arrears_implausible",
        f"En restance på {arrears.format()} svarer til mere end {ARREARS_RENT_YEARS} års husleje "
        f"({rent.format()} om måneden). Tjek beløbet.",
    )


CASE_FIELDS = FieldTable(
    "case",
    "cases",
    (
        Field("kind", "Sagstype", Kind.ENUM, PersonalData.PLAIN, required=True, enum=CaseKind),
        Field(
            "opened_on",
            "Oprettet",
            Kind.DATE,
            PersonalData.PLAIN,
            minimum=not_before_year(1990, "Oprettelsesdatoen"),
            maximum=not_after_today(
                "case.opened_in_future", "Sagen kan ikke oprettes med en dato i fremtiden."
            ),
        ),
        Field(
            "arrears",
            "Restance",
            Kind.MONEY,
            PersonalData.PLAIN,
            empty=Money(0),
            minimum=Limit(Money(0), "money.negative", "Restancen kan ikke være negativ."),
            maximum=Limit(
                MAX_ARREARS,
                "case.arrears_implausible",
                "En restance på {shown} er usandsynlig. Tjek beløbet.",
            ),
        ),
        Field(
            "termination_on",
            "Ophævelsesdato",
            Kind.DATE,
            PersonalData.PLAIN,
            minimum=not_before_year(1990, "Ophævelsen"),
            maximum=not_far_ahead("Ophævelsen"),
        ),
        Field(
            "reminder_sent_on",
            "Påkravsdato",
            Kind.DATE,
            PersonalData.PLAIN,
            minimum=not_before_year(1990, "Afsendelsen af påkravet"),
            maximum=not_after_today("timeline.in_future", "Påkravet kan ikke være sendt i fremtiden."),
        ),
        Field("phase", "Fase", Kind.ENUM, PersonalData.PLAIN, required=True, enum=CasePhase),
        Field(
            "letters_reach_tenant",
            "Breve når frem",
            Kind.ENUM,
            PersonalData.PLAIN,
            required=True,
            enum=LetterDelivery,
        ),
        Field("referral_source", "Henvist af", Kind.ENUM, PersonalData.PLAIN, enum=ReferralSource),
        Field("income_basis", "Indtægtsgrundlag", Kind.ENUM, PersonalData.PLAIN, enum=IncomeBasis),
        Field(
            "terminations_this_year",
            "Ophævelser i år",
            Kind.INT,
            PersonalData.PLAIN,
            empty=0,
            minimum=Limit(0, "case.terminations_invalid", _TERMINATIONS),
            maximum=Limit(12, "case.terminations_invalid", _TERMINATIONS),
        ),
        Field("wants_personal_meeting", "Ønsker personligt møde", Kind.BOOL, PersonalData.PLAIN),
        Field("arrears_covered", "Restancen dækket", Kind.BOOL, PersonalData.PLAIN),
    ),
)
#: The case fields the case view edits one by one (dates and amounts of the timeline are edited there).
CaseField = Literal[
    "phase",
    "letters_reach_tenant",
    "referral_source",
    "income_basis",
    "terminations_this_year",
    "wants_personal_meeting",
    "arrears_covered",
]

_TENANT = ("first_name", "last_name", "phone", "email", "birth_date")
_TENANCY = ("estate_id", "tenancy_number", "address_line", "postcode", "city", "rent")
_CASE = ("kind", "opened_on", "arrears", "termination_on", "reminder_sent_on")


@dataclass(frozen=True)
class NewCase:
    """What the "Ny sag" form (and each row of the termination list) collects.

    :meth:`validate` checks every value against the same field tables the case view's pages use.
    """

    first_name: str
    last_name: str
    address_line: str
    postcode: str = ""
    city: str = ""
    estate_id: str | None = None
    tenancy_number: str = ""
    rent: Money = Money(0)
    arrears: Money = Money(0)
    termination_on: dt.date | None = None
    reminder_sent_on: dt.date | None = None
    kind: CaseKind = CaseKind.EVICTION_THREAT
    phone: str = ""
    email: str = ""
    birth_date: dt.date | None = None
    opened_on: dt.date | None = None
    members: tuple[NewMember, ...] = field(default_factory=tuple)

    def validate(self, ctx: Context | dt.date) -> NewCase:
        """The case with every value cleaned, or :class:`UserInputError` for the first bad field.

        ``ctx`` carries today's date and (to check the estate) the store's look-up; a bare date checks
        everything but whether the estate exists.
        """
        if isinstance(ctx, dt.date):
            ctx = Context(ctx)
        clean: dict[str, Any] = {}
        for table, names in ((TENANT_FIELDS, _TENANT), (TENANCY_FIELDS, _TENANCY), (CASE_FIELDS, _CASE)):
            clean.update(table.validate({n: getattr(self, n) for n in names}, ctx))
        members = tuple(NewMember(**MEMBER_FIELDS.validate(m.values(), ctx)) for m in self.members)
        check_arrears_against_rent(clean["arrears"], clean["rent"])
        sent, terminated = clean["reminder_sent_on"], clean["termination_on"]
        if sent is not None and terminated is not None and sent > terminated:
            raise UserInputError(
                "reminder_sent_on",
                "timeline.order",
                f"Afsendelsen af påkravet kan ikke ligge efter ophævelsen ({format_short(terminated)}).",
                {"other": "termination_on", "other_date": terminated.isoformat()},
            )
        return NewCase(**clean, members=members)


def next_case_number(session: Session, year: int) -> str:
    """``2026-0001``, ``2026-0002`` … per year. Numbers made on other laptops are seen after sync."""
    prefix = f"{year}-"
    highest = session.scalar(
        select(func.max(cast(func.substr(Case.number, len(prefix) + 1), Integer))).where(
            Case.number.like(f"{prefix}%")
        )
    )
    return f"{prefix}{(highest or 0) + 1:04d}"


def new_case_rows(
    data: NewCase,
    *,
    number: str,
    opened_on: dt.date,
    adviser_id: str | None,
    referral_source: ReferralSource | None = None,
    terminations_this_year: int = 0,
) -> tuple[Case, list[Base]]:
    """The tenant, household, members, tenancy and case rows for a new (validated) case, ids set.

    Ids are set here rather than at flush, so a caller adding many cases (the import) can flush once;
    rows that refer to the flushed case are added by :func:`new_case_history`.
    """
    person = Person(
        id=new_id(),
        first_name=data.first_name,
        last_name=data.last_name,
        phone=data.phone,
        email=data.email,
        birth_date=data.birth_date,
    )
    household = Household(id=new_id())
    members = [
        HouseholdMember(
            household_id=household.id,
            name=person.full_name,
            role=MemberRole.ADULT,
            birth_date=data.birth_date,
            is_tenant=True,
            sort_order=0,
        )
    ]
    members += [
        HouseholdMember(
            household_id=household.id,
            name=m.name,
            role=m.role,
            birth_date=m.birth_date,
            pays_in=m.pays_in,
            sort_order=i,
        )
        for i, m in enumerate(data.members, start=1)
    ]
    tenancy = Tenancy(
        id=new_id(),
        estate_id=data.estate_id,
        tenancy_number=data.tenancy_number,
        address_line=data.address_line,
        postcode=data.postcode,
        city=data.city,
        rent=data.rent,
    )
    case = Case(
        id=new_id(),
        number=number,
        kind=data.kind,
        phase=CasePhase.NEW,
        tenant_id=person.id,
        household_id=household.id,
        tenancy_id=tenancy.id,
        adviser_id=adviser_id,
        opened_on=opened_on,
        referral_source=referral_source,
        terminations_this_year=terminations_this_year,
        arrears=data.arrears,
        termination_on=data.termination_on,
        reminder_sent_on=data.reminder_sent_on,
    )
    return case, [person, household, *members, tenancy, case]


def new_case_history(case: Case, *, arrears_text: str, actor: str, split_arrears: bool = False) -> list[Base]:
    """The kind history's first row and the arrears as one part (or, with ``split_arrears``, split into
    rent months, fee and rest: :func:`~boligdesk.services.arrears.opening_parts`): rows that need the case
    flushed first."""
    rows: list[Base] = [CaseKindChange(case_id=case.id, kind=case.kind, changed_by=actor)]
    if case.arrears and split_arrears:
        rows.extend(opening_parts(case))
    elif case.arrears:
        rows.append(
            ArrearsItem(case_id=case.id, kind=ArrearsKind.RENT, text=arrears_text, amount=case.arrears)
        )
    return rows


@dataclass(frozen=True, slots=True)
class CaseHeader:
    """What every tab shows above a case: its number, the tenant and where the case stands."""

    id: str
    number: str
    tenant_name: str
    address_line: str
    phase: CasePhase
    kind: CaseKind


class CaseService:
    """``desk.cases``: whole cases — headers, numbers, creation, the case's own fields."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def header(self, case_id: str) -> CaseHeader | None:
        """The case's header, or ``None`` when the case does not exist (any more)."""
        with self._desk.reading() as s:
            case = s.get(Case, case_id) if case_id else None
            if case is None or case.deleted:
                return None
            return CaseHeader(
                id=case.id,
                number=case.number,
                tenant_name=case.tenant.full_name,
                address_line=case.tenancy.address_line if case.tenancy is not None else "",
                phase=case.phase,
                kind=case.kind,
            )

    def count(self) -> int:
        """How many live cases the profile holds."""
        with self._desk.reading() as s:
            return int(s.scalar(select(func.count()).select_from(Case).where(Case.deleted.is_(False))) or 0)

    def next_number(self, year: int | None = None) -> str:
        """The number the next case opened this year (or in ``year``) would get."""
        with self._desk.reading() as s:
            return next_case_number(s, year or self._desk.today().year)

    def create(self, data: NewCase) -> Created:
        """Validate and save a new case with its tenant, household and tenancy, for the desk's adviser.

        Refuses exactly what the case view's pages refuse (same field tables), a deleted estate included.
        """
        desk = self._desk
        with desk.writing() as s:
            clean = data.validate(tenancy_context(s, desk.today()))
            opened = clean.opened_on or desk.today()
            case, rows = new_case_rows(
                clean, number=next_case_number(s, opened.year), opened_on=opened, adviser_id=desk.adviser_id
            )
            s.info["case_id"] = case.id
            s.add_all(rows)
            s.flush()
            s.add_all(
                new_case_history(
                    case, arrears_text="Huslejerestance", actor=desk.adviser_name, split_arrears=True
                )
            )
            return Created(case.id, Changes.of(case.id, *LIST_PARTS, Part.HOUSEHOLD))

    def set_field(self, case_id: str, field: CaseField, value: object) -> Changes:
        """Change one registration field of the case (phase, picklists with one value, yes/no facts)."""
        clean = CASE_FIELDS.parse(field, value, Context(self._desk.today()))
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            if field == "phase":
                if case.closed_on is not None:
                    raise UserInputError(
                        field, "case.closed", "Sagen er afsluttet. Genåbn den for at ændre fasen."
                    )
                if clean is CasePhase.CLOSED:
                    raise UserInputError(
                        field,
                        "case.close_via_closing",
                        "Afslut sagen med knappen »Afslut sagen« under »Afslutning«.",
                    )
            setattr(case, field, clean)
        return Changes.of(case_id, Part.CASE)

    def set_kind(self, case_id: str, kind: CaseKind, *, now: dt.datetime | None = None) -> Changes:
        """Change the case's kind; the change is appended to the kind history. No changes when it is the same."""
        clean = CASE_FIELDS.parse("kind", kind, Context(self._desk.today()))
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            if case.kind is clean:
                return Changes.none()
            case.kind = clean
            s.add(
                CaseKindChange(
                    case_id=case.id,
                    kind=clean,
                    changed_by=self._desk.adviser_name,
                    changed_at=now or utcnow(),
                )
            )
        return Changes.of(case_id, Part.CASE)
