"""The durable queue: adding items inside the caller's transaction, and the officer's corrections.

Nothing here commits. The caller's service commits the domain rows and the outbox rows together, so
a change and the submission that carries it are saved, or lost, as one.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, and_, func, or_, text, update
from sqlmodel import Session, col, select

from sync.models import BLOCKING_STATES, OPEN_STATES, ItemState, OutboxItem, new_key, utc_now
from sync.prepared import Prepared


class OutboxError(ValueError):
    """A refused queue operation (unknown item, wrong state)."""


_INSERT = Prepared(OutboxItem.__table__.insert())  # type: ignore[attr-defined]


def _dump(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)


def enqueue(
    session: Session,
    destination: str,
    kind: str,
    payload: dict[str, Any],
    *,
    chain: str,
    depends_on: str | None = None,
    position: int | None = None,
) -> str:
    """Add an item to the caller's transaction; returns its key, which travels as
    `client_reference` too. The row is written at once with a plain INSERT (no ORM object to
    flush later: the counter's Simpan writes one on every registration)."""
    key = new_key()
    if position is None:
        last = session.exec(
            select(func.max(OutboxItem.chain_position)).where(OutboxItem.chain == chain)
        ).one()
        position = (last or 0) + 1
    _INSERT.run(
        session.connection(),
        {
            "key": key,
            "destination": destination,
            "kind": kind,
            "payload": _dump({**payload, "client_reference": key}),
            "chain": chain,
            "chain_position": position,
            "depends_on": depends_on,
        },
    )
    return key


def payload_of(item: OutboxItem) -> dict[str, Any]:
    return dict(json.loads(item.payload))


def receipt_of(item: OutboxItem) -> dict[str, Any]:
    return dict(json.loads(item.receipt)) if item.receipt else {}


def get_item(session: Session, key: str) -> OutboxItem:
    item = session.exec(select(OutboxItem).where(OutboxItem.key == key)).first()
    if item is None:
        raise OutboxError(f"Kiriman tidak ditemukan: {key}")
    return item


def chain_items(session: Session, chain: str) -> list[OutboxItem]:
    statement = (
        select(OutboxItem)
        .where(OutboxItem.chain == chain)
        .order_by(col(OutboxItem.chain_position), col(OutboxItem.seq))
    )
    return list(session.exec(statement).all())


def supersede(
    session: Session,
    old: OutboxItem,
    payload: dict[str, Any],
    *,
    kind: str | None = None,
    depends_on: str | None = None,
) -> str:
    """Replace a refused item by a corrected one with a new key, in the same place of the chain.

    The refused item is kept (marked superseded) so the history shows what was refused and why.
    Items that depended on it now depend on the replacement. `kind` and `depends_on` change what
    the replacement is (by default the old item's): a registration whose earlier copy reached the
    remote after all is replaced by a correction of that record, which waits for it.
    """
    if old.state not in (ItemState.NEEDS_ATTENTION.value, ItemState.PENDING.value):
        raise OutboxError(f"Kiriman {old.key} berstatus {old.state}; tidak bisa diganti")
    return _replace(session, old, payload, kind=kind, depends_on=depends_on)


def supersede_without_effect(
    session: Session, old: OutboxItem, payload: dict[str, Any], *, kind: str, depends_on: str
) -> str:
    """`supersede`, also for an item pending after an attempt, paused or in flight right now.

    Only for an item the caller knows cannot have had an effect at the remote (the remote's own
    rules refuse it, such as a second registration of a NIK it holds). A verdict that arrives
    for it later is not written (`ledger.record` leaves superseded items alone), so the
    replacement is what the remote gets.
    """
    if old.state not in BLOCKING_STATES:
        raise OutboxError(f"Kiriman {old.key} berstatus {old.state}; tidak bisa diganti")
    return _replace(session, old, payload, kind=kind, depends_on=depends_on)


def supersede_by(session: Session, old: OutboxItem, replacement: str) -> None:
    """Mark an item superseded by one already queued that carries all it would have sent (a
    correction waiting behind a registration that is replaced with the CPMI's current data)."""
    if old.state not in (ItemState.NEEDS_ATTENTION.value, ItemState.PENDING.value):
        raise OutboxError(f"Kiriman {old.key} berstatus {old.state}; tidak bisa diganti")
    _mark_superseded(session, old, replacement)


def _mark_superseded(session: Session, old: OutboxItem, replacement: str) -> None:
    """``old`` is replaced by ``replacement``, and what waited for ``old`` now waits for it."""
    old.state = ItemState.SUPERSEDED.value
    old.superseded_by = replacement
    old.updated_at = utc_now()
    session.add(old)
    session.exec(
        update(OutboxItem)
        .where(col(OutboxItem.depends_on) == old.key)
        .values(depends_on=replacement)
    )


def _replace(
    session: Session,
    old: OutboxItem,
    payload: dict[str, Any],
    *,
    kind: str | None,
    depends_on: str | None,
) -> str:
    replacement = enqueue(
        session,
        old.destination,
        kind or old.kind,
        payload,
        chain=old.chain,
        depends_on=depends_on or old.depends_on,
        position=old.chain_position,
    )
    old.lease_owner = None
    old.lease_until = None
    _mark_superseded(session, old, replacement)
    return replacement


def withdraw_chain(session: Session, chain: str) -> int:
    """Cancelling a CPMI: items not yet sent never leave. Items in flight finish their send.

    An item the remote refused (needs attention) is withdrawn too, whatever its attempts: the
    refusal had no effect there, and a cancelled CPMI can no longer be corrected, so it would
    otherwise wait for the officer for ever.
    """
    result = session.exec(
        update(OutboxItem)
        .where(
            OutboxItem.chain == chain,
            or_(
                and_(
                    col(OutboxItem.state).in_([ItemState.PENDING.value, ItemState.PAUSED.value]),
                    OutboxItem.attempts == 0,
                ),
                OutboxItem.state == ItemState.NEEDS_ATTENTION.value,
            ),
        )
        .values(state=ItemState.WITHDRAWN.value, updated_at=utc_now())
    )
    return int(result.rowcount or 0)


def retry(session: Session, key: str | None = None) -> int:
    """Re-queue items that need attention (after a fix on the remote side), one or all."""
    statement = update(OutboxItem).where(OutboxItem.state == ItemState.NEEDS_ATTENTION.value)
    if key is not None:
        get_item(session, key)
        statement = statement.where(OutboxItem.key == key)
    result = session.exec(
        statement.values(
            state=ItemState.PENDING.value,
            next_attempt_at=utc_now(),
            updated_at=utc_now(),
        )
    )
    return int(result.rowcount or 0)


def open_count(session: Session) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(OutboxItem)
            .where(col(OutboxItem.state).in_(OPEN_STATES))
        ).one()
    )


