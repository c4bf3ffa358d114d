"""SQLite search in a register whose rows are not in time order (a counter PC's clock set back):
the runs of migration 0008, read newest first and merged, answer exactly what the oracle answers,
page after page; and a name search there reads about a page of candidates, not every match.

The helpers (generated CPMI, the oracle, pages) are those of ``test_search``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert
from test_search import ODD_NAMES, all_pages, codes, expected, person

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import applicants
from ltsa_desk.store import search
from ltsa_desk.store.database import Database
from ltsa_desk.store.database.revisions import alembic_config
from ltsa_desk.store.engine import writer_engine
from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search import sqlite_plans, time_runs

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

#: (first, last, set back by): stretches registered while the clock was wrong. One far back (older
#: than everything), one overlapping the registrations around it, one of a few minutes (its
#: times tie with others'), and the last rows of all.
STRETCHES = (
    (60, 90, timedelta(days=3)),
    (150, 170, timedelta(minutes=75)),
    (220, 226, timedelta(minutes=4)),
    (290, 300, timedelta(minutes=30)),
)


def clock_set_back(count: int) -> list[dict[str, Any]]:
    people = [person(i) for i in range(count)]
    for i, row in enumerate(people):
        for first, last, back in STRETCHES:
            if first <= i < last:
                row["registered_at"] = row["updated_at"] = row["registered_at"] - back
    odd = [
        {**person(count + i), "full_name": name, "name_key": search.name_key(name)}
        for i, name in enumerate(ODD_NAMES)
    ]
    for i, row in enumerate(odd):  # the odd names among the earliest stretch's times
        row["registered_at"] = row["updated_at"] = people[70 + i]["registered_at"]
    return people[:200] + odd + people[200:]


def insert_rows(database: Database, rows: list[dict[str, Any]]) -> None:
    with database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), rows)  # type: ignore[arg-type]


def run_starts(database: Database) -> list[int]:
    with database.engine.connect() as connection:
        found = connection.exec_driver_sql("SELECT start FROM applicant_time_runs ORDER BY start")
        return [row[0] for row in found]


TEXTS = (
    "aminah",
    "siti ami",
    "ni made wul",
    "RTIN",
    "a",
    "ti",
    "kw",
    "x",
    "oe",
    "k",
    "zzz",
    "5203",
    "520302",
    "LOTIM",
    "lotim-01-2024-00",
)


@pytest.fixture(params=["runs", "too-many-runs"])
def runs_or_not(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Read run by run, or (more runs than `MAX_RUNS`) by sorting and walking instead."""
    if request.param == "too-many-runs":
        monkeypatch.setattr(time_runs, "MAX_RUNS", 2)
    monkeypatch.setattr(sqlite_plans, "SHORT_WALK", 0)  # short texts from their indexes
    return str(request.param)


def test_a_clock_set_back_makes_runs_and_every_page_stays_exact(
    workspace: Workspace, runs_or_not: str
) -> None:
    database = workspace.database
    people = clock_set_back(300)
    insert_rows(database, people)
    rowid = {row["tracking_code"]: at + 1 for at, row in enumerate(people)}
    # a run starts wherever a row's time is earlier than the row's before it
    assert run_starts(database) == [
        rowid[people[at]["tracking_code"]]
        for at in range(1, len(people))
        if people[at]["registered_at"] < people[at - 1]["registered_at"]
    ]
    assert len(run_starts(database)) >= 4
    for text in TEXTS:
        want = expected(people, text)
        assert codes(database, text, limit=500) == want, text
        assert codes(database, text, limit=7) == want[:7], text
        assert all_pages(database, text, page=13) == want, text


def test_a_retimed_row_is_a_run_of_its_own(workspace: Workspace) -> None:
    database = workspace.database
    people = [person(i) for i in range(120)]
    insert_rows(database, people)
    assert run_starts(database) == []
    later = people[-1]["registered_at"] + timedelta(hours=1)
    moved = people[40]
    with database.writer.begin() as connection:  # a technician's correction of one time
        connection.exec_driver_sql(
            "UPDATE applicant SET registered_at = ? WHERE tracking_code = ?",
            (later.strftime("%Y-%m-%d %H:%M:%S.%f"), moved["tracking_code"]),
        )
    assert run_starts(database) == [41, 42]
    with database.session() as session:
        stored = applicants.search_page(session, moved["tracking_code"])[0].registered_at
    moved["registered_at"] = stored
    for text in ("aminah", "siti", "a", "5203"):
        assert all_pages(database, text, page=9) == expected(people, text), text
    assert codes(database, moved["full_name"], limit=1) == [moved["tracking_code"]]


def test_the_migration_finds_the_runs_already_there(workspace: Workspace) -> None:
    database = workspace.database

    def migrate(revision: str, *, down: bool) -> None:
        with writer_engine(database.engine).begin() as connection:
            config = alembic_config(connection)
            (command.downgrade if down else command.upgrade)(config, revision)

    migrate("0007", down=True)
    people = clock_set_back(300)
    insert_rows(database, people)
    migrate("head", down=False)
    assert len(run_starts(database)) >= 4
    for text in ("aminah", "siti ami", "k", "520302"):
        assert all_pages(database, text, page=11) == expected(people, text), text


def test_a_name_search_after_the_clock_was_set_back_reads_a_page_not_every_match(
    workspace: Workspace,
) -> None:
    """Counted in SQLite's own steps (its progress handler), not in time: with four times the
    applicants, a common name's first page costs about what it cost before (sorting or walking
    every match, as before migration 0008, costs four times as much)."""
    database = workspace.database

    def steps(text: str) -> int:
        count = 0

        def tick() -> int:
            nonlocal count
            count += 1
            return 0

        with database.session() as session:
            raw = session.connection().connection.driver_connection
            raw.set_progress_handler(tick, 10)
            try:
                applicants.search_page(session, text, limit=20)
            finally:
                raw.set_progress_handler(None, 10)
        return count

    people = [person(i) for i in range(8000)]
    for row in people[5:8]:  # the clock set back a day, early in the register's life
        row["registered_at"] = row["updated_at"] = row["registered_at"] - timedelta(days=1)
    insert_rows(database, people[:2000])
    texts = ("aminah", "siti", "rtin", "hidayat")
    small = {text: steps(text) for text in texts}
    insert_rows(database, people[2000:])
    assert run_starts(database)
    for text in texts:
        assert codes(database, text, limit=20) == expected(people, text)[:20]
        assert steps(text) < 1.5 * small[text], (text, small[text], steps(text))
