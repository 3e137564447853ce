"""The command line's own texts are Danish, and a reader that stops early ends it quietly."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boligdesk import cli_danish
from boligdesk.cli import EXIT_BROKEN_PIPE, build_parser, main

PASSPHRASE = "demo-kodeord-1234"


def test_help_is_danish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("brug: boligdesk")
    assert "tilvalg:" in out
    assert "vis denne hjælp og afslut" in out
    assert "vis programmets version og afslut" in out
    for english in ("usage:", "options:", "show this help", "show program's version"):
        assert english not in out


def test_subcommand_help_is_danish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["cases", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("brug: boligdesk cases")
    assert "tilvalg:" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--ingen-sådan"], "boligdesk: fejl: ukendte argumenter: --ingen-sådan"),
        (["demo", "--cases", "mange"], "boligdesk demo: fejl: argument --cases: ugyldig værdi: 'mange'"),
        (["findes-ikke"], "boligdesk: fejl: argument KOMMANDO: ugyldigt valg: 'findes-ikke' (vælg mellem"),
        (["demo", "--cases"], "boligdesk demo: fejl: argument --cases: forventede ét argument"),
    ],
)
def test_errors_are_danish(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("brug: boligdesk")
    assert message in err
    assert "error:" not in err and "usage:" not in err


def test_every_text_argparse_shows_a_user_is_in_the_table() -> None:
    # The texts a user can meet (help, usage, wrong arguments); argparse's programming errors stay English.
    for english in (
        "usage: ",
        "options",
        "positional arguments",
        "show this help message and exit",
        "%(prog)s: error: %(message)s\n",
        "unrecognized arguments: %s",
        "the following arguments are required: %s",
        "invalid choice: %(value)r (choose from %(choices)s)",
        "expected one argument",
    ):
        danish = cli_danish.gettext(english)
        assert danish != english or english.startswith("argument")
    assert (
        cli_danish.ngettext("expected %s argument", "expected %s arguments", 2) == "forventede %s argumenter"
    )
    assert cli_danish.gettext("a text nobody translated") == "a text nobody translated"


def test_missing_required_argument_is_danish(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    parser.add_argument("--påkrævet", required=True)
    with pytest.raises(SystemExit):
        parser.parse_args([])
    assert "fejl: disse argumenter mangler: --påkrævet" in capsys.readouterr().err


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pipe") / "profil"
    env = dict(os.environ, BOLIGDESK_INSECURE_FAST_KDF="1", BOLIGDESK_PASSPHRASE=PASSPHRASE)
    subprocess.run(
        [sys.executable, "-m", "boligdesk", "demo", "--data-dir", str(folder), "--cases", "40"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder


def test_reader_closing_the_pipe_early_ends_quietly(demo_dir: Path) -> None:
    """``boligdesk cases --json | head -1``: one line read, then the pipe is closed."""
    env = dict(os.environ, BOLIGDESK_INSECURE_FAST_KDF="1", BOLIGDESK_PASSPHRASE=PASSPHRASE)
    read_end, write_end = os.pipe()
    # The smallest pipe Linux allows (one page), so the 40 cases cannot all fit in it before the
    # reader closes its end: the program is still writing when the pipe breaks, as with `head -1`.
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen(
        [sys.executable, "-m", "boligdesk", "cases", "--json", "--all", "--data-dir", str(demo_dir)],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        first = reader.readline()
    _out, err = proc.communicate(timeout=120)
    assert first.startswith(b'{"id": ')
    assert err.decode() == ""  # no BrokenPipeError traceback, no "Exception ignored" line
    assert proc.returncode == EXIT_BROKEN_PIPE


def test_cases_json_through_head_in_a_shell(demo_dir: Path) -> None:
    env = dict(os.environ, BOLIGDESK_INSECURE_FAST_KDF="1", BOLIGDESK_PASSPHRASE=PASSPHRASE)
    command = f"'{sys.executable}' -m boligdesk cases --json --all --data-dir '{demo_dir}' | head -1"
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""
