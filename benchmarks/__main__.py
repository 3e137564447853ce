"""``python -m benchmarks`` (or ``make bench``): run every benchmark module in turn.

Each module has ``main() -> int`` and prints its timings as ratios against a baseline measured in the
same run, so the numbers mean the same on a fast or a slow machine.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

MODULES = ("bench_startup", "bench_case_list", "bench_memory", "bench_letters", "bench_sync")


def main() -> int:
    only = [a for a in sys.argv[1:] if a.startswith("bench_")]
    # The rest (--json, --smoke, case counts) is read by each benchmark from sys.argv.
    sys.argv = [sys.argv[0], *(a for a in sys.argv[1:] if not a.startswith("bench_"))]
    status = 0
    for name in MODULES:
        if only and name not in only:
            continue
        module_name = f"benchmarks.{name}"
        if importlib.util.find_spec(module_name) is None:
            print(f"== {name}: mangler (springes over)")
            continue
        print(f"== {name}")
        status |= importlib.import_module(module_name).main()
        print()
    return status


if __name__ == "__main__":
    raise SystemExit(main())
