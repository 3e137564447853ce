"""Rotating the team key (a laptop was lost or stolen): a new team passphrase, and every file on the share
encrypted again under the new key, so a retired laptop can read nothing there any more.

Steps, each crash-safe:

1. **Stage.** Every ``.bdsync`` file, every ``.bdsnap`` snapshot and every outbox manifest is sealed again under the new key (the same
   header and the same compressed body, :func:`~boligdesk.sync.fileformat.reseal`) into a hidden sibling
   ``.<name>.rekey``. A crash here changes nothing the team reads (the staged copies are ignored, and
   removed by the next rotation).
2. **Commit.** ``team.json`` is replaced (temp file, fsync, atomic rename) by one with a new salt, a new
   check value and ``key_epoch`` one higher. From now on a laptop with the old key is refused with
   :func:`~boligdesk.sync.team.team_key_rotated`; one given the new passphrase carries on.
3. **Finish.** Each staged copy is renamed over its file. A file written under the old key after step 1
   (by a laptop that had not seen the new team.json yet) is sealed again directly. If this laptop
   crashes before finishing, every laptop that has the new key finishes the renames at its next sync
   (:func:`finish_rotation`: only copies the new key opens are used).

What a retired laptop can still read afterwards: everything it had already applied (its own encrypted
database) and copies of old share files someone took before the rotation (e.g. the drive's own
snapshots). Nothing on the share. Compaction of old share files (later) shortens what such copies hold.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from boligdesk.models.atomic import fsync_dir
from boligdesk.models.keys import validate_new_passphrase
from boligdesk.sync import share_io, snapshot
from boligdesk.sync.fileformat import SyncFileRefused, opens_with, reseal, seq_from_name
from boligdesk.sync.manifest import MANIFEST_NAME, decode_manifest, encode_manifest
from boligdesk.sync.team import OUTBOX, TEAM_FILE, Team, TeamInfo, check_value, file_key, open_team

REKEY_SUFFIX = ".rekey"

#: ``step(done, total, text)`` while the files are sealed again; it may raise to cancel (before the commit
#: only: the staged copies are then removed and nothing has changed).
StepFn = Callable[[int, int, str], None]

#: What the adviser is told, in the dialog, the command line and the docs.
ROTATION_NOTE = (
    "Efter skiftet er alle filer på fællesdrevet krypteret med den nye nøgle. En tilbagekaldt computer kan "
    "ikke læse dem og kan ikke synkronisere mere. Den kan stadig læse det, den allerede havde hentet (sin "
    "egen krypterede database), og kopier af gamle filer, som nogen tog før skiftet (fx fællesdrevets egne "
    "sikkerhedskopier); den senere oprydning af gamle filer (komprimering) fjerner dem fra fællesdrevet. "
    "Giv den nye adgangskode til kollegerne i teamet: deres computere beder om den ved næste synkronisering."
)


@dataclass(frozen=True, slots=True)
class Rotated:
    """A finished rotation: the team with its new key, and what was sealed again."""

    team: Team
    team_key: bytes
    files: int
    manifests: int
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"Teamets nøgle er skiftet. {self.files} filer og {self.manifests} oversigter er krypteret med "
            "den nye nøgle.",
            ROTATION_NOTE,
        ]
        if self.skipped:
            lines.append(
                f"{len(self.skipped)} filer kunne ikke åbnes med den gamle nøgle (beskadigede) og er ikke "
                f"krypteret igen: {', '.join(self.skipped[:5])}."
            )
        return lines


def _outboxes(team: Team) -> list[Path]:
    root = team.folder / OUTBOX
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _staged(path: Path) -> Path:
    return path.parent / f".{path.name}{REKEY_SUFFIX}"


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temp file, fsync, atomic rename."""
    temp = path.parent / f".{path.name}.{os.getpid()}{share_io.TEMP_SUFFIX}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, share_io.FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _resealed(path: Path, team: Team, old: bytes, new: bytes) -> bytes | None:
    """``path`` (a sync file or a manifest) sealed under ``new``; ``None`` when ``old`` does not open it."""
    raw = path.read_bytes()
    if path.name == MANIFEST_NAME:
        manifest = decode_manifest(raw, old, team=team.team_id, device=path.parent.name)
        return None if manifest is None else encode_manifest(manifest, new)
    try:
        if snapshot.seq_from_snapshot_name(path.name) is not None:
            return snapshot.reseal(raw, old, new)
        return reseal(raw, old, new)
    except SyncFileRefused:
        return None


def _opens(path: Path, raw: bytes, key: bytes) -> bool:
    """Whether ``key`` opens the sync file or snapshot ``raw`` read from ``path``."""
    if snapshot.seq_from_snapshot_name(path.name) is not None:
        return snapshot.opens_with(raw, key)
    return opens_with(raw, key)


