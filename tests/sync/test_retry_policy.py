"""How many failures in a row an item may meet and still go again soon (issue 19): as many as the
line's own failure rate explains, so on a line that fails 40% of requests a chain of ten is
chance, not the item; an item the remote fails on by itself (a "poison" item) still backs off,
exponentially, while the others go. The failures come from the tests' own proxy (`failproxy`),
in a fixed order, in front of a simulator that does not deduplicate: exactly once holds
throughout."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from failproxy import FailPlan, FailProxy
from synctools import Desk, as_utc

from ltsa_desk.store.models import Applicant
from sync.engine import SyncEngine
from sync.engine_contract import EngineSettings
from sync.models import OutboxItem
from sync.retry_policy import (
    HEALTH_WINDOW,
    RETRY_SOON_S,
    SOON_TRIES,
    SOON_TRIES_MAX,
    LineHealth,
    RetryPolicy,
    soon_tries,
)
from sync.sim.process import SimHandle
from sync.transport import Answer, Verdict

SLOW = {"retry_initial_s": 20.0, "retry_max_s": 300.0, "batch_size": 1}
"""A backoff no test waits out: an item that goes again within a test went soon. One item per
request, so each item's requests are its own."""

FRESH_PER_ROUND = 6
ONE_IN_THREE = (True, False, False)


@pytest.fixture
def proxy(careless_sim: SimHandle) -> Iterator[FailProxy]:
    with FailProxy(("127.0.0.1", careless_sim.systems_port)) as made:
        yield made


def _through(desk: Desk, sim: SimHandle, proxy: FailProxy) -> SyncEngine:
    """Both destinations reached through the proxy; an engine that has seen ten answers."""
    desk.connect(sim, via=proxy)
    desk.register_many(10)
    engine = desk.engine(**SLOW)
    engine.run_pass()
    assert desk.states() == {"delivered": 10}
    return engine


def _wait(item: OutboxItem) -> timedelta:
    return as_utc(item.next_attempt_at) - as_utc(item.updated_at)


def _key(desk: Desk, applicant: Applicant) -> str:
    (item,) = desk.items(applicant)
    return item.key


