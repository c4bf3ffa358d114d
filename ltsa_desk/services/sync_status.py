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

from datetime import UTC
from typing import Any

from sqlalchemy import func, literal, select, union_all

from ltsa_desk.counter.config import Config
from ltsa_desk.store.database import Database
from sync import outbox
from sync.models import OPEN_STATES, DestinationState, ItemState, OutboxItem, utc_now

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
    result: dict[str, Any] = {}
    totals = {state.value: 0 for state in ItemState}
    none = {state.value: 0 for state in ItemState}
    now = utc_now()
    with database.engine.connect() as connection:
        all_counts, deltas = outbox.counts_and_deltas(connection)
        states = {row.destination: row for row in connection.execute(_DESTINATION_ROWS)}
        oldest = {name: queued for name, queued in connection.execute(_OLDEST_OPEN)}
    if deltas >= outbox.FOLD_AT:
        _fold(database)
    for name in DESTINATIONS:
        counts = all_counts.get(name, none)
        state = states.get(name)
        queued = oldest.get(name)
        if queued is not None and queued.tzinfo is None:
            queued = queued.replace(tzinfo=UTC)
        age = None if queued is None else max(0.0, (now - queued).total_seconds())
        result[name] = {
            "configured": bool(config.get(f"{name}.url")),
            "online": bool(state is not None and state.online),
            "offline_since": _iso(None if state is None else state.offline_since),
            "paused": bool(state is not None and state.paused),
            "paused_reason": None if state is None else state.paused_reason,
            "pending": counts["pending"],
            "in_flight": counts["in_flight"],
            "needs_attention": counts["needs_attention"],
            "delivered": counts["delivered"],
            "superseded": counts["superseded"],
            "withdrawn": counts["withdrawn"],
            "oldest_pending_age_s": None if age is None else round(age, 1),
        }
        for key, value in counts.items():
            totals[key] += value
    result["totals"] = totals
    return result


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")
