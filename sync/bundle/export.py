"""Export, at the counter: choosing the items a bundle carries, and marking them so the counter
itself never sends them blind once the bundle exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import update
from sqlmodel import Session, col, select

from sync.bundle.contents import BundleItem, KnownReceipt
from sync.models import BLOCKING_STATES, OPEN_STATES, ItemState, OutboxItem, utc_now


def select_exportable(session: Session) -> tuple[list[OutboxItem], list[OutboxItem]]:
    """Items that could leave now, and the delivered dependencies whose receipts they need.

    An open item is exportable when nothing earlier in its chain holds it back for the officer
    (a refused item), and its dependency is delivered or travels in the same bundle. Dropping an
    item drops the later items of its chain too: the chain leaves in order or not at all.
    """
    rows = list(
        session.exec(
            select(OutboxItem)
            .where(col(OutboxItem.state).in_(BLOCKING_STATES))
            .order_by(col(OutboxItem.seq))
        ).all()
    )
    chosen: dict[str, OutboxItem] = {item.key: item for item in rows if item.state in OPEN_STATES}
    # The lowest position in each chain from which nothing may go (a refused or paused item).
    stop_at: dict[str, int] = {}

    def stop(chain: str, position: int) -> None:
        stop_at[chain] = min(stop_at.get(chain, position), position)

    for item in rows:
        if item.state not in OPEN_STATES:
            stop(item.chain, item.chain_position)
    delivered_deps: dict[str, OutboxItem] = {}
    wanted = {item.depends_on for item in chosen.values() if item.depends_on} - set(chosen)
    if wanted:
        for dep in session.exec(
            select(OutboxItem).where(
                col(OutboxItem.key).in_(sorted(wanted)),
                OutboxItem.state == ItemState.DELIVERED.value,
            )
        ).all():
            delivered_deps[dep.key] = dep
    changed = True
    while changed:
        changed = False
        for key, item in list(chosen.items()):
            blocked = item.chain in stop_at and item.chain_position > stop_at[item.chain]
            dependency_missing = (
                item.depends_on is not None
                and item.depends_on not in chosen
                and item.depends_on not in delivered_deps
            )
            if blocked or dependency_missing:
                del chosen[key]
                stop(item.chain, item.chain_position)
                changed = True
    items = sorted(chosen.values(), key=lambda item: item.seq or 0)
    needed = {item.depends_on for item in items if item.depends_on}
    dependencies = [dep for key, dep in delivered_deps.items() if key in needed]
    return items, dependencies


def bundle_item(item: OutboxItem) -> BundleItem:
    return BundleItem(
        key=item.key,
        destination=item.destination,
        kind=item.kind,
        payload=item.payload,
        chain=item.chain,
        position=item.chain_position,
        depends_on=item.depends_on,
    )


def known_receipt(item: OutboxItem) -> KnownReceipt:
    receipt = json.loads(item.receipt) if item.receipt else {}
    return KnownReceipt(
        key=item.key,
        destination=item.destination,
        kind=item.kind,
        chain=item.chain,
        position=item.chain_position,
        receipt=dict(receipt) if isinstance(receipt, dict) else {},
    )


def mark_look_up_first(session: Session, keys: Iterable[str]) -> int:
    """From now on these items are looked up before any send: another copy is on its way."""
    total = 0
    batch: list[str] = []

    def flush() -> None:
        nonlocal total
        if batch:
            result = session.exec(
                update(OutboxItem)
                .where(col(OutboxItem.key).in_(batch))
                .values(look_up_first=True, updated_at=utc_now())
            )
            total += int(result.rowcount or 0)
            batch.clear()

    for key in keys:
        batch.append(key)
        if len(batch) >= 500:
            flush()
    flush()
    return total
