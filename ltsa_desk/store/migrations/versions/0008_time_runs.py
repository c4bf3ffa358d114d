"""search: where rowid order stops being registration order; NIK and code prefixes by index

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

SQLite only. The name search reads the trigram index's newest matches first, by rowid, while rowid
order is registration order (migration 0003). One registration saved with an earlier time (a
counter PC whose clock was set back) ended that for good: from then on every name was searched by
sorting or walking all its matches (name p95 44 ms at a million applicants, issue 19).

A register whose clock was set back a few times is still a few *runs*: stretches of rowids in
which registration times never go down. ``applicant_time_runs`` holds the rowid where each run
after the first starts: a row saved with an earlier time than the row before it starts one (an
insert trigger), and a row whose time is changed afterwards becomes a run of its own (an update
trigger: it and the row after it start runs). Within each run the index's newest matches come
first again, and the search merges the runs (``store.search.time_runs``). Filled here from the
rows already there.

A run too many is harmless (each is still in time order); a missing one would not be, so the
triggers err on the side of more.

A NIK or tracking-code prefix matching a few thousand applicants was sorted by reading each of
their rows (4,000 row reads, about 50 ms at a million) or found by walking the register newest
first. ``ix_applicant_nik_time`` (nik, registered_at, tracking_code) and ``ix_applicant_code_time``
(tracking_code, registered_at) hold everything a page's order needs, so up to tens of thousands of
matches are counted and sorted in the index alone.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

RUNS_TABLE = "applicant_time_runs"  # as in store.search (migrations never import the app)
TRIGGERS = {
    "applicant_time_runs_insert": (
        "AFTER INSERT ON applicant "
        "WHEN new.registered_at < (SELECT registered_at FROM applicant "
        "WHERE rowid < new.rowid ORDER BY rowid DESC LIMIT 1) "
        f"BEGIN INSERT OR IGNORE INTO {RUNS_TABLE}(start) VALUES (new.rowid); END"
    ),
    "applicant_time_runs_update": (
        "AFTER UPDATE OF registered_at ON applicant "
        "WHEN new.registered_at IS NOT old.registered_at "
        f"BEGIN INSERT OR IGNORE INTO {RUNS_TABLE}(start) VALUES (new.rowid), (new.rowid + 1); END"
    ),
}

COVER_INDEXES = {
    "ix_applicant_nik_time": "nik, registered_at, tracking_code",
    "ix_applicant_code_time": "tracking_code, registered_at",
}


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    op.execute(f"CREATE TABLE IF NOT EXISTS {RUNS_TABLE} (start INTEGER PRIMARY KEY)")
    op.execute(
        f"INSERT OR IGNORE INTO {RUNS_TABLE}(start) SELECT rid FROM ("
        "SELECT rowid AS rid, registered_at < lag(registered_at) OVER (ORDER BY rowid) AS back "
        "FROM applicant) WHERE back"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    for name, columns in COVER_INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON applicant ({columns})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in COVER_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {RUNS_TABLE}")
