"""What a backup archive holds and how one is checked: the format, the manifest and its MAC.

One module for the format so that making a backup and restoring one agree on every entry name
and on the checks: the hashes of every file against the manifest, and the manifest's HMAC keyed
from the database key (only a holder of this office's key can make it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ltsa_desk.counter.config import CONFIG_FILE

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
CHUNK = 1024 * 1024
"""Bytes read and hashed at a time: archives hold whole databases, never read into memory."""


class BackupError(Exception):
    """A backup or restore that cannot be done as asked; the message says why and what to do."""


class IntegrityProblem(BackupError):
    """The database or the archive failed a check: nothing was written or replaced."""


def database_facts(connection: Any) -> dict[str, Any]:
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


def manifest_mac(database_key: bytes, manifest_bytes: bytes) -> str:
    """The manifest's authentication (hex HMAC-SHA256), keyed by HKDF of the database key."""
    mac_key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"ltsa-desk backup manifest v1"
    ).derive(database_key)
    return hmac.new(mac_key, manifest_bytes, hashlib.sha256).hexdigest()


def check_manifest_mac(archive_path: Path, database_key: bytes) -> None:
    """Refuse an archive whose manifest this office's database key did not authenticate."""
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


def extract_checked(
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
                while chunk := handle.read(CHUNK):
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
        extract_checked(archive, manifest, None)
    return ArchiveInfo(path, manifest)
