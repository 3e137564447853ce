"""The management figures per estate and year (issue 13), counted from plain rows — pure, no Qt, no SQL.

Every table carries its Danish definition (shown as a tooltip and printed), and every cell the ids of the
cases behind it, so an adviser can check a number. The rules (also in ``docs/decisions.md`` §19):

* **Which year.** A termination counts in the year of the termination date; a move-out after termination
  in the year of the closing date (the move-out); a bailiff eviction in the year of the eviction (the
  rescheduled date when there is one, else the eviction date, else the closing date). A termination in
  December with the eviction in January is a termination in one year and an eviction in the next.
* **Left out** (004 Bilag 1): cases registered as a husordenssag or a temporary tenancy during renovation
  are left out of every figure about terminations and evictions; they still count in the workload
  figures (cases per kind, open and new cases per adviser).
* **Reopened cases** count once: a case has one termination, and its outcome is the one it was closed
  with last (reopening clears the outcome, so a reopened case that is still open counts in no outcome).
* **Entered counts** (baseline years before BoligDesk) replace what the cases give for that estate,
  year and figure, and are marked »indtastet«.
* **Change in %** between the first and the last chosen year is rounded half away from zero to a whole
  percent (88 → 33 is −62,5 %, printed −63 %), as the 2015 evaluation prints it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain
from operator import attrgetter

from boligdesk.budget.cooperation import ActivityTag, ApplicationKind, CourseMethod, Decision
from boligdesk.budget.vocabulary import ArrearsCoveredBy, CaseKind, Outcome, PlanStatus
from boligdesk.reports.facts import CaseFact, StatsInput

NO_ESTATE = ""
NO_ESTATE_LABEL = "Uden afdeling"


@dataclass(frozen=True, slots=True)
class EvictionCost:
    """What one eviction costs the landlord, with where the figure comes from."""

    ore: int = 5_360_000
    source: str = "Evaluering af Stop Udsættelser, 2015 (Bilag 3: pris pr. udsættelse, ekskl. tomgangsleje)"
    price_year: int = 2013


@dataclass(frozen=True, slots=True)
class Cell:
    """One number. ``value`` None: not recorded (shown »ikke registreret«)."""

    value: int | None
    case_ids: tuple[str, ...] = ()
    entered: bool = False
    note: str = ""
    #: For a percentage: the count it is a share of (and ``part`` the count that is the share).
    of: int | None = None
    part: int | None = None
    suppressed: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    key: str = ""
    is_total: bool = False
    #: "count", "percent" or "money" (øre).
    kind: str = "count"
    change: Cell | None = None


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    title: str
    definition: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    has_change: bool = False

    def cell(self, row_key: str, column: int) -> Cell:
        return next(r for r in self.rows if r.key == row_key).cells[column]


@dataclass(frozen=True, slots=True)
class StatsReport:
    years: tuple[int, ...]
    estate_ids: tuple[str, ...]
    estate_names: tuple[str, ...]
    tables: tuple[Table, ...]
    cost: EvictionCost

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


# ------------------------------------------------------------------------------------------ arithmetic
def round_half_away(value: Fraction) -> int:
    """Round to a whole number, halves away from zero (−62,5 → −63, 62,5 → 63)."""
    whole = int(abs(value) + Fraction(1, 2))
    return -whole if value < 0 else whole


def change_percent(first: int | None, last: int | None) -> int | None:
    """Change in % from ``first`` to ``last``, rounded half away from zero; None where it has no meaning."""
    if first is None or last is None or first == 0:
        return None
    return round_half_away(Fraction((last - first) * 100, first))


def percent(part: int, whole: int) -> int | None:
    return None if whole == 0 else round_half_away(Fraction(part * 100, whole))


# ------------------------------------------------------------------------------------------ the dates
_ID = attrgetter("id")


def eviction_date(c: CaseFact) -> dt.date | None:
    return c.eviction_on or c.closed_on


def _counted(c: CaseFact) -> bool:
    return c.excluded is None


#: The codes compared per case, read once (an enum's ``.value`` is a descriptor call: 100,000 of them
#: were a fifth of building the report at 20,000 cases).
_MOVED_OUT, _EVICTED = Outcome.MOVED_OUT.value, Outcome.EVICTED.value
_NEW_TENANT = CaseKind.NEW_TENANT.value
_DRAFT = PlanStatus.DRAFT.value
#: A plan chain's newest status → the row it counts in besides »Indgået«.
_PLAN_ROWS = {
    PlanStatus.FULFILLED.value: "kept",
    PlanStatus.BROKEN.value: "broken",
    PlanStatus.ACTIVE.value: "running",
}


def _moved_out_year(c: CaseFact) -> int | None:
    if c.outcome == _MOVED_OUT and c.closed_on is not None:
        return c.closed_on.year
    return None


def _evicted_year(c: CaseFact) -> int | None:
    if c.outcome == _EVICTED:
        day = eviction_date(c)
        return day.year if day else None
    return None


def _termination_year(c: CaseFact) -> int | None:
    return c.termination_on.year if c.termination_on else None


def _opened_year(c: CaseFact) -> int:
    return c.opened_on.year


DEF_YEAR = (
    "Udeladt: sager registreret som husordenssag eller midlertidigt lejemål under renovering (004 Bilag 1). "
    "En genåbnet sag tælles én gang, med det udfald den sidst blev afsluttet med."
)
DEFINITIONS: dict[str, str] = {
    "moved_out": "Sager afsluttet med udfaldet »Fraflyttet grundet ophævelse«, talt i året for "
    "afslutningsdatoen (fraflytningen). " + DEF_YEAR,
    "evicted": "Sager med udfaldet »Udsat af fogeden«, talt i året for udsættelsen (den nye dato, hvis "
    "udsættelsen er berammet igen; ellers afslutningsdatoen). En ophævelse i december med udsættelse i "
    "januar tæller som udsættelse i januars år. " + DEF_YEAR,
    "total": "Fraflytninger efter ophævelse plus fogedudsættelser i samme år og afdeling.",
    "terminations": "Sager med en ophævelsesdato i året (én pr. sag). " + DEF_YEAR,
    "contact": "Andel af årets ophævelser, hvor der er registreret mindst ét kontaktforsøg med kontakt "
    "opnået (alt andet end intet svar, besked lagt, sendt og forkert nummer). " + DEF_YEAR,
    "meetings": "Sager med mindst ét personligt møde (kontaktforsøg via »Personligt møde« med kontakt "
    "opnået) i året. " + DEF_YEAR,
    "arrears": "Årets ophævelser efter om restancen er dækket og af hvem. Hvor det ikke er registreret, "
    "står det som »ikke registreret«. " + DEF_YEAR,
    "plans": "Afdragsordninger talt i året for den første aftale; en genforhandlet ordning tælles én gang "
    "med status fra den nyeste version: overholdt (indfriet), brudt eller løbende (aktiv). Kladder tælles "
    "ikke.",
    "new_tenants": "Nye lejere (sagstype »Ny lejer« eller et registreret svar på tilbuddet), talt i året "
    "for sagens oprettelse. Andel accepteret = accepteret / lejere med registreret tilbud. Lejere uden "
    "registreret svar vises som »ikke registreret« og indgår ikke i andelen.",
    "kinds": "Sager oprettet i året pr. sagstype; en sag, der har skiftet type, tælles under hver type "
    "den har haft, men kun én gang i »I alt« (forskellige sager). Alle sager tælles, også udeladte.",
    "activities": "Sager oprettet i året, hvor aktiviteten er registreret; en sag kan have flere "
    "aktiviteter og tælles under hver, men kun én gang i »Sager med mindst én aktivitet«.",
    "courses": "Forløb startet i året pr. metode (CTI, indslusning, fastholdelse, kort rådgivning, andet), "
    "talt i året for starten; en forlængelse flytter ikke forløbet til et andet år. Alle sager tælles, "
    "også udeladte.",
    "applications": "Ansøgninger sendt i året pr. type (fx hjælp til huslejerestance efter aktivloven, "
    "boligstøtte, indskudslån), talt i året for afsendelsen. Alle sager tælles, også udeladte.",
    "decisions": "De samme ansøgninger efter afgørelse (som den er registreret nu), talt i året for "
    "afsendelsen. »Afventer svar« er ansøgninger uden registreret afgørelse.",
    "open_per_adviser": "Åbne sager ved månedens udgang pr. ansvarlig rådgiver (oprettet senest den "
    "dag og ikke afsluttet). En genåbnet sag tælles som åben fra oprettelsen.",
    "new_per_adviser": "Sager oprettet i måneden pr. ansvarlig rådgiver.",
    "cost": "Sparede udgifter for udlejer: udsættelser i alt (fraflytning efter ophævelse + "
    "fogedudsættelse) i det første valgte år minus årets antal, gange prisen for én udsættelse. Et "
    "negativt beløb betyder flere udsættelser end i det første år.",
}
TITLES: dict[str, str] = {
    "moved_out": "Fraflytninger efter ophævelser",
    "evicted": "Ophævelse og fogedudsættelse",
    "total": "Total",
    "terminations": "Ophævelser modtaget",
    "contact": "Kontakt opnået (andel af ophævelser)",
    "meetings": "Personlige møder",
    "arrears": "Restance dækket",
    "plans": "Afdragsordninger",
    "new_tenants": "Nye lejere: tilbud om rådgivning accepteret",
    "kinds": "Sager pr. sagstype",
    "activities": "Sager pr. aktivitet",
    "courses": "Forløb pr. metode",
    "applications": "Ansøgninger pr. type",
    "decisions": "Ansøgninger efter afgørelse",
    "open_per_adviser": "Åbne sager pr. rådgiver (månedens udgang)",
    "new_per_adviser": "Nye sager pr. rådgiver pr. måned",
    "cost": "Sparede udgifter for udlejer",
}


# ------------------------------------------------------------------------------------------ building
class _Grid:
    """Case ids per (row key, column).

    Speed (issue 15, §38): the builder walks its cases distinct and in the order of their ids and adds a
    case at most once to a cell, so a cell's ids arrive distinct and sorted (:func:`_cases_cell`); the
    hot loops append to :attr:`cases` directly rather than calling :meth:`add` 150,000 times."""

    def __init__(self) -> None:
        #: (row, column) → the cases counted there, as added: each at most once, in id order.
        self.cases: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
        #: (row, column) → unit → its case: grids that count something else than cases (plans, courses).
        self.units: defaultdict[tuple[str, int], dict[str, str]] = defaultdict(dict)

    def add(self, row: str, col: int, case_id: str, unit: str | None = None) -> None:
        """Count ``unit`` (default: the case) once in the cell; the case is listed behind it. A grid
        counts either cases or units, not both."""
        if unit is None:
            self.cases[(row, col)].append(case_id)
        else:
            self.units[(row, col)][unit] = case_id

    def cell(self, row: str, col: int) -> Cell:
        units = self.units.get((row, col))
        if units is None:
            return _cases_cell(self.cases.get((row, col), ()))
        return Cell(len(units), tuple(sorted(dict.fromkeys(units.values()))))


def _cases_cell(case_ids: Sequence[str]) -> Cell:
    """The cell counting these cases. The tables walk the builder's cases — distinct, in id order — and
    add a case at most once to a cell, so the ids come distinct and sorted: no set, no sort (sorting
    150,000 ids per report was a fifth of building it at 20,000 cases)."""
    return Cell(len(case_ids), tuple(case_ids))


#: A case placed in a table: the case, its estate key and the column of the year it counts in.
_Placed = tuple[CaseFact, str, int]


def _sum_cells(cells: Iterable[Cell]) -> Cell:
    cells = list(cells)
    if any(c.value is None for c in cells):
        known = [c for c in cells if c.value is not None]
        if not known:
            return Cell(None)
        cells = known
    ids = tuple(sorted({i for c in cells for i in c.case_ids}))
    return Cell(sum(c.value or 0 for c in cells), ids, entered=any(c.entered for c in cells))


class _Builder:
    def __init__(self, data: StatsInput, years: Sequence[int], estate_ids: Sequence[str] | None) -> None:
        self.data = data
        self.years = tuple(years)
        self.col = {y: i for i, y in enumerate(self.years)}
        all_estates = list(data.estates)
        if estate_ids is None:
            named = set(all_estates)
            others = sorted(
                {c.estate_id or NO_ESTATE for c in data.cases} - named, key=lambda e: (e == "", e)
            )
            chosen = all_estates + others
        else:
            chosen = list(estate_ids)
        self.estates = tuple(chosen)
        wanted = set(chosen)
        # Distinct and in the order of their ids (one linear pass when the loader sorted them): _Grid.
        distinct = {c.id: c for c in data.cases if (c.estate_id or NO_ESTATE) in wanted}
        self.cases = sorted(distinct.values(), key=_ID)
        self.counted = [c for c in self.cases if _counted(c)]
        self.case_ids = {c.id for c in self.cases}
        self.counted_ids = {c.id for c in self.counted}
        # Placed once, read by several tables (each rule stays one function): terminations, contact and
        # arrears count the year of the termination; new tenants, kinds and activities the opening.
        self.terminated = self.place(self.counted, _termination_year)
        self.opened = self.place(self.cases, _opened_year)
        self.baselines = {
            (b.estate_id, b.year, b.figure): b
            for b in data.baselines
            if b.estate_id in wanted and b.year in self.col
        }

    def estate_label(self, estate: str) -> str:
        return self.data.estates.get(estate, "Ukendt afdeling") if estate else NO_ESTATE_LABEL

    def place(self, cases: Iterable[CaseFact], year_of: Callable[[CaseFact], int | None]) -> list[_Placed]:
        """The cases whose year (by ``year_of``) is chosen, with their estate key and column."""
        col_of: Callable[[int | None], int | None] = self.col.get  # type: ignore[assignment]
        return [(c, c.estate_id or NO_ESTATE, k) for c in cases if (k := col_of(year_of(c))) is not None]

    def per_estate(self, key: str, placed: Iterable[_Placed]) -> dict[str, list[Cell]]:
        """Cells per estate and chosen year of the placed cases; an entered count replaces its cell."""
        ids: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
        for c, estate, col in placed:
            ids[(estate, col)].append(c.id)
        result: dict[str, list[Cell]] = {}
        for estate in self.estates:
            cells = []
            for year, col in self.col.items():
                base = self.baselines.get((estate, year, key))
                if base is not None:
                    cells.append(Cell(base.count, (), entered=True, note=base.note))
                else:
                    cells.append(_cases_cell(ids.get((estate, col), ())))
            result[estate] = cells
        return result

    def count_table(self, key: str, per_estate: dict[str, list[Cell]]) -> Table:
        rows = [
            Row(self.estate_label(e), tuple(cells), key=e, change=_change(cells))
            for e, cells in per_estate.items()
        ]
        total_cells = [_sum_cells(r.cells[i] for r in rows) for i in range(len(self.years))]
        rows.append(Row("Total", tuple(total_cells), key="total", is_total=True, change=_change(total_cells)))
        return Table(key, TITLES[key], DEFINITIONS[key], self._year_columns(), tuple(rows), has_change=True)

    def _year_columns(self) -> tuple[str, ...]:
        return tuple(str(y) for y in self.years)

    # --- the 004 tables ------------------------------------------------------------------------------
    def eviction_tables(self) -> list[Table]:
        moved = self.per_estate("moved_out", self.place(self.counted, _moved_out_year))
        evicted = self.per_estate("evicted", self.place(self.counted, _evicted_year))
        total = {e: [_sum_cells((moved[e][i], evicted[e][i])) for i in range(len(self.years))] for e in moved}
        return [
            self.count_table("moved_out", moved),
            self.count_table("evicted", evicted),
            self.count_table("total", total),
        ]

    def terminations(self) -> tuple[Table, dict[str, list[Cell]]]:
        cells = self.per_estate("terminations", self.terminated)
        return self.count_table("terminations", cells), cells

    def contact(self) -> Table:
        rows = []
        per: dict[str, list[tuple[list[str], list[str]]]] = {
            e: [([], []) for _ in self.years] for e in self.estates
        }
        for c, estate, col in self.terminated:
            whole, part = per[estate][col]
            whole.append(c.id)
            if c.reached_on:
                part.append(c.id)
        totals: list[tuple[list[str], list[str]]] = [([], []) for _ in self.years]
        for estate in self.estates:
            cells = []
            for i, (whole, part) in enumerate(per[estate]):
                totals[i][0].extend(whole)
                totals[i][1].extend(part)
                cells.append(_percent_cell(part, whole))
            rows.append(Row(self.estate_label(estate), tuple(cells), key=estate, kind="percent"))
        rows.append(
            Row(
                "Total",
                tuple(_percent_cell(p, w) for w, p in totals),
                key="total",
                is_total=True,
                kind="percent",
            )
        )
        return Table("contact", TITLES["contact"], DEFINITIONS["contact"], self._year_columns(), tuple(rows))

    def meetings(self) -> Table:
        grid = _Grid()
        at, col_of = grid.cases, self.col.get
        for c in self.counted:
            if c.meetings_on:
                for year in {day.year for day in c.meetings_on}:  # a case counts once a year
                    col = col_of(year)
                    if col is not None:
                        at[(c.estate_id or NO_ESTATE, col)].append(c.id)
        per = {e: [grid.cell(e, i) for i in range(len(self.years))] for e in self.estates}
        return self.count_table("meetings", per)

    def arrears(self) -> Table:
        grid = _Grid()
        at = grid.cases
        for c, _, col in self.terminated:
            if c.arrears_covered is None:
                at[("not_recorded", col)].append(c.id)
            elif c.arrears_covered:
                at[("covered", col)].append(c.id)
                at[(c.arrears_covered_by or "by_not_recorded", col)].append(c.id)
            else:
                at[("not_covered", col)].append(c.id)
        labels = [("covered", "Restancen dækket")]
        labels += [(m.value, f"  dækket af: {m.label.lower()}") for m in ArrearsCoveredBy]
        labels += [
            ("by_not_recorded", "  dækket af: ikke registreret"),
            ("not_covered", "Restancen ikke dækket"),
            ("not_recorded", "Ikke registreret, om restancen er dækket"),
        ]
        rows = [
            Row(label, tuple(grid.cell(k, i) for i in range(len(self.years))), key=k) for k, label in labels
        ]
        return Table("arrears", TITLES["arrears"], DEFINITIONS["arrears"], self._year_columns(), tuple(rows))

    def plans(self) -> Table:
        wanted = self.counted_ids
        by_id = {p.id: p for p in self.data.plans if p.case_id in wanted}
        superseded_by = {p.previous_id: p for p in by_id.values() if p.previous_id}
        grid = _Grid()
        for plan in by_id.values():
            if plan.previous_id is not None and plan.previous_id in by_id:
                continue  # not the first version of its chain
            latest = plan
            seen = {plan.id}
            while latest.id in superseded_by and superseded_by[latest.id].id not in seen:
                latest = superseded_by[latest.id]
                seen.add(latest.id)
            if latest.status == _DRAFT:
                continue
            day = plan.agreed_on or plan.start_on
            if day.year not in self.col:
                continue
            col = self.col[day.year]
            grid.add("made", col, plan.case_id, plan.id)
            status_key = _PLAN_ROWS.get(latest.status)
            if status_key:
                grid.add(status_key, col, plan.case_id, plan.id)
        labels = [("made", "Indgået"), ("kept", "Overholdt"), ("broken", "Brudt"), ("running", "Løbende")]
        rows = [
            Row(label, tuple(grid.cell(k, i) for i in range(len(self.years))), key=k) for k, label in labels
        ]
        return Table("plans", TITLES["plans"], DEFINITIONS["plans"], self._year_columns(), tuple(rows))

    def new_tenants(self) -> Table:
        offered: dict[tuple[str, int], list[str]] = defaultdict(list)
        accepted: dict[tuple[str, int], list[str]] = defaultdict(list)
        missing = _Grid()
        for c, estate, col in self.opened:
            if _NEW_TENANT not in c.kinds and c.advice_answer is None:
                continue  # not a new tenant
            if c.advice_answer is None:
                missing.add(estate, col, c.id)
                continue
            offered[(estate, col)].append(c.id)
            if c.advice_answer == "accepted":
                accepted[(estate, col)].append(c.id)
        rows = []
        n = len(self.years)

        def share(estates: Sequence[str], i: int) -> Cell:
            """Accepted of offered; with no answer registered at all, »ikke registreret« with the
            tenants whose answer is missing behind it (none at all: "–")."""
            whole = [x for e in estates for x in offered[(e, i)]]
            if not whole:
                waiting = tuple(sorted({x for e in estates for x in missing.cell(e, i).case_ids}))
                return Cell(None, waiting, of=0, part=0)
            return _percent_cell([x for e in estates for x in accepted[(e, i)]], whole)

        for estate in self.estates:
            cells = tuple(share([estate], i) for i in range(n))
            rows.append(Row(self.estate_label(estate), cells, key=estate, kind="percent"))
        total = tuple(share(self.estates, i) for i in range(n))
        rows.append(Row("Total", total, key="total", is_total=True, kind="percent"))
        rows.append(
            Row(
                "Tilbud registreret",
                tuple(Cell(c.of or 0, c.case_ids if c.of else ()) for c in total),
                key="offered",
            )
        )
        rows.append(
            Row(
                "Svar ikke registreret",
                tuple(_sum_cells(missing.cell(e, i) for e in self.estates) for i in range(n)),
                key="not_recorded",
            )
        )
        return Table(
            "new_tenants",
            TITLES["new_tenants"],
            DEFINITIONS["new_tenants"],
            self._year_columns(),
            tuple(rows),
        )

    def kinds(self) -> Table:
        grid = _Grid()
        at = grid.cases
        for c, _, col in self.opened:
            for kind in c.kinds:
                if kind != "all":  # a stray code cannot add the case to »I alt« twice
                    at[(kind, col)].append(c.id)
            at[("all", col)].append(c.id)
        n = len(self.years)
        rows = [Row(k.label, tuple(grid.cell(k.value, i) for i in range(n)), key=k.value) for k in CaseKind]
        rows.append(
            Row("I alt (forskellige sager)", tuple(grid.cell("all", i) for i in range(n)), "all", True)
        )
        return Table("kinds", TITLES["kinds"], DEFINITIONS["kinds"], self._year_columns(), tuple(rows))

    def activities(self) -> Table:
        grid = _Grid()
        at = grid.cases
        for c, _, col in self.opened:
            if c.activities:
                for tag in c.activities:
                    if tag != "all":
                        at[(tag, col)].append(c.id)
                at[("all", col)].append(c.id)
        n = len(self.years)
        rows = [
            Row(a.label, tuple(grid.cell(a.value, i) for i in range(n)), key=a.value) for a in ActivityTag
        ]
        rows.append(
            Row("Sager med mindst én aktivitet", tuple(grid.cell("all", i) for i in range(n)), "all", True)
        )
        return Table(
            "activities", TITLES["activities"], DEFINITIONS["activities"], self._year_columns(), tuple(rows)
        )

    def _by_year(
        self, key: str, items: Iterable[tuple[str, str, str, int]], labels: list[tuple[str, str]]
    ) -> Table:
        """A count table of ``(unit id, case id, row key, year)`` items: one row per label, and »I alt«."""
        grid = _Grid()
        at, col_of = grid.units, self.col.get
        for unit, case_id, row, year in items:
            col = col_of(year)
            if col is not None:
                at[(row, col)][unit] = case_id
                at[("total", col)][unit] = case_id
        n = len(self.years)
        rows = [Row(label, tuple(grid.cell(k, i) for i in range(n)), key=k) for k, label in labels]
        rows.append(Row("I alt", tuple(grid.cell("total", i) for i in range(n)), "total", True))
        return Table(key, TITLES[key], DEFINITIONS[key], self._year_columns(), tuple(rows))

    def courses(self) -> Table:
        wanted = self.case_ids
        items = (
            (f.id, f.case_id, f.method, f.started_on.year) for f in self.data.courses if f.case_id in wanted
        )
        return self._by_year("courses", items, [(m.value, m.label) for m in CourseMethod])

    def applications(self) -> list[Table]:
        wanted = self.case_ids
        sent = [a for a in self.data.applications if a.case_id in wanted]
        kinds = [(k.value, k.label) for k in ApplicationKind]
        decisions = [(d.value, d.label) for d in Decision]
        return [
            self._by_year("applications", ((a.id, a.case_id, a.kind, a.sent_on.year) for a in sent), kinds),
            self._by_year(
                "decisions", ((a.id, a.case_id, a.decision, a.sent_on.year) for a in sent), decisions
            ),
        ]

    def per_adviser(self) -> list[Table]:
        months = [(y, m) for y in self.years for m in range(1, 13)]
        columns = tuple(f"{m:02d}.{y}" for y, m in months)
        ends = [_month_end(y, m) for y, m in months]
        index = {ym: i for i, ym in enumerate(months)}
        n = len(months)
        # Open at a month's end: opened on or before it, not closed on or before it. Each case is an
        # interval of months [first, last); a sweep over the months keeps the cases open at each one, so
        # a month's cell is one C-level copy instead of a Python append per case and month (issue 15).
        starts: dict[str, list[list[str]]] = {}
        stops: dict[str, list[list[str]]] = {}
        new_ids: dict[str, list[list[str]]] = {}
        advisers: dict[str, str] = {}
        # A day's place, worked out once per distinct day (a few thousand, not 40,000): the first chosen
        # month ending on or after it, and the chosen month it falls in (None: not a chosen month).
        places: dict[dt.date, tuple[int, int | None]] = {}

        def place(day: dt.date) -> tuple[int, int | None]:
            found = places[day] = (bisect_left(ends, day), index.get((day.year, day.month)))
            return found

        for c in self.cases:
            who = c.adviser_id or ""
            if who not in advisers:
                advisers[who] = self.data.advisers.get(who, "Ingen rådgiver") if who else "Ingen rådgiver"
                starts[who] = [[] for _ in range(n + 1)]
                stops[who] = [[] for _ in range(n + 1)]
                new_ids[who] = [[] for _ in range(n)]
            opened, closed = c.opened_on, c.closed_on
            first, month = places.get(opened) or place(opened)
            last = n if closed is None else (places.get(closed) or place(closed))[0]
            if first < last:
                starts[who][first].append(c.id)
                stops[who][last].append(c.id)
            if month is not None:
                new_ids[who][month].append(c.id)
        open_ids: dict[str, list[tuple[str, ...]]] = {}
        for who in advisers:
            now: dict[str, None] = {}
            cells: list[tuple[str, ...]] = []
            for i in range(n):
                for case_id in stops[who][i]:
                    del now[case_id]
                now.update(dict.fromkeys(starts[who][i]))
                cells.append(tuple(now))
            open_ids[who] = cells
        order = sorted(advisers, key=lambda a: (a == "", advisers[a].casefold()))
        tables = []
        grids: tuple[tuple[str, dict[str, list[tuple[str, ...]]] | dict[str, list[list[str]]]], ...] = (
            ("open_per_adviser", open_ids),
            ("new_per_adviser", new_ids),
        )
        for key, grid in grids:
            rows = [
                Row(advisers[a], tuple(Cell(len(ids), tuple(ids)) for ids in grid[a]), key=a) for a in order
            ]
            totals = tuple(
                Cell(
                    sum(len(grid[a][i]) for a in order), tuple(chain.from_iterable(grid[a][i] for a in order))
                )
                for i in range(n)
            )
            rows.append(Row("I alt", totals, key="total", is_total=True))
            tables.append(Table(key, TITLES[key], DEFINITIONS[key], columns, tuple(rows)))
        return tables

    def cost(self, total: Table, price: EvictionCost) -> Table:
        totals = next(r for r in total.rows if r.is_total).cells
        first = totals[0].value if totals else None
        falls, money = [], []
        for cell in totals:
            if first is None or cell.value is None:
                falls.append(Cell(None))
                money.append(Cell(None))
            else:
                falls.append(Cell(first - cell.value))
                money.append(Cell((first - cell.value) * price.ore))
        rows = (
            Row("Udsættelser i alt", totals, key="total"),
            Row(f"Fald i forhold til {self.years[0]}" if self.years else "Fald", tuple(falls), key="fall"),
            Row("Sparet for udlejer", tuple(money), key="saved", kind="money"),
        )
        definition = (
            DEFINITIONS["cost"]
            + f" Pris pr. udsættelse: {_kr(price.ore)} (kilde: {price.source}; prisniveau {price.price_year})."
        )
        return Table("cost", TITLES["cost"], definition, self._year_columns(), rows)


def _kr(ore: int) -> str:
    from boligdesk.budget.money import Money

    return Money(ore).format()


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _percent_cell(part: Sequence[str], whole: Sequence[str]) -> Cell:
    ids = tuple(sorted(set(part)))
    if not whole:
        return Cell(None, (), of=0, part=0)
    return Cell(percent(len(set(part)), len(set(whole))), ids, of=len(set(whole)), part=len(set(part)))


def _change(cells: Sequence[Cell]) -> Cell | None:
    if len(cells) < 2:
        return None
    return Cell(change_percent(cells[0].value, cells[-1].value))


def build_report(
    data: StatsInput,
    years: Sequence[int],
    estate_ids: Sequence[str] | None = None,
    *,
    cost: EvictionCost | None = None,
) -> StatsReport:
    """All tables for ``years`` (ascending) and the chosen estates (None: every estate)."""
    years = sorted(set(years))
    price = cost or EvictionCost()
    b = _Builder(data, years, estate_ids)
    moved, evicted, total = b.eviction_tables()
    terminations, _ = b.terminations()
    tables = [
        moved,
        evicted,
        total,
        terminations,
        b.contact(),
        b.meetings(),
        b.arrears(),
        b.plans(),
        b.new_tenants(),
        b.kinds(),
        b.activities(),
        b.courses(),
        *b.applications(),
        *b.per_adviser(),
        b.cost(total, price),
    ]
    return StatsReport(
        years=tuple(years),
        estate_ids=b.estates,
        estate_names=tuple(b.estate_label(e) for e in b.estates),
        tables=tuple(tables),
        cost=price,
    )
