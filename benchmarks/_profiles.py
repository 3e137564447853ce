"""Profiles of invented cases for the benchmarks, made once and kept under ``out/bench-cache``.

Inventing 20,000 cases takes minutes (on a loaded 2-core machine, twenty); every benchmark that needs
them opens the same cached copy. The cache key is the number of cases; delete the folder to remake it.
The profiles use the cheap test KDF; the real Argon2id step is measured on its own (``bench_startup``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

PASSPHRASE = "benchmark-kodeord-1234"
TODAY = dt.date(2026, 11, 24)
ADVISER = "Hanne Holm"


def cache_dir() -> Path:
    default = Path(__file__).resolve().parent.parent / "out" / "bench-cache"
    return Path(os.environ.get("BOLIGDESK_BENCH_CACHE", default))


def bench_profile(count: int) -> Path:
    """The folder of a profile with ``count`` invented cases (made now if not cached)."""
    from boligdesk.models.keys import KdfParams
    from boligdesk.models.store import Profile, create_profile
    from boligdesk.services.demo import populate
    from boligdesk.services.desk import Desk

    final = cache_dir() / f"sager-{count}"
    if (final / "færdig").exists():
        return final / "profil"
    # Built under a name of its own and renamed when complete: a second benchmark started meanwhile
    # builds its own instead of deleting this one half-way.
    building = cache_dir() / f"sager-{count}.bygges-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    store = create_profile(Profile(building / "profil"), PASSPHRASE, kdf=KdfParams.fast_for_tests())
    Desk(store).advisers.set_current(ADVISER)
    populate(store, count, today=TODAY)
    store.checkpoint()
    store.close()
    (building / "færdig").touch()
    if (final / "færdig").exists():  # another one finished first
        shutil.rmtree(building, ignore_errors=True)
    else:
        shutil.rmtree(final, ignore_errors=True)
        building.rename(final)
    return final / "profil"


def copy_of(count: int, target: Path) -> Path:
    """A private copy of the cached profile (for benchmarks that write)."""
    source = bench_profile(count)
    shutil.copytree(source, target)
    return target


if __name__ == "__main__":
    import sys

    for arg in sys.argv[1:]:
        print(bench_profile(int(arg)))
