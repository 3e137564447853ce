"""The ``.bdsnap`` file: one laptop's changes in its files ``1..seq``, folded (see :mod:`.compaction`).

Same layout and protection as a ``.bdsync`` file (:mod:`boligdesk.sync.fileformat`) under its own magic
(``BDSNAP``), so a snapshot can never be taken for a sync file or the other way round: the plain header
(ids, the last seq it holds, a time; no personal data) is the AES-GCM associated data, the body is the
same JSON (mark and knowledge of the last file folded, whole rows). A tampered, truncated, foreign or
misplaced snapshot is refused whole with a Danish message; nothing of it is applied.
"""

from __future__ import annotations

import secrets
import struct
import zlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from boligdesk.sync.fileformat import FORMAT_VERSION, MAGIC, Body, Header, SyncFileRefused, read_header

SNAP_MAGIC = b"BDSNAP\n"
SNAP_SUFFIX = ".bdsnap"
_NONCE_BYTES = 12


def snapshot_name(seq: int) -> str:
    return f"{seq:08d}{SNAP_SUFFIX}"


def seq_from_snapshot_name(name: str) -> int | None:
    if not name.endswith(SNAP_SUFFIX) or name.startswith("."):
        return None
    stem = name[: -len(SNAP_SUFFIX)]
    return int(stem) if stem.isdigit() else None


def encode(header: Header, body: Body, key: bytes) -> bytes:
    header_bytes = header.to_bytes()
    prefix = SNAP_MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return prefix + nonce + AESGCM(key).encrypt(nonce, zlib.compress(body.to_json(), 6), prefix)


def decode(data: bytes, key: bytes, *, team: str, device: str, seq: int) -> tuple[Header, Body]:
    """Check and decrypt ``outbox/<device>/<seq>.bdsnap``; :class:`SyncFileRefused` when it is not whole,
    not this team's, not where it claims to be, or from a newer BoligDesk."""
    if not data.startswith(SNAP_MAGIC):
        raise SyncFileRefused("file_corrupt", "Samlefilen er ufuldstændig eller beskadiget og blev afvist.")
    # The header is parsed as a sync file's (same layout after the magic); the AAD is the real bytes.
    header, _prefix, nonce_at = read_header(MAGIC + data[len(SNAP_MAGIC) :])
    if header.format > FORMAT_VERSION:
        raise SyncFileRefused(
            "file_newer",
            "Samlefilen er lavet af en nyere version af BoligDesk og er ikke brugt endnu. Opdatér BoligDesk "
            "på denne computer. Alt andet synkroniseres imens.",
        )
    if header.team != team:
        raise SyncFileRefused("file_foreign", "Samlefilen hører til et andet team og blev afvist.")
    if header.device != device or header.seq != seq:
        raise SyncFileRefused(
            "file_misplaced", "Samlefilen ligger i en forkert mappe eller har fået nyt navn og blev afvist."
        )
    nonce = data[nonce_at : nonce_at + _NONCE_BYTES]
    try:
        plain = AESGCM(key).decrypt(nonce, data[nonce_at + _NONCE_BYTES :], data[:nonce_at])
    except InvalidTag as exc:
        raise SyncFileRefused(
            "file_tampered",
            "Samlefilen er ændret, ufuldstændig eller krypteret med en anden nøgle og blev afvist.",
        ) from exc
    try:
        body = Body.from_json(zlib.decompress(plain))
    except (zlib.error, ValueError, KeyError, TypeError, IndexError) as exc:
        raise SyncFileRefused("file_corrupt", "Samlefilens indhold kan ikke læses og blev afvist.") from exc
    return header, body


def _seal_parts(data: bytes) -> tuple[bytes, int]:
    """The authenticated prefix of a snapshot and where its nonce starts."""
    if not data.startswith(SNAP_MAGIC):
        raise SyncFileRefused("file_corrupt", "Samlefilen er ufuldstændig eller beskadiget og blev afvist.")
    _header, _prefix, nonce_at = read_header(MAGIC + data[len(SNAP_MAGIC) :])
    return data[:nonce_at], nonce_at


def reseal(data: bytes, old_key: bytes, new_key: bytes) -> bytes:
    """The same snapshot encrypted under ``new_key`` (a team key rotation); :class:`SyncFileRefused` when
    ``old_key`` does not open it."""
    prefix, nonce_at = _seal_parts(data)
    try:
        plain = AESGCM(old_key).decrypt(
            data[nonce_at : nonce_at + _NONCE_BYTES], data[nonce_at + _NONCE_BYTES :], prefix
        )
    except InvalidTag as exc:
        raise SyncFileRefused("file_tampered", "Samlefilen kan ikke åbnes med teamets nøgle.") from exc
    fresh = secrets.token_bytes(_NONCE_BYTES)
    return prefix + fresh + AESGCM(new_key).encrypt(fresh, plain, prefix)


def opens_with(data: bytes, key: bytes) -> bool:
    """Whether ``key`` opens the snapshot ``data`` (checks the seal only)."""
    try:
        prefix, nonce_at = _seal_parts(data)
        AESGCM(key).decrypt(data[nonce_at : nonce_at + _NONCE_BYTES], data[nonce_at + _NONCE_BYTES :], prefix)
    except (SyncFileRefused, InvalidTag):
        return False
    return True
