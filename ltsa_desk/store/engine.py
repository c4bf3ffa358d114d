"""Engine set-up: the one place that knows SQLite from PostgreSQL at connection level.

SQLite gets WAL (readers never wait for the writer), synchronous=FULL (a committed intake survives a
power cut), foreign keys and a busy timeout. The pysqlite driver's own implicit transactions are
turned off and BEGIN is emitted by us, so a writer can ask for BEGIN IMMEDIATE: taking the write
lock up front is what avoids the "database is locked" failure when two connections both try to
upgrade a read transaction to a write (huey #445).

An encrypted SQLite file (SQLCipher, the default for a counter) gets the same hooks: its connections
come from `store.cipher.connect`, which gives the key as the very first statement, and the dialect
uses sqlcipher3 as its DB-API so errors are wrapped as SQLAlchemy's own. Parameters are hidden from
error messages on every engine: they are CPMI's names and NIKs, and messages reach logs and screens.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from ltsa_desk.store import cipher

BUSY_TIMEOUT_MS = 30_000
CACHE_KIB = 32 * 1024
SQLITE_BEGIN_OPTION = "sqlite_begin"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_store_engine(url: str, *, key: bytes | None = None, **kwargs: Any) -> Engine:
    """Make an engine for the office database with the pragmas and transaction mode it needs.

    ``key`` (SQLite only) opens the file as a SQLCipher database with that raw 256-bit key.
    """
    kwargs.setdefault("hide_parameters", True)
    if is_sqlite(url):
        if key is None:
            engine = create_engine(
                url,
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
                **kwargs,
            )
        else:
            database = make_url(url).database
            if not database or database == ":memory:":
                raise ValueError("an encrypted database needs a file")
            engine = create_engine(
                url,
                module=cipher.dbapi,
                creator=partial(
                    cipher.connect,
                    database,
                    key,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    check_same_thread=False,
                ),
                **kwargs,
            )
        _install_sqlite_hooks(engine)
        return engine
    if key is not None:
        raise ValueError("only SQLite files are encrypted by LTSA Desk")
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at driver level: SQLAlchemy's begin hook below emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            # SQLCipher decrypts each page it reads from the OS; SQLite's default 2 MiB page cache
            # made an encrypted name search (a scan) cost twice the plain one at 50,000
            # applicants. 32 MiB per connection keeps hot pages decrypted (and helps plain files
            # a little); it is a ceiling, filled only as pages are read.
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        if mode not in {"DEFERRED", "IMMEDIATE", "EXCLUSIVE"}:
            raise ValueError(f"unknown SQLite begin mode {mode!r}")
        # Straight to the driver: this runs before every transaction, and a BEGIN needs none of
        # the parameter and result handling around a statement (about 25 µs of each Simpan). A
        # failure (the write lock still busy after the timeout) is raised as SQLAlchemy's own.
        statement = f"BEGIN {mode}"
        dialect = connection.dialect
        try:
            connection.connection.dbapi_connection.execute(statement)
        except dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(
                statement, (), error, dialect.loaded_dbapi.Error, dialect=dialect
            ) from error


def writer_engine(engine: Engine) -> Engine:
    """The same engine, but its transactions take SQLite's write lock at BEGIN (no-op elsewhere)."""
    return engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
