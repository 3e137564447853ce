"""One case for the case view: a plain read model, and every save the view makes.

Reading: :func:`load_case_details` turns a case and everything registered on it into a frozen
:class:`CaseDetails`, including what follows from the rules (the påkrav deadline and why it moved, the
earliest termination, the expected eviction window, the next step of the contact process, children
turning 18). The view never computes those itself.

Saving: each public ``set_…``/``add_…``/``remove_…`` function is one short transaction that validates the
value first (:class:`~boligdesk.errors.UserInputError` with a Danish message, nothing saved) and records
an audit event holding ids and field names only. Rows are never removed: removal sets the tombstone.
Journal notes are append-only; a correction is a new note that refers to the old one.

Automatic phase changes (so the list shows where a case stands without extra clicks): the first contact
attempt moves a *new* case to *contact attempts*; an attempt that reaches the tenant moves a case that is
*new* or in *contact attempts* to *advice*. Closing sets *closed*; reopening sets *follow-up*.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import add_months, format_short
from boligdesk.budget.contact_process import Attempt, NextContactStep, is_reached, next_contact_step
from boligdesk.budget.deadlines import (
    Deadline,
    ReminderDeadline,
    expected_eviction_window,
    next_deadline,
    reminder_deadline,
    timeline,
)
from boligdesk.budget.household import (
    HouseholdCount,
    HouseholdPerson,
    Turning18,
    age_on,
    children_turning_18,
    count_for_norms,
)
from boligdesk.budget.money import Money
from boligdesk.budget.rates import DatedRate, fee_rate
from boligdesk.budget.vocabulary import (
    AdviceTopic,
    ArrearsKind,
    AuditAction,
    CaseKind,
    CasePhase,
    Cause,
    Certainty,
    ChecklistAnswer,
    ChecklistItem,
    CivilStatus,
    CodeCategory,
    ContactChannel,
    ContactResult,
    Education,
    IncomeBasis,
    LabelledEnum,
    LetterDelivery,
    MemberRole,
    Outcome,
    PracticalHelp,
    ReferralSource,
    Trigger,
)
from boligdesk.errors import UserInputError
from boligdesk.models import (
    ArrearsItem,
    Case,
    CaseCode,
    CaseKindChange,
    ContactAttempt,
    Estate,
    FollowUp,
    HouseholdMember,
    HousingAssociation,
    JournalNote,
    Tenancy,
)
from boligdesk.models.base import utcnow
from boligdesk.models.store import Store
from boligdesk.services import audit

TURNING_18_MONTHS = 12
MAX_YEARS_AHEAD = 1
MAX_RENT = Money.kr(100_000)

_E = TypeVar("_E", bound=LabelledEnum)

# =====================================================================================================
# Read model
# =====================================================================================================


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
class EstateChoice:
    id: str
    label: str


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


@dataclass(frozen=True, slots=True)
class ArrearsItemRow:
    id: str
    kind: ArrearsKind
    period: dt.date | None
    text: str
    amount: Money


@dataclass(frozen=True, slots=True)
class KindChangeRow:
    kind: CaseKind
    changed_at: dt.datetime
    changed_by: str


@dataclass(frozen=True, slots=True)
class ContactAttemptRow:
    id: str
    at: dt.datetime
    channel: ContactChannel
    result: ContactResult
    note: str
    by: str

    @property
    def reached(self) -> bool:
        return is_reached(self.result)


@dataclass(frozen=True, slots=True)
class JournalNoteRow:
    id: str
    written_at: dt.datetime  # UTC
    author: str
    text: str
    corrects_id: str | None
    corrected_by_id: str | None

    @property
    def is_corrected(self) -> bool:
        return self.corrected_by_id is not None


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    id: str
    due_on: dt.date
    text: str
    done_on: dt.date | None


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
    arrears_items: tuple[ArrearsItemRow, ...]
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


def _get_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise UserInputError("case", "case.not_found", "Sagen findes ikke længere.")
    return case


def _household_people(members: Sequence[MemberRow]) -> list[HouseholdPerson]:
    return [HouseholdPerson(m.name, m.birth_date, m.role is MemberRole.CHILD) for m in members]


def _age(birth_date: dt.date | None, on: dt.date) -> int | None:
    if birth_date is None or birth_date > on:
        return None
    return age_on(birth_date, on)


def _next_follow_up(follow_ups: Sequence[FollowUpRow], today: dt.date) -> dt.date | None:
    """The first open follow-up on or after today; if all have passed, the latest passed one."""
    dates = sorted(f.due_on for f in follow_ups if f.done_on is None)
    return next((d for d in dates if d >= today), dates[-1] if dates else None)


def _timeline_warnings(info: TimelineInfo, items_total: Money, items_count: int, today: dt.date) -> list[str]:
    warnings: list[str] = []
    if info.reminder_sent_on is not None and info.termination_on is not None:
        rd = reminder_deadline(info.reminder_sent_on, info.reminder_received_on)
        if info.termination_on <= rd.deadline:
            warnings.append(
                f"Ophævelsen er dateret {format_short(info.termination_on)}, før påkravsfristen udløb "
                f"({format_short(rd.deadline)}). Tjek om ophævelsen er gyldig."
            )
    if info.reminder_fee:
        fee_day = info.reminder_sent_on or today
        try:
            rate = fee_rate("reminder_fee", fee_day)
        except LookupError:
            rate = None
        if rate is not None and info.reminder_fee > rate.amount:
            warnings.append(
                f"Påkravsgebyret ({info.reminder_fee.format()}) er højere end det højeste tilladte "
                f"({rate.amount.format()} fra {rate.valid_from.year}). Tjek påkravet."
            )
    if items_count and items_total != info.arrears:
        warnings.append(
            f"Posterne summer til {items_total.format()}, men restancen er registreret som "
            f"{info.arrears.format()}"
        )
    return warnings


def _compute_timeline(
    case: Case,
    info: TimelineInfo,
    follow_ups: Sequence[FollowUpRow],
    items: Sequence[ArrearsItemRow],
    today: dt.date,
) -> ComputedTimeline:
    facts = case.timeline_facts(_next_follow_up(follow_ups, today))
    rd = (
        reminder_deadline(info.reminder_sent_on, info.reminder_received_on) if info.reminder_sent_on else None
    )
    expected = None
    if info.termination_on is not None and info.eviction_on is None and info.withdrawn_on is None:
        expected = expected_eviction_window(info.termination_on)
    fee_day = info.reminder_sent_on or today
    try:
        max_fee: DatedRate | None = fee_rate("reminder_fee", fee_day)
    except LookupError:
        max_fee = None
    items_total = Money(sum(i.amount.ore for i in items))
    return ComputedTimeline(
        deadlines=tuple(timeline(facts)),
        next_deadline=None if case.closed_on is not None else next_deadline(facts, today),
        reminder_deadline=rd,
        earliest_termination=rd.deadline + dt.timedelta(days=1) if rd else None,
        expected_eviction=expected,
        max_reminder_fee=max_fee,
        arrears_items_total=items_total,
        warnings=tuple(_timeline_warnings(info, items_total, len(items), today)),
    )


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


def load_case_details(session: Session, case_id: str, today: dt.date) -> CaseDetails | None:
    """Everything the case view shows, or None when the case does not exist (or was deleted)."""
    case = session.get(Case, case_id)
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
        age=_age(person.birth_date, today),
    )
    members: list[MemberRow] = []
    if case.household_id is not None:
        for m in session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.household_id == case.household_id, HouseholdMember.deleted.is_(False))
            .order_by(HouseholdMember.sort_order, HouseholdMember.created_at)
        ):
            members.append(
                MemberRow(
                    m.id, m.name, m.role, m.birth_date, _age(m.birth_date, today), m.is_tenant, m.pays_in
                )
            )
    info = TimelineInfo(
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
    items = [
        ArrearsItemRow(i.id, i.kind, i.period, i.text, i.amount)
        for i in session.scalars(
            select(ArrearsItem)
            .where(ArrearsItem.case_id == case.id, ArrearsItem.deleted.is_(False))
            .order_by(ArrearsItem.period, ArrearsItem.created_at)
        )
    ]
    history = [
        KindChangeRow(k.kind, k.changed_at, k.changed_by)
        for k in session.scalars(
            select(CaseKindChange)
            .where(CaseKindChange.case_id == case.id, CaseKindChange.deleted.is_(False))
            .order_by(CaseKindChange.changed_at, CaseKindChange.updated_at)
        )
    ]
    codes = [
        (c.category, c.code, c.qualifier)
        for c in session.scalars(
            select(CaseCode)
            .where(CaseCode.case_id == case.id, CaseCode.deleted.is_(False))
            .order_by(CaseCode.category, CaseCode.code)
        )
    ]
    attempts = [
        ContactAttemptRow(a.id, a.at, a.channel, a.result, a.note, a.by)
        for a in session.scalars(
            select(ContactAttempt)
            .where(ContactAttempt.case_id == case.id, ContactAttempt.deleted.is_(False))
            .order_by(ContactAttempt.at, ContactAttempt.created_at)
        )
    ]
    notes = list(
        session.scalars(
            select(JournalNote)
            .where(JournalNote.case_id == case.id, JournalNote.deleted.is_(False))
            .order_by(JournalNote.written_at, JournalNote.created_at)
        )
    )
    corrected_by = {n.corrects_id: n.id for n in notes if n.corrects_id}
    journal = [
        JournalNoteRow(n.id, n.written_at, n.author, n.text, n.corrects_id, corrected_by.get(n.id))
        for n in notes
    ]
    follow_ups = [
        FollowUpRow(f.id, f.due_on, f.text, f.done_on)
        for f in session.scalars(
            select(FollowUp)
            .where(FollowUp.case_id == case.id, FollowUp.deleted.is_(False))
            .order_by(FollowUp.due_on, FollowUp.created_at)
        )
    ]
    tenancy = _tenancy_info(session, case.tenancy)
    closing = ClosingInfo(
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
    people = _household_people(members)
    on = case.closed_on or today
    step = next_contact_step(
        [Attempt(a.channel, a.result, a.at.date()) for a in attempts],
        has_phone=bool(person.phone.strip()),
        mailbox_full=case.letters_reach_tenant is LetterDelivery.NO_MAILBOX_FULL,
    )
    details_codes = tuple(codes)
    suggestion = _closing_suggestion(tenant.birth_date, people, attempts, tenancy, details_codes, on)
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
        codes=details_codes,
        contact_attempts=tuple(attempts),
        journal=tuple(journal),
        follow_ups=tuple(follow_ups),
        closing=closing,
        computed=_compute_timeline(case, info, follow_ups, items, today),
        next_contact_step=step,
        turning_18=tuple(children_turning_18(people, today, TURNING_18_MONTHS)),
        household_count=count_for_norms(people, today),
        closing_suggestion=suggestion,
    )


def _closing_suggestion(
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
        age=_age(birth_date, on),
        children=count_for_norms(list(people), on).children,
        first_contact_channel=reached[0].channel if reached else None,
        contact_channels_used=tuple(used),
        contact_reached=bool(reached),
        outreach_at_address=any(
            a.channel in (ContactChannel.VISIT_AT_DOOR, ContactChannel.LETTER_MAIL_SLOT) for a in attempts
        ),
        tenancy_years=_age(move_in, on),
        advice_topics=tuple(AdviceTopic(c) for cat, c, _ in codes if cat == CodeCategory.ADVICE_TOPIC),
        practical_help=tuple(PracticalHelp(c) for cat, c, _ in codes if cat == CodeCategory.PRACTICAL_HELP),
    )


def load_estate_choices(session: Session) -> list[EstateChoice]:
    """Estates for the tenancy picker: ``Boligselskabet Fjordglimt · 12 Engparken``."""
    rows = session.execute(
        select(Estate.id, Estate.number, Estate.name, HousingAssociation.name)
        .join(HousingAssociation, Estate.association_id == HousingAssociation.id)
        .where(Estate.deleted.is_(False), HousingAssociation.deleted.is_(False))
        .order_by(HousingAssociation.name, Estate.number, Estate.name)
    ).all()
    return [EstateChoice(eid, f"{assoc} · {f'{number} {name}'.strip()}") for eid, number, name, assoc in rows]


# =====================================================================================================
# Saving: shared helpers
# =====================================================================================================


@contextmanager
def _editing(store: Store, case_id: str) -> Iterator[tuple[Session, Case]]:
    with store.session() as session:
        yield session, _get_case(session, case_id)


def _audit(
    session: Session,
    store: Store,
    action: AuditAction,
    case_id: str,
    entity: str,
    entity_id: str,
    actor: str,
    fields: Sequence[str] = (),
) -> None:
    audit.record(
        session,
        action,
        entity=entity,
        entity_id=entity_id,
        case_id=case_id,
        actor=actor,
        device=store.device_id,
        detail=("fields=" + ",".join(fields)) if fields else "",
    )


def _require_type(value: object, kinds: type | tuple[type, ...], field: str) -> None:
    if not isinstance(value, kinds):
        raise TypeError(f"{field}: unexpected value type {type(value).__name__}")


def _text(value: object, field: str, max_len: int, label: str) -> str:
    _require_type(value, str, field)
    assert isinstance(value, str)
    text = value.strip()
    if len(text) > max_len:
        raise UserInputError(
            field, "text.too_long", f"{label} er for lang (højst {max_len} tegn).", {"max": max_len}
        )
    return text


def _optional_date(value: object, field: str) -> dt.date | None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise TypeError(f"{field}: expected a date")
    return value


def _not_far_ahead(day: dt.date | None, today: dt.date, field: str, what: str) -> None:
    if day is not None and day > add_months(today, 12 * MAX_YEARS_AHEAD):
        raise UserInputError(
            field, "date.far_future", f"{what} ligger mere end et år ude i fremtiden. Tjek årstallet."
        )


def _not_ancient(day: dt.date | None, field: str, what: str, earliest_year: int = 1990) -> None:
    if day is not None and day.year < earliest_year:
        raise UserInputError(field, "date.too_old", f"{what} ligger før {earliest_year}. Tjek årstallet.")


def _optional_enum(value: object, enum_cls: type[_E], field: str) -> _E | None:
    if value is None:
        return None
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, str) and value in enum_cls._value2member_map_:
        return enum_cls(value)
    raise TypeError(f"{field}: expected {enum_cls.__name__}")


def _enum(value: object, enum_cls: type[_E], field: str) -> _E:
    result = _optional_enum(value, enum_cls, field)
    if result is None:
        raise TypeError(f"{field}: expected {enum_cls.__name__}, got None")
    return result


# =====================================================================================================
# The eviction timeline
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
    "reminder_sent_on",
    "reminder_received_on",
    "termination_on",
    "bailiff_request_on",
    "hearing_on",
    "eviction_on",
    "rescheduled_eviction_on",
    "withdrawn_on",
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
    _not_ancient(value, field, what)
    if field in _PAST_ONLY and value > today:
        raise UserInputError(field, "timeline.in_future", _PAST_ONLY[field])
    _not_far_ahead(value, today, field, what)
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


def set_timeline_field(
    store: Store, case_id: str, field: TimelineField, value: object, *, today: dt.date, actor: str = ""
) -> None:
    """Change a date, time or amount of the eviction timeline; impossible orders are refused."""
    with _editing(store, case_id) as (session, case):
        if field in ("arrears", "reminder_fee"):
            _require_type(value, Money, field)
            assert isinstance(value, Money)
            if value.is_negative():
                message = (
                    "Restancen kan ikke være negativ."
                    if field == "arrears"
                    else "Gebyret kan ikke være negativt."
                )
                raise UserInputError(field, "money.negative", message)
        elif field in ("eviction_time_from", "eviction_time_to"):
            if value is not None:
                _require_type(value, dt.time, field)
            start = value if field == "eviction_time_from" else case.eviction_time_from
            end = value if field == "eviction_time_to" else case.eviction_time_to
            if isinstance(start, dt.time) and isinstance(end, dt.time) and end <= start:
                raise UserInputError(
                    field, "timeline.time_window", "Tidsrummet skal slutte senere, end det begynder."
                )
        else:
            day = _optional_date(value, field)
            validate_timeline_date(_timeline_dates(case), cast(TimelineDateField, field), day, today)
            if day is None and field == "eviction_on" and case.rescheduled_eviction_on is not None:
                raise UserInputError(
                    field,
                    "timeline.eviction_needed",
                    "Udsættelsesdatoen kan ikke fjernes, så længe der er en omberammet dato. Fjern den først.",
                )
        setattr(case, field, value)
        _audit(session, store, AuditAction.UPDATE, case_id, "case", case.id, actor, [field])


def set_arrears_to_items_total(store: Store, case_id: str, *, actor: str = "") -> Money:
    """Make the registered arrears equal to the sum of the items. Returns the new arrears."""
    with _editing(store, case_id) as (session, case):
        amounts = session.scalars(
            select(ArrearsItem.amount).where(ArrearsItem.case_id == case.id, ArrearsItem.deleted.is_(False))
        ).all()
        case.arrears = Money(sum(a.ore for a in amounts))
        _audit(session, store, AuditAction.UPDATE, case_id, "case", case.id, actor, ["arrears"])
        return case.arrears


# =====================================================================================================
# Multi-select picklists and the advice checklist (CaseCode rows)
# =====================================================================================================

PICKLISTS: dict[CodeCategory, type[LabelledEnum]] = {
    CodeCategory.TRIGGER: Trigger,
    CodeCategory.CAUSE: Cause,
    CodeCategory.ADVICE_TOPIC: AdviceTopic,
    CodeCategory.PRACTICAL_HELP: PracticalHelp,
}


def _code_row(session: Session, case_id: str, category: CodeCategory, code: str) -> CaseCode | None:
    """The row for (case, list, value), tombstoned or not: a value picked again reuses its row."""
    rows = session.scalars(
        select(CaseCode)
        .where(CaseCode.case_id == case_id, CaseCode.category == category, CaseCode.code == code)
        .order_by(CaseCode.deleted, CaseCode.created_at)
    ).all()
    return rows[0] if rows else None


def _upsert_code(
    session: Session, case_id: str, category: CodeCategory, code: str, qualifier: str
) -> CaseCode:
    row = _code_row(session, case_id, category, code)
    if row is None:
        row = CaseCode(case_id=case_id, category=category, code=code, qualifier=qualifier)
        session.add(row)
        session.flush()
    else:
        row.deleted = False
        row.qualifier = qualifier
    return row


def set_code(
    store: Store,
    case_id: str,
    category: CodeCategory,
    code: str,
    selected: bool,
    *,
    certainty: Certainty | None = None,
    actor: str = "",
) -> None:
    """Tick or untick one value of a multi-select picklist (triggers, causes, advice topics, help).

    Causes carry a certainty, "known" or "assumed"; a cause ticked without one is "assumed" until the
    adviser says it is known.
    """
    values = PICKLISTS.get(category)
    if values is None:
        raise ValueError(f"{category} is not a multi-select picklist")
    if code not in values._value2member_map_:
        raise ValueError(f"{code!r} is not a value of {category}")
    if certainty is not None and category is not CodeCategory.CAUSE:
        raise ValueError("only causes have a certainty")
    with _editing(store, case_id) as (session, case):
        existing = _code_row(session, case.id, category, code)
        if selected:
            qualifier = ""
            if category is CodeCategory.CAUSE:
                keep = existing.qualifier if existing is not None and not existing.deleted else ""
                qualifier = (certainty.value if certainty else keep) or Certainty.ASSUMED.value
            row = _upsert_code(session, case.id, category, code, qualifier)
        else:
            if existing is None or existing.deleted:
                return
            existing.deleted = True
            row = existing
        _audit(session, store, AuditAction.UPDATE, case_id, "case_code", row.id, actor, [category.value])


def set_checklist_answer(
    store: Store, case_id: str, item: ChecklistItem, answer: ChecklistAnswer, *, actor: str = ""
) -> None:
    """Answer one item of the advice checklist (not asked / yes / no / follow up)."""
    with _editing(store, case_id) as (session, case):
        row = _upsert_code(session, case.id, CodeCategory.CHECKLIST, item.value, answer.value)
        _audit(session, store, AuditAction.UPDATE, case_id, "case_code", row.id, actor, ["checklist"])


# =====================================================================================================
# Contact attempts
# =====================================================================================================

_ANY_WRITTEN = (
    ContactResult.SENT,
    ContactResult.REACHED,
    ContactResult.MEETING_AGREED,
    ContactResult.DECLINED,
)
ALLOWED_RESULTS: dict[ContactChannel, tuple[ContactResult, ...]] = {
    ContactChannel.PHONE: (
        ContactResult.NO_ANSWER,
        ContactResult.MESSAGE_LEFT,
        ContactResult.SOLVED_ON_PHONE,
        ContactResult.PHONE_ADVICE_FOLLOW_UP,
        ContactResult.MEETING_AGREED,
        ContactResult.REACHED,
        ContactResult.DECLINED,
        ContactResult.WRONG_NUMBER,
    ),
    ContactChannel.VOICEMAIL: (ContactResult.MESSAGE_LEFT, ContactResult.WRONG_NUMBER),
    ContactChannel.SMS: (*_ANY_WRITTEN, ContactResult.WRONG_NUMBER),
    ContactChannel.EMAIL: (*_ANY_WRITTEN, ContactResult.MAIL_ADVICE, ContactResult.WRONG_NUMBER),
    ContactChannel.LETTER_HANDWRITTEN: (*_ANY_WRITTEN, ContactResult.WRONG_NUMBER),
    ContactChannel.VISIT_AT_DOOR: (
        ContactResult.NO_ANSWER,
        ContactResult.REACHED,
        ContactResult.MEETING_AGREED,
        ContactResult.DECLINED,
        ContactResult.WRONG_NUMBER,
    ),
    ContactChannel.LETTER_MAIL_SLOT: (ContactResult.SENT,),
    ContactChannel.MEETING: (
        ContactResult.REACHED,
        ContactResult.MEETING_AGREED,
        ContactResult.NO_ANSWER,
        ContactResult.DECLINED,
    ),
}


@dataclass(frozen=True, slots=True)
class NewContactAttempt:
    at: dt.datetime
    channel: ContactChannel
    result: ContactResult
    note: str = ""


def log_contact_attempt(
    store: Store, case_id: str, attempt: NewContactAttempt, *, today: dt.date, actor: str = ""
) -> str:
    """Log one try to reach the tenant. Moves a new case on to *contact attempts* (or *advice* if reached)."""
    if attempt.at.date() > today:
        raise UserInputError("at", "contact.in_future", "Et kontaktforsøg kan ikke ligge i fremtiden.")
    _not_ancient(attempt.at.date(), "at", "Kontaktforsøget", 2000)
    if attempt.result not in ALLOWED_RESULTS[attempt.channel]:
        raise UserInputError(
            "result",
            "contact.result_mismatch",
            f"Resultatet »{attempt.result.label}« passer ikke til »{attempt.channel.label}«. Vælg et andet.",
        )
    note = _text(attempt.note, "note", 2000, "Bemærkningen")
    with _editing(store, case_id) as (session, case):
        row = ContactAttempt(
            case_id=case.id,
            at=attempt.at,
            channel=attempt.channel,
            result=attempt.result,
            note=note,
            by=actor,
        )
        session.add(row)
        session.flush()
        fields: list[str] = []
        if case.closed_on is None:
            if is_reached(attempt.result) and case.phase in (CasePhase.NEW, CasePhase.CONTACT):
                case.phase = CasePhase.ADVICE
                fields.append("phase")
            elif case.phase is CasePhase.NEW:
                case.phase = CasePhase.CONTACT
                fields.append("phase")
        _audit(session, store, AuditAction.CREATE, case_id, "contact_attempt", row.id, actor)
        if fields:
            _audit(session, store, AuditAction.UPDATE, case_id, "case", case.id, actor, fields)
        return row.id


def remove_contact_attempt(store: Store, case_id: str, attempt_id: str, *, actor: str = "") -> None:
    """Remove an attempt logged by mistake (a tombstone)."""
    with _editing(store, case_id) as (session, case):
        row = session.get(ContactAttempt, attempt_id)
        if row is None or row.deleted or row.case_id != case.id:
            raise UserInputError("contact", "contact.not_found", "Kontaktforsøget findes ikke længere.")
        row.deleted = True
        _audit(session, store, AuditAction.DELETE, case_id, "contact_attempt", row.id, actor)


# =====================================================================================================
# Journal (append-only) and follow-ups
# =====================================================================================================


def add_journal_note(
    store: Store,
    case_id: str,
    text: str,
    *,
    actor: str = "",
    corrects_id: str | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Append a note. A correction names the note it corrects; that note stays and is shown as corrected."""
    body = (text or "").strip()
    if not body:
        raise UserInputError("text", "journal.empty", "Skriv noten, før du gemmer den.")
    with _editing(store, case_id) as (session, case):
        if corrects_id is not None:
            old = session.get(JournalNote, corrects_id)
            if old is None or old.deleted or old.case_id != case.id:
                raise UserInputError(
                    "corrects_id", "journal.not_found", "Noten, der skal rettes, findes ikke."
                )
            already = session.scalar(
                select(JournalNote.id).where(
                    JournalNote.corrects_id == corrects_id, JournalNote.deleted.is_(False)
                )
            )
            if already is not None:
                raise UserInputError(
                    "corrects_id",
                    "journal.already_corrected",
                    "Noten er allerede rettet. Ret den nyeste udgave i stedet.",
                )
        row = JournalNote(
            case_id=case.id, text=body, author=actor, corrects_id=corrects_id, written_at=now or utcnow()
        )
        session.add(row)
        session.flush()
        _audit(session, store, AuditAction.CREATE, case_id, "journal_note", row.id, actor)
        return row.id


