"""401/403 is a credentials problem for the technician: the destination pauses with a reason, keeps
every item, stops knocking, and goes again by itself once the token in the keyring changes."""

from __future__ import annotations

import time
from typing import Any

import pytest
from desktools import OFFICE, run_cli, wait_until
from synctools import Desk

from sync.credentials import get_token, set_token
from sync.sim.process import SimHandle


def set_registry_token_by_cli(desk: Desk, token: str) -> Any:
    """What the technician runs: `ltsa-desk credentials set registry --token-stdin`."""
    folder = desk.workspace.data_dir
    result = run_cli(folder, "credentials", "set", "registry", "--token-stdin", input=f"{token}\n")
    assert result.code == 0, str(result)
    return result


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

    result = set_registry_token_by_cli(desk, sim.token)
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


# --- a token goes only to the address it was entered for -----------------------------------------


class _Catcher:
    """A server anyone could set up: it answers every request and keeps what it was sent."""

    def __init__(self) -> None:
        import http.server
        import threading

        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                seen.append(dict(self.headers))
                body = b'{"status": "ok"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer  # noqa: N815 - http.server's names

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_token_is_never_sent_to_an_address_it_was_not_entered_for(
    desk: Desk, sim: SimHandle
) -> None:
    """Anyone who can write config.toml (the data folder is shared by the PC's users) points the
    registry elsewhere: the counter pauses instead of handing that server its token, keeps every
    item, and goes on once the technician enters the token for the new address."""
    desk.connect(sim)
    desk.register(1)
    desk.run_pass()  # the token is used with the sim's address: bound to it from now on
    assert desk.all_delivered()

    catcher = _Catcher()
    try:
        config = desk.workspace.config
        config.set("registry.url", f"{catcher.url}/registry")
        config.save()
        budi = desk.register(2)
        desk.run_pass()
        assert [h for h in catcher.seen if "Authorization" in h or "authorization" in h] == []
        state = desk.destination("registry")
        assert state.paused and "alamat" in (state.paused_reason or "")
        assert desk.items(budi)[0].state == "pending"

        # The technician decides the new address is right and enters the token for it.
        set_registry_token_by_cli(desk, "token-untuk-alamat-baru")
        desk.run_pass()
        tokens = [h.get("Authorization") for h in catcher.seen if h.get("Authorization")]
        assert tokens and set(tokens) == {"Bearer token-untuk-alamat-baru"}
        assert sim.token not in str(catcher.seen)
    finally:
        catcher.close()


def test_binding_rules(desk: Desk) -> None:
    from sync.credentials import bound_origin, origin_of, token_for, token_provider

    assert origin_of("https://Registri.Example/api/v1") == "https://registri.example:443"
    assert origin_of("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080"
    for bad in ("", "ftp://x", "registri.example"):
        with pytest.raises(ValueError):
            origin_of(bad)

    set_token("registry", OFFICE, "rahasia", url="https://a.example/registry")
    assert bound_origin("registry", OFFICE) == "https://a.example:443"
    assert token_for("registry", OFFICE, "https://a.example:443/other-path") == "rahasia"
    assert token_for("registry", OFFICE, "https://b.example/registry") is None
    assert token_for("registry", OFFICE, "http://a.example/registry") is None  # not TLS: other
    assert token_provider("registry", OFFICE, url="https://b.example")() is None
    assert token_provider("registry", OFFICE, url="https://a.example")() == "rahasia"

    # Stored without an address (an older version): bound to the first address it is used with.
    set_token("registry", OFFICE, "lama")
    assert bound_origin("registry", OFFICE) is None
    assert token_for("registry", OFFICE, "https://c.example") == "lama"
    assert bound_origin("registry", OFFICE) == "https://c.example:443"
    assert token_for("registry", OFFICE, "https://d.example") is None
    assert token_for("immigration", OFFICE, "https://c.example") is None  # no token at all
