"""Sending one claim: look-ups first where an item may not go blind, then the requests, batched
where the remote allows, side by side on the worker's pool; each answer judged into a verdict.

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

Nothing here writes to the database: the worker records the verdicts (`sync.ledger.record`).
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any, Protocol

from sync.destinations import Destination, MissingDependency
from sync.engine_contract import EngineSettings
from sync.leases import Claimed
from sync.ledger import Result
from sync.models import ItemState
from sync.retry_policy import RetryPolicy
from sync.retry_policy import backoff_s as backoff_s  # the worker's probe backoff
from sync.transport import Answer, Transport, Verdict, judge

LOOK_UP_RETRY_MAX_S = 10.0
"""The longest wait after a failed look-up: a look-up changes nothing at the remote, and an item
whose outcome is unknown is looked up again soon (issue 19), not after the send's backoff."""


class LeaseClock(Protocol):
    """What the sender asks of its engine: the database's time for an item, and whether our lease
    on it surely still runs (the engine renews the leases)."""

    def clock(self, item: Claimed) -> datetime: ...

    def lease_holds(self, item: Claimed) -> bool: ...


class ClaimSender:
    """One destination's look-ups and sends, and the judging of their answers."""

    def __init__(
        self,
        adapter: Destination,
        transport: Transport,
        settings: EngineSettings,
        leases: LeaseClock,
    ) -> None:
        self.adapter = adapter
        self.transport = transport
        self.settings = settings
        self.leases = leases
        # Failed sends and look-ups per item in this engine's life, and the waits they get
        # (`sync.retry_policy`): soon while the line's failure rate explains them, a backoff
        # when it does not.
        self.retries = RetryPolicy(settings)
        self.health = self.retries.health

    def forget_failures(self, results: list[Result]) -> None:
        """Items that left the queue (delivered, refused) need no backoff any more."""
        self.retries.forget([r.key for r in results if r.state is not ItemState.PENDING])

    # -- one item --------------------------------------------------------------------------------

    def look_up_first(self, item: Claimed) -> Result | None:
        """For an item that may not go blind: its verdict if the look-up settles it, None when it
        may be sent (not found, and no earlier request can still arrive)."""
        try:
            self.adapter.request_for(item.kind, item.payload, item.dependency_receipt)
        except MissingDependency as exc:
            return Result(item.key, ItemState.NEEDS_ATTENTION, reason=str(exc))
        asked_at = self.leases.clock(item)
        found = self.adapter.look_up(self.transport, item.kind, item.key)
        self.health.saw(found)
        return self._after_look_up(item, found, asked_at)

    def look_up_many(self, items: list[Claimed], path: str) -> list[Result | None]:
        """`look_up_first` for many items of one kind in one request."""
        asked_at = [self.leases.clock(item) for item in items]
        answer = self.transport.call(
            "POST", path, json={"client_references": [item.key for item in items]}
        )
        self.health.saw(answer)
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
            result.wait_cap_s = LOOK_UP_RETRY_MAX_S
            result.wait_s = min(result.wait_s, LOOK_UP_RETRY_MAX_S)
        return result

    def send(self, item: Claimed) -> Result:
        """One item in a request of its own (its look-up, if it needs one, is done already)."""
        try:
            request = self.adapter.request_for(item.kind, item.payload, item.dependency_receipt)
        except MissingDependency as exc:
            return Result(item.key, ItemState.NEEDS_ATTENTION, reason=str(exc))
        if not self.leases.lease_holds(item):
            return self._lease_lost(item)
        answer = self.transport.call(
            request.method, request.path, json=request.body, idempotency_key=item.key
        )
        self.health.saw(answer)
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
            quiet = timedelta(seconds=self.settings.quiet_period_s)
            result.in_doubt_until = self.leases.clock(item) + quiet
            result.wait_s = 0.0
        return result

    def _verdict(self, item: Claimed, answer: Answer, body: dict[str, Any]) -> Result:
        settings = self.settings
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
        wait_s, failures = answer.retry_after_s, 0
        if answer.in_doubt:
            wait_s = 0.0  # looked up at the next claim (`_judge`)
        elif wait_s is None:
            # The wait is set once the whole claim is answered (`send_all`): whether the remote
            # answers the others decides it. This one holds if the result goes elsewhere. A send
            # with no answer is not counted: it is settled by a look-up at the next claim, and
            # its resend is paced by the quiet period, not by a backoff.
            failures = self.retries.failed(item.key)
            wait_s = backoff_s(settings.retry_initial_s, settings.retry_max_s, failures)
        return Result(
            item.key,
            ItemState.PENDING,
            reason=answer.reason,
            status=answer.status,
            wait_s=wait_s,
            no_effect=no_effect,
            failures=failures,
        )

    # -- a whole claim ---------------------------------------------------------------------------

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
        if not all(self.leases.lease_holds(item) for item in items):
            return [self._lease_lost(item) for item in items]
        answer = self.transport.call(
            "POST", path, json={"items": [r.body for r in requests]}, idempotency_key=batch_key
        )
        self.health.saw(answer)
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
        for result in results:
            if result.failures and result.in_doubt_until is None:
                result.wait_s = self.retries.wait(result.key, result.failures, result.wait_cap_s)
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
        size = self.settings.batch_size
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
        size = self.settings.batch_size
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