def add_follow_up(
    store: Store, case_id: str, due_on: dt.date, text: str, *, today: dt.date, actor: str = ""
) -> str:
    """Set a follow-up on the case (shown under Frister until it is marked done)."""
    body = _text(text, "text", 300, "Teksten")
    if not body:
        raise UserInputError("text", "follow_up.text_missing", "Skriv hvad der skal følges op på.")
    if due_on < today:
        raise UserInputError("due_on", "follow_up.in_past", "Opfølgningsdatoen ligger før i dag.")
    _not_far_ahead(due_on, today, "due_on", "Opfølgningsdatoen")
    with _editing(store, case_id) as (session, case):
        row = FollowUp(case_id=case.id, due_on=due_on, text=body)
        session.add(row)
        session.flush()
        _audit(session, store, AuditAction.CREATE, case_id, "follow_up", row.id, actor)
        return row.id


def _follow_up(session: Session, case: Case, follow_up_id: str) -> FollowUp:
    row = session.get(FollowUp, follow_up_id)
    if row is None or row.deleted or row.case_id != case.id:
        raise UserInputError("follow_up", "follow_up.not_found", "Opfølgningen findes ikke længere.")
    return row


def set_follow_up_done(
    store: Store, case_id: str, follow_up_id: str, done: bool, *, today: dt.date, actor: str = ""
) -> None:
    with _editing(store, case_id) as (session, case):
        row = _follow_up(session, case, follow_up_id)
        row.done_on = today if done else None
        _audit(session, store, AuditAction.UPDATE, case_id, "follow_up", row.id, actor, ["done_on"])


