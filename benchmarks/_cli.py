"""The benchmarks' shared command line: ``--json`` (one JSON object on the last line), ``--smoke`` (a tiny
size, to check the benchmark still runs: ``tests/unit/test_benchmarks_run.py``) and case counts."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    json: bool
    smoke: bool
    counts: tuple[int, ...]


def options(default_counts: tuple[int, ...], smoke_counts: tuple[int, ...] = (20,)) -> Options:
    args = sys.argv[1:]
    smoke = "--smoke" in args
    numbers = tuple(int(a) for a in args if a.isdigit())
    counts = numbers or (smoke_counts if smoke else default_counts)
    return Options(json="--json" in args, smoke=smoke, counts=counts)


def emit(opts: Options, name: str, result: dict[str, object]) -> None:
    if opts.json:
        print(json.dumps({"benchmark": name, **result}, ensure_ascii=False))
