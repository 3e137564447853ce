"""Property tests: random offline edit histories on 2–4 laptops, synced in random order.

After every laptop has synced twice, all laptops hold the same data, and every value anyone entered is
either current or kept in a conflict list — unless the same laptop's user overwrote it while seeing it
(an ordinary edit). Running the sync again changes nothing. The last property runs with laptops created
independently (each its own profile and join, not clones of a template), with laptops retired and the team
key rotated inside the random histories.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from boligdesk.errors import StoreError
from boligdesk.models import Case, JournalNote, Person, SyncConflict
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.sync.connection import TeamConnection
from boligdesk.sync.rekey import rotate_team_key
from boligdesk.sync.serialize import value_from_text
from boligdesk.sync.simulation import TEAM_PASSPHRASE, LaptopLab, Snapshot, Template, make_template, snapshot

FIELDS = ("phone", "email", "last_name")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


def dump(store: Store) -> Snapshot:
    return snapshot(store)


def share_files(lab: LaptopLab) -> list[str]:
    return sorted(str(p.relative_to(lab.share)) for p in lab.share.rglob("*.bdsync"))


@dataclass
class History:
    """What the simulated users typed, and which values they overwrote while seeing them."""

    entered: list[tuple[str, str, str]] = field(default_factory=list)  # (row id, field, value)
    overwritten_knowingly: set[tuple[str, str, str]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    counter: int = 0

    def next_value(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"


def visible_persons(store: Store) -> list[str]:
    with store.session() as s:
        return sorted(s.scalars(select(Person.id).where(Person.deleted.is_(False))))


def all_persons(store: Store) -> list[str]:
    with store.session() as s:
        return sorted(s.scalars(select(Person.id)))


Op = tuple[str, int, int, int]
ops_strategy = st.lists(
    st.tuples(
        st.sampled_from(["edit", "edit", "edit", "delete", "restore", "note", "new", "sync", "sync"]),
        st.integers(0, 3),  # laptop
        st.integers(0, 20),  # row pick
        st.integers(0, len(FIELDS) - 1),  # field pick
    ),
    max_size=30,
)


def run_history(lab: LaptopLab, laptops: list[Store], ops: list[Op], history: History, case_id: str) -> None:
    for kind, laptop_pick, row_pick, field_pick in ops:
        store = laptops[laptop_pick % len(laptops)]
        if kind == "sync":
            lab.sync(store)
            continue
        if kind == "note":
            text = history.next_value("notat")
            history.notes.append(text)
            with store.session() as s:
                s.add(JournalNote(case_id=case_id, text=text, author="Test"))
            continue
        if kind == "new":
            name = history.next_value("fornavn")
            with store.session() as s:
                person = Person(first_name=name)
                s.add(person)
                s.flush()
                history.entered.append((person.id, "first_name", name))
            continue
        candidates = all_persons(store) if kind == "restore" else visible_persons(store)
        if not candidates:
            continue
        person_id = candidates[row_pick % len(candidates)]
        with store.session() as s:
            person = s.get(Person, person_id)
            assert person is not None
            if kind == "delete":
                person.deleted = True
            elif kind == "restore":
                person.deleted = False
            else:
                name = FIELDS[field_pick]
                value = history.next_value(name)
                history.overwritten_knowingly.add((person_id, name, getattr(person, name)))
                setattr(person, name, value)
                history.entered.append((person_id, name, value))


def conflict_values(laptops: list[Store]) -> set[tuple[str, str, object]]:
    found: set[tuple[str, str, object]] = set()
    for store in laptops:
        with store.session() as s:
            for c in s.scalars(select(SyncConflict)):
                found.add((c.row_id, c.field, value_from_text(c.lost_value)))
                found.add((c.row_id, c.field, value_from_text(c.kept_value)))
    return found


def new_lab(template: Template, laptop_count: int) -> Iterator[tuple[LaptopLab, list[Store], str]]:
    """A lab whose first laptop made one case with three tenants-to-be, already synced to all."""
    with tempfile.TemporaryDirectory() as folder:
        lab = LaptopLab(Path(folder), template)
        try:
            laptops = [lab.laptop(f"laptop{i}") for i in range(laptop_count)]
            first = laptops[0]
            with first.session() as s:
                persons = [Person(first_name=f"Person {i}", phone="", email="") for i in range(3)]
                s.add_all(persons)
                s.flush()
                case = Case(number="2026-0001", tenant_id=persons[0].id)
                s.add(case)
                s.flush()
                case_id = case.id
            lab.sync_all(rounds=1)
            yield lab, laptops, case_id
        finally:
            lab.close()


@settings(
    max_examples=20,  # 25 before the lifecycle property was added: the file stays near a minute
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(laptop_count=st.integers(2, 4), ops=ops_strategy)
def test_laptops_converge_and_lose_nothing_after_everyone_syncs_twice(
    template: Template, laptop_count: int, ops: list[Op]
) -> None:
    for lab, laptops, case_id in new_lab(template, laptop_count):
        history = History()
        run_history(lab, laptops, ops, history, case_id)

        lab.sync_all(rounds=2)

        dumps = [dump(store) for store in laptops]
        for other in dumps[1:]:
            assert other == dumps[0]

        current: dict[tuple[str, str], object] = {}
        with laptops[0].session() as s:
            for person in s.scalars(select(Person)):
                for name in (*FIELDS, "first_name"):
                    current[(person.id, name)] = getattr(person, name)
        kept_in_conflicts = conflict_values(laptops)
        for row_id, name, value in history.entered:
            if (row_id, name, value) in history.overwritten_knowingly:
                continue
            assert current[(row_id, name)] == value or (row_id, name, value) in kept_in_conflicts, (
                f"{name}={value!r} was lost"
            )

        with laptops[0].session() as s:
            notes = set(s.scalars(select(JournalNote.text)))
            note_conflicts = s.scalars(
                select(SyncConflict).where(SyncConflict.table_name == "journal_notes")
            ).all()
        assert set(history.notes) <= notes
        assert note_conflicts == []

        files_before = share_files(lab)
        summaries = lab.sync_all(rounds=1)
        assert [dump(store) for store in laptops] == dumps
        assert share_files(lab) == files_before
        assert all(s.sent_rows == 0 and s.received_rows == 0 for s in summaries)


sequential_ops = st.lists(
    # Few rows and fields, so laptops often change what another laptop changed before.
    st.tuples(st.integers(0, 3), st.integers(0, 1), st.integers(0, 1), st.sampled_from([False] * 5 + [True])),
    min_size=3,
    max_size=15,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(laptop_count=st.integers(2, 4), ops=sequential_ops)
def test_edits_made_after_syncing_never_show_up_as_conflicts(
    template: Template, laptop_count: int, ops: list[tuple[int, int, int, bool]]
) -> None:
    for lab, laptops, _case_id in new_lab(template, laptop_count):
        history = History()
        for laptop_pick, row_pick, field_pick, delete in ops:
            store = laptops[laptop_pick % len(laptops)]
            lab.sync(store)  # see everything the others sent
            candidates = visible_persons(store)
            if not candidates:
                continue
            with store.session() as s:
                person = s.get(Person, candidates[row_pick % len(candidates)])
                assert person is not None
                if delete:
                    person.deleted = True
                else:
                    setattr(person, FIELDS[field_pick], history.next_value(FIELDS[field_pick]))
            lab.sync(store)  # and send the edit straight away
        lab.sync_all(rounds=2)
        for store in laptops:
            with store.session() as s:
                assert s.scalars(select(SyncConflict)).all() == []


# --- the team's lifecycle: laptops created independently, retired and the key rotated mid-history -------

lifecycle_ops = st.lists(
    st.tuples(
        st.sampled_from(["edit", "edit", "note", "new", "delete", "sync", "sync", "retire", "rotate"]),
        st.integers(0, 3),
        st.integers(0, 20),
        st.integers(0, len(FIELDS) - 1),
    ),
    max_size=20,
)


@dataclass
class Team:
    """The lab's laptops still in the team, and the team passphrase they know now."""

    lab: LaptopLab
    active: list[Store]
    retired: list[Store] = field(default_factory=list)
    #: how many rotations there had been when each retired laptop last synced
    retired_at: dict[str, int] = field(default_factory=dict)
    passphrase: str = TEAM_PASSPHRASE
    rotations: int = 0

    def sync(self, store: Store) -> None:
        try:
            self.lab.sync(store)
        except StoreError as exc:
            assert exc.code == "team_key_rotated", exc.message
            self.lab.join(store, self.passphrase)  # the colleague was given the new passphrase
            self.lab.sync(store)

    def retire(self, by: Store, laptop: Store) -> None:
        self.sync(laptop)  # a replaced laptop: it synced one last time, then is never used again
        self.sync(by)  # the one retiring it has seen its last file
        Desk(by, adviser_name="Test").sync.retire(laptop.device_id, "Udskiftet")
        self.active.remove(laptop)
        self.retired.append(laptop)
        self.retired_at[laptop.device_id] = self.rotations

    def rotate(self, by: Store) -> None:
        self.rotations += 1
        new = f"{TEAM_PASSPHRASE} nr. {self.rotations}"
        connection = self.lab.connections[by.device_id]
        rotated = rotate_team_key(connection.team, connection.team_key, new, new)
        self.lab.connections[by.device_id] = TeamConnection(rotated.team, rotated.team_key)
        self.passphrase = new


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(laptop_count=st.integers(2, 3), ops=lifecycle_ops)
def test_independent_laptops_with_retirements_and_key_rotations_converge_and_lose_nothing(
    laptop_count: int, ops: list[Op]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lab = LaptopLab(Path(folder), independent=True)
        try:
            laptops = [lab.laptop(f"laptop{i}") for i in range(laptop_count)]
            with laptops[0].session() as s:
                tenant = Person(first_name="Person 0", phone="", email="")
                s.add(tenant)
                s.flush()
                case = Case(number="2026-0001", tenant_id=tenant.id)
                s.add(case)
                s.flush()
                case_id = case.id
            lab.sync_all(rounds=2)
            team = Team(lab, list(laptops))
            history = History()
            for op in ops:
                kind, pick = op[0], op[1]
                store = team.active[pick % len(team.active)]
                if kind == "sync":
                    team.sync(store)
                elif kind == "retire":
                    others = [x for x in team.active if x is not store]
                    if others:
                        team.retire(store, others[op[2] % len(others)])
                        event("a laptop retired")
                elif kind == "rotate":
                    team.sync(store)  # it must hold the current key to rotate it
                    team.rotate(store)
                    event("the team key rotated")
                else:
                    run_history(lab, [store], [op], history, case_id)

            for _ in range(2):
                for store in team.active:
                    team.sync(store)
            dumps = [dump(store) for store in team.active]
            for other in dumps[1:]:
                assert other == dumps[0]
            current: dict[tuple[str, str], object] = {}
            with team.active[0].session() as s:
                for person in s.scalars(select(Person)):
                    for name in (*FIELDS, "first_name"):
                        current[(person.id, name)] = getattr(person, name)
                notes = set(s.scalars(select(JournalNote.text)))
            kept = conflict_values(team.active)
            for row_id, name, value in history.entered:
                if (row_id, name, value) in history.overwritten_knowingly:
                    continue
                assert current[(row_id, name)] == value or (row_id, name, value) in kept, (
                    f"{name}={value!r} lost"
                )
            assert set(history.notes) <= notes
            for gone in team.retired:
                if team.rotations > team.retired_at[gone.device_id]:
                    with pytest.raises(StoreError):  # the key was rotated after it left: it is shut out
                        lab.sync(gone)
        finally:
            lab.close()
