"""The sync engine's tables. They live in the office database beside the domain rows, so an outbox
item is committed in the same transaction as the change it carries (the transactional outbox).

The application's migrations create these tables; `sync` itself never imports the application.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Index, Text
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    return datetime.now(UTC)


class ItemState(StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DELIVERED = "delivered"
    NEEDS_ATTENTION = "needs_attention"
    PAUSED = "paused"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


# States in which an item still holds back the later items of its chain.
BLOCKING_STATES = (
    ItemState.PENDING.value,
    ItemState.IN_FLIGHT.value,
    ItemState.NEEDS_ATTENTION.value,
    ItemState.PAUSED.value,
)
OPEN_STATES = (ItemState.PENDING.value, ItemState.IN_FLIGHT.value)


class OutboxItem(SQLModel, table=True):
    """One submission to one remote system. Its key never changes, and neither does its payload."""

    __tablename__ = "outbox_item"
    __table_args__ = (
        Index("ix_outbox_ready", "destination", "state", "next_attempt_at"),
        Index("ix_outbox_chain", "chain", "chain_position"),
        # claim: the pending items of a destination in queue order (seq), without a sort
        Index("ix_outbox_claim", "destination", "state", "seq"),
        # the last delivery of a destination, read from the index's end (migration 0012)
        Index("ix_outbox_delivered", "destination", "state", "delivered_at"),
    )

    seq: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=36, unique=True, index=True)
    destination: str = Field(max_length=30)
    kind: str = Field(max_length=40)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    chain: str = Field(max_length=64)
    chain_position: int = Field(default=0)
    depends_on: str | None = Field(default=None, max_length=36)
    state: str = Field(default=ItemState.PENDING.value, max_length=20)
    attempts: int = Field(default=0)
    look_up_first: bool = Field(default=False)
    lease_owner: str | None = Field(default=None, max_length=80)
    lease_until: datetime | None = None
    in_doubt_until: datetime | None = None
    """Until then a look-up that does not find this item proves nothing: an earlier request for
    it may still be crossing the line (see "unknown outcomes" in `sync.sending`)."""
    next_attempt_at: datetime = Field(default_factory=utc_now)
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    last_status: int | None = None
    receipt: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    superseded_by: str | None = Field(default=None, max_length=36)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    delivered_at: datetime | None = None


class DestinationState(SQLModel, table=True):
    """What the engines know about one remote system: online, paused, and the status-pull cursor."""

    __tablename__ = "sync_destination"

    destination: str = Field(primary_key=True, max_length=30)
    online: bool = Field(default=False)
    offline_since: datetime | None = None
    paused: bool = Field(default=False)
    paused_reason: str | None = Field(default=None, max_length=500)
    paused_at: datetime | None = None
    last_probe_at: datetime | None = None
    last_success_at: datetime | None = None
    cursor: str | None = Field(default=None, max_length=200)
    updated_at: datetime = Field(default_factory=utc_now)


class Outage(SQLModel, table=True):
    """One offline period of one destination: what the admin's outage report is made of."""

    __tablename__ = "sync_outage"

    id: int | None = Field(default=None, primary_key=True)
    destination: str = Field(max_length=30, index=True)
    started_at: datetime
    ended_at: datetime | None = None
    reason: str | None = Field(default=None, max_length=500)
    backlog_at_start: int = Field(default=0)


class OutboxCount(SQLModel, table=True):
    """How many outbox items each destination has in each state, kept by database triggers.

    Why: the status bar asks every few seconds, and a counter adds items forever (one or more per
    registration), so counting ``outbox_item`` by state grows with years of history (150 ms at a
    million delivered items). The triggers of migration 0006 keep this table exact in the same
    transaction as every insert, state change and delete, whichever code path makes it.
    ``sync.outbox.state_counts`` reads it (plus the deltas below) in a few rows.
    """

    __tablename__ = "outbox_count"
    destination: str = Field(max_length=30, primary_key=True)
    state: str = Field(max_length=20, primary_key=True)
    n: int = Field(sa_column=Column(BigInteger, nullable=False))


class OutboxCountDelta(SQLModel, table=True):
    """PostgreSQL only: changes to ``outbox_count`` not yet folded into it.

    On a shared office server several desks change outbox states at once; adding to one counter
    row per state would make their transactions wait for each other (and deadlock when two take
    the rows in different orders). So PostgreSQL's statement triggers only append a delta here,
    and ``sync.outbox.fold_counts`` moves them into ``outbox_count`` now and then. SQLite has one
    writer at a time and updates ``outbox_count`` directly; this table stays empty there.
    """

    __tablename__ = "outbox_count_delta"
    id: int | None = Field(default=None, primary_key=True)
    destination: str = Field(max_length=30)
    state: str = Field(max_length=20)
    n: int = Field(sa_column=Column(BigInteger, nullable=False))


def new_key() -> str:
    return str(uuid.uuid4())
