"""The two calls: what the search box and the command line's ``applicant list`` ask.

Each chooses SQLite's plans (:mod:`sqlite_plans`) or the portable statement (:mod:`portable`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, literal_column
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, col, select

from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search.portable import after_cursor, matches, newest_first, postgres_codes
from ltsa_desk.store.search.query_text import PageCursor, SearchText
from ltsa_desk.store.search.sqlite_plans import sqlite_rowids

_ROWID = literal_column("applicant.rowid")


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _rows_in_order(session: Session, statement: Any, rowids: list[int]) -> list[Any]:
    if not rowids:
        return []
    return list(session.exec(statement.where(_ROWID.in_(rowids)).order_by(*newest_first())).all())


def _by_code_in_order(session: Session, statement: Any, codes: list[str]) -> list[Any]:
    if not codes:
        return []
    chosen = statement.where(col(Applicant.tracking_code).in_(codes))
    return list(session.exec(chosen.order_by(*newest_first())).all())


def search_applicants(session: Session, text: str, *, limit: int = 100) -> list[Applicant]:
    """Whole applicants matching the text, newest first (the command line's `applicant list`)."""
    query = text.strip()
    if not query:
        return []
    if _is_sqlite(session):
        rowids = sqlite_rowids(session, SearchText(query), limit, None)
        return _rows_in_order(session, select(Applicant), rowids)
    if SearchText(query).digits:
        chosen = select(Applicant).where(matches(SearchText(query)))
        return list(session.exec(chosen.order_by(*newest_first()).limit(limit)).all())
    codes = postgres_codes(session, SearchText(query), limit, None)
    return _by_code_in_order(session, select(Applicant), codes)


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
    if query and _is_sqlite(session):
        rowids = sqlite_rowids(session, SearchText(query), limit, after)
        return _rows_in_order(session, statement, rowids)
    if query and not SearchText(query).digits:
        return _by_code_in_order(
            session, statement, postgres_codes(session, SearchText(query), limit, after)
        )
    if query:
        # A NIK prefix on PostgreSQL: one range, whose size the server's b-tree statistics know,
        # so one statement reads the page's rows (the codes first and then the rows was a second
        # round trip: NIK p50 3.5 -> 20.9 ms at a million applicants under load).
        statement = statement.where(matches(SearchText(query)))
    if after is not None:
        statement = statement.where(after_cursor(after))
    statement = statement.order_by(*newest_first()).limit(limit)
    return list(session.exec(statement).all())
