"""Alembic environment: always driven from code (`store.database`), with a live connection."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import ltsa_desk.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
import sync.models  # noqa: F401  (the outbox lives in the same database)
from ltsa_desk.store.search import include_name

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs `alembic` by hand
    raise RuntimeError("Run migrations through 'ltsa-desk' (store.database.migrate), not alembic.")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    # The search index (FTS5 tables, pg_trgm index) is made by hand in 0003, not by the models:
    # autogenerate must not offer to drop it.
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
