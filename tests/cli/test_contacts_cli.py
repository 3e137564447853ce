"""``boligdesk contacts list/add/link/unlink`` run as a user would: a real subprocess on a temporary
profile; every mistake is a Danish message, never a traceback (invented data)."""

from __future__ import annotations

import json
from pathlib import Path

from boligdesk.budget.money import Money
from boligdesk.models.store import Profile, open_store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from tests.cli.test_import_terminations_cli import _run, data_dir  # noqa: F401  (the fixture)
from tests.conftest import TEST_PASSPHRASE


def _add_case(folder: Path) -> str:
    store = open_store(Profile(folder), passphrase=TEST_PASSPHRASE)
    try:
        desk = Desk(store, adviser_name="Rikke Rådgiver")
        data = NewCase(
            first_name="Mette",
            last_name="Testesen",
            address_line="Engparken 12, st. tv.",
            postcode="2400",
            city="København NV",
            rent=Money.kr(6500),
            arrears=Money.kr(13000),
        )
        created = desk.cases.create(data)
        return desk.cases.header(created.id).number  # type: ignore[union-attr]
    finally:
        store.close()


def _failed(result: object) -> str:
    assert result.returncode == 2, result
    stderr = str(result.stderr)
    assert "Traceback" not in stderr
    return stderr


def test_add_list_link_and_unlink_a_contact(data_dir: Path) -> None:  # noqa: F811
    folder = ("--data-dir", str(data_dir))
    empty = _run("contacts", "list", *folder)
    assert empty.returncode == 0 and "Ingen kontakter endnu." in empty.stdout
    added = _run(
        "contacts", "add", "--role", "sagsbehandler", "--name", "Lise Opdigtet", "--organisation",
        "Opdigtet Kommune, Ydelsescenter", "--phone", "43 21 00 00", "--hours", "man–tors 9–12",
        "--checked", "01.11.2026", *folder,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Kontakten er oprettet: Lise Opdigtet (Sagsbehandler (kommunen))" in added.stdout
    _run("contacts", "add", "--role", "Varmemester", "--name", "Ole Opdigtet", *folder)

    listed = _run("contacts", "list", "--json", *folder)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["role"], r["name"]) for r in rows] == [
        ("caseworker", "Lise Opdigtet"),
        ("caretaker", "Ole Opdigtet"),
    ]
    assert rows[0]["phone"] == "43 21 00 00" and rows[0]["checked_on"] == "2026-11-01"
    text = _run("contacts", "list", *folder).stdout
    assert "Lise Opdigtet\tOpdigtet Kommune, Ydelsescenter\t43 21 00 00" in text and "aldrig tjekket" in text

    number = _add_case(data_dir)
    linked = _run("contacts", "link", number, "lise opdigtet", *folder)
    assert linked.returncode == 0, linked.stderr
    assert f"Lise Opdigtet (Sagsbehandler (kommunen)) er knyttet til sag {number}." in linked.stdout
    _run("contacts", "link", number, rows[1]["id"], *folder)
    on_case = _run("contacts", "list", "--case", number, "--json", *folder)
    assert [json.loads(line)["name"] for line in on_case.stdout.splitlines()] == [
        "Lise Opdigtet",
        "Ole Opdigtet",
    ]

    assert _run("contacts", "unlink", number, "Ole Opdigtet", *folder).returncode == 0
    on_case = _run("contacts", "list", "--case", number, *folder)
    assert "Ole Opdigtet" not in on_case.stdout and "Lise Opdigtet" in on_case.stdout
    again = _failed(_run("contacts", "unlink", number, "Ole Opdigtet", *folder))
    assert f"Ole Opdigtet er ikke knyttet til sag {number}." in again


def test_mistakes_are_danish_messages(data_dir: Path) -> None:  # noqa: F811
    folder = ("--data-dir", str(data_dir))
    role = _failed(_run("contacts", "add", "--role", "politi", "--name", "X", *folder))
    assert "»politi« er ikke en rolle" in role and "sagsbehandler" in role
    phone = _failed(_run("contacts", "add", "--role", "bank", "--name", "Bo", "--phone", "ring mig", *folder))
    assert "»ring mig« er ikke et telefonnummer" in phone
    future = _failed(
        _run("contacts", "add", "--role", "bank", "--name", "Bo", "--checked", "01.01.2099", *folder)
    )
    assert "efter i dag" in future
    nobody = _failed(_run("contacts", "link", "2026-0001", "Ingen Sådan", *folder))
    assert "2026-0001" in nobody or "Ingen Sådan" in nobody
    _run("contacts", "add", "--role", "bank", "--name", "Kundeservice", "--organisation", "Bank A", *folder)
    _run("contacts", "add", "--role", "bank", "--name", "Kundeservice", "--organisation", "Bank B", *folder)
    number = _add_case(data_dir)
    twice = _failed(_run("contacts", "link", number, "Kundeservice", *folder))
    assert "Flere kontakter hedder »Kundeservice«" in twice and "Bank A" in twice
    unknown_case = _failed(_run("contacts", "list", "--case", "2099-9999", *folder))
    assert "2099-9999" in unknown_case
