"""outbox: the time until which a "not found" for an item is not yet proof

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

``outbox_item.in_doubt_until``: set when a send ended with no answer (timeout, reset, connection
closed before the answer) or when a lease is taken over from an engine that may have been sending.
Until then the request may still be crossing the line, so a look-up that does not find the item is
not a reason to send it again (see ``sync/engine.py``, "unknown outcomes").
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "outbox_item",
        sa.Column("in_doubt_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox_item") as batch:
        batch.drop_column("in_doubt_until")
