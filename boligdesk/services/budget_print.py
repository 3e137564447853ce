"""Printing the budget and the envelope sheets: collect the data, render, record on the case.

Every PDF made for printing or saving is recorded as a :class:`GeneratedLetter` on the case (the PDF,
its SHA-256, who and when) with an audit PRINT event; a preview (``record=False``) is not.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.categories import category_label
from boligdesk.budget.household import is_child_on
from boligdesk.budget.norms import age_or_none
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.letters.budget_pdf import BudgetPrint, render_budget_pdf
from boligdesk.letters.envelopes_pdf import EnvelopesPrint, render_envelopes_pdf
from boligdesk.letters.letterhead import SETTING_KEY, Letterhead
from boligdesk.models import Case, GeneratedLetter, Setting
from boligdesk.models.store import Store
from boligdesk.services import audit
from boligdesk.services import budgets as budget_service

BUDGET_TEMPLATE = "budget"
ENVELOPES_TEMPLATE = "envelopes"


def _organisation(session: Session) -> str:
    row = session.scalars(
        select(Setting).where(Setting.key == SETTING_KEY, Setting.deleted.is_(False))
    ).first()
    return Letterhead.from_json(row.value if row is not None else None).organisation


def case_id_for_number(session: Session, case_number: str) -> str:
    case_id = session.scalars(
        select(Case.id).where(Case.number == case_number.strip(), Case.deleted.is_(False))
    ).first()
    if case_id is None:
        raise UserInputError("case", "case.number_unknown", f"Der er ingen sag med nummeret {case_number}.")
    return case_id


def _members_text(session: Session, case_id: str, on: dt.date) -> tuple[str, ...]:
    household = budget_service.household_for_case(session, case_id)
    texts: list[str] = []
    for person in household.people:
        name = person.name.strip() or ("Barn" if person.is_child else "Voksen")
        if is_child_on(person, on):
            age = age_or_none(person, on)
            texts.append(f"{name} ({age} år)" if age is not None else f"{name} (barn)")
        else:
            texts.append(name)
    return tuple(texts)


def budget_print_data(session: Session, budget_id: str, *, actor: str, today: dt.date) -> BudgetPrint:
    analysis = budget_service.analyse_budget(session, budget_id)
    view = analysis.budget
    case = session.get(Case, view.case_id)
    assert case is not None  # analyse_budget checked it
    address = case.tenancy.full_address if case.tenancy is not None else ""
    return BudgetPrint(
        case_number=case.number,
        tenant_name=case.tenant.full_name,
        address=address,
        household_text=analysis.norm.household_text,
        household_members=_members_text(session, case.id, view.made_on),
        made_on=view.made_on,
        printed_on=today,
        adviser=actor or view.made_by,
        lines=view.lines,
        totals=analysis.totals,
        norm=analysis.norm,
        warnings=tuple(w.message for w in analysis.warnings),
        organisation=_organisation(session),
        title=view.title,
        category_labels={ln.category: category_label(ln.category) for ln in view.lines},
    )


def _record(
    session: Session, store: Store, case_id: str, template: str, title: str, pdf: bytes, body: str, actor: str
) -> None:
    letter = GeneratedLetter(
        case_id=case_id,
        template=template,
        title=title[:200],
        made_by=actor,
        sha256=hashlib.sha256(pdf).hexdigest(),
        body_text=body,
        pdf=pdf,
    )
    session.add(letter)
    session.flush()
    audit.record(
        session,
        AuditAction.PRINT,
        entity="generated_letter",
        entity_id=letter.id,
        case_id=case_id,
        actor=actor,
        device=store.device_id,
        detail=template,
    )


def budget_pdf_for_budget(
    store: Store, budget_id: str, *, actor: str = "", today: dt.date | None = None, record: bool = True
) -> bytes:
    """The budget ``budget_id`` as PDF bytes; recorded on the case unless ``record`` is False."""
    with store.session() as s:
        data = budget_print_data(s, budget_id, actor=actor, today=today or dt.date.today())
        pdf = render_budget_pdf(data)
        if record:
            case_id = budget_service.load_budget(s, budget_id).case_id
            totals = data.totals
            body = (
                f"Indtægter {totals.income.format()}; need to have {totals.need_expenses.format()}; "
                f"nice to have {totals.nice_expenses.format()}; rådighedsbeløb {totals.disposable.format()}"
            )
            _record(
                s, store, case_id, BUDGET_TEMPLATE, f"Budget {format_short(data.made_on)}", pdf, body, actor
            )
        return pdf


def envelopes_pdf_for_plan(
    store: Store, plan_id: str, *, actor: str = "", today: dt.date | None = None, record: bool = True
) -> bytes:
    """The envelope sheets of plan ``plan_id``; recorded on the case unless ``record`` is False."""
    with store.session() as s:
        plan = budget_service.load_envelope_plan(s, plan_id)
        budget = budget_service.load_budget(s, plan.budget_id)
        case = s.get(Case, plan.case_id)
        assert case is not None
        data = EnvelopesPrint(
            case_number=case.number,
            tenant_name=case.tenant.full_name,
            adviser=actor,
            printed_on=today or dt.date.today(),
            budget_made_on=budget.made_on,
            result=plan.result,
            statuses=plan.statuses,
            organisation=_organisation(s),
        )
        pdf = render_envelopes_pdf(data)
        if record:
            result = plan.result
            title = f"Kuvertsystem {format_short(result.period_first)}–{format_short(result.period_last)}"
            body = "; ".join(f"{e.label} {e.dates_text}: {e.amount.format()}" for e in result.envelopes)
            _record(s, store, case.id, ENVELOPES_TEMPLATE, title, pdf, body, actor)
        return pdf


def budget_pdf_for_case(store: Store, case_number: str, actor: str = "") -> bytes:
    """The newest budget of case ``case_number`` as a PDF (for ``boligdesk pdf budget``)."""
    with store.session() as s:
        case_id = case_id_for_number(s, case_number)
        budget_id = budget_service.latest_budget_id(s, case_id)
    if budget_id is None:
        raise UserInputError(
            "case", "budget.none", f"Sag {case_number} har intet budget endnu. Lav det i Budget-fanen."
        )
    return budget_pdf_for_budget(store, budget_id, actor=actor)


def envelopes_pdf_for_case(store: Store, case_number: str, actor: str = "") -> bytes:
    """The envelope sheets of the case's latest envelope plan (for ``boligdesk pdf envelopes``)."""
    with store.session() as s:
        case_id = case_id_for_number(s, case_number)
        plan = budget_service.latest_envelope_plan(s, case_id)
    if plan is None:
        raise UserInputError(
            "case",
            "envelopes.none",
            f"Sag {case_number} har ingen kuvertplan endnu. Lav den i Budget-fanen under »Kuvertsystem«.",
        )
    return envelopes_pdf_for_plan(store, plan.id, actor=actor)
