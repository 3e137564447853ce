"""The newest migration revision, known without importing Alembic (start-up speed).

A test checks that this equals Alembic's head; bump it with every new migration.
"""

HEAD_REVISION = "0002"
