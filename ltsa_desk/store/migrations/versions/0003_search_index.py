"""search index: trigram name search on a million applicants; the outbox's claim index

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

SQLite: ``applicant_fts``, an FTS5 table with the ``trigram`` tokenizer over ``applicant.name_key``
(external content: the names are not stored twice, only their trigram index), filled from the
existing rows and kept in step by three triggers. ``columnsize=0``: nothing ranks by length.
The FTS rowid is the applicant's rowid; the store never deletes and re-inserts applicants to
renumber them, and the online backup and ``sqlcipher_export`` keep rowids (checked by the tests).

PostgreSQL: the ``pg_trgm`` extension (in ``public``, where a per-office schema's drop cannot take
it along) and a GIN trigram index on ``applicant.name_key``, so ``name_key LIKE '%fragment%'`` is an
index search. Creating an extension needs a privilege the office's database account may lack:
then the migration says so in the log and goes on without the index (search still works, by
scanning). A server administrator can add it later: ``CREATE EXTENSION pg_trgm;`` then
``CREATE INDEX ix_applicant_name_trgm ON applicant USING gin (name_key gin_trgm_ops);``.

Both engines: ``ix_outbox_claim`` on ``outbox_item (destination, state, seq)``, so the sync
engine's claim reads the first pending items of a destination in queue order instead of sorting
every ready item for each batch.

SQLite also watches whether rowid order is still registration order (a ``meta`` row
``search.time_order = broken`` once a registration is saved with an earlier time than the latest,
written by two triggers; checked here over the existing rows): while it holds, the name search
reads the index's newest matches first instead of sorting all of them (``store.search``).

A SQLite build without FTS5 or its trigram tokenizer is handled the same way: no index, a warning,
and searching by scan.
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

log = logging.getLogger("ltsa_desk.store.migrations")

FTS_TABLE = "applicant_fts"
TRIGRAM_INDEX = "ix_applicant_name_trgm"
TIME_ORDER_KEY = "search.time_order"  # as in store.search (migrations never import the app)
BROKEN = "broken"


def upgrade() -> None:
    with op.batch_alter_table("outbox_item", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_claim", ["destination", "state", "seq"], unique=False)
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        _sqlite_upgrade(connection)
    else:
        _postgresql_upgrade(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for trigger in (
            "applicant_fts_insert",
            "applicant_fts_delete",
            "applicant_fts_update",
            "applicant_time_order_insert",
            "applicant_time_order_update",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        op.execute(f"DELETE FROM meta WHERE key = '{TIME_ORDER_KEY}'")
    else:
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
        # The extension stays: other schemas or databases of the server may use it.
    with op.batch_alter_table("outbox_item", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_claim")


def _sqlite_upgrade(connection: Connection) -> None:
    try:
        with connection.begin_nested():
            connection.exec_driver_sql(
                f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
                "name_key, content='applicant', content_rowid='rowid', "
                "tokenize='trigram', columnsize=0)"
            )
    except DBAPIError as exc:
        log.warning(
            "SQLite tanpa FTS5/trigram (%s): pencarian nama tanpa indeks (lebih lambat)", exc.orig
        )
        return
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    _watch_time_order(connection)
    connection.exec_driver_sql(
        "CREATE TRIGGER applicant_fts_insert AFTER INSERT ON applicant BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, name_key) VALUES (new.rowid, new.name_key); END"
    )
    connection.exec_driver_sql(
        "CREATE TRIGGER applicant_fts_delete AFTER DELETE ON applicant BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name_key) "
        "VALUES ('delete', old.rowid, old.name_key); END"
    )
    connection.exec_driver_sql(
        "CREATE TRIGGER applicant_fts_update AFTER UPDATE OF name_key ON applicant BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name_key) "
        "VALUES ('delete', old.rowid, old.name_key); "
        f"INSERT INTO {FTS_TABLE}(rowid, name_key) VALUES (new.rowid, new.name_key); END"
    )


def _watch_time_order(connection: Connection) -> None:
    """Rowid order is registration order until a registration is saved with an earlier time than
    the latest one (a PC clock set back); the name search relies on it while it holds. Checked
    once over the rows already there, then by triggers on every new or re-timed row."""
    backwards = connection.exec_driver_sql(
        "SELECT 1 FROM (SELECT registered_at < lag(registered_at) OVER (ORDER BY rowid) AS back "
        "FROM applicant) WHERE back LIMIT 1"
    ).first()
    if backwards is not None:
        _mark_time_order_broken(connection)
    mark = f"INSERT OR REPLACE INTO meta(key, value) VALUES ('{TIME_ORDER_KEY}', '{BROKEN}');"
    connection.exec_driver_sql(
        "CREATE TRIGGER applicant_time_order_insert BEFORE INSERT ON applicant "
        "WHEN new.registered_at < (SELECT max(registered_at) FROM applicant) "
        f"BEGIN {mark} END"
    )
    connection.exec_driver_sql(
        "CREATE TRIGGER applicant_time_order_update AFTER UPDATE OF registered_at ON applicant "
        f"WHEN new.registered_at IS NOT old.registered_at BEGIN {mark} END"
    )


def _mark_time_order_broken(connection: Connection) -> None:
    connection.exec_driver_sql(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (TIME_ORDER_KEY, BROKEN)
    )


def _trgm_schema(connection: Connection) -> str | None:
    row = connection.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    ).first()
    return None if row is None else str(row[0])


def _postgresql_upgrade(connection: Connection) -> None:
    schema = _trgm_schema(connection)
    if schema is None:
        # In public, the server-wide usual place outside the office's own schema (dropping
        # that schema must not take the extension along); else wherever the search path says.
        problem = None
        for where in (" SCHEMA public", ""):
            try:
                with connection.begin_nested():
                    connection.exec_driver_sql(f"CREATE EXTENSION IF NOT EXISTS pg_trgm{where}")
                break
            except DBAPIError as exc:
                problem = str(exc.orig).strip().splitlines()[0]
        schema = _trgm_schema(connection)
        if schema is None:
            log.warning(
                "pg_trgm tidak bisa dipasang (%s): pencarian nama tanpa indeks trigram "
                "(lebih lambat). Minta admin server menjalankan CREATE EXTENSION pg_trgm.",
                problem,
            )
            return
    quoted = schema.replace('"', '""')
    connection.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON applicant "
        f'USING gin (name_key "{quoted}".gin_trgm_ops)'
    )
