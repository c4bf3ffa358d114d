"""Transient failures, Retry-After, lost answers, killed workers and two engines at once: every item
arrives exactly once, even at a remote that ignores Idempotency-Key (`careless_sim`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from desktools import wait_until
from synctools import Desk, as_utc, payload, receipt

from ltsa_desk.counter.workspace import open_workspace
from sync.engine import EngineEvent
from sync.models import OutboxItem
from sync.sending import LOOK_UP_RETRY_MAX_S
from sync.sim.process import SimHandle


def test_transient_failures_are_retried_until_delivered_once(
    desk: Desk, careless_sim: SimHandle
) -> None:
    desk.connect(careless_sim)
    applicants = desk.register_many(12)
    for applicant in applicants[:6]:
        desk.request_passport(applicant)
    # First every request fails (5xx), so every registration has had its one blind attempt...
    careless_sim.set_faults(fail_rate=1.0)
    desk.run_pass()
    registrations = [desk.items(a)[0] for a in applicants]
    assert all(item.state == "pending" for item in registrations)
    assert all(item.last_status in (500, 502, 503) for item in registrations)
    assert careless_sim.stats()["registry"]["failed_injected"] >= 1
    assert careless_sim.records("registry") == []
    # ...then half of them fail, look-ups included, until everything is through.
    careless_sim.set_faults(fail_rate=0.5)

    desk.drain(timeout=45, retry_max_s=0.2)

    assert desk.states() == {"delivered": 18}
    stats = careless_sim.stats()
    assert all(desk.items(a)[0].attempts >= 2 for a in applicants)
    for system, expected in (("registry", 12), ("immigration", 6)):
        assert stats[system]["duplicate_effects"] == 0
        assert stats[system]["applied"] == expected
        assert len(careless_sim.records(system)) == expected
    for applicant in applicants:
        record = careless_sim.records("registry", client_reference=desk.items(applicant)[0].key)
        assert desk.applicant(applicant).registry_id == record[0]["registry_id"]


def test_retry_after_of_a_429_is_honoured(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    budi = desk.register(1)
    sim.set_faults(rate_limit_burst=1, rate_limit_retry_after=3)  # long enough for a busy machine

    before = datetime.now(UTC)
    desk.run_pass()

    (item,) = desk.items(budi)
    assert item.state == "pending"
    assert item.last_status == 429
    assert item.attempts == 0, "a blind send refused with 429 had no effect: it does not count"
    assert item.last_error and "retry after 3" in item.last_error
    pushed = as_utc(item.next_attempt_at) - before
    # the engine's own first back-off is 0.05 s: seconds can only come from Retry-After
    assert pushed >= timedelta(seconds=2.95), f"next attempt only {pushed} after the 429"
    assert pushed < timedelta(seconds=10)
    assert sim.stats()["registry"]["rate_limited"] == 1

    desk.run_pass()  # too early: nothing may be sent before Retry-After has passed
    assert desk.items(budi)[0].state == "pending"
    assert sim.stats()["registry"]["received"] == 1

    desk.drain(timeout=15)

    (item,) = desk.items(budi)
    assert item.state == "delivered"
    assert item.delivered_at is not None
    assert as_utc(item.delivered_at) - before >= timedelta(seconds=2.95)
    stats = sim.stats()["registry"]
    assert (stats["rate_limited"], stats["applied"], stats["duplicate_effects"]) == (1, 1, 0)


def test_lost_answers_are_looked_up_never_resent_blind(desk: Desk, careless_sim: SimHandle) -> None:
    """Every write is applied and then its connection cut: the client cannot know it arrived. Each
    later attempt must ask first, so the careless remote still gets every item exactly once."""
    desk.connect(careless_sim)
    applicants = desk.register_many(5)
    for applicant in applicants[:3]:
        desk.request_passport(applicant)
    careless_sim.set_faults(drop_after_commit=1.0)

    desk.drain(timeout=20)

    assert desk.states() == {"delivered": 8}
    stats = careless_sim.stats()
    for system, expected in (("registry", 5), ("immigration", 3)):
        # one cut per request (a batch request carries several items); a careless remote turns
        # any blind resend into a duplicate effect or a second record
        assert 1 <= stats[system]["dropped_after_commit"] <= expected
        assert stats[system]["applied"] == expected
        assert stats[system]["duplicate_effects"] == 0
        assert len(careless_sim.records(system)) == expected
    for item in desk.items():
        assert item.attempts >= 2, "a dropped item cannot have been delivered on its first try"
        system = item.destination
        (record,) = careless_sim.records(system, client_reference=item.key)
        got = receipt(item)
        if system == "registry":
            assert got["registry_id"] == record["registry_id"]
        else:
            assert got["application_no"] == record["application_no"]
            assert record["registry_id"] == desk.applicant_by_chain(item.chain).registry_id


def test_a_gateway_timeout_is_an_unknown_outcome(desk: Desk, careless_sim: SimHandle) -> None:
    """A reverse proxy in front of the remote answers 504 when it stops waiting, while the remote
    goes on and applies the request. A 504 is as unknown as a cut connection: the item is in doubt
    (a "not found" right after it must wait out the quiet period) and is looked up, never resent
    blind. Before, a 504 was a plain failure: no quiet period, so a late arrival behind a "not
    found" became a second passport application at a remote that ignores Idempotency-Key."""
    desk.connect(careless_sim)
    applicants = desk.register_many(4)
    for applicant in applicants[:2]:
        desk.request_passport(applicant)
    careless_sim.set_faults(gateway_timeout_after_commit=1.0)

    desk.drain(timeout=20)

    assert desk.states() == {"delivered": 6}
    stats = careless_sim.stats()
    for system, expected in (("registry", 4), ("immigration", 2)):
        assert stats[system]["gateway_timeout_after_commit"] >= 1
        assert stats[system]["applied"] == expected
        assert stats[system]["duplicate_effects"] == 0
        assert len(careless_sim.records(system)) == expected
    for item in desk.items():
        assert item.attempts >= 2, "an item answered 504 cannot have been delivered on its try"
        assert item.in_doubt_until is not None, "a 504 leaves the item in doubt"


