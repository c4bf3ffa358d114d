"""What the simulator's handlers share: the fault settings in force, and the runtime holding them
with the store, the accepted tokens, the random source and the server's hooks.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from .store import SimStore
from .validation import FieldError

__all__ = ["Faults", "SimRuntime"]


@dataclass(frozen=True)
class Faults:
    """Fault injection settings, as set by the CLI and ``POST /_sim/faults``."""

    fail_rate: float = 0.0
    latency_ms: int = 0
    offline: bool = False
    drop_after_commit: float = 0.0
    gateway_timeout_after_commit: float = 0.0
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
    "gateway_timeout_after_commit": _probability,
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
