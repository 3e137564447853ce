"""Consent (samtykke): registered, withdrawn, and checked before every letter that shares the tenant's data."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from boligdesk.budget.cooperation import ShareWith
from boligdesk.errors import UserInputError
from boligdesk.letters.draft import LetterDraft
from boligdesk.models import GeneratedLetter
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from tests.db.letters_samples import ADVISER, TODAY, add_budget, add_case

BANK_LETTER = "brev-til-bank-modregning"  # deles_med = bank
MUNICIPALITY_APPLICATION = "ansoegning-enkeltydelse"  # deles_med = kommune
TENANT_LETTER = "tilbud-om-raadgivning"  # to the tenant: no consent needed


def on(store: Store, today: dt.date = TODAY) -> Desk:
    return Desk(store, adviser_name=ADVISER, today=lambda: today)


def letters_on_case(store: Store, case_id: str) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).where(GeneratedLetter.case_id == case_id)) or 0


def filled(d: Desk, case_id: str, template: str) -> LetterDraft:
    """The draft with every blank filled (as the adviser does before printing)."""
    draft = d.letters.draft(case_id, template)
    return replace(
        draft,
        recipient=(draft.recipient or "").replace("________", "Opdigtet"),
        body=draft.body.replace("________", "1234"),
    )


def test_a_bank_letter_without_consent_is_refused_saying_what_is_missing(store: Store) -> None:
    d = on(store)
    case_id = add_case(store)
    with pytest.raises(UserInputError) as info:
        d.letters.make(case_id, BANK_LETTER, draft=filled(d, case_id, BANK_LETTER))
    assert info.value.code == "consent.missing"
    assert "Banken" in info.value.message and "Samtykke" in info.value.message
    assert letters_on_case(store, case_id) == 0  # nothing recorded
    # A consent to share with the municipality does not cover the bank.
    d.consent.add(case_id, share_with="municipality", given_on=TODAY, how="written")
    assert "Banken" in d.letters.consent_problem(case_id, BANK_LETTER)
    assert d.letters.consent_problem(case_id, MUNICIPALITY_APPLICATION) == ""
    d.consent.add(case_id, share_with=ShareWith.BANK, given_on="20.11.2026", how="oral", scope="Kontoudtog")
    made = d.letters.make(case_id, BANK_LETTER, draft=filled(d, case_id, BANK_LETTER))
    assert made.pdf.startswith(b"%PDF") and letters_on_case(store, case_id) == 1


def test_recording_a_previewed_letter_checks_consent_too(store: Store) -> None:
    d = on(store)
    case_id = add_case(store)
    add_budget(store, case_id)
    draft = filled(d, case_id, MUNICIPALITY_APPLICATION)
    pdf = d.letters.preview(case_id, draft)  # looking is allowed: nothing leaves
    with pytest.raises(UserInputError, match="Kommunen"):
        d.letters.record(case_id, draft, pdf)
    assert letters_on_case(store, case_id) == 0


def test_a_letter_to_the_tenant_needs_no_consent(store: Store) -> None:
    d = on(store)
    case_id = add_case(store)
    assert d.letters.consent_problem(case_id, TENANT_LETTER) == ""
    d.letters.make(case_id, TENANT_LETTER, draft=filled(d, case_id, TENANT_LETTER))
    assert letters_on_case(store, case_id) == 1


def test_a_withdrawn_consent_no_longer_counts_and_the_message_says_when(store: Store) -> None:
    case_id = add_case(store)
    before = on(store, dt.date(2026, 11, 2))
    consent = before.consent.add(case_id, share_with="bank", given_on="02.11.2026", how="written").id
    assert before.letters.consent_problem(case_id, BANK_LETTER) == ""
    d = on(store)
    d.consent.withdraw(case_id, consent, on="20.11.2026")
    message = d.letters.consent_problem(case_id, BANK_LETTER)
    assert "trukket tilbage 20.11.2026" in message
    [row] = d.consent.for_case(case_id)
    assert row.status_text == "Trukket tilbage 20.11.2026"  # kept in the history
    assert row.active_on(dt.date(2026, 11, 19)) and not row.active_on(dt.date(2026, 11, 20))


def test_bad_consents_are_refused_in_danish(store: Store) -> None:
    d = on(store)
    case_id = add_case(store)
    with pytest.raises(UserInputError, match="efter i dag"):
        d.consent.add(case_id, share_with="bank", given_on="25.11.2026", how="written")
    with pytest.raises(UserInputError, match="Skriv datoen"):
        d.consent.add(case_id, share_with="bank", given_on="", how="written")
    consent = d.consent.add(case_id, share_with="bank", given_on="20.11.2026", how="written").id
    with pytest.raises(UserInputError, match="før den dag, det blev givet"):
        d.consent.withdraw(case_id, consent, on="19.11.2026")
    assert [r.withdrawn_on for r in d.consent.for_case(case_id)] == [None]


OWN_TEMPLATE = """titel = Orientering til udlejer
deles_med = udlejer

[modtager]
{udlejer}

[tekst]
Vi hjælper {lejer_navn} med restancen på {restance}.
"""


def test_the_organisations_own_template_and_a_batch_check_consent_per_case(store: Store) -> None:
    d = on(store)
    folder = d.letters.template_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orientering-udlejer.txt").write_text(OWN_TEMPLATE, encoding="utf-8")
    with_consent = add_case(store, first_name="Anna")
    without = add_case(store, first_name="Bent")
    d.consent.add(with_consent, share_with="landlord", given_on=TODAY, how="digital")
    batch = d.letter_batch.make([with_consent, without], "orientering-udlejer")
    assert batch.case_ids == (with_consent,)
    assert [skip.case_id for skip in batch.skipped] == [without]
    assert "Udlejer" in batch.skipped[0].reason
    assert letters_on_case(store, without) == 0


def test_a_template_naming_an_unknown_receiver_is_refused_with_its_file(store: Store) -> None:
    d = on(store)
    folder = d.letters.template_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "til-naboen.txt").write_text(
        OWN_TEMPLATE.replace("deles_med = udlejer", "deles_med = naboen"), encoding="utf-8"
    )
    case_id = add_case(store)
    with pytest.raises(
        UserInputError, match=r"til-naboen\.txt: deles_med: »naboen« er ikke en kendt modtager"
    ):
        d.letters.draft(case_id, "til-naboen")
