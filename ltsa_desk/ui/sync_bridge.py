"""The seam between the sync engine and the window: Qt glue only (signals, timers, threads).

The engine's worker threads do all the network work; the window must only ever learn about it
through Qt signals, never by calling the network or waiting on a thread. `SyncBridge` runs the
counter's engine through ``services.sync_runner``, forwards its events (which arrive on worker
threads) to the GUI thread through a queued signal, and reads the status dict
(``services.sync_queue.StatusPoll``: ``sync_status.status`` plus change marks) on the window's
runner after every event and every few seconds (another desk or a `sync run` on the command line
may change the shared queue at any time). Refreshes are coalesced and throttled, so a draining
backlog of thousands of items never floods the event loop.

On a shared office server the bridge also hears the other desks: the runner's change listener
(`LISTEN ltsa_changes`, fed by the triggers of migration 0004) asks for a refresh the moment another
desk registers a CPMI, changes a document or delivers an item, and every refresh compares cheap
change marks (the newest audit entry and outbox item, the queue's totals) with the previous ones,
so `data_changed` reaches the screens both from a notification and, when the listener is down,
from the next poll. A poll where only the totals moved (a drain delivering) is `queue_moved`
instead: the search list is not re-read at every poll of a drain (issue 19). A status query
that cannot reach the office server makes `office_server_changed(False, ...)`: the window says
so, and the polling goes on until the server answers again (SQLAlchemy's pre-ping reconnects);
nothing is ever redirected to a local copy.

The window imports neither the store nor the sync engine's internals (issue 15): what the Sync
page shows comes from ``services.sync_queue``, its words from ``ui.sync_words``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from shiboken6 import isValid

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.sync_queue import StatusMarks, StatusPoll, records_changed
from ltsa_desk.services.sync_runner import ChangeListener, EngineFactory, SyncEngine, SyncRunner
from ltsa_desk.ui.workers import Runner

log = logging.getLogger(__name__)


class SyncBridge(QObject):
    """Owns the counter's sync engine and tells the window what the line is doing.

    Signals:
      - `status_changed(dict)`: the status dict (`sync_status.status` shape: one entry per
        destination plus `totals`), after `refresh()`, after engine events and every
        `poll_interval_ms`; at most one per `min_interval_ms`.
      - `engine_event(str, str, dict)`: destination, kind (online, offline, paused, resumed,
        batch, pulled) and detail, delivered on the GUI thread.
    """

    status_changed = Signal(dict)
    engine_event = Signal(str, str, dict)
    data_changed = Signal()
    """A record changed (at this desk or another: a registration, a correction, a pulled status):
    lists and pages re-read."""
    queue_moved = Signal()
    """Only the queue moved (items delivered, refused or queued again): what shows a CPMI's
    submissions re-reads; lists of CPMI do not (they show nothing a delivery changes)."""
    office_server_changed = Signal(bool, str)
    """(reachable, server): the shared office server stopped or started answering."""
    # Emitted from engine worker threads; connected queued, so the slot runs on the GUI thread.
    _from_worker = Signal(str, str, object)
    _from_listener = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        runner: Runner,
        parent: QObject | None = None,
        *,
        engine_factory: EngineFactory | None = None,
        poll_interval_ms: int = 5000,
        min_interval_ms: int = 300,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.sync = SyncRunner(workspace, engine_factory)
        self.status_poll = StatusPoll(workspace, log)
        self.min_interval_ms = min_interval_ms
        self.last_status: dict[str, Any] | None = None
        self.last_query_thread: str | None = None
        self.refresh_count = 0
        self.office_server_ok = True
        self._marks: StatusMarks | None = None
        self._closed = False
        self._in_flight = False
        self._dirty = False
        self._last_started = 0.0
        self._from_worker.connect(self._on_worker_event, Qt.ConnectionType.QueuedConnection)
        self._from_listener.connect(self._on_database_change, Qt.ConnectionType.QueuedConnection)
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self.refresh)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_interval_ms)
        self._poll.timeout.connect(self.request_refresh)

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.sync.running

    @property
    def engine(self) -> SyncEngine | None:
        """The running engine, or None."""
        return self.sync.engine

    @property
    def listener(self) -> ChangeListener | None:
        """Shared office only: the listener hearing the other desks' changes as they commit."""
        return self.sync.listener

    def start(self) -> None:
        """Start the engine (its own threads) and, on a shared office, the change listener; begin
        polling, and refresh at once."""
        self._closed = False
        self.sync.start(self._engine_heard, self._listener_change)
        self._poll.start()
        self.refresh()

    def _listener_change(self, tables: set[str]) -> None:
        """On the listener's thread: only hand over."""
        if self._closed:
            return
        with contextlib.suppress(RuntimeError):
            self._from_listener.emit(sorted(tables))

    @Slot(object)
    def _on_database_change(self, _tables: object) -> None:
        if not self._closed:
            self.request_refresh()

    def stop(self, timeout_s: float = 3.0) -> bool:
        """Stop the engine without holding the window for long (called at window close).

        The engine's own stop joins its workers, which may be inside an HTTP call; it runs on a
        helper thread and the GUI waits at most `timeout_s`. An item caught mid-send keeps its
        lease and is taken over after it expires, which the sync contract already allows.
        Returns True when the engine finished stopping in time.
        """
        self._closed = True
        self._poll.stop()
        self._throttle.stop()
        return self.sync.stop(timeout_s)

    def restart(self) -> None:
        """New configuration (URLs set in settings): a fresh engine with the new destinations."""
        self.stop()
        self.start()

    def wake(self) -> None:
        """New items were queued (after an intake or a fix): send now rather than at next poll."""
        self.sync.wake()
        self.request_refresh()

    # -- engine events (worker threads) -----------------------------------------------------------

    def _engine_heard(self, destination: str, kind: str, detail: dict[str, Any]) -> None:
        """Called on an engine worker thread: only hand over, never touch widgets here."""
        if self._closed:
            return
        # RuntimeError: the bridge's C++ object is already gone (the window closed).
        with contextlib.suppress(RuntimeError):
            self._from_worker.emit(destination, kind, detail)

    @Slot(str, str, object)
    def _on_worker_event(self, destination: str, kind: str, detail: object) -> None:
        if self._closed:
            return
        self.engine_event.emit(destination, kind, detail if isinstance(detail, dict) else {})
        self.request_refresh()

    # -- status ------------------------------------------------------------------------------------

    def request_refresh(self) -> None:
        """Coalesced refresh: at most one per `min_interval_ms`, whatever the event rate."""
        if self._closed or self._throttle.isActive():
            return
        elapsed_ms = (time.monotonic() - self._last_started) * 1000
        self._throttle.start(int(max(0.0, self.min_interval_ms - elapsed_ms)))

    def refresh(self) -> None:
        """Compute the status on the runner now; one query at a time, a later ask re-runs it."""
        if self._in_flight:
            self._dirty = True
            return
        self._in_flight = True
        self._last_started = time.monotonic()
        poll = self.status_poll

        def query() -> tuple[dict[str, Any], StatusMarks]:
            self.last_query_thread = threading.current_thread().name
            return poll.read()

        self.runner.run(query, self._on_result, self._on_status_error, log_errors=False)

    def _on_result(self, result: tuple[dict[str, Any], StatusMarks]) -> None:
        if not isValid(self):
            return
        current, marks = result
        self.status_poll.succeeded()
        if not self.office_server_ok:
            self.office_server_ok = True
            if not self._closed:
                self.office_server_changed.emit(True, "")
        previous, self._marks = self._marks, marks
        self._on_status(current)
        if previous is None or previous == marks or self._closed:
            return
        if records_changed(previous, marks):
            self.data_changed.emit()
        else:
            self.queue_moved.emit()

    def _on_status(self, result: dict[str, Any]) -> None:
        if not isValid(self):  # the bridge was deleted while the query ran
            return
        self._in_flight = False
        self.refresh_count += 1
        self.last_status = result
        if not self._closed:
            self.status_changed.emit(result)
        self._again()

    def _on_status_error(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._in_flight = False
        lost_server = self.status_poll.failed(exc)
        if lost_server is not None and self.office_server_ok:
            self.office_server_ok = False
            if not self._closed:
                self.office_server_changed.emit(False, lost_server)
        self._again()

    def _again(self) -> None:
        if self._dirty and not self._closed:
            self._dirty = False
            self.request_refresh()
