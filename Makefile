# BoligDesk — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck pytest demo screenshots bench clean system-deps system-deps-gui

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## Start the app on the default profile (encrypted SQLite file in the user's data folder).
run: $(STAMP) system-deps-gui
	$(VENV)/bin/boligdesk $(ARGS)

## Whole test suite, headless: ruff, mypy, pytest.
test: $(STAMP) system-deps lint typecheck pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check boligdesk tests benchmarks scripts
	$(VENV)/bin/ruff format --check boligdesk tests benchmarks scripts

typecheck: $(STAMP)
	$(VENV)/bin/mypy boligdesk

pytest: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

## Shared libraries Qt needs even headless; installed with apt-get when missing (explicitly, never silently).
system-deps:
	@bash scripts/system_deps.sh headless

system-deps-gui:
	@bash scripts/system_deps.sh gui

## A demo profile with invented cases, in ./out/demo (passphrase: demo-kodeord-1234).
demo: $(STAMP)
	BOLIGDESK_PASSPHRASE=demo-kodeord-1234 $(VENV)/bin/boligdesk demo --data-dir out/demo --cases 200

## Screenshots of every screen and every PDF, under Xvfb (installs xvfb and poppler-utils if missing).
screenshots: $(STAMP)
	@bash scripts/system_deps.sh screenshots
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) scripts/screenshots.py out/screenshots

## Benchmarks, each printing ratios against a baseline measured in the same run.
bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache out
