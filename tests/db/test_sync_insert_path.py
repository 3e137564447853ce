"""New rows received by sync are stored exactly as the laptop that wrote them stored them.

Receiving inserts new rows through one driver-level ``executemany`` with SQLAlchemy's own bind conversions
(issue 15: the per-row parameter building was a fifth of receiving 10,000 rows). These tests compare the
*stored* values — the text, integers and bytes in the database file, not the Python values read back —
between the two laptops, for every kind of column (money, enum, date, time, date-time, boolean, bytes,
empty values, a long Danish name), so a conversion that differed would show here and not only months
later in a filter or a sort.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.models import Case, GeneratedLetter, Person
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.sync.changeset import collect_changes
from boligdesk.sync.serialize import codecs
from boligdesk.sync.simulation import LaptopLab, Template, make_template
from tests.cases import create_case

TODAY = dt.date(2026, 12, 31)
LONG_NAME = ("Ærøskøbing-Østergaard " * 10)[:120]  # the longest first name the field allows


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def _stored(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row as the database file holds it (plain SQL on the driver, no type conversion)."""
    raw = store.engine.raw_connection()
    try:
        result = {}
        for name in codecs():
            cursor = raw.cursor()
            cursor.execute(f'SELECT * FROM "{name}" ORDER BY id')
            result[name] = [tuple(row) for row in cursor.fetchall()]
        return result
    finally:
        raw.close()


def fill_every_column_kind(laptop: Store, pdf: bytes) -> None:
    """A case with the longest name, øre, a date across New Year, a time, a zero amount, a letter's bytes
    and a person without a phone: a value of every column kind a synced row holds."""
    case_id = create_case(
        laptop,
        NewCase(
            first_name=LONG_NAME,
            last_name="Hansen",
            address_line="Lærkevej 4, 3. th.",
            postcode="2400",
            city="København NV",
            arrears=Money.kr(12850) + Money(1),
            termination_on=dt.date(2026, 11, 2),
        ),
        today=TODAY,
    )
    with laptop.session() as s:
        s.add(GeneratedLetter(case_id=case_id, template="tilbud", title="Tilbud", pdf=pdf))
        case = s.get(Case, case_id)
        assert case is not None
        case.eviction_on = dt.date(2027, 1, 1)
        case.eviction_time_from = dt.time(9, 30)
        case.reminder_fee = Money(0)
        s.add(Person(first_name="Bo", last_name="Ø", phone=None))


def test_received_rows_are_stored_byte_for_byte_as_on_the_sender(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    fill_every_column_kind(anne, b"%PDF-1.7\x00\xff\xfe bin\xe6rt")
    lab.sync(anne)
    summary = lab.sync(bo)
    assert summary.received_rows > 0 and not summary.refused
    sent, received = _stored(anne), _stored(bo)
    assert any(received[name] for name in received)
    for name in codecs():
        assert received[name] == sent[name], name
    letters = received["generated_letters"]
    assert letters and any(isinstance(v, bytes) and v.startswith(b"%PDF") for v in letters[0])


def test_many_rows_in_one_file_all_arrive_stored_as_sent(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    with anne.session() as s:
        s.add_all(
            Person(first_name=f"Testperson {i}", last_name="Jensen", phone=f"2{i:07d}" if i % 2 else None)
            for i in range(700)  # more than one chunk of the look-up for existing rows
        )
    lab.sync(anne)
    lab.sync(bo)
    assert _stored(bo)["persons"] == _stored(anne)["persons"]
    assert len(_stored(bo)["persons"]) == 700


def test_rows_sent_are_serialised_as_a_core_select_would(lab: LaptopLab) -> None:
    """Sending reads rows with plain SQL and converts them itself; the serialised rows must be exactly
    those of the codec over a Core select (dates, times, date-times, enums, money, booleans, bytes)."""
    anne = lab.laptop("anne")
    case_id = create_case(
        anne,
        NewCase(
            first_name=LONG_NAME,
            last_name="Hansen",
            address_line="Lærkevej 4",
            postcode="2400",
            city="København NV",
            arrears=Money(1),
            termination_on=dt.date(2026, 11, 2),
        ),
        today=TODAY,
    )
    with anne.session() as s:
        s.add(GeneratedLetter(case_id=case_id, template="tilbud", title="Tilbud", pdf=b"\x00\xff"))
        case = s.get(Case, case_id)
        assert case is not None
        case.eviction_time_from = dt.time(23, 59, 59)
        case.eviction_on = dt.date(2026, 12, 31)
    with anne.session() as s:
        sent = collect_changes(s, anne.device_id, "", everything=True).rows
        for name, codec in codecs().items():
            expected = [codec.encode(r) for r in s.execute(select(codec.table)).mappings()]
            # As JSON text: 0 == False in Python, not in the file.
            assert sorted(map(json.dumps, sent.get(name, []))) == sorted(map(json.dumps, expected)), name
    assert sent["generated_letters"][0]["pdf"] == "AP8="
    assert sent["cases"][0]["eviction_time_from"] == "23:59:59"
