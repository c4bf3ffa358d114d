"""A shared office's server database: creating it or joining it as one more desk.

Every desk of a shared office uses the same PostgreSQL database; setting a desk up either makes
the office's tables (the first desk) or registers the desk in them, and refuses another office's
database or a counter id already taken, changing nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select, text
from sqlmodel import Session

from ltsa_desk.store.database.opening import (
    Database,
    DatabaseInfo,
    create_database,
    engine_options,
    first_connect,
    open_database,
)
from ltsa_desk.store.database.sqlite_file import sqlite_path
from ltsa_desk.store.engine import create_store_engine
from ltsa_desk.store.models import MovedCounter, OfficeDesk
from ltsa_desk.store.problems import DatabaseProblem

# The package's name, not this module's: log records keep the name they had before the split.
log = logging.getLogger(__name__)

# pg_advisory locks are database-wide integers; this one is ours ("LTSB"; "LTSA" is the schema's).
JOIN_LOCK_KEY = 0x4C545342


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
    engine = create_store_engine(url, **engine_options(connect_args))
    try:
        with first_connect(engine, url) as guard:
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
