"""The benchmarks run (at a tiny size) and print every figure with its ratio and goal, as lines and as one
JSON object: ``make bench`` cannot silently break. Speed itself is never asserted here."""

from __future__ import annotations

import json

import pytest

from benchmarks import bench_import, bench_sync, bench_team_year
from benchmarks.report import Figure, report


def test_a_figure_line_shows_value_ratio_and_goal() -> None:
    ratio = Figure("send_ms", "Send", 61.0, base=20.0, goal=3.0, base_label="gulv")
    assert ratio.line().endswith("61,0 ms  (gulv 20,0 ms; 3,05×, mål ≤ 3,0×)  IKKE NÅET")
    assert ratio.met is False
    absolute = Figure("preview_s", "Prøveimport", 1.234, unit="s", goal=2.0)
    assert absolute.line().endswith("1,23 s  (0,62 af målet; mål ≤ 2,00 s)  ok")
    info = Figure("file_kib", "Synkfil", 1234.0, unit="KiB")
    assert info.line().endswith("1.234 KiB  (intet mål: til orientering)")
    assert info.met is None and info.as_json()["goal_kind"] == "none"


def test_report_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    report(
        "x",
        [Figure("a_ms", "A", 10.0, base=5.0, goal=3.0), Figure("b_s", "B", 3.0, unit="s", goal=2.0)],
        as_json=True,
    )
    data = json.loads(capsys.readouterr().out)
    assert data["benchmark"] == "x" and data["ok"] is False
    assert data["figures"]["a_ms"] == {
        "label": "A",
        "value": 10.0,
        "unit": "ms",
        "base": 5.0,
        "ratio": 2.0,
        "goal": 3.0,
        "goal_kind": "ratio",
        "met": True,
    }
    assert data["figures"]["b_s"]["met"] is False


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert len(lines) == 1
    data: dict[str, object] = json.loads(lines[0])
    return data


def test_bench_sync_runs_small(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_sync.main(["--cases", "5", "--json"]) == 0
    figures = _json(capsys)["figures"]
    assert isinstance(figures, dict)
    for key in ("send_ms", "receive_ms", "sync_ms"):
        assert figures[key]["goal"] == 3.0 and figures[key]["base"] > 0 and figures[key]["ratio"] > 0
    assert figures["backup_ms"]["value"] > 0


def test_bench_import_runs_small(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_import.main(["--rows", "60", "--json"]) == 0
    figures = _json(capsys)["figures"]
    assert isinstance(figures, dict)
    assert figures["preview_s"]["goal"] == 2.0 and figures["preview_s"]["goal_kind"] == "absolute"


def test_bench_team_year_runs_small(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_team_year.main(["--laptops", "2", "--syncs", "2,4", "--json"]) == 0
    figures = _json(capsys)["figures"]
    assert isinstance(figures, dict)
    # The slope is judged on CPU time (load moves wall-clock); wall-clock is reported beside it.
    assert figures["regular_cpu_ms_4"]["goal"] == 1.5
    assert figures["regular_ms_4"]["base"] is not None and figures["regular_ms_4"]["goal"] is None
    assert figures["join_cpu_ms_4"]["value"] > 0
    assert figures["join_files_4"]["goal_kind"] == "absolute"
