"""Letters on a real encrypted store: facts read from the case, generated letters recorded and reopened."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction, PlanStatus
from boligdesk.errors import StoreError, UserInputError
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models import AuditEvent, GeneratedLetter, Payment, Setting
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk, NotFoundError
from boligdesk.services.letters import LetterService, setting_id
from tests.db.letters_samples import ADVISER, TODAY, add_budget, add_case, add_plan


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"[\s\u00a0]+", " ", " ".join(p.extract_text() for p in pages))


def letters_of(store: Store, adviser: str = ADVISER, today: dt.date = TODAY) -> LetterService:
    return Desk(store, adviser_name=adviser, today=lambda: today).letters


@pytest.fixture
def letters(store: Store) -> LetterService:
    return letters_of(store)


@pytest.fixture
def case_id(store: Store, letters: LetterService) -> str:
    case_id = add_case(store)
    add_plan(store, case_id)
    add_budget(store, case_id)
    letters.set_letterhead(Letterhead(organisation="Boligsocialt Team Eksempel", phone="70 10 20 30"))
    letters.set_sender(Sender(ADVISER, "Socialrådgiver", "21 43 65 87"))
    return case_id


def test_the_case_is_read_into_letter_facts(letters: LetterService, case_id: str) -> None:
    facts = letters.facts(case_id)
    assert facts.tenant_name == "Mette Testesen"
    assert facts.postcode_city == "2400 København NV"
    assert facts.estate == "104 Eksempelparken"
    assert facts.association == "Boligselskabet Eksempel"
    assert (facts.adults, facts.children) == (1, 1)
    assert [(p.text, p.amount) for p in facts.debt_parts] == [
        ("Husleje for oktober 2026", Money(612_500)),
        ("Husleje for november 2026", Money(612_500)),
        ("Påkravsgebyr", Money(9_550)),
    ]
    assert facts.eviction_time == "09:30–13:00"
    assert facts.plan is not None
    assert facts.plan.schedule_total == facts.plan.debt == Money(1_234_550)
    assert [r.due_on for r in facts.plan.rows] == [
        dt.date(2027, 1, 4),  # 1 January is New Year's Day, then a weekend
        dt.date(2027, 2, 1),
        dt.date(2027, 3, 1),
        dt.date(2027, 4, 1),
    ]
    assert facts.budget is not None
    # Weekly 1.500 kr. is 1.500 × 52 / 12 = 6.500 kr. a month; quarterly 9.120 kr. is 3.040 kr.
    assert dict(facts.budget.expenses)["Mad og husholdning"] == Money(650_000)
    assert dict(facts.budget.incomes)["Børne- og ungeydelse"] == Money(304_000)


def test_a_generated_letter_is_recorded_with_its_hash_and_reopens_identical(
    store: Store, letters: LetterService, case_id: str
) -> None:
    made = letters.make(case_id, "afdragsaftale")
    assert made.sha256 == hashlib.sha256(made.pdf).hexdigest()
    assert made.changes == Changes.of(case_id, Part.LETTERS)
    with store.session() as s:
        row = s.get(GeneratedLetter, made.letter_id)
        assert row is not None
        assert row.case_id == case_id
        assert row.template == "afdragsaftale"
        assert row.made_by == ADVISER
        assert row.sha256 == made.sha256
        assert "Du skylder 12.345,50 kr." in row.body_text
    reopened = letters.open(made.letter_id)
    assert reopened == made.pdf
    assert "Side 1 af 2" in text_of(reopened)
    [listed] = letters.letters(case_id)
    assert (listed.id, listed.title, listed.made_by, listed.size) == (
        made.letter_id,
        "Aftale om afdrag på huslejerestance",
        ADVISER,
        len(made.pdf),
    )


def test_printing_leaves_an_audit_event_without_personal_data(
    store: Store, letters: LetterService, case_id: str
) -> None:
    made = letters.make(case_id, "bekraeftelse-af-afdragsordning")
    with store.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "letter", AuditEvent.entity_id == made.letter_id)
        ).all()
        assert [(e.action, e.case_id, e.actor, e.detail) for e in events] == [
            (AuditAction.PRINT, case_id, ADVISER, "template=bekraeftelse-af-afdragsordning")
        ]
        assert "Mette" not in events[0].detail
        # The row itself is audited once by the store's flush hook (who made it; no values).
        created = s.scalars(select(AuditEvent).where(AuditEvent.entity == "generated_letter")).all()
        assert [(e.action, e.entity_id, e.case_id, e.actor, e.detail) for e in created] == [
            (AuditAction.CREATE, made.letter_id, case_id, ADVISER, "")
        ]


def test_the_edited_text_is_what_is_recorded_and_printed(
    store: Store, letters: LetterService, case_id: str
) -> None:
    draft = letters.draft(case_id, "rykker-for-afdrag")
    edited = draft.edited(body=draft.body + "\n\nJeg kommer igen torsdag.")
    preview = letters.preview(case_id, edited)
    made = letters.make(case_id, "rykker-for-afdrag", draft=edited, action=AuditAction.EXPORT)
    assert made.pdf == preview
    assert "Jeg kommer igen torsdag." in text_of(made.pdf)
    with store.session() as s:
        row = s.get(GeneratedLetter, made.letter_id)
        assert row is not None and "Jeg kommer igen torsdag." in row.body_text
        actions = s.scalars(
            select(AuditEvent.action).where(AuditEvent.entity == "letter", AuditEvent.entity_id == row.id)
        ).all()
        assert actions == [AuditAction.EXPORT]


def test_a_preview_records_nothing(store: Store, letters: LetterService, case_id: str) -> None:
    with store.session() as s:
        before = len(s.scalars(select(AuditEvent)).all())
    letters.preview(case_id, letters.draft(case_id, "bekraeftelse-af-afdragsordning"))
    with store.session() as s:
        assert len(s.scalars(select(AuditEvent)).all()) == before
        assert s.scalars(select(GeneratedLetter)).all() == []


def test_letters_are_listed_newest_first(letters: LetterService, case_id: str) -> None:
    first = letters.make(case_id, "bekraeftelse-af-afdragsordning")
    second = letters.make(case_id, "rykker-for-afdrag")
    assert [r.id for r in letters.letters(case_id)] == [second.letter_id, first.letter_id]


def test_a_damaged_stored_letter_is_not_shown_as_if_it_were_fine(
    store: Store, letters: LetterService, case_id: str
) -> None:
    made = letters.make(case_id, "bekraeftelse-af-afdragsordning")
    with store.session() as s:
        row = s.get(GeneratedLetter, made.letter_id)
        assert row is not None
        row.pdf = made.pdf[:-10]
    with pytest.raises(StoreError) as caught:
        letters.open(made.letter_id)
    assert caught.value.code == "letter_damaged"


def test_a_deleted_letter_or_case_is_the_one_not_found_error(
    store: Store, letters: LetterService, case_id: str
) -> None:
    made = letters.make(case_id, "bekraeftelse-af-afdragsordning")
    with store.session() as s:
        row = s.get(GeneratedLetter, made.letter_id)
        assert row is not None
        row.deleted = True
    with pytest.raises(NotFoundError) as caught:
        letters.open(made.letter_id)
    assert caught.value.code == "generated_letter.not_found"
    assert caught.value.message.startswith("Brevet findes ikke længere.")
    with pytest.raises(NotFoundError) as caught:
        letters.draft("no-such-case", "bekraeftelse-af-afdragsordning")
    assert caught.value.code == "case.not_found"


def test_reprinting_an_earlier_letter_is_audited_without_a_new_letter(
    store: Store, letters: LetterService, case_id: str
) -> None:
    made = letters.make(case_id, "afdragsaftale")
    letters.note_reused(made.letter_id, action=AuditAction.EXPORT)
    assert len(letters.letters(case_id)) == 1
    with store.session() as s:
        details = s.scalars(
            select(AuditEvent.detail).where(
                AuditEvent.entity == "letter", AuditEvent.action == AuditAction.EXPORT
            )
        ).all()
    assert details == ["template=afdragsaftale;again"]


def test_the_agreement_is_refused_for_a_case_without_a_plan(store: Store, letters: LetterService) -> None:
    case_id = add_case(store, first_name="Uden", last_name="Plan")
    with pytest.raises(UserInputError) as caught:
        letters.draft(case_id, "afdragsaftale")
    assert caught.value.code == "letters.no_plan"
    assert "ingen aktiv afdragsordning" in caught.value.message


def test_a_superseded_plan_is_not_the_plan_of_the_letter(store: Store, letters: LetterService) -> None:
    case_id = add_case(store)
    add_plan(store, case_id, months=6, status=PlanStatus.SUPERSEDED)
    add_plan(store, case_id, months=3)
    draft = letters.draft(case_id, "bekraeftelse-af-afdragsordning")
    assert "med 3 afdrag" in draft.body


def test_the_reminder_is_filled_from_registered_payments(store: Store) -> None:
    case_id = add_case(store)
    plan_id = add_plan(store, case_id)
    # 12.345,50 in four: 3.086,38 twice, then 3.086,37 twice (largest remainder gives the øre first).
    with store.session() as s:
        s.add(Payment(plan_id=plan_id, paid_on=dt.date(2027, 1, 4), amount=Money(308_638)))
    draft = letters_of(store, today=dt.date(2027, 2, 9)).draft(case_id, "rykker-for-afdrag")
    # The same dates the agreement's table shows: due on the 1st, on time until the 3rd weekday after.
    assert "forfaldt den 1. februar 2027, skulle have været betalt senest den 4. februar 2027" in draft.body
    assert "I dag mangler der 3.086,38 kr." in draft.body
    assert "manglende_beloeb" not in draft.missing


def test_a_case_number_that_does_not_exist_is_a_clear_error(letters: LetterService, case_id: str) -> None:
    assert letters.case_id_for_number("2026-0001") == case_id
    with pytest.raises(UserInputError) as caught:
        letters.case_id_for_number("2026-9999")
    assert "2026-9999" in caught.value.message


def test_the_letterhead_and_the_sender_are_kept(store: Store, letters: LetterService) -> None:
    letterhead = Letterhead(organisation="Team Syd", address="Sydvej 2\n8000 Aarhus C", phone="12 34 56 78")
    assert letters.set_letterhead(letterhead) == Changes.of(None, Part.SETTINGS)
    letters.set_letterhead(letterhead)  # saving twice keeps one setting
    assert letters.letterhead() == letterhead
    with store.session() as s:
        [row] = s.scalars(select(Setting).where(Setting.key == "letterhead")).all()
        # Same id on every laptop, so two laptops' letterheads merge instead of clashing on sync.
        assert row.id == setting_id("letterhead") == "740bf49d-988a-5cef-bd78-9f06a9e044f5"
        # Audited by the flush hook: created once, then nothing (the same value saved again changes nothing).
        assert s.scalars(
            select(AuditEvent.action).where(AuditEvent.entity == "setting", AuditEvent.entity_id == row.id)
        ).all() == [AuditAction.CREATE]
    bo = letters_of(store, "Bo Rådgiver")
    assert bo.set_sender(Sender("Bo Rådgiver", "Boligrådgiver", "11 22 33 44", "bo@x.invalid")) == Changes.of(
        None, Part.SETTINGS
    )
    assert (
        bo.sender()
        == letters.sender("Bo Rådgiver")
        == Sender("Bo Rådgiver", "Boligrådgiver", "11 22 33 44", "bo@x.invalid")
    )
    assert letters.sender("Ny Kollega") == Sender("Ny Kollega", "Socialrådgiver")


def test_a_sender_needs_an_adviser_at_work(store: Store) -> None:
    with pytest.raises(UserInputError) as caught:
        letters_of(store, "").set_sender(Sender("", "Socialrådgiver"))
    assert caught.value.code == "letters.sender_missing"


def test_a_letterhead_without_the_organisations_name_is_refused(store: Store, letters: LetterService) -> None:
    with pytest.raises(UserInputError) as caught:
        letters.set_letterhead(Letterhead(address="Vej 1"))
    assert caught.value.field == "organisation"
    assert letters.letterhead().is_empty


def test_a_template_in_the_profiles_skabeloner_folder_is_used(
    store: Store, letters: LetterService, case_id: str
) -> None:
    folder = letters.template_folder()
    assert folder == store.profile.folder / "skabeloner"
    folder.mkdir()
    (folder / "tilbud-om-raadgivning.txt").write_text(
        "titel = Vores tilbud\n\n[modtager]\n{lejer_navn}\n\n[tekst]\nHej {lejer_fornavn}, ring til {afsender_telefon}.\n",
        encoding="utf-8",
    )
    made = letters.make(case_id, "tilbud-om-raadgivning")
    assert "Hej Mette, ring til 21 43 65 87." in text_of(made.pdf)
    assert any(t.name == "tilbud-om-raadgivning" and t.custom for t in letters.templates())
