"""How the simulator answers, on both ports: JSON bodies, errors, a business outcome, the
deliberately cut connection, and the handlers for Starlette's own errors and for bugs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from .systems import Outcome

__all__ = [
    "PROTOCOL_STATE_KEY",
    "DropConnection",
    "crash_response",
    "error_response",
    "http_error_response",
    "json_response",
    "outcome_response",
]

log = logging.getLogger("ltsa_sim")

#: Key under which the server puts the uvicorn protocol object into the ASGI ``scope["state"]``,
#: so a handler can cut its own connection (see :class:`DropConnection`).
PROTOCOL_STATE_KEY = "sim_protocol"


def json_response(status: int, body: Any, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def error_response(status: int, error: str, message: str, **extra: Any) -> JSONResponse:
    headers = extra.pop("headers", None)
    return json_response(status, {"error": error, "message": message, **extra}, headers)


def outcome_response(outcome: Outcome) -> JSONResponse:
    headers = {}
    if outcome.replayed or (outcome.suppressed and not outcome.applied):
        headers["Idempotent-Replayed"] = "true"
    return json_response(outcome.status, outcome.body, headers)


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


# -- Starlette's own errors, and bugs -----------------------------------------------------------


async def http_error_response(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail), headers=exc.headers)


async def crash_response(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error in %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "the simulator hit an unexpected error (a bug)")
