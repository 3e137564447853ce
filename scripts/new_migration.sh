#!/usr/bin/env bash
# A new Alembic revision for a schema change: scripts/new_migration.sh "what changed"
# Since the first release (1.0.0) a released revision is never edited or regenerated (decisions §3):
# every change to the models gets its own revision, numbered after the newest one (0002, 0003, …).
# Autogenerates the revision from the models, renumbers it, bumps schema_head.HEAD_REVISION, and
# prints the file to review (autogenerate misses renames and data moves: add those by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 \"what changed\"" >&2
  exit 2
fi
message="$1"
versions=boligdesk/models/migrations/versions
head=$(sed -n 's/^HEAD_REVISION = "\([0-9]*\)"$/\1/p' boligdesk/models/schema_head.py)
[ -n "$head" ] || { echo "cannot read HEAD_REVISION from boligdesk/models/schema_head.py" >&2; exit 1; }
next=$(printf '%04d' $((10#$head + 1)))
before=$(ls "$versions"/*.py)
.venv/bin/python scripts/make_migration.py "$message" >/dev/null
f=$(comm -13 <(echo "$before") <(ls "$versions"/*.py))
[ -n "$f" ] || { echo "no revision was written" >&2; exit 1; }
if ! grep -q "op\." "$f"; then
  rm -f "$f"
  echo "the models and the migrations agree: no revision needed"
  exit 0
fi
rev=$(sed -n "s/^revision = '\(.*\)'$/\1/p" "$f")
slug=$(echo "$message" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9\n' '_' | sed 's/__*/_/g; s/^_//; s/_$//')
sed -i "s/^revision = '$rev'/revision = '$next'/; s/Revision ID: $rev/Revision ID: $next/; s/boligdesk\.models\.base\.MoneyType()/sa.Integer()/g" "$f"
target="$versions/${next}_${slug}.py"
mv "$f" "$target"
sed -i "s/^HEAD_REVISION = \"$head\"$/HEAD_REVISION = \"$next\"/" boligdesk/models/schema_head.py
echo "wrote $target (revision $next after $head); HEAD_REVISION is now $next"
echo "review it, then run: make test"
