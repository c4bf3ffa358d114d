"""Opening and creating the office database, and the open database the rest of the code uses.

A damaged or missing file is reported, never silently recreated: recreating would hide data loss
from the office. An outdated schema is migrated on opening, after a copy of a SQLite file.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from ltsa_desk.store.database.revisions import (
    current_revision,
    head_revision,
    known_revisions,
    upgrade,
)
from ltsa_desk.store.database.sqlite_file import (
    backup_sqlite_file,
    check_sqlite_database,
    sqlite_path,
)
from ltsa_desk.store.engine import create_store_engine, is_sqlite, writer_engine
from ltsa_desk.store.models import Meta, MovedCounter, OfficeDesk, utc_now
from ltsa_desk.store.problems import (
    DatabaseProblem,
    OfficeServerUnreachable,
    describe_server_failure,
)

# The package's name, not this module's: log records keep the name they had before the split.
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatabaseInfo:
    database_id: str
    office_code: str
    counter_id: str
    revision: str | None


def server_label(url: str) -> str:
    """``host:port/database`` of a server URL, for messages (never the password)."""
    parsed = make_url(url)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def first_connect(engine: Engine, url: str) -> Connection:
    """The first connection of a new engine; a server that cannot be reached is named plainly.

    Only the very first connection is translated: a failure there means the server, the network,
    the login or TLS, never the data (later failures are ordinary errors of their statements).
    """
    try:
        return engine.connect()
    except (SADatabaseError, OperationalError) as exc:
        if is_sqlite(url):
            raise
        raise OfficeServerUnreachable(
            describe_server_failure(server_label(url), str(exc.orig or exc))
        ) from exc


class Database:
    """An open office database: one engine for reads, the same engine in write mode for writers."""

    def __init__(
        self, url: str, engine: Engine, info: DatabaseInfo, *, encrypted: bool = False
    ) -> None:
        self.url = url
        self.engine = engine
        self.writer = writer_engine(engine)
        self.info = info
        self.encrypted = encrypted

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
            # SQLCipher's own check first: it verifies every page's HMAC, so a flipped byte
            # anywhere in the file is named by page, even where SQLite's check would not look.
            cipher_rows = (
                connection.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
                if self.encrypted
                else []
            )
            rows = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
            fk_rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems = [f"enkripsi: {row[0]}" for row in cipher_rows]
        problems += [str(row[0]) for row in rows if row[0] != "ok"]
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


def open_database(
    url: str,
    *,
    migrate: bool = True,
    backup_dir: Path | None = None,
    key: bytes | None = None,
    connect_args: dict[str, Any] | None = None,
) -> Database:
    """Open an existing database: sanity check, then migrate to the current schema if needed.

    ``key`` opens a SQLCipher-encrypted SQLite file (the workspace always passes it; a bare
    ``None`` is for PostgreSQL, tests of the plain engine and benchmarks' baselines).
    ``connect_args`` are the driver's connection options of a shared office server (TLS, the
    password from the keyring, a connect timeout): kept out of the URL, so never in a message.
    """
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_database(path, key)
    engine = create_store_engine(url, key=key, **engine_options(connect_args))
    try:
        with first_connect(engine, url) as connection:
            revision = current_revision(connection)
            if revision is None and not inspect(connection).has_table("meta"):
                raise DatabaseProblem(
                    "Basis data kosong atau bukan milik LTSA Desk; jalankan 'ltsa-desk init'."
                )
        head = head_revision()
        if revision != head:
            known = known_revisions()
            if revision not in known:
                raise DatabaseProblem(
                    f"Basis data memakai skema {revision}, yang tidak dikenal versi ini "
                    "(dibuat oleh versi LTSA Desk yang lebih baru?). Perbarui aplikasi."
                )
            if not migrate:
                raise DatabaseProblem(f"Skema basis data perlu diperbarui ({revision} -> {head}).")
            copy = None
            if path is not None:
                copy = backup_sqlite_file(
                    path, backup_dir or path.parent / "backups", f"pre-{head}", key=key
                )
            log.info("migrating database schema %s -> %s (backup: %s)", revision, head, copy)
            upgrade(engine)
        with engine.connect() as connection:
            info = _read_info(connection)
    except (SADatabaseError, OperationalError) as exc:
        engine.dispose()
        raise DatabaseProblem(f"Basis data tidak bisa dibuka: {exc.orig}") from exc
    except Exception:
        engine.dispose()
        raise
    return Database(url, engine, info, encrypted=key is not None)


def engine_options(connect_args: dict[str, Any] | None) -> dict[str, Any]:
    """The engine's keyword arguments for a server's connection options (none for SQLite)."""
    return {"connect_args": dict(connect_args)} if connect_args else {}


def create_database(
    url: str,
    *,
    office_code: str,
    counter_id: str,
    key: bytes | None = None,
    database_id: str | None = None,
    connect_args: dict[str, Any] | None = None,
    host: str | None = None,
    moved_from: str | None = None,
) -> DatabaseInfo:
    """Create the schema and stamp the database with its id. Refuses a database in use.

    ``key`` makes the SQLite file SQLCipher-encrypted from its first byte; ``database_id`` lets
    the caller name the database (the keyring entry of the key is made from it) before it exists.
    The creating counter is registered as the database's first desk (``host`` names its PC);
    ``moved_from`` names the lone counter's database whose data ``migrate-to`` is moving in.
    """
    path = sqlite_path(url)
    if path is not None:
        if path.exists():
            raise DatabaseProblem(f"Sudah ada basis data di {path}; tidak ada yang diubah.")
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_store_engine(url, key=key, **engine_options(connect_args))
    try:
        with first_connect(engine, url) as connection:
            if inspect(connection).has_table("meta"):
                raise DatabaseProblem(
                    "Basis data ini sudah berisi data LTSA Desk; tidak ada yang diubah."
                )
        upgrade(engine)
        database_id = database_id or str(uuid.uuid4())
        with Session(writer_engine(engine)) as session:
            for key, value in (
                ("database_id", database_id),
                ("office_code", office_code),
                ("counter_id", counter_id),
                ("created_at", utc_now().isoformat(timespec="seconds")),
            ):
                session.add(Meta(key=key, value=value))
            session.add(OfficeDesk(counter_id=counter_id, host=host))
            if moved_from:
                session.add(MovedCounter(source_database_id=moved_from, counter_id=counter_id))
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
