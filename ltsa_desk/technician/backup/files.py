"""Where backups live: their names, the backup folder, the list of one counter's backups, rotation.

A name says whose backup it is and when it was made (``ltsa-backup-<office>-<counter>-<UTC
time>.zip``), so a folder of them sorts by time and rotation can only ever touch this counter's
complete backups.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ltsa_desk.counter.config import Config

STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(
    r"^ltsa-backup-(?P<office>\d{2}\.\d{2})-(?P<counter>[A-Z0-9][A-Z0-9-]*)-"
    r"(?P<stamp>\d{8}T\d{6}Z)\.zip$"
)


def backup_name(office_code: str, counter_id: str, when: datetime) -> str:
    return f"ltsa-backup-{office_code}-{counter_id}-{when.astimezone(UTC).strftime(STAMP)}.zip"


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
    when = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
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


def stamp(now: datetime | None = None) -> str:
    """A UTC time as backup and replaced-folder names carry it."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(STAMP)
