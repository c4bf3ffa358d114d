"""The search seam: the one place where SQLite and PostgreSQL may search differently.

Today both use index-friendly range scans: a NIK prefix and a tracking-code prefix are ranges on
unique indexes, and a name fragment matches the lower-cased, space-collapsed `name_key`. The
million-row targets (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) plug in here without touching
callers.
"""

from __future__ import annotations

from sqlmodel import Session, col, or_, select

from ltsa_desk.store.models import Applicant

_HIGH = "\uffff"


def name_key(name: str) -> str:
    """How names are compared: case and spacing never matter to an officer."""
    return " ".join(name.split()).lower()


def search_applicants(session: Session, text: str, *, limit: int = 100) -> list[Applicant]:
    query = text.strip()
    if not query:
        return []
    newest_first = (col(Applicant.registered_at).desc(), col(Applicant.tracking_code).desc())
    if query.isdigit():
        statement = select(Applicant).where(Applicant.nik >= query, Applicant.nik < query + _HIGH)
    else:
        upper = query.upper()
        fragment = name_key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = select(Applicant).where(
            or_(
                (Applicant.tracking_code >= upper) & (Applicant.tracking_code < upper + _HIGH),
                col(Applicant.name_key).like(f"%{fragment}%", escape="\\"),
            )
        )
    return list(session.exec(statement.order_by(*newest_first).limit(limit)).all())
