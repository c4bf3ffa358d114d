"""SQLCipher: opening encrypted database files, copying them, and encrypting an old plaintext one.

Every encrypted connection is made here, and its first statement is ``PRAGMA key = "x'<hex>'"``:
a raw 256-bit key, so SQLCipher runs no key derivation per connection (opening stays as cheap as
plain SQLite). ``temp_store = MEMORY`` follows, because SQLCipher encrypts the database, its WAL
and its journals but not SQLite's transient temp files (sort spills, temp tables).

An encrypted file has no plaintext header to sniff: "is this our database?" becomes "does this key
open it?" (``SELECT count(*) FROM sqlite_master``), and a wrong key and a damaged first page look
the same, so the message names both.

Converting an unencrypted database from an earlier version (:func:`encrypt_plaintext_database`)
never leaves a moment where neither a complete old file nor a complete new file is on disk: the
encrypted copy is written beside the old file, made durable, checked row for row, then moved over
the old name in one atomic rename. A kill at any instant leaves either the old plaintext file
(the next start does the conversion again) or the new encrypted one.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from ltsa_desk.store.problems import DatabaseProblem

SQLITE_HEADER = b"SQLite format 3\x00"
PAUSE_ENV = "LTSA_DESK_TEST_PAUSE_AT"
"""Test hook: the step name at which a conversion stops and sleeps, so a test can kill -9 it."""

dbapi = sqlcipher
"""The DB-API module of every encrypted connection (SQLAlchemy needs it for its error classes)."""


def _quiet_sqlcipher_log() -> None:
    """SQLCipher writes its own lines to stderr (e.g. "hmac check failed" for a wrong key); the
    application reports those cases itself, in Indonesian, so the library's log is switched off.
    The setting is process-wide; an in-memory connection sets it without touching any file."""
    connection = sqlcipher.connect(":memory:")
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
    finally:
        connection.close()


_quiet_sqlcipher_log()


def key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("a SQLCipher raw key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(
    path: Path | str,
    key: bytes,
    *,
    timeout: float = 30.0,
    check_same_thread: bool = True,
    isolation_level: str | None = "",
    uri: bool = False,
) -> Any:
    """A sqlcipher3 connection whose first statement gives it the key."""
    connection = sqlcipher.connect(
        str(path),
        timeout=timeout,
        check_same_thread=check_same_thread,
        isolation_level=isolation_level,
        uri=uri,
    )
    try:
        connection.execute(key_pragma(key))
        connection.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        connection.close()
        raise
    return connection


class FileState(Enum):
    MISSING = "missing"
    PLAINTEXT = "plaintext"
    """Starts with SQLite's plaintext header: an unencrypted database (or posing as one)."""
    OPAQUE = "opaque"
    """Anything else: an encrypted database, or a damaged or foreign file; only a key can tell."""


def file_state(path: Path) -> FileState:
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return FileState.MISSING
    except OSError as exc:
        raise DatabaseProblem(f"Basis data {path} tidak bisa dibaca: {exc}") from exc
    return FileState.PLAINTEXT if header == SQLITE_HEADER else FileState.OPAQUE


def wrong_key_message(path: Path, detail: object) -> str:
    return (
        f"Kunci basis data salah / berkas rusak: {path} tidak bisa dibuka dengan kunci dari "
        f"keyring (header dan halaman pertama tidak cocok dengan kunci; {detail}). Jangan hapus "
        "atau buat ulang berkas ini: jalankan 'ltsa-desk recover --recovery-key KUNCI-PEMULIHAN', "
        "atau pulihkan dari cadangan, atau hubungi teknisi."
    )


def probe(path: Path, key: bytes, timeout: float) -> bool:
    """Whether the key opens the file, and whether it holds LTSA Desk's tables (True) or not.

    Read-only in effect: a wrong key fails on page 1 before SQLite learns the file is in WAL
    mode, so no -wal or -shm file appears beside a file we cannot open.
    """
    try:
        connection = connect(
            f"{path.resolve().as_uri()}?mode=rw", key, timeout=timeout, uri=True
        )
    except sqlcipher.Error as exc:
        raise DatabaseProblem(f"Basis data tidak bisa dibuka: {exc}") from exc
    try:
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise DatabaseProblem(wrong_key_message(path, exc)) from exc
        found = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' "
            "AND name IN ('meta', 'alembic_version')"
        ).fetchone()
    except sqlcipher.Error as exc:
        raise DatabaseProblem(f"Basis data tidak bisa dibuka: {exc}") from exc
    finally:
        connection.close()
    return found is not None


