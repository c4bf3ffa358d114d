"""Look-ups several report kinds share: applicants by id, officers' names, the desks of a database.

Outbox items and audit entries name their applicant by id as text (the outbox chain, the audit's
JSON), not by a foreign key, so the applicant is found in batches by id rather than by a join,
which would compare a text column with a UUID column differently on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from ltsa_desk.store.models import Applicant, Officer

APPLICANT = Applicant.__table__  # type: ignore[attr-defined]
OFFICER = Officer.__table__  # type: ignore[attr-defined]
LOOKUP_BATCH = 500


@dataclass(frozen=True)
class ApplicantRef:
    tracking_code: str
    full_name: str
    counter_id: str


def applicants_by_id(session: Session, ids: Iterable[str]) -> dict[str, ApplicantRef]:
    """``str(uuid)`` -> applicant; ids that are not UUIDs or not found are simply absent."""
    wanted: dict[uuid.UUID, str] = {}
    for text in ids:
        try:
            wanted[uuid.UUID(str(text))] = str(text)
        except ValueError:
            continue
    found: dict[str, ApplicantRef] = {}
    keys = list(wanted)
    for start in range(0, len(keys), LOOKUP_BATCH):
        batch = keys[start : start + LOOKUP_BATCH]
        statement = select(
            APPLICANT.c.id, APPLICANT.c.tracking_code, APPLICANT.c.full_name, APPLICANT.c.counter_id
        ).where(APPLICANT.c.id.in_(batch))
        for applicant_id, tracking, name, counter in session.execute(statement):
            key = applicant_id if isinstance(applicant_id, uuid.UUID) else uuid.UUID(applicant_id)
            found[wanted[key]] = ApplicantRef(tracking, name, counter)
    return found


def officer_names(session: Session) -> dict[str, str]:
    """username -> full name (empty when none was given); a handful of rows."""
    return {
        str(username): str(full_name or "")
        for username, full_name in session.execute(select(OFFICER.c.username, OFFICER.c.full_name))
    }


def database_counters(session: Session, own_counter: str) -> list[str]:
    """Every desk that registered CPMI in this database, and this one.

    The outbox and the outage log belong to the database, not to a desk: on a shared office
    database they are every desk's, and the heading says so.
    """
    found = {
        str(value) for value in session.execute(select(APPLICANT.c.counter_id).distinct()).scalars()
    }
    found.add(own_counter)
    return sorted(found)
