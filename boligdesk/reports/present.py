"""How a figure is written (Danish), and small-cell suppression for reports that leave the organisation.

Suppression (threshold *n*, e.g. 3): a count from 1 to *n*−1 is shown as »<n« (0 stays »–«, as the 2015
evaluation prints none). Then, so no suppressed count can be worked out again:

* a total (column sum) is suppressed when any cell it adds up is suppressed;
* a cell of the »Total« table (moves + evictions) is suppressed when either of its parts is, and a part
  is suppressed when the total is (else total − other part gives it back);
* a change in % is suppressed when either of its two years is;
* a percentage is suppressed when the count it is a share of, its part or the rest is from 1 to *n*−1;
* the landlord's saving is suppressed when the year's total or the first year's is.

Every printout says plainly which figures are exact: all figures that are not shown as »<n« or »skjult«.
"""

from __future__ import annotations

from dataclasses import replace

from boligdesk.budget.money import Money
from boligdesk.reports.figures import Cell, Row, StatsReport, Table

NONE_TEXT = "–"
NOT_RECORDED = "ikke registreret"
HIDDEN = "skjult"


def signed_percent(value: int) -> str:
    sign = "−" if value < 0 else ("+" if value > 0 else "")
    return f"{sign}{abs(value)} %"


def cell_text(cell: Cell, kind: str = "count", threshold: int = 0) -> str:
    """``cell`` as the window and the printouts write it."""
    if cell.suppressed:
        return f"<{threshold}" if kind == "count" and threshold else HIDDEN
    if cell.value is None:
        return NOT_RECORDED if kind != "change" else NONE_TEXT
    if kind == "percent":
        return f"{cell.value} %"
    if kind == "money":
        return Money(cell.value).format()
    if kind == "change":
        return signed_percent(cell.value)
    text = NONE_TEXT if cell.value == 0 else f"{cell.value}"
    return f"{text}*" if cell.entered else text


def cell_tooltip(cell: Cell, kind: str) -> str:
    parts = []
    if cell.entered:
        parts.append("Indtastet" + (f": {cell.note}" if cell.note else ""))
    if kind == "percent" and cell.of:
        parts.append(f"{cell.part} af {cell.of}")
    if cell.case_ids:
        parts.append(f"{len(cell.case_ids)} sager — dobbeltklik for at se dem")
    return "\n".join(parts)


def _small(value: int | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def _hide(cell: Cell) -> Cell:
    return replace(cell, suppressed=True)


def suppress_table(table: Table, threshold: int) -> Table:
    """Primary and secondary suppression of one table (see the module text)."""
    rows = list(table.rows)
    # primary
    for r_index, row in enumerate(rows):
        if row.kind == "percent":
            cells = tuple(
                _hide(c)
                if c.of is not None
                and (
                    _small(c.of, threshold)
                    or _small(c.part, threshold)
                    or _small(c.of - (c.part or 0), threshold)
                )
                else c
                for c in row.cells
            )
        elif row.kind == "count":
            cells = tuple(_hide(c) if _small(c.value, threshold) else c for c in row.cells)
        else:
            cells = row.cells
        rows[r_index] = replace(row, cells=cells)
    return _secondary(replace(table, rows=tuple(rows)))


def _secondary(table: Table) -> Table:
    rows = list(table.rows)
    totals = [i for i, r in enumerate(rows) if r.is_total and r.kind == "count"]
    parts = [i for i, r in enumerate(rows) if not r.is_total and r.kind == "count"]
    for t in totals:
        cells = list(rows[t].cells)
        for col in range(len(cells)):
            if any(rows[p].cells[col].suppressed for p in parts):
                cells[col] = _hide(cells[col])
        rows[t] = replace(rows[t], cells=tuple(cells))
    return replace(table, rows=tuple(_with_change(r) for r in rows))


def _with_change(row: Row) -> Row:
    if row.change is None or not row.cells:
        return row
    if row.cells[0].suppressed or row.cells[-1].suppressed:
        return replace(row, change=_hide(row.change))
    return row


def suppress_report(report: StatsReport, threshold: int) -> StatsReport:
    """The report as it may leave the organisation: counts under ``threshold`` hidden, and what would
    give them back hidden too. ``threshold`` ≤ 1: unchanged."""
    if threshold <= 1:
        return report
    tables = {t.key: suppress_table(t, threshold) for t in report.tables}
    moved, evicted, total = tables["moved_out"], tables["evicted"], tables["total"]
    # The Total table is moves + evictions: hide a sum with a hidden part, and both parts with a hidden sum.
    for _ in range(2):
        for r_index, row in enumerate(total.rows):
            for col, cell in enumerate(row.cells):
                a, b = moved.rows[r_index].cells[col], evicted.rows[r_index].cells[col]
                if a.suppressed or b.suppressed or cell.suppressed:
                    total = _hide_at(total, r_index, col)
                    moved = _hide_at(moved, r_index, col) if (b.suppressed or cell.suppressed) else moved
                    evicted = (
                        _hide_at(evicted, r_index, col) if (a.suppressed or cell.suppressed) else evicted
                    )
        moved, evicted, total = _secondary(moved), _secondary(evicted), _secondary(total)
    tables.update(moved_out=moved, evicted=evicted, total=total)
    cost = tables["cost"]
    totals = next(r for r in total.rows if r.is_total).cells
    first_hidden = bool(totals) and totals[0].suppressed
    cost_rows = []
    for row in cost.rows:
        cells = tuple(
            _hide(c) if (first_hidden or totals[i].suppressed) else c for i, c in enumerate(row.cells)
        )
        cost_rows.append(replace(row, cells=cells))
    tables["cost"] = replace(cost, rows=tuple(cost_rows))
    return replace(report, tables=tuple(tables[t.key] for t in report.tables))


def _hide_at(table: Table, r_index: int, col: int) -> Table:
    rows = list(table.rows)
    cells = list(rows[r_index].cells)
    if cells[col].value:  # a zero hides nothing
        cells[col] = _hide(cells[col])
    rows[r_index] = replace(rows[r_index], cells=tuple(cells))
    return replace(table, rows=tuple(rows))


def exactness_note(threshold: int) -> str:
    if threshold <= 1:
        return "Alle tal er eksakte optællinger. Tal markeret * er indtastet i hånden (basisår)."
    return (
        f"Antal under {threshold} vises som »<{threshold}«, og summer, ændringer, andele og beløb, der ville "
        f"afsløre et skjult tal, vises som »{HIDDEN}«. Alle andre tal er eksakte optællinger. "
        "Tal markeret * er indtastet i hånden (basisår)."
    )
