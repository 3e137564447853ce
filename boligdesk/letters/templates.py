"""Letter templates: Danish text with named fields, kept as plain text files.

Where templates come from
-------------------------
* BoligDesk ships its templates in ``resources/templates/*.txt`` (found through ``boligdesk.resources``).
* An organisation can change any of them **without code changes**: put a file with the same name in the
  folder ``skabeloner`` inside the profile folder (``<profilmappe>/skabeloner/afdragsaftale.txt``). That
  file wins over the bundled one. A file with a new name there adds a new template.
  The bundled ``README.md`` beside the templates explains the format in Danish.

The file format (UTF-8; Notepad's BOM and Windows line ends are fine)::

    # Lines starting with # at the top are comments.
    titel = Tilbud om gratis økonomisk rådgivning      (required: the name in the list)
    emne = Tilbud om hjælp — {adresse}                  (the bold subject line; default: titel)
    format = A4                                         (A4, or A6 for a postcard)
    beskrivelse = One line shown under the list         (optional)
    vejledning = How to send it                         (optional, shown to the adviser)
    orden = 10                                          (optional: place in the list)
    stadier = paakrav, ophaevet, foged                  (optional: the case stages the text fits:
                                                         restance, paakrav, ophaevet, foged, aftale)
    deles_med = kommune                                 (optional: the letter shares the tenant's data
                                                         with kommune, bank, fogedret, udlejer or
                                                         udbetaling_danmark; printed only with consent)

    [modtager]                                          (optional: the address in the envelope window)
    {lejer_navn}
    {adresse}
    {postnr_by}

    [tekst]                                             (required: the letter, see body.py)
    Kære {lejer_fornavn}
    ...

Fields are ``{name}`` from :data:`boligdesk.letters.fields.FIELDS`; ``{{`` and ``}}`` print a brace.
An unknown field, block or key is refused with the file name and line, so a typo never reaches a tenant.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from boligdesk.budget.cooperation import ShareWith, parse_share_with
from boligdesk.errors import UserInputError
from boligdesk.letters.body import blocks_used, parse_body
from boligdesk.letters.fields import FIELDS, MISSING
from boligdesk.letters.stage import LetterStage, parse_stages
from boligdesk.resources import resource_path

OVERRIDE_FOLDER = "skabeloner"
TEMPLATE_SUFFIX = ".txt"
_KEYS = ("titel", "emne", "format", "beskrivelse", "vejledning", "orden", "stadier", "deles_med")
SIGNATURE_BLOCKS = frozenset({"underskrifter", "underskrift_lejer"})
"""Blocks that make a letter a document for signature: it must not print with a blank field."""
_SECTIONS = ("modtager", "tekst")
_SECTION_RE = re.compile(r"^\[\s*([^\[\]\s]+)\s*\]$")
_FIELD_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class PaperFormat(StrEnum):
    A4 = "A4"
    A6 = "A6"


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    """One parsed template. Texts still hold their ``{fields}``."""

    name: str
    title: str
    subject: str
    paper: PaperFormat
    description: str
    guidance: str
    order: int
    recipient: str | None
    body: str
    source: Path
    custom: bool
    stages: frozenset[LetterStage] = frozenset()
    """The case stages the wording fits; empty: any stage."""
    shares_with: frozenset[ShareWith] = frozenset()
    """Whom the letter shares the tenant's data with (``deles_med``): each needs the tenant's consent."""

    @property
    def for_signature(self) -> bool:
        """A document someone signs (it has signature lines): printed only with every field filled."""
        return bool(SIGNATURE_BLOCKS & set(blocks_used(self.body)))


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """A line in the template list; ``problem`` is a Danish message when the file cannot be used."""

    name: str
    title: str
    description: str
    guidance: str
    paper: PaperFormat
    custom: bool
    source: Path
    problem: str = ""


def bundled_dir() -> Path:
    return resource_path("templates")


def override_dir(profile_folder: Path) -> Path:
    """``<profilmappe>/skabeloner`` — the organisation's own templates (the folder may not exist)."""
    return profile_folder / OVERRIDE_FOLDER


def _template_error(source: Path, line: int | None, code: str, text: str) -> UserInputError:
    where = f"Skabelonen {source.name}" + (f", linje {line}" if line else "")
    return UserInputError("template", code, f"{where}: {text}", {"file": str(source), "line": line})


def fields_in(text: str) -> list[str]:
    """The field names used in ``text``, in order of appearance."""
    return [m.group(1).strip() for m in _FIELD_RE.finditer(text) if m.group(1) is not None]


def _check_fields(text: str, source: Path, first_line: int) -> None:
    for offset, line in enumerate(text.split("\n")):
        for name in fields_in(line):
            if name not in FIELDS:
                raise _template_error(
                    source,
                    first_line + offset,
                    "letters.unknown_field",
                    f"feltet {{{name}}} findes ikke. Se listen over felter i README.md ved skabelonerne.",
                )


