"""Two destinations on one server go offline together (issue 18).

The window showed the registry "Online" about 20 s after immigration on the same server showed
"Offline": an idle, online worker only learnt of a dead line at its next status pull (every 30 s),
so whichever destination happened to send first found out first. Here the real ltsa-sim is
stopped and the engine must notice it on both lines: an idle line is looked at on its own every
``idle_probe_s``, and a line found dead makes every other destination on the same server look at
once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from desktools import wait_until
from synctools import Desk

from sync.sim.process import SimHandle, run_sim_process

# Pulls (which would notice a dead line too, slowly) are kept out of the way: what is looked at
# here is the line watch itself.
NO_PULLS = {"pull_interval_s": 3600.0}


@pytest.fixture
def own_sim(tmp_path: Path) -> Iterator[SimHandle]:
    """A simulator of its own: the test stops it."""
    with run_sim_process(tmp_path / "sim-own") as handle:
        yield handle


def _online(desk: Desk, name: str) -> bool:
    return bool(desk.status()[name]["online"])


def test_an_idle_line_notices_the_server_stopped(desk: Desk, own_sim: SimHandle) -> None:
    desk.connect(own_sim)
    engine = desk.engine(idle_probe_s=0.2, **NO_PULLS)
    engine.start()
    wait_until(lambda: _online(desk, "registry") and _online(desk, "immigration"), 10, "online")

    own_sim.stop()
    wait_until(
        lambda: not _online(desk, "registry") and not _online(desk, "immigration"),
        20,
        "both idle destinations offline once the server stopped",
    )
    for name in ("registry", "immigration"):
        assert [o for o in desk.outages(name) if o.ended_at is None], f"{name}: no open outage"


def test_a_dead_line_makes_its_neighbour_on_the_same_server_look(
    desk: Desk, own_sim: SimHandle
) -> None:
    desk.connect(own_sim)
    # Idle checks far apart: only the neighbour's finding can make immigration look now.
    engine = desk.engine(idle_probe_s=3600.0, **NO_PULLS)
    engine.start()
    wait_until(lambda: _online(desk, "registry") and _online(desk, "immigration"), 10, "online")

    own_sim.stop()
    desk.register_many(1)  # the registry finds the line dead while sending
    engine.wake()
    wait_until(lambda: not _online(desk, "registry"), 20, "registry offline")
    wait_until(
        lambda: not _online(desk, "immigration"),
        20,
        "immigration, idle on the same server, offline with it",
    )
