"""Restore: check a backup archive completely, then swap it in, keeping the replaced data aside.

:func:`stage_restore` refuses to replace anything until the archive's hashes match its
authenticated manifest and the database opens with its key and passes the integrity checks. The
replaced data is kept aside in ``<data>/replaced-<UTC time>/``. Every outbox item not yet
delivered is marked ``look_up_first`` *in the staged copy, before it is moved into place*: the
sync contract never sends an item restored from a backup blind (the remote may have received it
after the backup was taken), and no crash between the swap and a later update can skip the mark.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import CONFIG_FILE, DATABASE_FILE, Config
from ltsa_desk.counter.workspace import open_workspace
from ltsa_desk.store import cipher, keys
from ltsa_desk.store import recovery_key as recovery_keys
from ltsa_desk.store.lock import DataFolderLock
from ltsa_desk.store.problems import DatabaseProblem
from ltsa_desk.technician.backup.archive import (
    CONFIG_ENTRY,
    DB_ENTRY,
    MANIFEST,
    SEALED_ENTRY,
    ArchiveInfo,
    BackupError,
    IntegrityProblem,
    check_manifest_mac,
    database_facts,
    extract_checked,
    read_manifest,
)
from ltsa_desk.technician.backup.files import stamp
from sync.engine import EngineSettings

log = logging.getLogger(__name__)

# Files that make up "the data" of a data folder: what a restore replaces (and keeps aside).
_DATA_SIDECARS = ("-wal", "-shm", "-journal")
_PENDING_FILE = "recovery-key.pending"


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


def _restore_key(staging: Path, database_id: str, recovery_key: str | None) -> tuple[bytes, bool]:
    """The database key: from this account's keyring, else unsealed with the recovery key."""
    try:
        key = keyring_home.find_database_key(database_id)
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
            f"Kunci basis data cadangan ini ({_key_entry(database_id)})"
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


def _key_entry(database_id: str) -> str:
    return keyring_home.entry_name(keyring_home.DB_KEY_PURPOSE, database_id)


def _check_recovery_key(staging: Path, database_id: str, recovery_key: str) -> None:
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
        facts = database_facts(connection)
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


def hold_for_restore(data_dir: Path) -> DataFolderLock:
    """The data folder held from :func:`stage_restore` to :func:`commit_restore` (release it
    after); raises ``DataFolderBusy`` at once while LTSA Desk runs on it: a restore must
    not pull the database from under the window, and it is refused, not waited for."""
    lock = DataFolderLock(data_dir, windows_mutex=False)
    lock.acquire(timeout=0)
    return lock


def stage_restore(
    data_dir: Path, archive_path: Path, *, recovery_key: str | None = None, move: bool = False
) -> StagedRestore:
    """Check the archive and unpack it beside the data; nothing in use is touched yet.

    The caller holds the data-folder lock (:func:`hold_for_restore`) from here to
    :func:`commit_restore`.
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
    staging = data_dir / f".restore-{stamp()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        with archive:
            extract_checked(archive, manifest, staging)
        if not info.database_id:
            raise IntegrityProblem(f"{MANIFEST} tanpa database_id")
        key, from_recovery = _restore_key(staging, info.database_id, recovery_key)
        check_manifest_mac(archive_path, key)
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
            keyring_home.check_keyring()
            keyring_home.store_database_key(staged.archive.database_id, staged.key)
        except DatabaseProblem as exc:
            staged.discard()
            raise BackupError(str(exc)) from exc
    replaced: Path | None = None
    moves: list[tuple[Path, Path]] = []
    try:
        current = _data_items(data_dir)
        if current:
            replaced = data_dir / f"replaced-{stamp(now)}"
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
    workspace = open_workspace(data_dir)
    workspace.close()
