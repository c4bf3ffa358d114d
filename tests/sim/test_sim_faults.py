"""Fault injection: offline, drop-after-commit, 429 bursts, random 5xx, latency."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from sync.sim.process import SimHandle, run_sim_process
from sync.sim.samples import worker_payload

WORKERS = "/registry/v1/workers"


def test_offline_refuses_while_control_answers(sim: SimHandle, client: httpx.Client) -> None:
    assert client.get("/health").status_code == 200  # a pooled keep-alive connection exists
    sim.set_faults(offline=True)
    assert sim.faults()["offline"] is True
    with pytest.raises(httpx.ConnectError):
        client.post(WORKERS, json=worker_payload())
    with pytest.raises(httpx.ConnectError):
        httpx.get(sim.base_url + "/health", trust_env=False)
    assert sim.control.get("/_sim/stats").status_code == 200
    assert sim.stats()["registry"]["received"] == 0

    sim.set_faults(offline=False)
    sim.wait_healthy()
    assert client.post(WORKERS, json=worker_payload()).status_code == 201  # same port again


def test_offline_cuts_open_connections(sim: SimHandle) -> None:
    """A dead line also kills connections already open, without an HTTP answer."""
    with socket.create_connection(("127.0.0.1", sim.systems_port), timeout=5) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: sim\r\n\r\n")
        answer = b""
        while not answer.endswith(b"}"):  # headers and body may come in separate segments
            chunk = sock.recv(4096)
            assert chunk, "connection closed before the health answer"
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 200")
        sim.set_faults(offline=True)
        try:
            data = sock.recv(4096)
        except ConnectionResetError:
            data = b""
        assert data == b""


def test_in_flight_request_loses_its_response_when_the_line_dies(
    sim: SimHandle, client: httpx.Client
) -> None:
    sim.set_faults(latency_ms=400)
    payload = worker_payload()
    errors: list[BaseException] = []

    def send() -> None:
        try:
            client.post(WORKERS, json=payload)
        except httpx.TransportError as exc:
            errors.append(exc)

    sender = threading.Thread(target=send)
    sender.start()
    time.sleep(0.15)
    sim.set_faults(offline=True)
    sender.join(5)
    assert len(errors) == 1
    # What had arrived still took effect: only "ask before resend" tells the client.
    deadline = time.monotonic() + 5
    while not sim.records("registry", payload["client_reference"]):
        assert time.monotonic() < deadline, "the in-flight request never took effect"
        time.sleep(0.05)
    assert sim.stats()["registry"]["applied"] == 1


def test_start_offline(tmp_path) -> None:
    with run_sim_process(tmp_path, offline=True) as handle:
        with pytest.raises(httpx.ConnectError):
            httpx.get(handle.base_url + "/health", trust_env=False)
        assert handle.faults()["offline"] is True
        handle.set_faults(offline=False)
        handle.wait_healthy()


def test_drop_after_commit(sim: SimHandle, client: httpx.Client) -> None:
    sim.set_faults(drop_after_commit=1.0)
    payload = worker_payload()
    headers = {"Idempotency-Key": payload["client_reference"]}
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post(WORKERS, json=payload, headers=headers)
    # The record exists although the client never heard back.
    found = client.get(WORKERS, params={"client_reference": payload["client_reference"]})
    assert found.status_code == 200
    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["dropped_after_commit"]) == (1, 1)

    sim.set_faults(drop_after_commit=0.0)
    resend = client.post(WORKERS, json=payload, headers=headers)
    assert resend.status_code == 201  # the original answer, replayed
    assert resend.json()["registry_id"] == found.json()["registry_id"]
    assert sim.stats()["registry"]["duplicate_effects"] == 0
    assert len(sim.records("registry")) == 1


def test_429_burst_with_retry_after(sim: SimHandle, client: httpx.Client) -> None:
    sim.set_faults(rate_limit_burst=2, rate_limit_retry_after=3)
    payload = worker_payload()
    for _ in range(2):
        response = client.post(WORKERS, json=payload)
        assert response.status_code == 429
        assert response.headers["retry-after"] == "3"
    assert sim.faults()["rate_limit_burst"] == 0
    assert client.post(WORKERS, json=payload).status_code == 201
    stats = sim.stats()["registry"]
    assert (stats["received"], stats["rate_limited"], stats["applied"]) == (3, 2, 1)


def test_fail_rate_one_fails_everything_before_applying(
    sim: SimHandle, client: httpx.Client
) -> None:
    sim.set_faults(fail_rate=1.0)
    for _ in range(5):
        response = client.post(WORKERS, json=worker_payload())
        assert response.status_code in (500, 502, 503)
        assert response.json()["error"] == "simulated_failure"
    assert client.get(WORKERS, params={"client_reference": "x"}).status_code >= 500
    assert client.get("/health").status_code == 200  # probes see the line, not the app
    stats = sim.stats()["registry"]
    assert (stats["failed_injected"], stats["applied"]) == (5, 0)
    assert sim.records("registry") == []


def test_fail_rate_half_mixes(sim: SimHandle, client: httpx.Client) -> None:
    sim.set_faults(fail_rate=0.5)
    codes = [client.post(WORKERS, json=worker_payload()).status_code for _ in range(40)]
    assert 0 < codes.count(201) < 40
    assert sim.stats()["registry"]["applied"] == codes.count(201)


def test_latency_delays_systems_not_control(sim: SimHandle, client: httpx.Client) -> None:
    # Ordering, not a stopwatch: a control call made while a delayed system call is on the line
    # answers before it. (An upper bound on the control call's own time failed on a loaded box.)
    sim.set_faults(latency_ms=5000)
    finished: list[str] = []

    def system_call() -> None:
        assert client.get("/health").status_code == 200
        finished.append("system")

    started = time.monotonic()
    caller = threading.Thread(target=system_call)
    caller.start()
    time.sleep(0.2)
    sim.stats()
    finished.append("control")
    caller.join(60)
    assert finished == ["control", "system"]
    assert time.monotonic() - started >= 4.99, "the system call was not delayed"


def test_fault_settings_are_validated(sim: SimHandle) -> None:
    for body in ({"fail_rat": 0.1}, {"fail_rate": 2}, {"offline": "yes"}, {"latency_ms": -1}):
        assert sim.control.post("/_sim/faults", json=body).status_code == 422, body
    assert sim.faults()["fail_rate"] == 0.0


def test_control_records_and_info(sim: SimHandle, client: httpx.Client) -> None:
    client.post(WORKERS, json=worker_payload())
    assert len(sim.records("registry")) == 1
    assert sim.records("immigration") == []
    assert sim.control.get("/_sim/records", params={"system": "bpjs"}).status_code == 422
    info = sim.control.get("/_sim/info").json()
    assert info["systems_url"] == sim.base_url
    assert info["control_url"] == sim.control_url
    assert info["pid"] == sim.pid
