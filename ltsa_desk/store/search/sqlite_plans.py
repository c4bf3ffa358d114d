"""SQLite's search: the FTS5 trigram index, and the plan that finds the newest matches fast.

The package docstring tells the plans (time-ordered by rowid, sparse, dense, short texts) and why
each is spelled out. The tunables below are read at the time of searching, so a test can change
them here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search.query_text import HIGH, MIN_TRIGRAM, PageCursor, SearchText
from ltsa_desk.store.search.schema import (
    BEHIND_TABLE,
    COVER_INDEXES,
    FTS_TABLE,
    TERMS_TABLE,
    TIME_ORDER_BROKEN,
    TIME_ORDER_KEY,
    TRIGRAMS_TABLE,
)
from ltsa_desk.store.search.time_order import RowidOrder, newest_page, rowid_order

# The package's name, not this module's: log records keep the name they had before the split.
log = logging.getLogger(__name__)

SHORT_WALK = 1000
"""SQLite: newest rows walked for a short text before its candidates are looked up instead: a
text in a fifth of the names or more fills the page there (one FTS question of the many trigrams
that start with it costs more); a rarer one is read from its indexes newest first."""


TIME_ORDER_MAX_READ = 20_000
"""Candidates read by the time-ordered path before it hands over (ties on one timestamp)."""

SPARSE_LIMIT = 4000
"""SQLite: up to this many matches are sorted; more are found by the newest-first walk."""

PREFIX_WALK = 5000
"""SQLite: newest rows walked for a NIK or tracking-code prefix with more than `SPARSE_LIMIT`
matches; when they do not fill the page, the matches are sorted in their covering index."""


_REGISTERED_AT_TYPE = Applicant.__table__.c.registered_at.type  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Branch:
    """One reading of the text on SQLite: where its candidates come from (an index answering
    with rowids), the check each candidate row must pass, and the same check for the walk."""

    candidates_sql: str | None  # rowids, at most :k of them; None: walk at once (short text)
    row_filter: str  # per-row condition (the dense walk's filter; the sparse plan's re-check)
    params: dict[str, Any]
    fts: bool = False  # candidates from the trigram index (may take the time-ordered path)
    short: bool = False  # a 1-2 letter name fragment: `_short_name_keys`
    cover: str | None = None  # an index holding the branch's key and the page's order (0008)
    cover_where: str = ""  # the branch's range on that index


_LIKE_NAME = "name_key LIKE :pattern ESCAPE '\\'"


def _sqlite_branches(query: SearchText, fts: bool) -> list[_Branch]:
    if query.digits:
        return [
            _Branch(
                candidates_sql="SELECT rowid FROM applicant WHERE nik >= :lo AND nik < :hi "
                "LIMIT :k",
                row_filter="+nik >= :lo AND +nik < :hi",
                params={"lo": query.raw, "hi": query.raw + HIGH},
                cover="ix_applicant_nik_time",
                cover_where="nik >= :lo AND nik < :hi",
            )
        ]
    branches = [
        _Branch(
            candidates_sql="SELECT rowid FROM applicant "
            "WHERE tracking_code >= :clo AND tracking_code < :chi LIMIT :k",
            row_filter="+tracking_code >= :clo AND +tracking_code < :chi",
            params={"clo": query.code, "chi": query.code + HIGH},
            cover="ix_applicant_code_time",
            cover_where="tracking_code >= :clo AND tracking_code < :chi",
        )
    ]
    like = {"pattern": query.like_pattern}
    if fts and len(query.fragment) >= MIN_TRIGRAM:
        # The LIKE re-check of the sparse plan costs nothing on rows read anyway, and means an
        # index out of step with its table (a file repaired by hand) may hide rows but never
        # shows wrong ones.
        branches.append(
            _Branch(
                candidates_sql=f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :phrase "
                "LIMIT :k",
                row_filter=_LIKE_NAME,
                params={"phrase": query.phrase, **like},
                fts=True,
            )
        )
    else:
        branches.append(_Branch(candidates_sql=None, row_filter=_LIKE_NAME, params=like, short=fts))
    return branches


_KEY_COLUMNS = "rowid, registered_at, tracking_code"
_ORDER = "ORDER BY registered_at DESC, tracking_code DESC"
_AFTER_SQL = (
    "registered_at <= :after_at AND (registered_at < :after_at OR tracking_code < :after_code)"
)


def _branch_keys(
    session: Session, branch: _Branch, limit: int, after: PageCursor | None
) -> list[tuple[Any, ...]]:
    """(rowid, registered_at, tracking_code) of this branch's first `limit` rows after the cursor,
    newest first; registered_at as stored, which sorts as the database sorts it."""
    connection = session.connection()
    if branch.cover is not None:
        return _covered_keys(session, branch, limit, after)
    params = dict(branch.params)
    candidates = None
    if branch.candidates_sql is not None:
        found = connection.execute(text(branch.candidates_sql), {**params, "k": SPARSE_LIMIT + 1})
        candidates = found.scalars().all()
        if not candidates:
            return []
    keyset, binds = _keyset(params, after)
    if candidates is not None and len(candidates) <= SPARSE_LIMIT:
        # sparse: the candidates by rowid (one JSON parameter, however many), then sorted
        sql = (
            f"SELECT {_KEY_COLUMNS} FROM applicant NOT INDEXED "
            f"WHERE rowid IN (SELECT value FROM json_each(:rowids)) AND {branch.row_filter}"
            f"{keyset} {_ORDER} LIMIT :limit"
        )
        params["rowids"] = json.dumps(candidates)
    else:
        # dense: newest first, keeping the rows that match, until the page is full
        sql = (
            f"SELECT {_KEY_COLUMNS} FROM applicant INDEXED BY ix_applicant_registered_at "
            f"WHERE {branch.row_filter}{keyset} {_ORDER} LIMIT :limit"
        )
    statement = text(sql).bindparams(*binds)
    return [tuple(row) for row in connection.execute(statement, {**params, "limit": limit})]


def _walk_newest(
    session: Session,
    row_filter: str,
    params: dict[str, Any],
    binds: list[Any],
    keyset: str,
    walk: int,
    limit: int,
) -> list[tuple[Any, ...]]:
    """The newest matches among the newest `walk` rows (after the cursor), exact as far as they
    go: the walk stops at the page's last match, so a common text reads about a page of rows,
    and a rare one no more than `walk` (the time of the walk-th row bounds it; found in the
    index alone)."""
    if walk <= 0:
        return []
    connection = session.connection()
    rows: list[tuple[Any, ...]] = []
    for size in sorted({min(walk, 2 * limit), walk}):  # a common text fills the page at once
        since = connection.execute(
            text(
                "SELECT registered_at FROM applicant INDEXED BY ix_applicant_registered_at "
                f"WHERE 1 = 1{keyset} ORDER BY registered_at DESC LIMIT 1 OFFSET :skip"
            ).bindparams(*binds),
            {**params, "skip": size - 1},
        ).scalar()
        bounded = "" if since is None else " AND registered_at >= :since"
        found = connection.execute(
            text(
                f"SELECT {_KEY_COLUMNS} FROM applicant INDEXED BY ix_applicant_registered_at "
                f"WHERE {row_filter}{keyset}{bounded} {_ORDER} LIMIT :limit"
            ).bindparams(*binds),
            {**params, "since": since, "limit": limit},
        )
        rows = [tuple(row) for row in found]
        if len(rows) == limit or since is None:
            break
    return rows


def _covered_keys(
    session: Session, branch: _Branch, limit: int, after: PageCursor | None
) -> list[tuple[Any, ...]]:
    """A NIK or tracking-code prefix through its covering index (migration 0008), where the
    matches are counted and sorted without reading a row: a few (at most `SPARSE_LIMIT`) are
    sorted there at once; more are first looked for among the newest `PREFIX_WALK` rows (a common
    prefix fills the page there, exactly: every later match is older), and sorted in the index
    when they did not fill it (then they are at most a few percent of the register)."""
    connection = session.connection()
    params = dict(branch.params)
    count = connection.execute(
        text(
            f"SELECT count(*) FROM (SELECT 1 FROM applicant INDEXED BY {branch.cover} "
            f"WHERE {branch.cover_where} LIMIT :cap)"
        ),
        {**params, "cap": SPARSE_LIMIT + 1},
    ).scalar_one()
    if not count:
        return []
    keyset, binds = _keyset(params, after)
    if count > SPARSE_LIMIT:
        walked = _walk_newest(session, branch.row_filter, params, binds, keyset, PREFIX_WALK, limit)
        if len(walked) == limit:
            return walked
    statement = text(
        f"SELECT {_KEY_COLUMNS} FROM applicant INDEXED BY {branch.cover} "
        f"WHERE {branch.cover_where}{keyset} {_ORDER} LIMIT :limit"
    ).bindparams(*binds)
    return [tuple(row) for row in connection.execute(statement, {**params, "limit": limit})]


def _keyset(params: dict[str, Any], after: PageCursor | None) -> tuple[str, list[Any]]:
    """The condition for rows after the page cursor (none on a first page), its values put into
    ``params`` and the bind that gives the time its column's type."""
    if after is None:
        return "", []
    params["after_at"], params["after_code"] = after
    return f" AND {_AFTER_SQL}", [bindparam("after_at", type_=_REGISTERED_AT_TYPE)]


