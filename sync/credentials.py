"""Destination tokens in the OS keyring, and nowhere else.

Entries: service `ltsa-desk`, user `<destination>@<office code in 52.03 form>` (DESIGN.md). Tests
and headless Linux choose a file backend through keyring's own `PYTHON_KEYRING_BACKEND` variable;
this module never falls back to anything by itself: no backend is an error that says so.

A destination's token is bound to the address it was given for (scheme, host and port, in a
second entry `<entry>#url`). The configuration file lives in a data folder every local Windows
user may write; without the binding, pointing `registry.url` at another server would make the
counter hand that server its token on the next send. A token is only ever sent to the address it
was entered for: after a technician changes the address, the destination pauses (as with a
refused token) until the token is entered again. A token stored without an address (by an older
version) is bound to the first address it is used with.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import keyring
import keyring.errors
from keyring.backends import fail

from sync.keyring_lock import KEYRING_LOCK as _KEYRING_LOCK

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


def origin_of(url: str) -> str:
    """Scheme, host and port of a URL ("https://registri.example:443"): what a token is bound to.

    Paths are not part of it: a server may move its API under another path without anyone
    being able to intercept the token."""
    parsed = httpx.URL(url.strip())
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise ValueError(f"bukan alamat http(s): {url!r}")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return f"{parsed.scheme}://{parsed.host.lower()}:{port}"


def _origin_entry(destination: str, office_code: str) -> str:
    return f"{entry_name(destination, office_code)}#url"


def set_token(destination: str, office_code: str, token: str, *, url: str | None = None) -> None:
    """Store a secret; a destination's token with the address (`url`) it is for. Without `url`
    any earlier binding is dropped and the token binds to the first address it is used with."""
    backend = _backend()
    try:
        with _KEYRING_LOCK:
            backend.set_password(SERVICE, entry_name(destination, office_code), token)
            if url:
                origin = origin_of(url)
                backend.set_password(SERVICE, _origin_entry(destination, office_code), origin)
            else:
                _forget_origin(backend, destination, office_code)
    except keyring.errors.KeyringError as exc:
        raise NoKeyring(f"Keyring menolak menyimpan kredensial: {exc}") from exc


def _forget_origin(backend: Any, destination: str, office_code: str) -> None:
    # Nothing was bound, or the binding could not be dropped: that only refuses, never leaks.
    with contextlib.suppress(keyring.errors.KeyringError):
        backend.delete_password(SERVICE, _origin_entry(destination, office_code))


def bound_origin(destination: str, office_code: str) -> str | None:
    """The address the stored token is for, None when it is not bound (yet)."""
    return _read(_origin_entry(destination, office_code))


def token_for(destination: str, office_code: str, url: str) -> str | None:
    """The token, only if it is for `url`'s address; binds an unbound one to it (first use).

    None when there is no token or it was entered for another address: the caller sends nothing
    rather than hand the token to a server nobody gave it to."""
    wanted = origin_of(url)
    with _KEYRING_LOCK:
        token = get_token(destination, office_code)
        if not token:
            return None
        bound = bound_origin(destination, office_code)
        if bound is None:
            try:
                _backend().set_password(SERVICE, _origin_entry(destination, office_code), wanted)
            except keyring.errors.KeyringError:
                return None
            return token
    return token if bound == wanted else None


def _read(user: str) -> str | None:
    try:
        with _KEYRING_LOCK:
            return _backend().get_password(SERVICE, user)
    except keyring.errors.KeyringError:
        return None


def get_token(destination: str, office_code: str) -> str | None:
    return _read(entry_name(destination, office_code))


def token_provider(
    destination: str, office_code: str, *, url: str | None = None, ttl_s: float = 2.0
) -> Callable[[], str | None]:
    """A callable the transport asks before each request; with `url`, only a token bound to that
    address is given (see `token_for`).

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
                    cache["token"] = (
                        get_token(destination, office_code)
                        if url is None
                        else token_for(destination, office_code, url)
                    )
                except (NoKeyring, ValueError):
                    cache["token"] = None
                cache["at"] = now
            return cache["token"]

    return provide
