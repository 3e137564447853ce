"""Every table model of the UI is the one shared :class:`TableModel` (or a subclass) and passes Qt's
model tester; the shared model's roles and change-minimal updates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from boligdesk.budget.envelopes import EnvelopeStatus
from boligdesk.budget.lines import LineData
from boligdesk.budget.money import Money
from boligdesk.budget.receipts import ReceiptCategoryTotal, ReceiptData
from boligdesk.budget.repayment import InstalmentProgress, PlannedInstalment
from boligdesk.importers.plan import PlannedRow
from boligdesk.letters.templates import TemplateInfo
from boligdesk.services import case_read as cd
from boligdesk.services.arrears import ArrearsRow
from boligdesk.services.case_list import CaseRow
from boligdesk.services.frister import DeadlineRow
from boligdesk.services.letters import LetterRow
from boligdesk.services.plan_rows import PaymentRow, PlanView
from boligdesk.sync.conflicts import ConflictItem
from boligdesk.ui.budget.budget_envelopes_table_model import EnvelopesTableModel
from boligdesk.ui.budget.budget_lines_table_model import BudgetLinesTableModel
from boligdesk.ui.budget.budget_receipts_table_model import ReceiptsTableModel, ReceiptSummaryTableModel
from boligdesk.ui.cases.case_contact_page import ATTEMPT_COLUMNS
from boligdesk.ui.cases.case_journal_page import FOLLOW_UP_COLUMNS, JournalTableModel
from boligdesk.ui.cases.case_list_table_model import CaseFilter, CaseListTableModel
from boligdesk.ui.cases.case_member_table_model import MemberTableModel
from boligdesk.ui.cases.case_timeline_page import ITEM_COLUMNS
from boligdesk.ui.cases.frister_table_model import FristerTableModel
from boligdesk.ui.cases.import_preview_table_model import ImportPreviewTableModel
from boligdesk.ui.letters.letters_models import LettersTableModel, TemplateListModel
from boligdesk.ui.repayment import repayment_columns as rc
from boligdesk.ui.shared.table_model import ID_ROLE, ROW_ROLE, SORT_ROLE, Column, TableModel
from boligdesk.ui.sync.conflicts_table_model import ConflictsTableModel

TODAY = dt.date(2026, 3, 10)


# --- sample rows, made from the dataclasses' own field types ------------------------------------------
def sample(cls: type[Any], n: int) -> Any:
    """An instance of the frozen row dataclass ``cls``; ``n`` varies the values (0, 1, 2, …)."""
    hints = typing.get_type_hints(cls)
    values = {f.name: _value(hints[f.name], f.name, n) for f in dataclasses.fields(cls) if f.init}
    return cls(**values)


def _value(hint: Any, name: str, n: int) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return None if n % 2 and len(options) == 1 else _value(options[0], name, n)
    if origin is tuple:
        return ()
    if hint is str:
        return {"kind": "expense", "category": "Mad", "frequency": "monthly", "need": "need"}.get(
            name, f"{name} {n}"
        )
    if hint is bool:
        return n % 2 == 1
    if hint is int:
        return n + 1
    if hint is Money:
        return Money(123_450 * (n + 1))
    if hint is dt.datetime:
        return dt.datetime(2026, 3, 1 + n, 9, 30)
    if hint is dt.date:
        return TODAY + dt.timedelta(days=n * 5 - 3)
    if hint is Path:
        return Path("skabelon.html")
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members = list(hint)
        return members[n % len(members)]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return sample(hint, n)
    raise AssertionError(f"no sample for {name}: {hint!r}")


def rows(cls: type[Any]) -> list[Any]:
    return [sample(cls, n) for n in range(3)]


def _line_rows() -> list[LineData]:
    income = LineData("income", "Løn", "Løn", Money(2_000_000), id="l1")
    food = LineData("expense", "Mad", "Mad", Money(300_000), need="nice", is_daily_money=True, id="l2")
    return [income, food]


def _schedule_rows() -> list[rc.ScheduleLine]:
    return [
        rc.ScheduleLine(
            PlannedInstalment(n + 1, TODAY + dt.timedelta(days=30 * n), Money(260_000)), Money(620_000)
        )
        for n in range(3)
    ]


MODELS: dict[str, tuple[Callable[[], TableModel[Any]], Callable[[], list[Any]]]] = {
    "case list": (lambda: CaseListTableModel(lambda: TODAY), lambda: [_case(n) for n in range(3)]),
    "members": (MemberTableModel, lambda: rows(cd.MemberRow)),
    "contact attempts": (lambda: TableModel(ATTEMPT_COLUMNS), lambda: rows(cd.ContactAttemptRow)),
    "journal": (JournalTableModel, lambda: rows(cd.JournalNoteRow)),
    "follow-ups": (lambda: TableModel(FOLLOW_UP_COLUMNS), lambda: rows(cd.FollowUpRow)),
    "arrears items": (lambda: TableModel(ITEM_COLUMNS), lambda: rows(ArrearsRow)),
    "frister": (FristerTableModel, lambda: rows(DeadlineRow)),
    "conflicts": (ConflictsTableModel, lambda: rows(ConflictItem)),
    "import preview": (ImportPreviewTableModel, lambda: rows(PlannedRow)),
    "repayment arrears": (lambda: TableModel(rc.ARREARS_COLUMNS), lambda: rows(ArrearsRow)),
    "repayment schedule": (lambda: TableModel(rc.SCHEDULE_COLUMNS), _schedule_rows),
    "repayment progress": (lambda: TableModel(rc.PROGRESS_COLUMNS), lambda: rows(InstalmentProgress)),
    "repayment payments": (lambda: TableModel(rc.PAYMENT_COLUMNS), lambda: rows(PaymentRow)),
    "plan versions": (lambda: TableModel(rc.HISTORY_COLUMNS), lambda: rows(PlanView)),
    "receipts": (ReceiptsTableModel, lambda: rows(ReceiptData)),
    "receipt totals": (ReceiptSummaryTableModel, lambda: rows(ReceiptCategoryTotal)),
    "envelopes": (EnvelopesTableModel, lambda: rows(EnvelopeStatus)),
    "budget lines": (BudgetLinesTableModel, _line_rows),
    "templates": (TemplateListModel, lambda: rows(TemplateInfo)),
    "letters": (LettersTableModel, lambda: rows(LetterRow)),
}


@pytest.mark.parametrize("name", list(MODELS))
def test_every_table_model_passes_the_model_tester(qtmodeltester: Any, name: str) -> None:
    make, make_rows = MODELS[name]
    model = make()
    assert isinstance(model, TableModel)
    qtmodeltester.check(model)
    some = make_rows()
    model.set_rows(some)
    qtmodeltester.check(model)
    assert model.rowCount() == len(some) > 0
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            assert isinstance(model.index(r, c).data(), str)
            assert model.index(r, c).data(SORT_ROLE) is not None
        assert model.index(r, 0).data(ROW_ROLE) is model.row_at(r)
    model.set_rows([])
    qtmodeltester.check(model)


def test_the_sweep_covers_every_table_model_under_ui() -> None:
    """A new model class under boligdesk/ui must be the shared one (and is then added to MODELS)."""
    import importlib
    import pkgutil

    import boligdesk.ui

    models: set[str] = set()
    for info in pkgutil.walk_packages(boligdesk.ui.__path__, prefix="boligdesk.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, QAbstractItemModel)
                and value.__module__ == info.name
                and not value.__name__.endswith(("Proxy", "ProxyModel"))
            ):
                assert issubclass(value, TableModel), f"{info.name}.{value.__name__} is not a TableModel"
                models.add(value.__name__)
    swept = {type(make()).__name__ for make, _ in MODELS.values()}
    assert models <= swept


# --- the shared model itself ---------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Thing:
    id: str
    name: str
    amount: Money
    urgent: bool = False


THING_COLUMNS: tuple[Column[Thing], ...] = (
    Column("Navn", lambda t: t.name, tooltip=lambda t: f"Hele navnet: {t.name}"),
    Column(
        "Beløb",
        lambda t: t.amount.format(),
        lambda t: t.amount.ore,
        align_right=True,
        background=lambda t: "#f4c7c3" if t.amount.is_negative() else None,
        header_tooltip="Beløbet i kroner",
    ),
    Column("Haster", lambda t: "", checked=lambda t: t.urgent if t.amount.ore else None),
)


def things() -> list[Thing]:
    return [
        Thing("a", "Anna", Money(100)),
        Thing("b", "Bo", Money(-250), urgent=True),
        Thing("c", "Carl", Money(0)),
    ]


def test_columns_drive_text_roles_and_header() -> None:
    model = TableModel(THING_COLUMNS, style=lambda t: (QColor("#202124"), QColor("#fff3b0"), None))
    model.set_rows(things())
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Beløb"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Beløbet i kroner"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(1, 1).data() == "-2,50 kr."
    assert model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(1, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "Hele navnet: Bo"
    assert model.index(1, 1).data(SORT_ROLE) == -250
    assert model.index(1, 0).data(SORT_ROLE) == "bo"  # default: the text, case-folded
    assert model.index(1, 0).data(ID_ROLE) == "b"
    # A column's own colour wins over the row style; otherwise the row style applies.
    own = model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(own, QBrush) and own.color() == QColor("#f4c7c3")
    row = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(row, QBrush) and row.color() == QColor("#fff3b0")
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#202124")
    assert model.index(1, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(0, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index(2, 2).data(Qt.ItemDataRole.CheckStateRole) is None  # no check box on this row


def test_rows_are_found_by_id_and_swapped_in_place(qtbot: Any) -> None:
    model = TableModel(THING_COLUMNS, id_of=lambda t: t.name)
    model.set_rows(things())
    assert model.row_of("Carl") == 2 and model.row_of("c") == -1
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    model.modelReset.connect(lambda: resets.append(True))
    assert model.replace_row(Thing("x", "Bo", Money(999)))
    assert changed == [(1, 1)] and resets == []
    assert model.index(1, 1).data() == "9,99 kr."
    assert not model.replace_row(Thing("x", "Dorte", Money(1)))
    model.insert_row(1, Thing("d", "Dorte", Money(1)))
    assert [model.row_at(r).name for r in range(model.rowCount())] == ["Anna", "Dorte", "Bo", "Carl"]
    assert model.remove_row("Anna") and not model.remove_row("Anna")
    assert [r.name for r in model.rows()] == ["Dorte", "Bo", "Carl"]
    assert resets == []


def test_extra_roles_answer_per_row() -> None:
    role = Qt.ItemDataRole.UserRole + 10
    model = TableModel(THING_COLUMNS, roles={role: lambda t: t.urgent}, tooltip=lambda t: t.id)
    model.set_rows(things())
    assert [model.index(r, 2).data(role) for r in range(3)] == [False, True, False]
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "a"  # the row's tooltip
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Hele navnet: Anna"  # the column's


def _case(n: int, **changes: Any) -> CaseRow:
    return dataclasses.replace(sample(CaseRow, n), **{"closed": False, "adviser_id": None, **changes})


def test_the_case_list_swaps_a_changed_case_in_place(qtbot: Any) -> None:
    model = CaseListTableModel(lambda: TODAY)
    model.set_rows([_case(0, id="a"), _case(1, id="b"), _case(2, id="c")])
    before = [model.row_at(r).id for r in range(model.rowCount())]
    resets: list[bool] = []
    changed: list[int] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda a, _b: changed.append(a.row()))
    fresh = _case(1, id="b", tenant_name="Ny Lejer")
    assert model.replace_row(fresh)
    assert resets == [] and changed == [before.index("b")]
    assert model.row_at(before.index("b")).tenant_name == "Ny Lejer"
    # A case that no longer passes the filter leaves the list (the filter runs again).
    assert model.replace_row(_case(1, id="b", closed=True))
    assert resets == [True] and model.row_of("b") == -1 and model.total() == 3
    assert not model.replace_row(_case(1, id="zzz"))


def test_the_case_list_filters_by_words_and_state(qtbot: Any) -> None:
    model = CaseListTableModel(lambda: TODAY)
    model.set_rows(
        [
            _case(0, id="a", search_text="anna hansen"),
            _case(1, id="b", search_text="bo jensen"),
            _case(2, id="c", search_text="anna berg", closed=True),
        ]
    )
    assert model.rowCount() == 2 and model.total() == 3
    model.set_criteria(CaseFilter(text="ann"))
    assert [r.id for r in model.rows()] == ["a"]
    model.set_criteria(CaseFilter(text="anna", open_state="all"))
    assert sorted(r.id for r in model.rows()) == ["a", "c"]
    model.set_criteria(CaseFilter(open_state="closed"))
    assert [r.id for r in model.rows()] == ["c"]


def test_the_parent_is_kept(qtbot: Any) -> None:
    owner = QObject()
    model = FristerTableModel(owner)
    assert model.parent() is owner


def test_the_one_row_rule_agrees_with_the_list_filter(qtbot: Any) -> None:
    cases = [
        _case(n, id=str(n), closed=n % 3 == 0, adviser_id="ad" if n % 2 else None, search_text=f"navn {n}")
        for n in range(12)
    ]
    model = CaseListTableModel(lambda: TODAY)
    model.set_rows(cases)
    for criteria in (
        CaseFilter(),
        CaseFilter(open_state="all", only_adviser_id="ad"),
        CaseFilter(open_state="closed", text="navn 1"),
        CaseFilter(open_state="all", only_urgent=True),
    ):
        model.set_criteria(criteria)
        shown = {r.id for r in model.rows()}
        assert shown == {c.id for c in cases if model._passes(c, TODAY)}


def test_typing_backspacing_and_sorting_show_exactly_the_matching_cases(qtbot: Any) -> None:
    """The kept results (narrowing, Backspace, a second word) always agree with matching from scratch."""
    names = ["søren nørgaard", "åse ærø", "anna nørby", "bo egeparken", "ønne åberg", "nør nørre", "æble"]
    cases = [
        _case(
            n,
            id=f"c{n}",
            number=f"2026-{n:04d}",
            closed=n % 5 == 0,
            search_text=f"2026-{n:04d} {name} tv {n}",
        )
        for n, name in enumerate(names * 3)
    ]
    model = CaseListTableModel(lambda: TODAY)
    model.set_rows(cases)
    typed = [
        "n",
        "nø",
        "nør",
        "nørg",
        "nør",
        "nø",
        "Nø",
        "nør n",
        "nør nø",
        "nør nørr",
        "",
        "å",
        "åse ærø",
        "Å",
        "ÆBLE",
    ]
    for text in [*typed, "tv 1", "tv 1 2026-001", "tv 1"]:
        model.set_criteria(CaseFilter(text=text))
        expected = [c.id for c in model.all_rows() if model._passes(c, TODAY)]
        assert [r.id for r in model.rows()] == expected, text
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.set_criteria(CaseFilter(text="tv 1 2"))
    shown = [r.id for r in model.rows()]
    assert shown == [
        c.id for c in sorted(cases, key=lambda c: c.tenant_name.casefold()) if model._passes(c, TODAY)
    ]
    model.set_criteria(CaseFilter(text="tv 1", open_state="all"))
    assert len(model.rows()) == len([c for c in cases if "tv 1" in c.search_text])


def test_a_keystroke_that_finds_the_same_cases_does_not_reset_the_list(qtbot: Any) -> None:
    model = CaseListTableModel(lambda: TODAY)
    model.set_rows([_case(0, id="a", search_text="anna hansen"), _case(1, id="b", search_text="bo jensen")])
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_criteria(CaseFilter(text="an"))
    model.set_criteria(CaseFilter(text="anna"))  # still only Anna: nothing to redraw
    assert resets == [True] and [r.id for r in model.rows()] == ["a"]


def test_a_cell_never_keeps_the_tint_or_alignment_of_the_cell_painted_before(qtbot: Any) -> None:
    """Qt's delegate reuses its role list from cell to cell: the tenant's cell beside a passed deadline
    must come out untinted and left-aligned (it came out pink and right-aligned)."""
    from PySide6.QtCore import QModelRoleData

    from boligdesk.budget.deadlines import Deadline, DeadlineKind

    passed = Deadline(DeadlineKind.FOLLOW_UP, TODAY - dt.timedelta(days=3), "Aftalt opfølgning")
    model = CaseListTableModel(lambda: TODAY)
    model.set_rows([_case(0, id="a", next_deadline=passed, tenant_name="Åse Ærø")])
    background = QModelRoleData(int(Qt.ItemDataRole.BackgroundRole))
    alignment = QModelRoleData(int(Qt.ItemDataRole.TextAlignmentRole))
    model.multiData(model.index(0, 7), background)
    assert isinstance(background.data(), QBrush)  # the passed deadline is tinted
    model.multiData(model.index(0, 1), background)
    assert background.data() is None
    model.multiData(model.index(0, 6), alignment)
    assert alignment.data() is not None  # arrears: right-aligned
    model.multiData(model.index(0, 1), alignment)
    assert alignment.data() is None
    display = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
    model.multiData(model.index(0, 1), display)
    assert display.data() == "Åse Ærø"
