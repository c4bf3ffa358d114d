"""The search seam: the one place where SQLite and PostgreSQL search differently.

One box takes a name fragment (anywhere in the name, any case), the start of a NIK, or a tracking
code (or its start). Results are always newest first, ``(registered_at, tracking_code)``
descending, and paged by keyset (see `search_page`).

**SQLite** (the counter's own file, a million applicants): names are indexed in ``applicant_fts``,
an FTS5 table with the ``trigram`` tokenizer over ``applicant.name_key`` (external content, kept in
step by triggers; migration 0003). A fragment of three or more letters is a phrase of trigrams,
which matches exactly the names containing it. NIK and tracking-code prefixes are ranges on their
unique indexes. Every kind then meets the same question: how to get the *newest* 200 of the
matches. SQLite cannot sort a million matches fast, and cannot find 200 rare matches by walking a
million rows newest first.

For names the answer is the rowid: a counter saves registrations in time order, so rowid order is
registration order (a trigger of 0003 notices the day it is not, a PC clock set back), and the
trigram index hands over its matches newest first (`_newest_by_rowid`): a page costs about 200 row
reads whether 300 or 300,000 names match, and stays exact at ties. Otherwise, and for NIK and
tracking-code prefixes, each search counts its candidates first (cheaply, in the index, at most
``SPARSE_LIMIT + 1`` of them) and then either

- *sparse*: sorts the few candidates (cost grows with their number, bounded by the limit), or
- *dense*: walks ``ix_applicant_registered_at`` newest first and keeps the rows that match; with
  more than ``SPARSE_LIMIT`` matches in a million rows the page fills after a few thousand rows.

Each plan is spelled out (``INDEXED BY``, ``NOT INDEXED``) so the planner cannot pick the wrong one
for a given text. A fragment shorter than three letters has no trigram: it takes the dense walk
with ``LIKE`` (fast for the common short texts, a full walk for a rare pair of letters). A text
that is not all digits may be a tracking code or a name, so both are searched and merged.

**PostgreSQL** (a shared office server): one portable statement; ``name_key LIKE '%...%'`` uses the
``pg_trgm`` GIN index made by migration 0003 (when the server allowed the extension; without it
the same statement scans, slower but correct), and the server's planner chooses between the
indexes with its statistics.

**Short texts on SQLite** (one or two letters, migration 0007; `_short_name_keys`): first the
newest ``SHORT_WALK`` rows are walked (a common letter fills the page there); a text rarer than
that is found in the indexes instead of by walking the register: every place it occurs in a name
is the start of one of the name's trigrams (the terms of ``applicant_fts`` that begin with it,
read from ``applicant_fts_terms``) or lies in the name's last two letters (two expression
indexes). Those candidates are then sorted, or walked as above when there are many.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, bindparam, literal_column, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, and_, col, or_, select

from ltsa_desk.store.models import Applicant

log = logging.getLogger(__name__)

_HIGH = "\uffff"

FTS_TABLE = "applicant_fts"
"""SQLite: the FTS5 trigram index of applicant names (migration 0003)."""
FTS_TRIGGERS = ("applicant_fts_insert", "applicant_fts_delete", "applicant_fts_update")
TRIGRAM_INDEX = "ix_applicant_name_trgm"
"""PostgreSQL: the pg_trgm GIN index on applicant.name_key (migration 0003)."""

TERMS_TABLE = "applicant_fts_terms"
"""SQLite: an fts5vocab table over the trigram index: its terms, by range (migration 0007)."""
TAIL_INDEXES = ("ix_applicant_name_tail2", "ix_applicant_name_tail1")
"""SQLite: expression indexes on the last two letters and the last letter of name_key (0007)."""

SHORT_WALK = 5000
"""SQLite: newest rows walked for a short text before its candidates are looked up instead."""

TIME_ORDER_KEY = "search.time_order"
TIME_ORDER_BROKEN = "broken"
"""SQLite: a ``meta`` row that says a registration was saved with an earlier time than one saved
before it (a counter PC whose clock was set back). Until then rowid order is registration order,
which the name search uses (`_newest_by_rowid`); a trigger of migration 0003 writes the row, and
from then on names are searched the general way (`_branch_keys`), just as exactly."""
TIME_ORDER_TRIGGERS = ("applicant_time_order_insert", "applicant_time_order_update")
TIME_ORDER_MAX_READ = 20_000
"""Candidates read by the time-ordered path before it hands over (ties on one timestamp)."""

SPARSE_LIMIT = 4000
"""SQLite: up to this many matches are sorted; more are found by the newest-first walk."""

MIN_TRIGRAM = 3


def name_key(name: str) -> str:
    """How names are compared: case and spacing never matter to an officer."""
    return " ".join(name.split()).lower()


def is_search_index_name(name: str | None) -> bool:
    """Whether a table or index name belongs to the search index, which the models do not
    describe (an FTS5 virtual table and its shadow tables; a GIN index): schema comparisons
    (Alembic autogenerate, the models-match-migrations test) leave these alone."""
    return bool(name) and (
        name in (TRIGRAM_INDEX, *TAIL_INDEXES) or str(name).startswith(FTS_TABLE)
    )


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: see `is_search_index_name`."""
    return not (type_ in {"table", "index"} and is_search_index_name(name))


