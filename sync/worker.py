"""One destination's loop: look at the line, claim a batch, have it sent, record the verdicts.

A worker probes its destination's health endpoint; while that fails it waits and re-probes with
backoff instead of hammering a dead line, and records the outage. When the probe succeeds the
backlog drains at once: items are claimed under a lease (`sync.leases`), sent by the worker's
`ClaimSender` (`sync.sending`), and their verdicts written in one transaction per claim
(`sync.ledger.record`); the next claim and the last one's verdicts are written while a claim is
on the line (`sync.pipeline`). Refused credentials pause the destination until they change; status
changes are pulled now and then.

The worker is made and driven by `sync.engine.SyncEngine`, reached here through `WorkerHost`.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Protocol

from sqlalchemy import Engine
from sqlmodel import Session

from sync import leases, ledger, pipeline
from sync.destinations import ADAPTERS, Destination
from sync.engine_contract import DestinationConfig, EngineEvent, EngineHooks, EngineSettings
from sync.failure_log import RepeatedFailure
from sync.models import ItemState
from sync.retry_policy import RECOVERY_STREAK
from sync.sending import ClaimSender, LeaseClock, backoff_s
from sync.transport import Answer, Transport, Verdict

log = logging.getLogger(__name__)

DUE_MARGIN_S = 0.01
"""Added to a wait read from the database: the claim after it compares on the same clock."""

CLAIM_ROUNDS = 2
"""Rounds of `concurrency` batch requests one claim holds (the sender runs them on its pool).
A claim and its verdicts cost the sync worker about as much per item as the requests cost the
line (issue 19, 10,000 items: 6 ms to claim and 15 ms to write the verdicts of 128 items against
18 ms on the line), so the worker set the pace; two rounds share each transaction's fixed cost
between twice the items (drain 5,700 -> 6,100-6,900 items/s on a quiet 2-core box)."""


def lower_thread_priority() -> None:
    """Put the calling thread below normal priority, best effort (Linux and Windows).

    Only a scheduling hint: when the machine has CPU to spare nothing changes; when it has not,
    the window's thread is served first.
    """
    try:
        if sys.platform.startswith("linux"):
            os.setpriority(os.PRIO_PROCESS, 0, 10)  # 0: the calling thread, on Linux
        elif sys.platform == "win32":
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetThreadPriority(kernel32.GetCurrentThread(), -1)  # BELOW_NORMAL
    except (OSError, AttributeError, ValueError):
        pass


class WorkerHost(LeaseClock, Protocol):
    """What a worker uses of its engine (`SyncEngine`): the database (a writer, and a reader for
    reads that write nothing), the settings and hooks, the lease owner, the events, and the
    engine's stop signal (the engine wakes each worker through its own `woken`)."""

    db: Engine
    reader: Engine
    settings: EngineSettings
    hooks: EngineHooks
    owner: str
    stopping: threading.Event

    def emit(self, event: EngineEvent) -> None: ...

    def line_lost(self, found_by: DestinationWorker) -> None: ...


