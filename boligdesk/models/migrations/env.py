"""Alembic environment: always run programmatically with a connection from the encrypted engine."""

from alembic import context

from boligdesk.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("BoligDesk migrations run from boligdesk.models.migrate with an open connection")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
