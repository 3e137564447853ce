"""A row two laptops create independently under the same derived id (a setting) converges everywhere,
and the losing value is kept as a conflict — never two laptops each keeping their own forever."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.letters.letterhead import Letterhead
from boligdesk.models import SyncConflict
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.sync.simulation import LaptopLab


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path)  # no template: each laptop's profile is made on its own
    yield lab
    lab.close()


def organisation(store: Store) -> str:
    return Desk(store).letters.letterhead().organisation


def open_conflicts(store: Store) -> list[SyncConflict]:
    with store.session() as s:
        return list(s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))))


def test_a_letterhead_set_on_two_laptops_before_their_first_sync_converges_with_a_conflict(
    lab: LaptopLab,
) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    Desk(anne, adviser_name="Anne").letters.set_letterhead(Letterhead(organisation="Boligrådgivningen Nord"))
    Desk(bo, adviser_name="Bo").letters.set_letterhead(Letterhead(organisation="Boligrådgivningen Syd"))
    for _ in range(2):
        lab.sync(anne)
        lab.sync(bo)
    assert organisation(anne) == organisation(bo) == "Boligrådgivningen Syd"  # the newer one
    kept = [c for store in (anne, bo) for c in open_conflicts(store) if c.table_name == "settings"]
    assert kept, "the losing letterhead must be kept as a conflict"
    assert any("Nord" in (c.lost_value or "") + (c.kept_value or "") for c in kept)
