"""The flush loop: one worker thread per destination, gated by a connectivity probe.

A worker probes its destination's health endpoint; while that fails it waits and re-probes with
backoff instead of hammering a dead line, and records the outage. When the probe succeeds the
backlog drains at once: items are claimed in batches under a lease, sent with bounded concurrency
over one keep-alive client, and their verdicts written back in one transaction per batch.

The engine knows nothing of the application: what a delivery or a status change means locally is
told by hooks, called inside the transaction that records it.

Unknown outcomes. A send that got no answer (a timeout, a reset, a connection closed before the
answer) may have reached the remote, or may reach it later: a slow line goes on delivering what it
holds after the sender has given up. A look-up right then that does not find the item proves
nothing, and a resend on its strength is how a registry that does not deduplicate gets two records.
So, before any resend after an unknown outcome:

1. the connection is cut abortively (`transport.ABORTIVE_CLOSE`): nothing more of it leaves here;
2. the item is *in doubt* until a quiet period has passed (`EngineSettings.quiet_period_s`);
3. it is looked up at once (a line that comes back clears fast: a look-up that FINDS it settles it),
   but a "not found" before the quiet period ends only puts the next look-up at its end; only a
   look-up made after it that still says "not found" lets the item be sent again.

The same holds for an item whose lease is taken over from another engine (a killed `sync run`, a
desk of a shared office that stopped renewing): that engine may have been sending it. Engines never
start a send on a lease that may have run out (checked on this machine's monotonic clock), and lease
times are the office database's clock on PostgreSQL (the desks' clocks may disagree), so the taker
waits out the longest such send (`takeover_hold_s`) before it trusts a "not found".
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from tenacity import RetryCallState, wait_exponential_jitter

from sync import ledger
from sync.destinations import ADAPTERS, Destination, MissingDependency
from sync.failure_log import RepeatedFailure
from sync.ledger import Claimed, DeliveredItem, Result
from sync.models import ItemState
from sync.transport import Answer, Transport, Verdict, connect_timeout_s, judge

log = logging.getLogger(__name__)

MAX_LEASE_SECONDS = 60.0
LOOK_UP_RETRY_MAX_S = 10.0
"""The longest wait after a failed look-up: a look-up changes nothing at the remote, and an item
whose outcome is unknown is looked up again soon (issue 19), not after the send's backoff."""


@dataclass(frozen=True)
class DestinationConfig:
    name: str
    url: str
    token_provider: Callable[[], str | None]


@dataclass
class EngineSettings:
    lease_seconds: float = MAX_LEASE_SECONDS
    batch_size: int = 32
    concurrency: int = 4
    retry_initial_s: float = 1.0
    retry_max_s: float = 300.0
    probe_initial_s: float = 1.0
    probe_max_s: float = 60.0
    pull_interval_s: float = 30.0
    idle_poll_s: float = 2.0
    idle_probe_s: float = 5.0
    """An online destination with nothing to send looks at its line this often (one /health):
    without it a dead line was noticed only at the next pull, so of two destinations on one
    server one read "Online" ~20 s after the other read "Offline" (issue 18)."""
    read_timeout_s: float = 30.0
    auth_recheck_s: float = 300.0
    background_threads: bool = False
    """Run the engine's threads below normal OS priority (the window sets it: a draining backlog
    must not take the CPU, and with it the interpreter lock, from the GUI thread)."""

    def __post_init__(self) -> None:
        # A killed worker's items must be taken over within a minute.
        self.lease_seconds = min(float(self.lease_seconds), MAX_LEASE_SECONDS)

    @property
    def quiet_period_s(self) -> float:
        """How long after giving up on a request it may still reach the remote and take effect.

        Once the connection is reset nothing more of it leaves this machine; what is already on the
        line (a router's queue, a token bucket) still arrives, and the remote then applies it. A
        line whose transit plus the remote's work took longer than the read timeout could never
        have answered any request, so one read timeout bounds both; the connect timeout is added
        as a margin for a handshake retransmitted on the way.
        """
        return connect_timeout_s(self.read_timeout_s) + self.read_timeout_s

    @property
    def send_budget_s(self) -> float:
        """The longest one send can last: connecting, writing the request (the write timeout is
        the read timeout) and waiting for the answer."""
        return connect_timeout_s(self.read_timeout_s) + 2 * self.read_timeout_s

    @property
    def takeover_hold_s(self) -> float:
        """After a lease ran out, how long the engine that held it may still have a request on the
        line: it started no send after its lease ended, a send lasts at most `send_budget_s`,
        then the quiet period."""
        return self.send_budget_s + self.quiet_period_s


