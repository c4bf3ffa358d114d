"""Backups of a counter and their restore: one zip per backup, checked before anything is replaced.

A backup is one file, ``ltsa-backup-<office>-<counter>-<UTC time>.zip`` (for example
``ltsa-backup-52.03-LOTIM-01-20260501T031502Z.zip``), so a technician can copy it to a USB stick,
see at a glance whose and how old it is, and a folder of them sorts by time. It holds:

- ``database/ltsa.sqlite``: a consistent snapshot taken with SQLite's online backup API between
  two connections holding the database key (``store.cipher.backup``). It is made while the app
  runs and officers keep registering: the copy is one read transaction in WAL mode, so writers are
  never blocked and the snapshot is the database as of one commit. The copy stays encrypted (it is
  never plaintext, not even in a temp file) and passes ``cipher_integrity_check`` and
  ``integrity_check`` before it goes into the archive. On PostgreSQL ``database/ltsa.pgdump``
  comes from ``pg_dump`` (custom format) when it is on PATH; when it is not, the backup refuses
  and says so rather than making a backup without the database;
- ``attachments/``: the attachment store as it is on disk (each file already AES-GCM encrypted),
  copied *after* the snapshot so every attachment the snapshot names is inside;
- ``ltsa.key.sealed`` (the database key under the recovery key: a backup restores on another PC
  with the paper) and ``config.toml`` (no secrets by design);
- ``manifest.json``: who, when, which database and schema, and the SHA-256 and size of every file;
- ``manifest.mac``: HMAC of the manifest keyed from the database key (see :data:`MANIFEST_MAC`).

The archive is written under a hidden temporary name and renamed when complete, so a half-written
file never looks like a backup, and rotation only ever removes complete backups of this counter.

Restore (:func:`stage_restore`, then :func:`commit_restore`) refuses to replace anything until the
archive's hashes match its authenticated manifest and the database opens with its key and passes
the integrity checks. The replaced data is kept aside in ``<data>/replaced-<UTC time>/``. Every
outbox item not yet delivered is marked ``look_up_first`` *in the staged copy, before it is moved
into place*: the sync contract never sends an item restored from a backup blind (the remote may
have received it after the backup was taken), and no crash between the swap and a later update
can skip the mark.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy.engine import make_url

from ltsa_desk import __version__
from ltsa_desk.counter.config import CONFIG_FILE, DATABASE_FILE, Config
from ltsa_desk.counter.logging_setup import mask_sensitive
from ltsa_desk.store import cipher, keys
from ltsa_desk.store.database import sqlite_path
from ltsa_desk.store.problems import DatabaseProblem
from sync.engine import EngineSettings

log = logging.getLogger(__name__)

FORMAT = "ltsa-desk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# HMAC-SHA256 of manifest.json's exact bytes, with a key derived from the database key: only a
# holder of this office's database key (this counter's keyring, or its recovery key) can make
# it, so a file changed inside a backup and its hash recomputed in the manifest is refused.
MANIFEST_MAC = "manifest.mac"
DB_ENTRY = "database/ltsa.sqlite"
PG_ENTRY = "database/ltsa.pgdump"
SEALED_ENTRY = "ltsa.key.sealed"
CONFIG_ENTRY = CONFIG_FILE
ATTACHMENTS_PREFIX = "attachments/"
DAILY_INTERVAL = timedelta(hours=24)
PG_DUMP_TIMEOUT_S = 3600

_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(
    r"^ltsa-backup-(?P<office>\d{2}\.\d{2})-(?P<counter>[A-Z0-9][A-Z0-9-]*)-"
    r"(?P<stamp>\d{8}T\d{6}Z)\.zip$"
)
_CHUNK = 1024 * 1024
# Files that make up "the data" of a data folder: what a restore replaces (and keeps aside).
_DATA_SIDECARS = ("-wal", "-shm", "-journal")
_PENDING_FILE = "recovery-key.pending"


class BackupError(Exception):
    """A backup or restore that cannot be done as asked; the message says why and what to do."""


class IntegrityProblem(BackupError):
    """The database or the archive failed a check: nothing was written or replaced."""


# --- names and folders ---------------------------------------------------------------------------


def backup_name(office_code: str, counter_id: str, when: datetime) -> str:
    return f"ltsa-backup-{office_code}-{counter_id}-{when.astimezone(UTC).strftime(_STAMP)}.zip"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    office_code: str
    counter_id: str
    created_at: datetime

    def age(self, now: datetime | None = None) -> timedelta:
        return (now or datetime.now(UTC)) - self.created_at


def parse_backup_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    when = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    return BackupFile(path, match["office"], match["counter"], when)


def backup_folder(config: Config) -> Path:
    """``backup.folder``, or ``<data folder>/backups`` when it is empty."""
    configured = str(config.get("backup.folder") or "").strip()
    return Path(configured).expanduser() if configured else config.data_dir / "backups"


def list_backups(
    folder: Path, office_code: str | None = None, counter_id: str | None = None
) -> list[BackupFile]:
    """Complete backups in ``folder`` (of one counter when named), newest first."""
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        parsed = parse_backup_name(entry)
        if parsed is None or not entry.is_file():
            continue
        if office_code is not None and parsed.office_code != office_code:
            continue
        if counter_id is not None and parsed.counter_id != counter_id:
            continue
        found.append(parsed)
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def newest_backup(config: Config) -> BackupFile | None:
    backups = list_backups(backup_folder(config), config.office_code, config.counter_id)
    return backups[0] if backups else None


# --- making a backup -----------------------------------------------------------------------------


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


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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
        facts = _database_facts(connection)
    finally:
        connection.close()
    cipher.fsync_file(target)
    return str(facts.pop("revision") or ""), facts


def _database_facts(connection: Any) -> dict[str, Any]:
    """Meta, schema revision and counts of a (snapshot) database, on a raw connection."""
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    revision = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    counts: dict[str, int] = {}
    if "applicant" in tables:
        counts["applicants"] = int(
            connection.execute("SELECT count(*) FROM applicant").fetchone()[0]
        )
    if "outbox_item" in tables:
        counts["outbox_items"] = int(
            connection.execute("SELECT count(*) FROM outbox_item").fetchone()[0]
        )
        counts["not_delivered"] = int(
            connection.execute(
                "SELECT count(*) FROM outbox_item WHERE state <> 'delivered'"
            ).fetchone()[0]
        )
    return {
        "database_id": meta.get("database_id"),
        "office_code": meta.get("office_code"),
        "counter_id": meta.get("counter_id"),
        "revision": revision,
        "counts": counts,
    }


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
    from ltsa_desk.counter.shared_office import connect_args

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
        while chunk := handle.read(_CHUNK):
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
            key = keys.load_database_key(database_id)
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
            sealed = _sealed_path(config)
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


def manifest_mac(database_key: bytes, manifest_bytes: bytes) -> str:
    """The manifest's authentication (hex HMAC-SHA256), keyed by HKDF of the database key."""
    import hashlib
    import hmac

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    mac_key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"ltsa-desk backup manifest v1"
    ).derive(database_key)
    return hmac.new(mac_key, manifest_bytes, hashlib.sha256).hexdigest()


