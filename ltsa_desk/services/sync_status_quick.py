"""`sync status` of a lone counter read through the driver alone (issue 19: <= 0.5 s).

The same figures as :func:`ltsa_desk.services.sync_status.status`, from the same three reads, on
the read-only connection of :mod:`ltsa_desk.counter.quick_read`: no SQLAlchemy, SQLModel or sync
engine is imported, which is most of the start-up of `sync status` (the scheduled task and the
technicians run it; benchmarks/bench_startup.py). Where the counter cannot be read quickly (a
shared office's server, a schema to migrate, a recovery key to show...) :func:`quick_status`
returns None and the caller uses ``sync_status.status`` on the fully opened counter. A test keeps
both answers equal on a counter with items in every state.

On SQLite the counts table is kept by triggers in the writer's transaction, so there are no count
deltas to fold (that is PostgreSQL's, done by ``sync_status.status``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ltsa_desk.counter.quick_read import quick_counter

#: ``sync_status.DESTINATIONS`` and ``sync.models.ItemState`` / ``OPEN_STATES`` (a test keeps
#: them equal; ``sync.models`` imports SQLModel).
DESTINATIONS = ("registry", "immigration")
STATES = (
    "pending",
    "in_flight",
    "delivered",
    "needs_attention",
    "paused",
    "superseded",
    "withdrawn",
)
OPEN_STATES = ("pending", "in_flight")

_COUNTS = "SELECT destination, state, n FROM outbox_count"
_DESTINATION_ROWS = (
    "SELECT destination, online, offline_since, paused, paused_reason FROM sync_destination"
)
#: Per destination and open state the first item in queue order: one step into the claim index
#: (destination, state, seq), as ``sync_status._oldest_open_statement``.
_OLDEST_OPEN = (
    "SELECT destination, min(queued) FROM ("
    + " UNION ALL ".join(
        f"SELECT '{name}' AS destination, (SELECT created_at FROM outbox_item "
        f"WHERE destination = '{name}' AND state = '{state}' ORDER BY seq LIMIT 1) AS queued"
        for name in DESTINATIONS
        for state in OPEN_STATES
    )
    + ") GROUP BY destination"
)


def quick_status(data_dir: Path) -> dict[str, Any] | None:
    """What ``sync_status.status`` answers, or None where the counter needs the full opening."""
    with quick_counter(data_dir) as counter:
        if counter is None:
            return None
        connection = counter.connection
        found: dict[str, dict[str, int]] = {}
        for destination, state, n in connection.execute(_COUNTS):
            found.setdefault(destination, {})[state] = int(n)
        states = {row[0]: row for row in connection.execute(_DESTINATION_ROWS)}
        oldest = dict(connection.execute(_OLDEST_OPEN).fetchall())
        config = counter.config
    now = datetime.now(UTC)
    rows = {name: (row[1], _datetime(row[2]), row[3], row[4]) for name, row in states.items()}
    queued = {name: _datetime(at) for name, at in oldest.items()}
    return status_answer(config, found, rows, queued, now)


def status_answer(
    config: Any,
    counts: dict[str, dict[str, int]],
    states: dict[str, tuple[Any, datetime | None, Any, str | None]],
    oldest: dict[str, datetime | None],
    now: datetime,
) -> dict[str, Any]:
    """The answer of ``sync status`` from what was read, for both reads (this one and
    ``sync_status.status``), so the two cannot drift: per destination the counts by state, its
    line (online, offline since, paused, why) and when its first waiting item was queued."""
    result: dict[str, Any] = {}
    totals = dict.fromkeys(STATES, 0)
    for name in DESTINATIONS:
        found = {state: counts.get(name, {}).get(state, 0) for state in STATES}
        line = states.get(name)
        queued = oldest.get(name)
        age = None if queued is None else max(0.0, (now - queued).total_seconds())
        offline_since = None if line is None else line[1]
        result[name] = {
            "configured": bool(config.get(f"{name}.url")),
            "online": bool(line is not None and line[0]),
            "offline_since": None
            if offline_since is None
            else offline_since.isoformat(timespec="seconds"),
            "paused": bool(line is not None and line[2]),
            "paused_reason": None if line is None else line[3],
            "pending": found["pending"],
            "in_flight": found["in_flight"],
            "needs_attention": found["needs_attention"],
            "delivered": found["delivered"],
            "superseded": found["superseded"],
            "withdrawn": found["withdrawn"],
            "oldest_pending_age_s": None if age is None else round(age, 1),
        }
        for key, value in found.items():
            totals[key] += value
    result["totals"] = totals
    return result


def _datetime(value: Any) -> datetime | None:
    """A time as SQLAlchemy's SQLite DateTime stores it ("YYYY-MM-DD HH:MM:SS.ffffff"), in UTC
    (every time in these tables is written in UTC; the full read gives them as UTC too)."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