def remove_follow_up(store: Store, case_id: str, follow_up_id: str, *, actor: str = "") -> None:
    with _editing(store, case_id) as (session, case):
        row = _follow_up(session, case, follow_up_id)
        row.deleted = True
        _audit(session, store, AuditAction.DELETE, case_id, "follow_up", row.id, actor)


# =====================================================================================================
# Closing and reopening
# =====================================================================================================

ClosingField = Literal[
    "outcome",
    "closing_age",
    "closing_children",
    "first_contact_channel",
    "tenancy_years_at_move_out",
    "arrears_at_move_out",
    "move_out_cause",
]
MOVE_OUT_OUTCOMES = (Outcome.MOVED_OUT, Outcome.EVICTED)
_INT_LIMITS: dict[str, tuple[int, int, str]] = {
    "closing_age": (0, 120, "Alderen skal være et helt tal fra 0 til 120."),
    "closing_children": (0, 20, "Antal børn skal være et helt tal fra 0 til 20."),
    "tenancy_years_at_move_out": (0, 100, "Lejemålets varighed skal være et helt antal år fra 0 til 100."),
}


def _clean_closing_value(field: ClosingField, value: object) -> object:
    if field == "outcome":
        return _optional_enum(value, Outcome, field)
    if field == "first_contact_channel":
        return _optional_enum(value, ContactChannel, field)
    if field == "move_out_cause":
        cause = _optional_enum(value, Cause, field)
        return cause.value if cause else ""
    if field == "arrears_at_move_out":
        if value is None:
            return None
        _require_type(value, Money, field)
        assert isinstance(value, Money)
        if value.is_negative():
            raise UserInputError(field, "money.negative", "Restancen kan ikke være negativ.")
        return value
    if value is None:
        return None
    _require_type(value, int, field)
    assert isinstance(value, int)
    low, high, message = _INT_LIMITS[field]
    if not low <= value <= high:
        raise UserInputError(field, "closing.number_invalid", message)
    return value


