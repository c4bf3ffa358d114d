"""Strict validation: 422 with field errors, never a 500, whatever garbage arrives."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.sim.process import SimHandle
from sync.sim.samples import worker_payload
from sync.sim.validation import (
    PASSPORT_FIELDS,
    WORKER_FIELDS,
    validate_passport_application,
    validate_worker,
)

WORKERS = "/registry/v1/workers"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
field_names = [f.name for f in WORKER_FIELDS]


def _fields(errors: list) -> set[str]:
    return {e.field for e in errors}


def test_valid_payload_is_normalised_and_unknown_fields_dropped() -> None:
    payload = worker_payload(full_name="  Siti Aminah  ", phone="0812-3456-7890", hobby="x")
    clean, errors = validate_worker(payload)
    assert errors == []
    assert clean["full_name"] == "Siti Aminah"
    assert clean["phone"] == "081234567890"
    assert "hobby" not in clean


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("client_reference", None),
        ("client_reference", "has space"),
        ("client_reference", 12),
        ("nik", None),
        ("nik", "123"),
        ("nik", 5203014101900001),
        ("nik", "52030141019000０1"),  # a full-width digit
        ("nik", "5203 014101900001"),
        ("full_name", ""),
        ("full_name", "Siti 2"),
        ("full_name", "x" * 101),
        ("full_name", "Siti\x00"),
        ("birth_date", "17-04-1996"),
        ("birth_date", "1996-02-30"),
        ("birth_date", "2999-01-01"),
        ("birth_date", "1850-01-01"),
        ("sex", "M"),
        ("sex", "l"),
        ("phone", "12ab"),
        ("destination_country", "my"),
        ("destination_country", "XX"),
        ("destination_country", "MYS"),
        ("office_code", "5203"),
        ("tracking_code", "has space"),
        ("planned_departure", "1990-01-01"),  # before the birth date
        ("planned_departure", "soon"),
        ("address", ["not", "a", "string"]),
    ],
)
def test_bad_field_is_named(field: str, value: Any) -> None:
    payload = worker_payload()
    payload[field] = value
    _, errors = validate_worker(payload)
    assert field in _fields(errors), errors
    assert all(e.message for e in errors)


def test_optional_blank_means_absent() -> None:
    clean, errors = validate_worker(worker_payload(phone="", address=None, birth_place="  "))
    assert errors == []
    assert {"phone", "address", "birth_place"}.isdisjoint(clean)


def test_passport_application_requires_its_fields() -> None:
    _, errors = validate_passport_application({})
    required = {f.name for f in PASSPORT_FIELDS if f.required}
    assert _fields(errors) == required


@given(json_values)
def test_validators_never_raise_on_garbage(data: Any) -> None:
    for validate in (validate_worker, validate_passport_application):
        clean, errors = validate(data)
        assert isinstance(errors, list)
        assert set(clean) <= {f.name for f in WORKER_FIELDS + PASSPORT_FIELDS}


@given(st.sampled_from(field_names), json_values)
def test_one_bad_field_only_blames_that_field(field: str, value: Any) -> None:
    payload = worker_payload()
    payload[field] = value
    clean, errors = validate_worker(payload)
    blamed = _fields(errors)
    assert blamed <= {field, "planned_departure"}
    if not errors:
        assert field in clean or value is None or (isinstance(value, str) and not value.strip())


def test_http_422_lists_every_bad_field(client: httpx.Client, sim: SimHandle) -> None:
    payload = worker_payload(nik="12", sex="X", birth_date="yesterday")
    response = client.post(WORKERS, json=payload)
    assert response.status_code == 422
    body = response.json()
    assert {e["field"] for e in body["errors"]} == {"nik", "sex", "birth_date"}
    assert all(isinstance(e["message"], str) and e["message"] for e in body["errors"])
    assert sim.records("registry") == []
    stats = sim.stats()["registry"]
    assert (stats["received"], stats["applied"], stats["rejected"]) == (1, 0, 1)


def test_http_body_must_be_json_object(client: httpx.Client) -> None:
    headers = {"Content-Type": "application/json"}
    response = client.post(WORKERS, content=b"{not json", headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"
    response = client.post(WORKERS, json=[1, 2])
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "body", "message": "must be a JSON object"}]
    assert client.post(WORKERS, content=b"[" * 100_000, headers=headers).status_code == 422


def test_http_requires_json_content_type(client: httpx.Client) -> None:
    response = client.post(WORKERS, content=b"nik=1", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_http_unknown_fields_ignored(client: httpx.Client) -> None:
    response = client.post(WORKERS, json=worker_payload(favourite_colour="blue"))
    assert response.status_code == 201
    assert "favourite_colour" not in response.json()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from(
        [
            WORKERS,
            WORKERS + ":batch",
            "/registry/v1/workers/REG-00000001",
            "/immigration/v1/passport-applications",
            "/immigration/v1/passport-applications:batch",
        ]
    ),
    body=json_values,
)
def test_http_garbage_never_500(sim_process: SimHandle, client_for, path: str, body: Any) -> None:
    client = client_for(sim_process)
    method = "PUT" if path.startswith("/registry/v1/workers/") else "POST"
    response = client.request(
        method, path, content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    assert response.status_code < 500, response.text
    assert response.status_code in (200, 201, 202, 404, 409, 422), response.text
    if response.status_code == 422:
        assert response.json()["errors"]
