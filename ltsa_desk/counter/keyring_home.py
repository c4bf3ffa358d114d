"""The app's own secrets in the OS keyring: the one module that talks to ``keyring`` for them.

Why one home: the database key, the seal key of ``config.toml`` and the office server's password
were each read and written by a module of its own (the store's keys, the configuration's seal, the
destination-token module of ``sync``), each with its own copy of the rule below. Here the rule is
written once, the names of the entries are listed in one place, and a technician reading why a
secret is missing reads one file.

The rule: the OS keyring of the counter's Windows account, and nothing else. A plaintext file
backend (``keyrings.alt``) is used only when chosen through keyring's own
``PYTHON_KEYRING_BACKEND`` (tests, headless Linux); there is never a silent fall-back to a file
anyone can read. No usable backend is :class:`NoKeyring`.

The entries, all under service ``ltsa-desk`` and named as they always were (an existing install
finds its secrets where earlier versions put them; DESIGN.md):

- ``db-key@<database id>``: the database key, 64 hex characters (:func:`find_database_key`);
- ``config-mac``: the seal key of ``config.toml``, one per Windows account (:func:`read_seal_key`);
- ``database@<office code>``: the office server's password (:func:`office_password`);
- ``database#server@<office code>``: the server that password was entered for.

A destination's token (``<destination>@<office code>``) belongs to ``sync`` and stays in
:mod:`sync.credentials`, which must not import the application. Both take the same process-wide
lock (:data:`sync.keyring_lock.KEYRING_LOCK`): keyring's file backend rewrites its whole file on
each write, so a reader beside a writer could see half a file, and two writers could lose one's
entry.

``keyring`` is imported on first use: ``--version`` and ``config show`` never need it (issue 19).
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from typing import Any

from ltsa_desk.store.problems import DatabaseProblem
from sync.keyring_lock import KEYRING_LOCK

SERVICE = "ltsa-desk"
DB_KEY_PURPOSE = "db-key"
SEAL_KEY_ENTRY = "config-mac"
OFFICE_PASSWORD_ENTRY = "database"
"""Keyring user ``database@<office code>``: the office server's password."""
OFFICE_SERVER_ENTRY = "database#server"
"""Keyring user ``database#server@<office code>``: the server (``host:port/database``) the
password was entered for."""

DATABASE_KEY_BYTES = 32
_HEX_KEY = re.compile(r"[0-9a-f]{64}")

_NO_KEYRING = (
    "Tidak ada keyring (penyimpanan kredensial) di komputer ini; kredensial tidak bisa "
    "disimpan. Di Windows ini Credential Manager; di Linux pasang Secret Service, atau "
    "pilih backend dengan PYTHON_KEYRING_BACKEND."
)


class NoKeyring(RuntimeError):
    """The machine has no usable keyring backend."""


class KeyringRefused(RuntimeError):
    """The keyring is there but refused a read or a write; the message is keyring's own."""


class KeyringUnavailable(DatabaseProblem):
    """No usable keyring backend: the database key can be neither read nor stored."""


class MissingDatabaseKey(DatabaseProblem):
    """This Windows account's keyring has no (usable) key for the database."""


# --- the backend --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackendFacts:
    """What the doctor and the support bundle say about the keyring this process would use."""

    name: str
    failing: bool
    """keyring's own "no backend" placeholder: nothing can be stored."""
    insecure: bool
    """A plaintext file backend (keyrings.alt)."""
    chosen: bool
    """Chosen on purpose through PYTHON_KEYRING_BACKEND."""


def _keyring() -> Any:
    """The keyring package, imported on first use: ``--version`` never needs it (issue 19)."""
    import keyring.backends.fail
    import keyring.errors

    return keyring


def _describe(found: Any) -> BackendFacts:
    kind = type(found)
    return BackendFacts(
        name=f"{kind.__module__}.{kind.__name__}",
        failing=isinstance(found, _keyring().backends.fail.Keyring),
        insecure=kind.__module__.startswith("keyrings.alt"),
        chosen=bool(os.environ.get("PYTHON_KEYRING_BACKEND")),
    )


def backend_facts() -> BackendFacts:
    """The backend keyring picks, described; a broken keyring configuration raises its own error."""
    return _describe(_keyring().get_keyring())


def backend() -> Any:
    """The OS keyring; :class:`NoKeyring` when there is none or only a file nobody chose."""
    found = _keyring().get_keyring()
    facts = _describe(found)
    if facts.failing or (facts.insecure and not facts.chosen):
        raise NoKeyring(_NO_KEYRING)
    return found


def _keyring_error() -> type[Exception]:
    return _keyring().errors.KeyringError  # type: ignore[no-any-return]


def read(user: str) -> str | None:
    """The entry ``user`` of service ``ltsa-desk``; None when there is none."""
    with KEYRING_LOCK:
        store = backend()
        try:
            return store.get_password(SERVICE, user)  # type: ignore[no-any-return]
        except _keyring_error() as exc:
            raise KeyringRefused(str(exc)) from exc


def write(user: str, value: str) -> None:
    with KEYRING_LOCK:
        store = backend()
        try:
            store.set_password(SERVICE, user, value)
        except _keyring_error() as exc:
            raise KeyringRefused(str(exc)) from exc


