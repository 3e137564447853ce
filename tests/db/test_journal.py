"""The append-only journal and follow-ups (``desk.journal``)."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.models.store import Store
from boligdesk.services import journal
from boligdesk.services.changes import Part
from boligdesk.services.journal import JournalService
from tests.db.case_setup import TODAY, audit_details, desk, details, new_case, refused


def test_journal_is_append_only_and_a_correction_keeps_the_old_note(store: Store) -> None:
    case_id = new_case(store)
    first = desk(store).journal.add_note(case_id, "Talt med lejer om boligstøtte.").id
    fix = (
        desk(store)
        .journal.add_note(case_id, "Talt med lejer om boligstøtte og friplads.", corrects_id=first)
        .id
    )
    notes = {n.id: n for n in details(store, case_id).journal}
    assert notes[first].text == "Talt med lejer om boligstøtte."
    assert notes[first].corrected_by_id == fix and notes[first].is_corrected
    assert notes[fix].corrects_id == first and not notes[fix].is_corrected
    error = refused(desk(store).journal.add_note, case_id, "Igen", corrects_id=first)
    assert error.message == "Noten er allerede rettet. Ret den nyeste udgave i stedet."
    assert refused(desk(store).journal.add_note, case_id, "  ").message == "Skriv noten, før du gemmer den."


def test_service_offers_no_way_to_edit_or_delete_a_journal_note() -> None:
    names = [n for n in dir(JournalService) if "note" in n and not n.startswith("_")]
    assert names == ["add_note"]
    editing = ("edit", "update", "set", "remove", "delete", "correct")
    assert not [n for n in dir(journal) if "note" in n and any(word in n for word in editing)]


def test_follow_ups_are_set_done_and_removed(store: Store) -> None:
    case_id = new_case(store)
    fid = desk(store).journal.add_follow_up(case_id, dt.date(2026, 3, 17), "Ring om boligstøtte").id
    assert details(store, case_id).follow_ups[0].text == "Ring om boligstøtte"
    desk(store).journal.set_follow_up_done(case_id, fid, True)
    assert details(store, case_id).follow_ups[0].done_on == TODAY
    desk(store).journal.set_follow_up_done(case_id, fid, False)
    assert details(store, case_id).follow_ups[0].done_on is None
    desk(store).journal.remove_follow_up(case_id, fid)
    assert details(store, case_id).follow_ups == ()
    error = refused(desk(store).journal.add_follow_up, case_id, dt.date(2026, 3, 9), "Ring")
    assert error.message == "Opfølgningsdatoen ligger før i dag."
    error = refused(desk(store).journal.add_follow_up, case_id, dt.date(2026, 3, 19), "")
    assert error.message == "Skriv hvad der skal følges op på."


def test_notes_are_written_by_the_desk_s_adviser_and_audited_without_their_text(store: Store) -> None:
    case_id = new_case(store)
    created = desk(store, adviser="Søren Socialrådgiver").journal.add_note(case_id, "Hemmeligt indhold")
    assert created.changes.parts == {Part.JOURNAL}
    assert details(store, case_id).journal[0].author == "Søren Socialrådgiver"
    events = audit_details(store, case_id)
    assert (AuditAction.CREATE, "journal_note", "") in events
    assert not any("Hemmeligt" in detail for _, _, detail in events)


def test_follow_ups_are_deadlines_too(store: Store) -> None:
    case_id = new_case(store)
    created = desk(store).journal.add_follow_up(case_id, dt.date(2026, 3, 17), "Ring")
    assert created.changes.parts == {Part.JOURNAL, Part.TIMELINE}
    other = new_case(store, first_name="Bo")
    assert refused(desk(store).journal.remove_follow_up, other, created.id).code == "follow_up.not_found"
