"""The search seam: the one place where SQLite and PostgreSQL may search differently.

Today both use index-friendly range scans: a NIK prefix and a tracking-code prefix are ranges on
unique indexes, and a name fragment matches the lower-cased, space-collapsed `name_key`. The
million-row targets (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) plug in here without touching
callers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, col, or_, select

from ltsa_desk.store.models import Applicant

_HIGH = "\uffff"


def name_key(name: str) -> str:
    """How names are compared: case and spacing never matter to an officer."""
    return " ".join(name.split()).lower()


def _matches(query: str) -> ColumnElement[bool]:
    """The filter for one search box text: NIK prefix, tracking-code prefix or name fragment."""
    if query.isdigit():
        return (Applicant.nik >= query) & (Applicant.nik < query + _HIGH)
    upper = query.upper()
    fragment = name_key(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(
        (Applicant.tracking_code >= upper) & (Applicant.tracking_code < upper + _HIGH),
        col(Applicant.name_key).like(f"%{fragment}%", escape="\\"),
    )


def search_applicants(session: Session, text: str, *, limit: int = 100) -> list[Applicant]:
    query = text.strip()
    if not query:
        return []
    newest_first = (col(Applicant.registered_at).desc(), col(Applicant.tracking_code).desc())
    statement = select(Applicant).where(_matches(query))
    return list(session.exec(statement.order_by(*newest_first).limit(limit)).all())


#: Where a page ends: the (registered_at, tracking_code) of its last row. Tracking codes are
#: unique, so the pair is a total order and the next page starts exactly after it.
PageCursor = tuple[datetime, str]


def search_page(
    session: Session,
    text: str,
    columns: Sequence[InstrumentedAttribute[Any]],
    *,
    limit: int = 200,
    after: PageCursor | None = None,
) -> list[Row[Any]]:
    """One page of the search box's result (all applicants, newest first, for an empty text).

    Keyset paging instead of OFFSET: page 50 of a million rows costs what page 1 costs, because the
    query seeks past the cursor instead of counting rows away. Only the named columns are read, so
    a results table never loads whole records it does not show.
    """
    query = text.strip()
    statement = select(*columns)
    if query:
        statement = statement.where(_matches(query))
    if after is not None:
        registered_at, tracking_code = after
        statement = statement.where(
            or_(
                col(Applicant.registered_at) < registered_at,
                (col(Applicant.registered_at) == registered_at)
                & (col(Applicant.tracking_code) < tracking_code),
            )
        )
    statement = statement.order_by(
        col(Applicant.registered_at).desc(), col(Applicant.tracking_code).desc()
    ).limit(limit)
    return list(session.exec(statement).all())