#: Where a page ends: the (registered_at, tracking_code) of its last row. Tracking codes are
#: unique, so the pair is a total order and the next page starts exactly after it.
PageCursor = tuple[datetime, str]


@dataclass(frozen=True)
class _Text:
    """One search box text, read the ways it can be meant."""

    raw: str

    @property
    def digits(self) -> bool:
        return self.raw.isdigit()

    @property
    def code(self) -> str:
        return self.raw.upper()

    @property
    def fragment(self) -> str:
        return name_key(self.raw)

    @property
    def like_pattern(self) -> str:
        escaped = self.fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"%{escaped}%"

    @property
    def phrase(self) -> str:
        """The fragment as an FTS5 phrase: a run of trigrams, i.e. the fragment as a substring."""
        return '"' + self.fragment.replace('"', '""') + '"'


# ------------------------------------------------------------------------------------------------
# Portable filters (PostgreSQL, and SQLite's fallbacks)


def _matches(query: _Text) -> ColumnElement[bool]:
    """The filter for one search box text: NIK prefix, tracking-code prefix or name fragment."""
    if query.digits:
        return (Applicant.nik >= query.raw) & (Applicant.nik < query.raw + _HIGH)
    return or_(
        (Applicant.tracking_code >= query.code) & (Applicant.tracking_code < query.code + _HIGH),
        col(Applicant.name_key).like(query.like_pattern, escape="\\"),
    )


def _after(after: PageCursor) -> ColumnElement[bool]:
    """Rows strictly after the cursor, written so an index on registered_at can seek to it."""
    registered_at, tracking_code = after
    return and_(
        col(Applicant.registered_at) <= registered_at,
        or_(
            col(Applicant.registered_at) < registered_at,
            col(Applicant.tracking_code) < tracking_code,
        ),
    )


def _newest_first() -> tuple[Any, Any]:
    return col(Applicant.registered_at).desc(), col(Applicant.tracking_code).desc()


# ------------------------------------------------------------------------------------------------
# SQLite: candidates counted, then sorted (sparse) or found newest first (dense)

_ROWID = literal_column("applicant.rowid")
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


_LIKE_NAME = "name_key LIKE :pattern ESCAPE '\\'"


