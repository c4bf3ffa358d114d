"""outbox counts on PostgreSQL: the writers fold the deltas too, so they never pile up

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Migration 0006 made PostgreSQL's statement triggers append count deltas to
``outbox_count_delta``, and only the status query folded them (``sync.outbox.fold_counts``,
once 500 had gathered). A drain with no window open (``sync run`` from the scheduler, a
technician's ``sync run --until-empty``) never asks for the status: the engine settles items
one statement each, so a million items left some two million deltas behind, and the next status
read summed them all (about 50-75 ms per 100,000 deltas; issue 19 asks <= 5 ms whatever the
history) and then spent seconds folding them.

Now the trigger folds as well: whenever the deltas' id passes a multiple of 500 and no other
transaction is folding (the same advisory lock as ``fold_counts``, tried, never waited for), it
moves the deltas into ``outbox_count`` in the writer's own transaction. Only a folder touches
``outbox_count`` rows, one at a time, and in one order, so no desk waits for another and nothing
deadlocks; the deltas of transactions still open are not seen and stay for the next fold, so
nothing is counted twice or lost (as before). The deltas never exceed about 500 plus what open
transactions hold.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

FOLD_EVERY = 500
FOLD_LOCK_KEY = 0x4C545343  # as sync.outbox._FOLD_LOCK_KEY (migrations never import the app)

_CHANGES = """
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
"""

FOLDING_FUNCTION = f"""
CREATE OR REPLACE FUNCTION outbox_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    added bigint;
BEGIN
{_CHANGES}
    GET DIAGNOSTICS added = ROW_COUNT;
    IF added > 0 THEN
        IF currval('outbox_count_delta_id_seq') % {FOLD_EVERY} < added
           AND pg_try_advisory_xact_lock({FOLD_LOCK_KEY}) THEN
            WITH moved AS (DELETE FROM outbox_count_delta RETURNING destination, state, n)
            INSERT INTO outbox_count (destination, state, n)
            SELECT destination, state, sum(n) FROM moved
            GROUP BY destination, state ORDER BY destination, state
            ON CONFLICT (destination, state) DO UPDATE SET n = outbox_count.n + excluded.n;
        END IF;
    END IF;
    RETURN NULL;
END
$$
"""

APPENDING_FUNCTION = f"""
CREATE OR REPLACE FUNCTION outbox_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{_CHANGES}
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FOLDING_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPENDING_FUNCTION)
