"""401/403 is a credentials problem for the technician: the destination pauses with a reason, keeps
every item, stops knocking, and goes again by itself once the token in the keyring changes."""

from __future__ import annotations

import time

from synctools import OFFICE, Desk, run_cli, wait_until

from sync.credentials import get_token, set_token
from sync.sim.testing import SimHandle


def test_refused_token_pauses_then_a_new_token_resumes_by_itself(
    desk: Desk, sim: SimHandle
) -> None:
    desk.connect(sim, registry_token="token-yang-salah")
    applicants = desk.register_many(5)
    desk.request_passport(applicants[0])
    engine = desk.engine(batch_size=8)
    engine.start()

    paused = wait_until(
        lambda: desk.destination("registry").paused, 10, "registry paused for credentials"
    )
    assert paused
    state = desk.destination("registry")
    assert state.paused_reason and "token" in state.paused_reason
    assert state.paused_at is not None
    refused = sim.stats()["registry"]["unauthorized"]
    assert 1 <= refused <= 5, "one batch (one request each, or one for all), then stop"
    time.sleep(1.0)
    assert sim.stats()["registry"]["unauthorized"] == refused, "kept knocking while paused"
    # a blind first send refused with 401 had no effect remotely: it does not count as an attempt,
    # so the next send may still go without a look-up first
    assert [item.attempts for item in desk.items() if item.destination == "registry"] == [0] * 5
    # nothing lost, nothing parked for the officer
    assert desk.states() == {"pending": 6}
    assert all(item.last_status == 401 for item in desk.items() if item.destination == "registry")
    status = desk.status()
    assert status["registry"]["paused"] is True
    assert status["registry"]["paused_reason"] == state.paused_reason
    assert status["registry"]["pending"] == 5
    assert status["immigration"]["paused"] is False
    assert sim.records("registry") == []

    set_token("registry", OFFICE, sim.token)  # the technician fixes the keyring entry

    wait_until(lambda: desk.all_delivered(), 15, "backlog delivered after the new token")
    engine.stop()
    assert desk.destination("registry").paused is False
    assert desk.destination("registry").paused_reason is None
    stats = sim.stats()
    assert stats["registry"]["unauthorized"] == refused
    assert stats["registry"]["applied"] == 5
    assert stats["immigration"]["applied"] == 1
    assert stats["registry"]["duplicate_effects"] == 0


def test_credentials_set_on_the_command_line_clears_the_pause(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim, registry_token="token-lama")
    budi = desk.register(1)
    desk.run_pass()
    assert desk.destination("registry").paused
    assert desk.items(budi)[0].state == "pending"

    desk.run_pass()  # a paused destination is not tried by a new run either
    assert sim.stats()["registry"]["unauthorized"] == 1
    assert desk.items(budi)[0].attempts == 0, "a refused blind send does not count as an attempt"

    result = run_cli(
        desk.workspace.data_dir,
        "credentials",
        "set",
        "registry",
        "--token-stdin",
        input=sim.token + "\n",
    )
    assert result.code == 0, str(result)
    assert sim.token not in result.stdout + result.stderr, "a token was echoed"
    assert get_token("registry", OFFICE) == sim.token
    assert desk.destination("registry").paused is False

    desk.run_pass()

    (item,) = desk.items(budi)
    assert item.state == "delivered"
    assert desk.applicant(budi).registry_id
    assert sim.stats()["registry"]["unauthorized"] == 1


def test_token_rotated_on_the_remote_pauses_the_status_pull_too(desk: Desk, sim: SimHandle) -> None:
    """The immigration status pull gets a 401 as well: it pauses immigration, not registry."""
    desk.connect(sim)
    sim.set_token("token-baru", system="immigration")
    budi = desk.register(1)
    engine = desk.engine()
    engine.start()

    wait_until(lambda: desk.destination("immigration").paused, 10, "immigration paused")
    wait_until(lambda: desk.all_delivered(), 10, "registration delivered meanwhile")
    assert not desk.destination("registry").paused
    set_token("immigration", OFFICE, "token-baru")
    desk.request_passport(budi)
    engine.wake()

    wait_until(lambda: desk.all_delivered(), 10, "passport application delivered")
    wait_until(lambda: desk.destination("immigration").cursor, 10, "status pulled")
    engine.stop()
    assert not desk.destination("immigration").paused
    # the pull's refused GET is not counted by the sim (reads have no counters); it paused anyway
    assert sim.stats()["immigration"]["unauthorized"] == 0


def test_a_pause_lifts_when_the_remote_accepts_the_same_token_again(
    desk: Desk, sim: SimHandle
) -> None:
    """The registry fixed its side (the office's token is valid again): no technician needed."""
    desk.connect(sim, registry_token="token-kantor")
    desk.register_many(2)
    engine = desk.engine(auth_recheck_s=0.3)
    engine.start()
    wait_until(lambda: desk.destination("registry").paused, 10, "paused for credentials")
    refused = sim.stats()["registry"]["unauthorized"]

    sim.set_token("token-kantor", "registry")  # the remote now accepts the office's token

    wait_until(desk.all_delivered, 15, "delivered without a new token")
    assert desk.destination("registry").paused is False
    assert sim.stats()["registry"]["unauthorized"] == refused
    assert sim.stats()["registry"]["duplicate_effects"] == 0
