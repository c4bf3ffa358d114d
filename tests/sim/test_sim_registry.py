"""Registry: register (201), look up by client reference, update (PUT), NIK 409, batches."""

from __future__ import annotations

import httpx

from sync.sim.process import SimHandle
from sync.sim.samples import worker_payload

WORKERS = "/registry/v1/workers"


def test_register_then_look_up(client: httpx.Client, sim: SimHandle) -> None:
    payload = worker_payload()
    response = client.post(WORKERS, json=payload)
    assert response.status_code == 201
    body = response.json()
    assert body["registry_id"].startswith("REG-")
    assert body["client_reference"] == payload["client_reference"]
    assert body["received_at"].endswith("Z")
    assert body["nik"] == payload["nik"]

    found = client.get(WORKERS, params={"client_reference": payload["client_reference"]})
    assert found.status_code == 200
    assert found.json()["registry_id"] == body["registry_id"]
    by_id = client.get(f"{WORKERS}/{body['registry_id']}")
    assert by_id.json()["client_reference"] == payload["client_reference"]
    assert (
        client.get(WORKERS, params={"nik": payload["nik"]}).json()["registry_id"]
        == body["registry_id"]
    )

    stats = sim.stats()["registry"]
    assert (stats["received"], stats["applied"], stats["duplicates_suppressed"]) == (1, 1, 0)


def test_look_up_unknown_reference_is_404(client: httpx.Client) -> None:
    response = client.get(WORKERS, params={"client_reference": "never-sent"})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert client.get(WORKERS).status_code == 422
    assert client.get(f"{WORKERS}/REG-99999999").status_code == 404


def test_update_replaces_fields_and_dedupes_by_update_reference(
    client: httpx.Client, sim: SimHandle
) -> None:
    payload = worker_payload()
    registry_id = client.post(WORKERS, json=payload).json()["registry_id"]
    update = {**payload, "client_reference": "upd-1", "full_name": "Siti Aminah Binti Ahmad"}
    response = client.put(f"{WORKERS}/{registry_id}", json=update)
    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "Siti Aminah Binti Ahmad"
    assert body["version"] == 2
    assert body["client_reference"] == payload["client_reference"]  # the registration's

    # A stale resend of the same update is suppressed; it does not bump the version again.
    again = client.put(f"{WORKERS}/{registry_id}", json=update)
    assert again.status_code == 200
    assert again.json()["version"] == 2
    # "Did my update arrive?" is answered by the update's reference too.
    found = client.get(WORKERS, params={"client_reference": "upd-1"}).json()
    assert found["registry_id"] == registry_id
    assert found["update_reference"] == "upd-1"

    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["duplicates_suppressed"]) == (2, 1)


def test_update_unknown_record_is_404(client: httpx.Client) -> None:
    response = client.put(f"{WORKERS}/REG-99999999", json=worker_payload())
    assert response.status_code == 404


def test_update_refuses_invalid_payload(client: httpx.Client) -> None:
    payload = worker_payload()
    registry_id = client.post(WORKERS, json=payload).json()["registry_id"]
    response = client.put(f"{WORKERS}/{registry_id}", json={**payload, "sex": "X"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sex"


def test_nik_registered_under_another_reference_is_409(
    client: httpx.Client, sim: SimHandle
) -> None:
    first = worker_payload()
    created = client.post(WORKERS, json=first).json()
    other = worker_payload(nik=first["nik"], full_name="Someone Else")
    response = client.post(WORKERS, json=other)
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "nik_already_registered"
    assert body["registry_id"] == created["registry_id"]
    assert body["message"]
    record = body["record"]
    assert record["nik"] == first["nik"]
    assert record["full_name"] == first["full_name"]
    assert record["birth_date"] == first["birth_date"]
    assert "client_reference" not in record  # another office's key is not leaked
    assert len(sim.records("registry")) == 1
    assert sim.stats()["registry"]["applied"] == 1


def test_seeded_record_registered_elsewhere_gives_409(client: httpx.Client, sim: SimHandle) -> None:
    seeded = worker_payload(client_reference=None)
    [result] = sim.seed_registry(seeded)
    assert result["status"] == 201
    response = client.post(WORKERS, json=worker_payload(nik=seeded["nik"]))
    assert response.status_code == 409
    assert response.json()["registry_id"] == result["body"]["registry_id"]
    assert sim.stats()["registry"]["received"] == 1  # seeding is not traffic


def test_update_to_a_nik_held_by_another_record_is_409(client: httpx.Client) -> None:
    a, b = worker_payload(), worker_payload()
    client.post(WORKERS, json=a)
    b_id = client.post(WORKERS, json=b).json()["registry_id"]
    response = client.put(f"{WORKERS}/{b_id}", json={**b, "nik": a["nik"]})
    assert response.status_code == 409


def test_batch_judges_each_item_independently(client: httpx.Client, sim: SimHandle) -> None:
    ok = worker_payload()
    clash = worker_payload(nik=ok["nik"])
    bad = worker_payload(nik="x")
    items = [ok, bad, ok, clash, worker_payload()]
    response = client.post(f"{WORKERS}:batch", json={"items": items})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == [201, 422, 200, 409, 201]
    assert [r["index"] for r in results] == list(range(5))
    assert results[2]["body"]["registry_id"] == results[0]["body"]["registry_id"]
    assert results[1]["body"]["errors"][0]["field"] == "nik"
    stats = sim.stats()["registry"]
    assert stats["received"] == 1
    assert stats["items_received"] == 5
    assert (stats["applied"], stats["duplicates_suppressed"], stats["rejected"]) == (2, 1, 2)
    assert len(sim.records("registry")) == 2


def test_batch_shape_is_checked(client: httpx.Client) -> None:
    assert client.post(f"{WORKERS}:batch", json={"items": []}).status_code == 422
    assert client.post(f"{WORKERS}:batch", json=[worker_payload()]).status_code == 422
    too_many = {"items": [{}] * 501}
    assert client.post(f"{WORKERS}:batch", json=too_many).status_code == 422


def test_batch_replayed_under_its_idempotency_key(client: httpx.Client, sim: SimHandle) -> None:
    items = {"items": [worker_payload(), worker_payload()]}
    headers = {"Idempotency-Key": "batch-1"}
    first = client.post(f"{WORKERS}:batch", json=items, headers=headers)
    second = client.post(f"{WORKERS}:batch", json=items, headers=headers)
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    stats = sim.stats()["registry"]
    assert (stats["applied"], stats["duplicates_suppressed"]) == (2, 2)
