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
    cause = _DANISH_CAUSES.get(exc.errno or 0)
    if cause is None:  # the OS's own words (English on most systems), named as such
        cause = f"systemet svarer »{exc.strerror or exc}«"
    return StoreError("io_error", f"{what[:1].upper()}{what[1:]} kunne ikke gemmes: {cause}.")


#: The path mistakes a user makes with ``--out`` or a typed folder, in Danish (the OS says them in English).
_DANISH_CAUSES = {
    errno.ENOENT: "mappen findes ikke og kan ikke oprettes der. Tjek stien",
    errno.EEXIST: "en del af stien er en fil, ikke en mappe. Tjek stien",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe. Tjek stien",
    errno.EISDIR: "der ligger en mappe med det navn. Vælg et filnavn",
    errno.ENAMETOOLONG: "fil- eller mappenavnet er for langt",
}


def platform_name() -> str:
    """``os.name`` ("posix" or "nt"), asked here so tests can act as Windows without patching ``os``."""
    return os.name


#: Errors of a directory fsync that mean "this file system cannot do that" (SMB/CIFS, FAT, some FUSE
#: mounts), not "the data is lost": the rename already happened, so the write stands.
_FSYNC_DIR_UNSUPPORTED = frozenset(
    {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EACCES, errno.EPERM, errno.EISDIR}
)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable.

    POSIX only: Windows has no directory fsync (NTFS journals the rename itself), and opening a folder
    there fails. Where a POSIX file system refuses it (a network share, a USB stick), the rename stands
    and this does nothing; a real I/O error (EIO) is raised.
    """
    if platform_name() != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        if exc.errno in _FSYNC_DIR_UNSUPPORTED:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _FSYNC_DIR_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def restrict_mode(path: Path, mode: int) -> None:
    """Limit ``path`` to its owner (``0o600``/``0o700``) where the file system has POSIX modes.

    On Windows ``chmod`` can only set the read-only flag, so nothing is done: the profile lives in the
    user's own ``%LOCALAPPDATA%``, which Windows' access rules keep to that user. A POSIX file system
    without modes (FAT, SMB) refuses or ignores it; the file is still written.
    """
    if platform_name() == "nt":
        return
    with contextlib.suppress(OSError, NotImplementedError):
        path.chmod(mode)


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
