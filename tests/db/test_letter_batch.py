"""The month's letters in one go: 50 cases, one PDF, an address list, each letter recorded and logged."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from boligdesk.budget.vocabulary import CasePhase, ContactChannel
from boligdesk.errors import UserInputError
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models import Case, ContactAttempt, GeneratedLetter
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.services.progress import Cancelled, Progress
from tests.db.letters_samples import ADVISER, TODAY, add_case
from tests.db.test_import_service import apply, estates, preview  # noqa: F401 (estates: a fixture)
from tests.unit.importers.list_files import GOOD_ROWS, write_csv
from tests.unit.importers.list_files import TODAY as IMPORT_DAY

BATCH = 50


def pages_of(pdf: bytes) -> list[str]:
    return [re.sub(r"[\s\u00a0]+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def desk(store: Store) -> Desk:
    desk = Desk(store, adviser_name=ADVISER, today=lambda: TODAY)
    desk.letters.set_letterhead(Letterhead(organisation="Boligsocialt Team Eksempel", phone="70 10 20 30"))
    desk.letters.set_sender(Sender(name=ADVISER, title="Socialrådgiver", phone="21 43 65 87"))
    return desk


def test_fifty_letters_in_one_pdf_each_recorded_and_logged(store: Store, desk: Desk) -> None:
    case_ids = [add_case(store, first_name=f"Lejer{n:02d}", last_name="Testesen") for n in range(BATCH)]
    with store.session() as s:
        # Half the cases have only had a påkrav: their letters must not say the lease is terminated.
        for case_id in case_ids[::2]:
            case = s.get(Case, case_id)
            assert case is not None
            case.termination_on = None
            case.eviction_on = None
            case.reminder_sent_on = dt.date(2026, 11, 5)
    steps: list[tuple[int, int]] = []
    batch = desk.letter_batch.make(
        case_ids, "tilbud-om-raadgivning", Progress(lambda done, total, _t: steps.append((done, total)))
    )
    assert len(batch.letter_ids) == BATCH and not batch.skipped
    pages = pages_of(batch.pdf)
    assert len(pages) == BATCH  # one sheet per letter
    for n, page in enumerate(pages):
        assert f"Lejer{n:02d} Testesen" in page
        assert "Side 1 af 1" in page  # counted per letter, not per file
        if n % 2 == 0:
            assert "har fået et påkrav" in page and "ophævet" not in page
        else:
            assert "sagen om din lejekontrakt er sendt til fogedretten" in page  # it has an eviction date
    addresses = " ".join(pages_of(batch.addresses_pdf))
    for n in range(BATCH):
        assert f"Lejer{n:02d} Testesen" in addresses
    assert steps and steps[-1][1] == 2 * BATCH
    with store.session() as s:
        letters = s.scalars(select(GeneratedLetter)).all()
        attempts = s.scalars(select(ContactAttempt)).all()
        phases = set(s.scalars(select(Case.phase)))
    assert {letter.case_id for letter in letters} == set(case_ids)
    assert all(letter.pdf and len(pages_of(letter.pdf)) == 1 for letter in letters)
    assert len(attempts) == BATCH
    assert {a.channel for a in attempts} == {ContactChannel.LETTER_HANDWRITTEN}
    assert phases == {CasePhase.CONTACT}
    # The share grows by the letters' own PDFs and texts (docs/decisions.md §14): measured, and bounded.
    stored = sum(len(letter.pdf or b"") + len(letter.body_text.encode()) for letter in letters)
    assert stored == batch.stored_bytes
    print(f"\n50 letters add {stored} bytes ({stored / BATCH:.0f} per letter) to the store")
    assert stored < 4_000_000


def test_a_cancelled_batch_leaves_nothing_behind(store: Store, desk: Desk) -> None:
    case_ids = [add_case(store, first_name=f"Lejer{n}") for n in range(3)]
    progress = Progress()

    def cancel_when_saving(done: int, total: int, _text: str) -> None:
        if done >= 3:
            progress.cancel()

    progress._report = cancel_when_saving
    with pytest.raises(Cancelled):
        desk.letter_batch.make(case_ids, "tilbud-om-raadgivning", progress)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(GeneratedLetter)) == 0
        assert s.scalar(select(func.count()).select_from(ContactAttempt)) == 0


def test_cases_the_template_does_not_fit_are_left_out_with_the_reason(store: Store, desk: Desk) -> None:
    fits = add_case(store, first_name="Passer")
    no_address = add_case(store, first_name="Uden")
    with store.session() as s:
        case = s.get(Case, no_address)
        assert case is not None and case.tenancy is not None
        case.tenancy.address_line = ""
    batch = desk.letter_batch.make([fits, no_address], "tilbud-om-raadgivning")
    assert batch.case_ids == (fits,)
    assert [skip.case_id for skip in batch.skipped] == [no_address]
    assert "adresse" in batch.skipped[0].reason
    with pytest.raises(UserInputError) as caught:
        desk.letter_batch.make([fits], "postkort-ny-lejer")
    assert caught.value.code == "letters.batch_not_a4"


@pytest.mark.usefixtures("estates")
def test_the_newest_imports_new_cases_are_offered_and_older_or_handmade_ones_are_not(
    store: Store, desk: Desk, tmp_path: Path
) -> None:

    handmade = add_case(store, first_name="Håndlavet")
    assert desk.letter_batch.newest_imported() == ()
    result = apply(
        store, preview(store, write_csv(tmp_path / "liste.csv", GOOD_ROWS), IMPORT_DAY), IMPORT_DAY, ADVISER
    )
    assert result.created > 1
    offered = desk.letter_batch.newest_imported()
    assert set(offered) == set(result.case_ids) and handmade not in offered
    with store.session() as s:  # a case already written to is no longer "new"
        case = s.get(Case, offered[0])
        assert case is not None
        case.phase = CasePhase.CONTACT
    assert set(desk.letter_batch.newest_imported()) == set(result.case_ids) - {offered[0]}


@pytest.mark.usefixtures("estates")
def test_only_the_newest_import_run_is_offered_even_ten_minutes_after_another(
    store: Store, desk: Desk, tmp_path: Path
) -> None:
    from boligdesk.models import AuditEvent

    first = apply(
        store, preview(store, write_csv(tmp_path / "a.csv", GOOD_ROWS[:2]), IMPORT_DAY), IMPORT_DAY, ADVISER
    )
    with store.session() as s:  # the first list was imported ten minutes before the second
        for event in s.scalars(select(AuditEvent)):
            event.at = event.at - dt.timedelta(minutes=10)
    second = apply(
        store, preview(store, write_csv(tmp_path / "b.csv", GOOD_ROWS[2:]), IMPORT_DAY), IMPORT_DAY, ADVISER
    )
    assert len(first.case_ids) == 2 and len(second.case_ids) == 1
    assert desk.letter_batch.newest_imported() == second.case_ids
