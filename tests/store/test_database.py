"""Creating, opening, checking and migrating the office database (SQLite; PostgreSQL when set).

Bad files are made by hand in tmp_path and checked byte for byte afterwards: a database LTSA Desk
cannot use is reported and left exactly as it was, never "repaired" or recreated.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel, col, select

import ltsa_desk.store.models  # noqa: F401  (the tables env.py migrates, as it imports them)
import sync.models  # noqa: F401
from ltsa_desk.services import audit
from ltsa_desk.store import search
from ltsa_desk.store.database import (
    MIGRATIONS_DIR,
    Database,
    DatabaseProblem,
    backup_sqlite_file,
    create_database,
    current_revision,
    head_revision,
    open_database,
    sqlite_path,
)
from ltsa_desk.store.engine import BUSY_TIMEOUT_MS, writer_engine
from ltsa_desk.store.models import AuditLog, CaseEvent

OFFICE = "52.03"
COUNTER = "LOTIM-01"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    create_database(database_url, office_code=OFFICE, counter_id=COUNTER)
    opened = open_database(database_url)
    try:
        yield opened
    finally:
        opened.close()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in a folder with the hash of its bytes: 'untouched' means this is unchanged."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


def migrate_to(engine: Engine, revision: str, *, down: bool) -> None:
    """Move a database to a revision the way store.database.upgrade does (one transaction)."""
    with writer_engine(engine).begin() as connection:
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        if down:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)


def previous_revision() -> str:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config).get_revision(head_revision())
    assert script is not None
    down = script.down_revision
    assert isinstance(down, str), "head must follow exactly one earlier revision"
    return down


def revision_of_file(path: Path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    finally:
        connection.close()


# ------------------------------------------------------------------------------------------------
# Create and open


def test_create_then_open(database_url: str) -> None:
    info = create_database(database_url, office_code=OFFICE, counter_id=COUNTER)
    assert uuid.UUID(info.database_id).version == 4
    assert (info.office_code, info.counter_id) == (OFFICE, COUNTER)
    assert info.revision == head_revision()

    first = open_database(database_url)
    try:
        assert first.info == info
    finally:
        first.close()
    again = open_database(database_url)
    try:
        assert again.info.database_id == info.database_id
        assert again.integrity_problems() == []
    finally:
        again.close()


def test_sqlite_connections_use_wal_full_sync_foreign_keys_and_busy_timeout(
    tmp_path: Path,
) -> None:
    url = sqlite_url(tmp_path / "ltsa.sqlite")
    create_database(url, office_code=OFFICE, counter_id=COUNTER)
    db = open_database(url)
    try:
        for engine in (db.engine, db.writer):
            with engine.connect() as connection:

                def pragma(name: str, c=connection) -> object:  # type: ignore[no-untyped-def]
                    return c.exec_driver_sql(f"PRAGMA {name}").scalar_one()

                assert str(pragma("journal_mode")).lower() == "wal"
                assert pragma("synchronous") == 2  # FULL
                assert pragma("foreign_keys") == 1
                assert pragma("busy_timeout") == BUSY_TIMEOUT_MS
        with db.write_session() as session:
            connection = session.connection()
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
    finally:
        db.close()


def test_a_writer_that_cannot_take_the_write_lock_gets_sqlalchemys_error(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE goes straight to the driver; its failure must still be SQLAlchemy's
    OperationalError (what the window and the sync engine treat as "database busy")."""
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    path = tmp_path / "ltsa.sqlite"
    create_database(sqlite_url(path), office_code=OFFICE, counter_id=COUNTER)
    db = open_database(sqlite_url(path))

    @event.listens_for(db.engine, "connect")
    def _impatient(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout = 50")

    db.engine.dispose()  # new connections get the short timeout
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError, match="locked"), db.write_session() as session:
            session.connection()
        holder.execute("ROLLBACK")
        with db.write_session() as session:  # and the writer works once the lock is free
            audit.record(session, actor="x", action="check", entity="test")
            session.commit()
    finally:
        holder.close()
        db.close()


def test_foreign_keys_are_enforced(database: Database) -> None:
    with database.write_session() as session:
        session.add(CaseEvent(applicant_id=uuid.uuid4(), to_state="registered", actor="x"))
        with pytest.raises(DBAPIError):
            session.commit()


