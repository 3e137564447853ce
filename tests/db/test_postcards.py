"""Postcards to every new tenant at once (004 "Rådgivning til nye lejere"): who gets one, the A4 sheet of
four cards, and what is recorded on each case (invented data)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from boligdesk.budget.vocabulary import AdviceOfferAnswer, AuditAction, CaseKind, CasePhase
from boligdesk.errors import UserInputError
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models import AuditEvent, GeneratedLetter, JournalNote
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from tests.db.case_setup import new_case

TODAY = dt.date(2026, 12, 1)
#: The longest name the tenant fields take, made of real-looking parts (invented).
LONG_FIRST = "Maria-Magdalena Sofie Charlotte Amalie"
LONG_LAST = "Bjerregaard-Vestergaard-Christoffersen Frederiksen"
LONG_STREET = "Dronning Margrethe den Andens Allé 118B, 14. sal, lejlighed 1402 th."


def desk(store: Store, *, sender: bool = True) -> Desk:
    d = Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY)
    if sender:
        d.letters.set_letterhead(Letterhead(organisation="Opdigtet Boligrådgivning", phone="11 22 33 44"))
        d.letters.set_sender(Sender(title="Socialrådgiver", phone="87 65 43 21"))
    return d


def new_tenant(
    store: Store, first: str, last: str = "Testesen", street: str = "Engparken 12, st. tv."
) -> str:
    return new_case(
        store, first_name=first, last_name=last, address_line=street, kind=CaseKind.NEW_TENANT, members=()
    )


def text_of(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_candidates_are_the_open_new_tenant_cases_without_an_answer(store: Store) -> None:
    d = desk(store)
    waiting = new_tenant(store, "Anna")
    offered = new_tenant(store, "Bo")
    answered = new_tenant(store, "Carl")
    new_case(store, first_name="Dorte")  # an eviction case: never a postcard
    d.statistics.set_registration(offered, "advice_offer_answer", AdviceOfferAnswer.OFFERED)
    d.statistics.set_registration(answered, "advice_offer_answer", AdviceOfferAnswer.DECLINED)
    ids = {c.case_id: c for c in d.postcards.candidates()}
    assert set(ids) == {waiting, offered}
    assert ids[offered].already_offered and not ids[waiting].already_offered
    assert d.postcards.not_yet_offered() == [waiting]


def test_five_postcards_make_two_a4_sheets_and_every_card_is_recorded_on_its_case(store: Store) -> None:
    d = desk(store)
    names = ["Anna", "Bo", "Carl", "Dorte", "Ejnar"]
    ids = [new_tenant(store, n, street=f"Engparken {i + 1}, st. tv.") for i, n in enumerate(names)]
    batch = d.postcards.make(ids)
    assert batch.case_ids == tuple(ids) and batch.sheets == 2 and not batch.skipped
    pages = text_of(batch.pdf)
    assert len(pages) == 2
    reader = PdfReader(io.BytesIO(batch.pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape: four A6 cards
    for index, name in enumerate(names):
        page = pages[index // 4]
        assert f"{name} Testesen" in page and f"Engparken {index + 1}, st. tv." in page
        assert f"Kære {name}" in page
    assert "Rikke Rådgiver" in pages[0] and "87 65 43 21" in pages[0] and "________" not in pages[0]
    with store.session() as s:
        letters = s.scalars(select(GeneratedLetter)).all()
        assert sorted(x.case_id for x in letters) == sorted(ids)
        assert all(x.template == "postkort-ny-lejer" and x.pdf.startswith(b"%PDF") for x in letters)
        notes = s.scalars(select(JournalNote)).all()
        assert sorted(n.case_id for n in notes) == sorted(ids)
        assert all(n.text.startswith("Postkort sendt") for n in notes)
        printed = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.PRINT)).all()
        assert sorted(e.case_id for e in printed) == sorted(ids)
    for case_id in ids:
        reg = d.statistics.registration(case_id)
        assert reg.advice_offer_answer is AdviceOfferAnswer.OFFERED
        details = d.case_view.details(case_id)
        assert details is not None and details.phase is CasePhase.CONTACT
    assert d.postcards.not_yet_offered() == []  # printed once, not again by default
    assert batch.changes.touches(ids[0])


def test_the_longest_name_and_address_fit_on_the_card(store: Store) -> None:
    d = desk(store)
    case_id = new_tenant(store, LONG_FIRST, LONG_LAST, LONG_STREET)
    batch = d.postcards.make([case_id])
    [page] = text_of(batch.pdf)
    flat = " ".join(page.split())
    for part in (*LONG_FIRST.split(), *LONG_LAST.split(), "Margrethe", "1402", "2400 København NV"):
        assert part in flat, part
    assert f"Kære {LONG_FIRST.split()[0]}" in flat or "Kære Maria" in flat


def test_an_answer_already_registered_is_kept_and_cases_that_are_not_new_tenants_are_left_out(
    store: Store,
) -> None:
    d = desk(store)
    accepted = new_tenant(store, "Anna")
    d.statistics.set_registration(accepted, "advice_offer_answer", AdviceOfferAnswer.ACCEPTED)
    eviction = new_case(store, first_name="Bo")
    batch = d.postcards.make([accepted, eviction])
    assert batch.case_ids == (accepted,)
    assert [s.reason for s in batch.skipped] == ["sagen er ikke en »Ny lejer«-sag (Udsættelsestruet lejer)"]
    assert d.statistics.registration(accepted).advice_offer_answer is AdviceOfferAnswer.ACCEPTED


def test_no_card_at_all_is_a_danish_message_and_nothing_is_written(store: Store) -> None:
    d = desk(store)
    eviction = new_case(store, first_name="Bo")
    with pytest.raises(UserInputError) as info:
        d.postcards.make([eviction])
    assert "Der kunne ikke laves postkort" in info.value.message
    with pytest.raises(UserInputError):
        d.postcards.make([])
    with store.session() as s:
        assert s.scalars(select(GeneratedLetter)).all() == []


def test_without_the_advisers_phone_no_card_is_made(store: Store) -> None:
    d = desk(store, sender=False)
    d.letters.set_letterhead(Letterhead(organisation="Opdigtet Boligrådgivning"))
    case_id = new_tenant(store, "Anna")
    with pytest.raises(UserInputError) as info:
        d.postcards.make([case_id])
    assert "telefon" in info.value.message.lower() and "Brevhoved og afsender" in info.value.message
    assert d.postcards.not_yet_offered() == [case_id]  # nothing recorded
