"""outbox: counts per destination and state kept by triggers

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

The status bar and `sync status` count outbox items by state every few seconds; a counter adds
items forever, so counting the table grows with its history (about 150 ms at a million delivered
items, issue 19). ``outbox_count`` holds the counts, kept exact by triggers in the same transaction
as every change of ``outbox_item``, whichever code makes it (the engine's prepared statements, the
ORM, a technician's UPDATE).

SQLite (one writer at a time): row triggers add to ``outbox_count`` directly. PostgreSQL (several
desks at once): statement triggers append one delta per destination and state to
``outbox_count_delta`` (no shared row to wait for, no lock order to deadlock on), and
``sync.outbox.fold_counts`` folds them into ``outbox_count`` now and then.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox_item
    BEGIN
        INSERT INTO outbox_count (destination, state, n) VALUES (NEW.destination, NEW.state, 1)
        ON CONFLICT (destination, state) DO UPDATE SET n = n + 1;
    END
    """,
    """
    CREATE TRIGGER outbox_count_update AFTER UPDATE OF state, destination ON outbox_item
    WHEN OLD.state IS NOT NEW.state OR OLD.destination IS NOT NEW.destination
    BEGIN
        UPDATE outbox_count SET n = n - 1
        WHERE destination = OLD.destination AND state = OLD.state;
        INSERT INTO outbox_count (destination, state, n) VALUES (NEW.destination, NEW.state, 1)
        ON CONFLICT (destination, state) DO UPDATE SET n = n + 1;
    END
    """,
    """
    CREATE TRIGGER outbox_count_delete AFTER DELETE ON outbox_item
    BEGIN
        UPDATE outbox_count SET n = n - 1
        WHERE destination = OLD.destination AND state = OLD.state;
    END
    """,
)

POSTGRESQL_FUNCTION = """
CREATE FUNCTION outbox_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO outbox_count_delta (destination, state, n)
        SELECT destination, state, count(*) FROM new_rows GROUP BY destination, state;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO outbox_count_delta (destination, state, n)
        SELECT destination, state, -count(*) FROM old_rows GROUP BY destination, state;
    ELSE
        INSERT INTO outbox_count_delta (destination, state, n)
        SELECT destination, state, sum(n) FROM (
            SELECT destination, state, 1 AS n FROM new_rows
            UNION ALL
            SELECT destination, state, -1 AS n FROM old_rows
        ) AS changed
        GROUP BY destination, state
        HAVING sum(n) <> 0;
    END IF;
    RETURN NULL;
END
$$
"""

POSTGRESQL_TRIGGERS = (
    "CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox_item "
    "REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION outbox_count_changes()",
    "CREATE TRIGGER outbox_count_update AFTER UPDATE ON outbox_item "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION outbox_count_changes()",
    "CREATE TRIGGER outbox_count_delete AFTER DELETE ON outbox_item "
    "REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION outbox_count_changes()",
)

TRIGGERS = ("outbox_count_insert", "outbox_count_update", "outbox_count_delete")


def upgrade() -> None:
    op.create_table(
        "outbox_count",
        sa.Column("destination", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("destination", "state"),
    )
    op.create_table(
        "outbox_count_delta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("destination", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # The counts of what is already there, in the same transaction as the triggers' creation
    # (the upgrade runs in one transaction; on PostgreSQL under the schema lock).
    op.execute(
        "INSERT INTO outbox_count (destination, state, n) "
        "SELECT destination, state, count(*) FROM outbox_item GROUP BY destination, state"
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
    else:
        op.execute(POSTGRESQL_FUNCTION)
        for statement in POSTGRESQL_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON outbox_item" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS outbox_count_changes()")
    op.drop_table("outbox_count_delta")
    op.drop_table("outbox_count")