# --- counts ---------------------------------------------------------------------------------------
#
# The status bar asks every few seconds how many items wait, travel, need the officer or arrived.
# Counting ``outbox_item`` grows with the counter's history; ``outbox_count`` (migration 0006)
# holds the counts, kept by triggers. See ``sync.models.OutboxCount`` for why PostgreSQL goes
# through ``outbox_count_delta``.

_COUNTS = text(
    "SELECT destination, state, sum(n), sum(d) FROM ("
    " SELECT destination, state, n, 0 AS d FROM outbox_count"
    " UNION ALL SELECT destination, state, n, 1 AS d FROM outbox_count_delta"
    ") AS c GROUP BY destination, state"
)

#: Deltas worth folding: a few hundred rows cost the reader nothing, a million would.
FOLD_AT = 500

# pg_advisory lock of the folding (one desk at a time folds; the others skip): "LTSC".
_FOLD_LOCK_KEY = 0x4C545343

_FOLD = text(
    "WITH moved AS (DELETE FROM outbox_count_delta RETURNING destination, state, n) "
    "INSERT INTO outbox_count (destination, state, n) "
    "SELECT destination, state, sum(n) FROM moved "
    "GROUP BY destination, state ORDER BY destination, state "
    "ON CONFLICT (destination, state) DO UPDATE SET n = outbox_count.n + excluded.n"
)


def state_counts(connection: Connection | Session) -> dict[str, dict[str, int]]:
    """Items per destination and state (every state present, 0 when none), from the counts table.

    A few rows whatever the history: this is what the status bar and `sync status` show.
    """
    return counts_and_deltas(connection)[0]


def counts_and_deltas(connection: Connection | Session) -> tuple[dict[str, dict[str, int]], int]:
    """`state_counts`, and how many deltas wait to be folded, in one round trip to the server."""
    found: dict[str, dict[str, int]] = {}
    deltas = 0
    for destination, state, n, d in connection.execute(_COUNTS).all():
        found.setdefault(destination, {})[state] = int(n)
        deltas += int(d)
    counts = {
        destination: {state.value: by_state.get(state.value, 0) for state in ItemState}
        for destination, by_state in found.items()
    }
    return counts, deltas


def pending_deltas(connection: Connection | Session) -> int:
    """How many count deltas wait to be folded (always 0 on SQLite)."""
    return int(connection.execute(text("SELECT count(*) FROM outbox_count_delta")).scalar_one())


def fold_counts(connection: Connection) -> bool:
    """Fold PostgreSQL's count deltas into ``outbox_count``, in the caller's transaction.

    One statement moves every delta it sees; deltas of transactions still open are not seen and
    stay for the next fold, so no change is counted twice or lost. One desk folds at a time (an
    advisory lock; the others return False at once instead of waiting), and the counts' rows are
    taken in one order, so folding never deadlocks. A no-op on SQLite.
    """
    if connection.dialect.name != "postgresql":
        return False
    locked = connection.execute(
        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _FOLD_LOCK_KEY}
    ).scalar_one()
    if not locked:
        return False
    connection.execute(_FOLD)
    return True


def item_dict(item: OutboxItem) -> dict[str, Any]:
    return {
        "key": item.key,
        "destination": item.destination,
        "kind": item.kind,
        "chain": item.chain,
        "position": item.chain_position,
        "depends_on": item.depends_on,
        "state": item.state,
        "attempts": item.attempts,
        "next_attempt_at": item.next_attempt_at.isoformat(timespec="seconds"),
        "last_error": item.last_error,
        "last_status": item.last_status,
        "receipt": receipt_of(item) or None,
        "superseded_by": item.superseded_by,
        "created_at": item.created_at.isoformat(timespec="seconds"),
        "delivered_at": item.delivered_at.isoformat(timespec="seconds")
        if item.delivered_at
        else None,
    }
