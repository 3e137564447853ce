"""``desk.contacts``: the team's named contacts (Indstillinger → Kontakter) and their links to cases.

A contact is a person the advisers work with — a sagsbehandler, the jobcenter, the ydelseskontor, the
landlord's contact person, the varmemester, the bank — with organisation, phone, e-mail, hours and the
date somebody last checked the details. Contacts are synced to the team; a case links the ones that
matter for it. (``desk.contact`` is something else: the attempts to reach the tenant.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from boligdesk.budget.cooperation import ContactRole
from boligdesk.models import Case, CaseContact, Contact
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
from boligdesk.services.tenant import email_field, phone_field

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

CONTACT_FIELDS = FieldTable(
    "contact",
    "contacts",
    (
        Field("role", "Rolle", Kind.ENUM, PersonalData.PLAIN, required=True, enum=ContactRole, noun="Rollen"),
        Field(
            "name",
            "Navn",
            Kind.TEXT,
            PersonalData.IDENTIFYING,
            required=True,
            max_length=200,
            noun="Navnet",
            missing_code="contact.name_missing",
            missing="Skriv kontaktens navn (eller fx »Ydelseskontoret«).",
        ),
        Field(
            "organisation",
            "Organisation",
            Kind.TEXT,
            PersonalData.PLAIN,
            max_length=200,
            noun="Organisationen",
        ),
        phone_field(),
        email_field(),
        Field("hours", "Træffetid", Kind.TEXT, PersonalData.PLAIN, max_length=200, noun="Træffetiden"),
        Field(
            "checked_on",
            "Sidst tjekket",
            Kind.DATE,
            PersonalData.PLAIN,
            noun="Datoen for sidste tjek",
            minimum=not_before_year(2000, "Datoen for sidste tjek"),
            maximum=not_after_today(
                "contact.checked_in_future", "Datoen for sidste tjek kan ikke ligge efter i dag."
            ),
        ),
        Field(
            "note", "Note", Kind.TEXT, PersonalData.FREE_TEXT, max_length=2000, noun="Noten", multiline=True
        ),
    ),
)

#: The link table has no fields of its own besides the two references (both PLAIN ids).
CASE_CONTACT_FIELDS = FieldTable(
    "case_contact",
    "case_contacts",
    (
        Field("case_id", "Sag", Kind.REF, PersonalData.PLAIN, required=True, ref="case"),
        Field("contact_id", "Kontakt", Kind.REF, PersonalData.PLAIN, required=True, ref="contact"),
    ),
)


@dataclass(frozen=True, slots=True)
class ContactRow:
    id: str
    role: ContactRole
    name: str
    organisation: str
    phone: str
    email: str
    hours: str
    checked_on: dt.date | None
    note: str

    @property
    def role_label(self) -> str:
        return self.role.label

    def days_since_checked(self, today: dt.date) -> int | None:
        return None if self.checked_on is None else (today - self.checked_on).days


def _row(c: Contact) -> ContactRow:
    return ContactRow(c.id, c.role, c.name, c.organisation, c.phone, c.email, c.hours, c.checked_on, c.note)


class ContactBookService:
    """``desk.contacts``: add, edit, delete and list the team's contacts; link them to cases."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def _clean(self, values: dict[str, Any]) -> dict[str, Any]:
        return CONTACT_FIELDS.validate(values, Context(self._desk.today()))

    def all(self) -> list[ContactRow]:
        """Every contact, by role then name."""
        with self._desk.reading() as s:
            rows = [_row(c) for c in s.scalars(select(Contact).where(Contact.deleted.is_(False)))]
        order = list(ContactRole)
        return sorted(rows, key=lambda r: (order.index(r.role), r.name.casefold(), r.organisation.casefold()))

    def get(self, contact_id: str) -> ContactRow:
        with self._desk.reading() as s:
            return _row(live(s, Contact, contact_id))

    def add(self, **values: Any) -> Created:
        """A new contact. ``values`` are the fields of :data:`CONTACT_FIELDS` (text as typed is fine)."""
        for name in ("role", "name"):
            values.setdefault(name, None)
        clean = self._clean(values)
        with self._desk.writing() as s:
            row = Contact(**clean)
            s.add(row)
            s.flush()
            contact_id = row.id
        return Created(contact_id, Changes.of(None, Part.CONTACTS))

    def edit(self, contact_id: str, **values: Any) -> Changes:
        clean = self._clean(values)
        with self._desk.writing() as s:
            row = live(s, Contact, contact_id)
            for name, value in clean.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
        return Changes.of(None, Part.CONTACTS)

    def mark_checked(self, contact_id: str) -> Changes:
        """Somebody checked the details today."""
        with self._desk.writing() as s:
            live(s, Contact, contact_id).checked_on = self._desk.today()
        return Changes.of(None, Part.CONTACTS)

    def delete(self, contact_id: str) -> Changes:
        """Delete the contact and its links to cases (tombstones, so the deletion syncs)."""
        with self._desk.writing() as s:
            live(s, Contact, contact_id).deleted = True
            for link in s.scalars(
                select(CaseContact).where(
                    CaseContact.contact_id == contact_id, CaseContact.deleted.is_(False)
                )
            ):
                link.deleted = True
        return Changes.of(None, Part.CONTACTS)

    # --- on a case ----------------------------------------------------------------------------------
    def for_case(self, case_id: str) -> list[ContactRow]:
        with self._desk.reading() as s:
            live(s, Case, case_id)
            stmt = (
                select(Contact)
                .join(CaseContact, CaseContact.contact_id == Contact.id)
                .where(
                    CaseContact.case_id == case_id,
                    CaseContact.deleted.is_(False),
                    Contact.deleted.is_(False),
                )
            )
            rows = {c.id: _row(c) for c in s.scalars(stmt)}
        order = list(ContactRole)
        return sorted(rows.values(), key=lambda r: (order.index(r.role), r.name.casefold()))

    def link(self, case_id: str, contact_id: str) -> Changes:
        """Link a contact to a case (linking twice keeps one link)."""
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            live(s, Contact, contact_id)
            existing = s.scalar(
                select(CaseContact.id).where(
                    CaseContact.case_id == case_id,
                    CaseContact.contact_id == contact_id,
                    CaseContact.deleted.is_(False),
                )
            )
            if existing is None:
                s.add(CaseContact(case_id=case_id, contact_id=contact_id))
        return Changes.of(case_id, Part.CONTACTS)

    def unlink(self, case_id: str, contact_id: str) -> Changes:
        with self._desk.writing(case_id) as s:
            links = list(
                s.scalars(
                    select(CaseContact).where(
                        CaseContact.case_id == case_id,
                        CaseContact.contact_id == contact_id,
                        CaseContact.deleted.is_(False),
                    )
                )
            )
            if not links:
                raise NotFoundError(CaseContact)
            for link in links:
                link.deleted = True
        return Changes.of(case_id, Part.CONTACTS)
