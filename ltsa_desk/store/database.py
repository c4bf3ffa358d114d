"""Opening, creating, checking and migrating the office database.

Start-up must stay fast with a million applicants, so opening does only a cheap sanity check (the
file is there, its header is SQLite's -- or, for an encrypted file, which has no plaintext header,
the key opens it -- and the schema version is known). The full `integrity_check`
belongs to `doctor`. A damaged or missing file is reported, never silently recreated: recreating
would hide data loss from the office.
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from ltsa_desk.store import cipher
from ltsa_desk.store.engine import (
    BUSY_TIMEOUT_MS,
    create_store_engine,
    is_sqlite,
    writer_engine,
)
from ltsa_desk.store.models import Meta, MovedCounter, OfficeDesk, utc_now
from ltsa_desk.store.problems import (
    DatabaseProblem,
    OfficeServerUnreachable,
    describe_server_failure,
)

__all__ = ["DatabaseProblem", "OfficeServerUnreachable"]  # re-exported: callers import from here

log = logging.getLogger(__name__)

SQLITE_HEADER = cipher.SQLITE_HEADER
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class DatabaseInfo:
    database_id: str
    office_code: str
    counter_id: str
    revision: str | None


# Alembic is imported only where a schema changes or an unknown revision is explained: it costs
# 0.3-0.4 s (Mako, Pygments, every dialect's DDL), and every verb opens the database (issue 19:
# `sync status` <= 0.5 s). Reading the revision and the head needs none of it.

_REVISION_LINE = re.compile(r'^(down_revision|revision)\s*=\s*(None|"[^"]*"|\'[^\']*\')', re.M)


def _alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration, read from the migration files' own ``revision`` lines.

    The same answer as Alembic's ``ScriptDirectory.get_current_head()`` (a test compares them)
    without importing Alembic: the one revision no other migration names as its down revision.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(
            (name, value.strip("\"'"))
            for name, value in _REVISION_LINE.findall(path.read_text("utf-8"))
        )
        if "revision" in found:
            revisions.add(found["revision"])
            if found.get("down_revision", "None") != "None":
                parents.add(found["down_revision"])
    heads = revisions - parents
    assert len(heads) == 1, f"migrations folder must have one head revision, not {sorted(heads)}"
    return heads.pop()


def current_revision(connection: Connection) -> str | None:
    """The revision ``alembic_version`` records (None before the first migration)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise DatabaseProblem(f"Basis data mencatat beberapa versi skema: {sorted(rows)}")
    return rows[0] if rows else None


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


def server_label(url: str) -> str:
    """``host:port/database`` of a server URL, for messages (never the password)."""
    parsed = make_url(url)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def _first_connect(engine: Engine, url: str) -> Connection:
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


def check_sqlite_file_present(path: Path) -> None:
    if not path.exists():
        raise DatabaseProblem(
            f"Basis data tidak ditemukan: {path}. Jalankan 'ltsa-desk init' untuk loket baru, "
            "atau 'ltsa-desk restore' dari cadangan."
        )


def _check_sqlite_file(path: Path, key: bytes | None) -> None:
    check_sqlite_file_present(path)
    state = cipher.file_state(path)
    if key is not None:
        if state is cipher.FileState.PLAINTEXT:
            raise DatabaseProblem(
                f"Basis data {path} belum terenkripsi, padahal kunci diberikan; "
                "buka lewat folder data agar dienkripsi dulu."
            )
        if path.stat().st_size == 0:
            raise DatabaseProblem(
                f"Berkas {path} kosong (0 bita, header rusak). "
                "Jangan hapus berkas ini; pulihkan dari cadangan atau hubungi teknisi."
            )
        return
    if state is not cipher.FileState.PLAINTEXT:
        raise DatabaseProblem(
            f"Berkas {path} bukan basis data LTSA Desk yang utuh (header rusak). "
            "Jangan hapus berkas ini; pulihkan dari cadangan atau hubungi teknisi."
        )


def _check_sqlite_is_ours(path: Path, key: bytes | None) -> None:
    """Asked on a plain connection, before the engine's pragmas touch the file: switching another
    program's (or an empty) SQLite file to WAL would rewrite its header. An encrypted file is
    asked with its key, which is also the check that the key is the right one."""
    if key is not None:
        if not cipher.probe(path, key, BUSY_TIMEOUT_MS / 1000):
            raise DatabaseProblem(
                f"Basis data {path} kosong atau bukan milik LTSA Desk; berkas tidak diubah."
            )
        return
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


def check_sqlite_database(path: Path, key: bytes | None) -> None:
    """The start-up sanity check of a SQLite file on its own (exists, header or key, ours)."""
    _check_sqlite_file(path, key)
    _check_sqlite_is_ours(path, key)


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
        _check_sqlite_file(path, key)
        _check_sqlite_is_ours(path, key)
    engine = create_store_engine(url, key=key, **_engine_options(connect_args))
    try:
        with _first_connect(engine, url) as connection:
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


def _known_revisions() -> set[str | None]:
    from alembic.script import ScriptDirectory

    return {None} | {
        script.revision
        for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    }


# pg_advisory locks are database-wide integers; these two are ours ("LTSA" and "LTSB").
SCHEMA_LOCK_KEY = 0x4C545341
JOIN_LOCK_KEY = 0x4C545342


