"""The engine's writes of what became of the queue: the verdicts on claimed items, and the
state of each destination (online, offline since, paused, its pull cursor) with its outage log.

Every function is one short transaction on a writer engine (SQLite: BEGIN IMMEDIATE), so nothing
waits long for a lock. Claiming and leases are in `sync.leases`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Engine, and_, bindparam, exists, func, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from sync.leases import database_now
from sync.models import (
    OPEN_STATES,
    DestinationState,
    ItemState,
    Outage,
    OutboxItem,
    utc_now,
)

# --- verdicts -----------------------------------------------------------------------------------


class DeliveredItem(NamedTuple):
    """What the application's delivery hook is told of a delivered item."""

    key: str
    destination: str
    kind: str
    chain: str


Delivery = tuple[DeliveredItem, dict[str, Any]]
"""A delivered item and the receipt the remote gave for it."""

DeliveryHook = Callable[[Session, list[Delivery]], None]
"""The application's part of recording deliveries, in the transaction that records them: called
once per transaction with every item it delivers (a claim's worth), so the application can write
them with one statement instead of one each on the worker's thread."""


_VERDICT_COLUMNS = (
    OutboxItem.seq,
    OutboxItem.key,
    OutboxItem.destination,
    OutboxItem.kind,
    OutboxItem.chain,
    OutboxItem.state,
    OutboxItem.attempts,
    OutboxItem.lease_owner,
    OutboxItem.in_doubt_until,
)
_SETTLED = (ItemState.DELIVERED.value, ItemState.SUPERSEDED.value, ItemState.WITHDRAWN.value)
_DELIVERED = (
    update(OutboxItem)
    .where(col(OutboxItem.seq) == bindparam("b_seq"))
    .values(
        state=ItemState.DELIVERED.value,
        receipt=bindparam("b_receipt"),
        last_error=None,
        last_status=bindparam("b_status"),
        lease_owner=None,
        lease_until=None,
    )
)
_OTHER_VERDICT = (
    update(OutboxItem)
    .where(col(OutboxItem.seq) == bindparam("b_seq"))
    .values(
        state=bindparam("b_state"),
        attempts=bindparam("b_attempts"),
        last_error=bindparam("b_error"),
        last_status=bindparam("b_status"),
        next_attempt_at=bindparam("b_next"),
        in_doubt_until=bindparam("b_doubt"),
        lease_owner=None,
        lease_until=None,
    )
)


@dataclass
class Result:
    """The verdict on one claimed item, to be written back."""

    key: str
    state: ItemState
    receipt: dict[str, Any] | None = None
    reason: str | None = None
    status: int | None = None
    wait_s: float = 0.0
    verdict: str | None = None  # the transport's verdict, for the worker's own decisions
    unreachable: bool = False
    no_effect: bool = False  # a blind send refused before any effect: it does not count
    in_doubt_until: datetime | None = None  # sent with no answer: a "not found" proves nothing yet
    failures: int = 0  # a failed request (5xx, no answer): this engine's failures of the item
    wait_cap_s: float | None = None  # the longest wait such a failure may get (a look-up's cap)


def record(
    engine: Engine,
    owner: str,
    results: list[Result],
    on_delivered: DeliveryHook | None = None,
) -> None:
    """Write verdicts in one transaction, with the application's hook for delivered items.

    A delivery is written even if our lease was taken over meanwhile: it is the truth, and the other
    worker would find the item by looking it up anyway. Any other verdict is written only while we
    still hold the item, so a slow worker never overwrites a newer attempt's outcome.

    The items are read as plain rows and the verdicts written with one many-row UPDATE per kind
    of verdict: ORM objects and their flush took most of the sync worker's time, time the
    window's GUI thread spent waiting for the interpreter lock.
    """
    if not results:
        return
    with Session(engine) as session:
        connection = session.connection()
        # The claims compare `next_attempt_at` with the database's clock: a desk PC whose clock
        # is ahead of the office server's would otherwise push every retry back by as much.
        now = database_now(connection)
        current = {
            row.key: row
            for row in connection.execute(
                select(*_VERDICT_COLUMNS).where(col(OutboxItem.key).in_([r.key for r in results]))
            ).all()
        }
        delivered: list[dict[str, Any]] = []
        deliveries: list[Delivery] = []
        others: list[dict[str, Any]] = []
        for result in results:
            row = current.get(result.key)
            if row is None or row.state in _SETTLED:
                continue
            if result.state is ItemState.DELIVERED:
                receipt = result.receipt or {}
                delivered.append(
                    {
                        "b_seq": row.seq,
                        "b_receipt": json.dumps(receipt, ensure_ascii=False, sort_keys=True),
                        "b_status": result.status,
                    }
                )
                item = DeliveredItem(row.key, row.destination, row.kind, row.chain)
                deliveries.append((item, receipt))
                continue
            if not (row.lease_owner == owner and row.state == ItemState.IN_FLIGHT.value):
                continue  # no longer ours: a newer attempt's outcome stands
            attempts = row.attempts - 1 if result.no_effect and row.attempts > 0 else row.attempts
            others.append(
                {
                    "b_seq": row.seq,
                    "b_state": result.state.value,
                    "b_attempts": attempts,
                    "b_error": result.reason,
                    "b_status": result.status,
                    "b_next": now + timedelta(seconds=result.wait_s),
                    "b_doubt": result.in_doubt_until or row.in_doubt_until,
                }
            )
        if delivered:
            connection.execute(_DELIVERED.values(delivered_at=now, updated_at=now), delivered)
            if on_delivered is not None:
                on_delivered(session, deliveries)
        if others:
            connection.execute(_OTHER_VERDICT.values(updated_at=now), others)
        session.commit()


