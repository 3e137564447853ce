"""``desk.budget_print``: the budget and the envelope sheets as PDFs, recorded on the case.

Every PDF made for printing or saving is recorded as a :class:`GeneratedLetter` on the case (the PDF,
its SHA-256, who and when) and a PRINT event is recorded through :meth:`Desk.record`; a preview
(``record=False``) is not. A recorded PDF comes back with ``Changes`` of ``Part.LETTERS`` (the case's
letters list shows it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.categories import category_label
from boligdesk.budget.household import is_child_on
from boligdesk.budget.money import Money
from boligdesk.budget.norms import age_or_none
from boligdesk.budget.vocabulary import AuditAction, PlanStatus
from boligdesk.errors import UserInputError
from boligdesk.letters.budget_pdf import BudgetPrint, render_budget_pdf
from boligdesk.letters.envelopes_pdf import EnvelopesPrint, render_envelopes_pdf
from boligdesk.letters.letterhead import SETTING_KEY, Letterhead
from boligdesk.models import Case, GeneratedLetter, RepaymentPlan, Setting
from boligdesk.models.base import entity_name
from boligdesk.services.budgets import analyse_budget, household_for_case, latest_budget_id, load_budget
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live
from boligdesk.services.envelopes import latest_envelope_plan, load_envelope_plan

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

BUDGET_TEMPLATE = "budget"
ENVELOPES_TEMPLATE = "envelopes"


@dataclass(frozen=True, slots=True)
class Printed:
    """A PDF and what recording it changed (nothing for a preview)."""

    pdf: bytes
    changes: Changes


def _organisation(session: Session) -> str:
    row = session.scalars(
        select(Setting).where(Setting.key == SETTING_KEY, Setting.deleted.is_(False))
    ).first()
    return Letterhead.from_json(row.value if row is not None else None).organisation


def _case_id_for_number(session: Session, case_number: str) -> str:
    case_id = session.scalars(
        select(Case.id).where(Case.number == case_number.strip(), Case.deleted.is_(False))
    ).first()
    if case_id is None:
        raise UserInputError("case", "case.number_unknown", f"Der er ingen sag med nummeret {case_number}.")
    return case_id


def _members_text(session: Session, case_id: str, on: dt.date) -> tuple[str, ...]:
    household = household_for_case(session, case_id)
    texts: list[str] = []
    for person in household.people:
        name = person.name.strip() or ("Barn" if person.is_child else "Voksen")
        if is_child_on(person, on):
            age = age_or_none(person, on)
            texts.append(f"{name} ({age} år)" if age is not None else f"{name} (barn)")
        else:
            texts.append(name)
    return tuple(texts)


def _agreed_instalment(session: Session, case_id: str) -> Money | None:
    """The monthly instalment of the case's active repayment plan (the newest one), or None."""
    instalment = session.scalars(
        select(RepaymentPlan.instalment)
        .where(
            RepaymentPlan.case_id == case_id,
            RepaymentPlan.status == PlanStatus.ACTIVE,
            RepaymentPlan.deleted.is_(False),
        )
        .order_by(RepaymentPlan.version.desc())
    ).first()
    return instalment if instalment is not None and instalment.ore > 0 else None


