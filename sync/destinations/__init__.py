"""One adapter per remote system."""

from sync.destinations.base import Destination, MissingDependency, Request
from sync.destinations.immigration import PASSPORT_APPLICATION, Immigration
from sync.destinations.registry import REGISTER, UPDATE, Registry

ADAPTERS: dict[str, type] = {"registry": Registry, "immigration": Immigration}

__all__ = [
    "ADAPTERS",
    "PASSPORT_APPLICATION",
    "REGISTER",
    "UPDATE",
    "Destination",
    "Immigration",
    "MissingDependency",
    "Registry",
    "Request",
]
