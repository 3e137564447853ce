#!/usr/bin/env bash
# Creates .venv when missing and installs BoligDesk into it (editable), for the Makefile:
#   scripts/venv_install.sh PYTHON VENV EXTRAS STAMP
# EXTRAS is "" (what the app needs: `make run`), "test" (`make test`) or "dist" (`make dist`).
# The first install shows pip's progress (it downloads ~300 MB, mostly Qt); a re-install after a change
# of pyproject.toml is quiet.
set -euo pipefail
python="$1"; venv="$2"; extras="$3"; stamp="$4"
spec="."
[ -n "$extras" ] && spec=".[$extras]"

if [ ! -x "$venv/bin/python" ]; then
  if ! command -v "$python" >/dev/null; then
    echo "BoligDesk needs Python 3.11 or newer: '$python' was not found (install python3, or run make PYTHON=python3.12 …)." >&2
    exit 1
  fi
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "BoligDesk needs Python 3.11 or newer; $python is $("$python" -V 2>&1). Run make PYTHON=python3.12 … with a newer one." >&2
    exit 1
  fi
  echo "Creating $venv with $("$python" -V 2>&1)"
  if ! "$python" -m venv "$venv"; then
    rm -rf "$venv"
    echo "Python's venv module is missing. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2
    exit 1
  fi
fi
quiet=(--quiet)
[ -e "$stamp" ] || quiet=()
"$venv/bin/python" -m pip install "${quiet[@]}" --upgrade pip
"$venv/bin/python" -m pip install "${quiet[@]}" -e "$spec"
touch "$stamp"
