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
registration order, and the trigram index hands over its matches newest first: a page costs
about 200 row reads whether 300 or 300,000 names match, and stays exact at ties. A PC clock set
back (or paper forms typed in late) saves some rows with an earlier time than one saved before
them; migration 0008 lists those with the latest time saved before each (`time_order`), which is
all the newest-first reading needs to stay exact below them. With a registration time changed
after saving (a technician's correction), or too many ties on one time, each search counts its
candidates first (cheaply, in the index, at most ``SPARSE_LIMIT + 1`` of them) and then either

- *sparse*: sorts the few candidates (cost grows with their number, bounded by the limit), or
- *dense*: walks ``ix_applicant_registered_at`` newest first and keeps the rows that match; with
  more than ``SPARSE_LIMIT`` matches in a million rows the page fills after a few thousand rows.

NIK and tracking-code prefixes are ranges on covering indexes that also hold the page's order
(migration 0008): a few thousand matches are counted and sorted there without reading a row;
more are first looked for among the newest rows (a common prefix fills the page there), and
sorted in the index when they did not fill it.

Each plan is spelled out (``INDEXED BY``, ``NOT INDEXED``) so the planner cannot pick the wrong one
for a given text. A text that is not all digits may be a tracking code or a name, so both are
searched and merged.

**PostgreSQL** (a shared office server; `portable`): each reading of the text is its own
statement. Prefixes are ranges the server's statistics know; a name fragment is first looked for
among the newest rows, then either walked newest first in a covering index of time, code and name
(migration 0013: the table is not read) or read from a name index (``pg_trgm``, migration 0003;
for one or two letters the letters-and-pairs index of migration 0009), whichever the first walk's
matches say is cheaper. Every plan keeps the same filter, so results never depend on the plan.

**Short texts on SQLite** (one or two letters, migration 0007; `_short_name_keys`): first the
newest ``SHORT_WALK`` rows are walked (a common letter fills the page there); a text rarer than
that is found in the indexes instead of by walking the register: every place it occurs in a name
is the start of one of the name's trigrams (the terms of ``applicant_fts`` that begin with it,
read from ``applicant_fts_terms``) or lies in the name's last two letters (two expression
indexes). These indexes answer by rowid too, so they are read newest first like the trigram
index (or, with a re-timed register, their candidates are sorted, or walked when there are many).

One module per job: ``query_text`` (reading the box's text, name keys, the page cursor),
``schema`` (the index's names, for the code, tests and Alembic), ``sqlite_plans`` (the FTS5 seam
and its tunables), ``time_order`` (rowid-ordered indexes read newest first, exactly),
``portable`` (the PostgreSQL ``pg_trgm`` seam and SQLite's fallbacks) and ``search_box`` (the two
calls). The tunables are not re-exported: change them in ``sqlite_plans``.
"""

from __future__ import annotations

from ltsa_desk.store.search.query_text import PageCursor, name_key
from ltsa_desk.store.search.schema import (
    BEHIND_TABLE,
    FTS_TABLE,
    FTS_TRIGGERS,
    TAIL_INDEXES,
    TERMS_TABLE,
    TIME_ORDER_BROKEN,
    TIME_ORDER_KEY,
    TIME_ORDER_TRIGGERS,
    TRIGRAM_INDEX,
    include_name,
    is_search_index_name,
)
from ltsa_desk.store.search.search_box import search_applicants, search_page
from ltsa_desk.store.search.sqlite_plans import has_fts, time_ordered

__all__ = [
    "BEHIND_TABLE",
    "FTS_TABLE",
    "FTS_TRIGGERS",
    "TAIL_INDEXES",
    "TERMS_TABLE",
    "TIME_ORDER_BROKEN",
    "TIME_ORDER_KEY",
    "TIME_ORDER_TRIGGERS",
    "TRIGRAM_INDEX",
    "PageCursor",
    "has_fts",
    "include_name",
    "is_search_index_name",
    "name_key",
    "search_applicants",
    "search_page",
    "time_ordered",
]
