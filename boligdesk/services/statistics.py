"""``desk.statistics``: the management figures, the counts entered by hand, the registrations the figures
need, the data horizon and the team leader's overview (issue 13).

The counting is pure (:mod:`boligdesk.reports.figures`); this service loads the rows
(:mod:`boligdesk.services.statistics_load`) and keeps what the user enters.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import func, select

from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.budget.vocabulary import AdviceOfferAnswer, ArrearsCoveredBy, StatsExclusion
from boligdesk.errors import UserInputError
from boligdesk.models import Adviser, AuditEvent, Case, Estate, Setting, StatBaseline
from boligdesk.models.statistics import baseline_id
from boligdesk.reports.facts import BASELINE_FIGURES, BaselineFact, StatsInput
from boligdesk.reports.figures import EvictionCost, StatsReport, build_report
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live
from boligdesk.services.progress import Progress
from boligdesk.services.statistics_load import estate_names, gc_paused, load_input
from boligdesk.services.values import optional_enum

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

COST_SETTING = "statistics.eviction_cost"
#: The team's own number of days (a synced setting): a laptop not heard from for longer is named.
STALE_SETTING = "sync.stale_days"
STALE_RANGE = (1, 365)
FIRST_YEAR, LAST_YEAR = 1990, 2100
#: A laptop whose latest change is older than this many days is named in the data horizon (the default
#: of the team setting :data:`STALE_SETTING`).
STALE_DAYS = 14
#: The team leader's overview names open cases without a contact attempt for this many days.
NO_CONTACT_DAYS = 30

RegistrationField = Literal["stats_excluded", "advice_offer_answer", "arrears_covered_by"]
_FIELD_ENUMS = {
    "stats_excluded": StatsExclusion,
    "advice_offer_answer": AdviceOfferAnswer,
    "arrears_covered_by": ArrearsCoveredBy,
}


@dataclass(frozen=True, slots=True)
class StatsRegistration:
    stats_excluded: StatsExclusion | None
    advice_offer_answer: AdviceOfferAnswer | None
    arrears_covered_by: ArrearsCoveredBy | None
    arrears_covered: bool | None


@dataclass(frozen=True, slots=True)
class Laptop:
    device: str
    last_change: dt.datetime
    by: str
    stale: bool


@dataclass(frozen=True, slots=True)
class DataHorizon:
    """How complete the figures are: the latest change received from each laptop."""

    laptops: tuple[Laptop, ...]
    stale_days: int
    this_device: str

    def lines(self) -> list[str]:
        if not self.laptops:
            return ["Der er endnu ingen ændringer fra nogen computer."]
        lines = []
        for lap in self.laptops:
            who = f" ({lap.by})" if lap.by else ""
            here = " — denne computer" if lap.device == self.this_device else ""
            lines.append(
                f"Computer {lap.device[:8]}{who}{here}: seneste ændring {lap.last_change:%d.%m.%Y %H:%M}"
            )
        stale = [lap for lap in self.laptops if lap.stale]
        if stale:
            names = ", ".join(f"{lap.device[:8]}" + (f" ({lap.by})" if lap.by else "") for lap in stale)
            lines.append(
                f"Ikke synkroniseret i mere end {self.stale_days} dage: {names}. Tallene mangler det, der er "
                "registreret der siden."
            )
        else:
            lines.append(f"Alle computere har synkroniseret inden for {self.stale_days} dage.")
        return lines


@dataclass(frozen=True, slots=True)
class AdviserOverview:
    adviser_id: str
    name: str
    open_ids: tuple[str, ...]
    new_this_month_ids: tuple[str, ...]
    deadline_passed_ids: tuple[str, ...]
    deadline_soon_ids: tuple[str, ...]
    missed_instalment_ids: tuple[str, ...]
    no_contact_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaseOutcomeFacts:
    outcome: str | None
    closed_on: dt.date | None
    termination_on: dt.date | None
    #: Why the case is left out of the statistics (husorden, renovation), None when it counts.
    excluded: str | None = None


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserInputError(
            "year", "stats.year_invalid", f"Året skal ligge mellem {FIRST_YEAR} og {LAST_YEAR}."
        )


class StatisticsService:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    # ------------------------------------------------------------------------------------ figures
    def load(self, progress: Progress | None = None) -> StatsInput:
        with self._desk.reading() as s:
            return load_input(s, progress)

    def report(
        self, years: Sequence[int], estate_ids: Sequence[str] | None = None, progress: Progress | None = None
    ) -> StatsReport:
        """Every table for ``years`` and the chosen estates (None: all). Safe off the GUI thread."""
        if not years:
            raise UserInputError("years", "stats.no_years", "Vælg mindst ét år.")
        for year in years:
            _check_year(year)
        if estate_ids is not None and not estate_ids:
            raise UserInputError("estates", "stats.no_estates", "Vælg mindst én afdeling.")
        cost = self.eviction_cost()
        with gc_paused():
            return build_report(self.load(progress), years, estate_ids, cost=cost)

    def estates(self) -> dict[str, str]:
        """Estate id → display name, by name."""
        with self._desk.reading() as s:
            return estate_names(s)

    def years_with_data(self) -> tuple[int, int]:
        """The first and last year any case was opened or terminated (this year when none)."""
        with self._desk.reading() as s:
            low, high = s.execute(
                select(func.min(Case.opened_on), func.max(Case.opened_on)).where(Case.deleted.is_(False))
            ).one()
            base_low, base_high = s.execute(
                select(func.min(StatBaseline.year), func.max(StatBaseline.year)).where(
                    StatBaseline.deleted.is_(False)
                )
            ).one()
        this = self._desk.today().year
        firsts = [d.year for d in (low,) if d] + ([base_low] if base_low else [])
        lasts = [d.year for d in (high,) if d] + ([base_high] if base_high else [])
        return (min(firsts, default=this), max([*lasts, this]))

    def case_outcomes(self) -> dict[str, CaseOutcomeFacts]:
        """Outcome, closing date, termination date and exclusion of every live case (``boligdesk cases
        --json``): what an outside check of the figures needs."""
        with self._desk.reading() as s:
            rows = s.execute(
                select(Case.id, Case.outcome, Case.closed_on, Case.termination_on, Case.stats_excluded).where(
                    Case.deleted.is_(False)
                )
            )
            return {
                cid: CaseOutcomeFacts(
                    outcome.value if outcome else None,
                    closed,
                    terminated,
                    excluded.value if excluded else None,
                )
                for cid, outcome, closed, terminated, excluded in rows
            }

    # ------------------------------------------------------------------------------- baselines
    def baselines(self) -> list[BaselineFact]:
        with self._desk.reading() as s:
            rows = s.scalars(select(StatBaseline).where(StatBaseline.deleted.is_(False)))
            return sorted(
                (BaselineFact(b.estate_id, b.year, b.figure, b.count, b.note) for b in rows),
                key=lambda b: (b.year, b.estate_id, b.figure),
            )

    def set_baseline(
        self, estate_id: str, year: int, figure: str, count: int | None, note: str = ""
    ) -> Changes:
        """Enter a historical count (``count`` None: remove it). One row per (estate, year, figure)."""
        _check_year(year)
        if figure not in BASELINE_FIGURES:
            raise UserInputError("figure", "stats.figure_unknown", "Der kan ikke indtastes tal for det tal.")
        if count is not None and not 0 <= count <= 100_000:
            raise UserInputError(
                "count", "stats.count_invalid", "Antallet skal være et helt tal fra 0 til 100.000."
            )
        note = note.strip()
        if len(note) > 500:
            raise UserInputError("note", "text.too_long", "Noten er for lang (højst 500 tegn).")
        row_id = baseline_id(estate_id, year, figure)
        with self._desk.writing() as s:
            live(s, Estate, estate_id)
            row = s.get(StatBaseline, row_id)
            if count is None:
                if row is not None:
                    row.deleted = True
            elif row is None:
                s.add(
                    StatBaseline(
                        id=row_id,
                        estate_id=estate_id,
                        year=year,
                        figure=figure,
                        count=count,
                        note=note,
                        entered_by=self._desk.adviser_name,
                    )
                )
            else:
                row.deleted = False
                row.count, row.note, row.entered_by = count, note, self._desk.adviser_name
        return Changes.of(None, Part.SETTINGS)

    # ------------------------------------------------------------------------------ eviction cost
    def eviction_cost(self) -> EvictionCost:
        with self._desk.reading() as s:
            row = s.scalars(
                select(Setting).where(Setting.key == COST_SETTING, Setting.deleted.is_(False))
            ).first()
            raw = row.value if row is not None else "null"
        try:
            data = json.loads(raw)
            return EvictionCost(int(data["ore"]), str(data["source"]), int(data["price_year"]))
        except (TypeError, ValueError, KeyError):
            return EvictionCost()

    def set_eviction_cost(self, ore: int, source: str, price_year: int) -> Changes:
        from boligdesk.services.letters import setting_id

        if not 0 < ore <= 100_000_000:
            raise UserInputError("ore", "stats.cost_invalid", "Prisen skal være mellem 0,01 og 1.000.000 kr.")
        source = source.strip()
        if not source:
            raise UserInputError("source", "stats.cost_source", "Skriv kilden til prisen for én udsættelse.")
        _check_year(price_year)
        value = json.dumps({"ore": ore, "source": source, "price_year": price_year}, ensure_ascii=False)
        with self._desk.writing() as s:
            row = s.get(Setting, setting_id(COST_SETTING))
            if row is None:
                s.add(Setting(id=setting_id(COST_SETTING), key=COST_SETTING, value=value))
            else:
                row.value, row.deleted = value, False
        return Changes.of(None, Part.SETTINGS)

    # ------------------------------------------------------------------------ registrations on a case
    def registration(self, case_id: str) -> StatsRegistration:
        with self._desk.reading() as s:
            c = live(s, Case, case_id)
            return StatsRegistration(
                c.stats_excluded, c.advice_offer_answer, c.arrears_covered_by, c.arrears_covered
            )

    def set_registration(self, case_id: str, field: RegistrationField, value: object) -> Changes:
        """Set one of the registrations the statistics need (None clears it)."""
        clean = optional_enum(value, _FIELD_ENUMS[field], field)
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            setattr(case, field, clean)
            if field == "arrears_covered_by" and clean is not None:
                case.arrears_covered = True
        return Changes.of(case_id, Part.CLOSING, Part.CASE)

    # ------------------------------------------------------------------------------ data horizon
    def stale_days(self) -> int:
        """After how many days without news a laptop is named as not synchronised (a team setting,
        synced like the eviction cost; :data:`STALE_DAYS` until the team sets it)."""
        with self._desk.reading() as s:
            row = s.scalars(
                select(Setting).where(Setting.key == STALE_SETTING, Setting.deleted.is_(False))
            ).first()
            raw = row.value if row is not None else ""
        try:
            days = int(raw)
        except ValueError:
            return STALE_DAYS
        return days if STALE_RANGE[0] <= days <= STALE_RANGE[1] else STALE_DAYS

    def set_stale_days(self, days: int) -> Changes:
        """Set the team's number of days (1–365); every laptop gets it at its next sync."""
        from boligdesk.services.letters import setting_id

        low, high = STALE_RANGE
        if isinstance(days, bool) or not isinstance(days, int) or not low <= days <= high:
            raise UserInputError(
                "stale_days", "stats.stale_days", f"Antal dage skal være et helt tal fra {low} til {high}."
            )
        with self._desk.writing() as s:
            row = s.get(Setting, setting_id(STALE_SETTING))
            if row is None:
                s.add(Setting(id=setting_id(STALE_SETTING), key=STALE_SETTING, value=str(days)))
            else:
                row.value, row.deleted = str(days), False
        return Changes.of(None, Part.SETTINGS)

    def horizon(self, stale_days: int | None = None) -> DataHorizon:
        """The latest change received from each laptop (from the audit rows every change writes); a laptop
        older than ``stale_days`` (None: the team setting, :meth:`stale_days`) is named."""
        if stale_days is None:
            stale_days = self.stale_days()
        now = dt.datetime.combine(self._desk.today(), dt.time(23, 59))
        with self._desk.reading() as s:
            latest = s.execute(
                select(AuditEvent.device, func.max(AuditEvent.at))
                .where(AuditEvent.device != "")
                .group_by(AuditEvent.device)
            ).all()
            laptops = []
            for device, at in latest:
                by = s.scalars(
                    select(AuditEvent.actor).where(AuditEvent.device == device, AuditEvent.at == at)
                ).first()
                laptops.append(Laptop(device, at, by or "", (now - at).days > stale_days))
        laptops.sort(key=lambda lap: lap.last_change, reverse=True)
        return DataHorizon(tuple(laptops), stale_days, self._desk.device_id)

    # ------------------------------------------------------------------------- team leader's overview
    def team_overview(self, no_contact_days: int = NO_CONTACT_DAYS) -> list[AdviserOverview]:
        """Per adviser: open cases, new this month, deadlines passed or within 7 days, missed instalments,
        open cases without a contact attempt for ``no_contact_days`` days (or ever)."""
        today = self._desk.today()
        with gc_paused():
            data = self.load()
        deadlines = self._desk.frister.rows()
        by_case = {c.id: c for c in data.cases}
        groups: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for c in data.cases:
            if c.closed_on is not None:
                continue
            g = groups[c.adviser_id or ""]
            g["open"].add(c.id)
            if (c.opened_on.year, c.opened_on.month) == (today.year, today.month):
                g["new"].add(c.id)
            # no attempt for N days (a case younger than N days without any attempt is not late yet)
            since = c.last_attempt_on or c.opened_on
            if (today - since).days > no_contact_days:
                g["no_contact"].add(c.id)
        for d in deadlines:
            fact = by_case.get(d.case_id)
            if fact is None:
                continue
            g = groups[fact.adviser_id or ""]
            if d.kind == DeadlineKind.MISSED_INSTALMENT:
                g["missed"].add(d.case_id)
            elif d.days_left < 0 and d.urgency.value == 0:
                g["passed"].add(d.case_id)
            elif 0 <= d.days_left <= 7:
                g["soon"].add(d.case_id)
        with self._desk.reading() as s:
            names = dict(s.execute(select(Adviser.id, Adviser.name)).all())
        result = []
        for adviser_id, g in groups.items():
            result.append(
                AdviserOverview(
                    adviser_id,
                    str(names.get(adviser_id, "")) or "Ingen rådgiver",
                    *(tuple(sorted(g[k])) for k in ("open", "new", "passed", "soon", "missed", "no_contact")),
                )
            )
        return sorted(result, key=lambda a: (a.adviser_id == "", a.name.casefold()))

    # ---------------------------------------------------------------------------------------- export
    def export(
        self,
        report: StatsReport,
        fmt: Literal["pdf", "xlsx"],
        *,
        threshold: int = 0,
        stale_days: int | None = None,
    ) -> bytes:
        """The report as PDF or XLSX bytes (counts only), suppressed below ``threshold`` (0: exact), with
        the data horizon, who made it and when. Records one export event."""
        from boligdesk.budget.vocabulary import AuditAction
        from boligdesk.reports.export import ReportMeta, period_text, stats_pdf, stats_xlsx
        from boligdesk.reports.present import suppress_report

        if not 0 <= threshold <= 100:
            raise UserInputError(
                "threshold", "stats.threshold", "Grænsen skal være et helt tal fra 0 til 100."
            )
        shown = suppress_report(report, threshold)
        meta = ReportMeta(
            made_by=self._desk.adviser_name,
            made_on=self._desk.today(),
            horizon=tuple(self.horizon(stale_days).lines()),
            threshold=threshold,
            organisation=self._desk.letters.letterhead().organisation,
        )
        data = stats_pdf(shown, meta) if fmt == "pdf" else stats_xlsx(shown, meta)
        detail = f"statistik {period_text(report)} {fmt}" + (
            f" (skjult under {threshold})" if threshold > 1 else ""
        )
        self._desk.record(AuditAction.EXPORT, "statistics", "", case_id=None, detail=detail)
        return data

    def write_export(self, path: Path, data: bytes) -> None:
        """Write an export atomically; an OS problem becomes a Danish message."""
        from boligdesk.models.atomic import atomic_write_bytes
        from boligdesk.services.files import os_error_message

        try:
            atomic_write_bytes(path, data, what="Statistikfilen")
        except OSError as exc:
            raise os_error_message(exc, "Statistikfilen") from exc
