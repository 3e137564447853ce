"""``boligdesk init``: IT prepares a profile (and the team) without the window; nothing existing is touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from boligdesk.cli import main
from boligdesk.models.store import Profile, open_store
from boligdesk.services.desk import Desk

PASSPHRASE = "Kaffe med mælk kl 9"
TEAM_PASSPHRASE = "Teamets fælles kode 2027"


@pytest.fixture(autouse=True)
def _no_passphrases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOLIGDESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("BOLIGDESK_TEAM_PASSPHRASE", raising=False)


def _open(folder: Path) -> Desk:
    desk = Desk(open_store(Profile(folder), passphrase=PASSPHRASE))
    assert desk.advisers.adopt_current()
    return desk


def test_init_creates_an_encrypted_profile_for_the_adviser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "Hanne" / "profil"
    assert main(["init", "--data-dir", str(folder), "--adviser", "  Hanne   Ærø-Østergaard "]) == 0
    assert f"Profilen er oprettet i {folder} for Hanne Ærø-Østergaard." in capsys.readouterr().out
    assert not Profile(folder).db_path.read_bytes().startswith(b"SQLite format 3")
    desk = _open(folder)
    try:
        assert desk.adviser_name == "Hanne Ærø-Østergaard"
        assert not desk.sync.settings().is_set_up
    finally:
        desk.close()


def test_init_refuses_an_existing_profile_and_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "profil"
    assert main(["init", "--data-dir", str(folder), "--adviser", "Hanne Holm"]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    capsys.readouterr()
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", "En helt anden kode 77")
    assert main(["init", "--data-dir", str(folder), "--adviser", "Ib Ny"]) == 2
    err = capsys.readouterr().err
    assert "Der findes allerede en BoligDesk-profil" in err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    desk = _open(folder)
    try:
        assert desk.adviser_name == "Hanne Holm"
    finally:
        desk.close()


def test_without_passphrase_or_terminal_nothing_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    folder = tmp_path / "profil"
    assert main(["init", "--data-dir", str(folder), "--adviser", "Hanne Holm"]) == 2
    assert "sæt BOLIGDESK_PASSPHRASE" in capsys.readouterr().err
    assert not Profile(folder).exists()


def test_prompted_passphrase_must_be_typed_twice_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter([PASSPHRASE, PASSPHRASE + "x", PASSPHRASE, PASSPHRASE])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    folder = tmp_path / "profil"
    assert main(["init", "--data-dir", str(folder), "--adviser", "Hanne Holm"]) == 2
    assert "De to adgangskoder er ikke ens" in capsys.readouterr().err
    assert not Profile(folder).exists()
    assert main(["init", "--data-dir", str(folder), "--adviser", "Hanne Holm"]) == 0
    _open(folder).close()


@pytest.mark.parametrize(
    ("adviser", "passphrase", "message"),
    [
        ("   ", PASSPHRASE, "Skriv rådgiverens navn"),
        ("Å" * 201, PASSPHRASE, "højst have 200 tegn"),
        ("Hanne Holm", "kort", "mindst"),
    ],
)
def test_bad_input_is_named_and_nothing_is_created(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    adviser: str,
    passphrase: str,
    message: str,
) -> None:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", passphrase)
    folder = tmp_path / "profil"
    assert main(["init", "--data-dir", str(folder), "--adviser", adviser]) == 2
    assert message in capsys.readouterr().err
    assert not Profile(folder).exists()
    assert not Profile(folder).db_path.exists()


def test_the_longest_adviser_name_is_kept_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    name = "Æ" * 200
    assert main(["init", "--data-dir", str(tmp_path / "p"), "--adviser", name]) == 0
    desk = _open(tmp_path / "p")
    try:
        assert desk.adviser_name == name
    finally:
        desk.close()


def test_two_laptops_prepared_with_a_team_share_create_and_join_one_team(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", TEAM_PASSPHRASE)
    share = tmp_path / "fællesdrev" / "BoligDesk"
    share.mkdir(parents=True)
    first, second = tmp_path / "laptop1", tmp_path / "laptop2"
    assert (
        main(["init", "--data-dir", str(first), "--adviser", "Hanne Holm", "--team-share", str(share)]) == 0
    )
    assert "Teamet er oprettet" in capsys.readouterr().out
    assert main(["init", "--data-dir", str(second), "--adviser", "Ib Berg", "--team-share", str(share)]) == 0
    assert "med i teamet" in capsys.readouterr().out
    teams = []
    for folder in (first, second):
        desk = _open(folder)
        try:
            settings = desk.sync.settings()
            assert settings.is_set_up
            assert settings.share_path == share
            teams.append(settings.team_id)
        finally:
            desk.close()
    assert teams[0] == teams[1]


def test_wrong_team_passphrase_keeps_the_profile_and_says_how_to_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", TEAM_PASSPHRASE)
    share = tmp_path / "share"
    share.mkdir()
    assert (
        main(
            ["init", "--data-dir", str(tmp_path / "a"), "--adviser", "Hanne Holm", "--team-share", str(share)]
        )
        == 0
    )
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", "Forkert team kode 999")
    folder = tmp_path / "b"
    assert main(["init", "--data-dir", str(folder), "--adviser", "Ib Berg", "--team-share", str(share)]) == 2
    captured = capsys.readouterr()
    assert "teamet blev ikke sat op" in captured.err
    assert "boligdesk sync --data-dir" in captured.err
    assert "Traceback" not in captured.err
    desk = _open(folder)
    try:
        assert desk.adviser_name == "Ib Berg"
        assert not desk.sync.settings().is_set_up
    finally:
        desk.close()


def test_unreachable_team_share_is_refused_before_the_profile_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", TEAM_PASSPHRASE)
    folder = tmp_path / "p"
    missing = tmp_path / "ikke-forbundet-drev" / "BoligDesk"
    assert (
        main(["init", "--data-dir", str(folder), "--adviser", "Hanne Holm", "--team-share", str(missing)])
        == 2
    )
    assert capsys.readouterr().err.startswith("Fejl: ")
    assert not Profile(folder).exists()


def test_version_is_the_one_version(capsys: pytest.CaptureFixture[str]) -> None:
    import tomllib

    from boligdesk import __version__

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"BoligDesk {__version__}"
    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8"))
    assert "version" not in project["project"], "the version lives only in boligdesk/__init__.py"
    assert project["project"]["dynamic"] == ["version"]


def test_laptops_prepared_with_init_are_named_by_their_adviser_in_the_team_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found in the audit of issue 11: after ``init`` both laptops were listed as »ukendt rådgiver«."""
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", TEAM_PASSPHRASE)
    share = tmp_path / "fællesdrev"
    share.mkdir()
    anne, bo = tmp_path / "anne", tmp_path / "bo"
    assert main(["init", "--data-dir", str(anne), "--adviser", "Anne And", "--team-share", str(share)]) == 0
    assert main(["team", "--data-dir", str(anne), "--list"]) == 0
    assert "(denne computer)  Anne And" in capsys.readouterr().out
    assert main(["init", "--data-dir", str(bo), "--adviser", "Bo Berg", "--team-share", str(share)]) == 0
    for folder in (bo, anne):
        assert main(["sync", "--data-dir", str(folder)]) == 0
    capsys.readouterr()
    assert main(["team", "--data-dir", str(anne), "--list"]) == 0
    listed = capsys.readouterr().out
    assert "Anne And" in listed and "Bo Berg" in listed and "ukendt rådgiver" not in listed