@dataclass
class EngineHooks:
    on_delivered: Callable[[Session, DeliveredItem, dict[str, Any]], None] | None = None
    on_changes: Callable[[Session, str, list[dict[str, Any]]], None] | None = None


@dataclass
class EngineEvent:
    """Told to listeners (the GUI bridge) from worker threads; cheap, never blocking."""

    destination: str
    kind: str  # online, offline, paused, resumed, batch, pulled
    detail: dict[str, Any] = field(default_factory=dict)


def _wait(initial: float, maximum: float, attempt: int) -> float:
    """Exponential backoff with jitter, from tenacity, for a given attempt number (1-based)."""
    strategy = wait_exponential_jitter(multiplier=initial, max=maximum, jitter=initial)
    state = RetryCallState(retry_object=None, fn=None, args=(), kwargs={})  # type: ignore[arg-type]
    state.attempt_number = max(1, attempt)
    return float(strategy(state))


def lower_thread_priority() -> None:
    """Put the calling thread below normal priority, best effort (Linux and Windows).

    Only a scheduling hint: when the machine has CPU to spare nothing changes; when it has not,
    the window's thread is served first.
    """
    try:
        if sys.platform.startswith("linux"):
            os.setpriority(os.PRIO_PROCESS, 0, 10)  # 0: the calling thread, on Linux
        elif sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetThreadPriority(kernel32.GetCurrentThread(), -1)  # BELOW_NORMAL
    except (OSError, AttributeError, ValueError):
        pass


