# BoligDesk — two commands: `make run` and `make test`. `make dist` builds the frozen app.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# What is installed: the app alone (`make run`), plus the test tools (`make test`), plus PyInstaller.
RUN_STAMP  := $(VENV)/.runtime-stamp
STAMP      := $(VENV)/.installed-stamp
DIST_STAMP := $(VENV)/.dist-stamp

.PHONY: run test lint typecheck pytest demo screenshots bench dist clean system-deps system-deps-gui

$(RUN_STAMP): pyproject.toml setup.py
	@if [ -e $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ] && [ $(STAMP) -nt setup.py ]; then touch $@; \
	else bash scripts/venv_install.sh $(PYTHON) $(VENV) "" $@; fi

$(STAMP): pyproject.toml setup.py
	@bash scripts/venv_install.sh $(PYTHON) $(VENV) test $@

$(DIST_STAMP): pyproject.toml setup.py
	@bash scripts/venv_install.sh $(PYTHON) $(VENV) dist $@

## Start the app on the default profile (encrypted SQLite file in the user's data folder).
run: $(RUN_STAMP) system-deps-gui
	$(VENV)/bin/boligdesk $(ARGS)

## Whole test suite, headless: ruff, mypy, pytest.
test: $(STAMP) system-deps lint typecheck pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check boligdesk tests benchmarks scripts setup.py
	$(VENV)/bin/ruff format --check boligdesk tests benchmarks scripts setup.py

typecheck: $(STAMP)
	$(VENV)/bin/mypy boligdesk

# Two worker processes (pytest-xdist), each test file on one worker so module fixtures are built once;
# PYTEST_WORKERS=0 runs everything in one process (for a debugger or -x).
PYTEST_WORKERS ?= 2
pytest: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadfile) $(PYTEST_ARGS)

## Shared libraries Qt needs even headless; installed with apt-get when missing (explicitly, never silently).
system-deps:
	@bash scripts/system_deps.sh headless

system-deps-gui:
	@bash scripts/system_deps.sh gui

## A demo profile with invented cases, in ./out/demo (passphrase: demo-kodeord-1234).
demo: $(RUN_STAMP)
	BOLIGDESK_PASSPHRASE=demo-kodeord-1234 $(VENV)/bin/boligdesk demo --data-dir out/demo --cases 200

## Screenshots of every screen and every PDF, under Xvfb (installs xvfb and poppler-utils if missing).
screenshots: $(RUN_STAMP)
	@bash scripts/system_deps.sh screenshots
	xvfb-run -a -s "-screen 0 1366x768x24" $(PY) scripts/screenshots.py out/screenshots

## Benchmarks, each printing ratios against a baseline measured in the same run.
bench: $(RUN_STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

## The frozen one-folder app in dist/boligdesk/ (PyInstaller, boligdesk.spec; docs/packaging.md).
dist: $(DIST_STAMP) system-deps
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller boligdesk.spec
	@du -sh dist/boligdesk

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache out
