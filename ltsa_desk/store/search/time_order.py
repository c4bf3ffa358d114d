"""SQLite: a page of the newest matches read from rowid-ordered indexes, highest rowid first.

The trigram index (and the expression indexes of short texts) hand over their matches by rowid,
highest first. A counter saves registrations in time order, so the highest rowids are the newest
registrations, and a page costs about `limit` row reads however many names match: the matches
above the lowest rowid read (the *cut*) are all read, and every match below it is registered no
later than the *floor*, the latest time saved before the cut; so once a full page is newer than
the floor, it is exact. Otherwise more candidates are read.

A PC clock set back (or paper forms typed in late) saves some registrations with an earlier time
than one saved before them. Such a row is *behind*; migration 0008 lists each with the latest
time saved before it (``applicant_time_behind``), and that time is its floor: every row below it
is registered no later, whether behind or not. So the rule holds however many stretches a
register has, and a behind row costs nothing but its place in the list. A registration time
changed afterwards (``search.retimed`` in ``meta``) breaks the rule for good: the caller then
sorts or walks instead (`sqlite_plans`), as it does when too many candidates share one time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlmodel import Session

from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search.query_text import PageCursor
from ltsa_desk.store.search.schema import BEHIND_TABLE, RETIMED_KEY

_REGISTERED_AT_TYPE = Applicant.__table__.c.registered_at.type  # type: ignore[attr-defined]
_KEY_COLUMNS = "rowid, registered_at, tracking_code"
_ORDER = "ORDER BY registered_at DESC, tracking_code DESC"
_AFTER_SQL = (
    "registered_at <= :after_at AND (registered_at < :after_at OR tracking_code < :after_code)"
)


@dataclass(frozen=True)
class RowidOrder:
    """How far rowid order is registration order in this database: `behind` when some rows
    were saved with an earlier time than one before them."""

    behind: bool


def rowid_order(session: Session) -> RowidOrder | None:
    """None when rowid order cannot be relied on (a registration time was changed)."""
    connection = session.connection()
    retimed, behind = connection.execute(
        text(
            f"SELECT (SELECT 1 FROM meta WHERE key = :key), (SELECT 1 FROM {BEHIND_TABLE} LIMIT 1)"
        ),
        {"key": RETIMED_KEY},
    ).one()
    if retimed is not None:
        return None
    return RowidOrder(behind=behind is not None)


def _read(
    connection: Connection,
    sources: Sequence[str],
    params: dict[str, Any],
    bound: int | None,
    take: int,
    *,
    newest_first: bool = True,
) -> list[Sequence[int]]:
    """Each source's highest `take` candidate rowids (at most `bound`), highest first (or any
    `take` of them)."""
    order = " ORDER BY rowid DESC LIMIT :take" if newest_first else " LIMIT :take"
    values = {**params, "bound": bound if bound is not None else 2**63 - 1, "take": take}
    return [connection.execute(text(sql + order), values).scalars().all() for sql in sources]


def newest_page(
    session: Session,
    order: RowidOrder,
    sources: Sequence[str],
    row_filter: str,
    params: dict[str, Any],
    limit: int,
    after: PageCursor | None,
    max_read: int,
) -> list[tuple[Any, ...]] | None:
    """(rowid, registered_at, tracking_code) of the page, newest first; None: give up (the
    caller sorts instead).

    Each source is a statement answering rowids of candidates up to ``:bound`` (its order and
    limit are added here); a candidate is kept when its row passes `row_filter`.
    """
    connection = session.connection()
    params = dict(params)
    keyset = ""
    binds = []
    bound = None
    if after is not None:
        params["after_at"], params["after_code"] = after
        binds = [bindparam("after_at", type_=_REGISTERED_AT_TYPE)]
        keyset = f" AND {_AFTER_SQL}"
        if not order.behind:
            # rows above the last one registered no later than the cursor are all newer
            bound = connection.execute(
                text(
                    "SELECT rowid FROM applicant INDEXED BY ix_applicant_registered_at "
                    "WHERE registered_at <= :after_at ORDER BY registered_at DESC, rowid DESC "
                    "LIMIT 1"
                ).bindparams(*binds),
                params,
            ).scalar()
            if bound is None:
                return []
    fetch = text(
        f"SELECT {_KEY_COLUMNS} FROM applicant NOT INDEXED "
        "WHERE rowid IN (SELECT value FROM json_each(:rowids)) "
        f"AND {row_filter}{keyset} {_ORDER} LIMIT :limit"
    ).bindparams(*binds)
    floor_of = text(
        f"SELECT coalesce((SELECT newest FROM {BEHIND_TABLE} WHERE applicant_row = :cut), "
        "(SELECT registered_at FROM applicant WHERE rowid = :cut))"
    )
    take = limit + 64
    first = True
    while take <= max_read:
        # first in the index's own order (cheaper than newest first): a rare text's matches
        # are all there, and then only how many mattered
        read = _read(connection, sources, params, bound, take, newest_first=not first)
        full = [found for found in read if len(found) == take]
        if first and full:
            first = False
            continue
        first = False
        cut = max(found[-1] for found in full) if full else None  # every match above it read
        candidates = {rowid for found in read for rowid in found}
        if cut is not None:
            candidates = {rowid for rowid in candidates if rowid >= cut}
        if not candidates:
            return []
        values = {**params, "rowids": json.dumps(sorted(candidates)), "limit": limit}
        rows = [tuple(row) for row in connection.execute(fetch, values)]
        if cut is None:
            return rows  # every match was read
        floor = connection.execute(floor_of, {"cut": cut}).scalar()
        if len(rows) == limit and floor is not None and rows[-1][1] > floor:
            return rows  # unread matches are all registered at or before `floor`
        take *= 4
    return None
