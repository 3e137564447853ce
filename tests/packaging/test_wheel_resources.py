"""The resources in the top-level ``resources/`` reach an installed wheel (decisions §1).

Builds the wheel from a copy of the source (so the checkout stays clean), installs it with ``--no-deps``
into a fresh venv that does not see this one, and reads a letter template, a font, a rate table, the icon
and the changelog through ``boligdesk.resources`` there. ``boligdesk.resources`` imports only the
standard library, so the fresh venv needs none of BoligDesk's dependencies for this.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("boligdesk", "resources", "setup.py", "pyproject.toml", "README.md")

READ_RESOURCES = r"""
import json, sys
from pathlib import Path
import boligdesk, boligdesk.resources as r
assert "site-packages" in boligdesk.__file__, boligdesk.__file__
template = r.resource_path("templates", "afdragsaftale.txt").read_text(encoding="utf-8")
font = r.resource_path("fonts", "DejaVuSans.ttf").read_bytes()
norms = json.loads(r.resource_path("rates", "norms.json").read_text(encoding="utf-8"))
icon = r.resource_path("icons", "boligdesk.png").read_bytes()
changelog = r.resource_path("CHANGELOG.da.md").read_text(encoding="utf-8")
guide = r.resource_path("guide", "chapters.txt").read_text(encoding="utf-8")
for line in guide.splitlines():
    if line.strip() and not line.startswith("#"):
        r.resource_path("guide", line.split("\t")[0]).read_text(encoding="utf-8")
assert r.resource_path("guide", "img", "main_sager.png").read_bytes()[:4] == b"\x89PNG"
print(r.resource_dir())
print(len(template), font[:4].hex(), type(norms).__name__, icon[:8].hex(), boligdesk.__version__)
print(changelog.splitlines()[0])
"""


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _build_wheel(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    out = tmp_path / "wheel"
    # No build isolation: the test venv has setuptools (the `test` extra), so no download is needed.
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # The build must not warn about the packaging metadata (the old `license` table did).
    assert "deprecated" not in done.stderr.lower(), done.stderr
    wheels = list(out.glob("boligdesk-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_reads_templates_fonts_and_rates(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert "boligdesk/resources/data/templates/afdragsaftale.txt" in names
    assert "boligdesk/resources/data/guide/01_start.html" in names
    assert "boligdesk/resources/data/guide/img/main_sager.png" in names
    assert "boligdesk/models/migrations/versions/0001_initial_schema.py" in names
    assert not any("__pycache__" in n for n in names)

    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(target)
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=120,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # Run from an empty folder so neither the checkout nor this venv can be imported by accident.
    work = tmp_path / "elsewhere"
    work.mkdir()
    done = subprocess.run(
        [str(python), "-c", READ_RESOURCES],
        capture_output=True,
        text=True,
        cwd=work,
        env=_clean_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    folder, facts, heading = done.stdout.splitlines()
    assert Path(folder).parts[-3:] == ("boligdesk", "resources", "data")
    assert str(target) in folder
    length, font_magic, norms_type, png_magic, version = facts.split()
    assert int(length) > 200
    assert font_magic == "00010000"  # TrueType
    assert norms_type in ("dict", "list")
    assert png_magic == "89504e470d0a1a0a"
    from boligdesk import __version__

    assert version == __version__
    assert heading.startswith("# ")


def test_source_checkout_finds_the_top_level_resources_folder() -> None:
    from boligdesk.resources import resource_dir, resource_path

    assert resource_dir() == REPO / "resources"
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    with pytest.raises(FileNotFoundError, match="resource missing"):
        resource_path("templates", "findes-ikke.txt")


def test_frozen_app_looks_in_the_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from boligdesk.resources import resource_dir

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_dir() == tmp_path / "resources"