def _check_manifest_mac(archive_path: Path, database_key: bytes) -> None:
    """Refuse an archive whose manifest this office's database key did not authenticate."""
    import hmac

    with zipfile.ZipFile(archive_path) as archive:
        manifest_bytes = archive.read(MANIFEST)
        try:
            given = archive.read(MANIFEST_MAC).decode("ascii", "replace").strip()
        except KeyError:
            raise IntegrityProblem(
                f"Cadangan tanpa {MANIFEST_MAC}: manifest-nya tidak bisa dibuktikan dibuat oleh "
                "loket pemilik kunci basis data ini (dibuat versi lama, atau diubah). Pakai "
                "cadangan yang dibuat versi ini; tidak ada yang diubah."
            ) from None
    if not hmac.compare_digest(given, manifest_mac(database_key, manifest_bytes)):
        raise IntegrityProblem(
            f"Manifest cadangan tidak sah ({MANIFEST_MAC} tidak cocok): isi cadangan diubah "
            "setelah dibuat, atau cadangan bukan milik basis data ini. Tidak ada yang diubah."
        )


def _keep(config: Config) -> int:
    return max(1, int(config.get("backup.keep")))


def _sealed_path(config: Config) -> Path:
    from ltsa_desk.counter.protection import sealed_key_path

    return sealed_key_path(config)