def _short_name_keys(
    session: Session,
    query: SearchText,
    limit: int,
    after: PageCursor | None,
    order: Callable[[], RowidOrder | None],
    trigrams: bool,
) -> list[tuple[Any, ...]]:
    """A 1-2 letter fragment's page without walking the whole register.

    Its candidates come from indexes: a place where the fragment occurs either starts one of the
    name's trigrams, or lies within its last two letters. Those indexes answer by rowid, so they
    are read newest first (`newest_page`). A common text first walks the newest `SHORT_WALK`
    rows and fills the page there (the page is then exact, every later match being older). When
    rowid order cannot be relied on, the candidates take the usual sparse or dense plan.
    """
    connection = session.connection()
    fragment = query.fragment
    params: dict[str, Any] = {"pattern": query.like_pattern}
    keyset, binds = _keyset(params, after)
    walked = _walk_newest(session, _LIKE_NAME, params, binds, keyset, SHORT_WALK, limit)
    if len(walked) == limit:
        return walked
    high = fragment + "\U0010ffff"
    listed = TRIGRAMS_TABLE if trigrams else TERMS_TABLE  # 0008's list, or fts5vocab's count
    terms = (
        connection.execute(
            text(f"SELECT term FROM {listed} WHERE term >= :lo AND term < :hi"),
            {"lo": fragment, "hi": high},
        )
        .scalars()
        .all()
    )
    either = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
    found_order = order()
    if found_order is not None:
        page = _short_newest(session, query, either, limit, after, found_order)
        if page is not None:
            return page
    found: set[int] = set()
    k = SPARSE_LIMIT + 1
    if terms:
        found.update(
            connection.execute(
                text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :k"),
                {"q": either, "k": k},
            ).scalars()
        )
    tails = [("ix_applicant_name_tail2", "substr(name_key, -2) = :f")]
    if len(fragment) == 1:
        tails = [
            ("ix_applicant_name_tail2", "substr(name_key, -2) BETWEEN :f AND :hi"),
            ("ix_applicant_name_tail1", "substr(name_key, -1) = :f"),
        ]
    for index, condition in tails:
        found.update(
            connection.execute(
                text(f"SELECT rowid FROM applicant INDEXED BY {index} WHERE {condition} LIMIT :k"),
                {"f": fragment, "hi": high, "k": k},
            ).scalars()
        )
    if not found:
        return []
    if len(found) > SPARSE_LIMIT:
        dense = _Branch(candidates_sql=None, row_filter=_LIKE_NAME, params=params)
        return _branch_keys(session, dense, limit, after)
    sparse = _Branch(
        candidates_sql="SELECT value FROM json_each(:found) LIMIT :k",
        row_filter=_LIKE_NAME,
        params={**params, "found": json.dumps(sorted(found))},
    )
    return _branch_keys(session, sparse, limit, after)