def backup(source: Path, target: Path, key: bytes) -> None:
    """SQLite's online backup between two connections holding the same key: the copy is
    encrypted exactly like the original (never a plaintext moment), and consistent even while
    others write."""
    src = connect(source, key)
    try:
        dest = connect(target, key)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()
    fsync_file(target)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows cannot open a directory
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pause_point(step: str) -> None:
    """Test hook: stop here (announced on stderr) when PAUSE_ENV names this step."""
    if os.environ.get(PAUSE_ENV) == step:
        print(f"ltsa-desk: pause at {step}", file=sys.stderr, flush=True)
        time.sleep(120)


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def _snapshot(connection: Any, schema: str) -> tuple[list[tuple[Any, ...]], dict[str, int]]:
    """The schema and the row count of every table: what must be equal after the copy."""
    objects = connection.execute(
        f"SELECT type, name, tbl_name, sql FROM {schema}.sqlite_master ORDER BY type, name"
    ).fetchall()
    counts = {
        name: connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]
        for (kind, name, _table, sql) in objects
        if kind == "table" and not (sql or "").upper().startswith("CREATE VIRTUAL")
    }
    return objects, counts


def encrypt_plaintext_database(
    path: Path,
    key: bytes,
    *,
    safety_copy: Path,
    timeout: float = 30.0,
    pause: Callable[[str], None] = pause_point,
) -> None:
    """Replace the unencrypted database at ``path`` by an encrypted copy (``sqlcipher_export``).

    Steps (each named for the kill tests): take sole use of the old file; export into
    ``<name>.encrypting``; fsync; check the copy opens with the key, passes ``quick_check`` and
    has the same schema and row counts; keep an encrypted safety copy; rename over the old name;
    fsync the folder. The caller holds the data-folder lock and has stored the key in the
    keyring (and its sealed copy) *before* calling, so an encrypted file never exists whose key
    exists nowhere.
    """
    tmp = path.with_name(path.name + ".encrypting")
    _remove(tmp, *_sidecars(tmp))  # the remains of an interrupted attempt
    source = sqlcipher.connect(str(path), timeout=timeout, isolation_level=None)
    try:
        try:
            # Leaving WAL needs every other connection gone: a running app or verb on this file
            # makes this fail instead of losing what it writes after the export.
            mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlcipher.OperationalError as exc:
            raise DatabaseProblem(
                f"Basis data {path.name} sedang dipakai program lain ({exc}); tutup LTSA Desk "
                "di PC ini lalu ulangi, agar basis data bisa dienkripsi."
            ) from exc
        if str(mode).lower() != "delete":
            raise DatabaseProblem(f"Basis data {path.name} tidak bisa dialihkan dari mode {mode}")
        # Keep others out until the copy is made: exclusive locking mode holds the lock taken
        # by this empty write transaction until the connection closes.
        source.execute("PRAGMA locking_mode = EXCLUSIVE")
        source.execute("BEGIN EXCLUSIVE")
        source.execute("COMMIT")
        before = _snapshot(source, "main")
        user_version = int(source.execute("PRAGMA user_version").fetchone()[0])
        pause("export")
        source.execute(
            "ATTACH DATABASE ? AS encrypted KEY ?", (str(tmp), f"x'{key.hex()}'")
        )
        try:
            source.execute("SELECT sqlcipher_export('encrypted')")
            source.execute(f"PRAGMA encrypted.user_version = {user_version}")
        finally:
            source.execute("DETACH DATABASE encrypted")
        fsync_file(tmp)
        pause("exported")
        _verify_copy(tmp, key, before)
        safety_copy.parent.mkdir(parents=True, exist_ok=True)
        backup(tmp, safety_copy, key)
        fsync_dir(safety_copy.parent)
        pause("verified")
    finally:
        source.close()
    # No plaintext -wal/-shm may outlive the old file: SQLite would read a stale -wal against the
    # new file. Leaving WAL above already removed them; this covers anything odd.
    _remove(*_sidecars(path))
    os.replace(tmp, path)
    fsync_dir(path.parent)
    pause("replaced")


def _verify_copy(
    tmp: Path, key: bytes, before: tuple[list[tuple[Any, ...]], dict[str, int]]
) -> None:
    check = connect(tmp, key, timeout=5)
    try:
        result = check.execute("PRAGMA quick_check").fetchall()
        after = _snapshot(check, "main")
    finally:
        check.close()
    if result != [("ok",)] or after != before:
        _remove(tmp, *_sidecars(tmp))
        raise DatabaseProblem(
            "Salinan terenkripsi tidak sama dengan basis data lama "
            f"({'pemeriksaan: ' + str(result[:3]) if result != [('ok',)] else 'isi berbeda'}); "
            "basis data lama tidak diubah. Hubungi teknisi."
        )
