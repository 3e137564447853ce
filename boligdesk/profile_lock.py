""" "This profile is open in a running BoligDesk": one small lock file per process in the profile folder.

The window (``app.run_app``) holds ``boligdesk-<pid>.lock`` (its process id and computer name, no personal
data) while it runs; a restore (``boligdesk restore FIL``) refuses while another process holds one, since
the running window would keep writing to the database it replaced. A lock whose process is gone (a crash,
a power cut) is stale: it is removed and does not count. A lock from another computer (a profile on a
network folder) counts while it is younger than a day, since its process cannot be checked from here.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from boligdesk.errors import StoreError

LOCK_GLOB = "boligdesk-*.lock"
FOREIGN_LOCK_MAX_AGE_S = 24 * 3600


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int
    host: str


def _lock_path(folder: Path, pid: int) -> Path:
    return folder / f"boligdesk-{pid}.lock"


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def holders(folder: Path) -> list[Holder]:
    """The other live processes that have ``folder``'s profile open (stale locks are removed)."""
    found: list[Holder] = []
    me, host = os.getpid(), socket.gethostname()
    for path in sorted(folder.glob(LOCK_GLOB)):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            holder = Holder(int(data["pid"]), str(data["host"]))
            age = time.time() - path.stat().st_mtime
        except (OSError, ValueError, KeyError, TypeError):
            continue  # being written, or not ours to judge: a broken lock does not block
        if holder.host == host:
            if holder.pid == me:
                continue
            if not _alive(holder.pid):
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
        elif age > FOREIGN_LOCK_MAX_AGE_S:
            continue
        found.append(holder)
    return found


def refuse_if_open_elsewhere(folder: Path) -> None:
    """A Danish :class:`StoreError` when another BoligDesk process has the profile open."""
    others = holders(folder)
    if not others:
        return
    first = others[0]
    where = "på denne computer" if first.host == socket.gethostname() else f"på computeren {first.host}"
    raise StoreError(
        "profile_in_use",
        f"Profilen i {folder} er åben i BoligDesk {where} (proces {first.pid}). Luk BoligDesk-vinduet "
        "først, og prøv igen. Intet er ændret.",
    )


@contextlib.contextmanager
def hold(folder: Path) -> Iterator[None]:
    """Hold this process's lock on the profile in ``folder`` while the block runs."""
    path = _lock_path(folder, os.getpid())
    try:
        path.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}), encoding="utf-8")
    except OSError:
        path = Path()  # a folder we cannot write to: nothing to hold (opening reports that itself)
    try:
        yield
    finally:
        if path != Path():
            with contextlib.suppress(OSError):
                path.unlink()
