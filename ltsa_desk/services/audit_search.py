"""Reading the audit log: filters (who, what, on which record, when), newest first, page by page.

The log only grows (triggers refuse UPDATE and DELETE), so a page is addressed by offset in the
newest-first order; the admin's screen asks one page at a time, off the GUI thread, and the count
of matching entries with it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ltsa_desk.store.models import Agency, Applicant, AuditLog, Document, Letter

PAGE_SIZE = 100
# entity -> (its id column, the id of the CPMI it concerns): labelled with that CPMI.
_OF_A_CPMI: dict[str, tuple[Any, Any]] = {
    "applicant": (Applicant.id, Applicant.id),
    "document": (Document.id, Document.applicant_id),
    "letter": (Letter.id, Letter.applicant_id),
}
_LABELLED = {*_OF_A_CPMI, "agency"}


@dataclass(frozen=True)
class AuditFilter:
    """Empty fields do not filter. `actor` matches part of the name, case aside; the dates are
    the counter's local days, both ends included."""

    actor: str = ""
    action: str = ""
    entity: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str  # ISO, UTC
    actor: str
    action: str
    entity: str
    entity_id: str | None
    counter_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    # What the record is to a person: the CPMI's tracking code and name for an applicant, its
    # document or letter; the P3MI's name. None when the id names nothing this database holds.
    label: str | None = None


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    offset: int
    limit: int


def _local_midnight_utc(day: date) -> datetime:
    """Midnight at the start of a local day, in UTC (the log stores UTC)."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _conditions(filters: AuditFilter) -> list[Any]:
    conditions: list[Any] = []
    if filters.actor.strip():
        pattern = "%" + filters.actor.strip().lower().replace("%", "").replace("_", "") + "%"
        conditions.append(func.lower(AuditLog.actor).like(pattern))
    if filters.action:
        conditions.append(AuditLog.action == filters.action)
    if filters.entity:
        conditions.append(AuditLog.entity == filters.entity)
    if filters.since is not None:
        conditions.append(col(AuditLog.at) >= _local_midnight_utc(filters.since))
    if filters.until is not None:
        conditions.append(col(AuditLog.at) < _local_midnight_utc(filters.until + timedelta(days=1)))
    return conditions


def _values(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return {"teks": text}
    return value if isinstance(value, dict) else {"nilai": value}


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def search(
    session: Session, filters: AuditFilter, *, offset: int = 0, limit: int = PAGE_SIZE
) -> AuditPage:
    """One page of matching entries, newest first, and how many match in all."""
    conditions = _conditions(filters)
    total = int(session.exec(select(func.count()).select_from(AuditLog).where(*conditions)).one())
    rows = session.exec(
        select(AuditLog)
        .where(*conditions)
        .order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc())
        .offset(max(0, offset))
        .limit(max(1, limit))
    ).all()
    labels = record_labels(session, [(row.entity, row.entity_id) for row in rows])
    entries = [
        AuditEntry(
            id=int(row.id or 0),
            at=_iso(row.at),
            actor=row.actor,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            counter_id=row.counter_id,
            before=_values(row.before),
            after=_values(row.after),
            label=labels.get((row.entity, row.entity_id or "")),
        )
        for row in rows
    ]
    return AuditPage(entries, total, max(0, offset), limit)


def _uuids(ids: set[str]) -> dict[uuid.UUID, str]:
    parsed = {}
    for text in ids:
        try:
            parsed[uuid.UUID(text)] = text
        except ValueError:
            continue  # not an id this store makes: shown as it is
    return parsed


def record_labels(
    session: Session, records: list[tuple[str, str | None]]
) -> dict[tuple[str, str], str]:
    """Readable names for (entity, id) pairs of one page, a query per kind of record.

    An id alone ("applicant 3f2a...") tells the admin nothing; the tracking code and name of the
    CPMI concerned (for a document or letter too) and a P3MI's name do.
    """
    wanted: dict[str, set[str]] = {}
    for entity, entity_id in records:
        if entity_id and entity in _LABELLED:
            wanted.setdefault(entity, set()).add(entity_id)
    labels: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        by_id = _uuids(ids)
        if not by_id:
            continue
        if entity == "agency":
            statement: Any = select(Agency.id, Agency.name).where(col(Agency.id).in_(by_id))
            for agency_id, name in session.exec(statement).all():
                labels[(entity, by_id[agency_id])] = name
            continue
        record_id, applicant_id = _OF_A_CPMI[entity]
        statement = select(record_id, Applicant.tracking_code, Applicant.full_name).where(
            col(Applicant.id) == applicant_id, col(record_id).in_(by_id)
        )
        for record_id, tracking_code, full_name in session.exec(statement).all():
            labels[(entity, by_id[record_id])] = f"{tracking_code} ({full_name})"
    return labels


def choices(session: Session) -> dict[str, list[str]]:
    """The actors, actions and entities present in the log: what the filters can offer."""
    return {
        "actors": sorted(session.exec(select(AuditLog.actor).distinct()).all()),
        "actions": sorted(session.exec(select(AuditLog.action).distinct()).all()),
        "entities": sorted(session.exec(select(AuditLog.entity).distinct()).all()),
    }
