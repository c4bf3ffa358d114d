"""The engine's contract with the application: what it is given (destinations, settings, hooks)
and what it tells back (events).

A module of its own so the engine's parts (`sync.worker`, `sync.sending`) share these types without
importing the engine; the application takes them from `sync.engine`, the engine's public face.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from sync.ledger import DeliveryHook
from sync.transport import connect_timeout_s

MAX_LEASE_SECONDS = 60.0
"""The longest lease: a killed worker's items must be taken over within a minute."""


@dataclass(frozen=True)
class DestinationConfig:
    name: str
    url: str
    token_provider: Callable[[], str | None]


@dataclass
class EngineSettings:
    lease_seconds: float = MAX_LEASE_SECONDS
    batch_size: int = 32
    concurrency: int = 4
    retry_initial_s: float = 1.0
    retry_max_s: float = 300.0
    probe_initial_s: float = 1.0
    probe_max_s: float = 60.0
    pull_interval_s: float = 30.0
    idle_poll_s: float = 2.0
    idle_probe_s: float = 5.0
    """An online destination with nothing to send looks at its line this often (one /health):
    without it a dead line was noticed only at the next pull, so of two destinations on one
    server one read "Online" ~20 s after the other read "Offline" (issue 18)."""
    read_timeout_s: float = 30.0
    auth_recheck_s: float = 300.0
    background_threads: bool = False
    """Run the engine's threads below normal OS priority (the window sets it: a draining backlog
    must not take the CPU, and with it the interpreter lock, from the GUI thread)."""

    def __post_init__(self) -> None:
        # A killed worker's items must be taken over within a minute.
        self.lease_seconds = min(float(self.lease_seconds), MAX_LEASE_SECONDS)

    @property
    def quiet_period_s(self) -> float:
        """How long after giving up on a request it may still reach the remote and take effect.

        Once the connection is reset nothing more of it leaves this machine; what is already on the
        line (a router's queue, a token bucket) still arrives, and the remote then applies it. A
        line whose transit plus the remote's work took longer than the read timeout could never
        have answered any request, so one read timeout bounds both; the connect timeout is added
        as a margin for a handshake retransmitted on the way.
        """
        return connect_timeout_s(self.read_timeout_s) + self.read_timeout_s

    @property
    def send_budget_s(self) -> float:
        """The longest one send can last: connecting, writing the request (the write timeout is
        the read timeout) and waiting for the answer."""
        return connect_timeout_s(self.read_timeout_s) + 2 * self.read_timeout_s

    @property
    def takeover_hold_s(self) -> float:
        """After a lease ran out, how long the engine that held it may still have a request on the
        line: it started no send after its lease ended, a send lasts at most `send_budget_s`,
        then the quiet period."""
        return self.send_budget_s + self.quiet_period_s


@dataclass
class EngineHooks:
    on_delivered: DeliveryHook | None = None
    on_changes: Callable[[Session, str, list[dict[str, Any]]], None] | None = None


@dataclass
class EngineEvent:
    """Told to listeners (the GUI bridge) from worker threads; cheap, never blocking."""

    destination: str
    # online, offline, answering (a remote that failed most requests answers again), paused,
    # resumed, batch, pulled
    kind: str
    detail: dict[str, Any] = field(default_factory=dict)
