"""Import, back at the counter: the uploader's receipts written into the queue as a worker of
this queue would write its own verdicts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from sync import ledger
from sync.bundle.contents import DELIVERED, REFUSED, WAITING, Outcome, Receipts
from sync.ledger import DeliveredItem, DeliveryHook
from sync.models import ItemState, OutboxItem, utc_now


@dataclass
class Applied:
    """What importing receipts did, item by item class."""

    delivered: int = 0  # now delivered with the remote's receipt
    already_delivered: int = 0  # the counter had delivered it meanwhile: left as it was
    refused: int = 0  # now needs attention with the remote's reason
    still_waiting: int = 0  # not sent by the uploader: still waits here, looked up first
    skipped: int = 0  # withdrawn, or a refusal of one corrected or being sent now: left as is

    def as_dict(self) -> dict[str, int]:
        return {
            "delivered": self.delivered,
            "already_delivered": self.already_delivered,
            "refused": self.refused,
            "still_waiting": self.still_waiting,
            "skipped": self.skipped,
        }


def unknown_keys(session: Session, receipts: Receipts) -> list[str]:
    keys = [outcome.key for outcome in receipts.outcomes]
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            session.exec(select(OutboxItem.key).where(col(OutboxItem.key).in_(chunk))).all()
        )
    return [key for key in keys if key not in found]


LateDeliveryHook = Callable[[Session, DeliveredItem, dict[str, Any], str], None]
"""Told, in the transaction that records it, of a superseded item the remote got after all: the
item, its receipt and the key of the item that replaced it."""


def apply_receipts(
    engine: Engine,
    receipts: Receipts,
    *,
    owner: str,
    on_delivered: DeliveryHook | None = None,
    on_late_delivery: LateDeliveryHook | None = None,
    lease_seconds: float = 60.0,
) -> Applied:
    """Write the uploader's verdicts through `ledger.record`, as a worker of this queue would.

    Deliveries are the truth and are written whatever the item's state (except one already
    delivered or withdrawn, which `record` leaves alone). A refusal is written only on an item
    still waiting here: this function takes it under its own lease first, so an engine sending
    the item at this moment keeps its own, newer verdict.

    An item corrected at the counter after the export (superseded) reached the remote all the
    same: the remote holds that copy. Its receipt is recorded (the item becomes delivered, with
    `on_delivered` as for any delivery) and `on_late_delivery` is told which item replaced it,
    so the application can send the correction as a correction of that record.
    """
    applied = Applied()
    by_key = {outcome.key: outcome for outcome in receipts.outcomes}
    with Session(engine) as session:
        before = {
            key: state
            for key, state in session.exec(
                select(OutboxItem.key, OutboxItem.state).where(
                    col(OutboxItem.key).in_(list(by_key))
                )
            ).all()
        }
        refused_keys = [
            key for key, o in by_key.items() if o.state == REFUSED and before.get(key) == WAITING
        ]
        if refused_keys:
            session.exec(
                update(OutboxItem)
                .where(
                    col(OutboxItem.key).in_(refused_keys),
                    OutboxItem.state == ItemState.PENDING.value,
                )
                .values(
                    state=ItemState.IN_FLIGHT.value,
                    lease_owner=owner,
                    lease_until=utc_now() + timedelta(seconds=lease_seconds),
                )
            )
        session.commit()
    results: list[ledger.Result] = []
    late: list[Outcome] = []
    for key, outcome in by_key.items():
        state = before.get(key)
        if outcome.state == DELIVERED:
            if state == DELIVERED:
                applied.already_delivered += 1
            elif state == ItemState.WITHDRAWN.value:
                applied.skipped += 1
            elif state == ItemState.SUPERSEDED.value:
                late.append(outcome)
                continue
            else:
                applied.delivered += 1
            results.append(
                ledger.Result(
                    key,
                    ItemState.DELIVERED,
                    receipt=outcome.receipt or {},
                    status=outcome.status,
                )
            )
        elif outcome.state == REFUSED:
            if key in refused_keys:
                applied.refused += 1
                results.append(
                    ledger.Result(
                        key,
                        ItemState.NEEDS_ATTENTION,
                        reason=outcome.reason or "ditolak server tujuan",
                        status=outcome.status,
                    )
                )
            elif state == DELIVERED:
                applied.already_delivered += 1
            else:
                applied.skipped += 1
        elif state == DELIVERED:
            applied.already_delivered += 1
        else:
            applied.still_waiting += 1
    ledger.record(engine, owner, results, on_delivered)
    recorded = _record_late(engine, late, on_delivered, on_late_delivery)
    applied.delivered += recorded
    applied.skipped += len(late) - recorded
    return applied


def _record_late(
    engine: Engine,
    outcomes: list[Outcome],
    on_delivered: DeliveryHook | None,
    on_late_delivery: LateDeliveryHook | None,
) -> int:
    """Deliveries of superseded items, each with its hooks, in one transaction; how many.

    The item is read under a row lock (PostgreSQL; SQLite's writer holds the database), so a
    second import of the same receipts running at once finds it delivered and does nothing.
    """
    if not outcomes:
        return 0
    now = utc_now()
    recorded = 0
    with Session(engine) as session:
        for outcome in outcomes:
            item = session.exec(
                select(OutboxItem).where(OutboxItem.key == outcome.key).with_for_update()
            ).first()
            if item is None or item.state != ItemState.SUPERSEDED.value:
                continue
            receipt = outcome.receipt or {}
            replacement = item.superseded_by
            item.state = DELIVERED
            item.receipt = json.dumps(receipt, ensure_ascii=False, sort_keys=True)
            item.last_status = outcome.status
            item.last_error = None
            item.delivered_at = now
            item.updated_at = now
            session.add(item)
            session.flush()
            delivered = DeliveredItem(item.key, item.destination, item.kind, item.chain)
            if on_delivered is not None:
                on_delivered(session, [(delivered, receipt)])
            if on_late_delivery is not None and replacement:
                on_late_delivery(session, delivered, receipt, replacement)
            recorded += 1
        session.commit()
    return recorded
