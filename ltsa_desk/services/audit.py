"""The audit trail: who changed what, when, with the values before and after.

Entries are written in the same transaction as the change they describe, so there is never a change
without its entry nor an entry for a change that was rolled back.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlmodel import Session

from ltsa_desk.store.models import AuditLog, utc_now
from sync.prepared import Prepared

_INSERT = Prepared(AuditLog.__table__.insert())  # type: ignore[attr-defined]


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return str(value)


def to_json(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, default=_default, ensure_ascii=False, sort_keys=True)


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    counter_id: str | None = None,
    at: datetime | None = None,
) -> int:
    """Write one audit entry in the caller's transaction (the caller commits); returns its id.

    The entry is written at once with a plain INSERT: the log is append-only (the database refuses
    any UPDATE), so an ORM object that could later be flushed as an update has no use here, and
    skipping the unit of work keeps Simpan quick. `at` (default: now) is
    for entries that must keep an earlier time.
    """
    outcome = _INSERT.run(
        session.connection(),
        {
            "at": at or utc_now(),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "before": to_json(before),
            "after": to_json(after),
            "counter_id": counter_id,
        },
    )
    return int(outcome.inserted_key)
