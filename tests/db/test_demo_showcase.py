"""A fresh demo has cases with every printable document ready, and ``boligdesk pdf`` makes each of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boligdesk.cli import main

PASSPHRASE = "Kodeord til demoprofilen 42"
PLAN_LETTERS = ("bekraeftelse-af-afdragsordning", "rykker-for-afdrag")
EARLIER_LETTERS = ("tilbud-om-raadgivning", "besked-efter-besoeg")
#: The letters with fields no case holds, each with what the adviser types (--felt navn=værdi).
TYPED_LETTERS = {
    "anmodning-om-omberammelse": {
        "fogedret": "Glostrup",
        "fogedret_adresse": "Retsvej 1",
        "fogedret_postnr_by": "2600 Glostrup",
        "fogedsagsnummer": "FS 1234/2026",
        "ny_dato_tidligst": "15.1.2027",
        "betalingsplan": "der er søgt hjælp hos kommunen efter aktivlovens § 81",
    },
    "ansoegning-enkeltydelse": {
        "kommune": "Albertslund",
        "kommune_adresse": "Rådhusvej 1",
        "kommune_postnr_by": "2620 Albertslund",
        "baggrund": "Lejeren mistede sit arbejde, og ydelsen kom for sent.",
    },
    "brev-til-bank-modregning": {
        "bank": "Eksempelbanken",
        "bank_adresse": "Bankvej 1",
        "bank_postnr_by": "2620 Albertslund",
        "kontonummer": "1234 0001234567",
        "modregnet_beloeb": "2.150",
        "svarfrist": "14.12.2026",
    },
}


def test_fresh_demo_prints_every_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    folder = str(tmp_path / "demo")
    assert main(["demo", "--data-dir", folder, "--cases", "4"]) == 0
    said = capsys.readouterr().out
    plan_case = said.split("Sag ")[1].split(" ")[0]
    bailiff_case = said.split("; sag ")[1].split(" ")[0]
    runs = [(kind, [kind], plan_case) for kind in ("budget", "envelopes", "agreement")]
    runs += [(t, ["letter", t], plan_case) for t in PLAN_LETTERS]
    runs += [(t, ["letter", t], bailiff_case) for t in EARLIER_LETTERS]
    # The welcome postcard goes to a new tenant (never to the plan case: »Velkommen i dit nye hjem!«).
    assert main(["cases", "--data-dir", folder, "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    new_tenant = next(c["number"] for c in listed if c["kind"] == "new_tenant")
    runs.append(("postkort-ny-lejer", ["letter", "postkort-ny-lejer"], new_tenant))
    wrong = tmp_path / "velkommen-til-sanne.pdf"
    refused = main(
        ["pdf", "letter", "postkort-ny-lejer", "--case", plan_case, "--data-dir", folder, "--out", str(wrong)]
    )
    assert refused != 0 and "ikke en »Ny lejer«-sag" in capsys.readouterr().err and not wrong.exists()
    for template, typed in TYPED_LETTERS.items():
        felt = [arg for name, value in typed.items() for arg in ("--felt", f"{name}={value}")]
        runs.append((template, ["letter", template, *felt], bailiff_case))
    for name, command, case in runs:
        out = tmp_path / f"{name}.pdf"
        code = main(["pdf", *command, "--case", case, "--data-dir", folder, "--out", str(out)])
        warnings = capsys.readouterr().err
        assert code == 0, (name, warnings)
        assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000, name
        assert "Bemærk" not in warnings, (name, warnings)  # no blank, and the letter fits the stage