def _sqlite_branches(query: _Text, fts: bool) -> list[_Branch]:
    if query.digits:
        return [
            _Branch(
                candidates_sql="SELECT rowid FROM applicant WHERE nik >= :lo AND nik < :hi "
                "LIMIT :k",
                row_filter="+nik >= :lo AND +nik < :hi",
                params={"lo": query.raw, "hi": query.raw + _HIGH},
            )
        ]
    branches = [
        _Branch(
            candidates_sql="SELECT rowid FROM applicant "
            "WHERE tracking_code >= :clo AND tracking_code < :chi LIMIT :k",
            row_filter="+tracking_code >= :clo AND +tracking_code < :chi",
            params={"clo": query.code, "chi": query.code + _HIGH},
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
    params = dict(branch.params)
    candidates = None
    if branch.candidates_sql is not None:
        found = connection.execute(text(branch.candidates_sql), {**params, "k": SPARSE_LIMIT + 1})
        candidates = found.scalars().all()
        if not candidates:
            return []
    keyset = ""
    binds = []
    if after is not None:
        keyset = f" AND {_AFTER_SQL}"
        params["after_at"], params["after_code"] = after
        binds = [bindparam("after_at", type_=_REGISTERED_AT_TYPE)]
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


def _short_name_keys(
    session: Session, query: _Text, limit: int, after: PageCursor | None
) -> list[tuple[Any, ...]]:
    """A 1-2 letter fragment's page without walking the whole register.

    The newest `SHORT_WALK` rows first: a common text fills the page there (the page is then
    exact, every later match being older). Otherwise the text is rare, and its candidates come
    from indexes: a place where the fragment occurs either starts one of the name's trigrams, or
    lies within its last two letters. The candidates then take the usual sparse or dense plan.
    """
    connection = session.connection()
    fragment = query.fragment
    params: dict[str, Any] = {"pattern": query.like_pattern}
    keyset = ""
    binds = []
    if after is not None:
        keyset = f" AND {_AFTER_SQL}"
        params["after_at"], params["after_code"] = after
        binds = [bindparam("after_at", type_=_REGISTERED_AT_TYPE)]
    walked = [
        tuple(row)
        for row in connection.execute(
            text(
                f"SELECT rid, registered_at, tracking_code FROM ("
                f"SELECT rowid AS rid, registered_at, tracking_code, name_key FROM applicant "
                f"INDEXED BY ix_applicant_registered_at WHERE 1 = 1{keyset} {_ORDER} LIMIT :walk"
                f") WHERE {_LIKE_NAME} {_ORDER} LIMIT :limit"
            ).bindparams(*binds),
            {**params, "walk": SHORT_WALK, "limit": limit},
        )
    ]
    if len(walked) == limit:
        return walked
    high = fragment + "\U0010ffff"
    terms = (
        connection.execute(
            text(f"SELECT term FROM {TERMS_TABLE} WHERE term >= :lo AND term < :hi"),
            {"lo": fragment, "hi": high},
        )
        .scalars()
        .all()
    )
    found: set[int] = set()
    k = SPARSE_LIMIT + 1
    if terms:
        either = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
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


def _newest_by_rowid(
    session: Session, branch: _Branch, limit: int, after: PageCursor | None
) -> list[tuple[Any, ...]] | None:
    """The trigram branch's page when rowid order is registration order: the index hands over
    its newest matches (highest rowids) first, so a page costs about `limit` row reads however
    many names match. Exact: the page is kept only when no match left unread can belong in it
    (every one of those is registered no later than the oldest candidate read); otherwise more
    candidates are read. None: give up (too many ties), the caller sorts instead."""
    connection = session.connection()
    params = dict(branch.params)
    bound = ""
    keyset = ""
    binds = []
    if after is not None:
        params["after_at"], params["after_code"] = after
        binds = [bindparam("after_at", type_=_REGISTERED_AT_TYPE)]
        last = connection.execute(
            text(
                "SELECT rowid FROM applicant INDEXED BY ix_applicant_registered_at "
                "WHERE registered_at <= :after_at ORDER BY registered_at DESC, rowid DESC "
                "LIMIT 1"
            ).bindparams(*binds),
            params,
        ).scalar()
        if last is None:
            return []
        bound = " AND rowid <= :bound"
        params["bound"] = last
        keyset = f" AND {_AFTER_SQL}"
    take = limit + 64
    while take <= TIME_ORDER_MAX_READ:
        candidates = (
            connection.execute(
                text(
                    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :phrase{bound} "
                    "ORDER BY rowid DESC LIMIT :take"
                ),
                {**params, "take": take},
            )
            .scalars()
            .all()
        )
        if not candidates:
            return []
        rows = [
            tuple(row)
            for row in connection.execute(
                text(
                    f"SELECT {_KEY_COLUMNS} FROM applicant NOT INDEXED "
                    "WHERE rowid IN (SELECT value FROM json_each(:rowids)) "
                    f"AND {branch.row_filter}{keyset} {_ORDER} LIMIT :limit"
                ).bindparams(*binds),
                {**params, "rowids": json.dumps(candidates), "limit": limit},
            )
        ]
        if len(candidates) < take:
            return rows  # every match was read
        floor = connection.execute(
            text("SELECT registered_at FROM applicant WHERE rowid = :rowid"),
            {"rowid": candidates[-1]},
        ).scalar()
        if len(rows) == limit and floor is not None and rows[-1][1] > floor:
            return rows  # unread matches are all registered at or before `floor`
        take *= 4
    return None


def has_fts(session: Session) -> bool:
    """Whether this SQLite database has the trigram name index (migration 0003 made it, unless
    the SQLite build had no FTS5 trigram tokenizer)."""
    found = session.connection().exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
        (FTS_TABLE, TERMS_TABLE),
    )
    return found.scalar() == 2


def _sqlite_rowids(
    session: Session, query: _Text, limit: int, after: PageCursor | None
) -> list[int]:
    """The rowids of the page, newest first: the branches' pages merged."""
    fts = has_fts(session)
    ordered_by_rowid = fts and time_ordered(session)

    def keys(branch: _Branch) -> list[tuple[Any, ...]]:
        if branch.short:
            return _short_name_keys(session, query, limit, after)
        if branch.fts and ordered_by_rowid:
            page = _newest_by_rowid(session, branch, limit, after)
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
            for key in _branch_keys(session, branch, limit, after)
        ]
    unique = {key[0]: key for key in found}
    ordered = sorted(unique.values(), key=lambda key: (key[1], key[2]), reverse=True)
    return [key[0] for key in ordered[:limit]]


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _rows_in_order(session: Session, statement: Any, rowids: list[int]) -> list[Any]:
    if not rowids:
        return []
    return list(session.exec(statement.where(_ROWID.in_(rowids)).order_by(*_newest_first())).all())


# ------------------------------------------------------------------------------------------------
# The two calls


def search_applicants(session: Session, text: str, *, limit: int = 100) -> list[Applicant]:
    """Whole applicants matching the text, newest first (the command line's `applicant list`)."""
    query = text.strip()
    if not query:
        return []
    if _is_sqlite(session):
        rowids = _sqlite_rowids(session, _Text(query), limit, None)
        return _rows_in_order(session, select(Applicant), rowids)
    statement = select(Applicant).where(_matches(_Text(query)))
    return list(session.exec(statement.order_by(*_newest_first()).limit(limit)).all())


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
        rowids = _sqlite_rowids(session, _Text(query), limit, after)
        return _rows_in_order(session, statement, rowids)
    if query:
        statement = statement.where(_matches(_Text(query)))
    if after is not None:
        statement = statement.where(_after(after))
    statement = statement.order_by(*_newest_first()).limit(limit)
    return list(session.exec(statement).all())