def rotate(folder: Path, office_code: str, counter_id: str, keep: int) -> list[Path]:
    """Remove this counter's backups beyond the newest ``keep``, and crash leftovers older than a
    day. Other counters' backups (a shared USB drive) and unrelated files are never touched."""
    removed: list[Path] = []
    for old in list_backups(folder, office_code, counter_id)[max(1, keep) :]:
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
            removed.append(old.path)
    cutoff = datetime.now(UTC).timestamp() - 86_400
    prefix = f".ltsa-backup-{office_code}-{counter_id}-"
    for leftover in folder.glob(f"{prefix}*.zip.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
    return removed


def backup_due(config: Config, now: datetime | None = None) -> bool:
    """The daily backup is on and the newest backup of this counter is 24 hours old (or none)."""
    if not config.get("backup.daily"):
        return False
    newest = newest_backup(config)
    return newest is None or newest.age(now) >= DAILY_INTERVAL


def run_daily_backup(config: Config, now: datetime | None = None) -> BackupResult | None:
    """The automatic backup: made only when due, into ``backup.folder`` (never creating a missing
    configured folder); None when nothing was due. Runs on a worker thread of the window."""
    if not backup_due(config, now):
        return None
    return make_backup(config, now=now, create_folder=False)


# --- reading and checking an archive -------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveInfo:
    path: Path
    manifest: dict[str, Any]

    @property
    def office_code(self) -> str:
        return str(self.manifest.get("office_code", ""))

    @property
    def counter_id(self) -> str:
        return str(self.manifest.get("counter_id", ""))

    @property
    def database_id(self) -> str:
        return str(self.manifest.get("database_id", ""))

    @property
    def engine(self) -> str:
        return str(self.manifest.get("engine", "sqlite"))

    @property
    def created_at(self) -> str:
        return str(self.manifest.get("created_at", ""))

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.manifest.get("counts", {}))


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and ":" not in name
    )


def read_manifest(path: Path) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    """The open archive and its manifest, or a BackupError naming what is wrong with the file."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"Berkas cadangan tidak ditemukan: {path}") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(
            f"{path.name} bukan berkas cadangan LTSA Desk (bukan zip utuh: {exc})"
        ) from exc
    try:
        raw = archive.read(MANIFEST)
        manifest = json.loads(raw.decode("utf-8"))
    except KeyError:
        archive.close()
        raise BackupError(
            f"{path.name} bukan berkas cadangan LTSA Desk (tanpa {MANIFEST})"
        ) from None
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
        archive.close()
        raise IntegrityProblem(f"{MANIFEST} di {path.name} rusak: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        archive.close()
        raise BackupError(f"{path.name} bukan berkas cadangan LTSA Desk")
    if int(manifest.get("version", 0)) > FORMAT_VERSION:
        archive.close()
        raise BackupError(
            f"{path.name} dibuat oleh versi LTSA Desk yang lebih baru (format "
            f"{manifest.get('version')}); perbarui aplikasi dulu"
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(_safe_name(str(n)) for n in files):
        archive.close()
        raise IntegrityProblem(f"Daftar berkas di {MANIFEST} {path.name} tidak sah")
    return archive, manifest


def _extract_checked(
    archive: zipfile.ZipFile, manifest: dict[str, Any], target: Path | None
) -> None:
    """Every file hashed against the manifest (and written under ``target`` when given).

    Extra or missing members are refused too: an archive that is not exactly what the backup
    wrote is not restored.
    """
    files: dict[str, dict[str, Any]] = manifest["files"]
    members = {info.filename for info in archive.infolist() if not info.is_dir()}
    missing = sorted(set(files) - members)
    extra = sorted(members - set(files) - {MANIFEST, MANIFEST_MAC})
    if missing or extra:
        what = []
        if missing:
            what.append(f"hilang: {', '.join(missing[:3])}")
        if extra:
            what.append(f"tak dikenal: {', '.join(extra[:3])}")
        raise IntegrityProblem(f"Isi arsip tidak sesuai manifest ({'; '.join(what)})")
    bad: list[str] = []
    for name, expected in files.items():
        digest = hashlib.sha256()
        size = 0
        out = None
        if target is not None:
            dest = target / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            out = open(dest, "wb")  # noqa: SIM115 - closed in finally, written chunk by chunk
        try:
            with archive.open(name) as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    if out is not None:
                        out.write(chunk)
            if out is not None:
                out.flush()
                os.fsync(out.fileno())
        except (zipfile.BadZipFile, OSError) as exc:  # CRC errors, truncated members
            bad.append(f"{name} ({exc})")
            continue
        finally:
            if out is not None:
                out.close()
        if digest.hexdigest() != expected.get("sha256") or size != expected.get("size"):
            bad.append(name)
    if bad:
        raise IntegrityProblem(
            f"Arsip cadangan rusak: {len(bad)} berkas tidak cocok dengan hash sha256 di manifest "
            f"({', '.join(bad[:3])}). Pakai cadangan lain."
        )


def verify_archive(path: Path) -> ArchiveInfo:
    """Check the archive's hashes without extracting anything (doctor, `restore` dry checks)."""
    archive, manifest = read_manifest(path)
    with archive:
        _extract_checked(archive, manifest, None)
    return ArchiveInfo(path, manifest)


