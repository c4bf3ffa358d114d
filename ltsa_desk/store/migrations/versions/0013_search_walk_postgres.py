"""name search on PostgreSQL walks an index, not the table: ``ix_applicant_time_name``
(registered_at, tracking_code) INCLUDE (name_key), and autovacuum that keeps up with new rows

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

PostgreSQL only. A name held by one CPMI in a few hundred or more is found by walking the
register newest first until the page is full (`store.search.portable`); the walk read every row
it passed from the table (a million-row table is about 320 MB, more than a default server's
128 MB of shared buffers), and a cold walk or a cold read of a few thousand trigram matches took
40-85 ms (issue 19: name p95 43.5 ms at a million applicants, target 30). This index holds all the
walk needs in the walk's own order, about a quarter of the table's size, so the server answers
from the index alone (an index-only scan: 54,000 names checked in 5-8 ms).

An index-only scan skips the table only for pages the visibility map marks all-visible, which
VACUUM does. By default autovacuum visits a table after inserts only once they reach a fifth of
it (200,000 new registrations at a million: years at a counter), so the newest rows, which the
walk reads first, would stay unmarked; the applicant table is asked to be vacuumed every 1,000
new rows instead (a visit reads only the pages not yet marked). The insert settings exist from
PostgreSQL 13; older servers keep their defaults and the walk reads the table as before.
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

WALK_INDEX = "ix_applicant_time_name"  # as in store.search.schema (migrations never import the app)
VACUUM_AFTER_INSERTS = (
    "autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {WALK_INDEX} ON applicant "
        "(registered_at, tracking_code) INCLUDE (name_key)"
    )
    if bind.dialect.server_version_info >= (13,):
        op.execute(f"ALTER TABLE applicant SET ({VACUUM_AFTER_INSERTS})")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.dialect.server_version_info >= (13,):
        op.execute(
            "ALTER TABLE applicant RESET "
            "(autovacuum_vacuum_insert_threshold, autovacuum_vacuum_insert_scale_factor)"
        )
    op.execute(f"DROP INDEX IF EXISTS {WALK_INDEX}")
