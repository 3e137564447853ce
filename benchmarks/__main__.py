"""``python -m benchmarks [NAME …] [--json]`` (or ``make bench``): run the benchmark modules in turn.

Each module has ``main() -> int`` and prints every figure with its ratio and its goal, measured against
a baseline (a floor) in the same run, so the numbers mean the same on a fast or a slow machine
(:mod:`benchmarks.report`). With ``--json`` each prints one JSON object instead.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

MODULES = (
    "bench_startup",
    "bench_case_list",
    "bench_memory",
    "bench_letters",
    "bench_sync",
    "bench_import",
    "bench_team_year",
    "bench_stats",
    "bench_documents",
)


def main() -> int:
    args = sys.argv[1:]
    as_json = "--json" in args
    only = [a for a in args if a.startswith("bench_")]
    # The rest (--json, --smoke, sizes) is passed on to each benchmark, which reads it from sys.argv.
    rest = [a for a in args if not a.startswith("bench_")]
    status = 0
    for name in MODULES:
        if only and name not in only:
            continue
        module_name = f"benchmarks.{name}"
        if importlib.util.find_spec(module_name) is None:
            print(f"== {name}: mangler (springes over)")
            continue
        if not as_json:
            print(f"== {name}")
        sys.argv = [module_name, *rest]
        status |= importlib.import_module(module_name).main()
        if not as_json:
            print()
    return status


if __name__ == "__main__":
    raise SystemExit(main())