def parse_template(name: str, text: str, source: Path, *, custom: bool = False) -> LetterTemplate:
    """Parse a template file's text. Raises :class:`UserInputError` naming the file and line."""
    keys: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    section_start: dict[str, int] = {}
    current: str | None = None
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        marker = line.strip()
        section_header = _SECTION_RE.match(marker)
        # A known [section] always starts a section; an unknown one is an error only above the
        # sections (inside the text, "[skriv her …]" is ordinary text for the adviser to replace).
        if section_header and (section_header.group(1).lower() in _SECTIONS or current is None):
            section = section_header.group(1).lower()
            if section not in _SECTIONS:
                raise _template_error(
                    source,
                    number,
                    "letters.unknown_section",
                    f"afsnittet [{section}] kendes ikke; brug [modtager] og [tekst].",
                )
            current = section
            sections[section] = []
            section_start[section] = number + 1
            continue
        if current is not None:
            sections[current].append(line)
            continue
        if not marker or marker.startswith("#"):
            continue
        key, sep, value = marker.partition("=")
        key = key.strip().lower()
        if not sep or key not in _KEYS:
            raise _template_error(
                source,
                number,
                "letters.unknown_key",
                f"»{marker}« forstås ikke. Øverst i filen skrives fx »titel = …«; kendte nøgler: {', '.join(_KEYS)}.",
            )
        keys[key] = value.strip()
    if not keys.get("titel"):
        raise _template_error(source, None, "letters.no_title", "der mangler en linje »titel = …« øverst.")
    if "tekst" not in sections:
        raise _template_error(
            source, None, "letters.no_body", "der mangler et afsnit [tekst] med brevets tekst."
        )
    paper_text = keys.get("format", "A4").upper()
    if paper_text not in PaperFormat.__members__:
        raise _template_error(
            source, None, "letters.bad_format", f"format skal være A4 eller A6, ikke »{paper_text}«."
        )
    order_text = keys.get("orden", "100")
    if not order_text.isdigit():
        raise _template_error(
            source, None, "letters.bad_order", f"orden skal være et helt tal, ikke »{order_text}«."
        )
    body = "\n".join(sections["tekst"]).strip("\n")
    recipient = "\n".join(sections["modtager"]).strip("\n") if "modtager" in sections else None
    subject = keys.get("emne") or keys["titel"]
    _check_fields(subject, source, 0)
    _check_fields(body, source, section_start["tekst"])
    if recipient is not None:
        _check_fields(recipient, source, section_start["modtager"])
    parse_body(body, where=f"Skabelonen {source.name}: ")
    try:
        stages = parse_stages(keys.get("stadier", ""))
    except ValueError as exc:
        raise _template_error(source, None, "letters.bad_stage", f"stadier: {exc}") from None
    try:
        shares_with = parse_share_with(keys.get("deles_med", ""))
    except ValueError as exc:
        raise _template_error(source, None, "letters.bad_share_with", f"deles_med: {exc}") from None
    return LetterTemplate(
        name=name,
        title=keys["titel"],
        subject=subject,
        paper=PaperFormat(paper_text),
        description=keys.get("beskrivelse", ""),
        guidance=keys.get("vejledning", ""),
        order=int(order_text),
        recipient=recipient,
        body=body,
        source=source,
        custom=custom,
        stages=stages,
        shares_with=shares_with,
    )


def _candidates(override: Path | None) -> dict[str, tuple[Path, bool]]:
    found: dict[str, tuple[Path, bool]] = {}
    for path in sorted(bundled_dir().glob(f"*{TEMPLATE_SUFFIX}")):
        found[path.stem.lower()] = (path, False)
    if override is not None and override.is_dir():
        for path in sorted(override.glob(f"*{TEMPLATE_SUFFIX}")):
            found[path.stem.lower()] = (path, True)
    return found


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _template_error(
            path,
            None,
            "letters.not_utf8",
            "filen er ikke gemt som UTF-8. Gem den igen som »UTF-8« i Notesblok.",
        ) from exc


def template_names(override: Path | None = None) -> list[str]:
    return sorted(_candidates(override))


def load_template(name: str, override: Path | None = None) -> LetterTemplate:
    """The template ``name``; a file of that name in ``override`` wins over the bundled one."""
    key = name.strip().lower().removesuffix(TEMPLATE_SUFFIX)
    candidates = _candidates(override)
    if key not in candidates:
        raise UserInputError(
            "template",
            "letters.unknown_template",
            f"Skabelonen »{name}« findes ikke. Kendte skabeloner: {', '.join(sorted(candidates))}.",
            {"name": name},
        )
    path, custom = candidates[key]
    return parse_template(key, _read(path), path, custom=custom)


def list_templates(override: Path | None = None) -> list[TemplateInfo]:
    """Every template, in list order. A broken file is listed with its problem instead of failing all."""
    infos: list[tuple[int, TemplateInfo]] = []
    for key, (path, custom) in _candidates(override).items():
        try:
            t = parse_template(key, _read(path), path, custom=custom)
        except UserInputError as exc:
            info = TemplateInfo(key, key, "", "", PaperFormat.A4, custom, path, problem=exc.message)
            infos.append((10_000, info))
            continue
        infos.append((t.order, TemplateInfo(key, t.title, t.description, t.guidance, t.paper, custom, path)))
    infos.sort(key=lambda pair: (pair[0], pair[1].title))
    return [info for _, info in infos]


def fill(text: str, values: Mapping[str, str | None]) -> tuple[str, list[str]]:
    """Replace ``{field}`` by its value; a value that is None (not known on the case) becomes a blank line.

    Returns the text and the names of the fields that were blank. Unknown fields raise
    :class:`UserInputError`.
    """
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1).strip()
        if name not in values:
            raise UserInputError(
                "template",
                "letters.unknown_field",
                f"Feltet {{{name}}} findes ikke. Se listen over felter i README.md ved skabelonerne.",
                {"field": name},
            )
        value = values[name]
        if value is None or value == "":
            if name not in missing:
                missing.append(name)
            return MISSING
        if value.endswith(".") and match.string.startswith(".", match.end()):
            # "Du skylder {restance}." must not print "12.345,50 kr.."
            return value[:-1]
        return value

    return _FIELD_RE.sub(replace, text), missing
