"""Lost share files: gaps are noticed (in the middle and at the end), re-sent by their laptop, or — for a
laptop that never comes back — accepted as lost, recorded; and the acknowledgement state behind it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.models import Person, SyncLoss
from boligdesk.models.store import Store
from boligdesk.sync.acks import acknowledged
from boligdesk.sync.manifest import MANIFEST_NAME
from boligdesk.sync.simulation import LaptopLab, Template, make_template


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def add_person(store: Store, name: str) -> None:
    with store.session() as s:
        s.add(Person(first_name=name))


def names(store: Store) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(Person.first_name)))


def outbox(lab: LaptopLab, store: Store) -> Path:
    return lab.connections[store.device_id].team.outbox(store.device_id)


def send(lab: LaptopLab, store: Store, name: str) -> Path:
    add_person(store, name)
    summary = lab.sync(store)
    return outbox(lab, store) / summary.sent_file


def acked(store: Store, device: str, seq: int, retired: frozenset[str] = frozenset()) -> bool:
    with store.session() as s:
        return acknowledged(s, device, seq, retired=retired)


def test_a_deleted_middle_file_is_reported_then_resent_by_its_laptop(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    send(lab, anne, "Første")
    send(lab, anne, "Anden").unlink()
    send(lab, anne, "Tredje")
    waiting = lab.sync(bo)
    assert names(bo) == {"Første"}
    assert not waiting.ok
    assert [(g.device, g.first, g.last) for g in waiting.gaps] == [(anne.device_id, 2, 2)]
    text = "\n".join(waiting.lines())
    assert "Fil nr. 2 fra computeren" in text and "mangler" in text
    assert f"boligdesk sync --accept-loss {anne.device_id[:8]}" in text

    resending = lab.sync(anne)
    assert [(r.first, r.last, r.seq) for r in resending.resent] == [(2, 3, 4)]
    assert any("sendt igen i fil nr. 4" in line for line in resending.lines())
    repaired = lab.sync(bo)
    assert repaired.ok, repaired.lines()
    assert names(bo) == {"Første", "Anden", "Tredje"}
    # Once re-sent, the gap is closed for good: no second re-send, nothing waits.
    assert not lab.sync(anne).resent
    assert lab.sync(bo).ok


def test_a_deleted_last_file_is_noticed_through_another_laptops_knowledge(lab: LaptopLab) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    send(lab, anne, "Første")
    last = send(lab, anne, "Sidste")
    lab.sync(bo)  # bo applied anne's file 2 and says so in its manifest
    last.unlink()
    (outbox(lab, anne) / MANIFEST_NAME).unlink()  # anne's own manifest gone too: bo's word is enough
    summary = lab.sync(carl)
    assert names(carl) == {"Første"}
    assert [(g.first, g.last) for g in summary.gaps] == [(2, 2)]
    assert not summary.ok

    resending = lab.sync(anne)
    assert [(r.first, r.last) for r in resending.resent] == [(2, 2)]
    assert lab.sync(carl).ok
    assert names(carl) == {"Første", "Sidste"}
    assert lab.sync(bo).ok  # bo had file 2 already; the re-send merges without harm
    assert names(bo) == {"Første", "Sidste"}


def test_a_missing_last_file_is_noticed_through_its_own_laptops_manifest(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    send(lab, anne, "Første")
    send(lab, anne, "Sidste").unlink()
    summary = lab.sync(bo)
    assert [(g.first, g.last) for g in summary.gaps] == [(2, 2)]
    assert names(bo) == {"Første"}


def test_a_laptop_that_never_comes_back_its_loss_accepted_and_recorded(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    send(lab, anne, "Første")
    send(lab, anne, "Tabt").unlink()
    send(lab, anne, "Efter tabet")
    send(lab, anne, "Også tabt").unlink()
    lab.laptops.remove(anne)
    anne.close()  # anne's laptop is gone for good
    assert not lab.sync(bo).ok
    assert not lab.sync(bo, accept_loss=frozenset({"ukendt1"})).losses_accepted

    accepted = lab.sync(bo, accept_loss=frozenset({anne.device_id[:8]}))
    assert accepted.ok, accepted.lines()
    assert [(g.first, g.last) for g in accepted.losses_accepted] == [(2, 2), (4, 4)]
    assert any("er accepteret og noteret" in line for line in accepted.lines())
    assert names(bo) == {"Første", "Efter tabet"}
    with bo.session() as s:
        losses = s.scalars(select(SyncLoss).order_by(SyncLoss.first_seq)).all()
        assert [(x.device, x.first_seq, x.last_seq, x.accepted_by) for x in losses] == [
            (anne.device_id, 2, 2, "Simuleret rådgiver"),
            (anne.device_id, 4, 4, "Simuleret rådgiver"),
        ]
        assert {x.team for x in losses} == {lab.connections[bo.device_id].team.team_id}
    later = lab.sync(bo)
    assert later.ok and not later.gaps


def test_acknowledged_means_every_active_laptop_has_applied_the_file(lab: LaptopLab) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    for store in (anne, bo, carl):
        lab.sync(store)  # every laptop has an outbox and a manifest
    send(lab, anne, "Første")
    lab.sync(anne)
    assert not acked(anne, anne.device_id, 1)
    lab.sync(bo)
    lab.sync(anne)  # reads bo's manifest
    assert not acked(anne, anne.device_id, 1)
    assert acked(anne, anne.device_id, 1, retired=frozenset({carl.device_id}))
    lab.sync(carl)
    lab.sync(anne)
    assert acked(anne, anne.device_id, 1)
    assert not acked(anne, anne.device_id, 2)
    # bo learnt carl's knowledge from carl's manifest: it agrees.
    lab.sync(bo)
    assert acked(bo, anne.device_id, 1)


def test_an_altered_manifest_is_ignored_and_reported(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    send(lab, anne, "Første")
    manifest = outbox(lab, anne) / MANIFEST_NAME
    original = manifest.read_bytes()
    forged = original.replace(b'\\"last_seq\\":1', b'\\"last_seq\\":9')
    assert forged != original
    manifest.write_bytes(forged)
    summary = lab.sync(bo)
    assert names(bo) == {"Første"}
    assert not summary.gaps  # the forged "wrote up to 9" is not believed
    assert any("Oversigten" in line and "ikke brugt" in line for line in summary.lines())
