"""``boligdesk`` (the window) starts without building the command line's parser: that parser imports every
command module and with them SQLAlchemy, the models, reportlab and the keyring, all before the locked
window could paint (issue 15). Commands and ``--help`` still go through the whole parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from boligdesk.cli import window_only

HEAVY = (
    "sqlalchemy",
    "sqlcipher3",
    "keyring",
    "reportlab",
    "babel",
    "holidays",
    "cryptography",
    "openpyxl",
    "boligdesk.models",
    "boligdesk.services",
    "boligdesk.commands",
)

# The real entry point (what the frozen app and ``python -m boligdesk`` run), with ``run_app`` stood in by
# a probe that reports the folder it was given and what had been imported by then.
PROBE = """
import json, sys
import boligdesk.app as app
def probe(data_dir=None):
    print(json.dumps({"data_dir": None if data_dir is None else str(data_dir),
                      "loaded": sorted(m for m in sys.modules if m.split(".")[0] in %r or m.startswith(%r))}))
    return 0
app.run_app = probe
from boligdesk.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def _start(*args: str) -> dict[str, object]:
    roots = tuple({name.split(".")[0] for name in HEAVY if not name.startswith("boligdesk")})
    code = PROBE % (roots, ("boligdesk.models", "boligdesk.services", "boligdesk.commands"))
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert isinstance(answer, dict)
    return answer


@pytest.mark.parametrize(
    ("args", "folder"),
    [
        ([], None),
        (["--data-dir", "/tmp/profil med mellemrum"], "/tmp/profil med mellemrum"),
        (["--data-dir=/tmp/profil"], "/tmp/profil"),
    ],
)
def test_the_window_starts_with_nothing_heavy_imported(args: list[str], folder: str | None) -> None:
    answer = _start(*args)
    assert answer["data_dir"] == folder
    assert answer["loaded"] == []


def test_a_command_still_builds_the_whole_parser(tmp_path: Path) -> None:
    """``--version`` and a command are not the window: the whole parser (with every command) answers."""
    result = subprocess.run(
        [sys.executable, "-m", "boligdesk", "--data-dir", str(tmp_path), "cases"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2  # no profile there: a Danish message, not the window
    assert result.stderr.startswith("Fejl: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (True, None)),
        (["--data-dir", "D"], (True, Path("D"))),
        (["--data-dir=D"], (True, Path("D"))),
        (["--data-dir"], (False, None)),  # the parser reports the missing folder in Danish
        (["--data-dir="], (False, None)),
        (["--data-dir", "--help"], (False, None)),
        (["--data", "D"], (False, None)),  # argparse's abbreviation: the whole parser handles it
        (["--help"], (False, None)),
        (["--version"], (False, None)),
        (["--self-check"], (False, None)),
        (["cases"], (False, None)),
        (["--data-dir", "D", "cases"], (False, None)),
    ],
)
def test_only_the_window_arguments_skip_the_parser(
    argv: list[str], expected: tuple[bool, Path | None]
) -> None:
    assert window_only(argv) == expected