# --- restore -------------------------------------------------------------------------------------


@dataclass
class StagedRestore:
    """A checked archive unpacked beside the data, ready to be swapped in (or discarded)."""

    data_dir: Path
    archive: ArchiveInfo
    staging: Path
    key: bytes
    key_from_recovery: bool
    marked: int
    counts: dict[str, int]

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


@dataclass(frozen=True)
class RestoreResult:
    data_dir: Path
    replaced_dir: Path | None
    database_id: str
    office_code: str
    counter_id: str
    created_at: str
    marked: int
    key_from_recovery: bool
    counts: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "data_dir": str(self.data_dir),
            "replaced_dir": str(self.replaced_dir) if self.replaced_dir else None,
            "database_id": self.database_id,
            "office_code": self.office_code,
            "counter_id": self.counter_id,
            "backup_created_at": self.created_at,
            "marked_look_up_first": self.marked,
            "key_from_recovery_key": self.key_from_recovery,
            "counts": self.counts,
        }


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)


def _restore_key(staging: Path, database_id: str, recovery_key: str | None) -> tuple[bytes, bool]:
    """The database key: from this account's keyring, else unsealed with the recovery key."""
    from ltsa_desk.store import recovery_key as recovery_keys

    try:
        key = keys.find_database_key(database_id)
    except DatabaseProblem as exc:
        raise BackupError(str(exc)) from exc
    if key is not None:
        if recovery_key:
            # Not needed, but given: check it rather than ignore it, so a technician who wrote
            # the key down wrong learns it now, not on the day the PC is lost.
            _check_recovery_key(staging, database_id, recovery_key)
        return key, False
    if not recovery_key:
        raise BackupError(
            f"Kunci basis data cadangan ini ({keys.entry_name(keys.DB_KEY_PURPOSE, database_id)})"
            " tidak ada di keyring akun Windows ini (PC lain, atau akun baru). Ulangi dengan kunci "
            "pemulihan yang dicetak saat 'init': 'ltsa-desk restore BERKAS --recovery-key-stdin' "
            "(sama seperti 'ltsa-desk recover --recovery-key KUNCI-PEMULIHAN', kunci lalu disimpan"
            " di keyring). Tidak ada yang diubah."
        )
    sealed_file = staging / SEALED_ENTRY
    if not sealed_file.exists():
        raise BackupError("Cadangan ini tanpa ltsa.key.sealed: kunci pemulihan tidak bisa dipakai")
    sealed = keys.read_sealed(sealed_file)
    if sealed.database_id != database_id:
        raise IntegrityProblem(
            f"ltsa.key.sealed di cadangan milik basis data {sealed.database_id}, manifest "
            f"menyebut {database_id}"
        )
    try:
        return keys.unseal(sealed, recovery_keys.parse(recovery_key)), True
    except (recovery_keys.RecoveryKeyTypo, DatabaseProblem) as exc:
        raise BackupError(str(exc)) from exc


