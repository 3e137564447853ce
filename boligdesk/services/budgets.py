"""``desk.budget``: a case's budgets — versions, lines, totals, the household's norm and the warnings.

* A budget belongs to a case and is dated (``made_on``). The **newest** budget of a case is the one
  with the latest date (ties: the one created last). A new version starts as a copy of the newest;
  older versions stay readable and editable.
* Lines are validated (:func:`validate_line`) before anything is saved; a deleted line is a tombstone.
* Every change is one short transaction (:meth:`Desk.writing`); the store's flush hook writes the audit
  rows (ids and field names only) and every write returns the :class:`Changes` it made
  (``Part.BUDGET``), or :class:`Created` when it made a row.

Plain frozen dataclasses leave this module (:class:`~boligdesk.budget.lines.LineData`,
:class:`BudgetView`, …) — never live ORM objects. The functions taking a ``Session`` are the reads other
services compose inside their own session (the repayment plan's budget room, the printout).

Receipts are in :mod:`boligdesk.services.receipts`, envelope plans in
:mod:`boligdesk.services.envelopes` and the printouts in :mod:`boligdesk.services.budget_print`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boligdesk.budget import categories as cats
from boligdesk.budget.frequency import FREQUENCIES, MONTHLY
from boligdesk.budget.household import HouseholdPerson
from boligdesk.budget.lines import BudgetTotals, LineData, compute_totals, need_for
from boligdesk.budget.money import Money
from boligdesk.budget.norms import HouseholdNorm, household_norm
from boligdesk.budget.vocabulary import Frequency, LineKind, MemberRole, Need
from boligdesk.budget.warnings import BudgetWarning, budget_warnings, grown_children
from boligdesk.errors import UserInputError
from boligdesk.models import Budget, BudgetLine, Case, HouseholdMember
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import live
from boligdesk.services.rates import rate_book

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

TEXT_MAX = 200
ZERO = Money(0)


# --- plain data leaving the service -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BudgetVersion:
    """One budget of a case for the version picker (newest first)."""

    id: str
    made_on: dt.date
    title: str
    made_by: str
    copied_from_id: str | None
    line_count: int
    is_latest: bool


@dataclass(frozen=True, slots=True)
class BudgetView:
    id: str
    case_id: str
    case_number: str
    made_on: dt.date
    title: str
    note: str
    made_by: str
    copied_from_id: str | None
    lines: tuple[LineData, ...]

    @property
    def totals(self) -> BudgetTotals:
        return compute_totals(self.lines)


@dataclass(frozen=True, slots=True)
class BudgetAnalysis:
    """Everything the Budget tab and the printout show beside the lines."""

    budget: BudgetView
    totals: BudgetTotals
    norm: HouseholdNorm
    warnings: tuple[BudgetWarning, ...]


@dataclass(frozen=True, slots=True)
class Household:
    """The household as the rules see it; ``pays_in[i]`` says whether ``people[i]`` pays in."""

    people: tuple[HouseholdPerson, ...]
    pays_in: tuple[bool, ...]

    def grown_children_not_paying(self, on: dt.date) -> int:
        grown = {id(p) for p in grown_children(self.people, on)}
        return sum(
            1 for p, pays in zip(self.people, self.pays_in, strict=True) if id(p) in grown and not pays
        )


# --- validation and new lines --------------------------------------------------------------------------
def validate_line(line: LineData, *, stored_category: str | None = None) -> None:
    """Raise :class:`UserInputError` (Danish message, field named) for a line that cannot be saved.

    A category code this version does not know (e.g. from a newer laptop, via sync) is accepted when it
    is the line's ``stored_category`` — editing the amount must not be blocked by it.
    """
    if line.kind not in (cats.INCOME, cats.EXPENSE):
        raise UserInputError("kind", "line.kind", "Vælg om posten er en indtægt eller en udgift.")
    kept_unknown = (
        stored_category is not None and line.category == stored_category and not cats.is_known(line.category)
    )
    if not cats.is_known(line.category) and not kept_unknown:
        raise UserInputError("category", "line.category_unknown", "Vælg en kategori på listen.")
    category = cats.category(line.category)
    if not kept_unknown and category.kind != line.kind:
        what = "en indtægt" if category.kind == cats.INCOME else "en udgift"
        raise UserInputError(
            "category",
            "line.category_kind",
            f"Kategorien »{category.label}« er {what}. Vælg en anden kategori eller skift type.",
        )
    if line.amount.is_negative():
        raise UserInputError("amount", "money.negative", "Beløbet kan ikke være negativt.")
    if line.frequency not in FREQUENCIES:
        raise UserInputError("frequency", "line.frequency", "Vælg hvor ofte beløbet betales.")
    if line.need is not None and line.need not in (cats.NEED, cats.NICE):
        raise UserInputError("need", "line.need", "Vælg need to have eller nice to have.")
    if len(line.text) > TEXT_MAX:
        raise UserInputError("text", "line.text_too_long", f"Teksten må højst være {TEXT_MAX} tegn.")


def new_line(
    category_code: str, amount: Money = ZERO, *, text: str = "", frequency: str = MONTHLY
) -> LineData:
    """A line for ``category_code`` with the category's defaults (kind, need/nice, daily money)."""
    category = cats.category(category_code)
    return LineData(
        kind=category.kind,
        category=category.code,
        text=text or category.label,
        amount=amount,
        frequency=frequency,
        need=category.default_need,
        is_daily_money=category.daily_money,
    )


