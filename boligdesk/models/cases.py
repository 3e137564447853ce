"""Tenancies, cases and everything registered on a case."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boligdesk.budget.deadlines import TimelineFacts
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    AdviceOfferAnswer,
    ArrearsCoveredBy,
    ArrearsKind,
    CaseKind,
    CasePhase,
    CodeCategory,
    ContactChannel,
    ContactResult,
    IncomeBasis,
    LetterDelivery,
    Outcome,
    ReferralSource,
    StatsExclusion,
)
from boligdesk.models.base import Base, Synced, enum_type, utcnow
from boligdesk.models.organisation import Adviser, Estate
from boligdesk.models.people import Household, Person


class Tenancy(Synced, Base):
    """The rented home (lejemål)."""

    __tablename__ = "tenancies"

    estate_id: Mapped[str | None] = mapped_column(ForeignKey("estates.id"), index=True, default=None)
    tenancy_number: Mapped[str] = mapped_column(String(40), default="", index=True)
    address_line: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    rent: Mapped[Money] = mapped_column(default=Money(0))
    rooms: Mapped[int | None] = mapped_column(default=None)
    move_in_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    estate: Mapped[Estate | None] = relationship()

    @property
    def full_address(self) -> str:
        place = f"{self.postcode} {self.city}".strip()
        return ", ".join(p for p in (self.address_line, place) if p)


class Case(Synced, Base):
    """One course of help for one household (sag)."""

    __tablename__ = "cases"

    number: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[CaseKind] = mapped_column(enum_type(CaseKind), default=CaseKind.EVICTION_THREAT)
    phase: Mapped[CasePhase] = mapped_column(enum_type(CasePhase), default=CasePhase.NEW)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"), default=None)
    tenancy_id: Mapped[str | None] = mapped_column(ForeignKey("tenancies.id"), index=True, default=None)
    adviser_id: Mapped[str | None] = mapped_column(ForeignKey("advisers.id"), index=True, default=None)
    opened_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)

    # Contact and background
    letters_reach_tenant: Mapped[LetterDelivery] = mapped_column(
        enum_type(LetterDelivery), default=LetterDelivery.UNKNOWN
    )
    referral_source: Mapped[ReferralSource | None] = mapped_column(enum_type(ReferralSource), default=None)
    income_basis: Mapped[IncomeBasis | None] = mapped_column(enum_type(IncomeBasis), default=None)
    terminations_this_year: Mapped[int] = mapped_column(default=0)
    wants_personal_meeting: Mapped[bool | None] = mapped_column(default=None)

    # The eviction timeline (DOMAIN.md §3)
    arrears: Mapped[Money] = mapped_column(default=Money(0))
    reminder_fee: Mapped[Money] = mapped_column(default=Money(0))
    reminder_sent_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    reminder_received_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    termination_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    bailiff_request_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    hearing_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    eviction_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    eviction_time_from: Mapped[dt.time | None] = mapped_column(Time, default=None)
    eviction_time_to: Mapped[dt.time | None] = mapped_column(Time, default=None)
    rescheduled_eviction_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    arrears_covered: Mapped[bool | None] = mapped_column(default=None)

    # Closing registration (004 Bilag 1)
    outcome: Mapped[Outcome | None] = mapped_column(enum_type(Outcome), default=None)
    closing_age: Mapped[int | None] = mapped_column(default=None)
    closing_children: Mapped[int | None] = mapped_column(default=None)
    first_contact_channel: Mapped[ContactChannel | None] = mapped_column(
        enum_type(ContactChannel), default=None
    )
    tenancy_years_at_move_out: Mapped[int | None] = mapped_column(default=None)
    arrears_at_move_out: Mapped[Money | None] = mapped_column(default=None)
    move_out_cause: Mapped[str] = mapped_column(String(40), default="")

    # Registrations the statistics need (issue 13): left out of the statistics and why (004 Bilag 1),
    # a new tenant's answer to the offer of advice, who covered the arrears.
    stats_excluded: Mapped[StatsExclusion | None] = mapped_column(enum_type(StatsExclusion), default=None)
    advice_offer_answer: Mapped[AdviceOfferAnswer | None] = mapped_column(
        enum_type(AdviceOfferAnswer), default=None
    )
    arrears_covered_by: Mapped[ArrearsCoveredBy | None] = mapped_column(
        enum_type(ArrearsCoveredBy), default=None
    )

    tenant: Mapped[Person] = relationship()
    household: Mapped[Household | None] = relationship()
    tenancy: Mapped[Tenancy | None] = relationship()
    adviser: Mapped[Adviser | None] = relationship()

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    def timeline_facts(
        self, follow_up_on: dt.date | None = None, plan_agreed_on: dt.date | None = None
    ) -> TimelineFacts:
        """The case's dates for the deadline rules; ``follow_up_on`` is the next open FollowUp,
        ``plan_agreed_on`` the day its plan in force was agreed (``plan_loading.plans_in_force``)."""
        return TimelineFacts(
            reminder_sent_on=self.reminder_sent_on,
            reminder_received_on=self.reminder_received_on,
            termination_on=self.termination_on,
            bailiff_request_on=self.bailiff_request_on,
            hearing_on=self.hearing_on,
            eviction_on=self.eviction_on,
            rescheduled_eviction_on=self.rescheduled_eviction_on,
            withdrawn_on=self.withdrawn_on,
            follow_up_on=follow_up_on,
            plan_agreed_on=plan_agreed_on,
            arrears_covered=bool(self.arrears_covered),
        )


class CaseKindChange(Synced, Base):
    """History of a case's kind: one row per change (the first row is the kind at creation)."""

    __tablename__ = "case_kind_changes"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[CaseKind] = mapped_column(enum_type(CaseKind))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(200), default="")


class CaseCode(Synced, Base):
    """One picked value of a multi-select picklist on a case.

    ``category`` says which list (trigger, cause, advice topic, practical help, checklist item);
    ``code`` the value; ``qualifier`` a second value where the list has one: "known"/"assumed" for
    causes, the answer (not asked / yes / no / follow up) for checklist items.
    """

    __tablename__ = "case_codes"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    category: Mapped[CodeCategory] = mapped_column(enum_type(CodeCategory))
    code: Mapped[str] = mapped_column(String(40))
    qualifier: Mapped[str] = mapped_column(String(40), default="")


class ArrearsItem(Synced, Base):
    """What the arrears consist of: rent months, fees."""

    __tablename__ = "arrears_items"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[ArrearsKind] = mapped_column(enum_type(ArrearsKind), default=ArrearsKind.RENT)
    period: Mapped[dt.date | None] = mapped_column(Date, default=None)
    text: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[Money] = mapped_column(default=Money(0))


class ContactAttempt(Synced, Base):
    """One try to reach the tenant (kontaktforsøg)."""

    __tablename__ = "contact_attempts"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    channel: Mapped[ContactChannel] = mapped_column(enum_type(ContactChannel))
    result: Mapped[ContactResult] = mapped_column(enum_type(ContactResult))
    note: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(200), default="")


class JournalNote(Synced, Base):
    """An append-only journal note. A correction is a new note that refers to the old one."""

    __tablename__ = "journal_notes"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    written_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    author: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    corrects_id: Mapped[str | None] = mapped_column(ForeignKey("journal_notes.id"), default=None)


class FollowUp(Synced, Base):
    """A follow-up the adviser set on a case (shown in Frister)."""

    __tablename__ = "follow_ups"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    due_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(String(300), default="")
    done_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
