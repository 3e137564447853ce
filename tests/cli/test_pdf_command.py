"""``boligdesk pdf …`` run as a user would: a real subprocess on a temporary encrypted profile."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from boligdesk.letters.letterhead import Sender
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services.desk import Desk
from tests.conftest import TEST_PASSPHRASE
from tests.db.letters_samples import ADVISER, add_budget, add_case, add_plan


def run_pdf(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BOLIGDESK_INSECURE_FAST_KDF="1", BOLIGDESK_PASSPHRASE=TEST_PASSPHRASE)
    env.pop("BOLIGDESK_ADVISER", None)
    return subprocess.run(
        [sys.executable, "-m", "boligdesk", "pdf", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def text_of(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"[\s\u00a0]+", " ", " ".join(p.extract_text() for p in reader.pages))


@pytest.fixture
def profile_dir(store: Store, profile: Profile) -> Path:
    """A profile with case 2026-0001 (plan and budget) and case 2026-0002 (no plan)."""
    case_id = add_case(store)
    # A document for signature is only written with every field filled: the adviser's phone included.
    Desk(store, adviser_name=ADVISER).letters.set_sender(
        Sender(name=ADVISER, title="Rådgiver", phone="70 10 20 30")
    )
    add_plan(store, case_id)
    add_budget(store, case_id)
    add_case(store, first_name="Uden", last_name="Plan")
    store.close()
    return profile.folder


def test_pdf_agreement_writes_the_agreement_and_records_it(profile_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "aftale.pdf"
    result = run_pdf("agreement", "--case", "2026-0001", "--out", str(out), "--data-dir", str(profile_dir))
    assert result.returncode == 0, result.stderr
    assert "Gemt:" in result.stdout
    text = text_of(out)
    assert "Aftale om afdrag på huslejerestance" in text
    assert "Mette Testesen" in text
    assert "Restance i alt 12.345,50 kr." in text
    assert "Side 1 af 2" in text
    store = open_store(Profile(profile_dir), passphrase=TEST_PASSPHRASE)
    try:
        letters = Desk(store, adviser_name="test").letters
        [letter] = letters.letters(letters.case_id_for_number("2026-0001"))
        # Without --adviser the letter is made in the name of the case's adviser.
        assert (letter.template, letter.made_by) == ("afdragsaftale", ADVISER)
        assert letters.open(letter.id) == out.read_bytes()
    finally:
        store.close()


def test_pdf_refuses_with_danish_messages(profile_dir: Path, tmp_path: Path) -> None:
    unknown = run_pdf(
        "agreement", "--case", "2026-9999", "--out", str(tmp_path / "a.pdf"), "--data-dir", str(profile_dir)
    )
    assert unknown.returncode == 2
    assert "Der er ingen sag med nummer 2026-9999" in unknown.stderr

    no_plan = run_pdf(
        "agreement", "--case", "2026-0002", "--out", str(tmp_path / "b.pdf"), "--data-dir", str(profile_dir)
    )
    assert no_plan.returncode == 2
    assert "ingen aktiv afdragsordning" in no_plan.stderr

    blocker = tmp_path / "en-fil"
    blocker.write_text("ikke en mappe")
    unwritable = run_pdf(
        "agreement",
        "--case",
        "2026-0001",
        "--out",
        str(blocker / "aftale.pdf"),
        "--data-dir",
        str(profile_dir),
    )
    assert unwritable.returncode == 2
    assert "PDF-filen kunne ikke gemmes" in unwritable.stderr
    assert "Traceback" not in unwritable.stderr
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()


def test_pdf_letter_uses_a_template_and_lists_them_on_a_wrong_name(profile_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "tilbud.pdf"
    ok = run_pdf(
        "letter",
        "tilbud-om-raadgivning",
        "--case",
        "2026-0002",
        "--out",
        str(out),
        "--data-dir",
        str(profile_dir),
        "--adviser",
        "Bo Kollega",
        "--date",
        "1.12.2026",
    )
    assert ok.returncode == 0, ok.stderr
    text = text_of(out)
    assert "Kære Uden" in text and "1. december 2026" in text and "Bo Kollega" in text
    # The letterhead is not set up and Bo has no phone number yet: said, not hidden.
    assert "Bemærk: sagen mangler" in ok.stderr

    wrong = run_pdf(
        "letter",
        "tilbud",
        "--case",
        "2026-0001",
        "--out",
        str(tmp_path / "x.pdf"),
        "--data-dir",
        str(profile_dir),
    )
    assert wrong.returncode == 2
    assert "Skabelonen »tilbud« findes ikke" in wrong.stderr
    assert "tilbud-om-raadgivning" in wrong.stderr


def test_pdf_letter_help_lists_the_templates() -> None:
    result = run_pdf("letter", "--help")
    assert result.returncode == 0
    for name in ("afdragsaftale", "ansoegning-enkeltydelse", "postkort-ny-lejer"):
        assert name in result.stdout
    assert "skabeloner" in result.stdout


def test_pdf_budget_writes_the_budget_printout_and_records_it(profile_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "budget.pdf"
    result = run_pdf("budget", "--case", "2026-0001", "--out", str(out), "--data-dir", str(profile_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Gemt: {out} (sag 2026-0001)")
    text = text_of(out)
    assert "Mette Testesen" in text
    assert "Kontanthjælp" in text and "Husleje" in text
    assert "16.382,00" in text  # the monthly cash benefit as the budget shows it
    store = open_store(Profile(profile_dir), passphrase=TEST_PASSPHRASE)
    try:
        letters = Desk(store).letters
        [recorded] = letters.letters(letters.case_id_for_number("2026-0001"))
        # Recorded on the case, in the name of the case's adviser, with exactly the bytes written.
        assert (recorded.made_by, recorded.sha256) == (ADVISER, hashlib.sha256(out.read_bytes()).hexdigest())
    finally:
        store.close()


def test_pdf_budget_and_envelopes_refuse_a_case_without_them(profile_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "budget.pdf"
    budget = run_pdf("budget", "--case", "2026-0002", "--out", str(out), "--data-dir", str(profile_dir))
    assert budget.returncode == 2
    assert "Sag 2026-0002 har intet budget endnu" in budget.stderr
    envelopes = run_pdf("envelopes", "--case", "2026-0001", "--out", str(out), "--data-dir", str(profile_dir))
    assert envelopes.returncode == 2
    assert "Sag 2026-0001 har ingen kuvertplan endnu" in envelopes.stderr
    assert "Traceback" not in budget.stderr + envelopes.stderr
    assert not out.exists()
