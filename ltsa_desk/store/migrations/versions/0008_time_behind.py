"""search: rows saved out of time order; NIK and code prefixes and short texts by index

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

SQLite only. The name search reads the trigram index's newest matches first, by rowid, while rowid
order is registration order (migration 0003). One registration saved with an earlier time (a
counter PC whose clock was set back) ended that for good: from then on every name was searched by
sorting or walking all its matches (name p95 44 ms at a million applicants, issue 19).

What the search needs is a *floor* for each rowid: the latest time saved before it, so that every
row below it is known to be registered no later. For a row saved in time order that is its own
time. A row saved with an earlier time than one before it is *behind*: ``applicant_time_behind``
lists it with that latest time (an insert trigger; filled here from the rows already there). A
registration time changed afterwards puts ``search.retimed`` in ``meta`` (an update trigger), and
the search no longer relies on rowid order.

A NIK or tracking-code prefix matching a few thousand applicants was sorted by reading each of
their rows (4,000 row reads, about 50 ms at a million) or found by walking the register newest
first. ``ix_applicant_nik_time`` (nik, registered_at, tracking_code) and ``ix_applicant_code_time``
(tracking_code, registered_at) hold everything a page's order needs, so up to tens of thousands of
matches are counted and sorted in the index alone.

A rare one or two letter text is found through the trigrams that start with it (migration 0007),
which were read from ``applicant_fts_terms``; that fts5vocab table counts every term's rows as it
lists them (13 ms for "q" at a million applicants). ``applicant_fts_trigrams`` lists the terms
alone, filled from the index and kept by triggers that add a new or corrected name's trigrams (a
term whose last name is gone stays: searching it finds nothing).
"""

from __future__ import annotations

import json

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BEHIND_TABLE = "applicant_time_behind"  # as in store.search (migrations never import the app)
RETIMED_KEY = "search.retimed"
TRIGGERS = {
    "applicant_time_behind_insert": (
        "AFTER INSERT ON applicant "
        "WHEN new.registered_at < (SELECT max(registered_at) FROM applicant) "
        f"BEGIN INSERT OR REPLACE INTO {BEHIND_TABLE}(applicant_row, newest) "
        "VALUES (new.rowid, (SELECT max(registered_at) FROM applicant)); END"
    ),
    "applicant_time_retimed": (
        "AFTER UPDATE OF registered_at ON applicant "
        "WHEN new.registered_at IS NOT old.registered_at "
        f"BEGIN INSERT OR REPLACE INTO meta(key, value) VALUES ('{RETIMED_KEY}', 'yes'); END"
    ),
}

COVER_INDEXES = {
    "ix_applicant_nik_time": "nik, registered_at, tracking_code",
    "ix_applicant_code_time": "tracking_code, registered_at",
}

FTS_TABLE = "applicant_fts"
TERMS_TABLE = "applicant_fts_terms"
TRIGRAMS_TABLE = "applicant_fts_trigrams"
#: Each place of a name where a trigram starts (names hold at most 100 characters; 1,000 places).
_PLACES = json.dumps(list(range(1, 1001)), separators=(",", ":"))
_ADD_TRIGRAMS = (
    f"BEGIN INSERT OR IGNORE INTO {TRIGRAMS_TABLE}(term) "
    f"SELECT substr(new.name_key, value, 3) FROM json_each('{_PLACES}') "
    "WHERE value <= length(new.name_key) - 2; END"
)
TRIGRAM_TRIGGERS = {
    "applicant_fts_trigrams_insert": f"AFTER INSERT ON applicant {_ADD_TRIGRAMS}",
    "applicant_fts_trigrams_update": f"AFTER UPDATE OF name_key ON applicant {_ADD_TRIGRAMS}",
}


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE TABLE IF NOT EXISTS {BEHIND_TABLE} "
        "(applicant_row INTEGER PRIMARY KEY, newest TEXT NOT NULL)"
    )
    op.execute(
        f"INSERT OR REPLACE INTO {BEHIND_TABLE}(applicant_row, newest) "
        "SELECT rid, newest FROM (SELECT rowid AS rid, registered_at, max(registered_at) OVER "
        "(ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS newest "
        "FROM applicant) WHERE registered_at < newest"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    for name, columns in COVER_INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON applicant ({columns})")
    has_terms = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TERMS_TABLE,)
    ).first()
    if has_terms is not None:  # a build without the trigram tokenizer has no index to read
        op.execute(
            f"CREATE TABLE IF NOT EXISTS {TRIGRAMS_TABLE} (term TEXT PRIMARY KEY) WITHOUT ROWID"
        )
        op.execute(f"INSERT OR IGNORE INTO {TRIGRAMS_TABLE}(term) SELECT term FROM {TERMS_TABLE}")
        for name, body in TRIGRAM_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGRAM_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {TRIGRAMS_TABLE}")
    for name in COVER_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {BEHIND_TABLE}")
    op.execute(f"DELETE FROM meta WHERE key = '{RETIMED_KEY}'")
