"""Making a backup: a consistent snapshot of the database, the attachments, the sealed key and the
configuration in one zip, written under a hidden name and renamed when complete.

The SQLite snapshot is taken with the online backup API while officers keep registering (one read
transaction in WAL mode: writers are never blocked) and is checked before it goes in; a shared
office's PostgreSQL database comes from ``pg_dump``. Rotation then keeps the newest backups.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from ltsa_desk import __version__
from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config
from ltsa_desk.counter.logging_setup import mask_sensitive
from ltsa_desk.counter.protection import sealed_key_path
from ltsa_desk.counter.shared_office import connect_args
from ltsa_desk.store import cipher
from ltsa_desk.store.database import sqlite_path
from ltsa_desk.technician.backup.archive import (
    ATTACHMENTS_PREFIX,
    CHUNK,
    CONFIG_ENTRY,
    DB_ENTRY,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_MAC,
    PG_ENTRY,
    SEALED_ENTRY,
    BackupError,
    IntegrityProblem,
    database_facts,
    manifest_mac,
)
from ltsa_desk.technician.backup.files import backup_folder, backup_name, rotate

log = logging.getLogger(__name__)

PG_DUMP_TIMEOUT_S = 3600


@dataclass(frozen=True)
class BackupResult:
    path: Path
    created_at: datetime
    size_bytes: int
    engine: str
    database_bytes: int
    attachments: int
    counts: dict[str, int]
    removed: list[Path] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "size_bytes": self.size_bytes,
            "engine": self.engine,
            "database_bytes": self.database_bytes,
            "attachments": self.attachments,
            "counts": self.counts,
            "removed": [str(p) for p in self.removed],
        }


def _snapshot_sqlite(database: Path, key: bytes, target: Path) -> tuple[str, dict[str, Any]]:
    """Online backup into ``target``, then the checks on the copy. Returns (revision, facts)."""
    try:
        cipher.backup(database, target, key)
    except cipher.dbapi.Error as exc:
        raise BackupError(f"Salinan basis data gagal dibuat: {exc}") from exc
    connection = cipher.connect(target, key, isolation_level=None)
    try:
        # One self-contained file: the copy inherits WAL mode from the original, and a restored
        # or inspected copy must not depend on a -wal beside it.
        connection.execute("PRAGMA journal_mode = DELETE")
        problems = [
            f"enkripsi: {r[0]}" for r in connection.execute("PRAGMA cipher_integrity_check")
        ]
        problems += [
            str(r[0]) for r in connection.execute("PRAGMA integrity_check") if r[0] != "ok"
        ]
        if problems:
            raise IntegrityProblem(
                "Basis data tidak lolos pemeriksaan integritas, jadi cadangan TIDAK dibuat "
                f"({'; '.join(problems[:5])}). Jalankan 'ltsa-desk doctor' dan hubungi teknisi; "
                "cadangan lama tetap disimpan."
            )
        facts = database_facts(connection)
    finally:
        connection.close()
    cipher.fsync_file(target)
    return str(facts.pop("revision") or ""), facts


def pg_dump_command() -> str | None:
    return shutil.which("pg_dump")


def _libpq_url(url: str) -> tuple[str, str | None]:
    """The SQLAlchemy URL as libpq understands it, and the schema its search_path names."""
    parsed = make_url(url)
    schema = None
    options = parsed.query.get("options")
    if isinstance(options, str):
        match = re.search(r"search_path\s*=\s*([A-Za-z_][A-Za-z0-9_]*)", options)
        schema = match.group(1) if match else None
    parsed = parsed.set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False), schema


_LIBPQ_ENV = {
    "password": "PGPASSWORD",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "require_auth": "PGREQUIREAUTH",  # pg_dump too never answers a cleartext/MD5 request
}


def _pg_environment(config: Config) -> dict[str, str]:
    """The office server's connection options (TLS, the keyring's password) for pg_dump, as
    libpq environment variables: never on the command line, where a process list shows them."""
    env = dict(os.environ)
    for name, value in connect_args(config).items():
        variable = _LIBPQ_ENV.get(name)
        if variable is not None and value not in (None, ""):
            env[variable] = str(value)
    return env


def _snapshot_postgres(config: Config, target: Path) -> None:
    url = config.database_url()
    command = pg_dump_command()
    if command is None:
        raise BackupError(
            "pg_dump tidak tersedia di PC ini (tidak ada di PATH), jadi basis data PostgreSQL "
            "kantor tidak bisa dicadangkan dari sini. Pasang PostgreSQL client tools (pg_dump) "
            "di PC ini, atau cadangkan basis data di server kantor dengan pg_dump."
        )
    libpq, schema = _libpq_url(url)
    argv = [command, "--format=custom", "--no-owner", f"--file={target}", f"--dbname={libpq}"]
    if schema:
        argv.append(f"--schema={schema}")
    try:
        done = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            timeout=PG_DUMP_TIMEOUT_S,
            check=False,
            env=_pg_environment(config),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupError(f"pg_dump gagal dijalankan: {exc}") from exc
    if done.returncode != 0:
        raise BackupError(
            f"pg_dump gagal (kode {done.returncode}): {mask_sensitive(done.stderr.strip())[:500]}"
        )


def _attachment_files(root: Path) -> Iterator[Path]:
    """Every stored attachment file; hidden temp files of an unfinished write are skipped."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            yield path


