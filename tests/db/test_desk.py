"""The desk stamps who did what once, refuses vanished rows in one way, and closes cleanly."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.models import AuditEvent, Case, Person
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk, NotFoundError, live
from boligdesk.services.progress import Cancelled, Progress
from tests.cases import create_case

TODAY = dt.date(2026, 11, 24)


def _case(store: Store) -> str:
    return create_case(
        store,
        NewCase(first_name="Ib", last_name="Testesen", address_line="Prøvevej 1", rent=Money.kr(5_000)),
        today=TODAY,
    )


def _events(store: Store, case_id: str) -> list[tuple[AuditAction, str, str, str, str]]:
    with store.session() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.at))
        return [(e.action, e.entity, e.actor, e.device, e.detail) for e in rows]


def test_a_desk_write_is_audited_once_with_adviser_device_and_field_names(store: Store) -> None:
    case_id = _case(store)
    desk = Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY)
    before = len(_events(store, case_id))
    with desk.writing(case_id) as s:
        person = live(s, Case, case_id).tenant
        person.phone = "21 00 00 00"
    after = _events(store, case_id)[before:]
    assert after == [(AuditAction.UPDATE, "person", "Hanne Holm", store.device_id, "fields=phone")]


def test_the_audit_detail_names_fields_never_values(store: Store) -> None:
    case_id = _case(store)
    desk = Desk(store, adviser_name="Hanne Holm")
    with desk.writing(case_id) as s:
        live(s, Case, case_id).tenant.last_name = "Hemmeligsen"
    with store.session() as s:
        details = " ".join(s.scalars(select(AuditEvent.detail)))
    assert "Hemmeligsen" not in details


def test_tombstoning_a_row_is_audited_as_a_deletion(store: Store) -> None:
    case_id = _case(store)
    desk = Desk(store, adviser_name="Hanne Holm")
    with desk.writing(case_id) as s:
        live(s, Case, case_id).deleted = True
    assert _events(store, case_id)[-1][:2] == (AuditAction.DELETE, "case")


def test_an_import_writes_one_event_per_case_not_per_row(store: Store) -> None:
    desk = Desk(store, adviser_name="Import")
    with desk.writing(audit="per_case", detail="import") as s:
        person = Person(first_name="Åse", last_name="Øbro")
        s.add(person)
        s.flush()
        case = Case(number="2026-0099", tenant_id=person.id, opened_on=TODAY)
        s.add(case)
        s.flush()
        case_id = case.id
    assert _events(store, case_id) == [(AuditAction.CREATE, "case", "Import", store.device_id, "import")]


def test_explicit_events_are_recorded_with_the_desk_adviser(store: Store) -> None:
    case_id = _case(store)
    desk = Desk(store, adviser_name="Hanne Holm")
    desk.record(AuditAction.OPEN, "case", case_id, case_id=case_id)
    assert _events(store, case_id)[-1] == (AuditAction.OPEN, "case", "Hanne Holm", store.device_id, "")


def test_plain_store_sessions_write_no_automatic_audit_rows(store: Store) -> None:
    case_id = _case(store)
    before = _events(store, case_id)
    with store.session() as s:  # the sync engine's kind of session
        case = s.get(Case, case_id)
        assert case is not None
        case.tenant.phone = "12345678"
    assert _events(store, case_id) == before


def test_a_vanished_or_deleted_row_is_refused_with_one_danish_message(store: Store) -> None:
    case_id = _case(store)
    desk = Desk(store)
    with desk.writing(case_id) as s:
        live(s, Case, case_id).deleted = True
    with desk.reading() as s, pytest.raises(NotFoundError) as deleted:
        live(s, Case, case_id)
    with desk.reading() as s, pytest.raises(NotFoundError) as missing:
        live(s, Case, "no-such-id")
    assert deleted.value.message == missing.value.message
    assert deleted.value.message.startswith("Sagen findes ikke længere")
    assert deleted.value.code == "case.not_found"


def test_reading_never_commits(store: Store) -> None:
    case_id = _case(store)
    desk = Desk(store)
    with desk.reading() as s:
        live(s, Case, case_id).tenant.first_name = "Ændret"
    with desk.reading() as s:
        assert live(s, Case, case_id).tenant.first_name == "Ib"


def test_a_failing_write_changes_nothing(store: Store) -> None:
    case_id = _case(store)
    desk = Desk(store)
    with pytest.raises(RuntimeError), desk.writing(case_id) as s:
        live(s, Case, case_id).tenant.first_name = "Halvt"
        raise RuntimeError("midt i")
    with desk.reading() as s:
        assert live(s, Case, case_id).tenant.first_name == "Ib"


def test_closing_the_desk_cancels_a_long_call_and_waits_for_its_rollback(store: Store) -> None:
    case_id = _case(store)
    desk = Desk(store)
    started = threading.Event()
    outcome: list[str] = []

    def long_call() -> None:
        progress = Progress()
        try:
            with desk.running(progress), desk.writing(case_id) as s:
                live(s, Case, case_id).tenant.first_name = "Halvvejs"
                started.set()
                for _ in range(500):
                    progress.step(0, 0)
                    threading.Event().wait(0.01)
            outcome.append("finished")
        except Cancelled:
            outcome.append("cancelled")

    worker = threading.Thread(target=long_call)
    worker.start()
    assert started.wait(5)
    assert desk.cancel_running(wait=5)
    worker.join(5)
    assert outcome == ["cancelled"]
    with desk.reading() as s:
        assert live(s, Case, case_id).tenant.first_name == "Ib"
    desk.close()
