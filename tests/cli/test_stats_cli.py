"""``boligdesk stats`` and the closing facts of ``boligdesk cases --json --all``, run as a user would: the
figures can be checked from outside against the cases' own dates and outcomes."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook

from tests.cli.test_cli import _run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "profil"
    result = _run("demo", "--data-dir", str(folder), "--cases", "60")
    assert result.returncode == 0, result.stderr
    return folder


def test_stats_json_agrees_with_the_cases_own_dates_and_outcomes(demo_dir: Path) -> None:
    cases = [
        json.loads(line)
        for line in _run("cases", "--data-dir", str(demo_dir), "--json", "--all").stdout.splitlines()
    ]
    assert all({"outcome", "closed_on", "termination_on", "stats_excluded"} <= c.keys() for c in cases)
    cases = [c for c in cases if not c["stats_excluded"]]  # as the figures do (004 Bilag 1)
    years = sorted({int(c["termination_on"][:4]) for c in cases if c["termination_on"]})
    assert years, "the demo has terminations"
    result = _run(
        "stats", "--data-dir", str(demo_dir), "--from", str(years[0]), "--to", str(years[-1]), "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    tables = {t["key"]: t for t in data["tables"]}
    total = next(r for r in tables["terminations"]["rows"] if r["total"])
    expected = Counter(int(c["termination_on"][:4]) for c in cases if c["termination_on"])
    assert [cell["value"] for cell in total["cells"]] == [expected[y] for y in years]
    moved = next(r for r in tables["moved_out"]["rows"] if r["total"])
    expected_moves = Counter(
        int(c["closed_on"][:4]) for c in cases if c["outcome"] == "moved_out" and c["closed_on"]
    )
    assert [cell["value"] for cell in moved["cells"]] == [expected_moves[y] for y in years]
    assert all(len(t["definition"]) > 40 for t in data["tables"])
    assert data["eviction_cost"]["ore"] == 5_360_000 and "2015" in data["eviction_cost"]["source"]
    assert data["data_horizon"]


def test_stats_writes_the_pdf_and_the_xlsx(demo_dir: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "bestyrelse.pdf", tmp_path / "tal.xlsx"
    for out in (pdf, xlsx):
        result = _run(
            "stats",
            "--data-dir",
            str(demo_dir),
            "--from",
            "2024",
            "--to",
            "2026",
            "--out",
            str(out),
            "--suppress",
            "3",
        )
        assert result.returncode == 0, result.stderr
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
    assert "Periode: 2024–2026" in text and "Antal under 3" in text
    book = load_workbook(xlsx)
    assert "Ophævelse og fogedudsættelse" in book.sheetnames


def test_stats_refuses_an_unknown_estate_and_a_wrong_file_in_danish(demo_dir: Path) -> None:
    result = _run(
        "stats", "--data-dir", str(demo_dir), "--from", "2025", "--to", "2026", "--estate", "Atlantis"
    )
    assert result.returncode == 2 and "Afdelingen »Atlantis« findes ikke" in result.stderr
    assert "Traceback" not in result.stderr
    result = _run("stats", "--data-dir", str(demo_dir), "--from", "2026", "--to", "2025")
    assert result.returncode == 2 and "--to skal være" in result.stderr
    result = _run("stats", "--data-dir", str(demo_dir), "--from", "2025", "--to", "2026", "--out", "x.docx")
    assert result.returncode == 2 and ".xlsx" in result.stderr
