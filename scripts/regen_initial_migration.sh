#!/usr/bin/env bash
# Until the first release, the schema lives in one initial migration regenerated from the models.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f boligdesk/models/migrations/versions/0001_initial_schema.py
.venv/bin/python scripts/make_migration.py "initial schema" >/dev/null
f=$(ls boligdesk/models/migrations/versions/*_initial_schema.py)
rev=$(basename "$f" | cut -d_ -f1)
sed -i "s/^revision = '$rev'/revision = '0001'/; s/Revision ID: $rev/Revision ID: 0001/; s/boligdesk\.models\.base\.MoneyType()/sa.Integer()/g; s/^Revises: $/Revises:/" "$f"
mv "$f" boligdesk/models/migrations/versions/0001_initial_schema.py
echo "regenerated 0001_initial_schema.py"
