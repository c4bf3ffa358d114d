"""Protecting a counter's data at rest, without ever turning protection into data loss.

What lives where (DESIGN.md, "Reliability rules"):

- the database key: 32 random bytes, only in the OS keyring of the counter's Windows account,
  service ``ltsa-desk``, user ``db-key@<database id>``;
- the database id: a UUID made at ``init``, in the database's ``meta`` table and, because the key
  must be found *before* an encrypted file can be read, in ``config.toml`` as ``database.id``;
- the sealed copy of the key: ``ltsa.key.sealed`` beside the database, AES-GCM under a key scrypt
  derives from the recovery key;
- the recovery key: printed once (``init``, or when an old unencrypted database is converted),
  never stored. ``recovery-key.pending`` in the data folder marks a recovery key that was made but
  not yet confirmed shown; while it is there, each opening makes a new one (the old one was never
  seen, so replacing it costs nothing) and hands it out as ``Workspace.new_recovery_key``.

On SQLite the key is the SQLCipher key of the file. A desk of a shared office (PostgreSQL) has no
key at all: the office server protects the database itself (disk encryption and TLS, see README),
and the desk's attachments live in that database, so nothing of the office is on the desk's disk.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config
from ltsa_desk.store import cipher, keys
from ltsa_desk.store import recovery_key as recovery_keys
from ltsa_desk.store.attachments import atomic_write
from ltsa_desk.store.database import (
    BUSY_TIMEOUT_MS,
    DatabaseProblem,
    check_sqlite_database,
    sqlite_path,
)
from ltsa_desk.store.encrypted_attachments import EncryptedAttachmentStore
from ltsa_desk.store.lock import DataFolderBusy, DataFolderLock, is_held
from ltsa_desk.store.recovery_key import RecoveryKey

log = logging.getLogger(__name__)

# What :func:`recover` refuses with, named here so that its callers (the command line's
# `recover`) need not reach into the store: a mistyped key and a well-formed but wrong one.
RecoveryKeyTypo = recovery_keys.RecoveryKeyTypo
WrongRecoveryKey = keys.WrongRecoveryKey

SEALED_KEY_SUFFIX = ".key.sealed"
DEFAULT_SEALED_NAME = "ltsa.key.sealed"
PENDING_FILE = "recovery-key.pending"


def sealed_key_path(config: Config) -> Path:
    """Beside the database file (it travels with it), or in the data folder for PostgreSQL."""
    path = sqlite_path(config.database_url())
    if path is None:
        return config.data_dir / DEFAULT_SEALED_NAME
    return path.with_name(path.stem + SEALED_KEY_SUFFIX)


def pending_path(data_dir: Path) -> Path:
    return data_dir / PENDING_FILE


def _mark_pending(data_dir: Path, database_id: str, why: str) -> None:
    """No secret inside: only that a recovery key still has to reach a person."""
    payload = {
        "database_id": database_id,
        "reason": why,
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    atomic_write(pending_path(data_dir), [json.dumps(payload).encode("utf-8")])


def confirm_recovery_key_shown(data_dir: Path) -> None:
    """Call once the recovery key has been printed or shown: the next opening stops reissuing."""
    pending_path(data_dir).unlink(missing_ok=True)


def seal_new_recovery_key(config: Config, database_id: str, key: bytes) -> RecoveryKey:
    """Make a recovery key and (re)write the sealed copy of ``key`` under it.

    The sealed file is replaced atomically, so an older recovery key stops working at this
    instant and the new one starts: there is always exactly one valid recovery key.
    """
    recovery = recovery_keys.generate()
    keys.write_sealed(sealed_key_path(config), keys.seal(key, database_id, recovery))
    return recovery


@dataclass(frozen=True)
class Provisioned:
    key: bytes
    recovery: RecoveryKey


def provision_new_database(config: Config, database_id: str) -> Provisioned:
    """Keys of a database about to be created by ``init``: key in the keyring, sealed copy
    beside it, recovery key for the caller to show. Undo with :func:`undo_provisioning`."""
    keyring_home.check_keyring()
    key = keys.new_database_key()
    keyring_home.store_database_key(database_id, key)
    try:
        _mark_pending(config.data_dir, database_id, "init")
        recovery = seal_new_recovery_key(config, database_id, key)
    except BaseException:
        undo_provisioning(config, database_id)
        raise
    return Provisioned(key, recovery)


def undo_provisioning(config: Config, database_id: str) -> None:
    """Only for an ``init`` that failed: its database does not exist, so neither may its key."""
    keyring_home.delete_database_key(database_id)
    sealed_key_path(config).unlink(missing_ok=True)
    pending_path(config.data_dir).unlink(missing_ok=True)


# --- opening -------------------------------------------------------------------------------------


def database_id_for(config: Config) -> str | None:
    """The id the key is filed under: config first, else the sealed copy beside the database."""
    configured = config.get("database.id")
    if configured:
        return str(configured)
    sealed = sealed_key_path(config)
    if sealed.exists():
        return keys.read_sealed(sealed).database_id
    return None


def _read_plain_database_id(path: Path) -> str:
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"Basis data tidak bisa dibuka: {exc}") from exc
    finally:
        connection.close()
    if row is None:
        raise DatabaseProblem(
            "Basis data tidak lengkap (meta tanpa database_id); jalankan 'ltsa-desk doctor'."
        )
    return str(row[0])


def _hold_folder(data_dir: Path) -> DataFolderLock | None:
    """The data-folder lock for the conversion; None when this process already holds it (the
    window converts at start-up under its own lock)."""
    holder = is_held(data_dir)
    if holder is not None and holder.pid == os.getpid():
        return None
    lock = DataFolderLock(data_dir, windows_mutex=False)
    try:
        return lock.acquire(timeout=2)
    except DataFolderBusy as exc:
        raise DatabaseProblem(
            f"{exc} Basis data lama perlu dienkripsi sekali; tutup LTSA Desk lalu ulangi."
        ) from exc


def encrypt_unencrypted_database(config: Config, path: Path) -> RecoveryKey | None:
    """Convert an unencrypted database from an earlier version; return the recovery key to show.

    Order matters for crash safety: the key goes to the keyring and its sealed copy to disk
    *before* any encrypted byte exists, and the plaintext file is only replaced by a complete,
    verified encrypted copy (see :func:`cipher.encrypt_plaintext_database`). A rerun after a kill
    at any point reuses the key already in the keyring and finishes the job.
    """
    data_dir = config.data_dir
    # Ours and readable? Asked before anything is written (not even the lock file): a foreign
    # or damaged file is reported and left exactly as it is.
    check_sqlite_database(path, None)
    lock = _hold_folder(data_dir)
    try:
        if cipher.file_state(path) is not cipher.FileState.PLAINTEXT:
            return None  # another process finished it while we waited for the lock
        database_id = _read_plain_database_id(path)
        configured = config.get("database.id")
        if configured and configured != database_id:
            raise DatabaseProblem(
                f"Basis data {path.name} ber-id {database_id}, konfigurasi menyebut "
                f"{configured}; periksa folder data. Tidak ada yang diubah."
            )
        if not configured:
            config.set("database.id", database_id)
            config.save()
        key = keyring_home.find_database_key(database_id)
        if key is None:
            keyring_home.check_keyring()
            key = keys.new_database_key()
        _mark_pending(data_dir, database_id, "encryption")
        recovery = seal_new_recovery_key(config, database_id, key)
        keyring_home.store_database_key(database_id, key)
        cipher.pause_point("keyed")
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        safety = data_dir / "backups" / f"{path.stem}-pre-encryption-{stamp}.sqlite"
        cipher.encrypt_plaintext_database(path, key, safety_copy=safety)
        EncryptedAttachmentStore(
            data_dir / "attachments", keys.attachments_key(key, database_id)
        ).encrypt_plaintext_files()
        log.info("database %s encrypted (SQLCipher); safety copy %s", database_id, safety.name)
        return recovery
    finally:
        if lock is not None:
            lock.release()


def reissue_if_pending(config: Config, database_id: str, key: bytes) -> RecoveryKey | None:
    """A recovery key made earlier but never confirmed shown is replaced by a fresh one."""
    if not pending_path(config.data_dir).exists():
        return None
    return seal_new_recovery_key(config, database_id, key)


# --- recovery ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recovered:
    database_id: str
    already_present: bool


def recover(config: Config, recovery_text: str) -> Recovered:
    """Put the database key back into this account's keyring from the sealed copy.

    Raises :class:`RecoveryKeyTypo` (naming the group) for a mistyped key,
    :class:`WrongRecoveryKey` for a well-formed but wrong one, and DatabaseProblem when the
    key does not open the database file beside it. Nothing is written unless every check passes.
    """
    recovery = recovery_keys.parse(recovery_text)
    sealed = keys.read_sealed(sealed_key_path(config))
    configured = config.get("database.id")
    if configured and configured != sealed.database_id:
        raise keys.SealedKeyProblem(
            f"Salinan kunci tersegel milik basis data {sealed.database_id}, konfigurasi menyebut "
            f"{configured}; salin berkas yang benar ke folder ini."
        )
    key = keys.unseal(sealed, recovery)
    path = sqlite_path(config.database_url())
    if path is not None:
        state = cipher.file_state(path)
        if state is cipher.FileState.MISSING:
            raise DatabaseProblem(
                f"Basis data tidak ditemukan: {path}. Salin ltsa.sqlite dari PC lama atau dari "
                "cadangan ke folder ini, lalu ulangi."
            )
        if state is cipher.FileState.OPAQUE:
            check_sqlite_database(path, key)
    keyring_home.check_keyring()
    already = keyring_home.find_database_key(sealed.database_id) == key
    if not already:
        keyring_home.store_database_key(sealed.database_id, key)
    if not configured:
        config.set("database.id", sealed.database_id)
        config.save()
    log.info("database key %s restored into the keyring", sealed.database_id)
    return Recovered(sealed.database_id, already)


# --- state, for doctor ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProtectionState:
    engine: str
    encrypted: bool | None
    """True/False for a SQLite file; None when there is no file to look at (or PostgreSQL)."""
    database_id: str | None
    key_in_keyring: bool | None
    """None when the keyring cannot be asked at all."""
    sealed_key: bool
    """A readable sealed copy of this database's key is beside it."""
    recovery_key_pending: bool
    keyring_problem: str = ""
    """What went wrong asking the keyring or reading the sealed copy, in words."""

    def as_dict(self) -> dict[str, object]:
        return {
            "engine": self.engine,
            "encrypted": self.encrypted,
            "key_in_keyring": self.key_in_keyring,
            "sealed_key": self.sealed_key,
            "recovery_key_pending": self.recovery_key_pending,
        }


