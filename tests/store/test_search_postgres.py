"""PostgreSQL's search plans (`store.search.portable`): each answers every text as the oracle does,
and a rare short text is found through the letters index (migration 0009), not by walking the
register.

The registers here are small, so the default plan would answer everything from its first walk;
the `pg_plan` fixture shrinks the walk and the limits so that every plan answers every text.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import applicants
from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search import portable
from ltsa_desk.store.search.query_text import SearchText
from tests.store.searchtools import (
    ODD_NAMES,
    SHORT_TEXTS,
    TEXTS,
    all_pages,
    codes,
    expected,
    fill,
    person,
    short_register,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
]


@pytest.fixture(params=["walk", "sparse", "dense", "estimate"])
def pg_plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """walk: the first walk sees a few rows only, the rest by the cheaper of the two; sparse:
    every text by its index; dense: the index finds too many, so the full walk; estimate: the
    walk's matches say the full walk is cheaper."""
    walk, sparse, cost = {
        "walk": (5, 4000, 20),
        "sparse": (0, 100_000, 20),
        "dense": (0, 0, 20),
        "estimate": (5, 100_000, 10**9),
    }[request.param]
    monkeypatch.setattr(portable, "WALK", walk, raising=False)
    monkeypatch.setattr(portable, "SPARSE_LIMIT", sparse, raising=False)
    monkeypatch.setattr(portable, "COVER_LIMIT", sparse, raising=False)
    monkeypatch.setattr(portable, "INDEX_READ_COST", cost, raising=False)
    return str(request.param)


def _analyse(workspace: Workspace) -> None:
    with workspace.database.writer.begin() as connection:
        connection.exec_driver_sql("ANALYZE applicant")


@pytest.fixture
def register(workspace: Workspace) -> list[dict[str, Any]]:
    people = short_register(workspace.database)
    _analyse(workspace)
    return people


def test_every_plan_finds_what_the_oracle_finds(
    workspace: Workspace, register: list[dict[str, Any]], pg_plan: str
) -> None:
    for text in [*TEXTS, *SHORT_TEXTS, "wul", "oetari", "x", "q s"]:
        want = expected(register, text)
        assert codes(workspace.database, text, limit=500) == want, text
        assert codes(workspace.database, text, limit=7) == want[:7], text


def test_every_plan_pages_without_gaps_or_repeats(
    workspace: Workspace, register: list[dict[str, Any]], pg_plan: str
) -> None:
    for text in ["a", "kw", "x", "aminah", "5203", "LOTIM", "ah"]:
        assert all_pages(workspace.database, text, page=9) == expected(register, text), text


def test_every_letter_and_pair_of_the_odd_names_is_found(
    workspace: Workspace, register: list[dict[str, Any]], pg_plan: str
) -> None:
    texts = {n.lower()[i : i + w] for n in ODD_NAMES for i in range(len(n)) for w in (1, 2)}
    for text in sorted(t for t in texts if t.strip()):
        assert codes(workspace.database, text, limit=500) == expected(register, text), text


def test_a_renamed_applicant_is_found_by_the_letters_of_the_new_name(
    workspace: Workspace, register: list[dict[str, Any]], pg_plan: str
) -> None:
    """The letters index is an expression index: the server keeps it in step with the rows."""
    with workspace.database.writer.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE applicant SET full_name = 'Qory', name_key = 'qory' "
            "WHERE tracking_code = %(code)s",
            {"code": register[5]["tracking_code"]},
        )
    renamed = [
        {**p, "full_name": "Qory", "name_key": "qory"} if i == 5 else p
        for i, p in enumerate(register)
    ]
    for text in ("qo", "q", "y", "ry", "qory"):
        assert codes(workspace.database, text, limit=500) == expected(renamed, text), text


