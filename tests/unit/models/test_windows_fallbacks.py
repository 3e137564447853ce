"""POSIX-only calls have a fallback (Windows is the target; CI is Linux, so Windows is simulated here).

* directory fsync: skipped on Windows; a file system that refuses it (SMB, FAT) does not fail the
  write, which has already been renamed into place; a real I/O error still does;
* chmod of the profile: skipped on Windows; refused on a file system without POSIX modes, the profile
  is still created;
* share files are opened with ``O_BINARY`` where it exists (Windows), so ``os.write`` never turns
  0x0A into 0x0D 0x0A in the encrypted data.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from boligdesk.errors import StoreError
from boligdesk.models import atomic
from boligdesk.models.atomic import atomic_write_bytes, fsync_dir, restrict_mode
from boligdesk.models.keys import KdfParams
from boligdesk.models.store import Profile, create_profile, open_store
from boligdesk.sync import share_io

PASSPHRASE = "Kaffe med mælk kl 9"


def _refuse(code: int):  # type: ignore[no-untyped-def]
    def refuse(*_args: object, **_kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    return refuse


def test_no_directory_fsync_on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(atomic, "platform_name", lambda: "nt")
    monkeypatch.setattr(atomic.os, "open", _refuse(errno.EIO))  # would fail if the folder were opened
    fsync_dir(tmp_path)


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP, errno.EACCES])
def test_file_system_refusing_directory_fsync_keeps_the_write(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: int
) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if _is_dir_fd(fd):
            raise OSError(code, os.strerror(code))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    target = tmp_path / "nøgle.json"
    atomic_write_bytes(target, b'{"a": 1}\n')
    assert target.read_bytes() == b'{"a": 1}\n'


def test_folder_that_cannot_be_opened_for_fsync_keeps_the_write(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real_open = os.open

    def open_(path: str | Path, flags: int, *args: int) -> int:
        if os.path.isdir(path):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic.os, "open", open_)
    target = tmp_path / "fil.bin"
    atomic_write_bytes(target, b"\x00\x0a\x1a")
    assert target.read_bytes() == b"\x00\x0a\x1a"


def test_a_real_io_error_of_directory_fsync_is_still_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if _is_dir_fd(fd):
            raise OSError(errno.EIO, "I/O error")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with pytest.raises(StoreError, match="kunne ikke gemmes"):
        atomic_write_bytes(tmp_path / "fil.bin", b"data")


def _is_dir_fd(fd: int) -> bool:
    import stat

    return stat.S_ISDIR(os.fstat(fd).st_mode)


def test_restrict_mode_does_nothing_on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"")
    path.chmod(0o644)
    monkeypatch.setattr(atomic, "platform_name", lambda: "nt")
    restrict_mode(path, 0o600)
    assert path.stat().st_mode & 0o777 == 0o644


def test_restrict_mode_limits_the_file_on_posix(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"")
    path.chmod(0o644)
    restrict_mode(path, 0o600)
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "error", [PermissionError(errno.EPERM, "Operation not permitted"), NotImplementedError()]
)
def test_profile_is_created_where_chmod_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, error: BaseException
) -> None:
    def chmod(self: Path, mode: int, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Path, "chmod", chmod)
    profile = Profile(tmp_path / "usb-stik" / "profil")
    create_profile(profile, PASSPHRASE, kdf=KdfParams.fast_for_tests()).close()
    open_store(profile, passphrase=PASSPHRASE).close()


def test_profile_is_created_as_on_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(atomic, "platform_name", lambda: "nt")
    chmods: list[int] = []
    real_chmod = Path.chmod

    def chmod(self: Path, mode: int, **kwargs: bool) -> None:
        chmods.append(mode)
        real_chmod(self, mode, **kwargs)

    monkeypatch.setattr(Path, "chmod", chmod)
    profile = Profile(tmp_path / "profil")
    create_profile(profile, PASSPHRASE, kdf=KdfParams.fast_for_tests()).close()
    assert chmods == []
    open_store(profile, passphrase=PASSPHRASE).close()


def test_share_files_are_opened_binary_where_windows_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert share_io.write_flags() & os.O_WRONLY
    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    assert share_io.write_flags() & 0x8000


def test_share_file_bytes_survive_unchanged(tmp_path: Path) -> None:
    data = bytes(range(256)) * 4  # every byte value, 0x0A and 0x1A (Ctrl-Z) included
    target = tmp_path / "ud" / "000001.bdsync"
    target.parent.mkdir()
    share_io.write_new_file(target, data, share=tmp_path, verify=lambda got: None)
    assert target.read_bytes() == data