def _default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class _Worker:
    """One destination's loop."""

    def __init__(self, engine: SyncEngine, config: DestinationConfig) -> None:
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
        # Failed sends and look-ups per item in this engine's life: the backoff's exponent.
        # Not `attempts`, which counts claims: a claim lost to a killed run raised it too, and in
        # a drill items whose claims died with 10 runs sat out 5-minute waits after one 5xx (issue
        # 19). A new engine starts from nothing, as its first look at the line releases waits.
        self.failures: dict[str, int] = {}
        self.failures_lock = threading.Lock()

    def failed(self, key: str) -> int:
        """One more failure of `key` in this engine; how many so far."""
        with self.failures_lock:
            count = self.failures.get(key, 0) + 1
            self.failures[key] = count
            return count

    def forget_failures(self, results: list[Result]) -> None:
        """Items that left the queue (delivered, refused) need no backoff any more."""
        with self.failures_lock:
            for result in results:
                if result.state is not ItemState.PENDING:
                    self.failures.pop(result.key, None)

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
        self.next_probe_at = time.monotonic() + _wait(
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
        state = ledger.read_destination(self.engine.db, self.name)
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

    # -- one item --------------------------------------------------------------------------------

    def look_up_first(self, item: Claimed) -> Result | None:
        """For an item that may not go blind: its verdict if the look-up settles it, None when it
        may be sent (not found, and no earlier request can still arrive)."""
        try:
            self.adapter.request_for(item.kind, item.payload, item.dependency_receipt)
        except MissingDependency as exc:
            return Result(item.key, ItemState.NEEDS_ATTENTION, reason=str(exc))
        asked_at = self.engine.clock(item)
        found = self.adapter.look_up(self.transport, item.kind, item.key)
        return self._after_look_up(item, found, asked_at)

    def look_up_many(self, items: list[Claimed], path: str) -> list[Result | None]:
        """`look_up_first` for many items of one kind in one request."""
        asked_at = [self.engine.clock(item) for item in items]
        answer = self.transport.call(
            "POST", path, json={"client_references": [item.key for item in items]}
        )
        outcomes = answer.body.get("results") if answer.verdict is Verdict.DELIVERED else None
        if not isinstance(outcomes, list) or len(outcomes) != len(items):
            return [self._after_look_up(item, answer, asked_at[0]) for item in items]
        settled: list[Result | None] = []
        for item, when, outcome in zip(items, asked_at, outcomes, strict=True):
            body = outcome.get("body") if isinstance(outcome.get("body"), dict) else {}
            if outcome.get("client_reference") != item.key:
                body, status = {}, 500  # an answer about another item proves nothing
            else:
                status = int(outcome.get("status") or 500)
            settled.append(self._after_look_up(item, judge(status, body), when))
        return settled

    def _after_look_up(self, item: Claimed, found: Answer, asked_at: datetime) -> Result | None:
        if found.verdict is Verdict.NOT_FOUND:
            if item.in_doubt_until is not None and asked_at < item.in_doubt_until:
                return self._inconclusive(item, asked_at)
            return None
        found.in_doubt = False  # a look-up that got no answer changed nothing anywhere
        result = self._judge(item, found, item.payload)
        if result.state is ItemState.PENDING and found.retry_after_s is None:
            # A failed look-up leaves the outcome unknown: it backs off as a send does (a sick
            # remote is not asked in a tight loop), but never longer than LOOK_UP_RETRY_MAX_S: at
            # the send's 5-minute cap one item the remote already held kept a drill waiting
            # (issue 19). A 429's Retry-After still holds.
            result.wait_s = min(result.wait_s, LOOK_UP_RETRY_MAX_S)
        return result

    def send(self, item: Claimed) -> Result:
        """One item in a request of its own (its look-up, if it needs one, is done already)."""
        try:
            request = self.adapter.request_for(item.kind, item.payload, item.dependency_receipt)
        except MissingDependency as exc:
            return Result(item.key, ItemState.NEEDS_ATTENTION, reason=str(exc))
        if not self.engine.lease_holds(item):
            return self._lease_lost(item)
        answer = self.transport.call(
            request.method, request.path, json=request.body, idempotency_key=item.key
        )
        return self._judge(item, answer, request.body)

    def _inconclusive(self, item: Claimed, asked_at: datetime) -> Result:
        """Not found, but an earlier request may still arrive: look again once it cannot."""
        assert item.in_doubt_until is not None
        return Result(
            item.key,
            ItemState.PENDING,
            reason=(
                "belum pasti: kiriman sebelumnya tanpa jawaban mungkin masih di jalan; "
                "dicek lagi sebelum dikirim ulang"
            ),
            wait_s=max(0.0, (item.in_doubt_until - asked_at).total_seconds()),
            verdict="in_doubt",
            no_effect=True,  # a look-up changes nothing at the remote: it is not an attempt
        )

    def _lease_lost(self, item: Claimed) -> Result:
        """Our hold on the item may have run out (renewals failed): another engine may take it."""
        return Result(item.key, ItemState.PENDING, reason="lease habis", no_effect=True)

    def _judge(self, item: Claimed, answer: Answer, body: dict[str, Any]) -> Result:
        result = self._verdict(item, answer, body)
        result.verdict = answer.verdict.value
        result.unreachable = answer.unreachable
        if answer.in_doubt:
            # Look it up at the next chance (a line that is back clears it at once); a "not
            # found" then only counts after the quiet period.
            quiet = timedelta(seconds=self.engine.settings.quiet_period_s)
            result.in_doubt_until = self.engine.clock(item) + quiet
            result.wait_s = 0.0
        return result

    def _verdict(self, item: Claimed, answer: Answer, body: dict[str, Any]) -> Result:
        settings = self.engine.settings
        if answer.verdict is Verdict.DELIVERED:
            return Result(
                item.key,
                ItemState.DELIVERED,
                receipt=self.adapter.receipt(item.kind, answer.body),
                status=answer.status,
            )
        if answer.verdict is Verdict.CONFLICT:
            adopted = self.adapter.adopt(item.kind, body, answer.body)
            if adopted is not None:
                return Result(item.key, ItemState.DELIVERED, receipt=adopted, status=answer.status)
            return Result(
                item.key, ItemState.NEEDS_ATTENTION, reason=answer.reason, status=answer.status
            )
        if answer.verdict in (Verdict.PERMANENT, Verdict.NOT_FOUND):
            return Result(
                item.key, ItemState.NEEDS_ATTENTION, reason=answer.reason, status=answer.status
            )
        # A blind first send refused with 401/403/429 cannot have reached the remote's records, so
        # it does not count: the next try may still go without looking first.
        no_effect = item.blind and (answer.verdict is Verdict.AUTH or answer.status == 429)
        if answer.verdict is Verdict.AUTH:
            return Result(
                item.key,
                ItemState.PENDING,
                reason=answer.reason,
                status=answer.status,
                no_effect=no_effect,
            )
        wait_s = answer.retry_after_s
        if wait_s is None:
            failures = self.failed(item.key)
            wait_s = _wait(settings.retry_initial_s, settings.retry_max_s, failures)
        return Result(
            item.key,
            ItemState.PENDING,
            reason=answer.reason,
            status=answer.status,
            wait_s=wait_s,
            no_effect=no_effect,
        )

    # -- loop ------------------------------------------------------------------------------------

    def send_many(self, items: list[Claimed], path: str) -> list[Result]:
        """Items of one kind in one request; each result is judged as if sent alone.

        Blind first attempts travel this way, and so do items whose look-up said "not found" once
        no earlier request for them could still arrive. The batch's Idempotency-Key is made from
        its members, so a batch is never confused with an earlier one of other items.
        """
        requests = []
        for item in items:
            requests.append(
                self.adapter.request_for(item.kind, item.payload, item.dependency_receipt)
            )
        members = hashlib.sha256("\n".join(item.key for item in items).encode()).hexdigest()
        batch_key = "batch-" + members[:48]
        if not all(self.engine.lease_holds(item) for item in items):
            return [self._lease_lost(item) for item in items]
        answer = self.transport.call(
            "POST", path, json={"items": [r.body for r in requests]}, idempotency_key=batch_key
        )
        outcomes = answer.body.get("results") if answer.verdict is Verdict.DELIVERED else None
        if not isinstance(outcomes, list) or len(outcomes) != len(items):
            # No per-item answer (an outage, a 5xx, a cut connection): every item is in doubt.
            return [
                self._judge(item, answer, request.body)
                for item, request in zip(items, requests, strict=True)
            ]
        results = []
        for item, request, outcome in zip(items, requests, outcomes, strict=True):
            body = outcome.get("body") if isinstance(outcome.get("body"), dict) else {}
            single = judge(int(outcome.get("status") or 500), body)
            results.append(self._judge(item, single, request.body))
        return results

    def send_all(self, batch: list[Claimed], pool: ThreadPoolExecutor) -> list[Result]:
        """Look up, side by side, what may not go blind; then send what may go, in batches."""
        settled = self._look_up_all([item for item in batch if not item.blind], pool)
        results: list[Result] = []
        ready: list[Claimed] = []
        for item in batch:
            verdict = settled.get(item.key)
            if verdict is None:
                ready.append(item)
            else:
                results.append(verdict)
        results.extend(self._send_ready(ready, pool))
        return results

    def _look_up_all(
        self, items: list[Claimed], pool: ThreadPoolExecutor
    ) -> dict[str, Result | None]:
        """Every look-up of a claim: many to a request where the remote allows, side by side."""
        groups: dict[str, list[Claimed]] = {}
        jobs = []
        for item in items:
            path = self.adapter.look_up_many_path(item.kind)
            if path is None:
                jobs.append(pool.submit(lambda one: [self.look_up_first(one)], item))
                groups.setdefault("", []).append(item)
            else:
                groups.setdefault(path, []).append(item)
        order: list[Claimed] = list(groups.pop("", []))
        size = self.engine.settings.batch_size
        for path, members in groups.items():
            for start in range(0, len(members), size):
                chunk = members[start : start + size]
                order.extend(chunk)
                jobs.append(pool.submit(self.look_up_many, chunk, path))
        verdicts: list[Result | None] = []
        for job in jobs:
            verdicts.extend(job.result())
        return {item.key: verdict for item, verdict in zip(order, verdicts, strict=True)}

    def _send_ready(self, batch: list[Claimed], pool: ThreadPoolExecutor) -> list[Result]:
        groups: dict[str, list[Claimed]] = {}
        alone: list[Claimed] = []
        for item in batch:
            path = self.adapter.batch_path(item.kind)
            if path is None:
                alone.append(item)
                continue
            try:
                self.adapter.request_for(item.kind, item.payload, item.dependency_receipt)
            except MissingDependency:
                alone.append(item)
                continue
            groups.setdefault(path, []).append(item)
        jobs = [pool.submit(self.send, item) for item in alone]
        # A claim holds up to `concurrency` batches: their requests go out side by side.
        size = self.engine.settings.batch_size
        for path, items in groups.items():
            for start in range(0, len(items), size):
                chunk = items[start : start + size]
                if len(chunk) == 1:
                    jobs.append(pool.submit(lambda item: [self.send(item)], chunk[0]))
                else:
                    jobs.append(pool.submit(self.send_many, chunk, path))
        results: list[Result] = []
        for job in jobs:
            outcome = job.result()
            results.extend(outcome if isinstance(outcome, list) else [outcome])
        return results

    def drain_once(self, pool: ThreadPoolExecutor) -> int:
        """Claim and send one batch; returns how many items were handled."""
        settings = self.engine.settings
        # One claim (and one write of the verdicts) for up to `concurrency` batch requests:
        # the database's two commits per claim are shared by that many more items, and the
        # requests travel in parallel instead of one after the other.
        batch = ledger.claim(
            self.engine.db,
            self.name,
            self.engine.owner,
            settings.batch_size * max(1, settings.concurrency),
            settings.lease_seconds,
            takeover_hold_s=settings.takeover_hold_s,
        )
        if not batch:
            return 0
        results = self.send_all(batch, pool)
        self.forget_failures(results)
        ledger.record(self.engine.db, self.engine.owner, results, self.engine.hooks.on_delivered)
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
        return len(results)

    def pull_if_due(self, *, force: bool = False) -> None:
        if self.engine.hooks.on_changes is None:
            return
        now = time.monotonic()
        if not force and now - self.last_pull_at < self.engine.settings.pull_interval_s:
            return
        self.last_pull_at = now
        for _ in range(100):  # bounded: at most 100 pages per pull
            cursor = ledger.read_destination(self.engine.db, self.name).cursor
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
                if not busy:
                    self.engine.wait_for_work(self.engine.settings.idle_poll_s)


class SyncEngine:
    """Per-destination workers off the calling thread, sharing one writer engine."""

    def __init__(
        self,
        db: Engine,
        destinations: list[DestinationConfig],
        *,
        hooks: EngineHooks | None = None,
        settings: EngineSettings | None = None,
        owner: str | None = None,
    ) -> None:
        self.db = db
        self.hooks = hooks or EngineHooks()
        self.settings = settings or EngineSettings()
        self.owner = owner or _default_owner()
        self.stopping = threading.Event()
        self._wake = threading.Event()
        self._listeners: list[Callable[[EngineEvent], None]] = []
        self.workers = {config.name: _Worker(self, config) for config in destinations}
        self._heartbeat: threading.Thread | None = None
        self._renewed_at = float("-inf")  # monotonic start of the last successful renewal

    # -- time and leases --------------------------------------------------------------------------

    @staticmethod
    def clock(item: Claimed) -> datetime:
        """Now, on the clock the item's lease and doubt were written with (the database's)."""
        return item.db_now + timedelta(seconds=time.monotonic() - item.claimed_at)

    def lease_holds(self, item: Claimed) -> bool:
        """Whether our lease on the item surely still runs, judged on this machine's monotonic
        clock from the start of the claim or of the last renewal (both before the database wrote
        the lease, so this errs on the safe side)."""
        since = max(item.claimed_at, self._renewed_at)
        return time.monotonic() < since + self.settings.lease_seconds

    # -- events ----------------------------------------------------------------------------------

    def add_listener(self, listener: Callable[[EngineEvent], None]) -> None:
        self._listeners.append(listener)

    def emit(self, event: EngineEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("sync listener failed")

    def wake(self) -> None:
        """New items were queued: look now rather than at the next poll."""
        self._wake.set()

    def line_lost(self, found_by: _Worker) -> None:
        """One destination found its server dead: the others on that server look at once, so
        the window does not show one "Offline" and its neighbour "Online" for half a minute."""
        server = found_by.transport.server
        for worker in self.workers.values():
            if worker is not found_by and worker.online and worker.transport.server == server:
                worker.look_now.set()
        self.wake()

    def wait_for_work(self, timeout: float) -> None:
        if self._wake.wait(timeout):
            self._wake.clear()

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> None:
        self.stopping.clear()
        for worker in self.workers.values():
            worker.thread = threading.Thread(
                target=worker.run, name=f"sync-worker-{worker.name}", daemon=True
            )
            worker.thread.start()
        self._heartbeat = threading.Thread(target=self._renew, name="sync-leases", daemon=True)
        self._heartbeat.start()

    def _renew(self, done: threading.Event | None = None) -> None:
        interval = max(0.2, self.settings.lease_seconds / 3)
        done = done or self.stopping
        failures = RepeatedFailure(log, "lease renewal")
        while not done.wait(interval):
            try:
                started = time.monotonic()
                ledger.renew_leases(self.db, self.owner, self.settings.lease_seconds)
                self._renewed_at = started
                failures.succeeded()
            except Exception as error:
                failures.failed(error)

    def stop(self, timeout: float = 30.0) -> None:
        self.stopping.set()
        self._wake.set()
        for worker in self.workers.values():
            if worker.thread is not None:
                worker.thread.join(timeout)
        if self._heartbeat is not None:
            self._heartbeat.join(timeout)
        try:
            ledger.release_leases(self.db, self.owner, self.settings.takeover_hold_s)
        except Exception:  # the office server is down: the leases simply run out instead
            log.warning("could not hand back the leases at stop; they expire by themselves")
        for worker in self.workers.values():
            worker.transport.close()

    # -- one-shot runs (the command line) ---------------------------------------------------------

    def run_pass(self) -> None:
        """Send everything that can leave now, once, on the calling thread; pull status once.

        The leases are renewed meanwhile, as the worker threads' are: a send slower than a lease
        must not let another engine (the window's) take the item and send it a second time.
        """
        done = threading.Event()
        heartbeat = threading.Thread(
            target=self._renew, args=(done,), name="sync-leases-pass", daemon=True
        )
        heartbeat.start()
        try:
            with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
                for worker in self.workers.values():
                    if worker.paused() or not worker.ensure_online():
                        continue
                    while worker.drain_once(pool):
                        if worker.paused() or not worker.online:
                            break
                    if worker.online and not worker.paused():
                        worker.pull_if_due(force=True)
        finally:
            done.set()
            heartbeat.join()

    def run_until_empty(self, timeout_s: float, *, poll_s: float = 0.5) -> bool:
        """Keep going (through outages and taken-over leases) until nothing can still leave.

        Returns True when nothing sendable is left, False on timeout.
        """
        deadline = time.monotonic() + timeout_s
        self.start()
        try:
            while time.monotonic() < deadline:
                if self.remaining() == 0:
                    for worker in self.workers.values():
                        if worker.online and not worker.paused():
                            worker.pull_if_due(force=True)
                    return True
                time.sleep(poll_s)
            return False
        finally:
            self.stop()

    def remaining(self) -> int:
        """Items that can still leave by themselves (not paused, not behind a refused item)."""
        active = {
            name for name in self.workers if not ledger.read_destination(self.db, name).paused
        }
        with Session(self.db) as session:
            return ledger.sendable_open(session, active)
