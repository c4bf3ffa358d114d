"""HTTP to one remote system, and the verdict on every answer (or silence).

One long-lived `httpx.Client` per destination keeps connections alive across a drain. Each answer is
classified into the sync contract's failure classes, so the engine never reasons about status codes:

- delivered: 2xx;
- transient: connection errors, timeouts, cut connections, 5xx, 429 (Retry-After honoured); a 504
  (a gateway that stopped waiting for the remote) is an unknown outcome like a cut connection;
- permanent: 400/404/422 and other 4xx: the remote refused this item's content;
- conflict: 409, which the destination may still adopt as "already there";
- auth: 401/403, a credentials problem for the whole destination.

A request that got no answer at all is an *unknown outcome* (`Answer.in_doubt`) unless the
connection was never made: it may have arrived, or may still arrive. Every connection is closed
abortively (SO_LINGER 0: a reset, the unsent bytes thrown away) so that, once the client has given
up on it, nothing more of that request leaves this machine; what is already on the line is covered
by the engine's quiet period.
"""

from __future__ import annotations

import email.utils
import socket
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import httpx

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 30.0
PROBE_TIMEOUT_S = 5.0

# l_onoff=1, l_linger=0: close() sends a reset and discards what the kernel still holds to send,
# instead of going on delivering a request the client has given up on (and, the same, when the
# process is killed: the kernel closes its sockets the same way).
ABORTIVE_CLOSE = (socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def connect_timeout_s(read_timeout_s: float) -> float:
    """Never longer to connect than to wait for an answer (tests use sub-second read timeouts)."""
    return min(CONNECT_TIMEOUT_S, read_timeout_s)


class Verdict(StrEnum):
    DELIVERED = "delivered"
    TRANSIENT = "transient"
    PERMANENT = "permanent"
    CONFLICT = "conflict"
    AUTH = "auth"
    NOT_FOUND = "not_found"


@dataclass
class Answer:
    """What came back for one request, already judged."""

    verdict: Verdict
    status: int | None = None
    body: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    retry_after_s: float | None = None
    unreachable: bool = False  # no connection at all: the line (or the remote) is down
    in_doubt: bool = False  # sent (maybe in part) with no answer: it may still arrive


GATEWAY_TIMEOUT = 504


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {"data": data}


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def remote_reason(body: dict[str, Any], status: int) -> str:
    """The remote's own words: field errors first, then its message, never a bare status code."""
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        parts = []
        for error in errors[:10]:
            if isinstance(error, dict):
                name, message = error.get("field"), error.get("message")
                parts.append(f"{name}: {message}" if name else str(message))
        if parts:
            return "; ".join(parts)
    message = body.get("message") or body.get("error")
    if message:
        return str(message)
    return f"ditolak oleh server (HTTP {status})"


def classify(response: httpx.Response) -> Answer:
    return judge(response.status_code, _body(response), _retry_after(response))


def judge(status: int, body: dict[str, Any], retry_after_s: float | None = None) -> Answer:
    """The verdict on one status and body (also used for each result inside a batch answer)."""
    if 200 <= status < 300:
        return Answer(Verdict.DELIVERED, status, body)
    reason = remote_reason(body, status)
    if status in (401, 403):
        return Answer(Verdict.AUTH, status, body, reason)
    if status == 404:
        return Answer(Verdict.NOT_FOUND, status, body, reason)
    if status == 409:
        return Answer(Verdict.CONFLICT, status, body, reason)
    if status == GATEWAY_TIMEOUT:
        # A gateway in front of the remote gave up waiting; the remote itself may have applied
        # the request, or may still: as unknown as a cut connection (a "not found" right after
        # it must wait out the quiet period before a resend).
        return Answer(Verdict.TRANSIENT, status, body, reason, retry_after_s, in_doubt=True)
    if status == 429 or status >= 500 or status in (408, 425):
        return Answer(Verdict.TRANSIENT, status, body, reason, retry_after_s)
    return Answer(Verdict.PERMANENT, status, body, reason)


def classify_error(exc: httpx.HTTPError) -> Answer:
    """No answer at all. A refused or unreachable connection means the line is down, and nothing
    was sent; any other failure (a timeout, a reset, a connection closed before the answer) may
    have delivered the request, or may still: its outcome is unknown."""
    never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    unreachable = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
    kind = type(exc).__name__
    reason = f"tidak ada jawaban dari server ({kind})"
    return Answer(Verdict.TRANSIENT, None, {}, reason, None, unreachable, not never_sent)


class Transport:
    """One destination's HTTP client. Thread-safe: workers share it for concurrent sends."""

    def __init__(
        self,
        base_url: str,
        token_provider: Callable[[], str | None],
        *,
        max_connections: int = 8,
        read_timeout_s: float = READ_TIMEOUT_S,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token_provider = token_provider
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._client = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(read_timeout_s, connect=connect_timeout_s(read_timeout_s)),
            transport=httpx.HTTPTransport(limits=limits, socket_options=[ABORTIVE_CLOSE]),
            headers={"User-Agent": "ltsa-desk-sync"},
        )

    @property
    def server(self) -> tuple[str, str, int | None]:
        """Scheme, host and port: destinations that share them live or die together."""
        url = httpx.URL(self.base_url)
        return (url.scheme, url.host, url.port)

    def close(self) -> None:
        self._client.close()

    def current_token(self) -> str | None:
        return self._token_provider()

    def probe(self) -> bool:
        """The cheap health check that gates the workers."""
        try:
            response = self._client.get("/health", timeout=PROBE_TIMEOUT_S)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    def call(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> Answer:
        token = self._token_provider()
        if not token:
            return Answer(
                Verdict.AUTH,
                None,
                {},
                "token belum diatur untuk alamat tujuan ini (token hanya dikirim ke alamat yang "
                "dipakai saat token dimasukkan; setelah alamat diubah, masukkan token lagi)",
            )
        headers = {"Authorization": f"Bearer {token}"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        try:
            response = self._client.request(method, path, json=json, params=params, headers=headers)
        except httpx.HTTPError as exc:
            return classify_error(exc)
        return classify(response)