def test_expired_lease_of_a_killed_worker_is_taken_over_with_a_look_up(
    desk: Desk, careless_sim: SimHandle
) -> None:
    desk.connect(careless_sim)
    sent, unsent, alive = desk.register_many(3)
    sent_item, unsent_item, alive_item = (desk.items(a)[0] for a in (sent, unsent, alive))
    now = datetime.now(UTC)
    # The killed worker had claimed `sent` and `unsent` (attempt counted) and got as far as
    # POSTing `sent`; another worker, still alive, holds `alive` under a valid lease.
    with httpx.Client(headers=careless_sim.auth_headers, trust_env=False) as client:
        response = client.post(careless_sim.registry_url + "/v1/workers", json=payload(sent_item))
        assert response.status_code == 201
    for item in (sent_item, unsent_item):
        desk.force(
            item.key,
            state="in_flight",
            attempts=1,
            lease_owner="killed-host:4242:deadbeef",
            lease_until=now - timedelta(seconds=1),
        )
    desk.force(
        alive_item.key,
        state="in_flight",
        attempts=1,
        lease_owner="other-host:1:alive",
        lease_until=now + timedelta(seconds=30),
    )

    # Short read time-outs: the killed worker may have had `unsent` on the line, so a "not found"
    # counts only once that request could no longer arrive (the takeover hold: 2 s to connect,
    # 2 + 2 s to write and read, then the quiet period of 2 + 2 s; 10 s after the lease ran out).
    desk.run_pass(read_timeout_s=2.0)
    first = desk.item(unsent_item.key)
    assert first.state == "pending", "a not-found right after a takeover is no proof"
    assert first.in_doubt_until is not None
    assert as_utc(first.in_doubt_until) >= now - timedelta(seconds=1) + timedelta(seconds=10)
    assert careless_sim.records("registry", client_reference=unsent_item.key) == []
    wait_until(
        lambda: datetime.now(UTC) > as_utc(first.in_doubt_until) + timedelta(seconds=0.1),
        15,
        "the takeover hold to pass",
    )
    desk.run_pass(read_timeout_s=2.0)

    sent_item, unsent_item, alive_item = (
        desk.item(i.key) for i in (sent_item, unsent_item, alive_item)
    )
    assert (sent_item.state, unsent_item.state) == ("delivered", "delivered")
    assert (sent_item.attempts, unsent_item.attempts) == (2, 2)
    (record,) = careless_sim.records("registry", client_reference=sent_item.key)
    assert receipt(sent_item)["registry_id"] == record["registry_id"]
    assert len(careless_sim.records("registry", client_reference=unsent_item.key)) == 1
    # a lease that has not run out is left alone
    assert alive_item.state == "in_flight"
    assert alive_item.lease_owner == "other-host:1:alive"
    assert alive_item.attempts == 1
    assert careless_sim.records("registry", client_reference=alive_item.key) == []
    stats = careless_sim.stats()["registry"]
    assert stats["received"] == 2, "the already-sent item was POSTed again"
    assert stats["duplicate_effects"] == 0