def _apply(row: BudgetLine, line: LineData) -> None:
    row.kind = LineKind(line.kind)
    row.category = line.category
    row.text = line.text.strip()
    row.amount = line.amount
    row.frequency = Frequency(line.frequency)
    need = need_for(line.kind, line.need)
    row.need = Need(need) if need is not None else None
    row.is_daily_money = line.is_daily_money and line.kind == cats.EXPENSE
    row.note = line.note


# --- reads inside a session (composed by other services) -------------------------------------------------
def _line_rows(session: Session, budget_id: str) -> list[BudgetLine]:
    return list(
        session.scalars(
            select(BudgetLine)
            .where(BudgetLine.budget_id == budget_id, BudgetLine.deleted.is_(False))
            .order_by(BudgetLine.sort_order, BudgetLine.created_at)
        )
    )


def _line_data(row: BudgetLine) -> LineData:
    return LineData(
        kind=row.kind.value,
        category=row.category,
        text=row.text,
        amount=row.amount,
        frequency=row.frequency.value,
        need=row.need.value if row.need is not None else None,
        is_daily_money=row.is_daily_money,
        note=row.note,
        id=row.id,
    )


def _ordered_lines(rows: Sequence[BudgetLine]) -> tuple[LineData, ...]:
    """Income lines first, then expenses; within each kind in the order they were entered."""
    data = [_line_data(r) for r in rows]
    return tuple([d for d in data if d.is_income] + [d for d in data if not d.is_income])


def _budgets_newest_first(session: Session, case_id: str) -> list[Budget]:
    return list(
        session.scalars(
            select(Budget)
            .where(Budget.case_id == case_id, Budget.deleted.is_(False))
            .order_by(Budget.made_on.desc(), Budget.created_at.desc(), Budget.id.desc())
        )
    )


def latest_budget_id(session: Session, case_id: str) -> str | None:
    budgets = _budgets_newest_first(session, case_id)
    return budgets[0].id if budgets else None


def load_budget(session: Session, budget_id: str) -> BudgetView:
    budget = live(session, Budget, budget_id)
    case = live(session, Case, budget.case_id)
    return BudgetView(
        id=budget.id,
        case_id=budget.case_id,
        case_number=case.number,
        made_on=budget.made_on,
        title=budget.title,
        note=budget.note,
        made_by=budget.made_by,
        copied_from_id=budget.copied_from_id,
        lines=_ordered_lines(_line_rows(session, budget.id)),
    )


def budget_totals(session: Session, budget_id: str) -> BudgetTotals:
    return compute_totals(_line_data(r) for r in _line_rows(session, budget_id))


def latest_budget_totals(session: Session, case_id: str) -> tuple[str, BudgetTotals] | None:
    """Budget id and totals of the case's newest non-deleted budget, or None when it has none."""
    budget_id = latest_budget_id(session, case_id)
    if budget_id is None:
        return None
    return budget_id, budget_totals(session, budget_id)


def household_for_case(session: Session, case_id: str) -> Household:
    """The case's household members as the norm and warning rules see them."""
    case = live(session, Case, case_id)
    tenant_only = Household((HouseholdPerson(case.tenant.full_name, case.tenant.birth_date),), (False,))
    if case.household_id is None:
        return tenant_only
    members = list(
        session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.household_id == case.household_id, HouseholdMember.deleted.is_(False))
            .order_by(HouseholdMember.sort_order)
        )
    )
    if not members:
        return tenant_only
    people = tuple(HouseholdPerson(m.name, m.birth_date, m.role is MemberRole.CHILD) for m in members)
    return Household(people, tuple(m.pays_in for m in members))