def test_create_refuses_an_existing_file_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ltsa.sqlite"
    path.write_bytes(b"catatan kantor, bukan basis data")
    before = fingerprint(tmp_path)
    with pytest.raises(DatabaseProblem, match="Sudah ada"):
        create_database(sqlite_url(path), office_code=OFFICE, counter_id=COUNTER)
    assert fingerprint(tmp_path) == before


def test_create_refuses_an_existing_database(database_url: str, tmp_path: Path) -> None:
    info = create_database(database_url, office_code=OFFICE, counter_id=COUNTER)
    with pytest.raises(DatabaseProblem):
        create_database(database_url, office_code="52.01", counter_id="LOBAR-01")
    db = open_database(database_url)
    try:
        assert db.info == info
    finally:
        db.close()


def test_open_missing_file_reports_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ltsa.sqlite"
    with pytest.raises(DatabaseProblem, match="tidak ditemukan") as problem:
        open_database(sqlite_url(path))
    assert str(path) in str(problem.value)
    assert "init" in str(problem.value)
    assert list(tmp_path.iterdir()) == []


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "header"),
    ("damaged-header", b"SQLite format 2\x00" + b"\x00" * 4080, "header"),
    ("text", b"NIK;Nama\r\n5203011205900001;Budi\r\n", "header"),
    ("damaged-body", b"SQLite format 3\x00" + bytes(range(256)) * 16, "tidak bisa dibuka"),
]


@pytest.mark.parametrize(("kind", "content", "words"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_open_damaged_file_reports_and_leaves_it_untouched(
    tmp_path: Path, kind: str, content: bytes, words: str
) -> None:
    path = tmp_path / "ltsa.sqlite"
    path.write_bytes(content)
    before = fingerprint(tmp_path)
    with pytest.raises(DatabaseProblem, match=words) as problem:
        open_database(sqlite_url(path))
    assert str(problem.value)
    assert fingerprint(tmp_path) == before, kind  # same bytes, and no -wal/-shm beside it


def test_open_sqlite_file_of_another_program_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ltsa.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE catatan (isi TEXT)")
    other.execute("INSERT INTO catatan VALUES ('bukan LTSA Desk')")
    other.commit()
    other.close()
    before = fingerprint(tmp_path)
    with pytest.raises(DatabaseProblem, match="bukan milik LTSA Desk"):
        open_database(sqlite_url(path))
    # in particular not switched to WAL, which rewrites the file header
    assert fingerprint(tmp_path) == before


def test_open_empty_sqlite_database_leaves_it_untouched(tmp_path: Path) -> None:
    """A valid SQLite database with no tables at all (e.g. `sqlite3 ltsa.sqlite 'VACUUM'`)."""
    path = tmp_path / "ltsa.sqlite"
    empty = sqlite3.connect(path)
    empty.execute("PRAGMA user_version = 7")  # writes a real header and first page
    empty.commit()
    empty.close()
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    before = fingerprint(tmp_path)
    with pytest.raises(DatabaseProblem, match="kosong"):
        open_database(sqlite_url(path))
    assert fingerprint(tmp_path) == before


def test_open_empty_postgres_schema_is_refused(postgres_url: str) -> None:
    with pytest.raises(DatabaseProblem, match="kosong"):
        open_database(postgres_url)


# ------------------------------------------------------------------------------------------------
# Audit log guard


def test_audit_log_refuses_update_and_delete(database: Database) -> None:
    with database.write_session() as session:
        entry_id = audit.record(
            session,
            actor="petugas1",
            action="applicant.register",
            entity="applicant",
            entity_id="abc",
            after={"nik": "5203011205900001"},
        )
        session.commit()

    for statement in (
        "UPDATE audit_log SET actor = 'pemalsu'",
        "DELETE FROM audit_log",
        f"DELETE FROM audit_log WHERE id = {entry_id}",
    ):
        with pytest.raises(DBAPIError, match="append-only"), database.writer.begin() as c:
            c.exec_driver_sql(statement)

    # through the ORM too, as application code would try it
    with database.write_session() as session:
        stored = session.get(AuditLog, entry_id)
        assert stored is not None
        stored.after = "{}"
        session.add(stored)
        with pytest.raises(DBAPIError, match="append-only"):
            session.commit()
    with database.write_session() as session:
        stored = session.get(AuditLog, entry_id)
        assert stored is not None
        session.delete(stored)
        with pytest.raises(DBAPIError, match="append-only"):
            session.commit()

    with database.session() as session:
        rows = session.exec(select(AuditLog).order_by(col(AuditLog.id))).all()
    assert [(r.id, r.actor, r.after) for r in rows] == [
        (entry_id, "petugas1", '{"nik": "5203011205900001"}')
    ]
    # adding is still fine
    with database.write_session() as session:
        audit.record(session, actor="petugas1", action="x", entity="y")
        session.commit()


# ------------------------------------------------------------------------------------------------
# Migrations


def test_models_match_the_migrations(database: Database) -> None:
    """Guards 'a table or column changed in models.py without a migration'."""
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                "include_name": search.include_name,  # the search index is not in the models
            },
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_migrations_downgrade_and_upgrade_cleanly(database: Database) -> None:
    migrate_to(database.engine, "base", down=True)
    with database.engine.connect() as connection:
        assert current_revision(connection) is None
        names = set(connection.dialect.get_table_names(connection))
    assert names <= {"alembic_version"}
    migrate_to(database.engine, "head", down=False)
    with database.engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        differences = compare_metadata(
            MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": search.include_name}
            ),
            SQLModel.metadata,
        )
    assert differences == []


