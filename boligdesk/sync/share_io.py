"""Reading and writing on the shared folder, with Danish messages for the environment's failures.

Only immutable files live on the share (DESIGN.md §3). A new file is written as a hidden temp file in
the same folder, fsynced, read back and checked, and only then renamed to its final name — so a reader
never sees half a file, and a crash leaves at most a temp file that the next sync removes.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path

from boligdesk.errors import StoreError
from boligdesk.models.atomic import fsync_dir

TEMP_SUFFIX = ".tmp"
#: Share files and folders are for the team only: owner and group, never "everyone" (the share may be
#: on a drive other staff can browse). Where the file system has no POSIX modes (SMB from Windows), the
#: share's own access rules apply.
FILE_MODE = 0o640
FOLDER_MODE = 0o750

StepFn = Callable[[str], None]


def no_step(_name: str) -> None:
    return None


def write_flags() -> int:
    """``os.open`` flags for a new share file. ``O_BINARY`` on Windows: without it the C runtime opens
    the file in text mode and ``os.write`` turns every 0x0A byte of the encrypted data into 0x0D 0x0A."""
    return os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) for the team only."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError, NotImplementedError):
        folder.chmod(FOLDER_MODE)


def share_error(exc: OSError, share: Path) -> StoreError:
    """The Danish message for an OS error on the shared folder."""
    code = exc.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return StoreError(
            "share_full",
            f"Der er ikke mere plads på fællesdrevet ({share}). Bed IT om plads og synkronisér igen. "
            "Intet på denne computer er ændret.",
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            "share_read_only",
            f"BoligDesk må ikke skrive i fællesmappen {share} (skrivebeskyttet). "
            "Bed IT om skriveadgang. Intet på denne computer er ændret.",
        )
    if code in (errno.ENOENT, errno.ENOTDIR, errno.EHOSTDOWN, errno.EHOSTUNREACH, errno.ETIMEDOUT):
        return unreachable(share)
    return StoreError(
        "share_io",
        f"Fællesmappen {share} svarer ikke som forventet ({exc.strerror or exc}). "
        "Prøv igen om lidt. Intet på denne computer er ændret.",
    )


def unreachable(share: Path) -> StoreError:
    return StoreError(
        "share_unreachable",
        f"Fællesmappen {share} kan ikke nås. Tjek at du er på kontorets netværk, og at drevet er "
        "tilsluttet. Intet på denne computer er ændret.",
    )


def check_reachable(share: Path) -> None:
    try:
        if not share.is_dir():
            raise unreachable(share)
        os.listdir(share)
    except OSError as exc:
        raise share_error(exc, share) from exc


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_new_file(
    target: Path,
    data: bytes,
    *,
    share: Path,
    verify: Callable[[bytes], None],
    step: Callable[[str], None] = lambda _name: None,
) -> None:
    """Write ``target`` (which must not exist yet) crash-safely; ``verify`` checks the bytes read back.

    ``step`` is called before each durable step (tests raise there to simulate a crash).
    """
    folder = target.parent
    temp = folder / f".{target.name}.{os.getpid()}{TEMP_SUFFIX}"
    try:
        step("write:open")
        fd = os.open(temp, write_flags(), FILE_MODE)
        try:
            step("write:data")
            _write_all(fd, data)
            step("write:fsync")
            os.fsync(fd)
        finally:
            os.close(fd)
        step("write:verify")
        verify(temp.read_bytes())
        step("write:rename")
        if target.exists():
            raise FileExistsError(errno.EEXIST, "sync file exists", str(target))
        os.replace(temp, target)
        step("write:fsync_dir")
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise share_error(exc, share) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def remove_stale_temp_files(folder: Path) -> None:
    """Temp files a crashed sync of this laptop left in its own outbox."""
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    path.unlink()
