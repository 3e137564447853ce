"""The database key and how it is wrapped under the user's passphrase.

* The database key is 32 random bytes, used as SQLCipher's *raw* key (no second KDF inside SQLCipher).
* It is stored only wrapped: AES-256-GCM under a key derived from the passphrase with **Argon2id**
  (64 MiB, 3 passes, 4 lanes by default: deliberately slow, ~0.3–1 s on a laptop). The KDF parameters
  and a format tag are the GCM associated data, so they cannot be altered without detection.
* Changing the passphrase re-wraps the same database key (atomic file replace); the database itself
  is not rewritten.
* The key file holds no personal data: format, KDF parameters, salt, nonce, wrapped key, device id.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from boligdesk.errors import StoreError, UserInputError, WrongPassphraseError
from boligdesk.models.atomic import atomic_write_bytes

KEY_FILE_FORMAT = 1
KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 10

#: Bounds on Argon2id parameters read from a file (see KdfParams.from_dict).
MAX_KDF_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_KDF_ITERATIONS = 20
MAX_KDF_LANES = 16


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not a whole number")
    return value


# A cheap setting for tests only. Selected by BOLIGDESK_INSECURE_FAST_KDF=1; never the default.
FAST_KDF_ENV = "BOLIGDESK_INSECURE_FAST_KDF"


@dataclass(frozen=True, slots=True)
class KdfParams:
    algorithm: str = "argon2id"
    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    @classmethod
    def default(cls) -> KdfParams:
        if os.environ.get(FAST_KDF_ENV) == "1":
            return cls.fast_for_tests()
        return cls()

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        return cls(memory_kib=64, iterations=1, lanes=1)

    @classmethod
    def from_dict(cls, data: object) -> KdfParams:
        """Parameters read from a file (key file, team.json), refused with ``ValueError`` unless sane.

        A file on a shared drive is not trusted: a huge ``memory_kib`` would exhaust memory, ``lanes=0``
        crashes Argon2, ``iterations=10**7`` hangs every unlock. The bounds hold every value BoligDesk
        writes (the default 64 MiB × 3 × 4 and the test setting) with room for stronger settings later.
        """
        if not isinstance(data, dict):
            raise ValueError("kdf parameters are not an object")
        if set(data) - {"algorithm", "memory_kib", "iterations", "lanes"}:
            raise ValueError("unknown kdf parameter")  # a newer format says so in its "format" field
        params = cls(
            algorithm=str(data.get("algorithm", "")),
            memory_kib=_whole(data.get("memory_kib")),
            iterations=_whole(data.get("iterations")),
            lanes=_whole(data.get("lanes")),
        )
        if params.algorithm != "argon2id":
            raise ValueError("unknown kdf")
        if not 1 <= params.lanes <= MAX_KDF_LANES:
            raise ValueError("lanes out of bounds")
        if not 1 <= params.iterations <= MAX_KDF_ITERATIONS:
            raise ValueError("iterations out of bounds")
        if not 8 * params.lanes <= params.memory_kib <= MAX_KDF_MEMORY_KIB:
            raise ValueError("memory out of bounds")
        return params

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        if self.algorithm != "argon2id":
            raise StoreError("kdf_unknown", "Nøglefilen bruger en ukendt nøgleafledning. Opdatér BoligDesk.")
        kdf = Argon2id(
            salt=salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _aad(params: KdfParams, salt: bytes) -> bytes:
    return json.dumps(
        {"format": KEY_FILE_FORMAT, "kdf": asdict(params), "salt": _b64(salt)}, sort_keys=True
    ).encode()


@dataclass(frozen=True, slots=True)
class KeyFile:
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    device_id: str

    def to_json(self) -> bytes:
        data = {
            "format": KEY_FILE_FORMAT,
            "kdf": asdict(self.kdf),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped),
            "device_id": self.device_id,
        }
        return json.dumps(data, indent=2).encode("utf-8")

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise
        except (OSError, ValueError) as exc:
            raise StoreError(
                "key_file_corrupt",
                f"Nøglefilen {path.name} kan ikke læses. Gendan den fra en sikkerhedskopi.",
            ) from exc
        damaged = StoreError(
            "key_file_corrupt",
            f"Nøglefilen {path.name} er beskadiget. Gendan den fra en sikkerhedskopi.",
        )
        try:
            newer = isinstance(data, dict) and int(data.get("format", 0)) > KEY_FILE_FORMAT
        except (TypeError, ValueError) as exc:
            raise damaged from exc
        if newer:
            raise StoreError(
                "key_file_newer",
                "Profilen er lavet af en nyere version af BoligDesk. Opdatér programmet for at åbne den.",
            )
        try:
            key_file = cls(
                kdf=KdfParams.from_dict(data["kdf"]),
                salt=_unb64(data["salt"]),
                nonce=_unb64(data["nonce"]),
                wrapped=_unb64(data["wrapped_key"]),
                device_id=str(data["device_id"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise damaged from exc
        if len(key_file.salt) < 16 or len(key_file.nonce) != 12 or len(key_file.wrapped) != KEY_BYTES + 16:
            raise damaged
        return key_file

    def unwrap(self, passphrase: str) -> bytes:
        kek = self.kdf.derive(passphrase, self.salt)
        try:
            return AESGCM(kek).decrypt(self.nonce, self.wrapped, _aad(self.kdf, self.salt))
        except InvalidTag as exc:
            raise WrongPassphraseError() from exc


def wrap_key(db_key: bytes, passphrase: str, device_id: str, kdf: KdfParams | None = None) -> KeyFile:
    params = kdf or KdfParams.default()
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = params.derive(passphrase, salt)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, _aad(params, salt))
    return KeyFile(params, salt, nonce, wrapped, device_id)


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    atomic_write_bytes(path, key_file.to_json())


def change_passphrase(path: Path, old: str, new: str, repeat: str, kdf: KdfParams | None = None) -> None:
    """Re-wrap the database key under a new passphrase. The old passphrase must be right."""
    current = KeyFile.read(path)
    db_key = current.unwrap(old)
    validate_new_passphrase(new, repeat)
    write_key_file(path, wrap_key(db_key, new, current.device_id, kdf))


_COMMON = {"1234567890", "password123", "kodeord123", "qwertyuiop", "adgangskode", "boligdesk123"}


def validate_new_passphrase(passphrase: str, repeat: str) -> None:
    """Raise :class:`UserInputError` with a Danish message when a new passphrase is too weak."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise UserInputError(
            "passphrase",
            "passphrase.too_short",
            f"Adgangskoden skal have mindst {MIN_PASSPHRASE_LENGTH} tegn. "
            "Brug gerne en sætning, fx »Kaffe med mælk kl 9«.",
            {"min": MIN_PASSPHRASE_LENGTH},
        )
    if len(set(passphrase)) < 5 or passphrase.lower() in _COMMON:
        raise UserInputError(
            "passphrase",
            "passphrase.too_simple",
            "Adgangskoden er for nem at gætte. Brug flere forskellige tegn, fx en kort sætning.",
        )
    if passphrase != repeat:
        raise UserInputError(
            "repeat", "passphrase.mismatch", "De to adgangskoder er ikke ens. Skriv den samme kode to gange."
        )
