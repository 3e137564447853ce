"""How a figure is written (Danish), and small-cell suppression for reports that leave the organisation.

Suppression (threshold *n*, e.g. 3): a count from 1 to *n*−1 is shown as »<n« (0 stays »–«, as the 2015
evaluation prints none). Then, so no suppressed count can be worked out again from a sum (secondary
suppression, until nothing changes), for every »parts add up to a sum« — a column and its total, moves +
evictions = the Total table, the »covered by« rows and »covered«, kept + broken + running = made — a sum
with a hidden part is hidden (»skjult«), and a hidden sum whose parts are all shown gets its smallest part
that is not 0 hidden too. Conservative: more is hidden than the least that would do.

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
        small = kind == "count" and cell.value is not None and 0 < cell.value < threshold
        return f"<{threshold}" if small else HIDDEN
    if cell.value is None:
        if kind == "change" or (kind == "percent" and cell.of == 0 and not cell.case_ids):
            return NONE_TEXT  # a share of nothing (no terminations, no new tenants) is none, not unrecorded
        return NOT_RECORDED
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


def _primary(table: Table, threshold: int) -> Table:
    rows = list(table.rows)
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
    return replace(table, rows=tuple(rows))


Key = tuple[str, int, int]  # (table, row, column)


def _constraints(tables: dict[str, Table]) -> list[tuple[list[Key], Key]]:
    """Every »parts add up to a sum« a reader could use: (parts, sum)."""
    found: list[tuple[list[Key], Key]] = []
    for key, table in tables.items():
        counts = [i for i, r in enumerate(table.rows) if r.kind == "count"]
        totals = [i for i in counts if table.rows[i].is_total]
        parts = [i for i in counts if not table.rows[i].is_total]
        if key == "arrears":  # covered = the »covered by« rows
            idx = {r.key: i for i, r in enumerate(table.rows)}
            by = [i for i, r in enumerate(table.rows) if r.label.startswith("  ")]
            for col in range(len(table.columns)):
                found.append(([(key, i, col) for i in by], (key, idx["covered"], col)))
            continue
        if key == "plans":  # made = kept + broken + running
            idx = {r.key: i for i, r in enumerate(table.rows)}
            for col in range(len(table.columns)):
                found.append(
                    ([(key, idx[k], col) for k in ("kept", "broken", "running")], (key, idx["made"], col))
                )
            continue
        for t in totals:
            for col in range(len(table.columns)):
                found.append(([(key, p, col) for p in parts], (key, t, col)))
    if {"moved_out", "evicted", "total"} <= tables.keys():
        for r_index, row in enumerate(tables["total"].rows):
            for col in range(len(row.cells)):
                found.append(
                    ([("moved_out", r_index, col), ("evicted", r_index, col)], ("total", r_index, col))
                )
    return found


def _cell(tables: dict[str, Table], key: Key) -> Cell:
    return tables[key[0]].rows[key[1]].cells[key[2]]


def _hide_key(tables: dict[str, Table], key: Key) -> None:
    name, r_index, col = key
    table = tables[name]
    rows = list(table.rows)
    cells = list(rows[r_index].cells)
    cells[col] = _hide(cells[col])
    rows[r_index] = replace(rows[r_index], cells=tuple(cells))
    tables[name] = replace(table, rows=tuple(rows))


def _secondary(tables: dict[str, Table]) -> None:
    """Until nothing changes, for every »parts add up to a sum«: a sum with a hidden part is hidden (else
    the hidden parts' total is known, and 1 + 1 = 2 or 2 + 2 = 4 under a threshold of 3 gives them back);
    a hidden sum whose parts are all shown gets its smallest part that is not 0 hidden too."""
    constraints = _constraints(tables)
    changed = True
    while changed:
        changed = False
        for parts, total in constraints:
            part_cells = [_cell(tables, p) for p in parts]
            total_cell = _cell(tables, total)
            if any(c.suppressed for c in part_cells) and not total_cell.suppressed and total_cell.value:
                _hide_key(tables, total)
                changed = True
            elif total_cell.suppressed and not any(c.suppressed for c in part_cells):
                shown = [p for p, c in zip(parts, part_cells, strict=True) if c.value]
                if shown:
                    _hide_key(tables, min(shown, key=lambda p: _cell(tables, p).value or 0))
                    changed = True


def suppress_table(table: Table, threshold: int) -> Table:
    """One table on its own, primary and secondary suppression (see the module text)."""
    tables = {table.key: _primary(table, threshold)}
    _secondary(tables)
    return replace(tables[table.key], rows=tuple(_with_change(r) for r in tables[table.key].rows))


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
    tables = {t.key: _primary(t, threshold) for t in report.tables}
    _secondary(tables)
    for key, table in tables.items():
        tables[key] = replace(table, rows=tuple(_with_change(r) for r in table.rows))
    cost = tables["cost"]
    totals = next(r for r in tables["total"].rows if r.is_total).cells
    first_hidden = bool(totals) and totals[0].suppressed
    cost_rows = []
    for row in cost.rows:
        cells = tuple(
            _hide(c) if (first_hidden or totals[i].suppressed) else c for i, c in enumerate(row.cells)
        )
        cost_rows.append(replace(row, cells=cells))
    tables["cost"] = replace(cost, rows=tuple(cost_rows))
    return replace(report, tables=tuple(tables[t.key] for t in report.tables))


def exactness_note(threshold: int) -> str:
    if threshold <= 1:
        return "Alle tal er eksakte optællinger. Tal markeret * er indtastet i hånden (basisår)."
    return (
        f"Antal under {threshold} vises som »<{threshold}«, og summer, ændringer, andele og beløb, der ville "
        f"afsløre et skjult tal, vises som »{HIDDEN}«. Alle andre tal er eksakte optællinger. "
        "Tal markeret * er indtastet i hånden (basisår)."
    )
