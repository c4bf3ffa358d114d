"""The line is dead, then comes back: the outage is logged, the engine waits without hammering, and
the backlog leaves by itself, with no command, once the remote answers again."""

from __future__ import annotations

import time

from desktools import wait_until
from synctools import Desk, as_utc

from sync.sim.process import SimHandle


def test_outage_is_logged_and_backlog_drains_by_itself_when_the_line_returns(
    desk: Desk, offline_sim: SimHandle
) -> None:
    sim = offline_sim
    desk.connect(sim)
    applicants = desk.register_many(6)
    for applicant in applicants[:3]:
        desk.request_passport(applicant)
    engine = desk.engine()
    engine.start()

    wait_until(
        lambda: [o for o in desk.outages("registry") if o.ended_at is None],
        10,
        "an open registry outage",
    )
    wait_until(lambda: desk.outages("immigration"), 10, "an immigration outage")
    (outage,) = desk.outages("registry")
    assert outage.ended_at is None
    assert outage.backlog_at_start == 6
    assert outage.reason
    state = desk.destination("registry")
    assert state.online is False
    assert state.offline_since is not None
    status = desk.status()
    assert status["registry"]["online"] is False
    assert status["registry"]["offline_since"] is not None
    assert status["registry"]["pending"] == 6

    time.sleep(0.5)  # still offline: nothing sent, nothing given up, one outage only
    assert all(item.state == "pending" for item in desk.items())
    assert all(item.attempts == 0 for item in desk.items()), "items were tried on a dead line"
    assert len(desk.outages("registry")) == 1
    assert sim.stats()["registry"]["received"] == 0

    sim.set_faults(offline=False)  # the bill is paid; nobody touches the counter

    # A generous bound for a loaded box, and still far below the 5-minute backoff that a dead
    # line's failures would have earned if the engine had kept sending into it.
    wait_until(desk.all_delivered, 60, "backlog drained without any command")
    engine.stop()
    for name in ("registry", "immigration"):
        (outage,) = desk.outages(name)
        assert outage.ended_at is not None
        assert as_utc(outage.ended_at) > as_utc(outage.started_at)
        state = desk.destination(name)
        assert state.online is True
        assert state.offline_since is None
    stats = sim.stats()
    assert stats["registry"]["applied"] == 6
    assert stats["immigration"]["applied"] == 3
    assert stats["registry"]["duplicate_effects"] == 0
    assert all(item.attempts == 1 for item in desk.items())


def test_line_cut_mid_run_opens_a_new_outage_and_recovers(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    desk.register_many(2)
    engine = desk.engine()
    engine.start()
    wait_until(desk.all_delivered, 10, "first batch delivered")
    assert desk.outages("registry") == []

    sim.set_faults(offline=True)
    desk.register_many(3, first=10)
    engine.wake()
    wait_until(
        lambda: [o for o in desk.outages("registry") if o.ended_at is None],
        10,
        "registry outage opened by the engine",
    )
    assert not desk.destination("registry").online

    sim.set_faults(offline=False)
    wait_until(desk.all_delivered, 20, "the new backlog drained by itself")
    wait_until(
        lambda: all(o.ended_at is not None for o in desk.outages("registry")),
        10,
        "outage closed",
    )
    engine.stop()
    assert len(desk.outages("registry")) == 1
    stats = sim.stats()["registry"]
    assert stats["applied"] == 5
    assert stats["duplicate_effects"] == 0
