"""Immigration: passport applications (202), registry id checks, the status change cursor feed."""

from __future__ import annotations

import httpx
import pytest

from sync.sim.process import SimHandle
from sync.sim.samples import application_payload, worker_payload

WORKERS = "/registry/v1/workers"
APPLICATIONS = "/immigration/v1/passport-applications"
CHANGES = "/immigration/v1/changes"


@pytest.fixture
def worker(client: httpx.Client) -> dict:
    response = client.post(WORKERS, json=worker_payload())
    assert response.status_code == 201
    return response.json()


def test_submit_application(client: httpx.Client, worker: dict, sim: SimHandle) -> None:
    payload = application_payload(worker)
    response = client.post(APPLICATIONS, json=payload)
    assert response.status_code == 202
    body = response.json()
    assert body["application_no"].startswith("PPA-")
    assert body["status"] == "received"
    assert body["registry_id"] == worker["registry_id"]
    found = client.get(APPLICATIONS, params={"client_reference": payload["client_reference"]})
    assert found.status_code == 200
    assert found.json()["application_no"] == body["application_no"]
    assert client.get(f"{APPLICATIONS}/{body['application_no']}").status_code == 200
    assert client.get(APPLICATIONS, params={"client_reference": "nope"}).status_code == 404
    assert sim.stats()["immigration"]["applied"] == 1


def test_unknown_registry_id_is_422(client: httpx.Client, worker: dict) -> None:
    payload = application_payload({**worker, "registry_id": "REG-99999999"})
    response = client.post(APPLICATIONS, json=payload)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "registry_id", "message": "unknown registry_id: not in the registry"}
    ]


def test_nik_must_match_the_registry_record(client: httpx.Client, worker: dict) -> None:
    response = client.post(APPLICATIONS, json=application_payload(worker, nik="5203999999999999"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "nik"


def test_missing_required_fields(client: httpx.Client, worker: dict) -> None:
    response = client.post(APPLICATIONS, json=application_payload(worker, tracking_code=None))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "tracking_code"


def _feed(client: httpx.Client, cursor: str | None = None, **params) -> dict:
    if cursor is not None:
        params["cursor"] = cursor
    response = client.get(CHANGES, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_changes_cursor_feed(client: httpx.Client, sim: SimHandle) -> None:
    empty = _feed(client)
    assert empty["changes"] == []
    start = empty["cursor"]
    assert isinstance(start, str)

    numbers = []
    for _ in range(3):
        w = client.post(WORKERS, json=worker_payload()).json()
        numbers.append(client.post(APPLICATIONS, json=application_payload(w)).json())
    a, b, c = (n["application_no"] for n in numbers)

    page = _feed(client, start)
    assert [(x["application_no"], x["status"]) for x in page["changes"]] == [
        (a, "received"),
        (b, "received"),
        (c, "received"),
    ]
    assert set(page["changes"][0]) >= {"application_no", "client_reference", "status", "at"}
    cursor = page["cursor"]
    assert _feed(client, cursor)["changes"] == []
    assert _feed(client, cursor)["cursor"] == cursor  # nothing new: same position

    result = sim.advance(reject={b: "Foto tidak sesuai"})
    assert {x["application_no"]: x["status"] for x in result["changed"]} == {
        a: "interview_scheduled",
        b: "rejected",
        c: "interview_scheduled",
    }
    sim.advance(only=[a])
    page = _feed(client, cursor)
    got = [(x["application_no"], x["status"], x["reason"]) for x in page["changes"]]
    assert got == [
        (a, "interview_scheduled", None),
        (b, "rejected", "Foto tidak sesuai"),
        (c, "interview_scheduled", None),
        (a, "issued", None),
    ]
    statuses = {r["application_no"]: r["status"] for r in sim.records("immigration")}
    assert statuses == {a: "issued", b: "rejected", c: "interview_scheduled"}

    # Paging: limit splits the same sequence, has_more says when to ask again.
    first = _feed(client, start, limit=4)
    assert len(first["changes"]) == 4
    assert first["has_more"] is True
    rest = _feed(client, first["cursor"], limit=100)
    assert len(rest["changes"]) == 3
    assert rest["has_more"] is False


def test_advance_refuses_nonsense(client: httpx.Client, sim: SimHandle, worker: dict) -> None:
    number = client.post(APPLICATIONS, json=application_payload(worker)).json()["application_no"]
    assert sim.control.post("/_sim/advance", json={"reject": ["PPA-99999999"]}).status_code == 422
    sim.advance(reject=[number])
    again = sim.control.post("/_sim/advance", json={"reject": [number]})
    assert again.status_code == 422  # already final


def test_bad_cursor_is_422(client: httpx.Client) -> None:
    response = client.get(CHANGES, params={"cursor": "not-a-cursor!"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"
    assert client.get(CHANGES, params={"limit": "0"}).status_code == 422
