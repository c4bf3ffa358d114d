"""Prepared statements and `insert_new`: the same rows, errors and events as Core, on real DBs.

The fast path is only worth having if nothing can tell it from Core: each test writes through both
and compares what the database holds (the stored text of every column, read back with the plain
driver), or checks that a failure surfaces as the same SQLAlchemy exception. On PostgreSQL the
statements take the Core path; the same tests run there when a server is provided.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    bindparam,
    event,
    select,
    update,
)
from sqlalchemy.exc import ArgumentError, IntegrityError
from sqlmodel import select as model_select

from ltsa_desk.store.database import create_database, open_database
from ltsa_desk.store.engine import create_store_engine, writer_engine
from ltsa_desk.store.models import Applicant, AuditLog, new_id
from sync.models import OutboxItem
from sync.prepared import Prepared
from sync.rows import insert_new

METADATA = MetaData()
STAMP = datetime(2026, 11, 25, 6, 30, 15, 123456, tzinfo=UTC)


def _stamp() -> datetime:
    return STAMP + timedelta(hours=1)


SAMPLE = Table(
    "sample",
    METADATA,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("ref", Uuid, nullable=False, unique=True),
    Column("name", String(50), nullable=False),
    Column("born", Date, nullable=True),
    Column("at", DateTime, nullable=False, default=_stamp),
    Column("flag", Boolean, nullable=False, default=True),
    Column("count", Integer, nullable=False, default=7),
    Column("note", Text, nullable=True),
)
INSERT = Prepared(SAMPLE.insert())
BUMP = Prepared(
    update(SAMPLE)
    .where(SAMPLE.c.name == bindparam("b_name"))
    .values(count=SAMPLE.c.count + bindparam("b_by"))
    .returning(SAMPLE.c.count)
)


@pytest.fixture(params=["plain", "encrypted", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        made = create_store_engine(url)
    else:
        key = bytes(range(32)) if request.param == "encrypted" else None
        made = create_store_engine(f"sqlite:///{(tmp_path / 'p.sqlite').as_posix()}", key=key)
    METADATA.create_all(made)
    yield writer_engine(made)
    made.dispose()


def _row(name: str, **extra: Any) -> dict[str, Any]:
    return {"ref": uuid.uuid4(), "name": name, "born": date(1999, 2, 28), **extra}


def _stored(engine: Engine) -> list[tuple[Any, ...]]:
    """Every row as the database keeps it (SQLite: the raw text, read past SQLAlchemy)."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            cursor.execute("SELECT ref, name, born, at, flag, count, note FROM sample ORDER BY seq")
            return [tuple(row) for row in cursor.fetchall()]
        names = ("ref", "name", "born", "at", "flag", "count", "note")
        columns = [SAMPLE.c[name] for name in names]
        return [tuple(row) for row in connection.execute(select(*columns).order_by(SAMPLE.c.seq))]


def test_insert_stores_what_core_stores(engine: Engine) -> None:
    given = _row("Siti", at=STAMP, flag=False, count=3, note="catatan")
    with engine.begin() as connection:
        outcome = INSERT.run(connection, given)
        connection.execute(SAMPLE.insert(), {**given, "ref": uuid.uuid4()})
    first, second = _stored(engine)
    assert first[1:] == second[1:]
    assert outcome.inserted_key == 1 and outcome.row is None


def test_left_out_columns_get_the_python_defaults_core_would_give(engine: Engine) -> None:
    with engine.begin() as connection:
        INSERT.run(connection, _row("Dewi"))
        connection.execute(SAMPLE.insert(), _row("Dewi2"))
    first, second = _stored(engine)
    assert first[3:] == second[3:]  # at, flag, count, note
    with engine.connect() as connection:
        loaded = connection.execute(select(SAMPLE.c.at, SAMPLE.c.flag, SAMPLE.c.count)).first()
    assert loaded is not None
    assert (loaded.at.replace(tzinfo=None), loaded.flag, loaded.count) == (
        _stamp().replace(tzinfo=None),
        True,
        7,
    )


def test_update_returning_gives_the_new_value(engine: Engine) -> None:
    with engine.begin() as connection:
        INSERT.run(connection, _row("Ayu", count=10))
        outcome = BUMP.run(connection, {"b_name": "Ayu", "b_by": 5})
        missing = BUMP.run(connection, {"b_name": "nobody", "b_by": 5})
    assert outcome.row == (15,)
    assert missing.row is None


def test_a_constraint_failure_is_sqlalchemys_integrity_error_and_rolls_back(
    engine: Engine,
) -> None:
    ref = uuid.uuid4()
    with engine.begin() as connection:
        INSERT.run(connection, _row("Rina", ref=ref))
    with pytest.raises(IntegrityError) as raised, engine.begin() as connection:
        INSERT.run(connection, _row("Tari"))
        INSERT.run(connection, _row("Rina again", ref=ref))
    assert "Rina" not in str(raised.value)  # parameters stay out of messages
    assert [row[1] for row in _stored(engine)] == ["Rina"]


