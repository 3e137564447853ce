"""The sync's fast paths give exactly what the plain paths they replaced gave (issue 15, decisions §45).

* Receiving: a new row goes from its serialised values straight to the values stored
  (:func:`~boligdesk.sync.merge.stored_params`); before, it was decoded to Python values (Money, enums,
  dates) and converted back by SQLAlchemy's bind conversions. Held here to that old path value for value
  — for a realistic laptop's rows and for values a hand-made file could hold (no microseconds, a comma,
  an ISO week date, a day that does not exist, ``True`` where a number belongs): the same stored value,
  or the same error.
* Sending: the ``SELECT`` now leaves out, in SQL, rows that cannot hold a change of this laptop (rows it
  only received). Held here to the full scan it replaced, on a laptop that received rows, edited some of
  them, deleted one and made its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Dialect

from boligdesk.budget.money import Money
from boligdesk.models import Case, Person
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.sync.changeset import clock_device, collect_changes
from boligdesk.sync.merge import stored_params
from boligdesk.sync.rowmerge import MergeInput, merge_new
from boligdesk.sync.serialize import SerialRow, TableCodec, codecs
from boligdesk.sync.simulation import LaptopLab, Template, make_template
from tests.cases import create_case
from tests.db.test_sync_insert_path import fill_every_column_kind

TODAY = dt.date(2026, 12, 31)
LONG_NAME = ("Ærøskøbing-Østergaard " * 10)[:120]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def _old_params(codec: TableCodec, dialect: Dialect, rows: list[SerialRow]) -> list[tuple[Any, ...]]:
    """What receiving stored before: the codec's Python values, then SQLAlchemy's bind conversions."""
    binders = [(c.name, c.type.dialect_impl(dialect).bind_processor(dialect)) for c in codec.table.columns]
    out = []
    for row in rows:
        decoded = codec.decode(row)
        out.append(tuple(decoded[n] if bind is None else bind(decoded[n]) for n, bind in binders))
    return out


def _outcome(make: Any) -> Any:
    try:
        return ("stored", make())
    except Exception as exc:  # the same kind of error is the same outcome
        return ("error", type(exc))


CTX = MergeInput(me="bo", sender="anne", sender_knowledge={}, my_knowledge={}, too_far=lambda _c: False)


def test_new_rows_are_stored_with_the_values_the_old_path_stored(lab: LaptopLab) -> None:
    anne = lab.laptop("anne")
    fill_every_column_kind(anne, b"%PDF\x00\xff")
    with anne.session() as s:
        dialect = s.connection().dialect
        sent = collect_changes(s, anne.device_id, "", everything=True).rows
    rows = json.loads(json.dumps(sent))  # as a file brings them
    compared = 0
    for name, codec in codecs().items():
        merged = [merge_new(codec.columns, row, CTX).changes for row in rows.get(name, [])]
        assert stored_params(codec, dialect, merged) == _old_params(codec, dialect, merged), name
        compared += len(merged)
    assert compared >= 8


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("created_at", "2026-12-31T23:59:59.999999"),  # New Year's Eve, the last microsecond
        ("created_at", "2027-01-01T00:00:00"),  # no microseconds (isoformat leaves them out at 0)
        ("created_at", "2026-12-31T23:59:59,000001"),  # a comma: Python reads it, the text differs
        ("created_at", "2026-W01-1T00:00:00.000001"),  # an ISO week date of the same length
        ("created_at", "2028-02-29T12:00:00.000000"),  # a leap day
        ("created_at", "2026-02-29T12:00:00.000000"),  # a day that does not exist
        ("created_at", "0001-01-01T00:00:00.000000"),
        ("created_at", "2026-12-31T23:59:59.000001+01:00"),
        ("created_at", "२०२६-12-31T23:59:59.000001"),  # digits, but not ASCII ones
        ("created_at", None),
        ("opened_on", "2026-12-31"),
        ("opened_on", "2026-13-01"),
        ("kind", "eviction_threat"),
        ("kind", "no_such_kind"),
        ("arrears", 1_285_000),
        ("arrears", True),  # 1 and True are one dict key: remembered alike, stored alike
        ("arrears", "12"),
        ("terminations_this_year", True),
        ("terminations_this_year", 1),
        ("deleted", 1),
        ("deleted", 0),
        ("eviction_time_from", "09:30:00"),
        ("eviction_time_from", ["09:30"]),  # not hashable
    ],
)
def test_a_hand_made_value_is_stored_or_refused_as_before(lab: LaptopLab, column: str, value: Any) -> None:
    anne = lab.laptop("anne")
    create_case(
        anne,
        NewCase(first_name="Testperson", last_name="Jensen", address_line="Bøgevej 1", postcode="2400"),
        today=TODAY,
    )
    codec = codecs()["cases"]
    with anne.session() as s:
        dialect = s.connection().dialect
        row = collect_changes(s, anne.device_id, "", everything=True).rows["cases"][0]
    merged = merge_new(codec.columns, row, CTX).changes
    twin = dict(merged)
    twin["id"] = "en-anden-sag"
    merged[column] = value
    # The hand-made value next to ordinary ones in the same insert (each distinct value is remembered).
    rows = [dict(twin), merged, dict(merged), twin]
    assert _outcome(lambda: stored_params(codec, dialect, rows)) == _outcome(
        lambda: _old_params(codec, dialect, rows)
    )


def _full_scan(store: Store, since: str) -> dict[str, list[str]]:
    """The rows holding a change of laptop ``store`` after ``since``, found by reading every row (what
    sending did before the SQL pre-filter), as JSON text per table."""
    me = store.device_id
    found: dict[str, list[str]] = {}
    with store.session() as s:
        for table, codec in codecs().items():
            for row in s.execute(select(codec.table)).mappings():
                if row["updated_at"] <= since:
                    continue
                clocks: dict[str, str] = json.loads(row["field_clocks"] or "{}")
                own = row["updated_by"] == me or any(
                    c > since and clock_device(c) == me for c in clocks.values()
                )
                if own:
                    found.setdefault(table, []).append(json.dumps(codec.encode(row), sort_keys=True))
    return {table: sorted(rows) for table, rows in found.items()}


def _collected(store: Store, since: str) -> dict[str, list[str]]:
    with store.session() as s:
        rows = collect_changes(s, store.device_id, since).rows
    return {t: sorted(json.dumps(r, sort_keys=True) for r in items) for t, items in rows.items()}


def test_sending_picks_the_rows_a_full_scan_picks(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    ids = [
        create_case(
            anne,
            NewCase(
                first_name=f"Testperson {i}", last_name="Jensen", address_line=f"Bøgevej {i}", postcode="2400"
            ),
            today=TODAY,
        )
        for i in range(4)
    ]
    lab.sync(anne)
    lab.sync(bo)  # bo received everything and sent nothing
    assert _collected(bo, "") == {}
    with bo.session() as s:
        first = s.get(Case, ids[0])
        assert first is not None
        first.arrears = Money.kr(999)  # bo's own edit of a row anne made
        second = s.get(Case, ids[1])
        assert second is not None
        second.deleted = True
        s.add(Person(first_name=LONG_NAME, last_name="Ø"))
    lab.sync(bo)
    lab.sync(anne)
    with anne.session() as s:  # anne later edits the row bo edited (another field) and one more
        again = s.get(Case, ids[0])
        assert again is not None
        again.reminder_fee = Money.kr(100)
        third = s.get(Case, ids[2])
        assert third is not None
        third.arrears = Money.kr(5)
    lab.sync(anne)
    lab.sync(bo)
    with bo.session() as s:  # the row holds bo's clock, but anne was the last to write it
        edited = s.get(Case, ids[0])
        assert edited is not None and edited.updated_by == anne.device_id
        assert bo.device_id in edited.field_clocks and edited.reminder_fee == Money.kr(100)
    for since in ("", "0", "9"):
        picked = _collected(bo, since)
        assert picked == _full_scan(bo, since), since
    everything_bo_wrote = _collected(bo, "")
    assert sum(map(len, everything_bo_wrote.values())) >= 3
    assert _collected(anne, "") == _full_scan(anne, "")


def _old_encoded(codec: TableCodec, dialect: Dialect, values: tuple[Any, ...]) -> SerialRow:
    """What sending serialised before: SQLAlchemy's result conversions, then the codec's encoders."""
    row = {}
    for column, value in zip(codec.table.columns, values, strict=True):
        load = column.type.dialect_impl(dialect).result_processor(dialect, None)
        row[column.name] = value if load is None else load(value)
    return codec.encode(row)


@pytest.mark.parametrize(
    ("column", "stored"),
    [
        ("created_at", "2026-12-31 23:59:59.999999"),
        ("created_at", "2027-01-01 00:00:00.000000"),  # isoformat leaves out zero microseconds
        ("created_at", "2027-01-01 00:00:00"),
        ("created_at", "2026-02-29 12:00:00.000001"),  # a day that does not exist
        ("created_at", "2028-02-29 12:00:00.000001"),
        ("created_at", "2026-12-31T23:59:59.000001"),
        ("created_at", None),
        ("opened_on", "2026-12-31"),
        ("kind", "eviction_threat"),
        ("arrears", 1_285_000),
        ("arrears", None),
        ("deleted", 1),
        ("eviction_time_from", "09:30:00.000000"),
    ],
)
def test_a_stored_value_is_sent_as_before(lab: LaptopLab, column: str, stored: Any) -> None:
    anne = lab.laptop("anne")
    create_case(
        anne,
        NewCase(first_name="Testperson", last_name="Jensen", address_line="Bøgevej 1", postcode="2400"),
        today=TODAY,
    )
    codec = codecs()["cases"]
    with anne.session() as s:
        dialect = s.connection().dialect
        names = ", ".join(f'"{c}"' for c in codec.columns)
        values = tuple(s.connection().exec_driver_sql(f"SELECT {names} FROM cases").one())
    changed = list(values)
    changed[codec.columns.index(column)] = stored
    rows = [values, tuple(changed), tuple(changed), values]
    encode = codec.stored_encoder(dialect)
    assert _outcome(lambda: [encode(r) for r in rows]) == _outcome(
        lambda: [_old_encoded(codec, dialect, r) for r in rows]
    )