class DestinationWorker:
    """One destination's loop."""

    def __init__(self, engine: WorkerHost, config: DestinationConfig) -> None:
        self.engine = engine
        self.config = config
        self.name = config.name
        self.adapter: Destination = ADAPTERS[config.name]()
        self.transport = Transport(
            config.url,
            config.token_provider,
            max_connections=engine.settings.concurrency,
            read_timeout_s=engine.settings.read_timeout_s,
        )
        self.online: bool | None = None
        self.probe_failures = 0
        self.next_probe_at = 0.0
        self.line_checked_at = time.monotonic()
        # Set by a neighbour on the same server that found the line dead: look now.
        self.look_now = threading.Event()
        self.last_pull_at = 0.0
        self.refused_token: str | None = None
        self.next_auth_check_at = 0.0
        self.thread: threading.Thread | None = None
        self.sender = ClaimSender(self.adapter, self.transport, engine.settings, engine)
        self.woken = threading.Event()  # set by the engine: new work queued, or stop
        # This turn's last claim, on the database's clock: an idle worker wakes when a retry
        # after it falls due (`idle_wait`), not at its next poll (2 s), else a retry meant for
        # 0.2 s later waited up to a poll (issue 19).
        self.looked_at: datetime | None = None
        self.line_failing = False  # the remote fails most requests while the line stays up
        self._pool: ThreadPoolExecutor | None = None  # the pool of the drain under way

    # -- connectivity ----------------------------------------------------------------------------

    def ensure_online(self) -> bool:
        if self.online:
            return True
        now = time.monotonic()
        if now < self.next_probe_at:
            return False
        if self.transport.probe():
            self.probe_failures = 0
            self.line_checked_at = now
            first_look = self.online is None  # this engine's first sight of the line: a new run
            self.online = True
            if ledger.mark_online(self.engine.db, self.name, release=first_look):
                self.engine.emit(EngineEvent(self.name, "online"))
            return True
        self.went_offline("health check gagal")
        return False

    def went_offline(self, reason: str) -> None:
        self.probe_failures += 1
        settings = self.engine.settings
        self.next_probe_at = time.monotonic() + backoff_s(
            settings.probe_initial_s, settings.probe_max_s, self.probe_failures
        )
        was_online = self.online
        self.online = False
        if ledger.mark_offline(self.engine.db, self.name, reason) or was_online:
            self.engine.emit(EngineEvent(self.name, "offline", {"reason": reason}))
        if was_online:
            self.engine.line_lost(self)

    def watch_line(self) -> None:
        """An idle, online destination looks at its line now and then, and at once when a
        neighbour on the same server found it dead; sends and pulls notice a dead line too, but
        only when there is something to send or a pull is due."""
        if not self.online:
            return
        now = time.monotonic()
        asked = self.look_now.is_set()
        if not asked and now - self.line_checked_at < self.engine.settings.idle_probe_s:
            return
        self.look_now.clear()
        self.line_checked_at = now
        if not self.transport.probe():
            self.went_offline("health check gagal")

    # -- credentials -----------------------------------------------------------------------------

    def paused(self) -> bool:
        state = ledger.read_destination(self.engine.reader, self.name)
        if not state.paused:
            self.refused_token = None
            return False
        token = self.transport.current_token()
        if token and self.refused_token is not None and token != self.refused_token:
            ledger.set_paused(self.engine.db, self.name, None)
            self.engine.emit(EngineEvent(self.name, "resumed"))
            self.refused_token = None
            return False
        if self.refused_token is None:
            self.refused_token = token or ""
        if token and time.monotonic() >= self.next_auth_check_at:
            # The pause may have been lifted elsewhere (the remote fixed its side, or the keyring
            # changed while nothing ran): one cheap authenticated look-up, now and then, tells.
            self.next_auth_check_at = time.monotonic() + self.engine.settings.auth_recheck_s
            answer = self.adapter.look_up(self.transport, "", "ltsa-desk-credentials-check")
            if answer.verdict in (Verdict.NOT_FOUND, Verdict.DELIVERED):
                ledger.set_paused(self.engine.db, self.name, None)
                self.engine.emit(EngineEvent(self.name, "resumed"))
                self.refused_token = None
                return False
        return True

    def pause(self, reason: str) -> None:
        self.refused_token = self.transport.current_token() or ""
        self.next_auth_check_at = time.monotonic() + self.engine.settings.auth_recheck_s
        ledger.set_paused(self.engine.db, self.name, reason)
        self.engine.emit(EngineEvent(self.name, "paused", {"reason": reason}))

    def drain_once(self, pool: ThreadPoolExecutor) -> int:
        """Claim, send and record until nothing is ready now; returns how many items were
        handled. The database's work overlaps the requests (`sync.pipeline`)."""
        self._pool = pool
        background = self.engine.settings.background_threads
        return pipeline.drain(self, lower_thread_priority if background else None)

    # -- the pipeline's stages (`sync.pipeline.Stage`) ------------------------------------------

    def claim_batch(self) -> list[leases.Claimed]:
        """One claim: up to `CLAIM_ROUNDS` x `concurrency` batch requests' worth of ready items,
        under a lease.

        The database's two commits per claim are shared by that many more items, and the
        requests travel in parallel instead of one after the other."""
        settings = self.engine.settings
        taken = leases.claim(
            self.engine.db,
            self.name,
            self.engine.owner,
            settings.batch_size * max(1, settings.concurrency) * CLAIM_ROUNDS,
            settings.lease_seconds,
            takeover_hold_s=settings.takeover_hold_s,
        )
        self.looked_at = taken.at
        return taken.items

    def send_batch(self, batch: list[leases.Claimed]) -> list[ledger.Result]:
        """A claim's look-ups and requests, side by side on the worker's pool."""
        assert self._pool is not None
        return self.sender.send_all(batch, self._pool)

    def record_batch(self, results: list[ledger.Result]) -> None:
        """A claim's verdicts, in one transaction."""
        ledger.record(self.engine.db, self.engine.owner, results, self.engine.hooks.on_delivered)

    def after_batch(self, results: list[ledger.Result]) -> None:
        """What a claim's written verdicts tell: waits, a refused credential, a dead line."""
        self.sender.forget_failures(results)
        self._watch_answers()
        auth = next((r for r in results if r.verdict == Verdict.AUTH.value), None)
        if auth is not None:
            self.pause(auth.reason or "kredensial ditolak")
        unreachable = next((r for r in results if r.unreachable), None)
        if unreachable is not None:
            self.went_offline(unreachable.reason or "koneksi gagal")
        delivered = sum(1 for r in results if r.state is ItemState.DELIVERED)
        self.engine.emit(
            EngineEvent(self.name, "batch", {"handled": len(results), "delivered": delivered})
        )

    def _watch_answers(self) -> None:
        """A reachable remote that failed most requests (503 to everything, say) and answers
        again releases what it made wait, as a line coming back does (`ledger.mark_online`):
        its probe never failed, so nothing else would."""
        health = self.sender.health
        in_a_row = health.answered_in_a_row()
        if self.line_failing and in_a_row >= RECOVERY_STREAK:
            self.line_failing = False
            self.sender.retries.line_came_back()
            ledger.mark_online(self.engine.db, self.name, release=True)
            self.engine.emit(EngineEvent(self.name, "answering"))
        elif in_a_row < RECOVERY_STREAK and health.failing():
            self.line_failing = True

    def stopping(self) -> bool:
        return self.engine.stopping.is_set()

    def idle_wait(self) -> float:
        """How long an idle worker waits: its poll, or less when the database holds a retry due
        sooner (`leases.seconds_to_next_retry`, counted from this turn's last claim on the
        claim's own clock; 0 when one fell due since that claim looked). The worker once kept
        its own note of those moments from the verdicts it wrote: a note could come before the
        database's moment, and was used up by a claim that found nothing yet, or by a wait cut
        short, so the item sat out a whole poll. A paused or offline turn claims nothing and
        waits its poll."""
        poll = self.engine.settings.idle_poll_s
        if self.looked_at is None:
            return poll
        soonest = leases.seconds_to_next_retry(self.engine.reader, self.name, self.looked_at)
        if soonest is None:
            return poll
        return min(poll, max(0.0, soonest + DUE_MARGIN_S))

    def wait_for_work(self, timeout: float) -> None:
        """An idle wait, cut short by `woken` (new work, a stop). Each worker has its own: with
        one shared by all, the first to wake cleared it, and another that began waiting just
        after slept on through a stop (30 s, the stop's patience) or new work (a poll)."""
        if self.woken.wait(timeout):
            self.woken.clear()

    def pull_if_due(self, *, force: bool = False) -> None:
        if self.engine.hooks.on_changes is None:
            return
        now = time.monotonic()
        if not force and now - self.last_pull_at < self.engine.settings.pull_interval_s:
            return
        self.last_pull_at = now
        for _ in range(100):  # bounded: at most 100 pages per pull
            cursor = ledger.read_destination(self.engine.reader, self.name).cursor
            pulled = self.adapter.pull(self.transport, cursor)
            if isinstance(pulled, Answer):
                if pulled.verdict is Verdict.AUTH:
                    self.pause(pulled.reason)
                elif pulled.unreachable:
                    self.went_offline(pulled.reason)
                return
            changes, next_cursor, more = pulled
            if not changes and next_cursor == cursor:
                return
            with Session(self.engine.db) as session:
                if changes:
                    self.engine.hooks.on_changes(session, self.name, changes)
                ledger.save_cursor(session, self.name, next_cursor)
                session.commit()
            self.engine.emit(EngineEvent(self.name, "pulled", {"changes": len(changes)}))
            if not more:
                return

    def step(self, pool: ThreadPoolExecutor) -> bool:
        """One turn of the loop; True when it did work (so the loop goes again at once)."""
        self.looked_at = None
        if self.paused():
            return False
        if not self.ensure_online():
            return False
        handled = self.drain_once(pool)
        if handled == 0:
            self.pull_if_due()
            self.watch_line()
        return handled > 0

    def run(self) -> None:
        background = self.engine.settings.background_threads
        if background:
            lower_thread_priority()
        with ThreadPoolExecutor(
            max_workers=self.engine.settings.concurrency,
            thread_name_prefix=f"sync-{self.name}",
            initializer=lower_thread_priority if background else None,
        ) as pool:
            failures = RepeatedFailure(log, f"sync worker {self.name}")
            while not self.engine.stopping.is_set():
                try:
                    busy = self.step(pool)
                    failures.succeeded()
                except Exception as error:  # a bug or a database outage must not kill the worker
                    failures.failed(error)
                    busy = False
                self.engine.worker_turn(self.name, busy=busy)
                if not busy:
                    self.wait_for_work(self.idle_wait())
