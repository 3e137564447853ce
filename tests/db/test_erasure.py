"""Erasing a closed case's personal data: complete, statistics kept, and for good across the team."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction, ContactChannel, ContactResult, LineKind, Outcome
from boligdesk.models import (
    AuditEvent,
    Budget,
    BudgetLine,
    Case,
    ContactAttempt,
    Draft,
    GeneratedLetter,
    HouseholdMember,
    JournalNote,
    Person,
    SyncConflict,
    Tenancy,
)
from boligdesk.models.store import Store, backup_database
from boligdesk.services.personal_data import ERASED_NAME
from boligdesk.sync.simulation import LaptopLab, Template, make_template, snapshot
from tests.db.case_setup import desk, new_case, refused

SECRETS = ("Mette", "Testesen", "Engparken 12", "12 34 56 78", "Mathias", "spiller", "Kære Mette")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def rich_closed_case(store: Store, **overrides: object) -> str:
    """An invented case with something in every kind of personal field, closed on 15.1.2025."""
    case_id = new_case(store, **overrides)
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.closed_on = dt.date(2025, 1, 15)
        case.outcome = Outcome.REPAYMENT_PLAN
        s.add(JournalNote(case_id=case_id, author="Rikke Rådgiver", text="Mette spiller på nettet."))
        s.add(
            ContactAttempt(
                case_id=case_id,
                at=dt.datetime(2025, 1, 2, 10, 0),
                channel=ContactChannel.PHONE,
                result=ContactResult.REACHED,
                note="Talte med Mette i døren",
                by="Rikke Rådgiver",
            )
        )
        budget = Budget(case_id=case_id, title="Mettes budget", note="Mette har gæld til sin bror")
        s.add(budget)
        s.flush()
        s.add(
            BudgetLine(
                budget_id=budget.id, kind=LineKind.EXPENSE, text="Lån fra Mathias", amount=Money.kr(500)
            )
        )
        s.add(
            GeneratedLetter(
                case_id=case_id,
                template="indkaldelse",
                title="Brev til Mette Testesen",
                made_by="Rikke Rådgiver",
                body_text="Kære Mette",
                pdf=b"%PDF-1.4 Kaere Mette Testesen",
            )
        )
        s.add(Draft(kind="journal", case_id=case_id, slot="", content='{"text": "Mette siger"}'))
    return case_id


def texts_of_case(store: Store, case_id: str) -> str:
    """Every value of every row of the case (and its drafts and conflicts), as one text to search."""
    from boligdesk.services.personal_data import case_row_ids

    parts: list[str] = []
    with store.session() as s:
        for model, rows in case_row_ids(s, [case_id]).items():
            for row in s.scalars(select(model).where(model.id.in_(sorted(rows)))):  # type: ignore[attr-defined]
                for column in model.__table__.columns:  # type: ignore[attr-defined]
                    value = getattr(row, column.key, None)
                    parts.append(value.decode("latin-1") if isinstance(value, bytes) else str(value))
        parts += [d.content for d in s.scalars(select(Draft).where(Draft.case_id == case_id))]
        parts += [f"{c.kept_value} {c.lost_value}" for c in s.scalars(select(SyncConflict))]
    return "\n".join(parts)


def stats_of(store: Store, case_id: str) -> tuple[object, ...]:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        tenancy = s.get(Tenancy, case.tenancy_id)
        assert tenancy is not None
        lines = s.scalars(select(BudgetLine.amount)).all()
        return (
            case.number, case.kind, case.opened_on, case.closed_on, case.outcome, case.arrears,
            tenancy.estate_id, tenancy.postcode, tenancy.rent,
            len(s.scalars(select(HouseholdMember.role)).all()),
            len(s.scalars(select(JournalNote.id).where(JournalNote.case_id == case_id)).all()),
            sorted(x.ore for x in lines),
        )  # fmt: skip


def test_erasure_blanks_every_personal_field_and_keeps_the_statistics(store: Store) -> None:
    case_id = rich_closed_case(store)
    before = stats_of(store, case_id)
    assert all(secret in texts_of_case(store, case_id) for secret in SECRETS)
    result = desk(store).erasure.erase([case_id])
    assert result.cases == 1
    text = texts_of_case(store, case_id)
    for secret in SECRETS:
        assert secret not in text, secret
    assert stats_of(store, case_id) == before
    with store.session() as s:
        person = s.scalars(select(Person)).one()
        assert (person.first_name, person.last_name, person.phone, person.birth_date) == (
            ERASED_NAME,
            "",
            "",
            None,
        )
        letter = s.scalars(select(GeneratedLetter)).one()
        assert letter.pdf is None and letter.sha256 == letter.sha256 and letter.template == "indkaldelse"
        assert s.scalars(select(Draft)).all() == []
        events = s.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case_id)).all()
        assert AuditAction.ERASE in events
    assert desk(store).erasure.is_erased(case_id)
    # Erasing again is harmless and says so
    assert desk(store).erasure.erase([case_id]).cases == 0


def test_an_open_case_is_refused_and_nothing_changes(store: Store) -> None:
    case_id = new_case(store)
    error = refused(desk(store).erasure.erase, [case_id])
    assert "ikke lukket" in error.message
    assert "Mette" in texts_of_case(store, case_id)


def test_a_person_another_live_case_uses_is_kept(store: Store) -> None:
    first = rich_closed_case(store)
    with store.session() as s:
        old = s.get(Case, first)
        assert old is not None
        tenant_id = old.tenant_id
    second = new_case(store, first_name="Anden")
    with store.session() as s:
        case = s.get(Case, second)
        assert case is not None
        case.tenant_id = tenant_id  # the same citizen came back: a new, open case
    desk(store).erasure.erase([first])
    with store.session() as s:
        person = s.get(Person, tenant_id)
        assert person is not None and person.first_name == "Mette"
        assert "spiller" not in " ".join(s.scalars(select(JournalNote.text)))


def test_backups_made_before_the_erasure_are_deleted(store: Store) -> None:
    case_id = rich_closed_case(store)
    old = backup_database(store.profile, store.engine, "foer-synk")
    assert old.exists()
    result = desk(store).erasure.erase([case_id])
    assert not old.exists()
    assert result.backups_removed == 1
    assert any("sikkerhedskopier" in line for line in result.lines())


def test_erasure_reaches_the_other_laptops_and_an_offline_edit_does_not_bring_data_back(
    lab: LaptopLab,
) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    case_id = rich_closed_case(anne)
    lab.sync_all()
    assert "spiller" in texts_of_case(bo, case_id)

    # Bo goes offline and edits the tenant's phone and writes a note; meanwhile Anne erases the case.
    bo_desk = desk(bo, adviser="Bo Rådgiver")
    bo_desk.tenant.set_field(case_id, "phone", "87 65 43 21")
    bo_desk.journal.add_note(case_id, "Mette ringede fra Hvidovre")
    desk(anne).erasure.erase([case_id])

    lab.sync(anne)
    lab.sync(carl)
    assert "spiller" not in texts_of_case(carl, case_id)
    summary_bo = lab.sync(bo)  # sends the offline edits, then receives the erasure
    assert any("slettet på en anden computer" in w and "ikke gemt" in w for w in summary_bo.warnings)
    assert all("Hvidovre" not in w and "87 65" not in w for w in summary_bo.warnings)
    summaries = lab.sync_all(rounds=2)
    assert any("ikke gemt" in w for s in summaries for w in s.warnings)
    for laptop in (anne, bo, carl):
        text = texts_of_case(laptop, case_id)
        for secret in (*SECRETS, "87 65 43 21", "Hvidovre"):
            assert secret not in text, (laptop.profile.folder.name, secret)
    # No conflict record holds an erased value, and the laptops agree
    for laptop in (anne, bo, carl):
        with laptop.session() as s:
            assert all("87 65" not in c.kept_value + c.lost_value for c in s.scalars(select(SyncConflict)))
    assert snapshot(anne)["persons"] == snapshot(bo)["persons"] == snapshot(carl)["persons"]


def test_tombstones_lose_their_personal_data_once_every_laptop_has_the_deletion_and_the_grace_is_over(
    lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boligdesk.sync import erasure as sync_erasure

    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    lab.sync_all()
    with anne.session() as s:
        member_id = s.scalars(select(HouseholdMember.id).where(HouseholdMember.name == "Mathias")).one()
    desk(anne).household.remove(case_id, member_id)
    lab.sync(anne)
    lab.sync(bo)
    lab.sync(anne)  # everyone has the deletion, but it is younger than 30 days: kept (it can be undone)
    with anne.session() as s:
        member = s.get(HouseholdMember, member_id)
        assert member is not None and member.deleted and member.name == "Mathias"
    monkeypatch.setattr(sync_erasure, "TOMBSTONE_GRACE", dt.timedelta(0))
    lab.sync(anne)  # purges (a stamped edit) and sends it
    lab.sync(bo)
    for laptop in (anne, bo):
        with laptop.session() as s:
            member = s.get(HouseholdMember, member_id)
            assert member is not None and member.deleted
            assert member.name == ERASED_NAME and member.birth_date is None
    rows = []
    for laptop in (anne, bo):
        with laptop.session() as s:
            member = s.get(HouseholdMember, member_id)
            assert member is not None
            rows.append(
                (member.name, member.birth_date, member.deleted, member.field_clocks, member.updated_at)
            )
    assert rows[0] == rows[1]  # the same row on both laptops, clocks included


def test_a_tombstone_is_not_purged_while_a_laptop_has_not_seen_the_deletion(
    lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boligdesk.sync import erasure as sync_erasure

    monkeypatch.setattr(sync_erasure, "TOMBSTONE_GRACE", dt.timedelta(0))
    anne, _bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    lab.sync_all()
    with anne.session() as s:
        member_id = s.scalars(select(HouseholdMember.id).where(HouseholdMember.name == "Mathias")).one()
    desk(anne).household.remove(case_id, member_id)
    lab.sync(anne)
    lab.sync(anne)  # Bo has not synced: the deletion may still meet an edit there
    with anne.session() as s:
        member = s.get(HouseholdMember, member_id)
        assert member is not None and member.name == "Mathias"


def share_texts(lab: LaptopLab, any_laptop: Store) -> dict[str, str]:
    """Every sync file on the share, decrypted: ``{device/file: json text}``."""
    from boligdesk.sync.fileformat import decode, seq_from_name

    connection = lab.connections[any_laptop.device_id]
    key = connection.team.file_key(connection.team_key)
    found: dict[str, str] = {}
    for folder in (connection.team.folder / "outbox").iterdir():
        for path in folder.iterdir():
            seq = seq_from_name(path.name)
            if seq is not None:
                _h, body = decode(
                    path.read_bytes(), key, team=connection.team.team_id, device=folder.name, seq=seq
                )
                found[f"{folder.name[:6]}/{path.name}"] = body.to_json().decode("utf-8")
    return found


def test_own_share_files_are_rewritten_without_the_erased_values_once_everyone_has_them(
    lab: LaptopLab,
) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    lab.sync_all()  # both laptops are part of the team
    case_id = rich_closed_case(anne)
    keep_id = new_case(
        anne,
        first_name="Beholdt",
        last_name="Borgersen",
        address_line="Andenvej 3",
        phone="99 88 77 66",
        members=(),
    )
    lab.sync(anne)
    desk(anne).erasure.erase([case_id])
    lab.sync(anne)
    # Bo has not applied Anne's files yet: they are still needed as they are
    assert any(
        "spiller" in t for name, t in share_texts(lab, anne).items() if name.startswith(anne.device_id[:6])
    )
    lab.sync(bo)
    lab.sync(anne)  # learns that Bo has applied everything: rewrites its own files
    lab.sync(bo)
    texts = share_texts(lab, anne)
    for name, text in texts.items():
        for secret in ("Testesen", "spiller", "12 34 56 78", "Engparken 12"):
            assert secret not in text, (name, secret)
    assert any("Borgersen" in text for text in texts.values())  # the other case is untouched
    # Every file still decodes, and a laptop joining later gets the same, erased, data
    carl = lab.laptop("carl")
    lab.sync_all(rounds=2)
    assert "spiller" not in texts_of_case(carl, case_id)
    assert "Beholdt" in texts_of_case(carl, keep_id)


def test_a_laptop_that_receives_an_erasure_deletes_its_older_backups(lab: LaptopLab) -> None:
    from boligdesk.models.restore import list_backups

    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = rich_closed_case(anne)
    lab.sync_all()
    assert list_backups(bo.profile)  # Bo backed up before applying Anne's files
    desk(anne).erasure.erase([case_id])
    lab.sync(anne)
    lab.sync(bo)
    assert list_backups(bo.profile) == []  # the pre-sync copy of this very sync held the values too
    assert "spiller" not in texts_of_case(bo, case_id)
    new_case(anne, first_name="Senere")
    lab.sync(anne)
    lab.sync(bo)
    assert len(list_backups(bo.profile)) == 1  # later syncs back up as before


def test_an_offline_edit_of_a_field_alone_gets_the_notice_and_is_not_kept(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = rich_closed_case(anne)
    lab.sync_all()
    desk(bo, adviser="Bo Rådgiver").tenant.set_field(case_id, "phone", "87 65 43 21")
    desk(anne).erasure.erase([case_id])  # later than Bo's edit, but Anne had not seen it
    lab.sync(anne)
    summary = lab.sync(bo)
    assert [w for w in summary.warnings if "slettet på en anden computer" in w]
    lab.sync(anne)  # Bo's edit lost to the erasure (a later clock): no conflict keeps it
    for laptop in (anne, bo):
        with laptop.session() as s:
            assert s.scalars(select(Person.phone)).one() == ""
            assert all("87 65" not in c.kept_value + c.lost_value for c in s.scalars(select(SyncConflict)))


def test_erasure_reaches_consents_and_applications_and_keeps_the_teams_contacts(store: Store) -> None:
    """Tables added with the municipality work (consent, applications, the case's contacts) are in the
    personal-data map: their free text goes with the case, the team's professional contact stays."""
    from boligdesk.budget.cooperation import ApplicationKind, ConsentHow, ContactRole, ShareWith
    from boligdesk.models import Application, CaseContact, Consent, Contact

    case_id = rich_closed_case(store)
    with store.session() as s:
        contact = Contact(role=ContactRole.CASEWORKER, name="Ole Sagsbehandler", organisation="Jobcentret")
        s.add(contact)
        s.flush()
        s.add(CaseContact(case_id=case_id, contact_id=contact.id))
        s.add(
            Consent(
                case_id=case_id,
                share_with=ShareWith.BANK,
                scope="Mettes spillegæld hos banken",
                given_on=dt.date(2024, 11, 1),
                how=ConsentHow.WRITTEN,
            )
        )
        s.add(
            Application(
                case_id=case_id,
                kind=ApplicationKind.HOUSING_BENEFIT,
                sent_on=dt.date(2024, 11, 2),
                note="Mette spiller på nettet om natten",
            )
        )
    desk(store).erasure.erase([case_id])
    with store.session() as s:
        consent = s.scalars(select(Consent)).one()
        application = s.scalars(select(Application)).one()
        assert "Mette" not in consent.scope and "Mette" not in application.note
        assert (consent.share_with, consent.given_on) == (ShareWith.BANK, dt.date(2024, 11, 1))
        assert application.kind == ApplicationKind.HOUSING_BENEFIT  # a fact the statistics may count
        assert s.scalars(select(Contact.name)).one() == "Ole Sagsbehandler"
        assert s.scalars(select(CaseContact)).one().case_id == case_id