def _all_once(desk: Desk, sim: SimHandle, proxy: FailProxy) -> None:
    proxy.set_plan(FailPlan())
    for item in desk.items():
        if item.state == "pending":
            desk.force(item.key, next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
    desk.drain(timeout=30)
    total = len(desk.items())
    assert desk.states() == {"delivered": total}
    stats = sim.stats()["registry"]
    assert stats["applied"] == total and stats["duplicate_effects"] == 0, stats


def test_an_item_failing_as_often_as_the_line_does_keeps_going_soon(
    desk: Desk, careless_sim: SimHandle, proxy: FailProxy
) -> None:
    """A third of the line's requests fail, and one item's first ten sends: no backoff for it.

    Before, a sixth failure in a row meant a backoff whatever the line (at 40% failed requests
    about one item in a hundred met it, and a 10,000-item drain waited for them)."""
    engine = _through(desk, careless_sim, proxy)
    budi = desk.register(11)
    proxy.set_plan(FailPlan(item=_key(desk, budi), item_failures=10, others=ONE_IN_THREE))
    waits = []
    serial = 12
    for _ in range(30):  # each round lasts longer than a soon wait, far shorter than a backoff
        desk.register_many(FRESH_PER_ROUND, first=serial)
        serial += FRESH_PER_ROUND
        engine.run_pass()
        (item,) = desk.items(budi)
        if item.state == "delivered":
            break
        waits.append(_wait(item))

    assert proxy.item_failed == 10, f"{proxy.item_failed} of its sends failed"
    assert proxy.others_failed >= 3, "the line failed a third of the others meanwhile"
    soon = timedelta(seconds=RETRY_SOON_S)
    assert all(wait <= soon for wait in waits), f"waits after its failures: {waits}"
    assert item.state == "delivered", f"still waiting after 30 rounds: {waits}"
    _all_once(desk, careless_sim, proxy)


def test_an_item_the_remote_always_fails_backs_off_while_the_others_go(
    desk: Desk, careless_sim: SimHandle, proxy: FailProxy
) -> None:
    """The remote takes every other item and always fails this one: after a few soon tries it
    backs off, and each further failure doubles the wait."""
    engine = _through(desk, careless_sim, proxy)
    budi = desk.register(11)
    key = _key(desk, budi)
    proxy.set_plan(FailPlan(item=key, item_failures=-1))
    first_step = timedelta(seconds=SLOW["retry_initial_s"])
    waits = []
    serial = 12
    for _ in range(SOON_TRIES_MAX + 2):
        desk.register_many(3, first=serial)
        serial += 3
        desk.force(key, next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
        engine.run_pass()
        waits.append(_wait(desk.item(key)))
        if waits[-1] >= first_step:
            break

    assert waits[-1] >= first_step, f"no backoff after {proxy.item_failed} failures: {waits}"
    assert SOON_TRIES < proxy.item_failed <= SOON_TRIES_MAX + 1, (proxy.item_failed, waits)
    others = [item for item in desk.items() if item.key != key]
    assert {item.state for item in others} == {"delivered"}, "the others went meanwhile"

    desk.force(key, next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
    engine.run_pass()
    assert _wait(desk.item(key)) >= 2 * first_step, "the next failure waits twice as long"
    _all_once(desk, careless_sim, proxy)


def test_a_remote_that_answers_again_releases_what_it_made_wait(
    desk: Desk, careless_sim: SimHandle, proxy: FailProxy
) -> None:
    """A reachable remote answers 500 to every request (its health probe still passes, so the
    line never goes offline): the items back off. When it answers again, eight answers in a row
    release them at once, not after their backoff (issue 19: a line that comes back releases
    what waits). Before, they waited out their 20 s and more."""
    engine = _through(desk, careless_sim, proxy)
    proxy.set_plan(FailPlan(others=(True,)))
    waiting = desk.register_many(12, first=11)
    backoff = timedelta(seconds=SLOW["retry_initial_s"] / 2)
    for _ in range(12):
        engine.run_pass()
        items = [item for applicant in waiting for item in desk.items(applicant)]
        if all(_wait(item) >= backoff for item in items):
            break
        for item in items:  # the soon retries, without waiting for them
            if _wait(item) < backoff:
                desk.force(item.key, next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
    assert all(_wait(item) >= backoff for item in items), [_wait(item) for item in items]
    assert {item.state for item in items} == {"pending"}

    proxy.set_plan(FailPlan())
    desk.register_many(10, first=23)  # the remote answers them: ten answers in a row
    engine.run_pass()
    engine.run_pass()
    assert desk.states() == {"delivered": 32}, "the waiting items went once the remote answered"
    _all_once(desk, careless_sim, proxy)


def _line(failed: int, of: int) -> RetryPolicy:
    policy = RetryPolicy(EngineSettings(retry_initial_s=20.0, retry_max_s=300.0))
    for n in range(of):
        verdict = Verdict.TRANSIENT if n < failed else Verdict.DELIVERED
        policy.health.saw(Answer(verdict, 500 if n < failed else 200, {}, ""))
    return policy


def test_the_soon_tries_follow_the_line_s_failure_rate() -> None:
    assert soon_tries(0.0) == soon_tries(0.02) == SOON_TRIES
    assert soon_tries(0.2) == 9  # 0.2^9 < 1e-6
    assert soon_tries(0.4) == 16
    assert soon_tries(0.5) == soon_tries(0.99) == SOON_TRIES_MAX
    assert LineHealth().reading() == (False, 0.5), "no requests yet: no evidence"
    answering, rate = _line(failed=26, of=64).health.reading()
    assert answering and abs(rate - 27 / 66) < 1e-9


def test_a_sick_reading_backs_off_from_the_first_step_not_from_the_failures() -> None:
    """Twelve failures explained by a line failing 40% of its requests, then the line reads
    "fails most": the item waits the backoff's first step (20-40 s), not its twelfth (300 s);
    a poison item's strikes double it from there."""
    policy = _line(failed=26, of=64)
    for failures in range(1, 13):
        assert policy.wait("budi", failures) <= RETRY_SOON_S
    for _ in range(HEALTH_WINDOW):
        policy.health.saw(Answer(Verdict.TRANSIENT, 503, {}, ""))
    assert 20.0 <= policy.wait("budi", 13) <= 40.0
    assert 40.0 <= policy.wait("budi", 14) <= 60.0
    policy.forget(["budi"])
    assert 20.0 <= policy.wait("budi", 1) <= 40.0, "a settled item starts over"
