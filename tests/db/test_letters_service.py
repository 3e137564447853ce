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
from boligdesk.letters.context import load_case_facts
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models import AuditEvent, GeneratedLetter, Payment, Setting
from boligdesk.models.store import Store
from boligdesk.services import letters as service
from tests.db.letters_samples import ADVISER, TODAY, add_budget, add_case, add_plan


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"[\s\u00a0]+", " ", " ".join(p.extract_text() for p in pages))


@pytest.fixture
def case_id(store: Store) -> str:
    case_id = add_case(store)
    add_plan(store, case_id)
    add_budget(store, case_id)
    service.set_letterhead(store, Letterhead(organisation="Boligsocialt Team Eksempel", phone="70 10 20 30"))
    service.set_sender(store, ADVISER, Sender(ADVISER, "Socialrådgiver", "21 43 65 87"))
    return case_id


def test_the_case_is_read_into_letter_facts(store: Store, case_id: str) -> None:
    with store.session() as s:
        facts = load_case_facts(s, case_id, TODAY)
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
    store: Store, case_id: str
) -> None:
    made = service.generate_letter(store, case_id, "afdragsaftale", actor=ADVISER, today=TODAY)
    assert made.sha256 == hashlib.sha256(made.pdf).hexdigest()
    with store.session() as s:
        row = s.get(GeneratedLetter, made.letter_id)
        assert row is not None
        assert row.case_id == case_id
        assert row.template == "afdragsaftale"
        assert row.made_by == ADVISER
        assert row.sha256 == made.sha256
        assert "Du skylder 12.345,50 kr." in row.body_text
    reopened = service.open_letter(store, made.letter_id, actor=ADVISER)
    assert reopened == made.pdf
    assert "Side 1 af 2" in text_of(reopened)
    [listed] = service.list_letters(store, case_id)
    assert (listed.id, listed.title, listed.made_by, listed.size) == (
        made.letter_id,
        "Aftale om afdrag på huslejerestance",
        ADVISER,
        len(made.pdf),
    )


def test_printing_leaves_an_audit_event_without_personal_data(store: Store, case_id: str) -> None:
    made = service.generate_letter(store, case_id, "tilbud-om-raadgivning", actor=ADVISER, today=TODAY)
    with store.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "letter", AuditEvent.entity_id == made.letter_id)
        ).all()
        assert [(e.action, e.case_id, e.actor, e.detail) for e in events] == [
            (AuditAction.PRINT, case_id, ADVISER, "template=tilbud-om-raadgivning")
        ]
        assert "Mette" not in events[0].detail


def test_the_edited_text_is_what_is_recorded_and_printed(store: Store, case_id: str) -> None:
    draft = service.prepare_letter(store, case_id, "besked-efter-besoeg", actor=ADVISER, today=TODAY)
    edited = draft.edited(body=draft.body + "\n\nJeg kommer igen torsdag.")
    preview = service.preview_pdf(store, case_id, edited, actor=ADVISER, today=TODAY)
    made = service.generate_letter(
        store,
        case_id,
        "besked-efter-besoeg",
        actor=ADVISER,
        today=TODAY,
        draft=edited,
        action=AuditAction.EXPORT,
    )
    assert made.pdf == preview
    assert "Jeg kommer igen torsdag." in text_of(made.pdf)
    with store.session() as s:
        row = s.get(GeneratedLetter, made.letter_id)
        assert row is not None and "Jeg kommer igen torsdag." in row.body_text


def test_letters_are_listed_newest_first(store: Store, case_id: str) -> None:
    first = service.generate_letter(store, case_id, "tilbud-om-raadgivning", actor=ADVISER, today=TODAY)
    second = service.generate_letter(store, case_id, "besked-efter-besoeg", actor=ADVISER, today=TODAY)
    assert [r.id for r in service.list_letters(store, case_id)] == [second.letter_id, first.letter_id]


def test_a_damaged_stored_letter_is_not_shown_as_if_it_were_fine(store: Store, case_id: str) -> None:
    made = service.generate_letter(store, case_id, "tilbud-om-raadgivning", actor=ADVISER, today=TODAY)
    with store.session() as s:
        row = s.get(GeneratedLetter, made.letter_id)
        assert row is not None
        row.pdf = made.pdf[:-10]
    with pytest.raises(StoreError) as caught:
        service.open_letter(store, made.letter_id, actor=ADVISER)
    assert caught.value.code == "letter_damaged"


