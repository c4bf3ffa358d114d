"""SQLite: a page of the newest matches read from rowid-ordered indexes, run by run.

The trigram index (and the expression indexes of short texts) hand over their matches by rowid,
highest first. While rowid order is registration order, the highest rowids are the newest
registrations, and a page costs about `limit` row reads however many names match. A counter whose
PC clock was set back saved some registrations with earlier times than the ones before them; its
register is then a few *runs*, stretches of rowids in which times never go down (migration 0008
keeps where each starts in ``applicant_time_runs``). Within a run the rule still holds, so each run
is read newest first and the runs are merged (`newest_page`): a run whose newest registration is
older than a full page is not read at all, and every page is exact (a run is read on until no
match left unread in it can belong in the page).

With more than `MAX_RUNS` runs (a register re-timed row by row) or more than the reading limit of
candidates (many ties on one time), the caller sorts or walks instead (`sqlite_plans`).
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
from ltsa_desk.store.search.schema import RUNS_TABLE

MAX_RUNS = 32
"""Runs read one by one; a register with more is searched by sorting or walking instead."""

_REGISTERED_AT_TYPE = Applicant.__table__.c.registered_at.type  # type: ignore[attr-defined]
_KEY_COLUMNS = "rowid, registered_at, tracking_code"
_ORDER = "ORDER BY registered_at DESC, tracking_code DESC"
_AFTER_SQL = (
    "registered_at <= :after_at AND (registered_at < :after_at OR tracking_code < :after_code)"
)


@dataclass(frozen=True)
class Run:
    """Rowids ``lo..hi`` whose registration times never go down; `newest` is the time of its
    last row (as stored: it compares as the database compares it)."""

    lo: int
    hi: int
    newest: Any


def time_runs(session: Session) -> list[Run] | None:
    """The register's runs, the newest first (three statements however many); None when it has
    `MAX_RUNS` or more."""
    connection = session.connection()
    starts = (
        connection.execute(
            text(f"SELECT start FROM {RUNS_TABLE} ORDER BY start LIMIT :n"), {"n": MAX_RUNS}
        )
        .scalars()
        .all()
    )
    if len(starts) >= MAX_RUNS:
        return None
    # two subqueries: SQLite answers a lone min() or max() from the b-tree's end, not both
    low, top = connection.execute(
        text("SELECT (SELECT min(rowid) FROM applicant), (SELECT max(rowid) FROM applicant)")
    ).one()
    if top is None:
        return []
    los = [low, *(start for start in starts if start > low)]
    his = [lo - 1 for lo in los[1:]] + [top]
    newest = connection.execute(
        text(
            "SELECT (SELECT registered_at FROM applicant WHERE rowid BETWEEN lo.value AND hi.value "
            "ORDER BY rowid DESC LIMIT 1) FROM json_each(:los) AS lo "
            "JOIN json_each(:his) AS hi ON hi.key = lo.key ORDER BY lo.key"
        ),
        {"los": json.dumps(los), "his": json.dumps(his)},
    ).scalars()
    runs = [Run(lo, hi, at) for lo, hi, at in zip(los, his, newest, strict=True) if at is not None]
    return sorted(runs, key=lambda run: run.newest, reverse=True)


def _bound(connection: Connection, run: Run, params: dict[str, Any]) -> int | None:
    """The last rowid of the run registered no later than the cursor (times rise with rowid in
    a run, so a binary search over rowids finds it); None: the whole run is newer."""
    probe = text(
        "SELECT rowid, registered_at <= :after_at FROM applicant "
        "WHERE rowid BETWEEN :a AND :b ORDER BY rowid LIMIT 1"
    ).bindparams(bindparam("after_at", type_=_REGISTERED_AT_TYPE))
    best = None
    a, b = run.lo, run.hi
    while a <= b:
        middle = (a + b) // 2
        row = connection.execute(probe, {"after_at": params["after_at"], "a": middle, "b": b})
        found = row.first()
        if found is None:
            b = middle - 1
        elif found[1]:
            best = found[0]
            a = found[0] + 1
        else:
            b = middle - 1
    return best


def _read(
    connection: Connection,
    sources: Sequence[str],
    params: dict[str, Any],
    lo: int,
    hi: int,
    take: int,
) -> list[Sequence[int]]:
    """Each source's highest `take` candidate rowids between `lo` and `hi`, highest first."""
    return [
        connection.execute(text(sql), {**params, "lo": lo, "hi": hi, "take": take}).scalars().all()
        for sql in sources
    ]


def newest_page(
    session: Session,
    runs: Sequence[Run],
    sources: Sequence[str],
    row_filter: str,
    params: dict[str, Any],
    limit: int,
    after: PageCursor | None,
    max_read: int,
) -> list[tuple[Any, ...]] | None:
    """(rowid, registered_at, tracking_code) of the page, newest first; None: give up (the
    caller sorts instead).

    Each source is a statement answering rowids of candidates between ``:lo`` and ``:hi``,
    highest first, at most ``:take``; a candidate is kept when its row passes `row_filter`.
    """
    connection = session.connection()
    params = dict(params)
    keyset = ""
    binds = []
    if after is not None:
        params["after_at"], params["after_code"] = after
        binds = [bindparam("after_at", type_=_REGISTERED_AT_TYPE)]
        keyset = f" AND {_AFTER_SQL}"
    fetch = text(
        f"SELECT {_KEY_COLUMNS} FROM applicant NOT INDEXED "
        "WHERE rowid IN (SELECT value FROM json_each(:rowids)) "
        f"AND {row_filter}{keyset} {_ORDER} LIMIT :limit"
    ).bindparams(*binds)
    if len(runs) > 1:
        # First all runs at once: a rare text's matches are all read by this one question
        every = Run(min(run.lo for run in runs), max(run.hi for run in runs), None)
        take = limit + 64
        read = _read(connection, sources, params, every.lo, every.hi, take)
        if all(len(found) < take for found in read):
            candidates = sorted({rowid for found in read for rowid in found})
            if not candidates:
                return []
            rows = connection.execute(
                fetch, {**params, "rowids": json.dumps(candidates), "limit": limit}
            )
            return [tuple(row) for row in rows]
    page: list[tuple[Any, ...]] = []
    for run in runs:
        if len(page) == limit and run.newest < page[-1][1]:
            continue  # every row of the run is older than the page's last
        hi = run.hi if after is None else _bound(connection, run, params)
        if hi is None:
            continue
        take = limit + 64
        while True:
            if take > max_read:
                return None
            read = _read(connection, sources, params, run.lo, hi, take)
            full = [found[-1] for found in read if len(found) == take]
            cut = max(full) if full else None  # every match above it was read
            candidates = {rowid for found in read for rowid in found}
            if cut is not None:
                candidates = {rowid for rowid in candidates if rowid >= cut}
            elif not candidates:
                break  # no match in this run
            rows = [
                tuple(row)
                for row in connection.execute(
                    fetch, {**params, "rowids": json.dumps(sorted(candidates)), "limit": limit}
                )
            ]
            merged = sorted([*page, *rows], key=lambda key: (key[1], key[2]), reverse=True)
            merged = merged[:limit]
            if cut is None:
                page = merged
                break
            floor = connection.execute(
                text("SELECT registered_at FROM applicant WHERE rowid = :rowid"), {"rowid": cut}
            ).scalar()
            if len(merged) == limit and floor is not None and merged[-1][1] > floor:
                page = merged  # unread matches of the run are registered at or before `floor`
                break
            take *= 4
    return page
