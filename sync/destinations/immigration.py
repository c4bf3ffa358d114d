"""Immigration: passport applications, and the status feed that tells the office how they go."""

from __future__ import annotations

from typing import Any

from sync.destinations.base import MissingDependency, Request
from sync.transport import Answer, Transport, Verdict

PASSPORT_APPLICATION = "passport.apply"


class Immigration:
    name = "immigration"

    def request_for(
        self, kind: str, payload: dict[str, Any], dependency_receipt: dict[str, Any] | None
    ) -> Request:
        if kind != PASSPORT_APPLICATION:
            raise ValueError(f"unknown immigration item kind {kind!r}")
        body = dict(payload)
        if not body.get("registry_id"):
            registry_id = (dependency_receipt or {}).get("registry_id")
            if not registry_id:
                raise MissingDependency("registry_id dari registri pusat belum ada")
            body["registry_id"] = registry_id
        return Request("POST", "/v1/passport-applications", body)

    def batch_path(self, kind: str) -> str | None:
        return "/v1/passport-applications:batch" if kind == PASSPORT_APPLICATION else None

    def look_up_many_path(self, kind: str) -> str | None:
        return "/v1/passport-applications:lookup" if kind == PASSPORT_APPLICATION else None

    def look_up(self, transport: Transport, kind: str, key: str) -> Answer:
        return transport.call("GET", "/v1/passport-applications", params={"client_reference": key})

    def receipt(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        keep = ("application_no", "status", "received_at", "registry_id")
        return {k: body[k] for k in keep if k in body}

    def adopt(
        self, kind: str, payload: dict[str, Any], body: dict[str, Any]
    ) -> dict[str, Any] | None:
        return None

    def pull(
        self, transport: Transport, cursor: str | None
    ) -> tuple[list[dict[str, Any]], str | None, bool] | Answer:
        params = {"cursor": cursor} if cursor else {}
        answer = transport.call("GET", "/v1/changes", params=params)
        if answer.verdict is not Verdict.DELIVERED:
            return answer
        changes = answer.body.get("changes") or []
        next_cursor = answer.body.get("cursor") or cursor
        return list(changes), next_cursor, bool(answer.body.get("has_more"))
