"""A counter's data folder opened for work: its configuration and its database.

Both the command line and the window go through here, so they agree on where data lives and on the
start-up checks (configuration present, database sane and migrated).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ltsa_desk.config import Config, ConfigError
from ltsa_desk.store.database import (
    Database,
    DatabaseInfo,
    DatabaseProblem,
    create_database,
    open_database,
)


@dataclass
class Workspace:
    data_dir: Path
    config: Config
    database: Database

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    def close(self) -> None:
        self.database.close()


def open_workspace(data_dir: Path, *, migrate: bool = True) -> Workspace:
    config = Config.load(data_dir)
    for key in ("office.code", "counter.id"):
        if not config.get(key):
            raise ConfigError(f"{key} belum diisi di {config.path}; jalankan 'ltsa-desk init'")
    database = open_database(
        config.database_url(), migrate=migrate, backup_dir=data_dir / "backups"
    )
    if database.info.office_code != config.office_code:
        database.close()
        raise DatabaseProblem(
            f"Basis data milik kantor {database.info.office_code}, konfigurasi menyebut "
            f"{config.office_code}; periksa folder data"
        )
    return Workspace(data_dir=data_dir, config=config, database=database)


def initialise(
    data_dir: Path,
    *,
    office_code: str,
    counter_id: str,
    database_url: str | None = None,
    office_name: str = "",
) -> DatabaseInfo:
    """Create the configuration and the database of a new counter. Refuses an existing one."""
    if Config.exists(data_dir):
        raise ConfigError(f"Folder data {data_dir} sudah berisi konfigurasi; tidak ada yang diubah")
    config = Config(data_dir)
    config.set("office.code", office_code)
    config.set("counter.id", counter_id)
    if database_url:
        config.set("database.url", database_url)
    if office_name:
        config.set("office.name", office_name)
    info = create_database(
        config.database_url(), office_code=config.office_code, counter_id=config.counter_id
    )
    config.save()
    return info
