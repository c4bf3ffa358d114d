"""A destination's drain as a pipeline: while one claim is on the line, the claim before it has
its verdicts written and the claim after it is taken.

Why. A worker that takes turns (claim, send, write the verdicts, claim again) leaves the line idle
while the database works and the database idle while the line works. On a quiet 2-core box a drain
of 10,000 registrations spent 44% of its time sending, 35% writing verdicts and 20% claiming, and
reached 0.25 of raw batched httpx at the same batch size and concurrency (issue 19). The durable
commits are the engine's own cost; here they are paid while the requests travel.

One turn, with claim B on the line::

    claim C                     (overlaps B's requests)
    wait for B's answers
    put C on the line           (before anything is written: the line never waits for the disk)
    write B's verdicts          (overlaps C's requests)

What keeps holding:

- Concurrency: one claim is on the line at a time, so at most `concurrency` requests travel, as
  before; only the database's work moves.
- Case order and dependencies: they are the claim's own conditions (`sync.leases`): an item whose
  predecessor is still in flight, or whose dependency is not delivered, is not claimed. A claim
  made while its predecessor is on the line therefore skips it; once the verdicts are written, a
  turn that claimed nothing claims again before the drain ends, so the dependent goes in the same
  drain.
- Leases: a claim taken early is checked like any other right before each request
  (`ClaimSender` never starts a send on a lease that may have run out).
- Exactly-once: each claim's verdicts are written in one transaction (`sync.ledger.record`), and a
  kill between a send and its write leaves the items in flight with the attempt counted (taken
  over in doubt and looked up, never resent blind), as before.
- Stop, a refused credential, a dead line: the claim on the line is answered and written, and a
  claim taken meanwhile that never left is handed back in the same transaction as "not sent"
  (`no_effect`: its attempt uncounted, so a first attempt stays blind), not left in flight to be
  taken over in doubt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

from sync.leases import Claimed
from sync.ledger import Result
from sync.models import ItemState
from sync.transport import Verdict

log = logging.getLogger(__name__)

NOT_SENT = "belum dikirim: pengiriman dihentikan sebelum item ini berangkat"
"""The reason written on a claimed item handed back unsent (a stop, a pause, a dead line)."""


class Stage(Protocol):
    """What the pipeline asks of its worker (`sync.worker.DestinationWorker`)."""

    name: str

    def claim_batch(self) -> list[Claimed]: ...

    def send_batch(self, batch: list[Claimed]) -> list[Result]: ...

    def record_batch(self, results: list[Result]) -> None: ...

    def after_batch(self, results: list[Result]) -> None: ...

    def stopping(self) -> bool: ...


def not_sent(batch: list[Claimed]) -> list[Result]:
    """Verdicts for claimed items that never left: pending again, the claim's attempt uncounted."""
    return [Result(item.key, ItemState.PENDING, reason=NOT_SENT, no_effect=True) for item in batch]


def line_is_usable(results: list[Result]) -> bool:
    """Whether the next claim may go: no refused credentials and no dead line in these answers."""
    return not any(r.unreachable or r.verdict == Verdict.AUTH.value for r in results)


def drain(stage: Stage, initializer: Callable[[], None] | None = None) -> int:
    """Claim, send and write verdicts until nothing is ready; how many items were handled.

    The requests of a claim go from a thread of their own (`line`); this thread claims and writes.
    """
    batch = stage.claim_batch()
    if not batch:
        return 0
    handled = 0
    with ThreadPoolExecutor(
        1, thread_name_prefix=f"sync-{stage.name}-line", initializer=initializer
    ) as line:
        on_line: Future[list[Result]] | None = line.submit(stage.send_batch, batch)
        try:
            while on_line is not None:
                following, failure = _claim_ahead(stage)
                answered, on_line = on_line, None
                try:
                    results = answered.result()
                except BaseException:
                    _hand_back(stage, following)
                    raise
                unsent = following
                if following and not stage.stopping() and line_is_usable(results):
                    on_line = line.submit(stage.send_batch, following)
                    unsent = []
                stage.record_batch(results + not_sent(unsent))
                handled += len(results)
                stage.after_batch(results)
                if failure is not None:
                    raise failure  # the claim's error, once what was on the line is written
                if on_line is None and not unsent and not stage.stopping():
                    on_line = _claim_again(stage, line, results)
        finally:
            if on_line is not None:
                _write_last(stage, on_line)
    return handled


def _claim_ahead(stage: Stage) -> tuple[list[Claimed], Exception | None]:
    """The next claim, taken while one is on the line; an error (the database's) is kept for
    after the claim on the line is answered and written."""
    if stage.stopping():
        return [], None
    try:
        return stage.claim_batch(), None
    except Exception as error:
        return [], error


def _claim_again(
    stage: Stage, line: ThreadPoolExecutor, results: list[Result]
) -> Future[list[Result]] | None:
    """Nothing was ready while `results` were in flight: items that waited for them (the next of
    a chain, a dependent) may be ready now that they are written."""
    if not line_is_usable(results):
        return None
    batch = stage.claim_batch()
    return line.submit(stage.send_batch, batch) if batch else None


def _hand_back(stage: Stage, batch: list[Claimed]) -> None:
    """A claim that will not be sent (the send before it failed unexpectedly): handed back at
    once, best effort (else its lease runs out and it is taken over in doubt)."""
    if not batch:
        return
    try:
        stage.record_batch(not_sent(batch))
    except Exception:
        log.exception("sync %s: a claim not sent was not handed back", stage.name)


def _write_last(stage: Stage, on_line: Future[list[Result]]) -> None:
    """An error stopped the turn while a claim was on the line: its answers are written all the
    same (best effort: the error may be the database's; the items then stay in flight under their
    lease, and are taken over in doubt, as after a kill)."""
    try:
        results = on_line.result()
        stage.record_batch(results)
        stage.after_batch(results)
    except Exception:
        log.exception("sync %s: the verdicts of the claim on the line were not written", stage.name)
