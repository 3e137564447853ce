"""Letter templates: the bundled library, filling fields, and the organisation's own overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.errors import UserInputError
from boligdesk.letters.draft import make_draft
from boligdesk.letters.fields import BLOCKS, FIELDS, MISSING
from boligdesk.letters.templates import (
    PaperFormat,
    bundled_dir,
    fields_in,
    fill,
    list_templates,
    load_template,
    parse_template,
    template_names,
)
from tests.unit.letters.samples import LETTERHEAD, SENDER, sample_facts

BUNDLED = template_names()
EXPECTED_KINDS = {
    "tilbud-om-raadgivning",
    "besked-efter-besoeg",
    "afdragsaftale",
    "bekraeftelse-af-afdragsordning",
    "rykker-for-afdrag",
    "ansoegning-enkeltydelse",
    "anmodning-om-omberammelse",
    "brev-til-bank-modregning",
    "postkort-ny-lejer",
}

MINIMAL = "titel = Prøve\n\n[tekst]\nKære {lejer_fornavn}\n"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_library_has_every_letter_kind_the_advisers_need() -> None:
    assert set(BUNDLED) == EXPECTED_KINDS
    assert [t.problem for t in list_templates()] == [""] * len(EXPECTED_KINDS)


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_template_fills_from_a_case_without_unknown_fields(name: str) -> None:
    template = load_template(name)
    draft = make_draft(template, sample_facts(), LETTERHEAD, SENDER)
    for text in (draft.subject, draft.body, draft.recipient or ""):
        assert "{" not in text and "}" not in text
    assert template.title


def test_the_postcard_is_a6_and_the_agreement_has_no_window_address() -> None:
    assert load_template("postkort-ny-lejer").paper is PaperFormat.A6
    assert load_template("afdragsaftale").recipient is None
    assert load_template("tilbud-om-raadgivning").recipient is not None


def test_filling_puts_the_tenant_and_amounts_in_the_offer_letter() -> None:
    draft = make_draft(load_template("tilbud-om-raadgivning"), sample_facts(), LETTERHEAD, SENDER)
    assert draft.recipient == "Mette Testesen\nOpdigtet Allé 12, 2. tv.\n2400 København NV"
    assert draft.body.startswith("Kære Mette\n")
    assert "21 43 65 87" in draft.body
    assert draft.missing == ()


def test_a_template_in_the_profile_folder_wins_over_the_bundled_one(tmp_path: Path) -> None:
    override = tmp_path / "skabeloner"
    _write(
        override,
        "afdragsaftale",
        "titel = Vores egen aftale\n\n[tekst]\nHej {lejer_fornavn}\n[[afdragsplan]]\n",
    )
    template = load_template("afdragsaftale", override)
    assert template.title == "Vores egen aftale"
    assert template.custom
    listed = {t.name: t for t in list_templates(override)}
    assert listed["afdragsaftale"].title == "Vores egen aftale"
    assert listed["afdragsaftale"].custom
    assert not listed["tilbud-om-raadgivning"].custom
    # The bundled file itself is untouched and still used without the override.
    assert load_template("afdragsaftale").title == "Afdragsaftale"


def test_a_new_file_in_the_profile_folder_adds_a_template(tmp_path: Path) -> None:
    override = tmp_path / "skabeloner"
    _write(
        override, "moedeindkaldelse", "titel = Mødeindkaldelse\norden = 5\n\n[tekst]\nKære {lejer_fornavn}\n"
    )
    listed = list_templates(override)
    assert listed[0].name == "moedeindkaldelse"
    assert load_template("Moedeindkaldelse", override).title == "Mødeindkaldelse"


def test_an_unknown_field_is_refused_with_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "brev", "titel = Brev\n\n[tekst]\nKære {lejer_fornavn}\n\nDu skylder {restanse}.\n"
    )
    with pytest.raises(UserInputError) as caught:
        load_template("brev", tmp_path)
    assert caught.value.code == "letters.unknown_field"
    assert "brev.txt" in caught.value.message
    assert "linje 6" in caught.value.message
    assert "{restanse}" in caught.value.message
    assert caught.value.params["file"] == str(path)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("titl = Brev\n[tekst]\nHej\n", "letters.unknown_key"),
        ("[tekst]\nHej\n", "letters.no_title"),
        ("titel = Brev\n", "letters.no_body"),
        ("titel = Brev\nformat = A5\n[tekst]\nHej\n", "letters.bad_format"),
        ("titel = Brev\n[indhold]\nHej\n", "letters.unknown_section"),
        ("titel = Brev\n[tekst]\nHej\n[[tabel]]\n", "letters.unknown_block"),
    ],
)
def test_a_broken_template_is_refused_with_a_danish_message(tmp_path: Path, text: str, code: str) -> None:
    with pytest.raises(UserInputError) as caught:
        parse_template("brev", text, tmp_path / "brev.txt")
    assert caught.value.code == code
    assert caught.value.message


def test_a_broken_override_is_listed_with_its_problem_and_the_rest_still_work(tmp_path: Path) -> None:
    override = tmp_path / "skabeloner"
    _write(override, "tilbud-om-raadgivning", "titel = Tilbud\n[tekst]\n{ukendt_felt}\n")
    listed = {t.name: t for t in list_templates(override)}
    assert "ukendt_felt" in listed["tilbud-om-raadgivning"].problem
    assert listed["afdragsaftale"].problem == ""


def test_bracketed_instructions_inside_the_text_stay_text() -> None:
    template = parse_template(
        "brev", "titel = Brev\n[tekst]\n[Skriv her hvad der er sket.]\n", Path("brev.txt")
    )
    assert template.body == "[Skriv her hvad der er sket.]"


def test_a_notepad_file_with_bom_and_windows_line_ends_is_read(tmp_path: Path) -> None:
    (tmp_path / "brev.txt").write_bytes(
        "\ufefftitel = Brev\r\n\r\n[tekst]\r\nKære {lejer_fornavn}\r\n".encode()
    )
    template = load_template("brev", tmp_path)
    assert template.title == "Brev"
    assert template.body == "Kære {lejer_fornavn}"


def test_an_unknown_template_name_lists_the_known_ones() -> None:
    with pytest.raises(UserInputError) as caught:
        load_template("afdragsaftalen")
    assert caught.value.code == "letters.unknown_template"
    assert "afdragsaftale" in caught.value.message


def test_a_value_the_case_lacks_becomes_a_line_to_fill_in() -> None:
    text, missing = fill(
        "Udsættelsen er den {fogeddato} kl. {fogedtid}.", {"fogeddato": None, "fogedtid": ""}
    )
    assert text == f"Udsættelsen er den {MISSING} kl. {MISSING}."
    assert missing == ["fogeddato", "fogedtid"]


def test_an_amount_at_the_end_of_a_sentence_gets_one_period_not_two() -> None:
    text, _ = fill("Du skylder {restance}. Beløbet", {"restance": "12.345,50 kr."})
    assert text == "Du skylder 12.345,50 kr. Beløbet"


def test_double_braces_print_a_brace() -> None:
    assert fill("{{ikke et felt}} {x}", {"x": "ja"})[0] == "{ikke et felt} ja"


def test_filling_an_unknown_field_is_a_clear_error() -> None:
    with pytest.raises(UserInputError) as caught:
        fill("Hej {navn}", {"lejer_navn": "Mette"})
    assert caught.value.code == "letters.unknown_field"
    assert "{navn}" in caught.value.message


_chunks = st.text(
    alphabet=st.characters(blacklist_characters="{}", blacklist_categories=("Cs",)), max_size=12
)
_values = st.text(
    alphabet=st.characters(blacklist_characters="{}.", blacklist_categories=("Cs",)), min_size=1, max_size=12
)


@given(
    parts=st.lists(st.tuples(_chunks, st.sampled_from(sorted(FIELDS))), max_size=6),
    tail=_chunks,
    values=st.dictionaries(st.sampled_from(sorted(FIELDS)), _values),
)
def test_filling_replaces_every_field_and_keeps_every_other_character(
    parts: list[tuple[str, str]], tail: str, values: dict[str, str]
) -> None:
    template = "".join(f"{chunk}{{{name}}}" for chunk, name in parts) + tail
    complete = {name: values.get(name) for name in FIELDS}
    text, missing = fill(template, complete)
    expected = "".join(chunk + (values.get(name) or MISSING) for chunk, name in parts) + tail
    assert text == expected
    assert set(missing) == {name for _, name in parts if name not in values}
    assert fields_in(template) == [name for _, name in parts]


def test_the_readme_beside_the_templates_documents_every_field_and_block() -> None:
    readme = (bundled_dir() / "README.md").read_text(encoding="utf-8")
    for name in FIELDS:
        assert f"`{{{name}}}`" in readme
    for name in BLOCKS:
        assert f"`[[{name}]]`" in readme
    assert "skabeloner" in readme
