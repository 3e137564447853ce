"""The letter body's plain-text markup, as an organisation writes it in a template or the adviser edits it.

* An empty line starts a new paragraph; a single line break stays a line break ("Med venlig hilsen").
* ``## Overskrift`` on its own line is a heading.
* ``- tekst`` starts a bullet point.
* ``[[afdragsplan]]`` on its own line inserts a block (a table or signature lines, see
  :data:`boligdesk.letters.fields.BLOCKS`).

Everything else is text: ``<``, ``&`` and the like are printed as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boligdesk.errors import UserInputError
from boligdesk.letters.fields import BLOCKS

_BLOCK_RE = re.compile(r"^\[\[\s*([^\[\]]*?)\s*\]\]$")


@dataclass(frozen=True, slots=True)
class TextParagraph:
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Bullet:
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    name: str


BodyElement = TextParagraph | Heading | Bullet | Block


def _unknown_block(name: str, where: str) -> UserInputError:
    known = ", ".join(f"[[{b}]]" for b in BLOCKS)
    return UserInputError(
        "body",
        "letters.unknown_block",
        f"{where}[[{name}]] er ikke en kendt blok. Kendte blokke: {known}.",
        {"block": name},
    )


def parse_body(text: str, *, where: str = "") -> list[BodyElement]:
    """Split the body into paragraphs, headings, bullets and blocks (see the module docstring).

    ``where`` prefixes error messages (e.g. "Skabelonen afdragsaftale.txt: ").
    """
    elements: list[BodyElement] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            elements.append(TextParagraph(tuple(pending)))
            pending.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        block = _BLOCK_RE.match(stripped)
        if block:
            flush()
            name = block.group(1).lower()
            if name not in BLOCKS:
                raise _unknown_block(name, where)
            elements.append(Block(name))
        elif stripped.startswith("## "):
            flush()
            elements.append(Heading(stripped[3:].strip()))
        elif stripped.startswith("- "):
            flush()
            elements.append(Bullet(stripped[2:].strip()))
        else:
            pending.append(line)
    flush()
    return elements


def blocks_used(text: str) -> list[str]:
    """The block names in ``text``, in order (raises for an unknown block)."""
    return [e.name for e in parse_body(text) if isinstance(e, Block)]
