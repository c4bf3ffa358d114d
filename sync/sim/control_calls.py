"""The control port's calls on a running simulator: what tests, benchmarks and demos ask of it
(counters, faults, tokens, status advance, records, seeding, reset), and waiting for its systems
port to answer.

A mixin of :class:`sync.sim.process.SimHandle`: the handle gives the control client and the
addresses; starting and stopping the process is not this module's business.
"""

from __future__ import annotations

import time
from typing import Any

import httpx

__all__ = ["SimControlCalls"]


class SimControlCalls:
    """``/_sim/...`` calls, each failing the caller (AssertionError) on a refused request."""

    # Given by the handle: the systems root and a client on the control port.
    base_url: str
    control: httpx.Client

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.control.request(method, path, **kwargs)
        if response.status_code >= 400:
            raise AssertionError(
                f"{method} {path} -> {response.status_code}: {response.text[:500]}"
            )
        return response.json()

    def stats(self) -> dict[str, dict[str, int]]:
        """``GET /_sim/stats``: per system received / applied / duplicates_suppressed / ..."""
        return self._call("GET", "/_sim/stats")

    def faults(self) -> dict[str, Any]:
        return self._call("GET", "/_sim/faults")

    def set_faults(self, **faults: Any) -> dict[str, Any]:
        """``POST /_sim/faults`` (fail_rate, latency_ms, offline, drop_after_commit,
        rate_limit_burst, rate_limit_retry_after, no_idempotency); returns the new settings."""
        return self._call("POST", "/_sim/faults", json=faults)

    def advance(
        self,
        reject: list[str] | dict[str, str] | None = None,
        *,
        reason: str | None = None,
        only: list[str] | None = None,
    ) -> dict[str, Any]:
        """``POST /_sim/advance``: move open passport applications one status along."""
        body: dict[str, Any] = {}
        if reject:
            body["reject"] = reject
        if reason is not None:
            body["reason"] = reason
        if only is not None:
            body["only"] = only
        return self._call("POST", "/_sim/advance", json=body)

    def set_token(self, token: str, system: str | None = None) -> None:
        """Change the accepted token at run time (a revoked or rotated credential)."""
        body: dict[str, Any] = {"token": token}
        if system is not None:
            body["system"] = system
        self._call("POST", "/_sim/token", json=body)

    def records(self, system: str, client_reference: str | None = None) -> list[dict[str, Any]]:
        params = {"system": system}
        if client_reference is not None:
            params["client_reference"] = client_reference
        return self._call("GET", "/_sim/records", params=params)["records"]

    def seed_registry(self, *payloads: dict[str, Any]) -> list[dict[str, Any]]:
        """Records "registered elsewhere" (for 409 / adoption tests); not counted in stats."""
        return self._call("POST", "/_sim/seed", json={"registry": list(payloads)})["results"]

    def reset(self, *, data: bool = True, faults: bool = True, tokens: bool = True) -> None:
        """Wipe records and counters; restore start-up faults and tokens."""
        self._call("POST", "/_sim/reset", json={"data": data, "faults": faults, "tokens": tokens})

    def wait_healthy(self, timeout: float = 10.0) -> None:
        """Wait until the systems port answers ``GET /health`` (e.g. after going online)."""
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2.0, trust_env=False) as client:
            while True:
                try:
                    if client.get(self.base_url + "/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError("systems port not healthy in time")
                time.sleep(0.05)
