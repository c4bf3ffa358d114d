"""The simulator's two HTTP faces: the remote systems (one port) and the controls (another port).

Every system request walks the same gate, in this order: latency, bearer token, 429 burst, random
5xx, body checks, then the operation inside ONE store transaction together with its counters. Only
after that commit is the response sent, or, with ``drop_after_commit``, the connection cut with no
response at all: the case where the client cannot know whether its request took effect, which is
exactly what the sync engine's "ask before resending" rule exists for.

The controls never pass through the gate: they must answer while the systems are "offline".
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from . import systems
from .store import SYSTEMS, SimStore, utc_now
from .systems import Outcome
from .validation import FieldError

__all__ = ["Faults", "SimRuntime", "build_control_app", "build_systems_app"]

log = logging.getLogger("ltsa_sim")

#: Key under which the server puts the uvicorn protocol object into the ASGI ``scope["state"]``,
#: so a handler can cut its own connection (see :class:`DropConnection`).
PROTOCOL_STATE_KEY = "sim_protocol"
MAX_BODY = 1 << 20
MAX_BATCH_BODY = 16 << 20
_FAIL_STATUSES = (500, 502, 503)
_KEY_MAX = 255


@dataclass(frozen=True)
class Faults:
    """Fault injection settings, as set by the CLI and ``POST /_sim/faults``."""

    fail_rate: float = 0.0
    latency_ms: int = 0
    offline: bool = False
    drop_after_commit: float = 0.0
    rate_limit_burst: int = 0
    rate_limit_retry_after: int = 1
    no_idempotency: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def merged(self, changes: Any) -> tuple[Faults, list[FieldError]]:
        """A copy with ``changes`` applied, or the errors; unknown names are refused so a typo in a
        test ("fail_rat") fails loudly instead of silently testing nothing."""
        if not isinstance(changes, Mapping):
            return self, [FieldError("body", "must be a JSON object")]
        known = {f.name for f in fields(self)}
        errors: list[FieldError] = []
        clean: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in known:
                errors.append(FieldError(str(name), "unknown fault setting"))
                continue
            try:
                clean[name] = _FAULT_CHECKS[name](value)
            except ValueError as exc:
                errors.append(FieldError(name, str(exc)))
        if errors:
            return self, errors
        return replace(self, **clean), []


def _probability(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError("must be a number from 0 to 1")
    return float(value)


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a whole number from {low} to {high}")
        if value != int(value) or not low <= value <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return int(value)

    return check


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


_FAULT_CHECKS: dict[str, Callable[[Any], Any]] = {
    "fail_rate": _probability,
    "latency_ms": _whole(0, 600_000),
    "offline": _flag,
    "drop_after_commit": _probability,
    "rate_limit_burst": _whole(0, 1_000_000_000),
    "rate_limit_retry_after": _whole(0, 86_400),
    "no_idempotency": _flag,
}


class SimRuntime:
    """Everything the handlers share: store, faults, tokens, randomness, server hooks."""

    def __init__(
        self,
        store: SimStore,
        *,
        faults: Faults,
        tokens: Mapping[str, str],
        seed: int | None = None,
    ) -> None:
        self.store = store
        self.faults = faults
        self.initial_faults = faults
        self.tokens = dict(tokens)
        self.initial_tokens = dict(tokens)
        self.rng = random.Random(seed)
        #: Installed by the server: cut or restore the systems port.
        self.set_offline: Callable[[bool], Awaitable[None]] | None = None
        #: Installed by the server: begin a graceful stop.
        self.request_stop: Callable[[], None] | None = None
        self.info: dict[str, Any] = {}

    async def apply_faults(self, new: Faults) -> None:
        old, self.faults = self.faults, new
        if new.offline != old.offline and self.set_offline is not None:
            await self.set_offline(new.offline)


# -- responses ----------------------------------------------------------------------------------


def _json(status: int, body: Any, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def _error(status: int, error: str, message: str, **extra: Any) -> JSONResponse:
    headers = extra.pop("headers", None)
    return _json(status, {"error": error, "message": message, **extra}, headers)


def _outcome_response(outcome: Outcome) -> JSONResponse:
    headers = {}
    if outcome.replayed or (outcome.suppressed and not outcome.applied):
        headers["Idempotent-Replayed"] = "true"
    return _json(outcome.status, outcome.body, headers)


class DropConnection(Response):
    """A "response" that aborts the TCP connection instead of answering.

    The handler's effect is already committed; the client sees the connection die before any
    status line (httpx raises ``RemoteProtocolError`` or ``ReadError``). The transport comes from
    the uvicorn protocol object the server placed in ``scope["state"]``; nothing is sent through
    ``send``, and after the abort uvicorn marks the cycle disconnected so it does not try a 500.
    """

    def __init__(self) -> None:
        super().__init__(status_code=599)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        protocol = scope.get("state", {}).get(PROTOCOL_STATE_KEY)
        transport = getattr(protocol, "transport", None)
        if transport is None:  # pragma: no cover - only when mounted under a foreign server
            log.error("drop requested but the connection is unknown; closing via 500")
            raise RuntimeError("simulated drop without access to the transport")
        transport.abort()
        # abort() schedules connection_lost with call_soon; yield so it runs (and uvicorn sees the
        # cycle as disconnected) before this ASGI call returns without a response.
        await asyncio.sleep(0)
        await asyncio.sleep(0)


# -- request gate -------------------------------------------------------------------------------


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
            return _error(
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
            return _error(
                429,
                "rate_limited",
                f"too many requests; retry after {retry} s",
                retry_after=retry,
                headers={"Retry-After": str(retry)},
            )
        if faults.fail_rate and self.rt.rng.random() < faults.fail_rate:
            status = self.rt.rng.choice(_FAIL_STATUSES)
            deltas["failed_injected"] = 1
            return _error(status, "simulated_failure", f"simulated server failure ({status})")
        return None

    @staticmethod
    async def _receive(request: Request, limit: int) -> tuple[bytes, Response | None]:
        """Read the whole body first, as a real server's front end would, so a connection cut
        during the (simulated) processing time does not stop the request from taking effect."""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json" and not content_type.endswith("+json"):
            problem = _error(415, "unsupported_media_type", "send the payload as application/json")
            return b"", problem
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return b"", _error(413, "payload_too_large", f"body larger than {limit} bytes")
        raw = await request.body()
        if len(raw) > limit:
            return b"", _error(413, "payload_too_large", f"body larger than {limit} bytes")
        return raw, None

    @staticmethod
    def _parse(raw: bytes) -> tuple[Any, Response | None]:
        try:
            return json.loads(raw), None
        except (ValueError, RecursionError):
            out = systems.invalid([FieldError("body", "is not valid JSON")])
            return None, _outcome_response(out)

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
            store.bump(system, deltas)
        if drop:
            return DropConnection()
        return _outcome_response(outcome)

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
        return _outcome_response(query())

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
        return _outcome_response(systems.lookup_many(body, one))

    # endpoints

    async def health(self, request: Request) -> Response:
        await self._latency()
        first = request.url.path.strip("/").split("/")[0]
        system = first if first in SYSTEMS else "all"
        return _json(200, {"status": "ok", "system": system, "time": utc_now()})

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


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return _error(exc.status_code, code, str(exc.detail), headers=exc.headers)


async def _crash(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error in %s %s", request.method, request.url.path, exc_info=exc)
    return _error(500, "internal_error", "the simulator hit an unexpected error (a bug)")


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
        routes=routes, exception_handlers={HTTPException: _http_error, Exception: _crash}
    )


# -- control port -------------------------------------------------------------------------------


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
            return None, _outcome_response(
                systems.invalid([FieldError("body", "is not valid JSON")])
            )

    async def health(self, request: Request) -> Response:
        return _json(200, {"status": "ok", "role": "control", "offline": self.rt.faults.offline})

    async def info(self, request: Request) -> Response:
        return _json(200, {**self.rt.info, "state_id": self.rt.store.state_id})

    async def stats(self, request: Request) -> Response:
        return _json(200, self.rt.store.stats())

    async def get_faults(self, request: Request) -> Response:
        return _json(200, self.rt.faults.as_dict())

    async def set_faults(self, request: Request) -> Response:
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        new, errors = self.rt.faults.merged(body)
        if errors:
            return _outcome_response(systems.invalid(errors))
        await self.rt.apply_faults(new)
        return _json(200, self.rt.faults.as_dict())

    async def set_token(self, request: Request) -> Response:
        """``{"token": T}`` (both systems), ``{"token": T, "system": S}``, or per system keys."""
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        if not isinstance(body, Mapping):
            return _outcome_response(systems.invalid([FieldError("body", "must be an object")]))
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
            return _outcome_response(systems.invalid(errors))
        self.rt.tokens.update(updates)
        return _json(200, {"updated": sorted(updates)})

    async def advance(self, request: Request) -> Response:
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        store = self.rt.store
        with store.transaction():
            outcome = systems.advance_applications(store, body, utc_now())
        return _outcome_response(outcome)

    async def reset(self, request: Request) -> Response:
        """Wipe data and counters; restore start-up faults and tokens unless told otherwise."""
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        if not isinstance(body, Mapping):
            return _outcome_response(systems.invalid([FieldError("body", "must be an object")]))
        if body.get("data", True):
            self.rt.store.reset()
        if body.get("faults", True):
            await self.rt.apply_faults(self.rt.initial_faults)
        if body.get("tokens", True):
            self.rt.tokens = dict(self.rt.initial_tokens)
        return _json(200, {"reset": True, "faults": self.rt.faults.as_dict()})

    async def records(self, request: Request) -> Response:
        system = request.query_params.get("system", "")
        reference = request.query_params.get("client_reference") or None
        store = self.rt.store
        if system == "registry":
            records = store.workers(reference)
        elif system == "immigration":
            records = store.applications(reference)
        else:
            return _outcome_response(
                systems.invalid([FieldError("system", "must be registry or immigration")])
            )
        return _json(200, {"system": system, "records": records})

    async def seed(self, request: Request) -> Response:
        """``{"registry": [worker payload, ...]}``: records "registered elsewhere", uncounted."""
        body, problem = await self._json_body(request)
        if problem is not None:
            return problem
        items = body.get("registry") if isinstance(body, Mapping) else None
        if not isinstance(items, list):
            return _outcome_response(
                systems.invalid([FieldError("registry", "must be a list of worker payloads")])
            )
        store = self.rt.store
        results = []
        with store.transaction():
            for item in items:
                outcome = systems.seed_worker(store, item, utc_now())
                results.append({"status": outcome.status, "body": outcome.body})
        return _json(200, {"results": results})

    async def shutdown(self, request: Request) -> Response:
        """Graceful stop that works on every OS (Windows has no SIGTERM to catch)."""
        if self.rt.request_stop is not None:
            asyncio.get_running_loop().call_later(0.05, self.rt.request_stop)
        return _json(202, {"stopping": True})


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
        routes=routes, exception_handlers={HTTPException: _http_error, Exception: _crash}
    )
