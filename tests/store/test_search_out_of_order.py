"""SQLite search in a register whose rows are not in time order (a counter PC's clock set back):
with the rows saved behind listed by migration 0008, reading the indexes newest first answers
exactly what the oracle answers, page after page; a name search there reads about a page of
candidates, not every match; a re-timed row hands over to sorting, just as exactly.

The helpers (generated CPMI, the oracle, pages) are those of ``searchtools``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import applicants
from ltsa_desk.store import search
from ltsa_desk.store.database import Database
from ltsa_desk.store.database.revisions import alembic_config
from ltsa_desk.store.engine import writer_engine
from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search import sqlite_plans
from tests.store.searchtools import ODD_NAMES, all_pages, codes, expected, person, search_steps

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


def behind(database: Database) -> list[int]:
    """The rowids listed as saved behind (migration 0008)."""
    with database.engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT applicant_row FROM applicant_time_behind ORDER BY applicant_row"
        )
        return [row[0] for row in found]


def retimed(database: Database) -> bool:
    with database.engine.connect() as connection:
        found = connection.exec_driver_sql("SELECT 1 FROM meta WHERE key = 'search.retimed'")
        return found.first() is not None


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


@pytest.fixture(params=["rowid-order", "sorted"])
def order_or_not(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Read newest first by rowid, or (as after a re-timed row) by sorting and walking."""
    if request.param == "sorted":
        monkeypatch.setattr(sqlite_plans, "rowid_order", lambda session: None)
    monkeypatch.setattr(sqlite_plans, "SHORT_WALK", 0)  # short texts from their indexes
    return str(request.param)


def test_rows_saved_behind_are_listed_and_every_page_stays_exact(
    workspace: Workspace, order_or_not: str
) -> None:
    database = workspace.database
    people = clock_set_back(300)
    insert_rows(database, people)
    rowid = {row["tracking_code"]: at + 1 for at, row in enumerate(people)}
    # behind: saved with an earlier time than some row saved before it
    assert behind(database) == [
        rowid[row["tracking_code"]]
        for at, row in enumerate(people)
        if any(row["registered_at"] < earlier["registered_at"] for earlier in people[:at])
    ]
    assert len(behind(database)) > 40
    for text in TEXTS:
        want = expected(people, text)
        assert codes(database, text, limit=500) == want, text
        assert codes(database, text, limit=7) == want[:7], text
        assert all_pages(database, text, page=13) == want, text


def test_a_retimed_row_hands_over_to_sorting_just_as_exactly(workspace: Workspace) -> None:
    database = workspace.database
    people = [person(i) for i in range(120)]
    insert_rows(database, people)
    assert behind(database) == [] and not retimed(database)
    later = people[-1]["registered_at"] + timedelta(hours=1)
    moved = people[40]
    with database.writer.begin() as connection:  # a technician's correction of one time
        connection.exec_driver_sql(
            "UPDATE applicant SET registered_at = ? WHERE tracking_code = ?",
            (later.strftime("%Y-%m-%d %H:%M:%S.%f"), moved["tracking_code"]),
        )
    assert retimed(database)
    with database.session() as session:
        stored = applicants.search_page(session, moved["tracking_code"])[0].registered_at
    moved["registered_at"] = stored
    for text in ("aminah", "siti", "a", "5203"):
        assert all_pages(database, text, page=9) == expected(people, text), text
    assert codes(database, moved["full_name"], limit=1) == [moved["tracking_code"]]


def test_the_migration_lists_the_rows_already_behind(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also the trigrams of the names already there: short texts are found from the indexes."""
    database = workspace.database
    monkeypatch.setattr(sqlite_plans, "SHORT_WALK", 0)

    def migrate(revision: str, *, down: bool) -> None:
        with writer_engine(database.engine).begin() as connection:
            config = alembic_config(connection)
            (command.downgrade if down else command.upgrade)(config, revision)

    migrate("0007", down=True)
    people = clock_set_back(300)
    insert_rows(database, people)
    migrate("head", down=False)
    assert len(behind(database)) > 40
    for text in ("aminah", "siti ami", "k", "kw", "x", "ti", "520302"):
        assert all_pages(database, text, page=11) == expected(people, text), text


def test_a_corrected_name_is_found_by_its_new_letters(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trigram list follows names as they are registered and corrected (0008's triggers):
    a letter or pair no other name holds is found from the indexes alone."""
    database = workspace.database
    monkeypatch.setattr(sqlite_plans, "SHORT_WALK", 0)
    people = [person(i) for i in range(50)]
    insert_rows(database, people)
    assert codes(database, "v") == codes(database, "xj") == []
    with database.writer.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE applicant SET full_name = 'Baiq Vexja', name_key = 'baiq vexja' "
            "WHERE tracking_code = ?",
            (people[7]["tracking_code"],),
        )
    people[7] = {**people[7], "full_name": "Baiq Vexja", "name_key": "baiq vexja"}
    for text in ("v", "x", "J", "ve", "xj", "ja", "vexja", "q v"):
        assert codes(database, text) == expected(people, text), text


def test_a_name_search_after_the_clock_was_set_back_reads_a_page_not_every_match(
    workspace: Workspace,
) -> None:
    """Counted in SQLite's own steps (its progress handler), not in time: with four times the
    applicants, a common name's first page costs about what it cost before (sorting or walking
    every match, as before migration 0008, costs four times as much)."""
    database = workspace.database

    def steps(text: str) -> int:
        return search_steps(database, text, limit=20)

    people = [person(i) for i in range(8000)]
    for row in people[5:8]:  # the clock set back a day, early in the register's life
        row["registered_at"] = row["updated_at"] = row["registered_at"] - timedelta(days=1)
    insert_rows(database, people[:2000])
    texts = ("aminah", "siti", "rtin", "hidayat")
    small = {text: steps(text) for text in texts}
    insert_rows(database, people[2000:])
    assert behind(database) == [6, 7, 8]
    for text in texts:
        assert codes(database, text, limit=20) == expected(people, text)[:20]
        assert steps(text) < 1.5 * small[text], (text, small[text], steps(text))
