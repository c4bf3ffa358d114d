"""Running work off the GUI thread and getting the answer back on it.

Every query, file read, PDF render or network-bound call the window needs goes through
`Runner.run`: the function runs on Qt's thread pool, and its result (or error) is delivered to a
callback on the GUI thread through a queued signal. The event loop never waits for the database or
the disk.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry results back from pool threads."""

    succeeded = Signal(object, object)  # (callback, result)
    failed = Signal(object, object)  # (callback, exception)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)


class _Job(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        function: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        log_errors: bool,
    ) -> None:
        super().__init__()
        self.relay = relay
        self.function = function
        self.on_done = on_done
        self.on_error = on_error
        self.log_errors = log_errors

    def run(self) -> None:
        try:
            result = self.function()
        except BaseException as exc:
            if self.log_errors or self.on_error is None:
                log.exception("background job failed")
            if self.on_error is not None:
                self.relay.failed.emit(self.on_error, exc)
            return
        if self.on_done is not None:
            self.relay.succeeded.emit(self.on_done, result)


class Runner(QObject):
    """The window's one way to do slow work. `wait_idle` is for tests and shutdown."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        # Below the GUI thread: on a busy two-core PC the window is served first (benchmarks/,
        # gui_stall).
        self.pool.setThreadPriority(QThread.Priority.LowPriority)
        self._relay = _Relay()
        self._relay.succeeded.connect(self._relay._deliver)
        self._relay.failed.connect(self._relay._deliver)
        self.last_thread_name: str | None = None

    def run(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        threads: list[str] | None = None,
        log_errors: bool = True,
    ) -> None:
        """`threads`, when given, collects the name of the thread each job ran on (tests assert
        that none of them is the GUI thread). A job that fails the same way every few seconds
        (a status poll while the office server is off) passes `log_errors=False` and lets its
        `on_error` log the failure sparingly."""
        job = _Job(self._relay, self._remember(function, threads), on_done, on_error, log_errors)
        job.setAutoDelete(True)
        self.pool.start(job)

    def _remember(
        self, function: Callable[[], Any], threads: list[str] | None
    ) -> Callable[[], Any]:
        def wrapped() -> Any:
            self.last_thread_name = threading.current_thread().name
            if threads is not None:
                threads.append(self.last_thread_name)
            return function()

        return wrapped

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        return self.pool.waitForDone(timeout_ms)
