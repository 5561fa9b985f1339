"""Alembic's environment: every table of the platform, on the connection collab.migrations
passes in (SQLite in batch mode, its ALTER TABLE being limited)."""

from __future__ import annotations

from alembic import context

from collab import migrations, schema

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=schema.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_name=migrations.include_name,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
