"""Four A6 postcards to an A4 sheet: the geometry, every card's own name and address, a card too long is
refused before anything is drawn (invented data)."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from boligdesk.letters.draft import make_draft
from boligdesk.letters.postcard_sheet import (
    PostcardTooLongError,
    _card_origin,
    check_fits,
    postcard_parts,
    postcards_on_a4,
)
from boligdesk.letters.render import POSTCARD
from boligdesk.letters.templates import load_template
from tests.unit.letters.samples import LETTERHEAD, SENDER, sample_facts


def card(first: str, street: str):  # type: ignore[no-untyped-def]
    facts = dataclasses.replace(
        sample_facts(), tenant_name=f"{first} Testesen", tenant_first_name=first, address_line=street
    )
    draft = make_draft(load_template("postkort-ny-lejer"), facts, LETTERHEAD, SENDER)
    return postcard_parts(draft, facts, LETTERHEAD, SENDER), draft, facts


def test_four_cards_fill_an_a4_sheet_turned_on_its_side_exactly() -> None:
    width, height = POSTCARD
    origins = [_card_origin(slot) for slot in range(4)]
    assert origins[0][1] == origins[1][1] > origins[2][1] == origins[3][1]  # top row first
    assert origins[1][0] - origins[0][0] == pytest.approx(width)
    assert origins[0][1] - origins[2][1] == pytest.approx(height)
    assert origins[0][0] >= 0 and origins[2][1] >= 0
    assert origins[1][0] + width <= 297 * mm + 0.01 and origins[0][1] + height <= 210 * mm + 0.01


def test_nine_cards_make_three_sheets_each_card_with_its_own_name_and_address() -> None:
    names = ["Anna", "Bo", "Carl", "Dorte", "Ejnar", "Frida", "Gert", "Hanne", "Ib"]
    parts = [card(n, f"Engparken {i + 1}, 1. th.")[0] for i, n in enumerate(names)]
    pdf = postcards_on_a4(parts, title="Postkort", author="Rikke")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / mm), round(float(box.height) / mm)) == (297, 210)
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    for i, name in enumerate(names):
        page = pages[i // 4]
        assert f"Kære {name}" in page and f"{name} Testesen" in page and f"Engparken {i + 1}, 1. th." in page
    assert postcards_on_a4(parts, title="Postkort", author="Rikke") == pdf  # same input, same bytes


def test_a_text_too_long_for_the_card_is_refused_before_drawing() -> None:
    parts, draft, facts = card("Anna", "Engparken 1")
    check_fits(parts)
    long_draft = draft.edited(body="\n\n".join([draft.body] * 4))
    too_long = postcard_parts(long_draft, facts, LETTERHEAD, SENDER)
    with pytest.raises(PostcardTooLongError):
        check_fits(too_long)
    with pytest.raises(PostcardTooLongError):
        postcards_on_a4([parts, too_long], title="Postkort", author="Rikke")
