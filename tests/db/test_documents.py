"""Documents received on a case (issue 16): attached only as a real PDF/PNG/JPEG within the size limit,
kept encrypted in the store, synced between independently created laptops (a hostile file refused whole),
erased with the case on every laptop, and handed out in the citizen's access export."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.documents import MAX_DOCUMENT_BYTES, DocumentKind, FileType
from boligdesk.budget.vocabulary import AuditAction, Outcome
from boligdesk.models import AuditEvent, Case, Document
from boligdesk.models.store import Store
from boligdesk.services.changes import Part
from boligdesk.sync.fileformat import Body, decode, encode, seq_from_name
from boligdesk.sync.simulation import LaptopLab
from tests.db.case_setup import TODAY, desk, new_case, refused

#: A small but real PDF (one empty page), invented; the marker text lets a test find its bytes.
MARKER = b"BoligDesk-testdokument-7f3a"


def tiny_pdf(marker: bytes = MARKER) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
    ]
    stream = b"% " + marker + b"\n"
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32 + MARKER
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32 + MARKER


def attach(
    store: Store, case_id: str, name: str = "påkrav.pdf", data: bytes | None = None, **kw: object
) -> str:
    values: dict[str, object] = {"kind": DocumentKind.DEMAND, "received_on": dt.date(2026, 3, 2)}
    values.update(kw)
    return (
        desk(store).documents.attach_bytes(case_id, name, tiny_pdf() if data is None else data, **values).id
    )  # type: ignore[arg-type]


def test_attach_list_view_save_and_delete(store: Store, tmp_path: Path) -> None:
    d = desk(store)
    case_id = new_case(store)
    source = tmp_path / "ind" / "Påkrav fra boligselskabet.pdf"
    source.parent.mkdir()
    source.write_bytes(tiny_pdf())
    created = d.documents.attach(
        case_id, source, kind="demand", title="  Påkrav  marts ", received_on=dt.date(2026, 3, 2)
    )
    assert created.changes.touches(case_id, Part.DOCUMENTS)
    attach(store, case_id, "scan.png", PNG, kind=DocumentKind.SIGNED_AGREEMENT, title="")
    attach(store, case_id, "brev.JPG", JPEG, kind="benefit_decision", received_on=None)

    listed = d.documents.for_case(case_id)
    assert [(r.kind, r.title, r.file_type) for r in listed.rows] == [
        (DocumentKind.DEMAND, "Påkrav marts", FileType.PDF),
        (DocumentKind.SIGNED_AGREEMENT, "Underskrevet aftale", FileType.PNG),  # no title: the kind
        (DocumentKind.BENEFIT_DECISION, "Afgørelse om ydelse", FileType.JPEG),  # no date: last
    ]
    first = listed.rows[0]
    assert (first.file_name, first.size, first.sha256) == (
        "Påkrav fra boligselskabet.pdf",
        len(tiny_pdf()),
        hashlib.sha256(tiny_pdf()).hexdigest(),
    )
    assert (first.added_by, first.added_on, first.received_text) == ("Rikke Rådgiver", TODAY, "02.03.2026")
    assert listed.total_bytes == len(tiny_pdf()) + len(PNG) + len(JPEG)
    assert listed.total_text == f"3 dokumenter, {listed.total_bytes} byte i alt"

    # Viewing hands the bytes over in memory and records the opening.
    opened = d.documents.content(first.id)
    assert opened.data == tiny_pdf()
    # "Gem som…" writes where the adviser chose (the type's ending added) and records the folder only.
    target = d.documents.save_as(first.id, tmp_path / "ud" / "Mettes påkrav")
    assert target.name == "Mettes påkrav.pdf" and target.read_bytes() == tiny_pdf()
    with store.session() as s:
        events = [
            (e.action, e.detail)
            for e in s.scalars(
                select(AuditEvent).where(AuditEvent.entity == "document").order_by(AuditEvent.at)
            )
        ]
    assert (AuditAction.OPEN, "vist") in events
    assert (AuditAction.EXPORT, f"gemt som fil i {tmp_path / 'ud'}") in events
    assert all("Mettes" not in detail for _a, detail in events)
    from boligdesk.services.audit_log import entity_label

    assert entity_label("document") == "Dokument"

    removed = d.documents.delete(case_id, first.id)
    assert removed.touches(case_id, Part.DOCUMENTS)
    assert [r.title for r in d.documents.for_case(case_id).rows] == [
        "Underskrevet aftale",
        "Afgørelse om ydelse",
    ]
    assert refused(d.documents.content, first.id).code == "document.not_found"
    assert d.documents.team_total() == (2, len(PNG) + len(JPEG))


def test_a_file_over_the_limit_is_refused_naming_the_limit_and_its_size_and_is_not_read(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = new_case(store)
    big = tmp_path / "fogedret.pdf"
    with big.open("wb") as fh:  # sparse: 25 MiB on paper, nothing on disk
        fh.write(b"%PDF-1.4\n")
        fh.truncate(25 * 1024 * 1024)
    read: list[Path] = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or b"")
    error = refused(desk(store).documents.attach, case_id, big, kind="bailiff_summons")
    assert error.code == "document.too_large"
    assert "25,0 MB" in error.message and "højst fylde 20 MB" in error.message
    assert read == []
    # One byte over the limit in memory too, and nothing is stored.
    over = b"%PDF-" + b"0" * (MAX_DOCUMENT_BYTES - 4)
    assert refused(attach, store, case_id, "stor.pdf", over).code == "document.too_large"
    assert desk(store).documents.for_case(case_id).rows == ()


def test_exactly_the_limit_is_accepted(store: Store) -> None:
    case_id = new_case(store)
    attach(store, case_id, "grænse.pdf", b"%PDF-" + b"0" * (MAX_DOCUMENT_BYTES - 5))
    assert desk(store).documents.for_case(case_id).total_text == "1 dokument, 20,0 MB i alt"


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        ("påkrav.pdf", b"Dette er ikke en PDF, bare tekst", "document.wrong_type", "ikke en PDF-fil"),
        ("påkrav.pdf", PNG, "document.wrong_type", "indholdet er en PNG-fil"),
        ("scan.png", tiny_pdf(), "document.wrong_type", "indholdet er en PDF-fil"),
        ("virus.exe", b"MZ\x90\x00", "document.wrong_type", "hverken en PDF-fil eller et billede"),
        ("påkrav", tiny_pdf(), "document.wrong_type", "skal hedde .pdf"),
        ("tom.pdf", b"", "document.empty", "er tom (0 byte)"),
    ],
    ids=["fake-pdf", "png-named-pdf", "pdf-named-png", "program", "no-ending", "zero-bytes"],
)
def test_a_file_that_is_not_what_its_name_says_or_is_empty_is_refused(
    store: Store, name: str, data: bytes, code: str, words: str
) -> None:
    case_id = new_case(store)
    error = refused(attach, store, case_id, name, data)
    assert error.code == code and words in error.message and name in error.message
    assert desk(store).documents.for_case(case_id).rows == ()


def test_a_date_received_in_the_future_and_an_unknown_kind_are_refused(store: Store) -> None:
    case_id = new_case(store)
    assert refused(attach, store, case_id, received_on=TODAY + dt.timedelta(days=1)).field == "received_on"
    assert refused(attach, store, case_id, kind="lejekontrakt").field == "kind"


def test_the_file_is_not_in_the_database_file_in_plain(store: Store) -> None:
    case_id = new_case(store)
    attach(store, case_id)
    store.close()
    raw = store.profile.db_path.read_bytes()
    assert MARKER not in raw and b"%PDF-1.4" not in raw


# --- sync: two laptops created independently -------------------------------------------------------
@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, independent=True)
    yield lab
    lab.close()


def closed_case(store: Store) -> str:
    case_id = new_case(store)
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.closed_on = dt.date(2025, 1, 15)
        case.outcome = Outcome.REPAYMENT_PLAN
    return case_id


def stored_bytes(store: Store) -> list[bytes | None]:
    with store.session() as s:
        return list(s.scalars(select(Document.content)))


def test_documents_sync_between_independent_laptops_and_are_erased_on_both(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = closed_case(anne)
    doc_id = attach(anne, case_id, title="Påkrav til Mette Testesen")
    lab.sync_all()
    on_bo = desk(bo).documents
    [row] = on_bo.for_case(case_id).rows
    assert (row.id, row.title, row.sha256) == (
        doc_id,
        "Påkrav til Mette Testesen",
        hashlib.sha256(tiny_pdf()).hexdigest(),
    )
    assert on_bo.content(doc_id).data == tiny_pdf()
    assert on_bo.team_total() == (1, len(tiny_pdf()))

    desk(anne).erasure.erase([case_id])
    lab.sync_all()
    for laptop in (anne, bo):
        assert stored_bytes(laptop) == [None]
        [erased] = desk(laptop).documents.for_case(case_id).rows
        assert erased.erased and "Mette" not in erased.title + erased.file_name
        assert erased.kind is DocumentKind.DEMAND  # the fact that a påkrav came is kept
        assert refused(desk(laptop).documents.content, doc_id).code == "document.erased"


def test_a_deleted_document_is_deleted_on_the_other_laptop(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    doc_id = attach(anne, case_id)
    lab.sync_all()
    desk(bo).documents.delete(case_id, doc_id)
    lab.sync_all()
    assert desk(anne).documents.for_case(case_id).rows == ()


def _replace_content(row: dict[str, object], data: bytes) -> None:
    """Other bytes with a matching size and checksum: only the type check can catch them."""
    row.update(
        content=base64.b64encode(data).decode(), size=len(data), sha256=hashlib.sha256(data).hexdigest()
    )


def _rewrite_documents(lab: LaptopLab, store: Store, change: object) -> Path:
    """Re-encrypt ``store``'s last sent file with its document rows changed (a hostile member's file)."""
    connection = lab.connections[store.device_id]
    key = connection.team.file_key(connection.team_key)
    folder = connection.team.outbox(store.device_id)
    path = max(
        (p for p in folder.iterdir() if seq_from_name(p.name)), key=lambda p: seq_from_name(p.name) or 0
    )
    seq = seq_from_name(path.name)
    assert seq is not None
    header, body = decode(
        path.read_bytes(), key, team=connection.team.team_id, device=store.device_id, seq=seq
    )
    assert callable(change)
    for row in body.rows["documents"]:
        change(row)
    path.write_bytes(encode(header, Body(body.mark, body.knowledge, body.rows), key))
    return path


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda row: row.update(content=base64.b64encode(tiny_pdf(b"ombyttet-indhold-00")).decode()),
            "kontrolsum",
        ),
        (
            lambda row: row.update(
                content=base64.b64encode(b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES).decode(),
                size=MAX_DOCUMENT_BYTES + 5,
            ),
            "grænsen er 20 MB",
        ),
        (lambda row: row.update(size=MAX_DOCUMENT_BYTES + 1), "grænsen er 20 MB"),
        (lambda row: row.update(content="ikke base64!"), "beskadiget"),
        (lambda row: _replace_content(row, b"MZ\x90\x00 et program, ikke en PDF"), "udgiver sig for"),
        (lambda row: _replace_content(row, PNG), "udgiver sig for"),  # a PNG sent as application/pdf
    ],
    ids=["checksum-mismatch", "too-large", "size-claimed-too-large", "not-base64", "program", "png-as-pdf"],
)
def test_a_hostile_document_refuses_the_whole_file_and_nothing_is_applied(
    lab: LaptopLab, change: object, words: str
) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    attach(anne, case_id)
    lab.sync(anne)
    path = _rewrite_documents(lab, anne, change)
    summary = lab.sync(bo)
    assert len(summary.refused) == 1 and summary.refused[0].name == path.name
    assert words in summary.refused[0].reason and "Intet fra filen er brugt" in summary.refused[0].reason
    with bo.session() as s:
        assert s.scalars(select(Document)).all() == []
        assert s.get(Case, case_id) is None  # the case in the same file is not applied either


def test_the_access_export_lists_the_documents_and_writes_them_beside(store: Store, tmp_path: Path) -> None:
    d = desk(store)
    case_id = new_case(store)
    pdf_id = attach(store, case_id, title="Påkrav: marts/april")
    png_id = attach(store, case_id, "aftale.png", PNG, kind="signed_agreement", received_on=None)
    export = d.access.collect(case_id)
    items = {i.key: i for i in export.items if i.table == "documents"}
    assert set(items) == {f"documents:{pdf_id}", f"documents:{png_id}"}
    shown = {v.label: v.shown for v in items[f"documents:{pdf_id}"].values}
    assert shown["Type"] == "Påkrav" and shown["Modtaget"] == "02.03.2026" and shown["Filtype"] == "PDF"
    assert shown["Størrelse"] == f"{len(tiny_pdf())} byte" and shown["Vedhæftet af"] == "Rikke Rådgiver"
    assert shown["Fil"].startswith("Udleveres som filen »")

    released = d.access.release(export, tmp_path / "indsigt.pdf", redacted={f"documents:{png_id}"})
    assert released.documents == tmp_path / "indsigt - dokumenter"
    files = sorted(released.documents.iterdir())
    assert [p.name for p in files] == ["01 Påkrav_ marts_april 02.03.2026.pdf"]
    assert files[0].read_bytes() == tiny_pdf()
    data = json.loads(released.json.read_text(encoding="utf-8"))
    rows = data["tabeller"]["documents"]
    assert {"fil": files[0].name} in [r.get("content") for r in rows]
    assert {"udeladt": True} in rows
    assert "pdf_base64" not in released.json.read_text(encoding="utf-8")  # the bytes are beside, not inside
    assert any("dokumenter" in line for line in released.lines())


def test_no_plaintext_of_a_viewed_document_is_left_in_the_temp_folder_or_the_profile(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    case_id = new_case(store)
    doc_id = attach(store, case_id)
    d = desk(store)
    assert d.documents.content(doc_id).data == tiny_pdf()
    d.documents.for_case(case_id)
    store.close()
    assert_no_plaintext(temp, store.profile.folder)


def assert_no_plaintext(*folders: Path) -> None:
    """No file under ``folders`` holds the test document's marker (plain or zlib-compressed)."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert MARKER not in data and MARKER not in _inflated(data), path


