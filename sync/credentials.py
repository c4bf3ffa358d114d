"""Destination tokens in the OS keyring, and nowhere else.

Entries: service `ltsa-desk`, user `<destination>@<office code in 52.03 form>` (DESIGN.md). Tests
and headless Linux choose a file backend through keyring's own `PYTHON_KEYRING_BACKEND` variable;
this module never falls back to anything by itself: no backend is an error that says so.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

import keyring
import keyring.errors
from keyring.backends import fail

SERVICE = "ltsa-desk"


class NoKeyring(RuntimeError):
    """The machine has no usable keyring backend."""


def entry_name(destination: str, office_code: str) -> str:
    return f"{destination}@{office_code}"


def _backend() -> keyring.backend.KeyringBackend:
    """The OS keyring. A plaintext file backend is used only when explicitly chosen."""
    backend = keyring.get_keyring()
    chosen = bool(os.environ.get("PYTHON_KEYRING_BACKEND"))
    insecure = type(backend).__module__.startswith("keyrings.alt")
    if isinstance(backend, fail.Keyring) or (insecure and not chosen):
        raise NoKeyring(
            "Tidak ada keyring (penyimpanan kredensial) di komputer ini; kredensial tidak bisa "
            "disimpan. Di Windows ini Credential Manager; di Linux pasang Secret Service, atau "
            "pilih backend dengan PYTHON_KEYRING_BACKEND."
        )
    return backend


def set_token(destination: str, office_code: str, token: str) -> None:
    try:
        _backend().set_password(SERVICE, entry_name(destination, office_code), token)
    except keyring.errors.KeyringError as exc:
        raise NoKeyring(f"Keyring menolak menyimpan kredensial: {exc}") from exc


def get_token(destination: str, office_code: str) -> str | None:
    try:
        return _backend().get_password(SERVICE, entry_name(destination, office_code))
    except keyring.errors.KeyringError:
        return None


def token_provider(
    destination: str, office_code: str, *, ttl_s: float = 2.0
) -> Callable[[], str | None]:
    """A callable the transport asks before each request.

    The keyring is read at most every `ttl_s` seconds (a file or D-Bus read per item would cost more
    than the request), so a changed token is used within seconds.
    """
    cache: dict[str, Any] = {"at": -ttl_s - 1.0, "token": None}
    lock = threading.Lock()

    def provide() -> str | None:
        with lock:
            now = time.monotonic()
            if now - cache["at"] > ttl_s:
                try:
                    cache["token"] = get_token(destination, office_code)
                except NoKeyring:
                    cache["token"] = None
                cache["at"] = now
            return cache["token"]

    return provide
