"""Idempotency: key replay, client-reference dedupe; --no-idempotency counts duplicate effects."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from sync.sim.process import SimHandle, run_sim_process
from sync.sim.samples import application_payload, worker_payload

WORKERS = "/registry/v1/workers"
APPLICATIONS = "/immigration/v1/passport-applications"


def test_same_key_replays_original_response(client: httpx.Client, sim: SimHandle) -> None:
    payload = worker_payload()
    headers = {"Idempotency-Key": payload["client_reference"]}
    first = client.post(WORKERS, json=payload, headers=headers)
    second = client.post(WORKERS, json=payload, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    stats = sim.stats()["registry"]
    assert stats["received"] == 2
    assert stats["applied"] == 1
    assert stats["duplicates_suppressed"] == 1
    assert stats["duplicate_effects"] == 0
    assert len(sim.records("registry")) == 1


def test_same_reference_without_key_returns_existing(client: httpx.Client, sim: SimHandle) -> None:
    payload = worker_payload()
    first = client.post(WORKERS, json=payload)
    second = client.post(WORKERS, json=payload, headers={"Idempotency-Key": "another-key"})
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()["registry_id"] == first.json()["registry_id"]
    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["duplicates_suppressed"], stats["duplicate_effects"]) == (
        1,
        1,
        0,
    )


def test_key_reused_for_different_content_is_refused(client: httpx.Client) -> None:
    headers = {"Idempotency-Key": "k-1"}
    assert client.post(WORKERS, json=worker_payload(), headers=headers).status_code == 201
    response = client.post(WORKERS, json=worker_payload(), headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


def test_refusals_are_not_stored_under_the_key(client: httpx.Client) -> None:
    headers = {"Idempotency-Key": "k-2"}
    payload = worker_payload()
    assert client.post(WORKERS, json={**payload, "nik": "1"}, headers=headers).status_code == 422
    assert client.post(WORKERS, json=payload, headers=headers).status_code == 201


def test_immigration_dedupes_too(client: httpx.Client, sim: SimHandle) -> None:
    worker = client.post(WORKERS, json=worker_payload()).json()
    app = application_payload(worker)
    first = client.post(APPLICATIONS, json=app)
    second = client.post(APPLICATIONS, json=app)
    assert first.status_code == 202
    assert second.status_code == 200
    assert second.json()["application_no"] == first.json()["application_no"]
    stats = sim.stats()["immigration"]
    assert (stats["applied"], stats["duplicates_suppressed"]) == (1, 1)


@pytest.fixture(scope="module")
def careless(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    """A remote that ignores Idempotency-Key and never dedupes (``--no-idempotency``)."""
    with run_sim_process(tmp_path_factory.mktemp("careless"), no_idempotency=True) as handle:
        yield handle


@pytest.fixture
def careless_client(careless: SimHandle, client_for) -> httpx.Client:
    careless.reset()
    return client_for(careless)


def test_no_idempotency_counts_a_blind_resend(careless: SimHandle, careless_client) -> None:
    assert careless.faults()["no_idempotency"] is True
    payload = worker_payload()
    headers = {"Idempotency-Key": payload["client_reference"]}
    first = careless_client.post(WORKERS, json=payload, headers=headers)
    second = careless_client.post(WORKERS, json=payload, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["registry_id"] != second.json()["registry_id"]
    stats = careless.stats()["registry"]
    assert stats["applied"] == 2
    assert stats["duplicate_effects"] == 1
    assert stats["duplicates_suppressed"] == 0
    assert len(careless.records("registry", payload["client_reference"])) == 2
    # The lookup still answers (with the first record): that is what a careful client relies on.
    found = careless_client.get(WORKERS, params={"client_reference": payload["client_reference"]})
    assert found.json()["registry_id"] == first.json()["registry_id"]


def test_no_idempotency_still_409s_another_reference(careless: SimHandle, careless_client) -> None:
    payload = worker_payload()
    careless_client.post(WORKERS, json=payload)
    response = careless_client.post(WORKERS, json=worker_payload(nik=payload["nik"]))
    assert response.status_code == 409
    assert careless.stats()["registry"]["duplicate_effects"] == 0


def test_no_idempotency_immigration_and_batch(careless: SimHandle, careless_client) -> None:
    worker = careless_client.post(WORKERS, json=worker_payload()).json()
    app = application_payload(worker)
    for _ in range(3):
        assert careless_client.post(APPLICATIONS, json=app).status_code == 202
    assert careless.stats()["immigration"]["duplicate_effects"] == 2
    item = worker_payload()
    response = careless_client.post(f"{WORKERS}:batch", json={"items": [item, item]})
    assert [r["status"] for r in response.json()["results"]] == [201, 201]
    assert careless.stats()["registry"]["duplicate_effects"] == 1


def test_no_idempotency_can_be_switched_at_run_time(sim: SimHandle, client: httpx.Client) -> None:
    sim.set_faults(no_idempotency=True)
    payload = worker_payload()
    client.post(WORKERS, json=payload)
    client.post(WORKERS, json=payload)
    assert sim.stats()["registry"]["duplicate_effects"] == 1