def time_ordered(session: Session) -> bool:
    """Whether rowid order is registration order in this database (see `TIME_ORDER_KEY`)."""
    found = session.connection().exec_driver_sql(
        "SELECT value FROM meta WHERE key = ?", (TIME_ORDER_KEY,)
    )
    return found.scalar() != TIME_ORDER_BROKEN


def _short_newest(
    session: Session,
    query: SearchText,
    either: str,
    limit: int,
    after: PageCursor | None,
    order: RowidOrder,
) -> list[tuple[Any, ...]] | None:
    """A rare short text's page from its indexes, read newest first: the trigrams that start
    with it (one FTS query of them all) and the last two letters."""
    fragment = query.fragment
    within = "rowid <= :bound"
    sources = []
    if either:
        sources.append(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :either AND {within}"
        )
    if len(fragment) == 1:
        sources += [
            "SELECT rowid FROM applicant INDEXED BY ix_applicant_name_tail2 "
            f"WHERE substr(name_key, -2) BETWEEN :f AND :f_high AND {within}",
            "SELECT rowid FROM applicant INDEXED BY ix_applicant_name_tail1 "
            f"WHERE substr(name_key, -1) = :f AND {within}",
        ]
    else:
        sources.append(
            "SELECT rowid FROM applicant INDEXED BY ix_applicant_name_tail2 "
            f"WHERE substr(name_key, -2) = :f AND {within}"
        )
    params = {
        "pattern": query.like_pattern,
        "either": either,
        "f": fragment,
        "f_high": fragment + "\U0010ffff",
    }
    return newest_page(
        session, order, sources, _LIKE_NAME, params, limit, after, TIME_ORDER_MAX_READ
    )


