"""The daily backup the window makes on its own: when one is due, and making it when it is.

Kept apart from :mod:`making` because it is a schedule, not a way of making a backup: a missing
configured folder (a USB drive not plugged in) is an error here, never created.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ltsa_desk.counter.config import Config
from ltsa_desk.technician.backup.files import newest_backup
from ltsa_desk.technician.backup.making import BackupResult, make_backup

DAILY_INTERVAL = timedelta(hours=24)


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