def test_the_agreement_is_refused_for_a_case_without_a_plan(store: Store) -> None:
    case_id = add_case(store, first_name="Uden", last_name="Plan")
    with pytest.raises(UserInputError) as caught:
        service.prepare_letter(store, case_id, "afdragsaftale", actor=ADVISER, today=TODAY)
    assert caught.value.code == "letters.no_plan"
    assert "ingen aktiv afdragsordning" in caught.value.message


def test_a_superseded_plan_is_not_the_plan_of_the_letter(store: Store) -> None:
    case_id = add_case(store)
    add_plan(store, case_id, months=6, status=PlanStatus.SUPERSEDED)
    add_plan(store, case_id, months=3)
    draft = service.prepare_letter(
        store, case_id, "bekraeftelse-af-afdragsordning", actor=ADVISER, today=TODAY
    )
    assert "med 3 afdrag" in draft.body


def test_the_reminder_is_filled_from_registered_payments(store: Store) -> None:
    case_id = add_case(store)
    plan_id = add_plan(store, case_id)
    # 12.345,50 in four: 3.086,38 twice, then 3.086,37 twice (largest remainder gives the øre first).
    with store.session() as s:
        s.add(Payment(plan_id=plan_id, paid_on=dt.date(2027, 1, 4), amount=Money(308_638)))
    draft = service.prepare_letter(
        store, case_id, "rykker-for-afdrag", actor=ADVISER, today=dt.date(2027, 2, 9)
    )
    assert "betalt senest den 1. februar 2027" in draft.body
    assert "I dag mangler der 3.086,38 kr." in draft.body
    assert "manglende_beloeb" not in draft.missing


def test_a_case_number_that_does_not_exist_is_a_clear_error(store: Store, case_id: str) -> None:
    assert service.case_id_for_number(store, "2026-0001") == case_id
    with pytest.raises(UserInputError) as caught:
        service.case_id_for_number(store, "2026-9999")
    assert "2026-9999" in caught.value.message


def test_the_letterhead_and_the_sender_are_kept(store: Store) -> None:
    letterhead = Letterhead(organisation="Team Syd", address="Sydvej 2\n8000 Aarhus C", phone="12 34 56 78")
    service.set_letterhead(store, letterhead, actor=ADVISER)
    service.set_letterhead(store, letterhead, actor=ADVISER)  # saving twice keeps one setting
    assert service.get_letterhead(store) == letterhead
    with store.session() as s:
        [row] = s.scalars(select(Setting).where(Setting.key == "letterhead")).all()
        # Same id on every laptop, so two laptops' letterheads merge instead of clashing on sync.
        assert row.id == service.setting_id("letterhead") == "740bf49d-988a-5cef-bd78-9f06a9e044f5"
    service.set_sender(
        store, "Bo Rådgiver", Sender("Bo Rådgiver", "Boligrådgiver", "11 22 33 44", "bo@x.invalid")
    )
    assert service.get_sender(store, "Bo Rådgiver") == Sender(
        "Bo Rådgiver", "Boligrådgiver", "11 22 33 44", "bo@x.invalid"
    )
    assert service.get_sender(store, "Ny Kollega") == Sender("Ny Kollega", "Socialrådgiver")


def test_a_letterhead_without_the_organisations_name_is_refused(store: Store) -> None:
    with pytest.raises(UserInputError) as caught:
        service.set_letterhead(store, Letterhead(address="Vej 1"))
    assert caught.value.field == "organisation"
    assert service.get_letterhead(store).is_empty


def test_a_template_in_the_profiles_skabeloner_folder_is_used(store: Store, case_id: str) -> None:
    folder = service.template_folder(store)
    assert folder == store.profile.folder / "skabeloner"
    folder.mkdir()
    (folder / "tilbud-om-raadgivning.txt").write_text(
        "titel = Vores tilbud\n\n[modtager]\n{lejer_navn}\n\n[tekst]\nHej {lejer_fornavn}, ring til {afsender_telefon}.\n",
        encoding="utf-8",
    )
    made = service.generate_letter(store, case_id, "tilbud-om-raadgivning", actor=ADVISER, today=TODAY)
    assert "Hej Mette, ring til 21 43 65 87." in text_of(made.pdf)
    assert any(t.name == "tilbud-om-raadgivning" and t.custom for t in service.available_templates(store))
