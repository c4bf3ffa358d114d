"""A runner for reads where each request supersedes the ones before it: the search box's.

The search box asks for a page at every key (issue 19: the first page within 100 ms of the last
key leaves no room for a pause of a quarter of a second). Typing must not flood the pool with
queries nobody will see, so at most ``limit`` reads run at once and a request that finds them
all busy waits in a single slot: a newer request takes that slot and the older one is never run.
When a read finishes, the waiting one starts.

Two at once, not one: the newest text then never waits behind one stale read (a first letter
on a big register may be the slowest query of all), while a third request only waits when two
reads are still busy, so the pool and the database see at most two queries from the box however
fast the officer types.

The callers must treat a newer request as superseding every older one, as the table model's
generation number does: a skipped request's callbacks are never called, and the answers of stale
reads that did run are delivered and dropped by the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ltsa_desk.ui.workers import Runner

#: Reads of one view running at once; see the module's docstring.
IN_FLIGHT = 2


@dataclass
class _Request:
    function: Callable[[], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    threads: list[str] | None
    log_errors: bool


class NewestOnly:
    """`run` as `Runner.run`, but at most ``limit`` at once and only the newest one waiting.

    ``requested``, ``started`` and ``skipped`` count requests (benchmarks and tests read them).
    Lives on the GUI thread: `run` is called there and the runner delivers the ends there.
    """

    def __init__(self, runner: Runner, *, limit: int = IN_FLIGHT) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.runner = runner
        self.limit = limit
        self.running = 0
        self.requested = 0
        self.started = 0
        self.skipped = 0
        self._waiting: _Request | None = None

    @property
    def last_thread_name(self) -> str | None:
        return self.runner.last_thread_name

    def run(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        threads: list[str] | None = None,
        log_errors: bool = True,
    ) -> None:
        self.requested += 1
        request = _Request(function, on_done, on_error, threads, log_errors)
        if self.running < self.limit:
            self._start(request)
            return
        if self._waiting is not None:
            self.skipped += 1  # superseded before it ran: nobody would see its answer
        self._waiting = request

    def _start(self, request: _Request) -> None:
        self.running += 1
        self.started += 1
        self.runner.run(
            request.function,
            lambda result: self._ended(request.on_done, result),
            lambda error: self._ended(request.on_error, error),
            threads=request.threads,
            # The runner logs a failure itself when nobody else hears of it.
            log_errors=request.log_errors or request.on_error is None,
        )

    def _ended(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        self.running -= 1
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(waiting)  # the newest request first; the answer below is likely stale
        if callback is not None:
            callback(value)
