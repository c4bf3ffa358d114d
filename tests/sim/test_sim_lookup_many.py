"""Many look-ups in one request (`POST ...:lookup`): what a counter asks after a bad line lost the
answers of a whole batch, one answer per reference, in order, changing nothing."""

from __future__ import annotations

import httpx

from sync.sim.process import SimHandle
from sync.sim.samples import worker_payload

WORKERS = "/registry/v1/workers"
APPLICATIONS = "/immigration/v1/passport-applications"


def test_registrations_looked_up_many_at_once(client: httpx.Client, sim: SimHandle) -> None:
    known = worker_payload()
    registered = client.post(WORKERS, json=known).json()
    before = sim.stats()["registry"]

    response = client.post(
        WORKERS + ":lookup",
        json={"client_references": ["never-sent", known["client_reference"]]},
    )

    assert response.status_code == 200
    first, second = response.json()["results"]
    assert (first["client_reference"], first["status"]) == ("never-sent", 404)
    assert first["body"]["error"] == "not_found"
    assert second["client_reference"] == known["client_reference"]
    assert second["status"] == 200
    assert second["body"]["registry_id"] == registered["registry_id"]
    assert sim.stats()["registry"] == before, "a look-up changes nothing"


def test_applications_looked_up_many_at_once(client: httpx.Client) -> None:
    response = client.post(APPLICATIONS + ":lookup", json={"client_references": ["a", "b"]})
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["results"]] == [404, 404]


def test_bad_look_up_requests_are_refused(client: httpx.Client) -> None:
    for body in ({}, {"client_references": []}, {"client_references": [1]},
                 {"client_references": ["x"] * 501}, []):  # fmt: skip
        response = client.post(WORKERS + ":lookup", json=body)
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == "client_references"


def test_look_ups_need_the_token(sim: SimHandle) -> None:
    with httpx.Client(base_url=sim.base_url, trust_env=False) as anonymous:
        response = anonymous.post(WORKERS + ":lookup", json={"client_references": ["x"]})
    assert response.status_code == 401