def test_open_up_to_date_database_makes_no_backup(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "ltsa.sqlite")
    create_database(url, office_code=OFFICE, counter_id=COUNTER)
    backups = tmp_path / "backups"
    open_database(url, backup_dir=backups).close()
    open_database(url, backup_dir=backups).close()
    assert not backups.exists() or list(backups.iterdir()) == []


def _older_sqlite_database(tmp_path: Path) -> tuple[str, Path, str]:
    path = tmp_path / "ltsa.sqlite"
    url = sqlite_url(path)
    info = create_database(url, office_code=OFFICE, counter_id=COUNTER)
    db = open_database(url)
    try:
        migrate_to(db.engine, previous_revision(), down=True)
    finally:
        db.close()
    assert revision_of_file(path) == previous_revision()
    return url, path, info.database_id


def test_open_older_schema_backs_up_before_migrating(tmp_path: Path) -> None:
    url, path, database_id = _older_sqlite_database(tmp_path)
    backups = tmp_path / "backups"
    db = open_database(url, backup_dir=backups)
    try:
        assert db.info.revision == head_revision()
        assert db.info.database_id == database_id
    finally:
        db.close()
    (backup,) = backups.iterdir()
    assert backup.suffix == ".sqlite"
    assert f"pre-{head_revision()}" in backup.name
    # the copy is the database as it was before the migration
    assert revision_of_file(backup) == previous_revision()
    assert revision_of_file(path) == head_revision()
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone() == (
            database_id,
        )
    finally:
        copy.close()


def test_open_older_schema_without_migrate_refuses(tmp_path: Path) -> None:
    url, path, _ = _older_sqlite_database(tmp_path)
    with pytest.raises(DatabaseProblem, match="perlu diperbarui"):
        open_database(url, migrate=False, backup_dir=tmp_path / "backups")
    assert revision_of_file(path) == previous_revision()
    assert not (tmp_path / "backups").exists()


def test_database_from_a_newer_version_is_refused(database_url: str, tmp_path: Path) -> None:
    create_database(database_url, office_code=OFFICE, counter_id=COUNTER)
    db = open_database(database_url)
    try:
        with db.writer.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    finally:
        db.close()
    with pytest.raises(DatabaseProblem, match="tidak dikenal"):
        open_database(database_url, backup_dir=tmp_path / "backups")
    assert not (tmp_path / "backups").exists()
    path = sqlite_path(database_url)
    if path is not None:
        assert revision_of_file(path) == "9999"


def test_backup_copy_is_complete_and_consistent(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "ltsa.sqlite")
    create_database(url, office_code=OFFICE, counter_id=COUNTER)
    db = open_database(url)
    try:
        # committed rows still in the WAL (not yet checkpointed) belong in the copy
        with db.write_session() as session:
            for n in range(50):
                audit.record(session, actor="petugas1", action="test", entity="row", entity_id=n)
            session.commit()
        target = backup_sqlite_file(tmp_path / "ltsa.sqlite", tmp_path / "cadangan", "manual")
    finally:
        db.close()
    assert target.parent == tmp_path / "cadangan"
    assert target.name.startswith("ltsa-manual-")
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'test'").fetchone() == (
            50,
        )
    finally:
        copy.close()


def test_integrity_problems_empty_on_a_fresh_database(database: Database) -> None:
    assert database.integrity_problems() == []
