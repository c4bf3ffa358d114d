"""The drain's pipeline (`sync.pipeline`): the next claim is taken while one is on the line, and a
stop or a kill at that moment still ends with every item delivered exactly once.

Against the simulator that ignores `Idempotency-Key`, so a blind resend shows as a duplicate
effect. Its latency holds each request on the line long enough to find the engine with two
claims out: one answered by nobody yet, the next taken but not sent.
"""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

from desktools import cli_command, wait_until
from synctools import Desk

from sync.pipeline import NOT_SENT
from sync.sim.process import SimHandle
from sync.worker import CLAIM_ROUNDS

BATCH = 2  # batch_size 2, concurrency 1: requests of two items, one at a time
CLAIM = BATCH * CLAIM_ROUNDS  # the items of one claim: CLAIM_ROUNDS such requests
ITEMS = 3 * CLAIM
LATENCY_MS = 3000


def _in_flight(desk: Desk) -> int:
    return desk.states().get("in_flight", 0)


def _registered_once(desk: Desk, sim: SimHandle) -> None:
    assert desk.all_delivered(), desk.states()
    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["duplicate_effects"]) == (ITEMS, 0), stats
    assert len(sim.records("registry")) == ITEMS


def test_a_stop_with_the_next_claim_taken_hands_it_back_unsent(
    desk: Desk, careless_sim: SimHandle
) -> None:
    desk.connect(careless_sim)
    desk.register_many(ITEMS)
    careless_sim.set_faults(latency_ms=LATENCY_MS)
    engine = desk.engine(batch_size=BATCH, concurrency=1)
    engine.start()

    wait_until(
        lambda: _in_flight(desk) == 2 * CLAIM,
        30,
        "the next claim taken while the first is on the line",
        interval=0.02,
    )
    engine.stop()
    careless_sim.set_faults(latency_ms=0)

    items = desk.items()
    assert "in_flight" not in desk.states(), "the stop left items half-recorded"
    delivered = {i.key for i in items if i.state == "delivered"}
    waiting = [i for i in items if i.state == "pending"]
    assert delivered and waiting, desk.states()
    # What went on the line is written; what never left is as it was before its claim.
    sent = {r["client_reference"] for r in careless_sim.records("registry")}
    assert sent == delivered
    assert all(i.attempts == 0 and i.in_doubt_until is None for i in waiting), [
        (i.attempts, i.in_doubt_until) for i in waiting
    ]
    handed_back = [i for i in waiting if i.last_error == NOT_SENT]
    assert len(handed_back) == CLAIM, [i.last_error for i in waiting]

    desk.drain(timeout=30)
    _registered_once(desk, careless_sim)
    assert all(i.attempts == 1 for i in desk.items()), "an item went twice"


def test_a_kill_with_the_next_claim_taken_delivers_everything_once(
    desk: Desk, careless_sim: SimHandle
) -> None:
    """`sync run --until-empty` killed while one claim is on the line and the next is taken: the
    taker finds both in flight under a dead lease, looks them up, and sends only what the remote
    does not hold, after the quiet period."""
    desk.connect(careless_sim)
    desk.register_many(ITEMS)
    config = desk.workspace.config
    config.set("sync.batch_size", str(BATCH))
    config.set("sync.concurrency", "1")
    config.set("sync.lease_seconds", "2")
    config.save()
    careless_sim.set_faults(latency_ms=LATENCY_MS)
    data_dir: Path = desk.workspace.data_dir
    run = subprocess.Popen(
        cli_command(data_dir, "sync", "run", "--until-empty", "--timeout", "60"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(
            lambda: _in_flight(desk) == 2 * CLAIM,
            60,
            "the next claim taken while the first is on the line",
            interval=0.02,
        )
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait(10)
    careless_sim.set_faults(latency_ms=0)
    assert _in_flight(desk) == 2 * CLAIM

    # A short read timeout keeps the taker's hold (a send's budget and the quiet period) short.
    desk.drain(timeout=60, read_timeout_s=0.5, batch_size=BATCH, concurrency=1)

    _registered_once(desk, careless_sim)