def _inflated(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return b""


def test_a_database_from_release_1_gets_the_documents_table_and_its_old_case_takes_a_document(
    tmp_path: Path,
) -> None:
    """Release 1.0.0 (revision 0001) had no documents: opening its database upgrades it (0002)."""
    import secrets

    from boligdesk.models.keys import KdfParams, wrap_key, write_key_file
    from boligdesk.models.migrate import RELEASES, current_revision, head_revision, upgrade_to
    from boligdesk.models.store import Profile, make_engine, open_store
    from tests.db.test_release_schema import _insert

    profile = Profile(tmp_path / "profil")
    profile.folder.mkdir()
    key = secrets.token_bytes(32)
    engine = make_engine(profile.db_path, key)
    try:
        upgrade_to(engine, RELEASES["1.0.0"])
        with engine.begin() as conn:
            _insert(conn, "persons", id="p-1", first_name="Åse", last_name="Ørbæk")
            _insert(conn, "cases", id="c-1", number="2026-0001", tenant_id="p-1", kind="eviction_threat",
                    phase="new", letters_reach_tenant="unknown", arrears=0)  # fmt: skip
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()
    write_key_file(
        profile.key_path, wrap_key(key, "Et kodeord til test 2026", "a1b2c3d4", KdfParams.fast_for_tests())
    )
    store = open_store(profile, key=key)
    try:
        assert current_revision(store.engine) == head_revision() != "0001"
        doc_id = attach(store, "c-1")
        assert [r.id for r in desk(store).documents.for_case("c-1").rows] == [doc_id]
    finally:
        store.close()


def test_the_file_is_the_last_column_so_lists_never_read_it(store: Store) -> None:
    """SQLite reads a column after a large value by walking its overflow pages (with SQLCipher: decrypting
    them): listing a case with one 20 MiB document took 1 s before ``content`` was made the last column,
    1 ms after. The migration must keep it last."""
    from sqlalchemy import text

    with store.session() as s:
        columns = [row[1] for row in s.execute(text("PRAGMA table_info(documents)"))]
    assert columns[-1] == "content"


def test_the_documents_benchmark_runs_small(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m benchmarks bench_documents --smoke`` still runs (1 MiB); speed is judged there, not here."""
    from benchmarks import bench_documents

    monkeypatch.setattr("sys.argv", ["bench_documents", "--smoke", "--json", "1"])
    assert bench_documents.main() == 0
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert data["benchmark"] == "documents" and set(data["figures"]) >= {"list_ms", "attach_s", "open_s"}