def test_listeners_see_every_statement_with_its_parameters(engine: Engine) -> None:
    seen: list[tuple[str, Any]] = []
    after: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    def done(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        after.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", done)
    try:
        with engine.begin() as connection:
            INSERT.run(connection, _row("Lestari"))
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", done)
    inserts = [(s, p) for s, p in seen if s.startswith("INSERT INTO sample")]
    assert len(inserts) == 1 and "Lestari" in str(inserts[0][1])
    assert any(s.startswith("INSERT INTO sample") for s in after)


def test_outside_a_transaction_it_runs_as_core_does(engine: Engine) -> None:
    with engine.connect() as connection:
        assert not connection.in_transaction()
        INSERT.run(connection, _row("Putri"))
        connection.commit()
    assert [row[1] for row in _stored(engine)] == ["Putri"]


def test_unknown_columns_and_missing_binds_are_refused_before_anything_is_sent(
    engine: Engine,
) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            with pytest.raises(ArgumentError, match="no column"):
                INSERT.run(connection, {**_row("X"), "colour": "red"})
            with pytest.raises(ArgumentError, match="b_by"):
                BUMP.run(connection, {"b_name": "X"})
    assert _stored(engine) == []


def test_only_single_table_inserts_and_updates_are_prepared() -> None:
    with pytest.raises(TypeError):
        Prepared(select(SAMPLE))  # type: ignore[arg-type]
    with_onupdate = Table(
        "touched",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("at", DateTime, onupdate=_stamp),
    )
    with pytest.raises(ValueError, match="ON UPDATE"):
        Prepared(update(with_onupdate).values(id=1))


# insert_new: the object a query would load, written by a prepared INSERT.


@pytest.fixture
def store(database_url: str) -> Iterator[Any]:
    create_database(database_url, office_code="52.03", counter_id="LOTIM-01")
    database = open_database(database_url)
    yield database
    database.close()


def _applicant_values(nik: str = "5203014101990001") -> dict[str, Any]:
    return {
        "id": new_id(),
        "tracking_code": f"LOTIM-01-2026-{nik[-6:]}",
        "nik": nik,
        "full_name": "Baiq Nurul Aini",
        "name_key": "baiq nurul aini",
        "birth_date": date(1999, 1, 1),
        "sex": "P",
        "regency_code": "52.03",
        "office_code": "52.03",
        "counter_id": "LOTIM-01",
        "registered_by": "petugas1",
    }


def test_insert_new_gives_a_persistent_row_equal_to_what_is_stored(store: Any) -> None:
    values = _applicant_values()
    with store.write_session() as session:
        made = insert_new(session, Applicant, values)
        assert made in session and not session.new and not session.dirty
        assert made.state == "registered"  # the column's default, as a flush would give
        assert made.registry_id is None
        session.commit()
    with store.session() as session:
        loaded = session.exec(model_select(Applicant).where(Applicant.id == values["id"])).one()
    for column in Applicant.__table__.columns:  # type: ignore[attr-defined]
        expected = getattr(loaded, column.key)
        got = getattr(made, column.key)
        if isinstance(expected, datetime) and isinstance(got, datetime):
            got, expected = got.replace(tzinfo=None), expected.replace(tzinfo=None)
        assert got == expected, column.key
    assert made.model_dump()["nik"] == values["nik"]


def test_changes_to_an_inserted_row_are_flushed_as_an_update(store: Any) -> None:
    values = _applicant_values()
    with store.write_session() as session:
        made = insert_new(session, Applicant, values)
        made.full_name = "Baiq Nurul Hidayati"
        assert made in session.dirty
        session.commit()
    with store.session() as session:
        loaded = session.get(Applicant, values["id"])
        assert loaded is not None and loaded.full_name == "Baiq Nurul Hidayati"


def test_a_generated_integer_key_is_filled_in(store: Any) -> None:
    with store.write_session() as session:
        first = insert_new(session, AuditLog, {"actor": "a", "action": "x", "entity": "e"})
        second = insert_new(session, AuditLog, {"actor": "a", "action": "y", "entity": "e"})
        item = insert_new(
            session,
            OutboxItem,
            {
                "key": str(uuid.uuid4()),
                "destination": "registry",
                "kind": "k",
                "payload": "{}",
                "chain": "c",
            },
        )
        session.commit()
    assert isinstance(first.id, int) and second.id == first.id + 1
    assert item.seq is not None and item.state == "pending" and item.attempts == 0
    with store.session() as session:
        assert session.get(AuditLog, second.id).action == "y"  # type: ignore[union-attr]


def test_insert_new_refuses_unknown_columns_and_a_failed_insert_leaves_nothing(
    store: Any,
) -> None:
    values = _applicant_values()
    with store.write_session() as session:
        with pytest.raises(ValueError, match="no column"):
            insert_new(session, Applicant, {**values, "shoe_size": 42})
        insert_new(session, Applicant, values)
        session.commit()
    with store.write_session() as session:
        with pytest.raises(IntegrityError):
            insert_new(session, Applicant, {**_applicant_values(), "nik": values["nik"]})
        session.rollback()
    with store.session() as session:
        assert len(session.exec(model_select(Applicant)).all()) == 1


def test_sqlite_driver_sees_the_same_text_as_a_core_insert(tmp_path: Path) -> None:
    """Belt and braces for the plain driver: the stored bytes of an applicant written by
    `insert_new` and by an ORM flush are the same, column by column."""
    url = f"sqlite:///{(tmp_path / 'a.sqlite').as_posix()}"
    create_database(url, office_code="52.03", counter_id="LOTIM-01")
    database = open_database(url)
    times = {"registered_at": STAMP, "updated_at": STAMP}
    try:
        fast = {**_applicant_values("5203014101990001"), **times}
        slow = {**_applicant_values("5203014101990002"), **times}
        with database.write_session() as session:
            insert_new(session, Applicant, fast)
            session.add(Applicant(**slow))
            session.commit()
    finally:
        database.close()
    raw = sqlite3.connect(tmp_path / "a.sqlite")
    rows = raw.execute("SELECT * FROM applicant ORDER BY nik").fetchall()
    names = [d[0] for d in raw.execute("SELECT * FROM applicant").description]
    raw.close()
    different = {
        name
        for name, a, b in zip(names, rows[0], rows[1], strict=True)
        if a != b and name not in {"id", "nik", "tracking_code"}
    }
    assert different == set()
    assert isinstance(rows[0][names.index("id")], str) and len(rows[0][names.index("id")]) == 32
