"""``boligdesk pdf letter`` for the letters with blanks no case holds (issue 10): ``--felt navn=værdi``,
checked against the template's blanks, and a refusal that lists what is missing — as a user runs it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from boligdesk.budget.cooperation import ConsentHow, ShareWith
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models.store import Profile, Store
from boligdesk.services.desk import Desk
from tests.cli.test_pdf_command import run_pdf, text_of
from tests.db.letters_samples import ADVISER, add_budget, add_case, add_plan


@pytest.fixture
def profile_dir(store: Store, profile: Profile) -> Path:
    """Case 2026-0001: terminated, with a budget and no plan. Case 2026-0002: an agreed plan."""
    first = add_case(store)
    add_budget(store, first)
    desk = Desk(store, adviser_name=ADVISER)
    desk.letters.set_letterhead(
        Letterhead(organisation="Boligrådgivningen Eksempel", address="Eksempelvej 1")
    )
    desk.letters.set_sender(Sender(name=ADVISER, title="Rådgiver", phone="70 10 20 30"))
    # The letters to the kommune and the bank share her data: she consented to both (issue 16).
    for share_with in (ShareWith.MUNICIPALITY, ShareWith.BANK):
        desk.consent.add(first, share_with=share_with, given_on=dt.date(2026, 11, 2), how=ConsentHow.WRITTEN)
    second = add_case(store, first_name="Med", last_name="Plan")
    add_plan(store, second)
    store.close()
    return profile.folder


KOMMUNE = [
    "--felt",
    "kommune=Albertslund",
    "--felt",
    "kommune_adresse=Nordmarks Allé 1",
    "--felt",
    "kommune_postnr_by=2620 Albertslund",
    "--felt",
    "baggrund=Mette mistede sit job i september, og dagpengene kom først efter seks uger.",
]


def test_the_application_is_refused_until_its_blanks_are_given_then_filled(
    profile_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ansoegning.pdf"
    common = ["letter", "ansoegning-enkeltydelse", "--case", "2026-0001", "--out", str(out)]
    common += ["--data-dir", str(profile_dir)]
    bare = run_pdf(*common)
    assert bare.returncode == 2 and "Traceback" not in bare.stderr
    for name in ("kommune", "kommune_adresse", "kommune_postnr_by", "baggrund"):
        assert f"--felt {name}=" in bare.stderr
    assert "Kommunens navn" in bare.stderr  # each with what to write
    assert not out.exists()

    typo = run_pdf(*common, "--felt", "komune=Albertslund")
    assert typo.returncode == 2
    assert "»komune« er ikke et tomt felt" in typo.stderr and "kommune, kommune_adresse" in typo.stderr
    assert not out.exists()

    filled = run_pdf(*common, *KOMMUNE)
    assert filled.returncode == 0, filled.stderr
    text = text_of(out)
    assert "Albertslund Kommune Ydelseskontoret Nordmarks Allé 1 2620 Albertslund" in text
    assert "mistede sit job i september" in text
    assert "________" not in text


def test_the_letter_to_the_bank_reads_the_amount_and_the_date_the_danish_way(
    profile_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bank.pdf"
    result = run_pdf(
        "letter",
        "brev-til-bank-modregning",
        "--case",
        "2026-0001",
        "--out",
        str(out),
        "--data-dir",
        str(profile_dir),
        "--felt",
        "bank=Eksempelbanken",
        "--felt",
        "bank_adresse=Bankvej 1",
        "--felt",
        "bank_postnr_by=2400 København NV",
        "--felt",
        "kontonummer=1234 0001234567",
        "--felt",
        "modregnet_beloeb=3412,50",
        "--felt",
        "svarfrist=15.12.2026",
    )
    assert result.returncode == 0, result.stderr
    text = text_of(out)
    assert "i alt 3.412,50 kr." in text and "senest 15. december 2026" in text
    assert "konto 1234 0001234567" in text and "________" not in text

    bad = run_pdf(
        "letter",
        "brev-til-bank-modregning",
        "--case",
        "2026-0001",
        "--out",
        str(tmp_path / "b.pdf"),
        "--data-dir",
        str(profile_dir),
        "--felt",
        "lejer_navn=En Anden",
    )
    assert bad.returncode == 2 and "udfyldes fra sagen" in bad.stderr


def test_an_offer_of_advice_to_a_tenant_with_an_agreed_plan_is_refused(
    profile_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tilbud.pdf"
    result = run_pdf(
        "letter",
        "tilbud-om-raadgivning",
        "--case",
        "2026-0002",
        "--out",
        str(out),
        "--data-dir",
        str(profile_dir),
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "passer ikke til sagens stadie" in result.stderr and "afdragsordning aftalt" in result.stderr
    assert not out.exists()
