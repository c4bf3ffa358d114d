"""The simulator's systems port: both remote systems (registry and immigration) over HTTP.

Every system request walks the same gate, in this order: latency, bearer token, 429 burst, random
5xx, body checks, then the operation inside ONE store transaction together with its counters. Only
after that commit is the response sent, or, with ``drop_after_commit``, the connection cut with no
response at all: the case where the client cannot know whether its request took effect, which is
exactly what the sync engine's "ask before resending" rule exists for.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from . import systems
from .responses import (
    DropConnection,
    crash_response,
    error_response,
    http_error_response,
    json_response,
    outcome_response,
)
from .runtime import SimRuntime
from .store import SYSTEMS, SimStore, utc_now
from .systems import Outcome
from .validation import FieldError

__all__ = ["build_systems_app"]

MAX_BODY = 1 << 20
MAX_BATCH_BODY = 16 << 20
_FAIL_STATUSES = (500, 502, 503)
_GATEWAY_TIMEOUT_PAGE = (
    "<html><head><title>504 Gateway Time-out</title></head>"
    "<body><center><h1>504 Gateway Time-out</h1></center></body></html>"
)
_KEY_MAX = 255


def _fingerprint(method: str, path: str, body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= _KEY_MAX and all(33 <= ord(ch) <= 126 for ch in key)


class _SystemsApi:
    """Handlers of both remote systems, sharing one gate."""

    def __init__(self, rt: SimRuntime) -> None:
        self.rt = rt

    # gate pieces

    async def _latency(self) -> None:
        delay = self.rt.faults.latency_ms
        if delay:
            await asyncio.sleep(delay / 1000)

    def _gate(self, request: Request, system: str, deltas: dict[str, int]) -> Response | None:
        """Auth, 429 burst, random failure: the refusals that happen before any business rule."""
        expected = self.rt.tokens.get(system, "")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if (
            scheme.lower() != "bearer"
            or not expected
            or not hmac.compare_digest(given.strip().encode(), expected.encode())
        ):
            deltas["unauthorized"] = 1
            return error_response(
                401,
                "unauthorized",
                "missing or invalid bearer token",
                headers={"WWW-Authenticate": f'Bearer realm="{system}"'},
            )
        faults = self.rt.faults
        if faults.rate_limit_burst > 0:
            self.rt.faults = replace(faults, rate_limit_burst=faults.rate_limit_burst - 1)
            deltas["rate_limited"] = 1
            retry = faults.rate_limit_retry_after
            return error_response(
                429,
                "rate_limited",
                f"too many requests; retry after {retry} s",
                retry_after=retry,
                headers={"Retry-After": str(retry)},
            )
        if faults.fail_rate and self.rt.rng.random() < faults.fail_rate:
            status = self.rt.rng.choice(_FAIL_STATUSES)
            deltas["failed_injected"] = 1
            return error_response(
                status, "simulated_failure", f"simulated server failure ({status})"
            )
        return None

    @staticmethod
    async def _receive(request: Request, limit: int) -> tuple[bytes, Response | None]:
        """Read the whole body first, as a real server's front end would, so a connection cut
        during the (simulated) processing time does not stop the request from taking effect."""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json" and not content_type.endswith("+json"):
            problem = error_response(
                415, "unsupported_media_type", "send the payload as application/json"
            )
            return b"", problem
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return b"", error_response(413, "payload_too_large", f"body larger than {limit} bytes")
        raw = await request.body()
        if len(raw) > limit:
            return b"", error_response(413, "payload_too_large", f"body larger than {limit} bytes")
        return raw, None

    @staticmethod
    def _parse(raw: bytes) -> tuple[Any, Response | None]:
        try:
            return json.loads(raw), None
        except (ValueError, RecursionError):
            out = systems.invalid([FieldError("body", "is not valid JSON")])
            return None, outcome_response(out)

    # the two request shapes

    async def write(
        self,
        request: Request,
        system: str,
        operation: Callable[[Any, bool], Outcome],
        *,
        limit: int = MAX_BODY,
        items_of: Callable[[Any], int] | None = None,
    ) -> Response:
        """A state-changing request: one transaction for effect plus counters, then answer."""
        try:
            raw, problem = await self._receive(request, limit)
        except ClientDisconnect:
            return DropConnection()  # the client left before its request was complete
        await self._latency()
        deltas: dict[str, int] = {"received": 1}
        early = self._gate(request, system, deltas)
        body: Any = None
        if early is None:
            if problem is None:
                body, problem = self._parse(raw)
            if problem is not None:
                early = problem
                deltas["rejected"] = 1
        store = self.rt.store
        if early is not None:
            with store.transaction():
                store.bump(system, deltas)
            return early
        faults = self.rt.faults
        drop = bool(faults.drop_after_commit) and self.rt.rng.random() < faults.drop_after_commit
        gateway = (
            not drop
            and bool(faults.gateway_timeout_after_commit)
            and self.rt.rng.random() < faults.gateway_timeout_after_commit
        )
        idempotency = not faults.no_idempotency
        key = request.headers.get("idempotency-key") if idempotency else None
        with store.transaction():
            outcome = self._keyed(request, system, key, body, lambda b: operation(b, idempotency))
            if outcome.replayed and items_of is not None:
                outcome.suppressed = max(1, items_of(outcome.body))
            deltas.update(outcome.counters())
            if items_of is not None and not outcome.replayed:
                deltas["items_received"] = items_of(outcome.body)
            if drop:
                deltas["dropped_after_commit"] = 1
            if gateway:
                deltas["gateway_timeout_after_commit"] = 1
            store.bump(system, deltas)
        if drop:
            return DropConnection()
        if gateway:
            # What a reverse proxy in front of a slow remote answers: its own page, not the API's
            # JSON, after the remote applied the request.
            return HTMLResponse(_GATEWAY_TIMEOUT_PAGE, status_code=504)
        return outcome_response(outcome)

    def _keyed(
        self,
        request: Request,
        system: str,
        key: str | None,
        body: Any,
        run: Callable[[Any], Outcome],
    ) -> Outcome:
        """Apply ``run`` under an ``Idempotency-Key``: a repeat answers the stored response.

        Only successful (2xx) answers are stored: a refusal had no effect, so a resend is judged
        afresh. A key reused with a different request is refused (422) instead of answering with
        the other request's response, because that would hide a client bug (content changed under
        its key, which the sync contract forbids).
        """
        if key is None:
            return run(body)
        if not _valid_key(key):
            return systems.invalid(
                [FieldError("Idempotency-Key", "must be 1-255 printable ASCII characters")]
            )
        store = self.rt.store
        fingerprint = _fingerprint(request.method, request.url.path, body)
        stored = store.idempotency_get(system, key)
        if stored is not None:
            if stored["fingerprint"] != fingerprint:
                return systems.invalid(
                    [FieldError("Idempotency-Key", "was already used for a different request")],
                    "Idempotency-Key reused with a different request",
                )
            return Outcome(
                stored["status"], json.loads(stored["body"]), suppressed=1, replayed=True
            )
        outcome = run(body)
        if 200 <= outcome.status < 300:
            store.idempotency_put(system, key, fingerprint, outcome.status, outcome.body)
        return outcome

    async def read(self, request: Request, system: str, query: Callable[[], Outcome]) -> Response:
        """A lookup: same gate (a flaky line fails GETs too) but no counters and no commit."""
        await self._latency()
        early = self._gate(request, system, {})
        if early is not None:
            return early
        return outcome_response(query())

    async def read_many(
        self, request: Request, system: str, one: Callable[[str], Outcome]
    ) -> Response:
        """Many look-ups in one POST: the gate of a read, no counters, no commit."""
        try:
            raw, problem = await self._receive(request, MAX_BODY)
        except ClientDisconnect:
            return DropConnection()
        await self._latency()
        early = self._gate(request, system, {})
        if early is not None:
            return early
        body: Any = None
        if problem is None:
            body, problem = self._parse(raw)
        if problem is not None:
            return problem
        return outcome_response(systems.lookup_many(body, one))

    # endpoints

    async def health(self, request: Request) -> Response:
        await self._latency()
        first = request.url.path.strip("/").split("/")[0]
        system = first if first in SYSTEMS else "all"
        return json_response(200, {"status": "ok", "system": system, "time": utc_now()})

    async def register(self, request: Request) -> Response:
        store = self.rt.store
        return await self.write(
            request,
            "registry",
            lambda body, idem: systems.register_worker(
                store, body, idempotency=idem, now=utc_now()
            ),
        )

    async def register_batch(self, request: Request) -> Response:
        store = self.rt.store

        def operation(body: Any, idem: bool) -> Outcome:
            now = utc_now()
            return systems.batch(
                body,
                lambda item: systems.register_worker(store, item, idempotency=idem, now=now),
            )

        return await self.write(
            request, "registry", operation, limit=MAX_BATCH_BODY, items_of=_item_count
        )

    async def update(self, request: Request) -> Response:
        store = self.rt.store
        registry_id = request.path_params["registry_id"]
        return await self.write(
            request,
            "registry",
            lambda body, idem: systems.update_worker(
                store, registry_id, body, idempotency=idem, now=utc_now()
            ),
        )

    async def find_workers(self, request: Request) -> Response:
        params = request.query_params
        return await self.read(
            request,
            "registry",
            lambda: systems.lookup_worker(
                self.rt.store, reference=params.get("client_reference"), nik=params.get("nik")
            ),
        )

    async def find_workers_many(self, request: Request) -> Response:
        store = self.rt.store
        return await self.read_many(
            request,
            "registry",
            lambda reference: systems.lookup_worker(store, reference=reference, nik=None),
        )

    async def get_worker(self, request: Request) -> Response:
        registry_id = request.path_params["registry_id"]

        def query() -> Outcome:
            row = self.rt.store.worker(registry_id)
            if row is None:
                return Outcome(404, {"error": "not_found", "message": "registry id not found"})
            return Outcome(200, SimStore.worker_body(row))

        return await self.read(request, "registry", query)

    async def submit(self, request: Request) -> Response:
        store = self.rt.store
        return await self.write(
            request,
            "immigration",
            lambda body, idem: systems.submit_application(
                store, body, idempotency=idem, now=utc_now()
            ),
        )

    async def submit_batch(self, request: Request) -> Response:
        store = self.rt.store

        def operation(body: Any, idem: bool) -> Outcome:
            now = utc_now()
            return systems.batch(
                body,
                lambda item: systems.submit_application(store, item, idempotency=idem, now=now),
            )

        return await self.write(
            request, "immigration", operation, limit=MAX_BATCH_BODY, items_of=_item_count
        )

    async def find_applications(self, request: Request) -> Response:
        reference = request.query_params.get("client_reference")
        return await self.read(
            request, "immigration", lambda: systems.lookup_application(self.rt.store, reference)
        )

    async def find_applications_many(self, request: Request) -> Response:
        store = self.rt.store
        return await self.read_many(
            request,
            "immigration",
            lambda reference: systems.lookup_application(store, reference),
        )

    async def get_application(self, request: Request) -> Response:
        number = request.path_params["application_no"]

        def query() -> Outcome:
            row = self.rt.store.application(number)
            if row is None:
                return Outcome(404, {"error": "not_found", "message": "application not found"})
            return Outcome(200, SimStore.application_body(row))

        return await self.read(request, "immigration", query)

    async def changes(self, request: Request) -> Response:
        params = request.query_params
        store = self.rt.store
        return await self.read(
            request,
            "immigration",
            lambda: systems.list_changes(
                store, params.get("cursor"), params.get("limit"), store.state_id
            ),
        )


def _item_count(body: Any) -> int:
    if isinstance(body, Mapping) and isinstance(body.get("results"), list):
        return len(body["results"])
    return 0


def build_systems_app(rt: SimRuntime) -> Starlette:
    """Both remote systems, each under its own base path, plus ``GET /health``."""
    api = _SystemsApi(rt)
    routes = [
        Route("/health", api.health, methods=["GET"]),
        Route("/registry/health", api.health, methods=["GET"]),
        Route("/immigration/health", api.health, methods=["GET"]),
        Route("/registry/v1/workers", api.register, methods=["POST"]),
        Route("/registry/v1/workers", api.find_workers, methods=["GET"]),
        Route("/registry/v1/workers:batch", api.register_batch, methods=["POST"]),
        Route("/registry/v1/workers:lookup", api.find_workers_many, methods=["POST"]),
        Route("/registry/v1/workers/{registry_id}", api.update, methods=["PUT"]),
        Route("/registry/v1/workers/{registry_id}", api.get_worker, methods=["GET"]),
        Route("/immigration/v1/passport-applications", api.submit, methods=["POST"]),
        Route("/immigration/v1/passport-applications", api.find_applications, methods=["GET"]),
        Route("/immigration/v1/passport-applications:batch", api.submit_batch, methods=["POST"]),
        Route(
            "/immigration/v1/passport-applications:lookup",
            api.find_applications_many,
            methods=["POST"],
        ),
        Route(
            "/immigration/v1/passport-applications/{application_no}",
            api.get_application,
            methods=["GET"],
        ),
        Route("/immigration/v1/changes", api.changes, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error_response, Exception: crash_response},
    )
