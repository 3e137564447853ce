"""Drafts survive a crash: held as the adviser types, written to the encrypted store, flushed when the desk
closes; local to the laptop (never synced), never audited, never a temporary file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from boligdesk.budget.money import Money
from boligdesk.models import SYNCED_MODELS, AuditEvent, Draft, Synced
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.services.drafts import DraftKey
from boligdesk.sync.simulation import LaptopLab, Template, make_template
from tests.cases import create_case
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 11, 24)


def _case(store: Store, first_name: str = "Ib") -> str:
    return create_case(
        store,
        NewCase(first_name=first_name, last_name="Testesen", address_line="Prøvevej 1", rent=Money.kr(5_000)),
        today=TODAY,
    )


def _desk(store: Store) -> Desk:
    return Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY)


def _audit_count(store: Store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_a_held_draft_is_read_back_at_once_and_written_by_flush(store: Store) -> None:
    desk = _desk(store)
    key = DraftKey.journal(_case(store))
    desk.drafts.hold(key, {"text": "Lejer ringede, vil"})
    assert desk.drafts.load(key) == {"text": "Lejer ringede, vil"}
    assert desk.drafts.pending() == 1
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Draft)) == 0  # memory only until flushed
    assert desk.drafts.flush() == 1
    assert desk.drafts.pending() == 0
    assert _desk(store).drafts.load(key) == {"text": "Lejer ringede, vil"}  # another desk reads the row


def test_drafts_are_per_kind_case_and_letter_template(store: Store) -> None:
    desk = _desk(store)
    first, second = _case(store), _case(store, "Åse")
    desk.drafts.save(DraftKey.journal(first), {"text": "note 1"})
    desk.drafts.save(
        DraftKey.letter(first, "tilbud"), {"subject": "Emne", "body": "Kære Ib", "recipient": ""}
    )
    desk.drafts.save(DraftKey.letter(first, "rykker"), {"body": "Anden skabelon"})
    assert desk.drafts.load(DraftKey.journal(second)) == {}
    assert desk.drafts.load(DraftKey.letter(first, "tilbud")) == {"subject": "Emne", "body": "Kære Ib"}
    assert desk.drafts.load(DraftKey.letter(first, "rykker")) == {"body": "Anden skabelon"}
    assert desk.drafts.load(DraftKey.journal(first)) == {"text": "note 1"}


def test_clearing_or_emptying_a_draft_deletes_its_row(store: Store) -> None:
    desk = _desk(store)
    case_id = _case(store)
    key = DraftKey.journal(case_id)
    desk.drafts.save(key, {"text": "skrevet"})
    desk.drafts.hold(key, {"text": ""})  # the adviser deleted the text again
    desk.drafts.flush()
    assert _desk(store).drafts.load(key) == {}
    desk.drafts.save(key, {"text": "igen"})
    desk.drafts.clear(key)  # the note was saved
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Draft)) == 0


def test_closing_the_desk_flushes_what_is_still_held(profile: Profile) -> None:
    from boligdesk.models.store import create_profile

    store = create_profile(profile, TEST_PASSPHRASE)
    case_id = _case(store)
    desk = _desk(store)
    desk.drafts.hold(DraftKey.journal(case_id), {"text": "Halvt skrevet note om boligstøtten"})
    desk.close()  # no flush timer ran: the window closed (or locked) while the adviser was typing
    reopened = open_store(profile, passphrase=TEST_PASSPHRASE)
    try:
        assert _desk(reopened).drafts.load(DraftKey.journal(case_id)) == {
            "text": "Halvt skrevet note om boligstøtten"
        }
    finally:
        reopened.close()


def test_drafts_are_not_audited(store: Store) -> None:
    desk = _desk(store)
    key = DraftKey.journal(_case(store))
    before = _audit_count(store)
    for text in ("L", "Le", "Lejer"):
        desk.drafts.save(key, {"text": text})
    desk.drafts.clear(key)
    assert _audit_count(store) == before


def test_drafts_live_in_the_encrypted_store_never_in_a_file_beside_it(profile: Profile) -> None:
    from boligdesk.models.store import create_profile

    store = create_profile(profile, TEST_PASSPHRASE)
    desk = _desk(store)
    secret = "Hemmelig kladde om Testesens gæld"
    desk.drafts.save(DraftKey.journal(_case(store)), {"text": secret})
    desk.close()
    needle = secret.encode()
    for path in Path(profile.folder).rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), path


def test_the_drafts_table_is_local_to_the_laptop() -> None:
    assert not issubclass(Draft, Synced)
    assert Draft not in SYNCED_MODELS


@pytest.fixture
def lab(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LaptopLab]:
    template: Template = make_template(tmp_path_factory.mktemp("skabelon") / "profil")
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def test_a_half_typed_note_never_reaches_colleagues(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = _case(anne)
    _desk(anne).drafts.save(DraftKey.journal(case_id), {"text": "Ikke færdig"})
    _desk(anne).drafts.save(DraftKey.letter(case_id, "tilbud"), {"body": "Ikke sendt"})
    lab.sync(anne)
    lab.sync(bo)
    bo_desk = _desk(bo)
    assert bo_desk.cases.header(case_id) is not None  # the case itself travelled
    assert bo_desk.drafts.load(DraftKey.journal(case_id)) == {}
    assert bo_desk.drafts.load(DraftKey.letter(case_id, "tilbud")) == {}
    with bo.session() as s:
        assert s.scalar(select(func.count()).select_from(Draft)) == 0
