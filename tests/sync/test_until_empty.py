"""`sync run --until-empty` (`SyncEngine.run_until_empty`): when it counts what is left.

The count reads every open item of the queue; the drain used to run it on a timer (20 times a
second in the benchmark, every half second from the command line) while the workers were busy,
and in the drain's profile it took 6% of the engine's time. It now counts when a worker finds
nothing to do, and ends as soon as that count is zero.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from synctools import Desk

from sync.sim.process import SimHandle

ITEMS = 12


def test_the_queue_is_counted_when_a_worker_goes_idle_not_on_a_timer(
    desk: Desk, sim: SimHandle
) -> None:
    desk.connect(sim)
    desk.register_many(ITEMS)
    # One item per request, each held 200 ms on the line: a drain of 2.4 s or more, during
    # which a 50 ms timer would have counted about 50 times.
    sim.set_faults(latency_ms=200)
    writer = desk.workspace.database.writer
    counts: list[str] = []

    def seen(*args: Any) -> None:
        statement = args[2]
        if statement.lstrip().upper().startswith("SELECT COUNT(*)"):
            counts.append(statement)

    event.listen(writer, "before_cursor_execute", seen)
    try:
        desk.drain(timeout=120, batch_size=1, concurrency=1)
    finally:
        event.remove(writer, "before_cursor_execute", seen)
    assert desk.all_delivered(), desk.states()
    # At the end: the idle worker's word, then one count that finds nothing left. A loaded box
    # may add the every-5-seconds count; never one per poll.
    assert 1 <= len(counts) <= 4, len(counts)
    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["duplicate_effects"]) == (ITEMS, 0)
