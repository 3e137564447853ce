"""The ``.bdsync`` file: one laptop's changes for one sync, encrypted and authenticated.

Layout (all of it is covered by the AES-GCM tag)::

    b"BDSYNC\\n"                     magic, 7 bytes
    4 bytes big-endian               length of the header
    header                           UTF-8 JSON, plain: magic, format, team, device, seq, created
    12 bytes                         GCM nonce (random)
    ciphertext + 16-byte tag         AES-256-GCM(team key, zlib(JSON body)), AAD = everything above

The plain header holds no personal data (ids, a sequence number, a time); it is the associated data, so
changing a single bit of it — or of the body — makes the tag fail. A tampered, truncated or foreign
(other team) file is refused as a whole with a Danish message: nothing of it is ever applied.

The body: ``{"mark": hlc, "knowledge": {device: [seq, mark]}, "rows": {table: [row, ...]}}``, see
:mod:`boligdesk.sync.changeset`.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from boligdesk.errors import StoreError
from boligdesk.sync.serialize import SerialRow

MAGIC = b"BDSYNC\n"
HEADER_MAGIC = "BoligDesk-sync"
FORMAT_VERSION = 1
SUFFIX = ".bdsync"
_NONCE_BYTES = 12
_TAG_BYTES = 16
_MAX_HEADER = 64 * 1024


class SyncFileRefused(StoreError):
    """A file that is not applied at all. ``message`` says why, in Danish."""


@dataclass(frozen=True, slots=True)
class Header:
    team: str
    device: str
    seq: int
    created: str
    format: int = FORMAT_VERSION

    def to_bytes(self) -> bytes:
        data = {
            "magic": HEADER_MAGIC,
            "format": self.format,
            "team": self.team,
            "device": self.device,
            "seq": self.seq,
            "created": self.created,
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Knowledge:
    """How far the sender had applied one other device's files when it wrote this file."""

    seq: int
    mark: str


@dataclass(slots=True)
class Body:
    mark: str
    knowledge: dict[str, Knowledge] = field(default_factory=dict)
    rows: dict[str, list[SerialRow]] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def to_json(self) -> bytes:
        data: dict[str, Any] = {
            "mark": self.mark,
            "knowledge": {dev: [k.seq, k.mark] for dev, k in sorted(self.knowledge.items())},
            "rows": self.rows,
        }
        # Not sort_keys: rows are built in column order and knowledge is sorted above, so the text is
        # deterministic anyway; sorting 10,000 rows' keys cost a third of the dump (issue 15).
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Body:
        data = json.loads(raw.decode("utf-8"))
        knowledge = {str(dev): Knowledge(int(v[0]), str(v[1])) for dev, v in data["knowledge"].items()}
        rows = {str(table): list(items) for table, items in data["rows"].items()}
        return cls(mark=str(data["mark"]), knowledge=knowledge, rows=rows)


def file_name(seq: int) -> str:
    return f"{seq:08d}{SUFFIX}"


def seq_from_name(name: str) -> int | None:
    """The sequence number of a finished sync file's name, ``None`` for anything else (temp files)."""
    if not name.endswith(SUFFIX) or name.startswith("."):
        return None
    stem = name[: -len(SUFFIX)]
    return int(stem) if stem.isdigit() else None


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def encode(header: Header, body: Body, key: bytes) -> bytes:
    header_bytes = header.to_bytes()
    prefix = MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, zlib.compress(body.to_json(), 6), prefix)
    return prefix + nonce + sealed


def reseal(data: bytes, old_key: bytes, new_key: bytes) -> bytes:
    """The same file (same header, same compressed body) encrypted under ``new_key`` instead of
    ``old_key`` (a team key rotation); :class:`SyncFileRefused` when ``old_key`` does not open it."""
    _header, prefix, nonce_at = read_header(data)
    nonce = data[nonce_at : nonce_at + _NONCE_BYTES]
    try:
        plain = AESGCM(old_key).decrypt(nonce, data[nonce_at + _NONCE_BYTES :], prefix)
    except InvalidTag as exc:
        raise _refuse("file_tampered", "Filen kan ikke åbnes med teamets nøgle.") from exc
    fresh = secrets.token_bytes(_NONCE_BYTES)
    return prefix + fresh + AESGCM(new_key).encrypt(fresh, plain, prefix)


def opens_with(data: bytes, key: bytes) -> bool:
    """Whether ``key`` opens the file ``data`` (checks the seal only)."""
    try:
        _header, prefix, nonce_at = read_header(data)
        AESGCM(key).decrypt(data[nonce_at : nonce_at + _NONCE_BYTES], data[nonce_at + _NONCE_BYTES :], prefix)
    except (SyncFileRefused, InvalidTag):
        return False
    return True


def _refuse(code: str, message: str) -> SyncFileRefused:
    return SyncFileRefused(code, message)


def read_header(data: bytes) -> tuple[Header, bytes, int]:
    """The plain header, the bytes it is authenticated with, and where the nonce starts."""
    broken = _refuse("file_corrupt", "Filen er ufuldstændig eller beskadiget og blev afvist.")
    if len(data) < len(MAGIC) + 4 or not data.startswith(MAGIC):
        raise broken
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    if length > _MAX_HEADER or len(data) < start + length + _NONCE_BYTES + _TAG_BYTES:
        raise broken
    try:
        raw = json.loads(data[start : start + length].decode("utf-8"))
        if raw.get("magic") != HEADER_MAGIC:
            raise broken
        header = Header(
            team=str(raw["team"]),
            device=str(raw["device"]),
            seq=int(raw["seq"]),
            created=str(raw["created"]),
            format=int(raw["format"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise broken from exc
    return header, data[: start + length], start + length


def decode(data: bytes, key: bytes, *, team: str, device: str, seq: int) -> tuple[Header, Body]:
    """Check and decrypt a file read from ``outbox/<device>/<seq>.bdsync``.

    Raises :class:`SyncFileRefused` (nothing applied) when the file is from a newer BoligDesk, from
    another team, lies in the wrong place, or was altered or cut short.
    """
    header, prefix, nonce_at = read_header(data)
    if header.format > FORMAT_VERSION:
        raise _refuse(
            "file_newer",
            "Filen er lavet af en nyere version af BoligDesk og er ikke brugt endnu. Opdatér BoligDesk på "
            "denne computer; filen bruges ved første synkronisering derefter. Alt andet synkroniseres imens.",
        )
    if header.team != team:
        raise _refuse("file_foreign", "Filen hører til et andet team og blev afvist.")
    if header.device != device or header.seq != seq:
        raise _refuse(
            "file_misplaced", "Filen ligger i en forkert mappe eller har fået nyt navn og blev afvist."
        )
    nonce = data[nonce_at : nonce_at + _NONCE_BYTES]
    try:
        plain = AESGCM(key).decrypt(nonce, data[nonce_at + _NONCE_BYTES :], prefix)
    except InvalidTag as exc:
        raise _refuse(
            "file_tampered",
            "Filen er ændret, ufuldstændig eller krypteret med en anden nøgle og blev afvist.",
        ) from exc
    try:
        body = Body.from_json(zlib.decompress(plain))
    except (zlib.error, ValueError, KeyError, TypeError, IndexError) as exc:
        raise _refuse("file_corrupt", "Filens indhold kan ikke læses og blev afvist.") from exc
    return header, body
