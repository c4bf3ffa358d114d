"""The office database as a SQLite file: where it is, whether it is ours, and a safe copy of it.

Start-up must stay fast with a million applicants, so opening does only a cheap sanity check here
(the file is there, its header is SQLite's -- or, for an encrypted file, which has no plaintext
header, the key opens it -- and it holds our tables); the full `integrity_check` belongs to
`doctor`.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from ltsa_desk.store import cipher
from ltsa_desk.store.engine import BUSY_TIMEOUT_MS
from ltsa_desk.store.problems import DatabaseProblem


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other engines and in-memory databases."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def check_sqlite_file_present(path: Path) -> None:
    """A missing file is reported with what to do, never silently recreated."""
    if not path.exists():
        raise DatabaseProblem(
            f"Basis data tidak ditemukan: {path}. Jalankan 'ltsa-desk init' untuk loket baru, "
            "atau 'ltsa-desk restore' dari cadangan."
        )


def check_sqlite_file(path: Path, key: bytes | None) -> None:
    """The file is there and its header is SQLite's, or, with a key, it is not plain text."""
    check_sqlite_file_present(path)
    state = cipher.file_state(path)
    if key is not None:
        if state is cipher.FileState.PLAINTEXT:
            raise DatabaseProblem(
                f"Basis data {path} belum terenkripsi, padahal kunci diberikan; "
                "buka lewat folder data agar dienkripsi dulu."
            )
        if path.stat().st_size == 0:
            raise DatabaseProblem(
                f"Berkas {path} kosong (0 bita, header rusak). "
                "Jangan hapus berkas ini; pulihkan dari cadangan atau hubungi teknisi."
            )
        return
    if state is not cipher.FileState.PLAINTEXT:
        raise DatabaseProblem(
            f"Berkas {path} bukan basis data LTSA Desk yang utuh (header rusak). "
            "Jangan hapus berkas ini; pulihkan dari cadangan atau hubungi teknisi."
        )


def _check_sqlite_is_ours(path: Path, key: bytes | None) -> None:
    """Asked on a plain connection, before the engine's pragmas touch the file: switching another
    program's (or an empty) SQLite file to WAL would rewrite its header. An encrypted file is
    asked with its key, which is also the check that the key is the right one."""
    if key is not None:
        if not cipher.probe(path, key, BUSY_TIMEOUT_MS / 1000):
            raise DatabaseProblem(
                f"Basis data {path} kosong atau bukan milik LTSA Desk; berkas tidak diubah."
            )
        return
    try:
        probe = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            found = probe.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                "AND name IN ('meta', 'alembic_version')"
            ).fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"Basis data tidak bisa dibuka: {exc}") from exc
    if found is None:
        raise DatabaseProblem(
            f"Basis data {path} kosong atau bukan milik LTSA Desk; berkas tidak diubah."
        )


def check_sqlite_database(path: Path, key: bytes | None) -> None:
    """The start-up sanity check of a SQLite file on its own (exists, header or key, ours)."""
    check_sqlite_file(path, key)
    _check_sqlite_is_ours(path, key)


def backup_sqlite_file(path: Path, folder: Path, label: str, *, key: bytes | None = None) -> Path:
    """A consistent copy through SQLite's online backup API (safe while others read and write).

    With ``key`` the copy is made between two connections holding that key, so it is encrypted
    like the original: a backup never holds CPMI data in clear.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{label}-{stamp}.sqlite"
    tmp = target.with_suffix(".sqlite.tmp")
    if key is not None:
        tmp.unlink(missing_ok=True)
        cipher.backup(path, tmp, key)
        shutil.move(tmp, target)
        return target
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    shutil.move(tmp, target)
    return target
