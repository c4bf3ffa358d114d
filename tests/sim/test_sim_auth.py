"""Health needs no token; every system endpoint needs the right bearer token, changeable live."""

from __future__ import annotations

import httpx
import pytest

from sync.sim.process import SimHandle
from sync.sim.samples import worker_payload

WORKERS = "/registry/v1/workers"


@pytest.mark.parametrize("path", ["/health", "/registry/health", "/immigration/health"])
def test_health_needs_no_token(sim: SimHandle, path: str) -> None:
    response = httpx.get(sim.base_url + path, trust_env=False)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_control_health(sim: SimHandle) -> None:
    assert sim.control.get("/health").json()["role"] == "control"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": "Basic c2ltOnNpbQ=="},
        {"Authorization": "Bearer"},
    ],
    ids=["missing", "wrong", "basic-scheme", "empty"],
)
def test_401_without_the_right_token(sim: SimHandle, client_for, headers: dict) -> None:
    client = client_for(sim, headers=headers)
    response = client.post(WORKERS, json=worker_payload())
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["error"] == "unauthorized"
    assert client.get(WORKERS, params={"client_reference": "x"}).status_code == 401
    assert client.get("/immigration/v1/changes").status_code == 401
    stats = sim.stats()["registry"]
    assert stats["applied"] == 0
    assert stats["received"] == 1
    assert stats["unauthorized"] == 1
    assert sim.records("registry") == []


def test_token_revoked_then_fixed_at_run_time(sim: SimHandle, client_for) -> None:
    old = client_for(sim)
    assert old.post(WORKERS, json=worker_payload()).status_code == 201
    sim.set_token("rotated-token")
    assert old.post(WORKERS, json=worker_payload()).status_code == 401
    new = client_for(sim, headers={"Authorization": "Bearer rotated-token"})
    assert new.post(WORKERS, json=worker_payload()).status_code == 201
    sim.reset(data=False)  # back to the start-up token
    assert old.post(WORKERS, json=worker_payload()).status_code == 201


def test_token_per_system(sim: SimHandle, client_for) -> None:
    client = client_for(sim)
    sim.set_token("immigration-only", system="immigration")
    assert client.post(WORKERS, json=worker_payload()).status_code == 201
    assert client.get("/immigration/v1/changes").status_code == 401
    other = client_for(sim, headers={"Authorization": "Bearer immigration-only"})
    assert other.get("/immigration/v1/changes").status_code == 200
    assert other.post(WORKERS, json=worker_payload()).status_code == 401


def test_token_control_refuses_garbage(sim: SimHandle) -> None:
    assert sim.control.post("/_sim/token", json={}).status_code == 422
    assert sim.control.post("/_sim/token", json={"token": ""}).status_code == 422
    assert sim.control.post("/_sim/token", json={"token": "x", "system": "bpjs"}).status_code == 422


def test_unknown_path_is_json_404(client: httpx.Client) -> None:
    response = client.get("/registry/v2/nothing")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert client.delete(WORKERS).status_code == 405