class BudgetPrintService:
    """``desk.budget_print``: print data and PDFs of budgets and envelope plans."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def budget_data(self, budget_id: str) -> BudgetPrint:
        """What the budget printout shows, printed today by the desk's adviser."""
        with self._desk.reading() as s:
            analysis = analyse_budget(s, budget_id)
            view = analysis.budget
            case = live(s, Case, view.case_id)
            return BudgetPrint(
                case_number=case.number,
                tenant_name=case.tenant.full_name,
                address=case.tenancy.full_address if case.tenancy is not None else "",
                household_text=analysis.norm.household_text,
                household_members=_members_text(s, case.id, view.made_on),
                made_on=view.made_on,
                printed_on=self._desk.today(),
                adviser=self._desk.adviser_name or view.made_by,
                lines=view.lines,
                totals=analysis.totals,
                norm=analysis.norm,
                warnings=tuple(w.message for w in analysis.warnings),
                organisation=_organisation(s),
                title=view.title,
                category_labels={ln.category: category_label(ln.category) for ln in view.lines},
                instalment=_agreed_instalment(s, case.id),
            )

    def budget_pdf(self, budget_id: str, *, record: bool = True) -> Printed:
        """The budget ``budget_id`` as a PDF; recorded on the case unless ``record`` is False."""
        data = self.budget_data(budget_id)
        pdf = render_budget_pdf(data)
        if not record:
            return Printed(pdf, Changes.none())
        with self._desk.reading() as s:
            case_id = load_budget(s, budget_id).case_id
        totals = data.totals
        body = (
            f"Indtægter {totals.income.format()}; need to have {totals.need_expenses.format()}; "
            f"nice to have {totals.nice_expenses.format()}; rådighedsbeløb {totals.disposable.format()}"
        )
        title = f"Budget {format_short(data.made_on)}"
        return Printed(pdf, self._record(case_id, BUDGET_TEMPLATE, title, pdf, body))

    def envelopes_pdf(self, plan_id: str, *, record: bool = True) -> Printed:
        """The envelope sheets of plan ``plan_id``; recorded on the case unless ``record`` is False."""
        with self._desk.reading() as s:
            plan = load_envelope_plan(s, plan_id)
            budget = load_budget(s, plan.budget_id)
            case = live(s, Case, plan.case_id)
            case_id = case.id
            data = EnvelopesPrint(
                case_number=case.number,
                tenant_name=case.tenant.full_name,
                adviser=self._desk.adviser_name,
                printed_on=self._desk.today(),
                budget_made_on=budget.made_on,
                result=plan.result,
                statuses=plan.statuses,
                organisation=_organisation(s),
            )
        pdf = render_envelopes_pdf(data)
        if not record:
            return Printed(pdf, Changes.none())
        result = plan.result
        title = f"Kuvertsystem {format_short(result.period_first)}–{format_short(result.period_last)}"
        body = "; ".join(f"{e.label} {e.dates_text}: {e.amount.format()}" for e in result.envelopes)
        return Printed(pdf, self._record(case_id, ENVELOPES_TEMPLATE, title, pdf, body))

    def budget_pdf_for_case(self, case_number: str) -> bytes:
        """The newest budget of case ``case_number`` as a recorded PDF (``boligdesk pdf budget``)."""
        with self._desk.reading() as s:
            budget_id = latest_budget_id(s, _case_id_for_number(s, case_number))
        if budget_id is None:
            raise UserInputError(
                "case", "budget.none", f"Sag {case_number} har intet budget endnu. Lav det i Budget-fanen."
            )
        return self.budget_pdf(budget_id).pdf

    def envelopes_pdf_for_case(self, case_number: str) -> bytes:
        """The sheets of the case's latest envelope plan as a recorded PDF (``boligdesk pdf envelopes``)."""
        with self._desk.reading() as s:
            plan = latest_envelope_plan(s, _case_id_for_number(s, case_number))
        if plan is None:
            raise UserInputError(
                "case",
                "envelopes.none",
                f"Sag {case_number} har ingen kuvertplan endnu. Lav den i Budget-fanen under »Kuvertsystem«.",
            )
        return self.envelopes_pdf(plan.id).pdf

    def _record(self, case_id: str, template: str, title: str, pdf: bytes, body: str) -> Changes:
        """Keep the PDF on the case (the flush hook audits the new row) and record the PRINT event."""
        with self._desk.writing(case_id) as s:
            letter = GeneratedLetter(
                case_id=case_id,
                template=template,
                title=title[:200],
                made_by=self._desk.adviser_name,
                sha256=hashlib.sha256(pdf).hexdigest(),
                body_text=body,
                pdf=pdf,
            )
            s.add(letter)
            s.flush()
            letter_id = letter.id
        self._desk.record(
            AuditAction.PRINT, entity_name(GeneratedLetter), letter_id, case_id=case_id, detail=template
        )
        return Changes.of(case_id, Part.LETTERS)
