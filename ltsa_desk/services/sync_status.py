"""What waits to leave, per destination and why: `sync status`, the status bar, the support bundle.

Kept apart from ``sync_setup`` (which builds the engine, with httpx and the hooks) so that `sync
status`, run by technicians and scripts, loads only what reading the status needs (issue 19).

Why it costs the same after years of history: the window asks every 5 s when idle and every
300 ms during a drain, and a counter adds outbox items forever. The counts come from
``outbox_count`` (kept by triggers, ``sync.outbox.state_counts``), not from counting
``outbox_item``; the first waiting item is one step into the claim index (destination, state,
seq) per open state; and the three reads share one connection with prebuilt Core
statements (no ORM session, no object per row).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, literal, select, union_all

from ltsa_desk.counter.config import Config
from ltsa_desk.services.sync_status_quick import status_answer
from ltsa_desk.store.database import Database
from sync import outbox
from sync.models import OPEN_STATES, DestinationState, OutboxItem, utc_now

DESTINATIONS = ("registry", "immigration")

_ITEMS = OutboxItem.__table__  # type: ignore[attr-defined]
_DESTINATIONS = DestinationState.__table__  # type: ignore[attr-defined]
_DESTINATION_ROWS = select(
    _DESTINATIONS.c.destination,
    _DESTINATIONS.c.online,
    _DESTINATIONS.c.offline_since,
    _DESTINATIONS.c.paused,
    _DESTINATIONS.c.paused_reason,
)


def _oldest_open_statement() -> Any:
    """When the first open item of each destination was queued, in one statement.

    Per destination and open state the first item in queue order (``seq``): one step into the
    claim index (destination, state, seq), however many items wait. ``min(created_at)`` over the
    open items read every waiting row instead: 19 ms with 13,600 waiting at a million items of
    history, run every 300 ms during a drain (issue 19). The first queued is also the item that
    has waited longest when a PC clock was once set back, which ``min(created_at)`` is not."""
    firsts = union_all(
        *(
            select(
                literal(name).label("destination"),
                select(_ITEMS.c.created_at)
                .where(_ITEMS.c.destination == name, _ITEMS.c.state == state)
                .order_by(_ITEMS.c.seq)
                .limit(1)
                .scalar_subquery()
                .label("queued"),
            )
            for name in DESTINATIONS
            for state in OPEN_STATES
        )
    ).subquery()
    return select(firsts.c.destination, func.min(firsts.c.queued)).group_by(firsts.c.destination)


_OLDEST_OPEN = _oldest_open_statement()


def _fold(database: Database) -> None:
    """On PostgreSQL, fold the count deltas into the counts (see sync.outbox)."""
    with database.writer.begin() as connection:
        outbox.fold_counts(connection)


def status(config: Config, database: Database) -> dict[str, Any]:
    """Per destination what waits and why, plus totals: `sync status` and the status bar.

    Three statements on one connection. On PostgreSQL, once enough count deltas have gathered,
    they are folded after the read (the read already counted them)."""
    now = utc_now()
    with database.engine.connect() as connection:
        all_counts, deltas = outbox.counts_and_deltas(connection)
        states = {
            row.destination: (row.online, _utc(row.offline_since), row.paused, row.paused_reason)
            for row in connection.execute(_DESTINATION_ROWS)
        }
        oldest = {name: _utc(queued) for name, queued in connection.execute(_OLDEST_OPEN)}
    if deltas >= outbox.FOLD_AT:
        _fold(database)
    return status_answer(config, all_counts, states, oldest, now)


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
