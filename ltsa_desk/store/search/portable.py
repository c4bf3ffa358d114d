"""PostgreSQL's plans, and the portable filters SQLite falls back to.

A text is read as a NIK prefix, or as a tracking-code prefix and a name fragment; each reading
is answered on its own and the pages merged newest first, as on SQLite. One statement with an
``OR`` and ``ORDER BY ... LIMIT`` left the choice to the planner, which cannot know where a name
fragment's matches lie: it walked ``ix_applicant_registered_at`` newest first and, for a text few
names hold (``x``, ``kw``, ``zainal az``), read most of the register before the page was full
(0.1-4 s at a million applicants, issue 19).

- NIK and tracking-code prefixes: one statement each; the server's b-tree statistics say well how
  many rows a range holds, and the covering indexes of migration 0009 sort a range's matches
  without reading rows, so the planner's choice (that, or the walk for a short prefix) is sound.
- a name fragment: first the newest ``WALK`` rows (after the cursor), keeping those that match
  (in the same round trip as the tracking-code prefix): a common text fills its page there, and
  the page is exact (every later match is older). Every walk reads the covering index of
  migration 0013 (time, code, name key), not the table (rows newer than the server's last
  vacuum are still read from the table). Otherwise, if the walk's matches say walking on
  is cheaper (`_walk_is_cheaper`), the full walk; else the matches from a name index (``pg_trgm``,
  migration 0003, for three letters or more; for one or two letters, which have no trigram, the
  GIN index of each name's letters and pairs of letters, migration 0009), at most
  ``SPARSE_LIMIT`` of them, sorted by the server; more than that: the full walk.

Every plan keeps the same condition (a range, ``LIKE``, or for the walks ``strpos``, which
answers the same and which no name index can serve), so results are those of the plain filter
(`matches`) whatever index answers. Without ``pg_trgm`` (a server that refused the extension) the
sparse step scans instead: slower, still exact.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, bindparam, text
from sqlmodel import Session, and_, col, or_

from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search.query_text import HIGH, MIN_TRIGRAM, PageCursor, SearchText

WALK = 20_000
"""PostgreSQL: newest rows walked first for a name fragment (a text held by more than about one
name in a hundred fills its page there; fewer matches say how rare it is). The walk reads the
covering index of migration 0013, not the table: about 2 ms."""

SPARSE_LIMIT = 2500
"""PostgreSQL: up to this many name matches from an index are sorted; more: the full walk (about
where walking becomes the cheaper of the two, by `INDEX_READ_COST`)."""

INDEX_READ_COST = 36
"""PostgreSQL: a match read through a name index costs about this many rows walked in time order
in the covering index of migration 0013 (measured at a million applicants, 2-core server: 3,800
matches of "maesarah ra" by the trigram index in 13.5 ms, 54,000 rows walked in 5.3 ms)."""

GRAMS_FUNCTION = "applicant_name_grams"
"""PostgreSQL: the letters and pairs of letters of a name key (migration 0009's function)."""

_REGISTERED_AT_TYPE = Applicant.__table__.c.registered_at.type  # type: ignore[attr-defined]
_KEYS = "registered_at, tracking_code"
_ORDER = "ORDER BY registered_at DESC, tracking_code DESC"
_AFTER = (
    " AND registered_at <= :after_at AND (registered_at < :after_at OR tracking_code < :after_code)"
)
_LIKE_NAME = "name_key LIKE :pattern ESCAPE '\\'"
_HOLDS_NAME = "strpos(name_key, :gram) > 0"
"""The walk's test: the same answer as ``_LIKE_NAME`` (a piece anywhere in the name key), but no
name index can serve it, so the planner walks in time order as asked; and it is cheaper per row."""
_NIK = "nik >= :lo AND nik < :hi"
_CODE = "tracking_code >= :clo AND tracking_code < :chi"


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


class _Page:
    """The statements of one page after one cursor: the keyset condition and its parameters."""

    def __init__(self, session: Session, query: SearchText, limit: int, after: PageCursor | None):
        self.connection = session.connection()
        self.limit = limit
        self.params: dict[str, Any] = {
            "limit": limit,
            "walk": WALK,
            "k": SPARSE_LIMIT + 1,
            "lo": query.raw,
            "hi": query.raw + HIGH,
            "clo": query.code,
            "chi": query.code + HIGH,
            "pattern": query.like_pattern,
            "gram": query.fragment,
        }
        self.keyset = ""
        self.binds = []
        if after is not None:
            self.keyset = _AFTER
            self.params["after_at"], self.params["after_code"] = after
            self.binds = [bindparam("after_at", type_=_REGISTERED_AT_TYPE)]

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        statement = text(sql).bindparams(*self.binds)
        return [tuple(row) for row in self.connection.execute(statement, self.params)]

    def dense(self, condition: str) -> str:
        """Newest first with the condition; for a prefix's range the server's statistics on the
        b-tree say well how many rows it holds, and its covering index (0009) sorts them without
        reading a row; the planner chooses between that and the walk."""
        return f"SELECT {_KEYS} FROM applicant WHERE {condition}{self.keyset} {_ORDER} LIMIT :limit"

    def walk(self) -> str:
        """The name's matches among the newest `WALK` rows, with the planner's row count."""
        return (
            f"SELECT {_KEYS}, (SELECT reltuples FROM pg_class "
            "WHERE oid = CAST('applicant' AS regclass)) AS estimate "
            f"FROM (SELECT {_KEYS}, name_key FROM applicant WHERE true{self.keyset} "
            f"{_ORDER} LIMIT :walk) AS newest WHERE {_HOLDS_NAME} {_ORDER} LIMIT :limit"
        )

    def name_keys(self, query: SearchText, walked: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The name's page when the walk did not fill it: the full walk when the walk's matches
        say it is cheaper, else the matches from the name indexes (sorted), else the full walk."""
        if walked and _walk_is_cheaper(len(walked), self.limit, walked[0][2]):
            return self.rows(self.dense(_HOLDS_NAME))
        indexed = _LIKE_NAME
        if len(query.fragment) < MIN_TRIGRAM:
            # `|| ''`: the LIKE only re-checks; as an index condition (pg_trgm) it would read
            # the whole trigram index, which has nothing to say about one or two letters.
            indexed = (
                f"{GRAMS_FUNCTION}(name_key) @> ARRAY[CAST(:gram AS text)] "
                "AND name_key || '' LIKE :pattern ESCAPE '\\'"
            )
        # MATERIALIZED: the planner must read the name index, not walk in time order.
        found = self.rows(
            f"WITH found AS MATERIALIZED (SELECT {_KEYS} FROM applicant "
            f"WHERE {indexed}{self.keyset} LIMIT :k) "
            f"SELECT {_KEYS}, (SELECT count(*) FROM found) FROM found {_ORDER} LIMIT :limit"
        )
        if found and found[0][2] > SPARSE_LIMIT:
            return self.rows(self.dense(_HOLDS_NAME))
        return found


def _walk_is_cheaper(found: int, limit: int, rows: float | None) -> bool:
    """Whether walking on (about ``limit * WALK / found`` rows, in time order) costs less than
    reading every match by the index (about ``found * rows / WALK``, each a row read apart)."""
    if rows is None or rows <= 0:  # never analysed: the index, with its limit, is the safe side
        return False
    return limit * WALK / found < INDEX_READ_COST * found * rows / WALK


def postgres_codes(
    session: Session, query: SearchText, limit: int, after: PageCursor | None
) -> list[str]:
    """The tracking codes of the page (unique, as ids are), newest first: the readings' pages
    merged. Codes rather than ids: the prefixes' covering indexes hold them.

    A NIK prefix is one statement. Otherwise the tracking-code prefix and the name's walk go in
    one round trip; the name needs more only when the walk did not fill its page."""
    page = _Page(session, query, limit, after)
    if query.digits:
        keys = page.rows(page.dense(_NIK))
    else:
        first = page.rows(
            f"(SELECT 0, {_KEYS}, CAST(NULL AS real) FROM ({page.dense(_CODE)}) AS code) "
            f"UNION ALL (SELECT 1, {_KEYS}, estimate FROM ({page.walk()}) AS name)"
        )
        keys = [row[1:] for row in first if row[0] == 0]
        walked = [row[1:] for row in first if row[0] == 1]
        if len(walked) < limit:
            walked = page.name_keys(query, walked)
        keys += [row[:2] for row in walked]
    unique = {key[1]: key[:2] for key in keys}
    ordered = sorted(unique.values(), reverse=True)
    return [key[1] for key in ordered[:limit]]