def _check_recovery_key(staging: Path, database_id: str, recovery_key: str) -> None:
    from ltsa_desk.store import recovery_key as recovery_keys

    sealed_file = staging / SEALED_ENTRY
    if not sealed_file.exists():
        raise BackupError(
            "Kunci pemulihan tidak diperlukan (kunci basis data ada di keyring PC ini) dan tidak "
            "bisa diperiksa: cadangan ini tanpa ltsa.key.sealed. Ulangi tanpa --recovery-key. "
            "Tidak ada yang diubah."
        )
    try:
        sealed = keys.read_sealed(sealed_file)
        if sealed.database_id != database_id:
            raise IntegrityProblem(
                f"ltsa.key.sealed di cadangan milik basis data {sealed.database_id}, manifest "
                f"menyebut {database_id}"
            )
        keys.unseal(sealed, recovery_keys.parse(recovery_key))
    except (recovery_keys.RecoveryKeyTypo, DatabaseProblem) as exc:
        raise BackupError(
            f"Kunci pemulihan yang diberikan tidak cocok dengan cadangan ini ({exc}). Kunci ini "
            "tidak diperlukan di PC ini (kuncinya ada di keyring), tetapi periksa salinan kertas "
            "kunci pemulihan Anda. Tidak ada yang diubah."
        ) from exc


# The engine's hold after a lease that may still have had a request on the line, at the default
# read timeout (sync/engine.py, EngineSettings.takeover_hold_s).
_TAKEOVER_HOLD_S = EngineSettings().takeover_hold_s


def _sqlite_time(value: datetime) -> str:
    """A UTC time as SQLAlchemy stores it in SQLite (naive, microseconds)."""
    return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _check_and_mark(database: Path, key: bytes, database_id: str) -> tuple[int, dict[str, int]]:
    """Open the staged copy with its key, run the integrity checks, and mark every item that was
    not delivered as ``look_up_first`` (the remote may have it already). Returns (marked, counts).
    """
    try:
        connection = cipher.connect(database, key, isolation_level=None)
    except cipher.dbapi.Error as exc:
        raise IntegrityProblem(f"Basis data di cadangan tidak bisa dibuka: {exc}") from exc
    try:
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except cipher.dbapi.DatabaseError as exc:
            raise IntegrityProblem(
                "Basis data di cadangan tidak bisa dibuka dengan kuncinya (kunci salah atau "
                f"berkas rusak: {exc}). Tidak ada yang diubah."
            ) from exc
        problems = [
            f"enkripsi: {r[0]}" for r in connection.execute("PRAGMA cipher_integrity_check")
        ]
        problems += [
            str(r[0]) for r in connection.execute("PRAGMA integrity_check") if r[0] != "ok"
        ]
        if problems:
            raise IntegrityProblem(
                "Basis data di cadangan tidak lolos pemeriksaan integritas "
                f"({'; '.join(problems[:5])}). Pakai cadangan lain; tidak ada yang diubah."
            )
        facts = _database_facts(connection)
        if facts.get("database_id") != database_id:
            raise IntegrityProblem(
                f"Basis data di cadangan ber-id {facts.get('database_id')}, manifest menyebut "
                f"{database_id}"
            )
        marked = 0
        columns = {r[1] for r in connection.execute("PRAGMA table_info(outbox_item)")}
        if "look_up_first" in columns:
            connection.execute("BEGIN IMMEDIATE")
            cursor = connection.execute(
                "UPDATE outbox_item SET look_up_first = 1 WHERE state <> 'delivered'"
            )
            marked = max(0, cursor.rowcount)
            if "in_doubt_until" in columns:
                # A sender of the replaced data (a `sync run` takes no folder lock) may have
                # had one of these on the line: a "not found" counts only after it could land.
                connection.execute(
                    "UPDATE outbox_item SET in_doubt_until = ? WHERE state <> 'delivered'",
                    (_sqlite_time(datetime.now(UTC) + timedelta(seconds=_TAKEOVER_HOLD_S)),),
                )
            connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode = DELETE")
    except cipher.dbapi.DatabaseError as exc:
        # A page that decrypts (the archive's hash list recomputed by whoever changed it) but
        # whose content is damaged surfaces in any statement: one clear line, no traceback.
        raise IntegrityProblem(
            f"Basis data di cadangan rusak ({exc}). Pakai cadangan lain; tidak ada yang diubah."
        ) from exc
    finally:
        connection.close()
    cipher.fsync_file(database)
    return marked, dict(facts.get("counts", {}))