def analyse_budget(session: Session, budget_id: str) -> BudgetAnalysis:
    """The budget with its totals, the household's norm on the budget's date and the warnings."""
    view = load_budget(session, budget_id)
    household = household_for_case(session, view.case_id)
    totals = view.totals
    book = rate_book(session)
    norm = household_norm(household.people, view.made_on, book=book)
    warnings = budget_warnings(
        totals,
        household.people,
        view.made_on,
        norm=norm,
        grown_children_not_paying=household.grown_children_not_paying(view.made_on),
        book=book,
    )
    return BudgetAnalysis(view, totals, norm, tuple(warnings))


def _has_children(session: Session, case: Case) -> bool:
    if case.household_id is None:
        return False
    count = session.scalar(
        select(func.count())
        .select_from(HouseholdMember)
        .where(
            HouseholdMember.household_id == case.household_id,
            HouseholdMember.deleted.is_(False),
            HouseholdMember.role == MemberRole.CHILD,
        )
    )
    return bool(count)


def add_line_rows(session: Session, budget: Budget, lines: Iterable[LineData]) -> list[str]:
    """Append validated ``lines`` after the budget's last line (inside the caller's write). Their ids."""
    highest = session.scalar(
        select(func.max(BudgetLine.sort_order)).where(
            BudgetLine.budget_id == budget.id, BudgetLine.deleted.is_(False)
        )
    )
    order = highest if highest is not None else -1
    rows: list[BudgetLine] = []
    for line in lines:
        order += 1
        row = BudgetLine(budget_id=budget.id, sort_order=order)
        _apply(row, line)
        session.add(row)
        rows.append(row)
    session.flush()
    return [row.id for row in rows]


