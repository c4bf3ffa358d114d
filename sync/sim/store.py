"""The simulator's own SQLite state: records, idempotency keys, the change feed and the counters.

The state lives in a file (``--state``) so that a killed and restarted simulator still holds what
it acknowledged; that is what lets tests prove "zero duplicate effects" across crashes of either
side. WAL with ``synchronous=FULL`` and one explicit transaction per request: a response is only
sent after its effect (and the counters describing it) is durable.

All access happens on the server's event-loop thread, one transaction at a time, so the check-then-
insert sequences in :mod:`sync.sim.systems` cannot race each other.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

__all__ = ["COUNTERS", "SYSTEMS", "SimStore", "StoreError", "utc_now"]

SCHEMA_VERSION = 1
SYSTEMS = ("registry", "immigration")
#: Counters reported per system by ``GET /_sim/stats`` (the first four are the contract).
COUNTERS = (
    "received",
    "applied",
    "duplicates_suppressed",
    "duplicate_effects",
    "rejected",
    "unauthorized",
    "rate_limited",
    "failed_injected",
    "dropped_after_commit",
    "gateway_timeout_after_commit",
    "items_received",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stats (
    system TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (system, name)
);
CREATE TABLE IF NOT EXISTS workers (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    registry_id TEXT UNIQUE,
    client_reference TEXT NOT NULL,
    nik TEXT NOT NULL,
    data TEXT NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    last_update_reference TEXT
);
CREATE INDEX IF NOT EXISTS workers_reference ON workers (client_reference);
CREATE INDEX IF NOT EXISTS workers_nik ON workers (nik);
CREATE TABLE IF NOT EXISTS worker_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    client_reference TEXT NOT NULL,
    registry_id TEXT NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS worker_updates_reference ON worker_updates (client_reference);
CREATE TABLE IF NOT EXISTS applications (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    application_no TEXT UNIQUE,
    client_reference TEXT NOT NULL,
    registry_id TEXT NOT NULL,
    nik TEXT NOT NULL,
    data TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS applications_reference ON applications (client_reference);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    application_no TEXT NOT NULL,
    client_reference TEXT NOT NULL,
    registry_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    system TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (system, key)
);
"""

_DATA_TABLES = ("workers", "worker_updates", "applications", "changes", "idempotency", "stats")


class StoreError(RuntimeError):
    """The state file cannot be used (wrong schema version, not a sim state file)."""