def set_closing_field(
    store: Store, case_id: str, field: ClosingField, value: object, *, actor: str = ""
) -> None:
    """Fill in one field of the closing registration (004 Bilag 1); saved as the adviser goes."""
    clean = _clean_closing_value(field, value)
    with _editing(store, case_id) as (session, case):
        setattr(case, field, clean)
        _audit(session, store, AuditAction.UPDATE, case_id, "case", case.id, actor, [field])


def close_case(
    store: Store,
    case_id: str,
    *,
    closed_on: dt.date,
    today: dt.date,
    actor: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Close the case. Needs an outcome (and the arrears left, for a move-out or an eviction).

    Registration fields left empty are filled from the case where it knows them: the tenant's age and the
    number of children on the closing date, the channel of the first contact reached, and the length of
    the tenancy. A journal note records the closing.
    """
    with store.session() as session:
        details = load_case_details(session, case_id, today)
    if details is None:
        raise UserInputError("case", "case.not_found", "Sagen findes ikke længere.")
    if details.is_closed:
        raise UserInputError("closed_on", "closing.already_closed", "Sagen er allerede afsluttet.")
    if closed_on > today:
        raise UserInputError(
            "closed_on", "closing.in_future", "Afslutningsdatoen kan ikke ligge i fremtiden."
        )
    if closed_on < details.opened_on:
        raise UserInputError(
            "closed_on",
            "closing.before_opened",
            f"Sagen kan ikke afsluttes, før den blev oprettet ({format_short(details.opened_on)}).",
        )
    outcome = details.closing.outcome
    if outcome is None:
        raise UserInputError("outcome", "closing.outcome_missing", "Vælg sagens udfald, før sagen afsluttes.")
    if outcome in MOVE_OUT_OUTCOMES and details.closing.arrears_at_move_out is None:
        raise UserInputError(
            "arrears_at_move_out",
            "closing.arrears_missing",
            "Skriv restancen ved fraflytningen (0 hvis der ikke er nogen), før sagen afsluttes.",
        )
    with _editing(store, case_id) as (session, case):
        people = _household_people(details.members)
        if case.closing_age is None:
            case.closing_age = _age(details.tenant.birth_date, closed_on)
        if case.closing_children is None:
            case.closing_children = count_for_norms(people, closed_on).children
        if case.first_contact_channel is None:
            case.first_contact_channel = details.closing_suggestion.first_contact_channel
        if case.tenancy_years_at_move_out is None and outcome in MOVE_OUT_OUTCOMES and details.tenancy:
            case.tenancy_years_at_move_out = _age(details.tenancy.move_in_date, closed_on)
        case.closed_on = closed_on
        case.phase = CasePhase.CLOSED
        note = JournalNote(
            case_id=case.id,
            author=actor,
            text=f"Sagen afsluttet {format_short(closed_on)}. Udfald: {outcome.label}.",
            written_at=now or utcnow(),
        )
        session.add(note)
        session.flush()
        _audit(session, store, AuditAction.UPDATE, case_id, "case", case.id, actor, ["closed_on", "phase"])


def reopen_case(
    store: Store, case_id: str, *, today: dt.date, actor: str = "", now: dt.datetime | None = None
) -> None:
    """Reopen a closed case: closing date and outcome are cleared, the rest of the registration and all
    history stay, and a journal note says when it was closed and with which outcome."""
    with _editing(store, case_id) as (session, case):
        if case.closed_on is None:
            raise UserInputError("closed_on", "closing.not_closed", "Sagen er ikke afsluttet.")
        outcome = f" med udfaldet »{case.outcome.label}«" if case.outcome else ""
        session.add(
            JournalNote(
                case_id=case.id,
                author=actor,
                text=f"Sagen genåbnet {format_short(today)}. Den var afsluttet {format_short(case.closed_on)}"
                f"{outcome}.",
                written_at=now or utcnow(),
            )
        )
        case.closed_on = None
        case.outcome = None
        case.phase = CasePhase.FOLLOW_UP
        _audit(
            session,
            store,
            AuditAction.UPDATE,
            case_id,
            "case",
            case.id,
            actor,
            ["closed_on", "outcome", "phase"],
        )
