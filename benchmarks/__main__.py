"""``python -m benchmarks`` (or ``make bench``): run every benchmark module in turn.

Each module has ``main() -> int`` and prints its timings as ratios against a baseline measured in the
same run, so the numbers mean the same on a fast or a slow machine.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

MODULES = ("bench_startup", "bench_case_list", "bench_letters", "bench_sync", "bench_stats")


def main() -> int:
    only = sys.argv[1:]
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
