"""``desk.cases``: the case's own registration fields — kind (with history), phase, picklists."""

from __future__ import annotations

from boligdesk.budget.vocabulary import CaseKind, CasePhase, IncomeBasis
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from tests.db.case_samples import ME, desk, details, new_case, refused


def test_changing_the_kind_keeps_its_history(store: Store) -> None:
    case_id = new_case(store)
    cases = desk(store).cases
    assert cases.set_kind(case_id, CaseKind.RETENTION) == Changes.of(case_id, Part.CASE)
    assert not cases.set_kind(case_id, CaseKind.RETENTION)
    d = details(store, case_id)
    assert d.kind is CaseKind.RETENTION
    assert [(k.kind, k.changed_by) for k in d.kind_history] == [
        (CaseKind.EVICTION_THREAT, ME),
        (CaseKind.RETENTION, ME),
    ]


def test_phase_is_saved_but_closing_goes_through_the_closing_registration(store: Store) -> None:
    case_id = new_case(store)
    cases = desk(store).cases
    cases.set_field(case_id, "phase", CasePhase.ADVICE)
    assert details(store, case_id).phase is CasePhase.ADVICE
    error = refused(cases.set_field, case_id, "phase", CasePhase.CLOSED)
    assert error.message == "Afslut sagen med knappen »Afslut sagen« under »Afslutning«."


def test_single_value_picklists_are_saved(store: Store) -> None:
    case_id = new_case(store)
    cases = desk(store).cases
    cases.set_field(case_id, "income_basis", IncomeBasis.CASH_BENEFIT)
    cases.set_field(case_id, "referral_source", "termination_list")
    cases.set_field(case_id, "terminations_this_year", 2)
    d = details(store, case_id)
    assert (d.income_basis, d.referral_source, d.terminations_this_year) == (
        IncomeBasis.CASH_BENEFIT,
        "termination_list",
        2,
    )
    error = refused(cases.set_field, case_id, "terminations_this_year", 13)
    assert error.message == "Antal ophævelser i år skal være et helt tal fra 0 til 12."