# --- the state of each destination -------------------------------------------------------------


def destination_state(session: Session, destination: str) -> DestinationState:
    state = session.get(DestinationState, destination)
    if state is None:
        state = DestinationState(destination=destination)
        session.add(state)
        session.flush()
    return state


def read_destination(engine: Engine, destination: str) -> DestinationState:
    with Session(engine) as session:
        state = session.get(DestinationState, destination)
        return state if state is not None else DestinationState(destination=destination)


def mark_offline(engine: Engine, destination: str, reason: str) -> bool:
    """Record the line going down; returns True when this was a transition (an outage starts)."""
    now = utc_now()
    with Session(engine) as session:
        state = destination_state(session, destination)
        open_outage = session.exec(
            select(Outage).where(Outage.destination == destination, col(Outage.ended_at).is_(None))
        ).first()
        state.last_probe_at = now
        changed = False
        if open_outage is None:
            backlog = session.exec(
                select(func.count())
                .select_from(OutboxItem)
                .where(
                    OutboxItem.destination == destination,
                    col(OutboxItem.state).in_(OPEN_STATES),
                )
            ).one()
            session.add(
                Outage(
                    destination=destination,
                    started_at=now,
                    reason=reason[:500],
                    backlog_at_start=int(backlog),
                )
            )
            changed = True
        if state.online or state.offline_since is None:
            state.online = False
            state.offline_since = state.offline_since or now
            changed = True
        state.updated_at = now
        session.add(state)
        session.commit()
        return changed


def mark_online(engine: Engine, destination: str, *, release: bool = False) -> bool:
    """Record the line coming back; close the outage and let every waiting item go at once.

    What waits out a backoff after a failed send (no answer, or a 5xx) is released when the line
    comes back, and when a new engine finds it up (`release`: a new `sync run`, the window
    starting): a backoff is for hammering a failing line, not for a line that is back. A 429's
    Retry-After and an item in doubt keep their time: those are the remote's word and the quiet
    period.
    """
    now = utc_now()
    with Session(engine) as session:
        state = destination_state(session, destination)
        was_offline = not state.online
        state.online = True
        state.offline_since = None
        state.last_probe_at = now
        state.last_success_at = now
        state.updated_at = now
        session.add(state)
        for outage in session.exec(
            select(Outage).where(Outage.destination == destination, col(Outage.ended_at).is_(None))
        ).all():
            outage.ended_at = now
            session.add(outage)
        if was_offline or release:
            session.exec(
                update(OutboxItem)
                .where(
                    OutboxItem.destination == destination,
                    OutboxItem.state == ItemState.PENDING.value,
                    col(OutboxItem.next_attempt_at) > now,
                    or_(
                        col(OutboxItem.last_status).is_(None),
                        col(OutboxItem.last_status) >= 500,
                    ),
                    or_(
                        col(OutboxItem.in_doubt_until).is_(None),
                        col(OutboxItem.in_doubt_until) <= now,
                    ),
                )
                .values(next_attempt_at=now)
            )
        session.commit()
        return was_offline


def set_paused(engine: Engine, destination: str, reason: str | None) -> None:
    """Pause (with a reason) or resume (None) a destination: credentials are the technician's."""
    now = utc_now()
    with Session(engine) as session:
        state = destination_state(session, destination)
        state.paused = reason is not None
        state.paused_reason = reason
        state.paused_at = now if reason is not None else None
        state.updated_at = now
        session.add(state)
        session.commit()


def save_cursor(session: Session, destination: str, cursor: str | None) -> None:
    state = destination_state(session, destination)
    state.cursor = cursor
    state.updated_at = utc_now()
    session.add(state)


def counts(session: Session, destination: str | None = None) -> dict[str, int]:
    statement = select(OutboxItem.state, func.count()).group_by(OutboxItem.state)
    if destination is not None:
        statement = statement.where(OutboxItem.destination == destination)
    found = {state: int(n) for state, n in session.exec(statement).all()}
    return {state.value: found.get(state.value, 0) for state in ItemState}


def oldest_open_age_s(session: Session, destination: str) -> float | None:
    oldest = session.exec(
        select(func.min(OutboxItem.created_at)).where(
            OutboxItem.destination == destination, col(OutboxItem.state).in_(OPEN_STATES)
        )
    ).one()
    if oldest is None:
        return None
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return max(0.0, (utc_now() - oldest).total_seconds())


def sendable_open(session: Session, active: set[str]) -> int:
    """Open items that can still leave by themselves.

    An item cannot when its destination is not active (paused for credentials, or not configured),
    or when an earlier item of its chain needs the officer or waits on such a destination.
    """
    if not active:
        return 0
    earlier = aliased(OutboxItem)
    blocked = exists().where(
        earlier.chain == OutboxItem.chain,
        earlier.chain_position < OutboxItem.chain_position,
        or_(
            earlier.state == ItemState.NEEDS_ATTENTION.value,
            and_(col(earlier.state).in_(OPEN_STATES), col(earlier.destination).not_in(active)),
        ),
    )
    statement = (
        select(func.count())
        .select_from(OutboxItem)
        .where(
            col(OutboxItem.state).in_(OPEN_STATES),
            col(OutboxItem.destination).in_(active),
            ~blocked,
        )
    )
    return int(session.exec(statement).one())