def upgrade(engine: Engine) -> None:
    """Migrate to head in one transaction.

    On a shared server several desks may start a new version at the same moment: the advisory
    lock makes them migrate one after the other, and Alembic, reading the version after the lock,
    finds the later ones already done.
    """
    with writer_engine(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
        from alembic import command

        command.upgrade(_alembic_config(connection), "head")


def _engine_options(connect_args: dict[str, Any] | None) -> dict[str, Any]:
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
    engine = create_store_engine(url, key=key, **_engine_options(connect_args))
    try:
        with _first_connect(engine, url) as connection:
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


@dataclass(frozen=True)
class Joined:
    """What :func:`create_or_join_database` did: made the office's database, or joined it."""

    info: DatabaseInfo
    created: bool


def create_or_join_database(
    url: str,
    *,
    office_code: str,
    counter_id: str,
    connect_args: dict[str, Any] | None = None,
    host: str | None = None,
    database_id: str | None = None,
    moved_from: str | None = None,
) -> Joined:
    """A desk of a shared office: create the office's tables in an empty database, or join it.

    Joining checks that the database belongs to ``office_code`` and registers ``counter_id`` as
    one of its desks; both refusals change nothing. A counter id already taken is accepted only
    for the lone counter whose data ``migrate-to`` moved in under it (``moved_from``, the SQLite
    database id): a second run of the move must find its own desk, not a clash. Two desks set up
    at the same moment on an empty database take turns (an advisory lock), so exactly one of them
    creates the tables and the other joins.
    """
    if sqlite_path(url) is not None:
        raise ValueError("only a server database is shared between desks")
    engine = create_store_engine(url, **_engine_options(connect_args))
    try:
        with _first_connect(engine, url) as guard:
            guard.execute(text("SELECT pg_advisory_lock(:key)"), {"key": JOIN_LOCK_KEY})
            guard.commit()
            try:
                empty = not inspect(guard).has_table("meta")
                found = None
                if not empty:
                    # Before anything else (opening migrates): another office's database is
                    # refused exactly as it is.
                    found = guard.execute(
                        text("SELECT value FROM meta WHERE key = 'office_code'")
                    ).scalar()
                guard.rollback()
                if found is not None and found != office_code:
                    raise DatabaseProblem(_other_office(found, office_code))
                if empty:
                    info = create_database(
                        url,
                        office_code=office_code,
                        counter_id=counter_id,
                        database_id=database_id,
                        connect_args=connect_args,
                        host=host,
                        moved_from=moved_from,
                    )
                    return Joined(info, created=True)
                return Joined(
                    _join(url, office_code, counter_id, connect_args, host, moved_from),
                    created=False,
                )
            finally:
                guard.rollback()
                guard.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": JOIN_LOCK_KEY})
                guard.commit()
    finally:
        engine.dispose()


def _join(
    url: str,
    office_code: str,
    counter_id: str,
    connect_args: dict[str, Any] | None,
    host: str | None,
    moved_from: str | None,
) -> DatabaseInfo:
    database = open_database(url, migrate=True, connect_args=connect_args)
    try:
        info = database.info
        if info.office_code != office_code:
            raise DatabaseProblem(_other_office(info.office_code, office_code))
        with database.write_session() as session:
            desk = session.get(OfficeDesk, counter_id)
            if desk is not None:
                moved = session.get(MovedCounter, moved_from) if moved_from else None
                if moved is None or moved.counter_id != counter_id:
                    where = f" (PC {desk.host})" if desk.host else ""
                    raise DatabaseProblem(
                        f"Kode loket {counter_id} sudah dipakai di kantor ini{where}, terdaftar "
                        f"sejak {desk.joined_at:%d-%m-%Y}. Pilih kode loket lain (misalnya "
                        f"{_suggest(session, counter_id)}); tidak ada yang diubah."
                    )
                return info
            session.add(OfficeDesk(counter_id=counter_id, host=host))
            if moved_from and session.get(MovedCounter, moved_from) is None:
                # In the same transaction as the desk: a move killed before its rows went in
                # still finds its own desk on the next run.
                session.add(MovedCounter(source_database_id=moved_from, counter_id=counter_id))
            session.commit()
        log.info("desk %s joined office database %s", counter_id, info.database_id)
        return info
    finally:
        database.close()


def _other_office(found: str, office_code: str) -> str:
    return (
        f"Basis data ini milik kantor {found}, bukan kantor {office_code}. Periksa database.url "
        "(setiap kantor punya basis datanya sendiri); tidak ada yang diubah."
    )


def _suggest(session: Session, counter_id: str) -> str:
    """A free counter id like the taken one (LOTIM-01 -> LOTIM-02), for the refusal message."""
    taken = set(session.execute(select(OfficeDesk.counter_id)).scalars().all())
    stem, _, tail = counter_id.rpartition("-")
    if not stem or not tail.isdigit():
        stem, tail = counter_id, ""
    width = max(2, len(tail))
    for number in range(1, 100):
        candidate = f"{stem}-{number:0{width}d}"
        if candidate not in taken and len(candidate) <= 20:
            return candidate
    return f"{stem}-B"


def desk_registered(database: Database, counter_id: str) -> bool:
    with database.session() as session:
        return session.get(OfficeDesk, counter_id) is not None


def backup_sqlite_file(
    path: Path, folder: Path, label: str, *, key: bytes | None = None
) -> Path:
    """A consistent copy through SQLite's online backup API (safe while others read and write).

    With ``key`` the copy is made between two connections holding that key, so it is encrypted
    like the original: a backup never holds CPMI data in clear.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{label}-{stamp}.sqlite"
    tmp = target.with_suffix(".sqlite.tmp")
    if key is not None:
        tmp.unlink(missing_ok=True)
        cipher.backup(path, tmp, key)
        shutil.move(tmp, target)
        return target
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
