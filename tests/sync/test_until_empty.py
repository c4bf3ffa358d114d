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

from ltsa_desk.services.sync_setup import build_engine
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
    database = desk.workspace.database.engine  # its listeners hear the writer's statements too
    counts: list[str] = []

    def seen(*args: Any) -> None:
        statement = args[2]
        if statement.lstrip().upper().startswith("SELECT COUNT(*)"):
            counts.append(statement)

    event.listen(database, "before_cursor_execute", seen)
    try:
        desk.drain(timeout=120, batch_size=1, concurrency=1)
    finally:
        event.remove(database, "before_cursor_execute", seen)
    assert desk.all_delivered(), desk.states()
    # At the end: the idle worker's word, then one count that finds nothing left. A loaded box
    # may add the every-5-seconds count; never one per poll.
    assert 1 <= len(counts) <= 4, len(counts)
    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["duplicate_effects"]) == (ITEMS, 0)


def test_counting_the_queue_and_reading_a_pause_do_not_wait_for_the_write_lock(
    desk: Desk, sim: SimHandle
) -> None:
    """While a claim or a verdict holds SQLite's write lock, the count and a worker's look at its
    destination's state read a snapshot instead of queueing for the lock (they took it too, and
    the claim after them waited in turn). Here another transaction holds the lock throughout:
    before, the count waited out the 30 s busy timeout and failed."""
    desk.connect(sim)
    desk.register_many(3)
    engine = build_engine(desk.workspace.config, desk.workspace.database)
    try:
        with desk.workspace.database.writer.connect() as holder:
            holder.begin()  # BEGIN IMMEDIATE: the write lock, held until the rollback below
            left = engine.remaining()
            paused = engine.workers["registry"].paused()
            holder.rollback()
    finally:
        engine.stop()
    assert (left, paused) == (3, False)