def stage_restore(
    data_dir: Path, archive_path: Path, *, recovery_key: str | None = None, move: bool = False
) -> StagedRestore:
    """Check the archive and unpack it beside the data; nothing in use is touched yet.

    The caller holds the data-folder lock (``DataFolderLock``) from here to :func:`commit_restore`.
    Checks, in order: zip and manifest, every file's SHA-256, the database key (keyring, or the
    recovery key against the sealed copy in the archive), the database's integrity with that key.
    """
    archive, manifest = read_manifest(archive_path)
    info = ArchiveInfo(archive_path, manifest)
    try:
        _check_same_counter(data_dir, info, move)
    except BackupError:
        archive.close()
        raise
    if info.engine != "sqlite":
        archive.close()
        raise BackupError(
            "Cadangan ini berisi basis data PostgreSQL kantor (pg_dump). Basis data bersama "
            "dipulihkan di server kantor, bukan dari loket: ekstrak database/ltsa.pgdump lalu "
            "jalankan 'pg_restore --clean --no-owner -d URL ltsa.pgdump' saat semua loket "
            "tertutup, kemudian tandai kiriman: UPDATE outbox_item SET look_up_first = true "
            "WHERE state <> 'delivered'."
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = data_dir / f".restore-{_stamp()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        with archive:
            _extract_checked(archive, manifest, staging)
        if not info.database_id:
            raise IntegrityProblem(f"{MANIFEST} tanpa database_id")
        key, from_recovery = _restore_key(staging, info.database_id, recovery_key)
        _check_manifest_mac(archive_path, key)
        marked, counts = _check_and_mark(staging / DB_ENTRY, key, info.database_id)
        _local_database_url(staging / CONFIG_ENTRY)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info(
        "restore staged from %s (database %s, %d items marked look_up_first)",
        archive_path.name,
        info.database_id,
        marked,
    )
    return StagedRestore(data_dir, info, staging, key, from_recovery, marked, counts)


def current_counter(data_dir: Path) -> tuple[str, str] | None:
    """(office code, counter id) of the data folder's configuration; None when there is none
    (a new PC) or it cannot be read (the disaster a restore repairs)."""
    if not Config.exists(data_dir):
        return None
    try:
        # What the file says, sealed or not: a changed file must not wave any backup through.
        config = Config.load(data_dir, verify=False)
        return config.office_code, config.counter_id
    except Exception:  # a damaged configuration: nothing to compare with
        return None


def _check_same_counter(data_dir: Path, info: ArchiveInfo, move: bool) -> None:
    """A backup restores over its own counter. Another office's or counter's backup replaces
    this counter's identity and register: only as a move the technician asks for (``move``,
    audited by the caller), never by a slip of the USB stick."""
    current = current_counter(data_dir)
    if current is None or move or current == (info.office_code, info.counter_id):
        return
    raise BackupError(
        f"Cadangan ini milik kantor {info.office_code} loket {info.counter_id}, bukan kantor "
        f"{current[0]} loket {current[1]} (folder ini). Bila loket ini memang dipindahkan atau "
        "diganti dengan loket itu, ulangi dengan --move (dicatat di log audit). Tidak ada yang "
        "diubah."
    )


def _local_database_url(config_file: Path) -> None:
    """A restored counter uses the database file in its data folder: a SQLite ``database.url``
    naming a path on the old PC would point nowhere.

    Saved through :class:`Config`, so sealed with this account's key: the archive's manifest is
    authenticated with the database key (checked before this), which makes the configuration in
    it as trustworthy as the database, whichever PC or account sealed it before."""
    config = Config.load(config_file.parent, verify=False)
    url = config.as_dict().get("database.url")
    if url and str(url).startswith("sqlite"):
        config.unset("database.url")
    config.save()


def _data_items(data_dir: Path) -> list[str]:
    """What a restore replaces: configuration, database (and its sidecars), sealed key,
    attachments, and a pending recovery-key mark of the old database."""
    names = [CONFIG_FILE, DATABASE_FILE]
    names += [DATABASE_FILE + suffix for suffix in _DATA_SIDECARS]
    names += [SEALED_ENTRY, "attachments", _PENDING_FILE]
    return [name for name in names if (data_dir / name).exists()]


KEEP_REPLACED = 3
"""How many ``replaced-<time>/`` copies a restore keeps: enough to undo the last few restores,
not a growing pile of old registers (each holds a whole database) in the data folder."""


def _prune_replaced(data_dir: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` replaced copies (their names sort by time)."""
    copies = sorted(p for p in data_dir.glob("replaced-*") if p.is_dir())
    removed = copies[: max(0, len(copies) - keep)]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
        log.info("old replaced copy removed: %s", path.name)
    return removed


def commit_restore(
    staged: StagedRestore,
    *,
    now: datetime | None = None,
    reopen: Callable[[Path], None] | None = None,
) -> RestoreResult:
    """Swap the staged data in. The current data moves to ``replaced-<UTC time>/`` first (this
    user only, like the data folder; the newest :data:`KEEP_REPLACED` such copies are kept, older
    ones removed); a failure mid-way moves everything back. ``reopen`` (default: open the
    workspace, which migrates an older schema) runs last, on the restored folder."""
    data_dir = staged.data_dir
    if staged.key_from_recovery:
        try:
            keys.check_keyring()
            keys.store_database_key(staged.archive.database_id, staged.key)
        except DatabaseProblem as exc:
            staged.discard()
            raise BackupError(str(exc)) from exc
    replaced: Path | None = None
    moves: list[tuple[Path, Path]] = []
    try:
        current = _data_items(data_dir)
        if current:
            replaced = data_dir / f"replaced-{_stamp(now)}"
            replaced.mkdir(mode=0o700)
            for name in current:
                os.replace(data_dir / name, replaced / name)
                moves.append((data_dir / name, replaced / name))
        for entry, name in (
            (CONFIG_ENTRY, CONFIG_FILE),
            (DB_ENTRY, DATABASE_FILE),
            (SEALED_ENTRY, SEALED_ENTRY),
            ("attachments", "attachments"),
        ):
            source = staged.staging / entry
            if source.exists():
                os.replace(source, data_dir / name)
                moves.append((source, data_dir / name))
        cipher.fsync_dir(data_dir)
    except BaseException:
        for original, moved in reversed(moves):
            with contextlib.suppress(OSError):
                os.replace(moved, original)
        if replaced is not None:
            with contextlib.suppress(OSError):
                replaced.rmdir()
        staged.discard()
        raise
    staged.discard()
    _prune_replaced(data_dir, keep=KEEP_REPLACED)
    log.info(
        "restored %s into %s; replaced data kept in %s",
        staged.archive.path.name,
        data_dir,
        replaced.name if replaced else "-",
    )
    try:
        (reopen or _reopen)(data_dir)
    except DatabaseProblem as exc:
        raise BackupError(
            f"Data sudah dipulihkan, tetapi pembukaan pertamanya gagal: {exc} Jalankan "
            f"'ltsa-desk doctor'. Data sebelumnya tetap ada di {replaced or '-'}."
        ) from exc
    return RestoreResult(
        data_dir=data_dir,
        replaced_dir=replaced,
        database_id=staged.archive.database_id,
        office_code=staged.archive.office_code,
        counter_id=staged.archive.counter_id,
        created_at=staged.archive.created_at,
        marked=staged.marked,
        key_from_recovery=staged.key_from_recovery,
        counts=staged.counts,
    )


def _reopen(data_dir: Path) -> None:
    """Open the restored folder once: start-up checks, and migration of an older schema."""
    from ltsa_desk.counter.workspace import open_workspace

    workspace = open_workspace(data_dir)
    workspace.close()
