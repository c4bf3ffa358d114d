"""The central migrant-worker registry: registrations (POST) and corrections (PUT)."""

from __future__ import annotations

from typing import Any

from sync.destinations.base import MissingDependency, Request
from sync.transport import Answer, Transport, Verdict

REGISTER = "worker.register"
UPDATE = "worker.update"

_MATCH_FIELDS = ("nik", "full_name", "birth_date")


def _same_person(payload: dict[str, Any], record: dict[str, Any]) -> bool:
    """NIK, name (case and spacing aside) and birth date: enough to adopt an existing record."""
    for name in _MATCH_FIELDS:
        ours, theirs = payload.get(name), record.get(name)
        if name == "full_name":
            ours = " ".join(str(ours or "").split()).casefold()
            theirs = " ".join(str(theirs or "").split()).casefold()
        if not ours or ours != theirs:
            return False
    return True


class Registry:
    name = "registry"

    def request_for(
        self, kind: str, payload: dict[str, Any], dependency_receipt: dict[str, Any] | None
    ) -> Request:
        if kind == REGISTER:
            return Request("POST", "/v1/workers", payload)
        if kind == UPDATE:
            registry_id = payload.get("registry_id") or (dependency_receipt or {}).get(
                "registry_id"
            )
            if not registry_id:
                raise MissingDependency("registry_id belum ada untuk koreksi ini")
            body = {k: v for k, v in payload.items() if k != "registry_id"}
            return Request("PUT", f"/v1/workers/{registry_id}", body)
        raise ValueError(f"unknown registry item kind {kind!r}")

    def batch_path(self, kind: str) -> str | None:
        """Registrations may travel many to a request (each judged as if sent alone)."""
        return "/v1/workers:batch" if kind == REGISTER else None

    def look_up_many_path(self, kind: str) -> str | None:
        """Registrations only: a correction's look-up asks whether the update was applied."""
        return "/v1/workers:lookup" if kind == REGISTER else None

    def look_up(self, transport: Transport, kind: str, key: str) -> Answer:
        answer = transport.call("GET", "/v1/workers", params={"client_reference": key})
        applied = answer.body.get("update_reference") == key
        if answer.verdict is Verdict.DELIVERED and kind == UPDATE and not applied:
            # The lookup answers with the current record; the update is there only if it says so.
            return Answer(Verdict.NOT_FOUND, 404, answer.body, "update not applied")
        return answer

    def receipt(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        keep = ("registry_id", "received_at", "updated_at", "version")
        return {k: body[k] for k in keep if k in body}

    def adopt(
        self, kind: str, payload: dict[str, Any], body: dict[str, Any]
    ) -> dict[str, Any] | None:
        if kind != REGISTER or body.get("error") != "nik_already_registered":
            return None
        record = body.get("record") or {}
        if not isinstance(record, dict) or not _same_person(payload, record):
            return None
        registry_id = body.get("registry_id") or record.get("registry_id")
        if not registry_id:
            return None
        return {"registry_id": registry_id, "adopted": True}

    def pull(
        self, transport: Transport, cursor: str | None
    ) -> tuple[list[dict[str, Any]], str | None, bool] | Answer:
        return [], cursor, False