def utc_now() -> str:
    """Millisecond UTC timestamp in ISO 8601 with ``Z``, the form every body uses."""
    now = dt.datetime.now(dt.UTC)
    return now.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class SimStore:
    """One SQLite connection to the state file, used from a single thread."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False only so an in-process server can be closed from its owner's
        # thread after the loop stopped; all request handling stays on the loop thread.
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute("PRAGMA busy_timeout = 5000")
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{self.path}: cannot switch to WAL (got {mode!r})")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.executescript(_SCHEMA)
            self._check_version()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"{self.path}: not a usable simulator state file: {exc}") from exc
        except StoreError:
            self._conn.close()
            raise
        self._in_tx = False

    def _check_version(self) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        elif row[0] != str(SCHEMA_VERSION):
            raise StoreError(
                f"{self.path}: state schema version {row[0]}, this simulator needs {SCHEMA_VERSION}"
            )
        self._conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('state_id', ?)", (uuid.uuid4().hex,)
        )
        self.state_id: str = self._conn.execute(
            "SELECT value FROM meta WHERE key = 'state_id'"
        ).fetchone()[0]

    def close(self) -> None:
        """Checkpoint the WAL into the main file and close (a tidy file for copying around)."""
        with suppress(sqlite3.Error):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` .. ``COMMIT``: durable (synchronous=FULL) when the block returns."""
        if self._in_tx:
            raise RuntimeError("nested simulator transaction")
        self._conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._in_tx = False

    # -- counters -------------------------------------------------------------------------------

    def bump(self, system: str, deltas: dict[str, int]) -> None:
        """Add to counters; call inside the transaction that made the change they describe."""
        for name, delta in deltas.items():
            if delta:
                self._conn.execute(
                    "INSERT INTO stats (system, name, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (system, name) DO UPDATE SET value = value + excluded.value",
                    (system, name, delta),
                )

    def stats(self) -> dict[str, dict[str, int]]:
        result = {system: dict.fromkeys(COUNTERS, 0) for system in SYSTEMS}
        for row in self._conn.execute("SELECT system, name, value FROM stats"):
            result.setdefault(row["system"], {})[row["name"]] = row["value"]
        return result

    def reset(self) -> None:
        """Forget all records, keys, changes and counters (id sequences keep counting)."""
        with self.transaction():
            for table in _DATA_TABLES:
                self._conn.execute(f"DELETE FROM {table}")

    # -- idempotency keys -----------------------------------------------------------------------

    def idempotency_get(self, system: str, key: str) -> sqlite3.Row | None:
        return self._conn.execute(
            "SELECT fingerprint, status, body FROM idempotency WHERE system = ? AND key = ?",
            (system, key),
        ).fetchone()

    def idempotency_put(
        self, system: str, key: str, fingerprint: str, status: int, body: Any
    ) -> None:
        self._conn.execute(
            "INSERT INTO idempotency (system, key, fingerprint, status, body, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (system, key, fingerprint, status, _dumps(body), utc_now()),
        )

    # -- registry -------------------------------------------------------------------------------

    @staticmethod
    def worker_body(row: sqlite3.Row) -> dict[str, Any]:
        body: dict[str, Any] = {
            "registry_id": row["registry_id"],
            "client_reference": row["client_reference"],
        }
        body.update(json.loads(row["data"]))
        body["received_at"] = row["received_at"]
        body["updated_at"] = row["updated_at"]
        body["version"] = row["version"]
        if row["last_update_reference"] is not None:
            body["last_update_reference"] = row["last_update_reference"]
        return body

    def insert_worker(self, reference: str, data: dict[str, str], now: str) -> sqlite3.Row:
        cur = self._conn.execute(
            "INSERT INTO workers (client_reference, nik, data, received_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (reference, data["nik"], _dumps(data), now, now),
        )
        seq = cur.lastrowid
        self._conn.execute(
            "UPDATE workers SET registry_id = ? WHERE seq = ?", (f"REG-{seq:08d}", seq)
        )
        return self._conn.execute("SELECT * FROM workers WHERE seq = ?", (seq,)).fetchone()

    def worker(self, registry_id: str) -> sqlite3.Row | None:
        return self._conn.execute(
            "SELECT * FROM workers WHERE registry_id = ?", (registry_id,)
        ).fetchone()

    def worker_by_reference(self, reference: str) -> sqlite3.Row | None:
        """The first record registered under ``reference`` (more exist only after blind resends)."""
        return self._conn.execute(
            "SELECT * FROM workers WHERE client_reference = ? ORDER BY seq LIMIT 1", (reference,)
        ).fetchone()

    def worker_by_nik(self, nik: str, *, not_reference: str | None = None) -> sqlite3.Row | None:
        if not_reference is None:
            return self._conn.execute(
                "SELECT * FROM workers WHERE nik = ? ORDER BY seq LIMIT 1", (nik,)
            ).fetchone()
        return self._conn.execute(
            "SELECT * FROM workers WHERE nik = ? AND client_reference <> ? ORDER BY seq LIMIT 1",
            (nik, not_reference),
        ).fetchone()

    def update_worker(
        self, registry_id: str, data: dict[str, str], now: str, update_reference: str | None
    ) -> sqlite3.Row:
        self._conn.execute(
            "UPDATE workers SET nik = ?, data = ?, updated_at = ?, version = version + 1, "
            "last_update_reference = COALESCE(?, last_update_reference) WHERE registry_id = ?",
            (data["nik"], _dumps(data), now, update_reference, registry_id),
        )
        if update_reference is not None:
            self._conn.execute(
                "INSERT INTO worker_updates (client_reference, registry_id, applied_at) "
                "VALUES (?, ?, ?)",
                (update_reference, registry_id, now),
            )
        row = self.worker(registry_id)
        assert row is not None
        return row

    def worker_update(self, reference: str) -> sqlite3.Row | None:
        """The first applied update that carried ``reference`` as its client reference."""
        return self._conn.execute(
            "SELECT * FROM worker_updates WHERE client_reference = ? ORDER BY seq LIMIT 1",
            (reference,),
        ).fetchone()

    def workers(self, reference: str | None = None) -> list[dict[str, Any]]:
        if reference is None:
            rows = self._conn.execute("SELECT * FROM workers ORDER BY seq").fetchall()
        else:
            rows = self._conn.execute(
                "SELECT * FROM workers WHERE client_reference = ? ORDER BY seq", (reference,)
            ).fetchall()
        return [self.worker_body(row) for row in rows]

    # -- immigration ----------------------------------------------------------------------------

    @staticmethod
    def application_body(row: sqlite3.Row) -> dict[str, Any]:
        body: dict[str, Any] = {
            "application_no": row["application_no"],
            "client_reference": row["client_reference"],
            "registry_id": row["registry_id"],
        }
        body.update(json.loads(row["data"]))
        body["status"] = row["status"]
        body["reason"] = row["reason"]
        body["received_at"] = row["received_at"]
        body["updated_at"] = row["updated_at"]
        return body

    def insert_application(self, data: dict[str, str], now: str) -> sqlite3.Row:
        stored = {k: v for k, v in data.items() if k not in ("client_reference", "registry_id")}
        cur = self._conn.execute(
            "INSERT INTO applications (client_reference, registry_id, nik, data, status, "
            "received_at, updated_at) VALUES (?, ?, ?, ?, 'received', ?, ?)",
            (data["client_reference"], data["registry_id"], data["nik"], _dumps(stored), now, now),
        )
        seq = cur.lastrowid
        number = f"PPA-{seq:08d}"
        self._conn.execute(
            "UPDATE applications SET application_no = ? WHERE seq = ?", (number, seq)
        )
        row = self.application(number)
        assert row is not None
        self._add_change(row, now)
        return row

    def application(self, application_no: str) -> sqlite3.Row | None:
        return self._conn.execute(
            "SELECT * FROM applications WHERE application_no = ?", (application_no,)
        ).fetchone()

    def application_by_reference(self, reference: str) -> sqlite3.Row | None:
        return self._conn.execute(
            "SELECT * FROM applications WHERE client_reference = ? ORDER BY seq LIMIT 1",
            (reference,),
        ).fetchone()

    def applications(self, reference: str | None = None) -> list[dict[str, Any]]:
        if reference is None:
            rows = self._conn.execute("SELECT * FROM applications ORDER BY seq").fetchall()
        else:
            rows = self._conn.execute(
                "SELECT * FROM applications WHERE client_reference = ? ORDER BY seq",
                (reference,),
            ).fetchall()
        return [self.application_body(row) for row in rows]

    def open_applications(self) -> list[sqlite3.Row]:
        return self._conn.execute(
            "SELECT * FROM applications WHERE status NOT IN ('issued', 'rejected') ORDER BY seq"
        ).fetchall()

    def set_application_status(
        self, application_no: str, status: str, reason: str | None, now: str
    ) -> sqlite3.Row:
        self._conn.execute(
            "UPDATE applications SET status = ?, reason = ?, updated_at = ? "
            "WHERE application_no = ?",
            (status, reason, now, application_no),
        )
        row = self.application(application_no)
        assert row is not None
        self._add_change(row, now)
        return row

    def _add_change(self, row: sqlite3.Row, now: str) -> None:
        self._conn.execute(
            "INSERT INTO changes (application_no, client_reference, registry_id, status, reason, "
            "at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                row["application_no"],
                row["client_reference"],
                row["registry_id"],
                row["status"],
                row["reason"],
                now,
            ),
        )

    def changes_after(self, seq: int, limit: int) -> list[sqlite3.Row]:
        return self._conn.execute(
            "SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit)
        ).fetchall()

    def last_change_seq(self) -> int:
        row = self._conn.execute("SELECT MAX(seq) FROM changes").fetchone()
        return int(row[0] or 0)
