"""each destination's last delivery by index: ``ix_outbox_delivered`` (destination, state,
delivered_at) on the outbox

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

The Sinkronisasi page shows when each remote last accepted a submission: the newest
``delivered_at`` of the destination's delivered items. The outbox keeps every item a counter ever
queued, and the read walked all of a destination's delivered items through ``ix_outbox_ready``:
5-6 s per reload at 100,000 CPMI with their history, repeated while a drain moves the counts
(issue 19). With ``delivered_at`` last in this index, the newest one is read from its end. Both
engines; the model declares the same index.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

INDEX = "ix_outbox_delivered"


def upgrade() -> None:
    op.create_index(
        INDEX, "outbox_item", ["destination", "state", "delivered_at"], if_not_exists=True
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="outbox_item", if_exists=True)
