"""Opening, creating, checking and migrating the office database.

Start-up must stay fast with a million applicants, so opening does only a cheap sanity check (the
file is there, its header is SQLite's, the schema version is known). The full `integrity_check`
belongs to `doctor`. A damaged or missing file is reported, never silently recreated: recreating
would hide data loss from the office.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from ltsa_desk.store.engine import (
    BUSY_TIMEOUT_MS,
    create_store_engine,
    is_sqlite,
    writer_engine,
)
from ltsa_desk.store.models import Meta, utc_now

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseProblem(RuntimeError):
    """The database cannot be used as it is; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class DatabaseInfo:
    database_id: str
    office_code: str
    counter_id: str
    revision: str | None


def _alembic_config(connection: Connection) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None, "migrations folder has no head revision"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other engines and in-memory databases."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def _check_sqlite_file(path: Path) -> None:
    if not path.exists():
        raise DatabaseProblem(
            f"Basis data tidak ditemukan: {path}. Jalankan 'ltsa-desk init' untuk loket baru, "
            "atau 'ltsa-desk restore' dari cadangan."
        )
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseProblem(f"Basis data {path} tidak bisa dibaca: {exc}") from exc
    if header != SQLITE_HEADER:
        raise DatabaseProblem(
            f"Berkas {path} bukan basis data LTSA Desk yang utuh (header rusak). "
            "Jangan hapus berkas ini; pulihkan dari cadangan atau hubungi teknisi."
        )


def _check_sqlite_is_ours(path: Path) -> None:
    """Asked on a plain connection, before the engine's pragmas touch the file: switching another
    program's (or an empty) SQLite file to WAL would rewrite its header."""
    try:
        probe = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            found = probe.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                "AND name IN ('meta', 'alembic_version')"
            ).fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"Basis data tidak bisa dibuka: {exc}") from exc
    if found is None:
        raise DatabaseProblem(
            f"Basis data {path} kosong atau bukan milik LTSA Desk; berkas tidak diubah."
        )


class Database:
    """An open office database: one engine for reads, the same engine in write mode for writers."""

    def __init__(self, url: str, engine: Engine, info: DatabaseInfo) -> None:
        self.url = url
        self.engine = engine
        self.writer = writer_engine(engine)
        self.info = info

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    def session(self) -> Session:
        """A session for reading (and small writes that may wait their turn)."""
        return Session(self.engine, expire_on_commit=False)

    def write_session(self) -> Session:
        """A session whose transactions take the write lock at BEGIN (SQLite), for services."""
        return Session(self.writer, expire_on_commit=False)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        with self.write_session() as session:
            yield session

    def integrity_problems(self) -> list[str]:
        """The full check (slow on big files): `doctor`, before a backup, in the background."""
        if not self.is_sqlite:
            return []
        with self.engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
            fk_rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems = [str(row[0]) for row in rows if row[0] != "ok"]
        problems += [f"foreign key: {tuple(row)}" for row in fk_rows]
        return problems

    def close(self) -> None:
        self.engine.dispose()


def _read_info(connection: Connection) -> DatabaseInfo:
    rows = {key: value for key, value in connection.execute(select(Meta.key, Meta.value))}
    missing = [key for key in ("database_id", "office_code", "counter_id") if key not in rows]
    if missing:
        raise DatabaseProblem(
            f"Basis data tidak lengkap (meta tanpa {', '.join(missing)}); "
            "jalankan 'ltsa-desk doctor'."
        )
    return DatabaseInfo(
        database_id=rows["database_id"],
        office_code=rows["office_code"],
        counter_id=rows["counter_id"],
        revision=current_revision(connection),
    )


def open_database(url: str, *, migrate: bool = True, backup_dir: Path | None = None) -> Database:
    """Open an existing database: sanity check, then migrate to the current schema if needed."""
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
        _check_sqlite_is_ours(path)
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            if revision is None and not inspect(connection).has_table("meta"):
                raise DatabaseProblem(
                    "Basis data kosong atau bukan milik LTSA Desk; jalankan 'ltsa-desk init'."
                )
        head = head_revision()
        if revision != head:
            known = _known_revisions()
            if revision not in known:
                raise DatabaseProblem(
                    f"Basis data memakai skema {revision}, yang tidak dikenal versi ini "
                    "(dibuat oleh versi LTSA Desk yang lebih baru?). Perbarui aplikasi."
                )
            if not migrate:
                raise DatabaseProblem(f"Skema basis data perlu diperbarui ({revision} -> {head}).")
            if path is not None:
                backup_sqlite_file(path, backup_dir or path.parent / "backups", f"pre-{head}")
            upgrade(engine)
        with engine.connect() as connection:
            info = _read_info(connection)
    except (SADatabaseError, OperationalError) as exc:
        engine.dispose()
        raise DatabaseProblem(f"Basis data tidak bisa dibuka: {exc.orig}") from exc
    except Exception:
        engine.dispose()
        raise
    return Database(url, engine, info)


def _known_revisions() -> set[str | None]:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {None} | {
        script.revision for script in ScriptDirectory.from_config(config).walk_revisions()
    }


def upgrade(engine: Engine) -> None:
    with writer_engine(engine).begin() as connection:
        command.upgrade(_alembic_config(connection), "head")


def create_database(url: str, *, office_code: str, counter_id: str) -> DatabaseInfo:
    """Create the schema and stamp the database with a fresh id. Refuses a database in use."""
    path = sqlite_path(url)
    if path is not None:
        if path.exists():
            raise DatabaseProblem(f"Sudah ada basis data di {path}; tidak ada yang diubah.")
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            if inspect(connection).has_table("meta"):
                raise DatabaseProblem(
                    "Basis data ini sudah berisi data LTSA Desk; tidak ada yang diubah."
                )
        upgrade(engine)
        database_id = str(uuid.uuid4())
        with Session(writer_engine(engine)) as session:
            for key, value in (
                ("database_id", database_id),
                ("office_code", office_code),
                ("counter_id", counter_id),
                ("created_at", utc_now().isoformat(timespec="seconds")),
            ):
                session.add(Meta(key=key, value=value))
            session.commit()
        with engine.connect() as connection:
            return _read_info(connection)
    except BaseException:
        engine.dispose()
        if path is not None and path.exists():
            # A half-made new file holds nothing yet; leaving it would block the next `init`.
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        engine.dispose()


def backup_sqlite_file(path: Path, folder: Path, label: str) -> Path:
    """A consistent copy through SQLite's online backup API (safe while others read and write)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{label}-{stamp}.sqlite"
    tmp = target.with_suffix(".sqlite.tmp")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    shutil.move(tmp, target)
    return target
