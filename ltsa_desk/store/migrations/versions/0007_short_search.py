"""short search texts: the trigram index's terms, and the last two letters of every name

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

SQLite only. A search text of one or two letters has no trigram of its own, so migration 0003's
index could not answer it and the search walked the whole register (a rare pair such as ``kw``:
0.25-0.3 s at 100,000 applicants, 1.4 s at a million). Every place a short text occurs in a name
is either the start of one of the name's trigrams, or within its last two letters. So:

- ``applicant_fts_terms``, an ``fts5vocab`` table over ``applicant_fts``: the trigrams that start
  with the text, found by a range on the term (no rows stored: it reads the index itself);
- ``ix_applicant_name_tail2`` and ``ix_applicant_name_tail1``, expression indexes on the last two
  letters and the last letter of ``name_key``: the names where the text sits at the very end.

PostgreSQL is unchanged (the pg_trgm GIN index; a short text there is still a scan).
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FTS_TABLE = "applicant_fts"  # as in store.search (migrations never import the app)
TERMS_TABLE = "applicant_fts_terms"
TAIL_INDEXES = {
    "ix_applicant_name_tail2": "substr(name_key, -2)",
    "ix_applicant_name_tail1": "substr(name_key, -1)",
}


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    for name, expression in TAIL_INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON applicant ({expression})")
    has_fts = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    ).first()
    if has_fts is not None:  # a build without the trigram tokenizer has no index to read
        op.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TERMS_TABLE} USING fts5vocab({FTS_TABLE}, 'row')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DROP TABLE IF EXISTS {TERMS_TABLE}")
    for name in TAIL_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
