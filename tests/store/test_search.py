"""The search seam on both engines: name fragments anywhere in the name, NIK and tracking-code
prefixes, short fragments, newest first, keyset pages; the SQLite trigram index kept in step by
its triggers, built by its migration from existing rows, and carried through the encryption of an
old plaintext database.

Every search is also checked against a plain Python reading of the same rows (the oracle), once
per SQLite plan (see the `plan` fixture), so each plan answers every text.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import delete, insert
from sqlmodel import Session, col

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import applicants
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant, update_applicant
from ltsa_desk.store import cipher, search
from ltsa_desk.store.database import (
    Database,
    create_database,
    open_database,
)
from ltsa_desk.store.database.revisions import alembic_config
from ltsa_desk.store.engine import writer_engine
from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search import sqlite_plans
from tests.store.searchtools import (
    BASE,
    COUNTER,
    ODD_NAMES,
    OFFICE,
    SHORT_TEXTS,
    TEXTS,
    all_pages,
    codes,
    expected,
    fill,
    person,
    search_steps,
    short_register,
)


@pytest.fixture(params=["time-ordered", "dense", "sparse"])
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """SQLite's plans, each made to answer every text: names by the indexes' newest matches
    first (the default, see `store.search.time_order`); or, as in a register whose times were
    changed, by counting candidates and then walking newest first (threshold 3: nearly every
    text) or sorting the candidates (threshold 100,000: every counted text; NIK and code
    prefixes are sorted in their covering indexes). PostgreSQL has one plan and ignores this."""
    if request.param != "time-ordered":
        monkeypatch.setattr(sqlite_plans, "rowid_order", lambda session: None)
        limit = 3 if request.param == "dense" else 100_000
        monkeypatch.setattr(sqlite_plans, "SPARSE_LIMIT", limit)
    return str(request.param)


@pytest.fixture
def register(workspace: Workspace) -> list[dict[str, Any]]:
    return fill(workspace.database, 300)


@pytest.mark.parametrize("text", TEXTS)
def test_search_finds_what_the_oracle_finds_newest_first(
    workspace: Workspace, register: list[dict[str, Any]], plan: str, text: str
) -> None:
    want = expected(register, text)
    assert codes(workspace.database, text, limit=500) == want
    assert codes(workspace.database, text, limit=7) == want[:7]


@pytest.mark.parametrize("text", ["a", "aminah", "5203", "LOTIM", ""])
def test_pages_follow_each_other_without_gaps_or_repeats(
    workspace: Workspace, register: list[dict[str, Any]], plan: str, text: str
) -> None:
    assert all_pages(workspace.database, text, page=13) == expected(register, text)


def test_random_fragments_against_the_oracle(
    workspace: Workspace, register: list[dict[str, Any]], plan: str
) -> None:
    rng = random.Random(8)
    for _ in range(40):
        source = rng.choice(register)
        kind = rng.choice(("name", "nik", "code"))
        if kind == "name":
            name = source["full_name"]
            start = rng.randrange(len(name))
            text = name[start : start + rng.randint(1, 8)]
            text = rng.choice((text, text.upper(), text.lower()))
        elif kind == "nik":
            text = source["nik"][: rng.randint(1, 16)]
        else:
            text = source["tracking_code"][: rng.randint(3, 20)]
        if not text.strip():
            continue
        assert codes(workspace.database, text, limit=20) == expected(register, text)[:20], text


def test_whole_applicants_for_the_command_line(
    workspace: Workspace, register: list[dict[str, Any]]
) -> None:
    with workspace.database.session() as session:
        found = applicants.list_applicants(session, text="RAHMAWATI", limit=5)
    assert [a.tracking_code for a in found] == expected(register, "rahmawati")[:5]
    assert all(isinstance(a, Applicant) and "Rahmawati" in a.full_name for a in found)


def test_a_full_nik_and_a_full_code_find_exactly_one(
    workspace: Workspace, register: list[dict[str, Any]]
) -> None:
    one = register[123]
    assert codes(workspace.database, one["nik"]) == [one["tracking_code"]]
    assert codes(workspace.database, one["tracking_code"].lower()) == [one["tracking_code"]]


def test_registered_and_corrected_names_are_found_by_their_new_name_only(
    workspace: Workspace, actor: Actor
) -> None:
    """Through the services: the index follows inserts and name changes (the triggers)."""
    with workspace.database.write_session() as session:
        made = register_applicant(
            session,
            {
                "nik": "5203011205900001",
                "full_name": "Budi Santoso",
                "birth_date": "12-05-1990",
                "sex": "L",
            },
            actor,
            today=date(2025, 1, 15),
        ).applicant
    assert codes(workspace.database, "udi san") == [made.tracking_code]
    with workspace.database.write_session() as session:
        update_applicant(
            session, made, {"full_name": "Budiman Wijaya"}, actor, today=date(2025, 1, 15)
        )
    assert codes(workspace.database, "udi san") == []
    assert codes(workspace.database, "diman wij") == [made.tracking_code]
    with workspace.database.write_session() as session:  # a change of something else
        update_applicant(session, made, {"address": "Selong"}, actor, today=date(2025, 1, 15))
    assert codes(workspace.database, "budiman") == [made.tracking_code]


def test_many_matches_sharing_one_time_page_exactly(workspace: Workspace, plan: str) -> None:
    """Ties at a page's edge: the time-ordered path must read on until no unread match can
    belong in the page (and hand over to sorting when there are too many)."""
    people = fill(workspace.database, 40)
    same = people[-1]["registered_at"] + timedelta(minutes=5)
    twins = [
        {
            **person(1000 + i),
            "full_name": "Siti Aminah",
            "name_key": "siti aminah",
            "registered_at": same,
            "updated_at": same,
        }
        for i in range(150)
    ]
    with workspace.database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), twins)  # type: ignore[arg-type]
    everyone = people + twins
    assert all_pages(workspace.database, "aminah", page=13) == expected(everyone, "aminah")
    assert codes(workspace.database, "siti am", limit=60) == expected(everyone, "siti am")[:60]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_too_many_ties_hand_over_to_sorting(
    workspace: Workspace, register: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_plans, "TIME_ORDER_MAX_READ", 10)
    for text in ("aminah", "siti", "ni made wul"):
        assert all_pages(workspace.database, text, page=7) == expected(register, text)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_clock_set_back_is_noticed_and_search_stays_exact(
    workspace: Workspace, register: list[dict[str, Any]]
) -> None:
    with workspace.database.session() as session:
        assert search.time_ordered(session)
    early = person(500)
    early["registered_at"] = early["updated_at"] = BASE - timedelta(days=30)
    early["full_name"], early["name_key"] = "Siti Aminah Lama", "siti aminah lama"
    with workspace.database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), [early])  # type: ignore[arg-type]
    with workspace.database.session() as session:
        assert not search.time_ordered(session)
    everyone = [*register, early]
    for text in ("aminah", "siti am", "lama", "5203"):
        assert all_pages(workspace.database, text, page=11) == expected(everyone, text)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_migration_notices_rows_already_out_of_time_order(workspace: Workspace) -> None:
    database = workspace.database
    _migrate(database, "0002", down=True)
    people = fill(database, 60)
    with database.writer.begin() as connection:  # the last one saved with a time in the past
        late = {**person(61), "registered_at": BASE, "updated_at": BASE}
        connection.execute(insert(Applicant.__table__), [late])  # type: ignore[arg-type]
    _migrate(database, "head", down=False)
    with database.session() as session:
        assert not search.time_ordered(session)
    assert all_pages(database, "aminah", page=4) == expected([*people, late], "aminah")


# ------------------------------------------------------------------------------------------------
# The index itself


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_index_is_an_fts5_trigram_table_in_step_with_its_rows(
    workspace: Workspace, register: list[dict[str, Any]]
) -> None:
    with workspace.database.engine.connect() as connection:
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'applicant_fts'"
        ).scalar_one()
        assert "fts5" in sql and "trigram" in sql
        # 'integrity-check' with rank 1 also compares the index with the applicant table
        connection.exec_driver_sql(
            "INSERT INTO applicant_fts(applicant_fts, rank) VALUES ('integrity-check', 1)"
        )
        triggers = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            )
        }
    assert set(search.FTS_TRIGGERS) <= triggers


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_postgresql_index_is_a_pg_trgm_gin_index(workspace: Workspace) -> None:
    with workspace.database.engine.connect() as connection:
        definition = connection.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_applicant_name_trgm' "
            "AND schemaname = current_schema()"
        ).scalar_one_or_none()
    if definition is None:  # the migration's fallback: the server refused the extension
        pytest.skip("pg_trgm could not be created on this server")
    assert "gin" in definition and "gin_trgm_ops" in definition


def _migrate(database: Database, revision: str, *, down: bool) -> None:
    with writer_engine(database.engine).begin() as connection:
        config = alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, revision)


def test_the_migration_indexes_applicants_already_there(workspace: Workspace) -> None:
    """An office upgrading with its register in place: 0003 builds the index from the rows."""
    database = workspace.database
    _migrate(database, "0002", down=True)
    people = fill(database, 120)
    _migrate(database, "head", down=False)
    for text in ("aminah", "tini", "siti h", "5203"):
        assert codes(database, text, limit=500) == expected(people, text)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_search_without_the_index_still_answers(
    workspace: Workspace, register: list[dict[str, Any]]
) -> None:
    """A SQLite build without FTS5 trigram gets no index from 0003; search scans instead."""
    with workspace.database.writer.begin() as connection:
        for trigger in search.FTS_TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
        connection.exec_driver_sql("DROP TABLE applicant_fts")
    for text in ("aminah", "RTIN", "ti", "LOTIM", "520302"):
        assert codes(workspace.database, text, limit=500) == expected(register, text)


# ------------------------------------------------------------------------------------------------
# Short texts (one or two letters): found through the indexes, not by walking the register


@pytest.mark.parametrize("walk", [0, 5000])
def test_short_texts_find_every_name_that_holds_them(
    workspace: Workspace, plan: str, walk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anywhere in the name, as for longer texts: at a word's start, inside a word, in the last
    two letters, a whole name of one or two letters; walk 0 makes the indexes answer alone."""
    monkeypatch.setattr(sqlite_plans, "SHORT_WALK", walk, raising=False)
    people = short_register(workspace.database)
    texts = {
        *SHORT_TEXTS,
        *(n.lower()[i : i + w] for n in ODD_NAMES for i in range(len(n)) for w in (1, 2)),
    }
    for text in sorted(texts):
        if not text.strip():
            continue
        assert codes(workspace.database, text, limit=500) == expected(people, text), text
        assert codes(workspace.database, text, limit=3) == expected(people, text)[:3], text
    for text in ("kw", "a", "x", "k"):
        assert all_pages(workspace.database, text, page=7) == expected(people, text), text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_rare_short_text_does_not_walk_the_register(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cost is counted in SQLite's own steps (its progress handler), not in time: with four
    times the applicants, a rare pair or letter costs about what it cost before (a walk over the
    register, as before migration 0007, costs four times as much)."""
    database = workspace.database
    monkeypatch.setattr(sqlite_plans, "SHORT_WALK", 100, raising=False)

    def steps(text: str) -> int:
        return search_steps(database, text)

    rare = ("kw", "x", "oe", "xa", "v")
    people = [person(i) for i in range(4000)]
    with database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), people[:1000])  # type: ignore[arg-type]
    small = {text: steps(text) for text in rare}
    with database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), people[1000:])  # type: ignore[arg-type]
    for text in rare:
        assert codes(database, text) == []
        assert steps(text) < 1.5 * small[text], (text, small[text], steps(text))


# ------------------------------------------------------------------------------------------------
# Encryption of an old plaintext database keeps the index


@pytest.fixture
def plaintext_database(tmp_path: Path) -> Iterator[tuple[Path, list[dict[str, Any]]]]:
    """An unencrypted database of an earlier version, with gaps in the applicants' rowids."""
    path = tmp_path / "ltsa.sqlite"
    url = f"sqlite:///{path.as_posix()}"
    create_database(url, office_code=OFFICE, counter_id=COUNTER)
    database = open_database(url)
    try:
        people = fill(database, 200)
        gone = {p["tracking_code"] for p in people[::7]}
        with database.writer.begin() as connection:
            connection.execute(
                delete(Applicant.__table__).where(  # type: ignore[arg-type]
                    col(Applicant.tracking_code).in_(gone)
                )
            )
    finally:
        database.close()
    yield path, [p for p in people if p["tracking_code"] not in gone]


def test_sqlcipher_export_keeps_the_index_and_its_rowids(
    plaintext_database: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    path, people = plaintext_database
    key = secrets.token_bytes(32)
    cipher.encrypt_plaintext_database(path, key, safety_copy=tmp_path / "safety.sqlite")
    assert cipher.file_state(path) is cipher.FileState.OPAQUE
    database = open_database(f"sqlite:///{path.as_posix()}", key=key)
    try:
        with database.engine.connect() as connection:
            kinds = dict(
                connection.exec_driver_sql(
                    "SELECT name, type FROM sqlite_master WHERE name LIKE 'applicant_fts%'"
                ).all()
            )
            assert kinds["applicant_fts"] == "table"
            connection.exec_driver_sql(
                "INSERT INTO applicant_fts(applicant_fts, rank) VALUES ('integrity-check', 1)"
            )
        for text in ("aminah", "made w", "rtin", "5203", "LOTIM-01-2025"):
            assert codes(database, text, limit=500) == expected(people, text)
        # and it goes on following new rows
        with Session(database.writer) as session:
            newcomer = person(999)
            session.add(
                Applicant(
                    **{
                        **newcomer,
                        "full_name": "Zubaidah Qomariyah",
                        "name_key": "zubaidah qomariyah",
                    }
                )
            )
            session.commit()
        assert codes(database, "qomar") == [newcomer["tracking_code"]]
    finally:
        database.close()