def test_two_engines_on_one_database_send_each_item_once(
    desk: Desk, careless_sim: SimHandle
) -> None:
    desk.connect(careless_sim)
    total = 200
    desk.register_many(total)
    handled: dict[str, int] = {"gui": 0, "cli": 0}
    lock = threading.Lock()

    def counter(name: str) -> Callable[[EngineEvent], None]:
        def listen(event: EngineEvent) -> None:
            if event.kind == "batch":
                with lock:
                    handled[name] += int(event.detail["handled"])

        return listen

    # the window and a `sync run`: two engines, each with its own connections to the database
    other_view = open_workspace(desk.workspace.data_dir)
    gui = desk.engine(owner="gui-engine", batch_size=8)
    cli = desk.engine(owner="cli-engine", batch_size=8, database=other_view.database)
    gui.add_listener(counter("gui"))
    cli.add_listener(counter("cli"))
    try:
        gui.start()
        cli.start()
        wait_until(lambda: desk.states() == {"delivered": total}, 60, "all 200 delivered")
    finally:
        gui.stop()
        cli.stop()
        other_view.close()

    assert handled["gui"] + handled["cli"] == total, f"items handled more than once: {handled}"
    stats = careless_sim.stats()["registry"]
    assert stats["applied"] == total
    assert stats["duplicate_effects"] == 0
    assert len(careless_sim.records("registry")) == total
    assert all(item.attempts == 1 for item in desk.items())


def test_engine_threads_back_off_between_transient_failures(desk: Desk, sim: SimHandle) -> None:
    """A remote that fails every request is retried with growing waits, not in a tight loop."""
    desk.connect(sim)
    desk.register(1)
    sim.set_faults(fail_rate=1.0)
    engine = desk.engine(retry_initial_s=0.15, retry_max_s=1.0)
    engine.start()
    time.sleep(1.5)
    engine.stop()
    attempts = desk.items()[0].attempts
    # 0.15 + 0.3 + 0.6 (+ jitter) already fills 1.5 s: a handful of attempts, not hundreds
    assert 2 <= attempts <= 6, attempts
    assert desk.items()[0].state == "pending"
    assert desk.items()[0].last_status in (500, 502, 503)


def test_a_long_sync_run_pass_keeps_its_leases(desk: Desk, careless_sim: SimHandle) -> None:
    """`sync run` (one pass, on the calling thread) while the window's engine runs: an answer that
    takes longer than a lease must not let the other engine take the item and send it again."""
    desk.connect(careless_sim)
    budi = desk.register(1)
    careless_sim.set_faults(latency_ms=4000)  # the line is very slow for this one request...
    cli = desk.engine(owner="sync-run", lease_seconds=2)
    passing = threading.Thread(target=cli.run_pass, name="sync-run-pass")
    passing.start()
    wait_until(lambda: desk.items(budi)[0].state == "in_flight", 5, "the pass claimed the item")
    time.sleep(0.3)  # its POST is on the wire
    careless_sim.set_faults(latency_ms=0)  # ...then fast again
    gui = desk.engine(owner="gui", lease_seconds=2)
    gui.start()

    passing.join(15)
    assert not passing.is_alive()
    wait_until(lambda: desk.all_delivered(), 10, "delivered")
    gui.stop()
    cli.stop()

    stats = careless_sim.stats()["registry"]
    assert stats["duplicate_effects"] == 0
    assert len(careless_sim.records("registry")) == 1
    assert desk.items(budi)[0].attempts == 1, "the other engine took over a live worker's item"


def test_until_empty_waits_out_the_lease_of_a_killed_worker(
    desk: Desk, careless_sim: SimHandle
) -> None:
    """In-flight items of a killed `sync run` count as not delivered: `--until-empty` waits for
    their lease to run out, takes them over and looks them up before sending."""
    desk.connect(careless_sim)
    budi = desk.register(1)
    (item,) = desk.items(budi)
    with httpx.Client(headers=careless_sim.auth_headers, trust_env=False) as client:
        response = client.post(careless_sim.registry_url + "/v1/workers", json=payload(item))
        assert response.status_code == 201  # the killed run had sent it
    desk.force(
        item.key,
        state="in_flight",
        attempts=1,
        lease_owner="killed-sync-run",
        lease_until=datetime.now(UTC) + timedelta(seconds=1.5),
    )

    started = time.monotonic()
    desk.drain(timeout=15)

    assert time.monotonic() - started >= 1.2, "the live-looking lease was not respected"
    item = desk.item(item.key)
    assert item.state == "delivered"
    assert item.attempts == 2
    stats = careless_sim.stats()["registry"]
    assert (stats["applied"], stats["duplicate_effects"]) == (1, 0)
    assert receipt(item)["registry_id"] == careless_sim.records("registry")[0]["registry_id"]


