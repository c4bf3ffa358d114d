"""What every remote system adapter tells the engine: how to send an item, how to look it up, what
its receipt is, whether a conflict is really "already there", and how to pull status changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sync.transport import Answer, Transport


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: dict[str, Any]


class MissingDependency(ValueError):
    """The item needs a value from another item's receipt that is not there (a bug or bad data)."""


class Destination(Protocol):
    name: str

    def request_for(
        self, kind: str, payload: dict[str, Any], dependency_receipt: dict[str, Any] | None
    ) -> Request:
        """The HTTP request for an item; the payload is completed from its dependency's receipt."""
        ...

    def batch_path(self, kind: str) -> str | None:
        """Where items of this kind can be sent many at once, or None."""
        ...

    def look_up_many_path(self, kind: str) -> str | None:
        """Where many items of this kind can be looked up in one request (POST
        ``{"client_references": [...]}``, one answer per reference as its look-up gives), or None.
        """
        ...

    def look_up(self, transport: Transport, kind: str, key: str) -> Answer:
        """Ask the remote whether it already has the item (DELIVERED if so, NOT_FOUND if not)."""
        ...

    def receipt(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        """The part of the remote's answer kept as the item's receipt."""
        ...

    def adopt(
        self, kind: str, payload: dict[str, Any], body: dict[str, Any]
    ) -> dict[str, Any] | None:
        """For a 409: the receipt to deliver with when the remote record is this CPMI, else None."""
        ...

    def pull(
        self, transport: Transport, cursor: str | None
    ) -> tuple[list[dict[str, Any]], str | None, bool] | Answer:
        """Changes since the cursor: (changes, next cursor, more waiting), or a failed Answer."""
        ...
