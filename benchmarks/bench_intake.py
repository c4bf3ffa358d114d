"""Intake commit: one CPMI registered through the service, durably, against the raw driver.

The service run is what the intake form's Simpan does: ``register_applicant`` in a write session
(validation, NIK look-up, tracking number, applicant, case event, outbox item, audit entry, one
commit). Every statement it sends to the driver is recorded (SQLAlchemy's cursor event) and the
writes among them are replayed, right after, with the raw DB-API driver on a twin database: same
schema, same key and cipher, same PRAGMAs (WAL, synchronous=FULL, foreign keys, cache), the same
rows, one ``BEGIN IMMEDIATE ... COMMIT`` per registration. The two alternate registration by
registration, so the machine's load falls on both alike. The ratio is service / raw.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from benchlib import OFFICE, TODAY, Figure, actor, percentile, ratio

WRITES = ("INSERT", "UPDATE", "DELETE")


class Recorder:
    """Collects the write statements the service sends, per registration."""

    def __init__(self) -> None:
        self.active = False
        self.statements: list[tuple[str, Any, bool]] = []

    def __call__(
        self,
        conn: Any,
        cursor: Any,
        statement: str,
        parameters: Any,
        context: Any,
        executemany: bool,
    ) -> None:
        if self.active and statement.lstrip().upper().startswith(WRITES):
            self.statements.append((statement, parameters, executemany))


def raw_connection(path: Path, key: bytes | None) -> Any:
    """The driver the store uses, opened as the store opens it, and nothing else."""
    from ltsa_desk.store import cipher
    from ltsa_desk.store.engine import BUSY_TIMEOUT_MS, CACHE_KIB

    if key is None:
        connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    else:
        connection = cipher.connect(path, key, isolation_level=None, check_same_thread=False)
    for pragma in (
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        f"PRAGMA cache_size = -{CACHE_KIB}",
    ):
        connection.execute(pragma).fetchall()
    return connection


def replay(connection: Any, statements: list[tuple[str, Any, bool]]) -> None:
    cursor = connection.cursor()
    cursor.execute("BEGIN IMMEDIATE")
    for statement, parameters, many in statements:
        if many:
            cursor.executemany(statement, parameters)
        else:
            cursor.execute(statement, parameters)
            if "RETURNING" in statement.upper():
                cursor.fetchall()
    cursor.execute("COMMIT")


def registrations(count: int, seed: int, database: Any = None) -> list[dict[str, Any]]:
    """`count` new CPMI; none whose NIK `database` (a register they go into) already holds: the
    demo's NIKs repeat between seeds often enough to meet one in a million."""
    from sqlalchemy import bindparam, text

    from ltsa_desk import demo

    candidates = list(demo.applicants(count * 2 + 10, seed=seed, today=TODAY))
    if database is not None:
        statement = text("SELECT nik FROM applicant WHERE nik IN :niks").bindparams(
            bindparam("niks", expanding=True)
        )
        with database.engine.connect() as connection:
            taken = {
                row[0]
                for start in range(0, len(candidates), 500)
                for row in connection.execute(
                    statement, {"niks": [c["nik"] for c in candidates[start : start + 500]]}
                )
            }
        candidates = [c for c in candidates if c["nik"] not in taken]
    return candidates[:count]


def measure(
    pairs: list[tuple[Any, Path, bytes | None]],
    count: int,
    warmup: int,
    seed: int,
    register: Any = None,
) -> list[tuple[list[float], list[float]]]:
    """Milliseconds per registration, (service, raw) for each (service database, raw twin, key)
    pair, warm-up left out. Registration by registration the pairs take turns, so the machine's
    load falls on all of them alike. The CPMI are new to `register` (a database) when given."""
    from sqlalchemy import event

    from ltsa_desk.services.intake import register_applicant

    officer = actor()
    recorders = [Recorder() for _ in pairs]
    for recorder, (service_db, _, _) in zip(recorders, pairs, strict=True):
        event.listen(service_db.engine, "before_cursor_execute", recorder)
    raws = [raw_connection(raw_path, key) for _, raw_path, key in pairs]
    results: list[tuple[list[float], list[float]]] = [([], []) for _ in pairs]
    try:
        for index, data in enumerate(registrations(count + warmup, seed, register)):
            for (service_db, _, _), recorder, raw, (service_ms, raw_ms) in zip(
                pairs, recorders, raws, results, strict=True
            ):
                recorder.statements = []
                recorder.active = True
                started = time.perf_counter()
                with service_db.write_session() as session:
                    register_applicant(session, data, officer, confirm_warnings=True, today=TODAY)
                elapsed = time.perf_counter() - started
                recorder.active = False
                started = time.perf_counter()
                replay(raw, recorder.statements)
                raw_elapsed = time.perf_counter() - started
                if index >= warmup:
                    service_ms.append(elapsed * 1000)
                    raw_ms.append(raw_elapsed * 1000)
    finally:
        for recorder, (service_db, _, _) in zip(recorders, pairs, strict=True):
            event.remove(service_db.engine, "before_cursor_execute", recorder)
        for raw in raws:
            raw.close()
    return results


