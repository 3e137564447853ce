"""Every column of the new tables has its personal-data class, so access export and erasure can use them."""

from __future__ import annotations

import pytest

from boligdesk.models import Application, CaseContact, Consent, Contact, Course, CourseExtension
from boligdesk.models.base import SYNC_COLUMNS
from boligdesk.services.applications import APPLICATION_FIELDS
from boligdesk.services.consent import CONSENT_FIELDS
from boligdesk.services.contacts import CASE_CONTACT_FIELDS, CONTACT_FIELDS
from boligdesk.services.courses import COURSE_FIELDS, EXTENSION_FIELDS
from boligdesk.services.fields import FieldTable, PersonalData

#: Columns that tie a row to its case or to another row: ids, not data about anyone.
LINKS = {"case_id", "contact_id", "letter_id", "applied_to_arrears", "course_id"}


@pytest.mark.parametrize(
    ("model", "table"),
    [
        (Contact, CONTACT_FIELDS),
        (CaseContact, CASE_CONTACT_FIELDS),
        (Consent, CONSENT_FIELDS),
        (Application, APPLICATION_FIELDS),
        (Course, COURSE_FIELDS),
        (CourseExtension, EXTENSION_FIELDS),
    ],
)
def test_every_column_is_declared_with_its_personal_data_class(model: type, table: FieldTable) -> None:
    columns = {c.name for c in model.__table__.columns} - SYNC_COLUMNS  # type: ignore[attr-defined]
    declared = set(table.names)
    assert table.table == model.__tablename__  # type: ignore[attr-defined]
    assert columns - LINKS <= declared, f"undeclared: {sorted(columns - LINKS - declared)}"
    assert declared <= columns


def test_names_phones_and_free_text_are_marked_for_erasure() -> None:
    assert CONTACT_FIELDS["name"].pd is PersonalData.IDENTIFYING
    assert CONTACT_FIELDS["phone"].pd is PersonalData.IDENTIFYING
    assert CONTACT_FIELDS["note"].pd is PersonalData.FREE_TEXT
    assert CONSENT_FIELDS["scope"].pd is PersonalData.FREE_TEXT
    assert APPLICATION_FIELDS["note"].pd is PersonalData.FREE_TEXT
    assert EXTENSION_FIELDS["reason"].pd is PersonalData.FREE_TEXT
