"""Each outbox's manifest: ``outbox/<device>/manifest.bdack``, rewritten by its laptop at every sync.

It says, for everybody to read, how far the laptop has written (``last_seq``: a missing *last* file is
then noticed), what it has applied from every other laptop (its knowledge, published even when it has
no changes of its own to send), and which of its files were lost and re-sent (``resent``: the seqs
``first``..``last`` are replaced by file ``seq``, which holds all their changes).

It is authenticated, not signed: an HMAC-SHA256 under a key derived from the team's file key, so any
team member could write one, but nobody without the team key can. It holds no personal data (device
ids, sequence numbers, clocks). A manifest that is missing, unreadable, altered or lies in the wrong
folder is ignored (the files themselves stay the truth; the manifest only helps to notice gaps).
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
from dataclasses import dataclass, field, replace
from hashlib import sha256
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from boligdesk.models.atomic import fsync_dir
from boligdesk.sync import share_io
from boligdesk.sync.fileformat import Knowledge, now_iso

MANIFEST_NAME = "manifest.bdack"
MANIFEST_MAGIC = "BoligDesk-outbox-manifest"
MANIFEST_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Resent:
    """Files ``first``..``last`` of the laptop were lost; file ``seq`` holds all their changes."""

    first: int
    last: int
    seq: int

    def covers(self, seq: int) -> bool:
        return self.first <= seq <= self.last


@dataclass(frozen=True, slots=True)
class Manifest:
    team: str
    device: str
    last_seq: int
    knowledge: dict[str, Knowledge] = field(default_factory=dict)
    resent: tuple[Resent, ...] = ()
    written: str = ""

    def payload(self) -> bytes:
        data: dict[str, Any] = {
            "magic": MANIFEST_MAGIC,
            "format": MANIFEST_FORMAT,
            "team": self.team,
            "device": self.device,
            "last_seq": self.last_seq,
            "knowledge": {dev: [k.seq, k.mark] for dev, k in sorted(self.knowledge.items())},
            "resent": [[r.first, r.last, r.seq] for r in self.resent],
            "written": self.written,
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def manifest_key(file_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"BoligDesk outbox manifest v1").derive(
        file_key
    )


def encode_manifest(manifest: Manifest, file_key: bytes) -> bytes:
    payload = manifest.payload()
    mac = hmac.new(manifest_key(file_key), payload, sha256).hexdigest()
    return json.dumps({"payload": payload.decode("utf-8"), "mac": mac}).encode("utf-8")


def decode_manifest(raw: bytes, file_key: bytes, *, team: str, device: str) -> Manifest | None:
    """The manifest in ``raw`` when it is whole, authentic and belongs to ``device`` of ``team``."""
    try:
        outer = json.loads(raw.decode("utf-8"))
        payload = str(outer["payload"]).encode("utf-8")
        mac = bytes.fromhex(str(outer["mac"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not hmac.compare_digest(mac, hmac.new(manifest_key(file_key), payload, sha256).digest()):
        return None
    try:
        data = json.loads(payload.decode("utf-8"))
        if data["magic"] != MANIFEST_MAGIC or int(data["format"]) > MANIFEST_FORMAT:
            return None
        manifest = Manifest(
            team=str(data["team"]),
            device=str(data["device"]),
            last_seq=int(data["last_seq"]),
            knowledge={str(d): Knowledge(int(v[0]), str(v[1])) for d, v in data["knowledge"].items()},
            resent=tuple(Resent(int(r[0]), int(r[1]), int(r[2])) for r in data["resent"]),
            written=str(data.get("written", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    if manifest.team != team or manifest.device != device:
        return None
    return manifest


def read_manifest(folder: Path, file_key: bytes, *, team: str, share: Path) -> Manifest | None:
    """The manifest of the outbox ``folder`` (``None``: none there, or not to be trusted)."""
    path = folder / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise share_io.share_error(exc, share) from exc
    return decode_manifest(raw, file_key, team=team, device=folder.name)


def write_manifest(folder: Path, manifest: Manifest, file_key: bytes, *, share: Path) -> None:
    """Replace the manifest in this laptop's own outbox ``folder``: temp file, fsync, atomic rename."""
    data = encode_manifest(replace(manifest, written=now_iso()), file_key)
    temp = folder / f".{MANIFEST_NAME}.{os.getpid()}{share_io.TEMP_SUFFIX}"
    try:
        fd = os.open(temp, share_io.write_flags(), share_io.FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, folder / MANIFEST_NAME)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise share_io.share_error(exc, share) from exc
