"""The team on the shared folder: ``<share>/BoligDesk/<team id>/team.json`` and the team key.

``team.json`` holds no secrets: the team id, the format version, the Argon2id parameters and salt, and a
*key check value* (an HMAC of the team id under a key derived from the team key). A laptop that joins
derives the team key from the team passphrase and compares the check value, so a wrong passphrase is
refused with a clear message before anything is read or written.

Keys: ``team key = Argon2id(passphrase, salt)``; the file key (AES-256-GCM for ``.bdsync`` files) and
the check key are derived from it with HKDF-SHA256, each with its own label.
"""

from __future__ import annotations

import base64
import contextlib
import hmac
import json
import os
import secrets
import uuid
from dataclasses import asdict, dataclass
from hashlib import sha256
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from boligdesk.errors import StoreError
from boligdesk.models.atomic import fsync_dir
from boligdesk.models.keys import KdfParams, validate_new_passphrase
from boligdesk.sync import share_io
from boligdesk.sync.fileformat import FORMAT_VERSION, now_iso

APP_FOLDER = "BoligDesk"
TEAM_FILE = "team.json"
OUTBOX = "outbox"


class WrongTeamPassphraseError(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "wrong_team_passphrase",
            "Teamets adgangskode er forkert. Spørg den kollega, der oprettede teamet — "
            "store og små bogstaver tæller. Intet er ændret.",
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _hkdf(team_key: bytes, label: bytes, team_id: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=team_id.encode(), info=label).derive(team_key)


def file_key(team_key: bytes, team_id: str) -> bytes:
    """The AES-256-GCM key for this team's ``.bdsync`` files."""
    return _hkdf(team_key, b"BoligDesk sync files v1", team_id)


def check_value(team_key: bytes, team_id: str) -> bytes:
    check_key = _hkdf(team_key, b"BoligDesk team key check v1", team_id)
    return hmac.new(check_key, team_id.encode(), sha256).digest()


@dataclass(frozen=True, slots=True)
class TeamInfo:
    team_id: str
    kdf: KdfParams
    salt: bytes
    check: bytes
    created: str
    format: int = FORMAT_VERSION
    #: Raised by one each time the team key is rotated (``rekey.rotate_team_key``); never goes down.
    key_epoch: int = 0

    @property
    def fingerprint(self) -> str:
        """A digest of what the team key depends on (id, KDF parameters, salt, check value).

        A laptop keeps it from the moment it joined; a later team.json that differs (changed, replaced,
        tampered) is refused by name instead of being trusted (see ``connection.reconnect``).
        """
        material = json.dumps(
            [self.team_id, asdict(self.kdf), _b64(self.salt), _b64(self.check)], sort_keys=True
        ).encode("utf-8")
        return sha256(material).hexdigest()

    def to_json(self) -> bytes:
        data = {
            "app": "BoligDesk",
            "format": self.format,
            "team_id": self.team_id,
            "created": self.created,
            "kdf": asdict(self.kdf),
            "salt": _b64(self.salt),
            "key_check": _b64(self.check),
            "key_epoch": self.key_epoch,
        }
        return json.dumps(data, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes, where: Path) -> TeamInfo:
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError as exc:
            raise _team_file_broken(where) from exc
        if not isinstance(data, dict):
            raise _team_file_broken(where)
        try:
            newer = int(data.get("format", 0)) > FORMAT_VERSION
        except (TypeError, ValueError) as exc:
            raise _team_file_broken(where) from exc
        if newer:
            raise StoreError(
                "team_newer",
                "Teamet på fællesdrevet bruger en nyere version af BoligDesk. Opdatér programmet.",
            )
        try:
            info = cls(
                team_id=str(data["team_id"]),
                kdf=KdfParams.from_dict(data["kdf"]),
                salt=base64.b64decode(data["salt"], validate=True),
                check=base64.b64decode(data["key_check"], validate=True),
                created=str(data.get("created", "")),
                format=int(data["format"]),
                key_epoch=int(data.get("key_epoch", 0)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise _team_file_broken(where) from exc
        if len(info.salt) < 16 or len(info.check) != 32 or not 0 <= info.key_epoch < 1_000_000:
            raise _team_file_broken(where)
        return info


def team_key_rotated(where: Path) -> StoreError:
    return StoreError(
        "team_key_rotated",
        f"Teamets nøgle er skiftet på en anden computer (teamfilen {where}). Skriv teamets nye adgangskode — "
        "få den af en kollega i teamet. Intet er ændret. En computer, der er tilbagekaldt fra teamet, "
        "kan ikke længere synkronisere.",
    )


def team_file_changed(where: Path) -> StoreError:
    return StoreError(
        "team_file_changed",
        f"Teamfilen {where} er ændret, siden denne computer kom med i teamet, og bliver ikke brugt. "
        "Intet er ændret. Spørg den, der oprettede teamet, om filen er rigtig; er den det, så tilslut "
        "computeren igen med teamets adgangskode (Synkronisering → vælg fællesmappen igen).",
    )


def _team_file_broken(where: Path) -> StoreError:
    return StoreError(
        "team_file_corrupt",
        f"Teamfilen {where} kan ikke læses. Den kan være beskadiget; kontakt den, der oprettede teamet.",
    )


@dataclass(frozen=True, slots=True)
class Team:
    """An opened team folder (its key not yet known)."""

    share: Path
    folder: Path
    info: TeamInfo

    @property
    def team_id(self) -> str:
        return self.info.team_id

    def outbox(self, device_id: str) -> Path:
        return self.folder / OUTBOX / device_id

    def derive_key(self, passphrase: str) -> bytes:
        """The team key for ``passphrase``, or :class:`WrongTeamPassphraseError`."""
        key = self.info.kdf.derive(passphrase, self.info.salt)
        self.check_key(key)
        return key

    def check_key(self, team_key: bytes) -> None:
        if not hmac.compare_digest(check_value(team_key, self.team_id), self.info.check):
            raise WrongTeamPassphraseError()

    def file_key(self, team_key: bytes) -> bytes:
        return file_key(team_key, self.team_id)


def teams_in_share(share: Path) -> list[Path]:
    """Team folders (holding ``team.json``) under ``<share>/BoligDesk``; unreachable share → StoreError."""
    share_io.check_reachable(share)
    app = share / APP_FOLDER
    try:
        if not app.exists():
            return []
        return sorted(p for p in app.iterdir() if (p / TEAM_FILE).is_file())
    except OSError as exc:
        raise share_io.share_error(exc, share) from exc


def open_team(share: Path, team_id: str | None = None) -> Team:
    """The team in ``share`` (the one with ``team_id`` if given). No team there → StoreError."""
    folders = teams_in_share(share)
    if team_id is not None:
        folders = [f for f in folders if f.name == team_id]
    if not folders:
        raise StoreError(
            "no_team",
            f"Der er intet BoligDesk-team i {share}. Vælg den mappe, teamet bruger, eller opret et nyt team.",
        )
    if len(folders) > 1:
        raise StoreError(
            "several_teams",
            f"Der er flere BoligDesk-teams i {share} ({', '.join(f.name[:8] for f in folders)}). "
            "Bed den, der oprettede teamet, om den rigtige mappe.",
        )
    folder = folders[0]
    try:
        raw = (folder / TEAM_FILE).read_bytes()
    except OSError as exc:
        raise share_io.share_error(exc, share) from exc
    info = TeamInfo.from_json(raw, folder / TEAM_FILE)
    if info.team_id != folder.name:
        raise _team_file_broken(folder / TEAM_FILE)
    return Team(share=share, folder=folder, info=info)


def create_team(
    share: Path, passphrase: str, repeat: str | None = None, *, kdf: KdfParams | None = None
) -> tuple[Team, bytes]:
    """Create a new team in ``share`` (which must not hold a team yet). Returns the team and its key."""
    validate_new_passphrase(passphrase, passphrase if repeat is None else repeat)
    if teams_in_share(share):
        raise StoreError(
            "team_exists",
            f"Der findes allerede et BoligDesk-team i {share}. Tilslut dig det i stedet for at oprette et nyt.",
        )
    params = kdf or KdfParams.default()
    team_id = uuid.uuid4().hex
    salt = secrets.token_bytes(16)
    team_key = params.derive(passphrase, salt)
    info = TeamInfo(team_id, params, salt, check_value(team_key, team_id), now_iso())
    app = share / APP_FOLDER
    building = app / f".{team_id}.creating"
    folder = app / team_id
    try:
        share_io.make_folder(building)
        share_io.make_folder(building / OUTBOX)
        share_io.write_new_file(
            building / TEAM_FILE,
            info.to_json(),
            share=share,
            verify=lambda data: _verify_team_file(data, team_id, building / TEAM_FILE),
        )
        os.replace(building, folder)
        fsync_dir(app)
    except OSError as exc:
        _remove_tree(building)
        raise share_io.share_error(exc, share) from exc
    except BaseException:
        _remove_tree(building)
        raise
    return Team(share=share, folder=folder, info=info), team_key


def _verify_team_file(data: bytes, team_id: str, where: Path) -> None:
    if TeamInfo.from_json(data, where).team_id != team_id:
        raise _team_file_broken(where)


def _remove_tree(folder: Path) -> None:
    import shutil

    with contextlib.suppress(OSError):
        shutil.rmtree(folder)
