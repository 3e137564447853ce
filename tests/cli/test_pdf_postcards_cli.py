"""``boligdesk pdf postcards`` run as a user would: the new tenants from the imported list get one card
each, four to an A4 sheet; a second run has nobody left; problems are Danish messages (invented data)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models.store import Profile, open_store
from boligdesk.services.desk import Desk
from tests.cli.test_import_terminations_cli import _run, data_dir  # noqa: F401  (the fixture)
from tests.conftest import TEST_PASSPHRASE
from tests.unit.importers.list_files import write_csv

HEADER = ["Lejemålsnr.", "Navn", "Adresse", "Postnr.", "By", "Afd.", "Indflytningsdato"]


def _set_sender(folder: Path, phone: str) -> None:
    store = open_store(Profile(folder), passphrase=TEST_PASSPHRASE)
    try:
        desk = Desk(store, adviser_name="Rikke Rådgiver")
        desk.advisers.set_current("Rikke Rådgiver")
        desk.letters.set_letterhead(Letterhead(organisation="Opdigtet Boligrådgivning"))
        desk.letters.set_sender(Sender(title="Socialrådgiver", phone=phone))
    finally:
        store.close()


def test_postcards_for_the_imported_new_tenants_then_nobody_is_left(data_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    rows = [
        ["12-0301", "Ærlig Åkjær", "Solvænget 8, 1. th.", "2620", "Albertslund", "12", "01.11.2026"],
        ["12-0302", "Bo Dam", "Solvænget 10, st.", "2620", "Albertslund", "12", "01.11.2026"],
        ["14-0101", "Sif Øllgaard-Bjerregaard", "Kærvej 3", "2620", "Albertslund", "14", "15.11.2026"],
        ["14-0102", "Uffe Udenby", "Kærvej 5", "", "", "14", "15.11.2026"],
    ]
    path = write_csv(tmp_path / "nye lejere.csv", rows, header=HEADER)
    imported = _run("import-new-tenants", str(path), "--data-dir", str(data_dir))
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "ud" / "postkort.pdf"

    _set_sender(data_dir, "")
    no_phone = _run("pdf", "postcards", "--out", str(out), "--data-dir", str(data_dir))
    assert no_phone.returncode == 2 and "Traceback" not in no_phone.stderr
    assert "Brevhoved og afsender" in no_phone.stderr and not out.exists()

    _set_sender(data_dir, "87 65 43 21")
    made = _run("pdf", "postcards", "--out", str(out), "--data-dir", str(data_dir), "--date", "01.12.2026")
    assert made.returncode == 0, made.stderr
    assert "3 postkort på 1 A4-ark" in made.stdout
    assert "2026-0004: sagen mangler postnummer og by" in made.stderr
    [page] = PdfReader(io.BytesIO(out.read_bytes())).pages
    text = " ".join((page.extract_text() or "").split())
    for name, street in (("Ærlig Åkjær", "Solvænget 8, 1. th."), ("Bo Dam", "Solvænget 10, st.")):
        assert name in text and street in text
    assert text.count("2620 Albertslund") == 3 and "Uffe" not in text
    assert "Øllgaard-Bjerregaard" in text and "87 65 43 21" in text

    again = _run("pdf", "postcards", "--out", str(tmp_path / "igen.pdf"), "--data-dir", str(data_dir))
    assert again.returncode == 2 and "Traceback" not in again.stderr
    # only the case without a postcode is left, and it still cannot get a card
    assert "2026-0004: sagen mangler postnummer og by" in again.stderr


def test_an_unknown_case_number_is_refused_in_danish(data_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "p.pdf"
    unknown = _run("pdf", "postcards", "--out", str(out), "--case", "2099-9999", "--data-dir", str(data_dir))
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
    assert "2099-9999" in unknown.stderr


def test_no_new_tenants_at_all_says_what_to_do(data_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    result = _run("pdf", "postcards", "--out", str(tmp_path / "p.pdf"), "--data-dir", str(data_dir))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "ingen åbne »Ny lejer«-sager, som mangler et postkort" in result.stderr
    assert "import-new-tenants" in result.stderr
