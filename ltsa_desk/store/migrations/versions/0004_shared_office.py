"""shared office: desks, attachments in the database, moved counters, change notifications

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Three tables exist on every engine (the models must match the migrations everywhere):

- ``office_desk``: the counter ids that work on this database. Seeded with the counter that made
  the database, so a database made before this revision keeps its desk.
- ``attachment_blob``: content-addressed attachments inside the database (used on PostgreSQL,
  where every desk must see every scan and one ``pg_dump`` must hold everything).
- ``moved_counter``: lone counters moved in by ``migrate-to`` and how far their audit log went.

On PostgreSQL only, statement-level triggers ``NOTIFY ltsa_changes`` when applicants, documents,
letters, case events, outbox items or destination states change, so the other desks' windows
refresh within a second instead of at their next poll. The transition table (``changed``) lets the
trigger stay silent for statements that touched no row: the sync engines' lease renewals run every
few seconds on every desk and mostly change nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CHANNEL = "ltsa_changes"
NOTIFIED_TABLES = (
    "applicant",
    "document",
    "letter",
    "case_event",
    "outbox_item",
    "sync_destination",
)
_EVENTS = (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD"))


def upgrade() -> None:
    op.create_table(
        "office_desk",
        sa.Column("counter_id", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("joined_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("host", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.PrimaryKeyConstraint("counter_id"),
    )
    op.create_table(
        "attachment_blob",
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "moved_counter",
        sa.Column(
            "source_database_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False
        ),
        sa.Column("counter_id", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("audit_moved_upto", sa.Integer(), nullable=False),
        sa.Column("first_moved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_moved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source_database_id"),
    )
    # The desk that made an existing database. A brand-new database has no meta rows yet at this
    # point: `create_database` registers its desk itself, right after the meta rows.
    op.execute(
        sa.text(
            "INSERT INTO office_desk (counter_id, joined_at) "
            "SELECT value, CURRENT_TIMESTAMP FROM meta WHERE key = 'counter_id'"
        )
    )
    if op.get_bind().dialect.name == "postgresql":
        # Scans are JPEG, PNG or PDF: already compressed. EXTERNAL stores them out of line
        # without PostgreSQL trying (and failing) to compress each one again.
        op.execute("ALTER TABLE attachment_blob ALTER COLUMN content SET STORAGE EXTERNAL")
        _create_notify_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _drop_notify_triggers()
    op.drop_table("moved_counter")
    op.drop_table("attachment_blob")
    op.drop_table("office_desk")


def _create_notify_triggers() -> None:
    # The payload names the schema: several offices (or test schemas) may share one server's
    # database, and NOTIFY channels are per database, not per schema.
    op.execute(
        f"""
        CREATE FUNCTION ltsa_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed) THEN
                PERFORM pg_notify(
                    '{CHANNEL}',
                    json_build_object('schema', TG_TABLE_SCHEMA, 'table', TG_TABLE_NAME)::text
                );
            END IF;
            RETURN NULL;
        END $$
        """
    )
    for table in NOTIFIED_TABLES:
        for event, side in _EVENTS:
            op.execute(
                f"CREATE TRIGGER ltsa_notify_{event} AFTER {event.upper()} ON {table} "
                f"REFERENCING {side} TABLE AS changed "
                "FOR EACH STATEMENT EXECUTE FUNCTION ltsa_notify_change()"
            )


def _drop_notify_triggers() -> None:
    for table in NOTIFIED_TABLES:
        for event, _side in _EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS ltsa_notify_{event} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS ltsa_notify_change()")
