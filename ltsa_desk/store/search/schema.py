"""The search index's tables, triggers and indexes, named once for the code, tests and Alembic.

The models do not describe them (an FTS5 virtual table and its shadow tables on SQLite, GIN and
covering indexes on PostgreSQL; made by hand in migrations 0003, 0007, 0008, 0009 and 0013), so
schema comparisons are told to leave them alone.
"""

from __future__ import annotations

from typing import Any

FTS_TABLE = "applicant_fts"
"""SQLite: the FTS5 trigram index of applicant names (migration 0003)."""
FTS_TRIGGERS = ("applicant_fts_insert", "applicant_fts_delete", "applicant_fts_update")
TRIGRAM_INDEX = "ix_applicant_name_trgm"
"""PostgreSQL: the pg_trgm GIN index on applicant.name_key (migration 0003)."""
GRAMS_INDEX = "ix_applicant_name_grams"
"""PostgreSQL: a GIN index of each name's letters and pairs of letters (migration 0009)."""
WALK_INDEX = "ix_applicant_time_name"
"""PostgreSQL: (registered_at, tracking_code) INCLUDE (name_key): a name is walked newest first in
the index alone, without reading the table (migration 0013)."""

TERMS_TABLE = "applicant_fts_terms"
"""SQLite: an fts5vocab table over the trigram index: its terms, by range (migration 0007)."""
TRIGRAMS_TABLE = "applicant_fts_trigrams"
"""SQLite: the trigram index's terms, without fts5vocab's counting, kept by triggers (0008)."""
TAIL_INDEXES = ("ix_applicant_name_tail2", "ix_applicant_name_tail1")
"""SQLite: expression indexes on the last two letters and the last letter of name_key (0007)."""

BEHIND_TABLE = "applicant_time_behind"
"""SQLite: each row saved with an earlier time than one before it (a clock set back), with the
latest time saved before it: the floor the name search needs below that rowid (0008)."""
RETIMED_KEY = "search.retimed"
"""SQLite: a ``meta`` row saying a registration time was changed after saving (0008): the
search no longer relies on rowid order."""
BEHIND_TRIGGERS = ("applicant_time_behind_insert", "applicant_time_retimed")

COVER_INDEXES = ("ix_applicant_nik_time", "ix_applicant_code_time")
"""SQLite: (nik, registered_at, tracking_code) and (tracking_code, registered_at): a prefix's
matches counted and sorted without reading their rows (0008)."""

TIME_ORDER_KEY = "search.time_order"
TIME_ORDER_BROKEN = "broken"
"""SQLite: a ``meta`` row that says a registration was saved with an earlier time than one saved
before it (a counter PC whose clock was set back). Until then rowid order is registration order,
which the name search uses (`_newest_by_rowid`); a trigger of migration 0003 writes the row, and
from then on names are searched the general way (`_branch_keys`), just as exactly."""
TIME_ORDER_TRIGGERS = ("applicant_time_order_insert", "applicant_time_order_update")


def is_search_index_name(name: str | None) -> bool:
    """Whether a table or index name belongs to the search index, which the models do not
    describe (an FTS5 virtual table and its shadow tables; a GIN index): schema comparisons
    (Alembic autogenerate, the models-match-migrations test) leave these alone."""
    return bool(name) and (
        name
        in (TRIGRAM_INDEX, GRAMS_INDEX, WALK_INDEX, *TAIL_INDEXES, *COVER_INDEXES, BEHIND_TABLE)
        or str(name).startswith(FTS_TABLE)
    )


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: see `is_search_index_name`."""
    return not (type_ in {"table", "index"} and is_search_index_name(name))
