"""Upload, on a machine with a line: a bundle's items sent through the real sync engine from a
private in-memory queue, and what became of each one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, SQLModel, col, select

from sync.bundle.contents import DELIVERED, REFUSED, WAITING, Bundle, Outcome
from sync.engine import DestinationConfig, EngineEvent, EngineHooks, EngineSettings, SyncEngine
from sync.models import DestinationState, ItemState, Outage, OutboxItem, utc_now


def _staging_engine() -> Engine:
    """A private in-memory queue: the payloads (names, NIKs) never touch the uploader's disk.

    One SQLite connection serves every thread of the engine, one transaction at a time: the pool
    holds exactly that connection, so a second session waits for the first to finish.
    """
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    engine = create_engine(
        "sqlite://",
        creator=lambda: connection,
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=300,
        hide_parameters=True,
    )
    tables = [OutboxItem.__table__, DestinationState.__table__, Outage.__table__]
    SQLModel.metadata.create_all(engine, tables=tables)  # type: ignore[arg-type]
    return engine


def _load(engine: Engine, bundle: Bundle) -> None:
    now = utc_now()
    with Session(engine) as session:
        for dep in bundle.dependencies:
            session.add(
                OutboxItem(
                    key=dep.key,
                    destination=dep.destination,
                    kind=dep.kind,
                    payload="{}",
                    chain=dep.chain,
                    chain_position=dep.position,
                    state=ItemState.DELIVERED.value,
                    attempts=1,
                    look_up_first=True,
                    receipt=json.dumps(dep.receipt, ensure_ascii=False, sort_keys=True),
                    delivered_at=now,
                )
            )
        for item in bundle.items:
            session.add(
                OutboxItem(
                    key=item.key,
                    destination=item.destination,
                    kind=item.kind,
                    payload=item.payload,
                    chain=item.chain,
                    chain_position=item.position,
                    depends_on=item.depends_on,
                    state=ItemState.PENDING.value,
                    # Never blind: the counter may have sent it already, or a copy went before.
                    look_up_first=True,
                    next_attempt_at=now,
                )
            )
        session.commit()


def deliver(
    bundle: Bundle,
    destinations: list[DestinationConfig],
    *,
    settings: EngineSettings | None = None,
    timeout_s: float = 900.0,
    owner: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Outcome]:
    """Send a bundle's items through the sync engine and tell what became of each one.

    Items whose destination is not configured here, or that could not leave before the timeout
    (line down, credentials refused), come back as `pending` with the reason: the counter keeps
    them, and they still never leave blind.
    """
    engine = _staging_engine()
    try:
        _load(engine, bundle)
        sync_engine = SyncEngine(
            engine,
            destinations,
            hooks=EngineHooks(),
            settings=settings or EngineSettings(),
            owner=owner or f"bundle:{bundle.bundle_id[:8]}",
        )
        total = len(bundle.items)
        delivered = 0

        def listen(event: EngineEvent) -> None:
            nonlocal delivered
            if event.kind == "batch" and progress is not None:
                delivered += int(event.detail.get("delivered") or 0)
                progress(delivered, total)

        sync_engine.add_listener(listen)
        finished = bool(destinations) and sync_engine.run_until_empty(timeout_s, poll_s=0.2)
        return _outcomes(engine, bundle, {d.name for d in destinations}, finished, timeout_s)
    finally:
        engine.dispose()


def _outcomes(
    engine: Engine, bundle: Bundle, configured: set[str], finished: bool, timeout_s: float
) -> list[Outcome]:
    with Session(engine) as session:
        rows = {
            item.key: item
            for item in session.exec(
                select(OutboxItem).where(
                    col(OutboxItem.key).in_([item.key for item in bundle.items])
                )
            ).all()
        }
        paused = {
            state.destination: state.paused_reason
            for state in session.exec(select(DestinationState)).all()
            if state.paused
        }
    outcomes = []
    for item in bundle.items:
        row = rows[item.key]
        receipt = json.loads(row.receipt) if row.receipt else None
        if row.state == DELIVERED:
            outcomes.append(
                Outcome(
                    item.key, item.destination, item.kind, DELIVERED, receipt, None, row.last_status
                )
            )
        elif row.state == REFUSED:
            outcomes.append(
                Outcome(
                    item.key,
                    item.destination,
                    item.kind,
                    REFUSED,
                    None,
                    row.last_error,
                    row.last_status,
                )
            )
        else:
            if item.destination not in configured:
                reason = f"tujuan {item.destination} belum diatur di komputer pengunggah"
            elif item.destination in paused:
                reason = f"kredensial ditolak di komputer pengunggah: {paused[item.destination]}"
            elif not finished:
                reason = f"belum terkirim dalam {timeout_s:g} detik" + (
                    f" ({row.last_error})" if row.last_error else ""
                )
            else:
                reason = row.last_error or "belum terkirim"
            outcomes.append(
                Outcome(
                    item.key, item.destination, item.kind, WAITING, None, reason, row.last_status
                )
            )
    return outcomes
