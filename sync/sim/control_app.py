"""The simulator's control port (``/_sim/...``): what tests and demos use to steer it.

The controls never pass through the systems' gate: they must answer while the systems are
"offline".
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import systems
from .responses import crash_response, http_error_response, json_response, outcome_response
from .runtime import SimRuntime
from .store import SYSTEMS, utc_now
from .validation import FieldError

__all__ = ["build_control_app"]


class _ControlApi:
    """``/_sim/...``: stats, faults, tokens, status advance, records, reset, shutdown."""

    def __init__(self, rt: SimRuntime) -> None:
        self.rt = rt

    @staticmethod
    async def _json_body(request: Request) -> tuple[Any, Response | None]:
        raw = await request.body()
        if not raw.strip():
            return {}, None
        try:
            return json.loads(raw), None
        except (ValueError, RecursionError):
            return None, outcome_response(
                systems.invalid([FieldError("body", "is not valid JSON")])
            )

    async def health(self, request: Request) -> Response:
        return json_response(
            200, {"status": "ok", "role": "control", "offline": self.rt.faults.offline}
        )

    async def info(self, request: Request) -> Response:
        return json_response(200, {**self.rt.info, "state_id": self.rt.store.state_id})

    async def stats(self, request: Request) -> Response:
        return json_response(200, self.rt.store.stats())

    async def get_faults(self, request: Request) -> Response:
        return json_response(200, self.rt.faults.as_dict())

    async def set_faults(self, request: Request) -> Response:
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        new, errors = self.rt.faults.merged(body)
        if errors:
            return outcome_response(systems.invalid(errors))
        await self.rt.apply_faults(new)
        return json_response(200, self.rt.faults.as_dict())

    async def set_token(self, request: Request) -> Response:
        """``{"token": T}`` (both systems), ``{"token": T, "system": S}``, or per system keys."""
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        if not isinstance(body, Mapping):
            return outcome_response(systems.invalid([FieldError("body", "must be an object")]))
        updates: dict[str, str] = {}
        errors: list[FieldError] = []
        if "token" in body:
            target = body.get("system")
            if target is not None and target not in SYSTEMS:
                errors.append(FieldError("system", f"must be one of {', '.join(SYSTEMS)}"))
            for system in SYSTEMS if target is None else [target]:
                updates[system] = body["token"]
        for system in SYSTEMS:
            if system in body:
                updates[system] = body[system]
        if not updates:
            errors.append(FieldError("token", "is required"))
        for name, token in updates.items():
            if not isinstance(token, str) or not token or not token.isascii():
                errors.append(FieldError(name, "token must be a non-empty ASCII string"))
        if errors:
            return outcome_response(systems.invalid(errors))
        self.rt.tokens.update(updates)
        return json_response(200, {"updated": sorted(updates)})

    async def advance(self, request: Request) -> Response:
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        store = self.rt.store
        with store.transaction():
            outcome = systems.advance_applications(store, body, utc_now())
        return outcome_response(outcome)

    async def reset(self, request: Request) -> Response:
        """Wipe data and counters; restore start-up faults and tokens unless told otherwise."""
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        if not isinstance(body, Mapping):
            return outcome_response(systems.invalid([FieldError("body", "must be an object")]))
        if body.get("data", True):
            self.rt.store.reset()
        if body.get("faults", True):
            await self.rt.apply_faults(self.rt.initial_faults)
        if body.get("tokens", True):
            self.rt.tokens = dict(self.rt.initial_tokens)
        return json_response(200, {"reset": True, "faults": self.rt.faults.as_dict()})

    async def records(self, request: Request) -> Response:
        system = request.query_params.get("system", "")
        reference = request.query_params.get("client_reference") or None
        store = self.rt.store
        if system == "registry":
            records = store.workers(reference)
        elif system == "immigration":
            records = store.applications(reference)
        else:
            return outcome_response(
                systems.invalid([FieldError("system", "must be registry or immigration")])
            )
        return json_response(200, {"system": system, "records": records})

    async def seed(self, request: Request) -> Response:
        """``{"registry": [worker payload, ...]}``: records "registered elsewhere", uncounted."""
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        items = body.get("registry") if isinstance(body, Mapping) else None
        if not isinstance(items, list):
            return outcome_response(
                systems.invalid([FieldError("registry", "must be a list of worker payloads")])
            )
        store = self.rt.store
        results = []
        with store.transaction():
            for item in items:
                outcome = systems.seed_worker(store, item, utc_now())
                results.append({"status": outcome.status, "body": outcome.body})
        return json_response(200, {"results": results})

    async def shutdown(self, request: Request) -> Response:
        """Graceful stop that works on every OS (Windows has no SIGTERM to catch)."""
        if self.rt.request_stop is not None:
            asyncio.get_running_loop().call_later(0.05, self.rt.request_stop)
        return json_response(202, {"stopping": True})


def build_control_app(rt: SimRuntime) -> Starlette:
    """The control port's app; it must keep answering while the systems are offline."""
    api = _ControlApi(rt)
    routes = [
        Route("/health", api.health, methods=["GET"]),
        Route("/_sim/health", api.health, methods=["GET"]),
        Route("/_sim/info", api.info, methods=["GET"]),
        Route("/_sim/stats", api.stats, methods=["GET"]),
        Route("/_sim/faults", api.get_faults, methods=["GET"]),
        Route("/_sim/faults", api.set_faults, methods=["POST"]),
        Route("/_sim/token", api.set_token, methods=["POST"]),
        Route("/_sim/advance", api.advance, methods=["POST"]),
        Route("/_sim/reset", api.reset, methods=["POST"]),
        Route("/_sim/records", api.records, methods=["GET"]),
        Route("/_sim/seed", api.seed, methods=["POST"]),
        Route("/_sim/shutdown", api.shutdown, methods=["POST"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error_response, Exception: crash_response},
    )
