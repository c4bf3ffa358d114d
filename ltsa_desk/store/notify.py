"""Hearing the other desks: PostgreSQL ``LISTEN ltsa_changes`` on a connection of its own.

The triggers of migration 0004 ``NOTIFY ltsa_changes`` after every statement that changed
applicants, documents, letters, case events, outbox items or destination states, with the schema
and table as payload. A desk's window listens here and refreshes at once, instead of waiting for
its next poll; the poll stays as the fallback (a lost connection, a notification missed while
reconnecting, a server without the triggers), so a desk is never more than one poll interval
behind even when this listener is down.

Why a thread with a raw driver connection: LISTEN needs one session that stays open and idle in
autocommit mode, which a pooled SQLAlchemy connection is not meant to be; the thread blocks in
psycopg's ``notifies()`` (no polling of the server) and wakes on each notification or after a
second to check whether it should stop. The callback runs on that thread: it must only hand over
(the GUI bridge emits a queued Qt signal), never touch widgets.

Why the schema in the payload: NOTIFY channels belong to the whole database, and one server may
hold several offices' schemas (or a test run's); a desk only reacts to its own.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

log = logging.getLogger(__name__)

CHANNEL = "ltsa_changes"
RECONNECTED = "*"
"""The table name told after (re)connecting: anything may have changed while nobody listened."""


class ChangeListener:
    """Listens for the office's change notifications until stopped; reconnects by itself.

    ``on_change(tables)`` gets the set of table names changed (notifications of about a second
    are told together); ``on_state(connected, reason)`` is told when the listening connection
    comes up or is lost.
    """

    def __init__(
        self,
        engine: Engine,
        on_change: Callable[[set[str]], None],
        on_state: Callable[[bool, str], None] | None = None,
        *,
        batch_s: float = 0.15,
        retry_initial_s: float = 0.5,
        retry_max_s: float = 10.0,
        ping_s: float = 10.0,
    ) -> None:
        self.engine = engine
        self.on_change = on_change
        self.on_state = on_state
        self.batch_s = batch_s
        self.retry_initial_s = retry_initial_s
        self.retry_max_s = retry_max_s
        self.ping_s = ping_s
        self.connected: bool | None = None  # None until the first try says which
        self.notifications = 0
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="ltsa-listen", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop listening. The thread notices within a second (its longest wait in ``notifies``)
        and closes its connection itself: a libpq connection must never be closed by one thread
        while another waits on it. ``timeout`` only bounds how long the caller waits for that."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the thread --------------------------------------------------------------------------------

    def _run(self) -> None:
        wait = self.retry_initial_s
        while not self._stopping.is_set():
            try:
                schema = self._connect()
                self._set_state(True, "")
                wait = self.retry_initial_s
                self._tell({RECONNECTED})
                self._listen(schema)
            except Exception as exc:  # the server went away, or never came: try again later
                self._close()
                self._set_state(False, str(exc).strip() or type(exc).__name__)
                if self._stopping.wait(wait):
                    break
                wait = min(wait * 2, self.retry_max_s)
        self._close()

    def _connect(self) -> str:
        """A connection of the engine's own (same server, options, password), out of its pool."""
        pooled = self.engine.raw_connection()
        connection = pooled.driver_connection
        assert connection is not None
        pooled.detach()  # ours for good: never handed back to the pool in LISTEN state
        self._connection = connection
        connection.rollback()
        connection.autocommit = True
        schema = connection.execute("SELECT current_schema()").fetchone()[0]
        connection.execute(f"LISTEN {CHANNEL}")
        return str(schema)

    def _listen(self, schema: str) -> None:
        connection = self._connection
        last_ping = time.monotonic()
        while not self._stopping.is_set():
            tables: set[str] = set()
            first = connection.notifies(timeout=1.0, stop_after=1)
            for note in first:
                self._collect(note.payload, schema, tables)
            if tables:
                # A burst (a batch delivered, an import) arrives as many notifications: take what
                # follows within batch_s too, so the window refreshes once for all of it.
                for note in connection.notifies(timeout=self.batch_s):
                    self._collect(note.payload, schema, tables)
                self._tell(tables)
            if time.monotonic() - last_ping >= self.ping_s:
                # A server that vanished without closing the socket is noticed here at the latest
                # (keepalives notice it too, when the driver has them).
                connection.execute("SELECT 1")
                last_ping = time.monotonic()

    def _collect(self, payload: str, schema: str, tables: set[str]) -> None:
        self.notifications += 1
        try:
            data = json.loads(payload)
        except ValueError:
            return
        if isinstance(data, dict) and data.get("schema") == schema and data.get("table"):
            tables.add(str(data["table"]))

    # -- telling -----------------------------------------------------------------------------------

    def _tell(self, tables: set[str]) -> None:
        try:
            self.on_change(tables)
        except Exception:
            log.exception("change listener callback failed")

    def _set_state(self, connected: bool, reason: str) -> None:
        changed = connected != self.connected
        self.connected = connected
        if changed:
            if connected:
                log.info("listening for office changes (%s)", CHANNEL)
            else:
                log.warning("office change listener disconnected: %s", reason)
        if self.on_state is not None and changed:
            try:
                self.on_state(connected, reason)
            except Exception:
                log.exception("change listener state callback failed")

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()


def notify_change(engine: Engine, table: str) -> None:
    """Send one change notification by hand (tests; a tool that wrote behind the triggers)."""
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "SELECT pg_notify(%(channel)s, json_build_object('schema', current_schema(), "
            "'table', %(table)s::text)::text)",
            {"channel": CHANNEL, "table": table},
        )