def protection_state(config: Config) -> ProtectionState:
    """Look, never change: what ``doctor`` reports about encryption and keys."""
    path = sqlite_path(config.database_url())
    encrypted: bool | None = None
    if path is not None:
        state = cipher.file_state(path)
        if state is not cipher.FileState.MISSING:
            encrypted = state is cipher.FileState.OPAQUE
    try:
        database_id = database_id_for(config)
    except DatabaseProblem:
        database_id = None
    in_keyring: bool | None = None
    problems: list[str] = []
    if database_id:
        try:
            in_keyring = keyring_home.find_database_key(database_id) is not None
        except DatabaseProblem as exc:
            problems.append(str(exc))
    else:
        in_keyring = False
    sealed_ok = False
    sealed = sealed_key_path(config)
    if sealed.exists():
        try:
            sealed_ok = keys.read_sealed(sealed).database_id == database_id
            if not sealed_ok:
                problems.append(f"{sealed.name} milik basis data lain")
        except DatabaseProblem as exc:
            problems.append(str(exc))
    return ProtectionState(
        engine="sqlite" if path is not None else "postgresql",
        encrypted=encrypted,
        database_id=database_id,
        key_in_keyring=in_keyring,
        sealed_key=sealed_ok,
        recovery_key_pending=pending_path(config.data_dir).exists(),
        keyring_problem="; ".join(problems),
    )