def _add_file(archive: zipfile.ZipFile, source: Path, name: str, compress: bool) -> dict[str, Any]:
    digest = hashlib.sha256()
    size = 0
    info = zipfile.ZipInfo.from_file(source, name)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with open(source, "rb") as handle, archive.open(info, "w", force_zip64=True) as out:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def make_backup(
    config: Config,
    out_dir: Path | None = None,
    *,
    keep: int | None = None,
    now: datetime | None = None,
    create_folder: bool = True,
) -> BackupResult:
    """Write one backup archive and rotate the folder (keeping the newest ``keep``).

    ``out_dir`` defaults to ``backup.folder``; ``keep`` to ``backup.keep``. A configured folder
    that does not exist (a USB drive not plugged in) is created only with ``create_folder``: the
    daily backup must not silently fill the mount point of a missing drive.
    """
    folder = out_dir or backup_folder(config)
    if not folder.is_dir():
        default = folder == config.data_dir / "backups"
        if not (create_folder or default):
            raise BackupError(
                f"Folder cadangan {folder} tidak ada (drive USB belum dicolok atau share jaringan "
                "terputus?). Pasang lalu ulangi, atau ubah backup.folder."
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"Folder cadangan {folder} tidak bisa dibuat: {exc}") from exc
    when = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    office, counter = config.office_code, config.counter_id
    while (folder / backup_name(office, counter, when)).exists():
        when += timedelta(seconds=1)
    final = folder / backup_name(office, counter, when)
    url = config.database_url()
    db_path = sqlite_path(url)
    engine = "sqlite" if db_path is not None else "postgresql"
    staging = Path(tempfile.mkdtemp(prefix=".backup-", dir=config.data_dir))
    partial = folder / f".{final.name}.tmp"
    try:
        manifest_files: dict[str, dict[str, Any]] = {}
        facts: dict[str, Any] = {}
        revision = ""
        if db_path is not None:
            database_id = str(config.get("database.id") or "")
            if not database_id:
                raise BackupError("config.toml tanpa database.id; jalankan 'ltsa-desk doctor'")
            key = keyring_home.load_database_key(database_id)
            snapshot = staging / "ltsa.sqlite"
            revision, facts = _snapshot_sqlite(db_path, key, snapshot)
            if facts.get("database_id") != database_id:
                raise BackupError(
                    f"Basis data ber-id {facts.get('database_id')}, konfigurasi menyebut "
                    f"{database_id}; periksa folder data"
                )
            db_entry = DB_ENTRY
        else:
            snapshot = staging / "ltsa.pgdump"
            _snapshot_postgres(config, snapshot)
            db_entry = PG_ENTRY
        with zipfile.ZipFile(partial, "w", allowZip64=True) as archive:
            manifest_files[db_entry] = _add_file(archive, snapshot, db_entry, compress=False)
            sealed = sealed_key_path(config)
            if sealed.exists():
                manifest_files[SEALED_ENTRY] = _add_file(archive, sealed, SEALED_ENTRY, True)
            manifest_files[CONFIG_ENTRY] = _add_file(archive, config.path, CONFIG_ENTRY, True)
            attachments = 0
            root = config.data_dir / "attachments"
            for path in _attachment_files(root):
                name = ATTACHMENTS_PREFIX + path.relative_to(root).as_posix()
                manifest_files[name] = _add_file(archive, path, name, compress=False)
                attachments += 1
            manifest = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "app_version": __version__,
                "created_at": when.isoformat(timespec="seconds"),
                "office_code": office,
                "counter_id": counter,
                "database_id": str(config.get("database.id") or facts.get("database_id") or ""),
                "engine": engine,
                "schema_revision": revision,
                "database_entry": db_entry,
                "counts": {**facts.get("counts", {}), "attachments": attachments},
                "files": manifest_files,
            }
            manifest_bytes = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
            archive.writestr(MANIFEST, manifest_bytes, zipfile.ZIP_DEFLATED)
            if db_path is not None:
                archive.writestr(MANIFEST_MAC, manifest_mac(key, manifest_bytes))
        cipher.fsync_file(partial)
        os.replace(partial, final)
        cipher.fsync_dir(folder)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    removed = rotate(folder, office, counter, keep if keep is not None else _keep(config))
    result = BackupResult(
        path=final,
        created_at=when,
        size_bytes=final.stat().st_size,
        engine=engine,
        database_bytes=int(manifest_files[db_entry]["size"]),
        attachments=attachments,
        counts=dict(manifest["counts"]),
        removed=removed,
    )
    log.info(
        "backup %s written (%d bytes, %d attachments); %d old backup(s) removed",
        final.name,
        result.size_bytes,
        attachments,
        len(removed),
    )
    return result


def _keep(config: Config) -> int:
    return max(1, int(config.get("backup.keep")))