def _search_objects(session: Session) -> set[str]:
    """Which of the search's tables and indexes this database has (one question)."""
    names = (FTS_TABLE, TERMS_TABLE, TRIGRAMS_TABLE, BEHIND_TABLE, *COVER_INDEXES)
    found = session.connection().execute(
        text("SELECT name FROM sqlite_master WHERE name IN (SELECT value FROM json_each(:names))"),
        {"names": json.dumps(names)},
    )
    return set(found.scalars())


def has_fts(session: Session) -> bool:
    """Whether this SQLite database has the trigram name index (migration 0003 made it, unless
    the SQLite build had no FTS5 trigram tokenizer)."""
    return {FTS_TABLE, TERMS_TABLE} <= _search_objects(session)


def sqlite_rowids(
    session: Session, query: SearchText, limit: int, after: PageCursor | None
) -> list[int]:
    """The rowids of the page, newest first: the branches' pages merged."""
    present = _search_objects(session)
    fts = {FTS_TABLE, TERMS_TABLE} <= present
    known: list[RowidOrder | None] = []

    def order() -> RowidOrder | None:
        """Whether rowid order can be relied on, asked once per search, when a name needs it."""
        if not known:
            known.append(rowid_order(session) if fts and BEHIND_TABLE in present else None)
        return known[0]

    def usable(branch: _Branch) -> _Branch:
        """Without its covering index (a SQLite build that refused it), a prefix is counted in
        its unique index and its rows are read instead."""
        if branch.cover is not None and branch.cover not in present:
            return replace(branch, cover=None)
        return branch

    def keys(branch: _Branch) -> list[tuple[Any, ...]]:
        branch = usable(branch)
        if branch.short:
            trigrams = TRIGRAMS_TABLE in present
            return _short_name_keys(session, query, limit, after, order, trigrams)
        found_order = order() if branch.fts else None
        if found_order is not None:
            source = (
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :phrase AND rowid <= :bound"
            )
            page = newest_page(
                session,
                found_order,
                [source],
                branch.row_filter,
                branch.params,
                limit,
                after,
                TIME_ORDER_MAX_READ,
            )
            if page is not None:
                return page
        return _branch_keys(session, branch, limit, after)

    try:
        found = [key for branch in _sqlite_branches(query, fts) for key in keys(branch)]
    except OperationalError as exc:
        if not fts:
            raise
        # An FTS index that cannot answer (damaged, a build without trigram) must not stop the
        # counter: the same question without it, slower. `doctor` reports the damage.
        log.warning("name index unusable (%s); searching without it", exc.orig)
        found = [
            key
            for branch in _sqlite_branches(query, False)
            for key in _branch_keys(session, usable(branch), limit, after)
        ]
    unique = {key[0]: key for key in found}
    ordered = sorted(unique.values(), key=lambda key: (key[1], key[2]), reverse=True)
    return [key[0] for key in ordered[:limit]]
