"""A fresh demo has cases with every printable document ready, and ``boligdesk pdf`` makes each of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from boligdesk.cli import main

PASSPHRASE = "Kodeord til demoprofilen 42"
PLAN_LETTERS = ("bekraeftelse-af-afdragsordning", "rykker-for-afdrag", "postkort-ny-lejer")
EARLIER_LETTERS = ("tilbud-om-raadgivning", "besked-efter-besoeg", "anmodning-om-omberammelse")


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
    for name, command, case in runs:
        out = tmp_path / f"{name}.pdf"
        code = main(["pdf", *command, "--case", case, "--data-dir", folder, "--out", str(out)])
        warnings = capsys.readouterr().err
        assert code == 0, (name, warnings)
        assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000, name
        assert "Bemærk" not in warnings, (name, warnings)  # no blank, and the letter fits the stage
