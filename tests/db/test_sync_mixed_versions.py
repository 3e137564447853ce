"""Laptops on different BoligDesk versions: the older one refuses what it cannot read, says to update,
and keeps syncing everything else; once updated, it catches up with nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.models import Person
from boligdesk.models.store import Store
from boligdesk.sync import engine, fileformat
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


def test_an_older_laptop_refuses_a_newer_file_says_update_and_keeps_syncing_the_rest(
    lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new, other = lab.laptop("gammel"), lab.laptop("ny"), lab.laptop("anden")
    add_person(other, "Fra den anden")
    lab.sync(other)

    # The "new" laptop runs a BoligDesk that writes format 2.
    next_version = fileformat.FORMAT_VERSION + 1
    with monkeypatch.context() as newer:
        newer.setattr(fileformat, "FORMAT_VERSION", next_version)
        newer.setattr(engine, "Header", _header_with(next_version))
        add_person(new, "Fra den nye")
        lab.sync(new)

    summary = lab.sync(old)
    assert names(old) == {"Fra den anden"}
    assert len(summary.refused) == 1
    assert "nyere version af BoligDesk" in summary.refused[0].reason
    assert "Opdatér" in summary.refused[0].reason
    assert any("Opdatér" in line for line in summary.lines())

    # The old laptop's own changes still reach the others.
    add_person(old, "Fra den gamle")
    lab.sync(old)
    lab.sync(other)
    assert "Fra den gamle" in names(other)

    # Updated, the old laptop applies the held file: nothing was lost.
    with monkeypatch.context() as updated:
        updated.setattr(fileformat, "FORMAT_VERSION", next_version)
        summary = lab.sync(old)
    assert summary.refused == []
    assert names(old) == {"Fra den anden", "Fra den nye", "Fra den gamle"}


def _header_with(version: int) -> type[fileformat.Header]:
    class NewerHeader(fileformat.Header):
        __slots__ = ()

        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs.setdefault("format", version)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    return NewerHeader
