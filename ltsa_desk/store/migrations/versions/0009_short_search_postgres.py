"""short search texts on PostgreSQL: a GIN index of each name's letters and pairs of letters

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

PostgreSQL only. A search text of one or two letters has no trigram, so the ``pg_trgm`` index of
migration 0003 cannot answer it; the text was found by walking the register newest first, all of
it for a letter or pair few names hold (``x`` 1.8-2.3 s, ``kw`` 2.5 s at a million applicants,
issue 19). ``applicant_name_grams(name_key)`` is the set of single letters and pairs of letters in
the name (pairs with a space left out: a search text never starts or ends with one), and
``ix_applicant_name_grams`` a GIN index on it: ``grams @> ARRAY['kw']`` finds exactly the names
holding ``kw``. The search keeps its ``LIKE`` beside it, so the answer is the same either way.

NIK and tracking-code prefixes get the covering indexes SQLite has had since migration 0008
(same names): ``ix_applicant_nik_time`` (nik, registered_at, tracking_code) and
``ix_applicant_code_time`` (tracking_code, registered_at), so a prefix's matches are sorted from
the index alone (an index-only scan), without reading their rows.

The function is plain SQL (no extension, no privilege beyond the office's schema), IMMUTABLE so
an index may use it, and made in the office's schema, where the search finds it on the
search_path. Building the index reads every name once (about a minute at a million applicants
on a busy 2-core server).
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

GRAMS_FUNCTION = "applicant_name_grams"  # as in store.search (migrations never import the app)
GRAMS_INDEX = "ix_applicant_name_grams"
COVER_INDEXES = {  # the names SQLite's migration 0008 gives them
    "ix_applicant_nik_time": "nik, registered_at, tracking_code",
    "ix_applicant_code_time": "tracking_code, registered_at",
}

FUNCTION = f"""
CREATE OR REPLACE FUNCTION {GRAMS_FUNCTION}(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT gram), '{{}}')
    FROM (
        SELECT substr(name, i, n) AS gram
        FROM generate_series(1, char_length(name)) AS i, (VALUES (1), (2)) AS size(n)
        WHERE i + n - 1 <= char_length(name)
    ) AS grams
    WHERE strpos(gram, ' ') = 0
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {GRAMS_INDEX} ON applicant "
        f"USING gin ({GRAMS_FUNCTION}(name_key))"
    )
    for name, columns in COVER_INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON applicant ({columns})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in (*COVER_INDEXES, GRAMS_INDEX):
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.execute(f"DROP FUNCTION IF EXISTS {GRAMS_FUNCTION}(text)")
