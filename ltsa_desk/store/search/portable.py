"""PostgreSQL's plans, and the portable filters SQLite falls back to.

A text is read as up to two *branches* (a NIK prefix; or a tracking-code prefix and a name
fragment), each answered on its own and merged newest first, as on SQLite. One statement with an
``OR`` and ``ORDER BY ... LIMIT`` left the choice to the planner, which cannot know where the
matches lie: it walked ``ix_applicant_registered_at`` newest first and, for a text few names hold
(``x``, ``kw``, ``zainal az``), read most of the register before the page was full (0.1-3 s at a
million applicants, issue 19). Each branch now takes, in turn:

- *walk*: the newest ``WALK`` rows (after the cursor), keeping those that match: a common text
  fills its page there, and the page is exact (every later match is older);
- *sparse*: the matches from the branch's own index (the ``pg_trgm`` GIN index of migration 0003
  for three letters or more; for one or two letters, which have no trigram, the GIN index of
  each name's letters and pairs of letters, migration 0009; the unique b-tree indexes for NIK and
  tracking-code prefixes), at most ``SPARSE_LIMIT`` of them, sorted by the server;
- *dense*: more matches than that, yet too few among the newest rows: the full walk, which stops
  when the page is full.

Every plan keeps the same ``LIKE``/range condition, so results are those of the plain filter
(`matches`) whatever index answers. Without ``pg_trgm`` (a server that refused the extension) the
sparse step scans instead: slower, still exact.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, bindparam, text
from sqlmodel import Session, and_, col, or_

from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search.query_text import HIGH, MIN_TRIGRAM, PageCursor, SearchText

WALK = 4000
"""PostgreSQL: newest rows walked first for every branch (a text held by more than about one name
in twenty fills its page there)."""

SPARSE_LIMIT = 4000
"""PostgreSQL: up to this many matches from an index are sorted; more go to the full walk."""

INDEX_READ_COST = 20
"""PostgreSQL: a row read through a name or NIK index costs about this many rows walked in time
order (measured at a million applicants: about 25 us against 1 us on a busy 2-core server)."""

_ROWS_ESTIMATE = text("SELECT reltuples FROM pg_class WHERE oid = CAST('applicant' AS regclass)")

GRAMS_FUNCTION = "applicant_name_grams"
"""PostgreSQL: the letters and pairs of letters of a name key (migration 0009's function)."""

_REGISTERED_AT_TYPE = Applicant.__table__.c.registered_at.type  # type: ignore[attr-defined]
_KEYS = "id, registered_at, tracking_code"
_ORDER = "ORDER BY registered_at DESC, tracking_code DESC"
_AFTER = (
    " AND registered_at <= :after_at AND (registered_at < :after_at OR tracking_code < :after_code)"
)
_LIKE_NAME = "name_key LIKE :pattern ESCAPE '\\'"


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


def _branches(query: SearchText) -> list[tuple[str, str, dict[str, Any]]]:
    """(row condition, condition for the index, parameters) of each reading of the text."""
    if query.digits:
        nik = "nik >= :lo AND nik < :hi"
        return [(nik, nik, {"lo": query.raw, "hi": query.raw + HIGH})]
    code = "tracking_code >= :clo AND tracking_code < :chi"
    indexed_name = _LIKE_NAME
    if len(query.fragment) < MIN_TRIGRAM:
        # `|| ''`: the LIKE only re-checks; as an index condition (pg_trgm) it would read the
        # whole trigram index, which has nothing to say about one or two letters.
        indexed_name = (
            f"{GRAMS_FUNCTION}(name_key) @> ARRAY[CAST(:gram AS text)] "
            "AND name_key || '' LIKE :pattern ESCAPE '\\'"
        )
    return [
        (code, code, {"clo": query.code, "chi": query.code + HIGH}),
        (_LIKE_NAME, indexed_name, {"pattern": query.like_pattern, "gram": query.fragment}),
    ]


def _branch_keys(
    session: Session,
    condition: str,
    indexed: str,
    params: dict[str, Any],
    limit: int,
    after: PageCursor | None,
) -> list[tuple[Any, ...]]:
    """(id, registered_at, tracking_code) of the branch's first `limit` rows after the cursor."""
    connection = session.connection()
    params = {**params, "limit": limit, "walk": WALK, "k": SPARSE_LIMIT + 1}
    keyset = ""
    binds = []
    if after is not None:
        keyset = _AFTER
        params["after_at"], params["after_code"] = after
        binds = [bindparam("after_at", type_=_REGISTERED_AT_TYPE)]

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in connection.execute(text(sql).bindparams(*binds), params)]

    walked = rows(
        f"SELECT {_KEYS} FROM (SELECT {_KEYS}, nik, name_key FROM applicant WHERE true{keyset} "
        f"{_ORDER} LIMIT :walk) AS newest WHERE {condition} {_ORDER} LIMIT :limit"
    )
    if len(walked) == limit:
        return walked
    if walked and _walk_is_cheaper(connection, len(walked), limit):
        return rows(
            f"SELECT {_KEYS} FROM applicant WHERE {condition}{keyset} {_ORDER} LIMIT :limit"
        )
    # MATERIALIZED: the planner must read the branch's own index, not walk in time order.
    found = rows(
        f"WITH found AS MATERIALIZED (SELECT {_KEYS} FROM applicant WHERE {indexed}{keyset} "
        f"LIMIT :k) SELECT {_KEYS}, (SELECT count(*) FROM found) FROM found {_ORDER} LIMIT :limit"
    )
    if not found or found[0][3] <= SPARSE_LIMIT:
        return [key[:3] for key in found]
    return rows(f"SELECT {_KEYS} FROM applicant WHERE {condition}{keyset} {_ORDER} LIMIT :limit")


def _walk_is_cheaper(connection: Any, found: int, limit: int) -> bool:
    """Whether walking on (about ``limit * WALK / found`` rows, in time order) costs less than
    reading every match by the index (about ``found * rows / WALK``, each a row read apart)."""
    rows = connection.execute(_ROWS_ESTIMATE).scalar()
    if rows is None or rows <= 0:  # never analysed: the index, with its limit, is the safe side
        return False
    return limit * WALK / found < INDEX_READ_COST * found * rows / WALK


def postgres_ids(
    session: Session, query: SearchText, limit: int, after: PageCursor | None
) -> list[Any]:
    """The ids of the page, newest first: the branches' pages merged."""
    found = {
        key[0]: key
        for condition, indexed, params in _branches(query)
        for key in _branch_keys(session, condition, indexed, params, limit, after)
    }
    ordered = sorted(found.values(), key=lambda key: (key[1], key[2]), reverse=True)
    return [key[0] for key in ordered[:limit]]
