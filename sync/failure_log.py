"""Logging a failure that repeats every few seconds without filling the log.

A shared office's database server switched off for a weekend makes the sync worker's every idle
poll (each 2 s) and the lease heartbeat fail the same way. The technician needs the first
traceback and to know the failure went on and when it ended, not 80,000 copies of the traceback.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class RepeatedFailure:
    """The first failure of a streak is logged with its traceback; while the same failure (same
    exception type and message) repeats, one line per `every` seconds says how often it came back;
    the first success after it says the streak ended. A different failure starts a new streak."""

    def __init__(
        self,
        log: logging.Logger,
        what: str,
        *,
        every: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.log = log
        self.what = what
        self.every = every
        self.clock = clock
        self._signature: str | None = None
        self._repeats = 0
        self._last_logged = 0.0
        self._total = 0

    def failed(self, error: BaseException) -> None:
        """Call from the `except` block (the traceback is taken from the exception)."""
        signature = f"{type(error).__name__}: {error}"
        now = self.clock()
        if signature != self._signature:
            self._signature, self._repeats, self._total = signature, 0, 1
            self._last_logged = now
            self.log.error("%s failed", self.what, exc_info=error)
            return
        self._repeats += 1
        self._total += 1
        if now - self._last_logged >= self.every:
            self.log.warning(
                "%s still failing (%d more times since the last message): %s",
                self.what,
                self._repeats,
                signature,
            )
            self._repeats = 0
            self._last_logged = now

    def succeeded(self) -> None:
        if self._signature is None:
            return
        self.log.warning("%s works again after %d failures", self.what, self._total)
        self._signature, self._repeats, self._total = None, 0, 0