def _rows_read(workspace: Workspace, text: str, *, codes_only: bool = False) -> int:
    """Rows of applicant the search read (by scan or by index), counted by the server itself
    for the current transaction (pg_stat_xact_user_tables), not by the clock. `codes_only`:
    the page's tracking codes only (`portable.postgres_codes`), not the page's rows after them."""
    with workspace.database.session() as session:
        connection = session.connection()

        def read() -> int:
            found = connection.exec_driver_sql(
                "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) "
                "FROM pg_stat_xact_user_tables WHERE relid = CAST('applicant' AS regclass)"
            )
            return int(found.scalar_one())

        before = read()
        if codes_only:
            portable.postgres_codes(session, SearchText(text), 200, None)
        else:
            applicants.search_page(session, text)
        return read() - before


def test_a_rare_short_text_does_not_walk_the_register(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With four times the applicants, a rare letter or pair reads about the rows it read before
    (the newest few, then its matches by the letters index); a walk or scan of the register, as
    before migration 0009, reads four times as many."""
    monkeypatch.setattr(portable, "WALK", 100, raising=False)
    rare = ("kw", "x", "oe", "xa", "zz")
    people = [person(i) for i in range(4000)]
    with workspace.database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), people[:1000])  # type: ignore[arg-type]
    _analyse(workspace)
    small = {text: _rows_read(workspace, text) for text in rare}
    with workspace.database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), people[1000:])  # type: ignore[arg-type]
    _analyse(workspace)
    for text in rare:
        assert codes(workspace.database, text) == []
        assert _rows_read(workspace, text) < 1.5 * small[text] + 50, (text, small[text])


def test_the_letters_index_is_there(workspace: Workspace) -> None:
    fill(workspace.database, 3)
    with workspace.database.engine.connect() as connection:
        definition = connection.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_applicant_name_grams' "
            "AND schemaname = current_schema()"
        ).scalar_one_or_none()
        grams = connection.exec_driver_sql("SELECT applicant_name_grams('baiq xa')").scalar_one()
    assert definition is not None and "gin" in definition
    assert sorted(grams) == ["a", "ai", "b", "ba", "i", "iq", "q", "x", "xa"]


def _vacuum(workspace: Workspace) -> None:
    """What the server's autovacuum does soon after new rows (migration 0013 asks it to): the
    rows' pages marked all-visible, so an index that holds every column asked for answers alone."""
    with workspace.database.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM (ANALYZE) applicant"
        )


@pytest.mark.parametrize("plan", ["first walk", "full walk"])
def test_a_name_walk_reads_the_index_not_the_rows(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, plan: str
) -> None:
    """A name held by one CPMI in nine is found by walking the register newest first; the walk
    reads the covering index (time, code and name key: migration 0013), not the table: finding
    the page's codes reads no row. Before, each row walked was read from the table (about nine
    per result): cold pages of a million-row table made that slow (issue 19)."""
    if plan == "full walk":  # the first walk's few matches say walking on is cheaper
        monkeypatch.setattr(portable, "WALK", 30, raising=False)
        monkeypatch.setattr(portable, "INDEX_READ_COST", 10**9, raising=False)
    people = [person(i) for i in range(6000)]
    with workspace.database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), people)  # type: ignore[arg-type]
    _vacuum(workspace)
    want = expected(people, "zainal")[:200]
    assert codes(workspace.database, "zainal") == want
    assert _rows_read(workspace, "zainal", codes_only=True) == 0


def test_the_register_is_vacuumed_after_every_thousand_new_rows(workspace: Workspace) -> None:
    """The walk skips the table only for pages VACUUM marked all-visible; by default autovacuum
    would wait for a fifth of the table in new rows (years at a counter), leaving the newest rows,
    which the walk reads first, unmarked."""
    with workspace.database.engine.connect() as connection:
        options = connection.exec_driver_sql(
            "SELECT reloptions FROM pg_class WHERE oid = CAST('applicant' AS regclass)"
        ).scalar_one()
        definition = connection.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_applicant_time_name' "
            "AND schemaname = current_schema()"
        ).scalar_one()
    assert "autovacuum_vacuum_insert_threshold=1000" in options
    assert "autovacuum_vacuum_insert_scale_factor=0" in options
    assert "INCLUDE (name_key)" in definition
