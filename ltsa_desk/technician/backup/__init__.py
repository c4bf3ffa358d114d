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

The jobs live in their own modules: :mod:`.files` (names, the folder, rotation), :mod:`.archive`
(the format, the manifest and its checks), :mod:`.making`, :mod:`.daily` (the window's automatic
backup) and :mod:`.restore`. This package is what the rest of the code imports from.
"""

from ltsa_desk.store.lock import DataFolderBusy  # hold_for_restore's refusal while the app runs
from ltsa_desk.technician.backup.archive import (
    DB_ENTRY,
    MANIFEST,
    MANIFEST_MAC,
    PG_ENTRY,
    SEALED_ENTRY,
    ArchiveInfo,
    BackupError,
    IntegrityProblem,
    manifest_mac,
    read_manifest,
    verify_archive,
)
from ltsa_desk.technician.backup.daily import DAILY_INTERVAL, backup_due, run_daily_backup
from ltsa_desk.technician.backup.files import (
    BackupFile,
    backup_folder,
    backup_name,
    list_backups,
    newest_backup,
    parse_backup_name,
    rotate,
)
from ltsa_desk.technician.backup.making import BackupResult, make_backup, pg_dump_command
from ltsa_desk.technician.backup.restore import (
    KEEP_REPLACED,
    RestoreResult,
    StagedRestore,
    commit_restore,
    current_counter,
    hold_for_restore,
    stage_restore,
)

__all__ = [
    "DAILY_INTERVAL",
    "DB_ENTRY",
    "KEEP_REPLACED",
    "MANIFEST",
    "MANIFEST_MAC",
    "PG_ENTRY",
    "SEALED_ENTRY",
    "ArchiveInfo",
    "BackupError",
    "BackupFile",
    "BackupResult",
    "DataFolderBusy",
    "IntegrityProblem",
    "RestoreResult",
    "StagedRestore",
    "backup_due",
    "backup_folder",
    "backup_name",
    "commit_restore",
    "current_counter",
    "hold_for_restore",
    "list_backups",
    "make_backup",
    "manifest_mac",
    "newest_backup",
    "parse_backup_name",
    "pg_dump_command",
    "read_manifest",
    "rotate",
    "run_daily_backup",
    "stage_restore",
    "verify_archive",
]
