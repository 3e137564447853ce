"""Crash-safe file writes: temp file in the same folder, fsync, rename, fsync the folder.

A full disk or other OS error becomes a :class:`~boligdesk.errors.StoreError` with a Danish message,
and the previous file (if any) is left untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from boligdesk.errors import StoreError


def os_error_message(exc: OSError, what: str) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return StoreError(
            "disk_full",
            f"Der er ikke mere plads på disken, så {what} kunne ikke gemmes. "
            "Frigør plads og prøv igen. Intet er gået tabt.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            "no_permission",
            f"BoligDesk må ikke skrive {what} her (skrivebeskyttet). "
            "Vælg en anden mappe eller bed IT om adgang.",
        )
    return StoreError("io_error", f"{what[:1].upper()}{what[1:]} kunne ikke gemmes: {exc.strerror or exc}.")


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, what: str = "filen") -> None:
    tmp_name = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = ""
        fsync_dir(path.parent)
    except OSError as exc:
        raise os_error_message(exc, what) from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