# --- the service ---------------------------------------------------------------------------------------
class BudgetService:
    """``desk.budget``: budget versions, their lines, totals, the household's norm and the warnings."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    # ----------------------------------------------------------------------------------------- reads
    def versions(self, case_id: str) -> list[BudgetVersion]:
        """The case's budgets, newest first."""
        with self._desk.reading() as s:
            budgets = _budgets_newest_first(s, case_id)
            rows = s.execute(
                select(BudgetLine.budget_id, func.count())
                .where(BudgetLine.budget_id.in_([b.id for b in budgets]), BudgetLine.deleted.is_(False))
                .group_by(BudgetLine.budget_id)
            ).all()
            counts: dict[str, int] = {str(budget_id): int(count) for budget_id, count in rows}
            return [
                BudgetVersion(
                    id=b.id,
                    made_on=b.made_on,
                    title=b.title,
                    made_by=b.made_by,
                    copied_from_id=b.copied_from_id,
                    line_count=int(counts.get(b.id, 0)),
                    is_latest=i == 0,
                )
                for i, b in enumerate(budgets)
            ]

    def latest_id(self, case_id: str) -> str | None:
        """The id of the case's newest budget, or ``None`` when it has none."""
        with self._desk.reading() as s:
            return latest_budget_id(s, case_id)

    def load(self, budget_id: str) -> BudgetView:
        with self._desk.reading() as s:
            return load_budget(s, budget_id)

    def totals(self, budget_id: str) -> BudgetTotals:
        with self._desk.reading() as s:
            live(s, Budget, budget_id)
            return budget_totals(s, budget_id)

    def latest_totals(self, case_id: str) -> tuple[str, BudgetTotals] | None:
        """Budget id and totals of the case's newest budget, or ``None`` when it has none."""
        with self._desk.reading() as s:
            return latest_budget_totals(s, case_id)

    def household(self, case_id: str) -> Household:
        """The case's household as the norm and the warnings see it."""
        with self._desk.reading() as s:
            return household_for_case(s, case_id)

    def norm(self, case_id: str, on: dt.date) -> HouseholdNorm:
        """The reference norm (rådighedssats) for the case's household on ``on``."""
        return household_norm(self.household(case_id).people, on, book=self._desk.rates.book())

    def analyse(self, budget_id: str) -> BudgetAnalysis:
        """The budget with its totals, the household's norm on the budget's date and the warnings."""
        with self._desk.reading() as s:
            return analyse_budget(s, budget_id)

    # ---------------------------------------------------------------------------------------- budgets
    def create(self, case_id: str, *, made_on: dt.date | None = None, title: str = "") -> Created:
        """A new budget for the case with the default form rows; the rent comes from the tenancy."""
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            budget = Budget(
                case_id=case.id,
                made_on=made_on or self._desk.today(),
                title=title,
                made_by=self._desk.adviser_name,
            )
            s.add(budget)
            s.flush()
            rent = case.tenancy.rent if case.tenancy is not None and not case.tenancy.deleted else ZERO
            starters = cats.starter_categories(has_children=_has_children(s, case))
            add_line_rows(
                s, budget, (new_line(c.code, rent if c.code == cats.RENT else ZERO) for c in starters)
            )
            return Created(budget.id, Changes.of(case.id, Part.BUDGET))

    def copy(self, budget_id: str, *, made_on: dt.date | None = None) -> Created:
        """A new version that starts as a copy of ``budget_id`` (the old one is left untouched)."""
        case_id = self._case_of(budget_id)
        with self._desk.writing(case_id) as s:
            source = live(s, Budget, budget_id)
            budget = Budget(
                case_id=source.case_id,
                made_on=made_on or self._desk.today(),
                title=source.title,
                note=source.note,
                copied_from_id=source.id,
                made_by=self._desk.adviser_name,
            )
            s.add(budget)
            s.flush()
            for row in _line_rows(s, source.id):
                s.add(
                    BudgetLine(
                        budget_id=budget.id,
                        kind=row.kind,
                        category=row.category,
                        text=row.text,
                        amount=row.amount,
                        frequency=row.frequency,
                        need=row.need,
                        is_daily_money=row.is_daily_money,
                        note=row.note,
                        sort_order=row.sort_order,
                    )
                )
            return Created(budget.id, Changes.of(source.case_id, Part.BUDGET))

    def new_version_from_latest(self, case_id: str, *, made_on: dt.date | None = None) -> Created:
        """ "Nyt budget (kopi af seneste)": a copy of the newest budget, or a fresh one if there is none."""
        latest = self.latest_id(case_id)
        if latest is None:
            return self.create(case_id, made_on=made_on)
        return self.copy(latest, made_on=made_on)

    def update_info(
        self,
        budget_id: str,
        *,
        made_on: dt.date | None = None,
        title: str | None = None,
        note: str | None = None,
    ) -> Changes:
        """Change a budget's date, title or note (only the given ones)."""
        if title is not None and len(title) > TEXT_MAX:
            raise UserInputError("title", "budget.title_too_long", f"Titlen må højst være {TEXT_MAX} tegn.")
        case_id = self._case_of(budget_id)
        with self._desk.writing(case_id) as s:
            budget = live(s, Budget, budget_id)
            if made_on is not None:
                budget.made_on = made_on
            if title is not None:
                budget.title = title.strip()
            if note is not None:
                budget.note = note
        return Changes.of(case_id, Part.BUDGET)

    def delete(self, budget_id: str) -> Changes:
        """Tombstone a budget version and its lines."""
        case_id = self._case_of(budget_id)
        with self._desk.writing(case_id) as s:
            budget = live(s, Budget, budget_id)
            budget.deleted = True
            for row in _line_rows(s, budget.id):
                row.deleted = True
        return Changes.of(case_id, Part.BUDGET)

    # ------------------------------------------------------------------------------------------ lines
    def add_line(self, budget_id: str, line: LineData) -> Created:
        """Validate and append a line to the budget."""
        return self.add_lines(budget_id, [line])[0]

    def add_lines(self, budget_id: str, lines: Sequence[LineData]) -> list[Created]:
        """Validate every line, then append them all to the budget in one transaction."""
        for line in lines:
            validate_line(line)
        case_id = self._case_of(budget_id)
        with self._desk.writing(case_id) as s:
            ids = add_line_rows(s, live(s, Budget, budget_id), lines)
        changes = Changes.of(case_id, Part.BUDGET)
        return [Created(line_id, changes) for line_id in ids]

    def save_line(self, line: LineData) -> Changes:
        """Validate and save every field of an existing line (``line.id``)."""
        case_id = self._case_of_line(line.id)
        with self._desk.writing(case_id) as s:
            row = live(s, BudgetLine, line.id)
            validate_line(line, stored_category=row.category)
            _apply(row, line)
        return Changes.of(case_id, Part.BUDGET)

    def delete_line(self, line_id: str) -> Changes:
        """Tombstone a line (a line already gone changes nothing)."""
        with self._desk.reading() as s:
            row = s.get(BudgetLine, line_id)
            if row is None or row.deleted:
                return Changes.none()
        case_id = self._case_of_line(line_id)
        with self._desk.writing(case_id) as s:
            live(s, BudgetLine, line_id).deleted = True
        return Changes.of(case_id, Part.BUDGET)

    # ---------------------------------------------------------------------------------------- helpers
    def _case_of(self, budget_id: str) -> str:
        """The case of a live budget (its lines have no case column: the audit rows need it)."""
        with self._desk.reading() as s:
            return live(s, Budget, budget_id).case_id

    def _case_of_line(self, line_id: str) -> str:
        with self._desk.reading() as s:
            return live(s, Budget, live(s, BudgetLine, line_id).budget_id).case_id
