"""The statistics benchmark still runs (tiny size) and reports wall-clock and CPU times with its floor:
``make bench`` is not part of ``make test``. Speed itself is judged in the benchmark, not here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_stats_runs_small_and_prints_one_json_object() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_stats", "--smoke", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["cases"] == 200 and data["tables"] == 17 and data["repeat"] == 1
    for key in (
        "report_ms",
        "report_in_background_ms",
        "raw_sql_plain_ms",
        "report_cpu_ms",
        "raw_sql_plain_cpu_ms",
    ):
        assert data[key] > 0