def test_a_new_run_releases_what_waits_out_a_backoff(desk: Desk, sim: SimHandle) -> None:
    """A backoff is for a failing line; a new `sync run` that finds the line up sends at once
    (in a drill, an item sat out a 5-minute backoff after the remote was back)."""
    desk.connect(sim)
    budi = desk.register(1)
    sim.set_faults(fail_rate=1.0)
    desk.run_pass(retry_initial_s=200, retry_max_s=300)
    (item,) = desk.items(budi)
    assert item.state == "pending" and item.last_status in (500, 502, 503)
    assert as_utc(item.next_attempt_at) > datetime.now(UTC) + timedelta(seconds=100)

    sim.set_faults(fail_rate=0.0)
    desk.run_pass(retry_initial_s=200, retry_max_s=300)
    assert desk.items(budi)[0].state == "delivered"
    assert sim.stats()["registry"]["duplicate_effects"] == 0


def test_a_new_run_keeps_a_retry_after(desk: Desk, sim: SimHandle) -> None:
    """A 429's Retry-After is the remote's word: a new run does not release it early."""
    desk.connect(sim)
    budi = desk.register(1)
    sim.set_faults(rate_limit_burst=1, rate_limit_retry_after=120)
    desk.run_pass()
    desk.run_pass()
    (item,) = desk.items(budi)
    assert item.state == "pending" and item.last_status == 429
    assert sim.stats()["registry"]["received"] == 1


def test_items_looked_up_after_a_failure_go_on_together_in_a_batch(
    desk: Desk, careless_sim: SimHandle
) -> None:
    """After a failed batch every item is looked up; those not found leave together again, not
    one request each (a failure must not make the rest of the drain ten times slower)."""
    desk.connect(careless_sim)
    applicants = desk.register_many(10)
    careless_sim.set_faults(fail_rate=1.0)
    desk.run_pass()
    assert all(desk.items(a)[0].attempts >= 1 for a in applicants), "none may go blind now"
    assert desk.states() == {"pending": 10}
    received = careless_sim.stats()["registry"]["received"]

    careless_sim.set_faults(fail_rate=0.0)
    desk.run_pass()
    assert desk.states() == {"delivered": 10}
    stats = careless_sim.stats()["registry"]
    assert stats["received"] - received == 1, "the ten went in one batch request"
    assert stats["duplicate_effects"] == 0 and stats["applied"] == 10


def _lost_answer(desk: Desk, careless_sim: SimHandle) -> OutboxItem:
    """An item sent before with no answer (it never arrived), after claims lost to killed runs
    and earlier failures; the remote now fails every request."""
    desk.connect(careless_sim)
    budi = desk.register(1)
    (item,) = desk.items(budi)
    desk.force(item.key, attempts=9, in_doubt_until=datetime.now(UTC) + timedelta(seconds=2))
    careless_sim.set_faults(fail_rate=1.0)
    return item


def _waits_after_one_pass(desk: Desk, item: OutboxItem, **settings: float) -> timedelta:
    desk.run_pass(**settings)
    after = desk.item(item.key)
    assert after.state == "pending" and after.last_status in (500, 502, 503)
    assert after.in_doubt_until is not None, "a failed look-up proves nothing"
    return as_utc(after.next_attempt_at) - as_utc(after.updated_at)


def _delivered_once(desk: Desk, careless_sim: SimHandle) -> None:
    careless_sim.set_faults(fail_rate=0.0)
    desk.drain(timeout=20)
    assert desk.states() == {"delivered": 1}
    stats = careless_sim.stats()["registry"]
    assert stats["applied"] == 1 and stats["duplicate_effects"] == 0


def test_claims_lost_to_kills_do_not_raise_the_backoff(desk: Desk, careless_sim: SimHandle) -> None:
    """The backoff grows with the failures this engine met, not with `attempts`, which counts
    claims: in the outage drill items whose claims died with killed runs sat out a 5-minute wait
    after one 5xx (`attempts: 10`)."""
    item = _lost_answer(desk, careless_sim)
    wait = _waits_after_one_pass(desk, item, retry_initial_s=0.5, retry_max_s=300)
    # the first failure's wait: initial + jitter up to initial
    assert wait <= timedelta(seconds=1.01), f"one failure, yet it waits {wait}"
    _delivered_once(desk, careless_sim)


def test_a_failed_look_up_waits_no_longer_than_its_cap(desk: Desk, careless_sim: SimHandle) -> None:
    """An item whose outcome is unknown is looked up again soon: a look-up changes nothing at the
    remote, so one that failed (a 5xx) backs off, but never as long as a send may."""
    item = _lost_answer(desk, careless_sim)
    wait = _waits_after_one_pass(desk, item, retry_initial_s=20, retry_max_s=300)
    assert wait <= timedelta(seconds=LOOK_UP_RETRY_MAX_S + 0.01), f"looked up again after {wait}"
    _delivered_once(desk, careless_sim)
