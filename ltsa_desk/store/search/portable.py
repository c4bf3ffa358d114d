"""The portable filters: PostgreSQL's one statement, and SQLite's plain fallbacks.

On PostgreSQL ``name_key LIKE '%...%'`` uses the ``pg_trgm`` GIN index made by migration 0003
(when the server allowed the extension; without it the same statement scans, slower but correct),
and the server's planner chooses between the indexes with its statistics.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import and_, col, or_

from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search.query_text import HIGH, PageCursor, SearchText


def matches(query: SearchText) -> ColumnElement[bool]:
    """The filter for one search box text: NIK prefix, tracking-code prefix or name fragment."""
    if query.digits:
        return (Applicant.nik >= query.raw) & (Applicant.nik < query.raw + HIGH)
    return or_(
        (Applicant.tracking_code >= query.code) & (Applicant.tracking_code < query.code + HIGH),
        col(Applicant.name_key).like(query.like_pattern, escape="\\"),
    )


def after_cursor(after: PageCursor) -> ColumnElement[bool]:
    """Rows strictly after the cursor, written so an index on registered_at can seek to it."""
    registered_at, tracking_code = after
    return and_(
        col(Applicant.registered_at) <= registered_at,
        or_(
            col(Applicant.registered_at) < registered_at,
            col(Applicant.tracking_code) < tracking_code,
        ),
    )


def newest_first() -> tuple[Any, Any]:
    """Newest first: registered_at, then tracking code (unique, so the order is total)."""
    return col(Applicant.registered_at).desc(), col(Applicant.tracking_code).desc()