def _files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if seq_from_name(p.name) is not None
        or snapshot.seq_from_snapshot_name(p.name) is not None
        or p.name == MANIFEST_NAME
    )


def rotate_team_key(
    team: Team, team_key: bytes, passphrase: str, repeat: str, *, step: StepFn | None = None
) -> Rotated:
    """Give ``team`` a new key from the new ``passphrase`` and seal every share file again under it.

    ``step(done, total, text)`` is told before each file is sealed again and may raise (a cancel): the
    staged copies are then removed and the team is unchanged. After the commit nothing is cancelled."""
    validate_new_passphrase(passphrase, repeat)
    team.check_key(team_key)
    if step is not None:
        step(0, 0, "Danner den nye nøgle …")  # the deliberate, slow key derivation (Argon2id)
    salt = secrets.token_bytes(16)
    new_key = team.info.kdf.derive(passphrase, salt)
    info = TeamInfo(
        team_id=team.team_id,
        kdf=team.info.kdf,
        salt=salt,
        check=check_value(new_key, team.team_id),
        created=team.info.created,
        key_epoch=team.info.key_epoch + 1,
    )
    old, new = team.file_key(team_key), file_key(new_key, team.team_id)
    files = manifests = 0
    skipped: list[str] = []
    try:
        todo = [path for folder in _outboxes(team) for path in _files(folder)]
        try:
            for done, path in enumerate(todo):  # 1. stage
                if step is not None:
                    step(
                        done,
                        len(todo),
                        f"Krypterer fællesdrevets filer med den nye nøgle … ({done} af {len(todo)})",
                    )
                data = _resealed(path, team, old, new)
                if data is None:
                    skipped.append(f"{path.parent.name[:8]}/{path.name}")
                    continue
                _write(_staged(path), data)
                if path.name == MANIFEST_NAME:
                    manifests += 1
                else:
                    files += 1
            if step is not None:
                step(len(todo), len(todo), "Skifter nøglen …")
        except BaseException:  # cancelled or failed before the commit: the team keeps its old key
            for path in todo:
                with contextlib.suppress(OSError):
                    _staged(path).unlink(missing_ok=True)
            raise
        _write(team.folder / TEAM_FILE, info.to_json())  # 2. commit
        fsync_dir(team.folder)
        rotated = Team(share=team.share, folder=team.folder, info=info)
        for folder in _outboxes(rotated):  # 3. finish (and files written meanwhile under the old key)
            _finish_folder(folder, rotated, new, old=old)
    except OSError as exc:
        raise share_io.share_error(exc, team.share) from exc
    return Rotated(rotated, new_key, files, manifests, skipped)


def _finish_folder(folder: Path, team: Team, new: bytes, *, old: bytes | None) -> None:
    for staged in sorted(folder.glob(f".*{REKEY_SUFFIX}")):
        target = folder / staged.name[1 : -len(REKEY_SUFFIX)]
        raw = staged.read_bytes()
        good = (
            decode_manifest(raw, new, team=team.team_id, device=folder.name) is not None
            if target.name == MANIFEST_NAME
            else _opens(target, raw, new)
        )
        if good:
            os.replace(staged, target)
        elif old is not None:  # the rotating laptop: a copy left from an aborted rotation
            staged.unlink()
    if old is None:
        return
    for path in _files(folder):
        raw = path.read_bytes()
        if path.name == MANIFEST_NAME:
            if decode_manifest(raw, new, team=team.team_id, device=folder.name) is None:
                data = _resealed(path, team, old, new)
                if data is not None:
                    _write(path, data)
        elif not _opens(path, raw, new):
            data = _resealed(path, team, old, new)
            if data is not None:
                _write(path, data)
    fsync_dir(folder)


def finish_rotation(team: Team, new: bytes) -> None:
    """Finish a rotation its laptop could not (crashed after committing): rename every staged copy the
    current file key ``new`` opens over its file. Cheap when there is nothing staged."""
    try:
        for folder in _outboxes(team):
            if any(folder.glob(f".*{REKEY_SUFFIX}")):
                _finish_folder(folder, team, new, old=None)
    except OSError as exc:
        raise share_io.share_error(exc, team.share) from exc


def check_not_rotated(team: Team) -> None:
    """Refuse to sync with a team object (and key) older than the share's team.json: the key was
    rotated (:func:`~boligdesk.sync.team.team_key_rotated`) or the file was changed."""
    from boligdesk.sync.team import team_file_changed, team_key_rotated

    current = open_team(team.share, team.team_id)
    if current.info.fingerprint == team.info.fingerprint:
        return
    where = team.folder / TEAM_FILE
    if current.info.key_epoch > team.info.key_epoch:
        raise team_key_rotated(where)
    raise team_file_changed(where)
