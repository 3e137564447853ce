"""Contacts (the named people an adviser works with), consents and applications on a case (issue 16)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.budget.cooperation import (
    ApplicationKind,
    ConsentHow,
    ContactRole,
    CourseMethod,
    Decision,
    ShareWith,
    TagGroup,
)
from boligdesk.budget.money import Money
from boligdesk.models.base import Base, Synced, enum_type


class Contact(Synced, Base):
    """A named person at the municipality, the job centre, the landlord, the bank … (shared by the team)."""

    __tablename__ = "contacts"

    role: Mapped[ContactRole] = mapped_column(enum_type(ContactRole))
    name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    checked_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class CaseContact(Synced, Base):
    """A contact linked to a case (e.g. the tenant's sagsbehandler)."""

    __tablename__ = "case_contacts"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    contact_id: Mapped[str] = mapped_column(ForeignKey("contacts.id"), index=True)


class Consent(Synced, Base):
    """What the tenant consented to share with whom, when and how; withdrawn from a date."""

    __tablename__ = "consents"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    share_with: Mapped[ShareWith] = mapped_column(enum_type(ShareWith))
    scope: Mapped[str] = mapped_column(String(300), default="")
    given_on: Mapped[dt.date] = mapped_column(Date)
    how: Mapped[ConsentHow] = mapped_column(enum_type(ConsentHow))
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class Application(Synced, Base):
    """An application made with or for the tenant, and the decision on it."""

    __tablename__ = "applications"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[ApplicationKind] = mapped_column(enum_type(ApplicationKind))
    sent_to: Mapped[str] = mapped_column(String(200), default="")
    sent_on: Mapped[dt.date] = mapped_column(Date)
    applied_amount: Mapped[Money | None] = mapped_column(default=None)
    answer_due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    decision: Mapped[Decision] = mapped_column(enum_type(Decision), default=Decision.PENDING)
    decided_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    received_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    granted_amount: Mapped[Money | None] = mapped_column(default=None)
    letter_id: Mapped[str | None] = mapped_column(ForeignKey("generated_letters.id"), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    #: The granted amount is paid towards the arrears (to the landlord): the plan builder subtracts it.
    applied_to_arrears: Mapped[bool] = mapped_column(Boolean, default=False)


class Course(Synced, Base):
    """A support course (forløb) the case runs: a method and a planned length in months (issue 16).

    Nothing ends a course or closes the case on its own: ``ended_on`` is set by the adviser."""

    __tablename__ = "courses"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    method: Mapped[CourseMethod] = mapped_column(enum_type(CourseMethod))
    planned_months: Mapped[int] = mapped_column(Integer)
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class CourseExtension(Synced, Base):
    """A course extended by some months, with the reason (seed 001: »forlænge forløb … hvis behov«)."""

    __tablename__ = "course_extensions"

    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    extended_on: Mapped[dt.date] = mapped_column(Date)
    months: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")


class CaseTag(Synced, Base):
    """A fixed-picklist tag on a case: an additional case type or an activity used (issue 16).

    ``value`` is a :class:`~boligdesk.budget.vocabulary.CaseKind` value for ``CASE_TYPE`` and an
    :class:`~boligdesk.budget.cooperation.ActivityTag` value for ``ACTIVITY``; removing a tag deletes the row."""

    __tablename__ = "case_tags"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    group: Mapped[TagGroup] = mapped_column(enum_type(TagGroup))
    value: Mapped[str] = mapped_column(String(40))
