"""The organisation's letterhead and the letter's sender, as plain values (no database, no Qt).

* :class:`Letterhead` — organisation name, address, phone, e-mail, web and logo. It is the same for the
  whole team, so it is stored once as the JSON ``Setting`` ``letterhead`` (synced between laptops; the logo
  travels inside it as base64, so it prints the same on every laptop).
* :class:`Sender` — the adviser who signs: name, title, phone, e-mail. Each adviser has their own, kept on
  their ``Adviser`` row.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
from dataclasses import dataclass, field, replace
from typing import Any

from reportlab.lib.utils import ImageReader

from boligdesk.errors import UserInputError

SETTING_KEY = "letterhead"
MAX_LOGO_BYTES = 1_000_000


@dataclass(frozen=True)
class Letterhead:
    organisation: str = ""
    address: str = ""
    """One or more lines, e.g. "Boligvej 1\\n2400 København NV"."""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo: bytes = field(default=b"", repr=False)
    """PNG or JPEG bytes; empty for no logo."""

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def address_one_line(self) -> str:
        return ", ".join(self.address_lines)

    @property
    def is_empty(self) -> bool:
        return not (self.organisation or self.address or self.phone or self.email or self.logo)

    def with_logo(self, data: bytes) -> Letterhead:
        if data:
            check_logo(data)
        return replace(self, logo=data)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "organisation": self.organisation,
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
            "website": self.website,
            "logo_base64": base64.b64encode(self.logo).decode("ascii") if self.logo else "",
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Letterhead:
        """Read the stored setting; missing or unreadable parts fall back to empty (never crash a print)."""
        try:
            data = json.loads(text or "null")
        except json.JSONDecodeError:
            return cls()
        if not isinstance(data, dict):
            return cls()

        def text_of(key: str) -> str:
            value = data.get(key, "")
            return value if isinstance(value, str) else ""

        try:
            logo = base64.b64decode(text_of("logo_base64"), validate=True)
        except (binascii.Error, ValueError):
            logo = b""
        return cls(
            organisation=text_of("organisation"),
            address=text_of("address"),
            phone=text_of("phone"),
            email=text_of("email"),
            website=text_of("website"),
            logo=logo,
        )


@dataclass(frozen=True)
class Sender:
    name: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""


def check_logo(data: bytes) -> tuple[int, int]:
    """Width and height in pixels of a usable logo; :class:`UserInputError` for a file that is not one."""
    if len(data) > MAX_LOGO_BYTES:
        raise UserInputError(
            "logo",
            "letters.logo_too_big",
            f"Logoet fylder {len(data) // 1000} kB. Vælg et billede under {MAX_LOGO_BYTES // 1_000_000} MB.",
        )
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception as exc:  # reportlab/Pillow raise many kinds for a file that is not an image
        raise UserInputError(
            "logo",
            "letters.logo_unreadable",
            "Filen kan ikke læses som et billede. Vælg en PNG- eller JPEG-fil.",
        ) from exc
    if width <= 0 or height <= 0:
        raise UserInputError("logo", "letters.logo_unreadable", "Billedet er tomt. Vælg en anden fil.")
    return int(width), int(height)