def twin_databases(root: Path, label: str, key: bytes | None) -> tuple[Any, Path]:
    """A service database and its raw twin, both made by the store (same schema and key)."""
    from ltsa_desk.store.database import create_database, open_database

    urls = []
    for name in ("service", "raw"):
        path = root / f"intake-{label}-{name}.sqlite"
        url = f"sqlite:///{path.as_posix()}"
        create_database(url, office_code=OFFICE, counter_id="LOTIM-01", key=key)
        urls.append((url, path))
    return open_database(urls[0][0], key=key), urls[1][1]


def history_twin(database: Any, key: bytes | None, target: Path) -> Path:
    """The raw twin of a counter with years of history: a copy of its database file, made after
    a checkpoint (everything in the main file), so both start from the same rows and pages."""
    import shutil

    from ltsa_desk.store.database import sqlite_path

    source = sqlite_path(database.url)
    assert source is not None, "a SQLite counter"
    connection = raw_connection(source, key)  # outside any transaction, as a checkpoint must be
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        shutil.copyfile(source, target)  # the copy keeps the source's key
    finally:
        connection.close()
    return target


def run(
    root: Path,
    count: int,
    warmup: int,
    keys: dict[str, bytes | None],
    history: tuple[Any, bytes | None] | None = None,
) -> dict[str, Any]:
    """Each labelled key (None: unencrypted) gets a service database and its raw twin; all are
    measured together. ``history`` (an open counter database with years of history and its key)
    adds the label "history": the service registers on that counter, the raw driver on a copy of
    it. Returns {label: p50, p99, raw_p50, raw_p99, count}."""
    pairs = [(*twin_databases(root, label, key), key) for label, key in keys.items()]
    labels = list(keys)
    if history is not None:
        database, key = history
        twin = history_twin(database, key, root / "intake-history-raw.sqlite")
        pairs.append((database, twin, key))
        labels.append("history")
    try:
        register = history[0] if history is not None else None
        measured = measure(pairs, count, warmup, seed=314, register=register)
    finally:
        for service_db, _, _ in pairs[: len(keys)]:
            service_db.close()
        if history is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{pairs[-1][1]}{suffix}").unlink(missing_ok=True)
    out = {}
    for label, (service_ms, raw_ms) in zip(labels, measured, strict=True):
        out[label] = {
            "p50": statistics.median(service_ms),
            "p99": percentile(service_ms, 0.99),
            "raw_p50": statistics.median(raw_ms),
            "raw_p99": percentile(raw_ms, 0.99),
            "count": len(service_ms),
        }
    return out


def figures(result: dict[str, Any], *, suffix: str = "", register: str = "") -> list[Figure]:
    """The p50 and p99 figures; ``suffix`` names a variant (``_history``), ``register`` says what
    the counter held before."""
    p50_ratio = ratio(result["p50"], result["raw_p50"])
    note = f"{result['count']} registrations after warm-up, each one durable commit"
    if register:
        note = f"{note}; on {register}, raw driver on a copy of it"
    return [
        Figure(
            name=f"intake_commit_p50{suffix}",
            value=result["p50"],
            unit="ms",
            baseline=result["raw_p50"],
            ratio=p50_ratio,
            target="p50 <= 5 ms, ratio <= 2.0",
            ok=result["p50"] <= 5.0 and p50_ratio is not None and p50_ratio <= 2.0,
            note=note,
        ),
        Figure(
            name=f"intake_commit_p99{suffix}",
            value=result["p99"],
            unit="ms",
            baseline=result["raw_p99"],
            ratio=ratio(result["p99"], result["raw_p99"]),
            target="report",
            note=note,
        ),
    ]
