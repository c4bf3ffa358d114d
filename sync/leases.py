"""Claiming queue items under a lease, and renewing or handing back the leases.

A claim is one short transaction on a writer engine (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT
... FOR UPDATE SKIP LOCKED), so two engines on one database (the window and a `sync run`, or two
desks of a shared office) never hold the same item. The attempt is counted in that same commit,
before anything is sent: that is what makes "blind only once" survive a kill. Lease times are the
office database's clock (`database_now`), which every desk shares.

The verdicts are written back by `sync.ledger.record`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Engine, and_, bindparam, exists, func, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from sync.models import BLOCKING_STATES, ItemState, OutboxItem, utc_now


@dataclass
class Claimed:
    """An item this worker now holds, with what it needs to be sent."""

    key: str
    kind: str
    payload: dict[str, Any]
    blind: bool  # first attempt from this database: may be sent without looking first
    attempts: int
    dependency_receipt: dict[str, Any] | None
    in_doubt_until: datetime | None = None  # a "not found" before then proves nothing
    db_now: datetime = field(default_factory=utc_now)  # the database's clock at the claim
    claimed_at: float = field(default_factory=time.monotonic)  # before the claim, monotonic


_CLAIM_COLUMNS = (
    OutboxItem.seq,
    OutboxItem.key,
    OutboxItem.kind,
    OutboxItem.payload,
    OutboxItem.attempts,
    OutboxItem.look_up_first,
    OutboxItem.depends_on,
    OutboxItem.state,
    OutboxItem.lease_until,
    OutboxItem.in_doubt_until,
)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without a zone; they are stored in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def database_now(connection: Any) -> datetime:
    """Now on the office database's clock, where leases are compared.

    The desks of a shared office each have a clock, and they disagree: a desk a few minutes ahead
    would take over leases the others still hold. PostgreSQL's clock is the one they share; a lone
    counter's SQLite file has only this machine's.
    """
    if connection.dialect.name == "postgresql":
        value = connection.execute(select(func.now())).scalar_one()
        return value.astimezone(UTC)
    return utc_now()


def _ready_condition(destination: str, now: datetime, state_condition: Any = None) -> Any:
    """Items of `destination` that may leave now (by default: pending, or in flight with an
    expired lease; `state_condition` narrows that to one of the two)."""
    earlier = aliased(OutboxItem)
    dependency = aliased(OutboxItem)
    blocked_by_earlier = exists().where(
        earlier.chain == OutboxItem.chain,
        earlier.chain_position < OutboxItem.chain_position,
        col(earlier.state).in_(BLOCKING_STATES),
    )
    dependency_delivered = exists().where(
        dependency.key == OutboxItem.depends_on,
        dependency.state == ItemState.DELIVERED.value,
    )
    if state_condition is None:
        state_condition = or_(
            OutboxItem.state == ItemState.PENDING.value,
            and_(
                OutboxItem.state == ItemState.IN_FLIGHT.value,
                col(OutboxItem.lease_until) < now,
            ),
        )
    return and_(
        OutboxItem.destination == destination,
        state_condition,
        # Not a range the planner may pick an index for (coalesce of a NOT NULL column is the
        # column): SQLite would otherwise take ix_outbox_ready and sort every ready item by seq
        # for each batch, where ix_outbox_claim reads them in seq order and stops at `limit`.
        func.coalesce(OutboxItem.next_attempt_at, now) <= now,
        ~blocked_by_earlier,
        or_(col(OutboxItem.depends_on).is_(None), dependency_delivered),
    )


def seconds_to_next_retry(engine: Engine, destination: str, after: datetime) -> float | None:
    """Seconds from now until the first pending item of the destination that was not yet ready
    when a claim looked at `after` (both on the database's clock, as the claim compares), or None
    when there is none. At most 0: it is ready now, and the claim did not see it.

    An idle worker sleeps until then. The moments it notes itself from the verdicts it wrote can
    be early (a verdict's time is this PC's; a shared office's claims use the server's) and were
    then used up by a claim that found nothing yet: the item sat out a whole poll. Items ready
    before `after` that the claim still left (behind an earlier item of their case) are not
    counted: they wait for that item, not for a moment."""
    with Session(engine) as session:
        connection = session.connection()
        now = database_now(connection)
        soonest = connection.execute(
            select(func.min(OutboxItem.next_attempt_at)).where(
                OutboxItem.destination == destination,
                OutboxItem.state == ItemState.PENDING.value,
                col(OutboxItem.next_attempt_at) > after,
            )
        ).scalar_one()
    if soonest is None:
        return None
    return (_aware(soonest) - now).total_seconds()  # type: ignore[operator]


@cache
def _claim_selects() -> tuple[Any, Any]:
    """The claim's two reads (pending items; items whose lease ran out), built once with bound
    destination, time and limit: building them for every claim cost ~5 ms of the worker's CPU
    (and the interpreter lock the window's GUI thread waits for) per 128 items (issue 19)."""
    now = bindparam("b_now", type_=OutboxItem.__table__.c.next_attempt_at.type)
    destination = bindparam("b_destination", type_=OutboxItem.__table__.c.destination.type)
    return tuple(  # type: ignore[return-value]
        select(*_CLAIM_COLUMNS)
        .where(_ready_condition(destination, now, state_condition))  # type: ignore[arg-type]
        .order_by(col(OutboxItem.seq))
        .limit(bindparam("b_limit"))
        .with_for_update(skip_locked=True)
        for state_condition in (
            OutboxItem.state == ItemState.PENDING.value,
            and_(OutboxItem.state == ItemState.IN_FLIGHT.value, col(OutboxItem.lease_until) < now),
        )
    )


class Claim(NamedTuple):
    """What a claim took, and when it looked (the database's clock): an item ready only after
    that moment was not there for it to take (`seconds_to_next_retry`)."""

    items: list[Claimed]
    at: datetime


def claim(
    engine: Engine,
    destination: str,
    owner: str,
    limit: int,
    lease_seconds: float,
    *,
    takeover_hold_s: float = 0.0,
) -> Claim:
    """Take up to `limit` ready items under a lease, counting the attempt BEFORE anything is sent.

    Counting first is what makes "blind only once" hold across a kill: whatever happens after this
    commit, the next attempt at these items looks them up first. An item taken over from a lease
    that ran out is in doubt until `takeover_hold_s` after that lease's end: its holder may have
    had a request for it on the line (see "unknown outcomes" in `sync.sending`).
    """
    claimed_at = time.monotonic()
    with Session(engine) as session:
        connection = session.connection()
        now = database_now(connection)
        # Pending items and items whose lease ran out, each read in queue order on its own, so
        # the index on (destination, state, seq) hands over the first `limit` at once instead of
        # every ready item being sorted for each batch (a 10,000-item backlog made draining
        # quadratic); the two short lists are merged in queue order. Plain rows and one UPDATE
        # for the whole claim, not ORM objects: the window's GUI thread waits for the same
        # interpreter lock as this worker (see the gui_stall benchmark).
        rows: list[Any] = []
        values = {"b_destination": destination, "b_now": now, "b_limit": limit}
        for statement in _claim_selects():
            rows.extend(connection.execute(statement, values).all())
        rows = sorted(rows, key=lambda row: row.seq)[:limit]
        if not rows:
            session.commit()
            return Claim([], now)
        needed = sorted({row.depends_on for row in rows if row.depends_on})
        receipts = (
            dict(
                connection.execute(
                    select(OutboxItem.key, OutboxItem.receipt).where(
                        col(OutboxItem.key).in_(needed)
                    )
                ).all()
            )
            if needed
            else {}
        )
        connection.execute(
            update(OutboxItem)
            .where(col(OutboxItem.seq).in_([row.seq for row in rows]))
            .values(
                attempts=OutboxItem.attempts + 1,
                state=ItemState.IN_FLIGHT.value,
                lease_owner=owner,
                lease_until=now + timedelta(seconds=lease_seconds),
                updated_at=now,
            )
        )
        doubts: dict[int, datetime | None] = {row.seq: _aware(row.in_doubt_until) for row in rows}
        taken_over = []
        for row in rows:
            if row.state != ItemState.IN_FLIGHT.value or row.lease_until is None:
                continue
            until = _aware(row.lease_until) + timedelta(seconds=takeover_hold_s)  # type: ignore[operator]
            current = doubts[row.seq]
            if current is None or current < until:
                doubts[row.seq] = until
                taken_over.append({"b_seq": row.seq, "b_doubt": until})
        if taken_over:
            connection.execute(_IN_DOUBT, taken_over)
        claimed = []
        for row in rows:
            receipt = receipts.get(row.depends_on) if row.depends_on else None
            claimed.append(
                Claimed(
                    row.key,
                    row.kind,
                    json.loads(row.payload),
                    row.attempts == 0 and not row.look_up_first,
                    row.attempts + 1,
                    json.loads(receipt) if receipt else None,
                    doubts[row.seq],
                    now,
                    claimed_at,
                )
            )
        session.commit()
    return Claim(claimed, now)


_IN_DOUBT = (
    update(OutboxItem)
    .where(col(OutboxItem.seq) == bindparam("b_seq"))
    .values(in_doubt_until=bindparam("b_doubt"))
)


def _held_by(owner: str, destinations: Sequence[str] | None) -> list[Any]:
    """The items `owner` holds. With the owner's destinations named, the claim index (destination,
    state, seq) finds them; without, SQLite reads the whole outbox, years of delivered items
    (2.4 s at 141,000 items, every `lease_seconds / 3` while an engine runs; issue 19)."""
    held = [OutboxItem.lease_owner == owner, OutboxItem.state == ItemState.IN_FLIGHT.value]
    if destinations is not None:
        held.insert(0, col(OutboxItem.destination).in_(list(destinations)))
    return held


def renew_leases(
    engine: Engine, owner: str, lease_seconds: float, destinations: Sequence[str] | None = None
) -> int:
    with Session(engine) as session:
        now = database_now(session.connection())
        result = session.exec(
            update(OutboxItem)
            .where(*_held_by(owner, destinations))
            .values(lease_until=now + timedelta(seconds=lease_seconds))
        )
        session.commit()
        return int(result.rowcount or 0)


def release_leases(
    engine: Engine,
    owner: str,
    takeover_hold_s: float = 0.0,
    destinations: Sequence[str] | None = None,
) -> None:
    """A clean stop hands its unfinished items back at once instead of letting leases run out.

    What is handed back may have been on the line when the stop gave up waiting for its sender:
    it is in doubt for as long as a taken-over lease would be.
    """
    with Session(engine) as session:
        now = database_now(session.connection())
        session.exec(
            update(OutboxItem)
            .where(*_held_by(owner, destinations))
            .values(
                state=ItemState.PENDING.value,
                lease_owner=None,
                lease_until=None,
                in_doubt_until=now + timedelta(seconds=takeover_hold_s),
            )
        )
        session.commit()
