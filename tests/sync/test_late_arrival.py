"""A given-up request that still arrives must never meet a resend.

A slow line goes on delivering a request after the counter has given up on it. The test's own proxy
(`holdproxy`) plays that line deterministically: it keeps one request's bytes until the engine has
timed out and closed the connection, then hands them to a simulator that does not deduplicate
(`--no-idempotency`), where every second copy is a duplicate effect. A look-up right after the
time-out finds nothing (the request has not arrived yet); only a look-up after the quiet period,
which outlasts what the line can still deliver, may lead to a resend.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktools import wait_until
from holdproxy import Hold, HoldProxy
from synctools import Desk

from sync.sim.process import SimHandle

READ_TIMEOUT_S = 1.0  # the engine gives up on an answer after this long (quiet period: 2 s)


@pytest.fixture
def proxy(careless_sim: SimHandle) -> Iterator[HoldProxy]:
    with HoldProxy(("127.0.0.1", careless_sim.systems_port)) as made:
        yield made


def _through(desk: Desk, sim: SimHandle, proxy: HoldProxy) -> None:
    """Both destinations reached through the proxy (the token follows the address)."""
    desk.connect(sim, via=proxy)


def _records_per_nik(sim: SimHandle) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in sim.records("registry"):
        counts[record["nik"]] = counts.get(record["nik"], 0) + 1
    return counts


def test_late_batch_is_not_resent(desk: Desk, careless_sim: SimHandle, proxy: HoldProxy) -> None:
    _through(desk, careless_sim, proxy)
    applicants = desk.register_many(5)
    hold = proxy.arm(Hold(b"POST /registry/v1/workers:batch", deliver_after_s=0.8))

    desk.drain(timeout=30, read_timeout_s=READ_TIMEOUT_S)
    wait_until(lambda: hold.delivered, 10, "the held batch to reach the simulator")

    assert len(hold.held) == 1, "the first batch was held and delivered late"
    assert hold.delivered == [200], "the late batch was applied by the simulator"
    stats = careless_sim.stats()["registry"]
    assert stats["duplicate_effects"] == 0, stats
    assert _records_per_nik(careless_sim) == {a.nik: 1 for a in applicants}
    for applicant in applicants:
        (item,) = desk.items(applicant)
        assert item.state == "delivered"
        assert desk.applicant(applicant).registry_id == item_receipt_id(item)


def item_receipt_id(item: object) -> str:
    import json

    return json.loads(item.receipt)["registry_id"]  # type: ignore[attr-defined]


def test_late_single_send_is_not_resent(
    desk: Desk, careless_sim: SimHandle, proxy: HoldProxy
) -> None:
    _through(desk, careless_sim, proxy)
    (applicant,) = desk.register_many(1)
    hold = proxy.arm(Hold(b"POST /registry/v1/workers ", deliver_after_s=0.8))

    desk.drain(timeout=30, read_timeout_s=READ_TIMEOUT_S)
    wait_until(lambda: hold.delivered, 10, "the held registration to reach the simulator")

    assert hold.delivered == [201] or hold.delivered == [200]
    assert careless_sim.stats()["registry"]["duplicate_effects"] == 0
    assert _records_per_nik(careless_sim) == {applicant.nik: 1}
    (item,) = desk.items(applicant)
    assert item.state == "delivered"


def test_late_resend_after_a_look_up_is_not_resent_again(
    desk: Desk, careless_sim: SimHandle, proxy: HoldProxy
) -> None:
    """The first send is lost for good; the resend after the quiet period is itself held."""
    _through(desk, careless_sim, proxy)
    (applicant,) = desk.register_many(1)
    lost = proxy.arm(Hold(b"POST /registry/v1/workers ", deliver_after_s=3600))
    engine = desk.engine(read_timeout_s=READ_TIMEOUT_S)
    engine.start()
    wait_until(lambda: lost.client_closed_at, 10, "the engine to give up on the first send")
    late = proxy.arm(Hold(b"POST /registry/v1/workers ", deliver_after_s=0.8))
    wait_until(lambda: late.delivered, 20, "the resend to be held, then delivered late")
    wait_until(lambda: desk.items(applicant)[0].state == "delivered", 20, "delivery")
    engine.stop()
    assert careless_sim.stats()["registry"]["duplicate_effects"] == 0
    assert _records_per_nik(careless_sim) == {applicant.nik: 1}


def test_takeover_from_a_killed_sync_run_waits_for_its_request(
    desk: Desk, careless_sim: SimHandle, proxy: HoldProxy, tmp_path: Path
) -> None:
    """`sync run` is killed while its batch is on the line; the next engine takes the lease over."""
    _through(desk, careless_sim, proxy)
    config = desk.workspace.config
    config.set("sync.lease_seconds", "1")
    config.save()
    applicants = desk.register_many(3)
    hold = proxy.arm(Hold(b"POST /registry/v1/workers:batch", deliver_after_s=1.5))

    env = {**os.environ, "LTSA_DATA_DIR": str(desk.workspace.data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "ltsa_desk", "sync", "run", "--until-empty", "--timeout", "60"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: hold.held, 30, "the sync run's batch to be on the line")
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    killed_at = time.monotonic()

    # The window's engine takes over once the lease ran out, with quick read time-outs.
    desk.drain(timeout=60, read_timeout_s=READ_TIMEOUT_S)
    wait_until(lambda: hold.delivered, 10, "the dead process's batch to arrive")
    assert hold.client_closed_at and hold.client_closed_at[0] >= killed_at - 1
    assert careless_sim.stats()["registry"]["duplicate_effects"] == 0
    assert _records_per_nik(careless_sim) == {a.nik: 1 for a in applicants}
