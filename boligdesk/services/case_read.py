"""One case for the case view: a plain, frozen read model (``desk.case_view.details``).

:func:`load_case_details` turns a case and everything registered on it into a :class:`CaseDetails`,
including what follows from the rules (the påkrav deadline and why it moved, the earliest termination,
the expected eviction window, the next step of the contact process, children turning 18, what the
closing registration can take from the case). The view never computes those itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.contact_process import Attempt, NextContactStep, next_contact_step
from boligdesk.budget.household import (
    HouseholdCount,
    HouseholdPerson,
    Turning18,
    children_turning_18,
    count_for_norms,
)
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    AdviceTopic,
    AuditAction,
    CaseKind,
    CasePhase,
    Cause,
    ChecklistAnswer,
    ChecklistItem,
    CivilStatus,
    CodeCategory,
    ContactChannel,
    Education,
    IncomeBasis,
    LetterDelivery,
    MemberRole,
    Outcome,
    PracticalHelp,
    ReferralSource,
)
from boligdesk.models import (
    Case,
    CaseCode,
    CaseKindChange,
    ContactAttempt,
    Estate,
    HouseholdMember,
    HousingAssociation,
    Tenancy,
)
from boligdesk.services.arrears import ArrearsRow, arrears_rows
from boligdesk.services.contact import ContactAttemptRow
from boligdesk.services.journal import (
    FollowUpRow,
    JournalNoteRow,
    follow_up_rows,
    journal_rows,
    next_follow_up,
)
from boligdesk.services.plan_loading import plans_in_force
from boligdesk.services.rates import rate_book
from boligdesk.services.timeline import ComputedTimeline, TimelineInfo, compute_timeline
from boligdesk.services.values import age

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

TURNING_18_MONTHS = 12


@dataclass(frozen=True, slots=True)
class TenantInfo:
    person_id: str
    first_name: str
    last_name: str
    phone: str
    email: str
    preferred_language: str
    birth_date: dt.date | None
    civil_status: CivilStatus | None
    education: Education | None
    age: int | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class MemberRow:
    id: str
    name: str
    role: MemberRole
    birth_date: dt.date | None
    age: int | None
    is_tenant: bool
    pays_in: bool


@dataclass(frozen=True, slots=True)
class TenancyInfo:
    id: str
    estate_id: str | None
    estate_name: str
    association_name: str
    tenancy_number: str
    address_line: str
    postcode: str
    city: str
    rent: Money
    rooms: int | None
    move_in_date: dt.date | None

    @property
    def full_address(self) -> str:
        place = f"{self.postcode} {self.city}".strip()
        return ", ".join(p for p in (self.address_line, place) if p)


@dataclass(frozen=True, slots=True)
class KindChangeRow:
    kind: CaseKind
    changed_at: dt.datetime
    changed_by: str


@dataclass(frozen=True, slots=True)
class ClosingInfo:
    closed_on: dt.date | None
    outcome: Outcome | None
    closing_age: int | None
    closing_children: int | None
    first_contact_channel: ContactChannel | None
    tenancy_years_at_move_out: int | None
    arrears_at_move_out: Money | None
    move_out_cause: Cause | None


@dataclass(frozen=True, slots=True)
class ClosingSuggestion:
    """What the closing registration can take from the case itself (shown, and used when left empty)."""

    age: int | None
    children: int
    first_contact_channel: ContactChannel | None
    contact_channels_used: tuple[ContactChannel, ...]
    contact_reached: bool
    outreach_at_address: bool
    tenancy_years: int | None
    advice_topics: tuple[AdviceTopic, ...]
    practical_help: tuple[PracticalHelp, ...]


@dataclass(frozen=True, slots=True)
class CaseDetails:
    id: str
    number: str
    kind: CaseKind
    phase: CasePhase
    opened_on: dt.date
    adviser_name: str
    letters_reach_tenant: LetterDelivery
    referral_source: ReferralSource | None
    income_basis: IncomeBasis | None
    terminations_this_year: int
    wants_personal_meeting: bool | None
    arrears_covered: bool | None
    tenant: TenantInfo
    members: tuple[MemberRow, ...]
    tenancy: TenancyInfo | None
    timeline: TimelineInfo
    arrears_items: tuple[ArrearsRow, ...]
    kind_history: tuple[KindChangeRow, ...]
    codes: tuple[tuple[CodeCategory, str, str], ...]
    contact_attempts: tuple[ContactAttemptRow, ...]
    journal: tuple[JournalNoteRow, ...]
    follow_ups: tuple[FollowUpRow, ...]
    closing: ClosingInfo
    computed: ComputedTimeline
    next_contact_step: NextContactStep
    turning_18: tuple[Turning18, ...]
    household_count: HouseholdCount
    closing_suggestion: ClosingSuggestion

    @property
    def is_closed(self) -> bool:
        return self.closing.closed_on is not None

    def selected(self, category: CodeCategory) -> dict[str, str]:
        """The picked codes of one picklist, with their qualifier ("known"/"assumed", checklist answer)."""
        return {code: qualifier for cat, code, qualifier in self.codes if cat == category}

    def checklist_answer(self, item: ChecklistItem) -> ChecklistAnswer:
        value = self.selected(CodeCategory.CHECKLIST).get(item.value)
        return ChecklistAnswer(value) if value else ChecklistAnswer.NOT_ASKED


def household_people(members: Sequence[MemberRow]) -> list[HouseholdPerson]:
    return [HouseholdPerson(m.name, m.birth_date, m.role is MemberRole.CHILD) for m in members]


def _tenancy_info(session: Session, tenancy: Tenancy | None) -> TenancyInfo | None:
    if tenancy is None or tenancy.deleted:
        return None
    estate = session.get(Estate, tenancy.estate_id) if tenancy.estate_id else None
    association = session.get(HousingAssociation, estate.association_id) if estate else None
    return TenancyInfo(
        id=tenancy.id,
        estate_id=tenancy.estate_id,
        estate_name=estate.display_name if estate else "",
        association_name=association.name if association else "",
        tenancy_number=tenancy.tenancy_number,
        address_line=tenancy.address_line,
        postcode=tenancy.postcode,
        city=tenancy.city,
        rent=tenancy.rent,
        rooms=tenancy.rooms,
        move_in_date=tenancy.move_in_date,
    )


def _members(session: Session, case: Case, today: dt.date) -> list[MemberRow]:
    if case.household_id is None:
        return []
    return [
        MemberRow(m.id, m.name, m.role, m.birth_date, age(m.birth_date, today), m.is_tenant, m.pays_in)
        for m in session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.household_id == case.household_id, HouseholdMember.deleted.is_(False))
            .order_by(HouseholdMember.sort_order, HouseholdMember.created_at)
        )
    ]


def _closing_info(case: Case) -> ClosingInfo:
    return ClosingInfo(
        closed_on=case.closed_on,
        outcome=case.outcome,
        closing_age=case.closing_age,
        closing_children=case.closing_children,
        first_contact_channel=case.first_contact_channel,
        tenancy_years_at_move_out=case.tenancy_years_at_move_out,
        arrears_at_move_out=case.arrears_at_move_out,
        move_out_cause=Cause(case.move_out_cause)
        if case.move_out_cause in Cause._value2member_map_
        else None,
    )


def closing_suggestion(
    birth_date: dt.date | None,
    people: Sequence[HouseholdPerson],
    attempts: Sequence[ContactAttemptRow],
    tenancy: TenancyInfo | None,
    codes: Sequence[tuple[CodeCategory, str, str]],
    on: dt.date,
) -> ClosingSuggestion:
    reached = [a for a in attempts if a.reached]
    used: list[ContactChannel] = []
    for a in attempts:
        if a.channel not in used:
            used.append(a.channel)
    move_in = tenancy.move_in_date if tenancy else None
    return ClosingSuggestion(
        age=age(birth_date, on),
        children=count_for_norms(list(people), on).children,
        first_contact_channel=reached[0].channel if reached else None,
        contact_channels_used=tuple(used),
        contact_reached=bool(reached),
        outreach_at_address=any(
            a.channel in (ContactChannel.VISIT_AT_DOOR, ContactChannel.LETTER_MAIL_SLOT) for a in attempts
        ),
        tenancy_years=age(move_in, on),
        advice_topics=tuple(AdviceTopic(c) for cat, c, _ in codes if cat == CodeCategory.ADVICE_TOPIC),
        practical_help=tuple(PracticalHelp(c) for cat, c, _ in codes if cat == CodeCategory.PRACTICAL_HELP),
    )


def load_case_details(session: Session, case_id: str, today: dt.date) -> CaseDetails | None:
    """Everything the case view shows, or None when the case does not exist (or was deleted)."""
    case = session.get(Case, case_id) if case_id else None
    if case is None or case.deleted:
        return None
    person = case.tenant
    tenant = TenantInfo(
        person_id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        phone=person.phone,
        email=person.email,
        preferred_language=person.preferred_language,
        birth_date=person.birth_date,
        civil_status=person.civil_status,
        education=person.education,
        age=age(person.birth_date, today),
    )
    members = _members(session, case, today)
    info = TimelineInfo.of(case)
    items = arrears_rows(session, case.id)
    history = [
        KindChangeRow(k.kind, k.changed_at, k.changed_by)
        for k in session.scalars(
            select(CaseKindChange)
            .where(CaseKindChange.case_id == case.id, CaseKindChange.deleted.is_(False))
            .order_by(CaseKindChange.changed_at, CaseKindChange.updated_at)
        )
    ]
    codes = tuple(
        (c.category, c.code, c.qualifier)
        for c in session.scalars(
            select(CaseCode)
            .where(CaseCode.case_id == case.id, CaseCode.deleted.is_(False))
            .order_by(CaseCode.category, CaseCode.code)
        )
    )
    attempts = [
        ContactAttemptRow(a.id, a.at, a.channel, a.result, a.note, a.by)
        for a in session.scalars(
            select(ContactAttempt)
            .where(ContactAttempt.case_id == case.id, ContactAttempt.deleted.is_(False))
            .order_by(ContactAttempt.at, ContactAttempt.created_at)
        )
    ]
    follow_ups = follow_up_rows(session, case.id)
    tenancy = _tenancy_info(session, case.tenancy)
    people = household_people(members)
    step = next_contact_step(
        [Attempt(a.channel, a.result, a.at.date()) for a in attempts],
        has_phone=bool(person.phone.strip()),
        mailbox_full=case.letters_reach_tenant is LetterDelivery.NO_MAILBOX_FULL,
    )
    facts = case.timeline_facts(
        next_follow_up(follow_ups, today), plans_in_force(session, [case.id]).get(case.id)
    )
    return CaseDetails(
        id=case.id,
        number=case.number,
        kind=case.kind,
        phase=case.phase,
        opened_on=case.opened_on,
        adviser_name=case.adviser.name if case.adviser is not None else "",
        letters_reach_tenant=case.letters_reach_tenant,
        referral_source=case.referral_source,
        income_basis=case.income_basis,
        terminations_this_year=case.terminations_this_year,
        wants_personal_meeting=case.wants_personal_meeting,
        arrears_covered=case.arrears_covered,
        tenant=tenant,
        members=tuple(members),
        tenancy=tenancy,
        timeline=info,
        arrears_items=tuple(items),
        kind_history=tuple(history),
        codes=codes,
        contact_attempts=tuple(attempts),
        journal=tuple(journal_rows(session, case.id)),
        follow_ups=tuple(follow_ups),
        closing=_closing_info(case),
        computed=compute_timeline(
            facts, info, items, today, closed=case.closed_on is not None, book=rate_book(session)
        ),
        next_contact_step=step,
        turning_18=tuple(children_turning_18(people, today, TURNING_18_MONTHS)),
        household_count=count_for_norms(people, today),
        closing_suggestion=closing_suggestion(
            tenant.birth_date, people, attempts, tenancy, codes, case.closed_on or today
        ),
    )


class CaseViewService:
    """``desk.case_view``: the case view's read model, and recording that a case was opened."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def details(self, case_id: str) -> CaseDetails | None:
        """Everything the case view shows of ``case_id`` today; ``None`` when it does not exist (any more)."""
        with self._desk.reading() as s:
            return load_case_details(s, case_id, self._desk.today())

    def record_open(self, case_id: str, *, now: dt.datetime | None = None) -> bool:
        """The adviser opened the case: an audit event once per visit (``desk.visits``), not per click.
        True when an event was recorded."""
        if not self._desk.visits.opened(case_id, now or dt.datetime.now()):
            return False
        self._desk.record(AuditAction.OPEN, "case", case_id, case_id=case_id)
        return True