def delete(user: str) -> None:
    """Remove the entry; one that is not there (or cannot be removed) is left as it is."""
    with KEYRING_LOCK:
        store = backend()
        with contextlib.suppress(_keyring_error()):
            store.delete_password(SERVICE, user)


def entry_name(purpose: str, owner: str) -> str:
    """``<purpose>@<owner>``: the keyring user name of a per-database or per-office secret."""
    return f"{purpose}@{owner}"


# --- the database key ---------------------------------------------------------------------------


def _database_backend_missing() -> KeyringUnavailable:
    return KeyringUnavailable(
        "Tidak ada keyring (penyimpanan kredensial) di komputer ini, jadi kunci basis data "
        "tidak bisa disimpan atau dibaca. Di Windows ini Credential Manager; di Linux pasang "
        "Secret Service, atau pilih backend dengan PYTHON_KEYRING_BACKEND."
    )


def check_keyring() -> None:
    """Fail early (before anything is written) when there is no keyring to keep a key in."""
    try:
        backend()
    except NoKeyring:
        raise _database_backend_missing() from None


def find_database_key(database_id: str) -> bytes | None:
    """The key from the keyring, or None when there is no entry. A damaged entry is an error."""
    name = entry_name(DB_KEY_PURPOSE, database_id)
    try:
        stored = read(name)
    except NoKeyring:
        raise _database_backend_missing() from None
    except KeyringRefused as exc:
        raise KeyringUnavailable(f"Keyring tidak bisa dibaca: {exc}") from exc
    if stored is None:
        return None
    text = stored.strip().lower()
    if _HEX_KEY.fullmatch(text) is None:
        raise MissingDatabaseKey(
            f"Entri keyring {name} rusak (bukan kunci 256-bit). "
            "Jalankan 'ltsa-desk recover --recovery-key KUNCI-PEMULIHAN' untuk memulihkannya."
        )
    return bytes.fromhex(text)


def load_database_key(database_id: str) -> bytes:
    """The key, or a clear refusal telling the technician to run ``recover``."""
    key = find_database_key(database_id)
    if key is None:
        raise MissingDatabaseKey(
            "Kunci basis data tidak ada di keyring akun Windows ini "
            f"({SERVICE} / {entry_name(DB_KEY_PURPOSE, database_id)}), jadi data CPMI yang "
            "terenkripsi tidak bisa dibuka. Ini terjadi di PC baru atau setelah akun Windows "
            "berganti. Jalankan 'ltsa-desk recover --recovery-key KUNCI-PEMULIHAN' dengan kunci "
            "pemulihan yang dicetak saat 'init'. Jangan hapus atau buat ulang basis data."
        )
    return key


def store_database_key(database_id: str, key: bytes) -> None:
    if len(key) != DATABASE_KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    try:
        write(entry_name(DB_KEY_PURPOSE, database_id), key.hex())
    except NoKeyring:
        raise _database_backend_missing() from None
    except KeyringRefused as exc:
        raise KeyringUnavailable(f"Keyring menolak menyimpan kunci basis data: {exc}") from exc
    if find_database_key(database_id) != key:
        raise KeyringUnavailable("Keyring tidak menyimpan kunci basis data dengan benar")


def delete_database_key(database_id: str) -> None:
    """Only for undoing a half-made ``init``: a key whose database never came to exist."""
    try:
        delete(entry_name(DB_KEY_PURPOSE, database_id))
    except NoKeyring:
        raise _database_backend_missing() from None


# --- the seal key of config.toml ----------------------------------------------------------------


def read_seal_key() -> str | None:
    """The account's seal key as stored (its meaning is :mod:`ltsa_desk.counter.config_seal`'s)."""
    return read(SEAL_KEY_ENTRY)


def write_seal_key(text: str) -> None:
    write(SEAL_KEY_ENTRY, text)


def delete_seal_key() -> None:
    delete(SEAL_KEY_ENTRY)


# --- the office server's password ---------------------------------------------------------------


def _read_quietly(user: str) -> str | None:
    """A credential read as the destination tokens are read: a refusal counts as no entry."""
    try:
        return read(user)
    except KeyringRefused:
        return None


def _write_credential(user: str, value: str) -> None:
    try:
        write(user, value)
    except KeyringRefused as exc:
        raise NoKeyring(f"Keyring menolak menyimpan kredensial: {exc}") from exc


def office_password(office_code: str) -> str | None:
    """The office server's password, None when none is stored; :class:`NoKeyring` without one."""
    return _read_quietly(entry_name(OFFICE_PASSWORD_ENTRY, office_code))


def office_password_server(office_code: str) -> str | None:
    """The server (``host:port/database``) the password was entered for; empty or None when it
    is not bound yet (stored by a version before the binding, or without a server)."""
    return _read_quietly(entry_name(OFFICE_SERVER_ENTRY, office_code))


def store_office_password(office_code: str, password: str) -> None:
    _write_credential(entry_name(OFFICE_PASSWORD_ENTRY, office_code), password)


def bind_office_password(office_code: str, server: str) -> None:
    """Bind the stored password to ``server`` (empty: unbound, binds on first use)."""
    _write_credential(entry_name(OFFICE_SERVER_ENTRY, office_code), server)


def forget_office_password(office_code: str) -> None:
    """Remove the office password (undoing an ``init`` that did not make its desk)."""
    with contextlib.suppress(NoKeyring):
        delete(entry_name(OFFICE_PASSWORD_ENTRY, office_code))
