"""The durable queue: adding items inside the caller's transaction, and the officer's corrections.

Nothing here commits. The caller's service commits the domain rows and the outbox rows together, so
a change and the submission that carries it are saved, or lost, as one.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, func, or_, update
from sqlmodel import Session, col, select

from sync.models import OPEN_STATES, ItemState, OutboxItem, new_key, utc_now
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


def supersede(session: Session, old: OutboxItem, payload: dict[str, Any]) -> str:
    """Replace a refused item by a corrected one with a new key, in the same place of the chain.

    The refused item is kept (marked superseded) so the history shows what was refused and why.
    Items that depended on it now depend on the replacement.
    """
    if old.state not in (ItemState.NEEDS_ATTENTION.value, ItemState.PENDING.value):
        raise OutboxError(f"Kiriman {old.key} berstatus {old.state}; tidak bisa diganti")
    replacement = enqueue(
        session,
        old.destination,
        old.kind,
        payload,
        chain=old.chain,
        depends_on=old.depends_on,
        position=old.chain_position,
    )
    old.state = ItemState.SUPERSEDED.value
    old.superseded_by = replacement
    old.updated_at = utc_now()
    session.add(old)
    session.exec(
        update(OutboxItem)
        .where(col(OutboxItem.depends_on) == old.key)
        .values(depends_on=replacement)
    )
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
