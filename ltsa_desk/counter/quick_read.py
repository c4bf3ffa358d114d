"""A lone counter's database opened read-only through the driver alone, for a quick read.

Why: `sync status` is started every 15 minutes by the scheduled task, and by technicians and
scripts many times a day (issue 19: <= 0.5 s). Opening a counter the full way
(:func:`ltsa_desk.counter.workspace.open_workspace`) loads SQLAlchemy, SQLModel and the ORM, most
of a second on a busy 2-core PC, while the status is three small reads. This module opens the
SQLCipher file with ``sqlcipher3`` itself, read-only, and only when the folder is in its ordinary
state, where the full opening would do nothing but open:

- the configuration's seal is intact under this account's key (no adoption, no refusal);
- the database is this folder's encrypted SQLite file (not a shared office's server, not an old
  plaintext file to encrypt), its id and office are those of the configuration;
- its schema is the head revision (nothing to migrate) and no recovery key waits to be shown.

Anything else, or any error on the way, gives None: the caller then opens the full way, which
does what is needed (migrate, encrypt, adopt, show a recovery key) and words every problem as it
always has. A quick read changes nothing: ``PRAGMA query_only`` on the connection, no renaming of
attachments (the next full opening does that).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ltsa_desk.counter import config_seal, keyring_home
from ltsa_desk.counter.config import CONFIG_FILE, DATABASE_FILE, Config
from ltsa_desk.store import cipher
from ltsa_desk.store.database.revisions import head_revision

log = logging.getLogger(__name__)

#: ``protection.PENDING_FILE``: a recovery key made but not yet shown (the full opening shows it).
#: Named here, not imported: ``protection`` loads the store's engine (a test keeps them equal).
PENDING_FILE = "recovery-key.pending"
#: ``store.engine.BUSY_TIMEOUT_MS`` in seconds (a test keeps them equal; the engine loads
#: SQLAlchemy). A reader in WAL mode waits only while a checkpoint or a recovery runs.
BUSY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class QuickCounter:
    """The configuration and a read-only DB-API connection (sqlcipher3) of a lone counter."""

    config: Config
    connection: Any


@contextmanager
def quick_counter(data_dir: Path) -> Iterator[QuickCounter | None]:
    """The counter opened for a quick read, or None where only the full opening will do."""
    opened = _open(data_dir)
    try:
        yield opened
    finally:
        if opened is not None:
            opened.connection.close()


def _open(data_dir: Path) -> QuickCounter | None:
    try:
        config = _sealed_config(data_dir)
        if config is None:
            return None
        return _open_database(data_dir, config)
    except Exception:  # the full opening names the problem; here it only means "not quick"
        log.debug("quick read of %s not possible; opening the full way", data_dir, exc_info=True)
        return None


def _sealed_config(data_dir: Path) -> Config | None:
    """The configuration when its seal is intact under this account's key, else None.

    ``Config.load(verify=True)`` would adopt an unsealed file (and the full opening must then
    audit it), so the seal is checked here first and the file is loaded without verifying.
    """
    path = data_dir / CONFIG_FILE
    data = path.read_bytes()
    _, written = config_seal.split(data)
    if written is None:
        return None
    key = config_seal.find_key()
    if key is None or not config_seal.intact(data, key):
        return None
    config = Config.load(data_dir, verify=False)
    if path.read_bytes() != data:  # changed meanwhile: the full opening checks it again
        return None
    return config


def _open_database(data_dir: Path, config: Config) -> QuickCounter | None:
    database_id = config.get("database.id")
    if (
        config.get("database.url")
        or not database_id
        or not config.office_code
        or not config.counter_id
        or (data_dir / PENDING_FILE).exists()
    ):
        return None
    path = data_dir / DATABASE_FILE
    if cipher.file_state(path) is not cipher.FileState.OPAQUE:
        return None  # missing, or plaintext to be encrypted by the full opening
    key = keyring_home.find_database_key(str(database_id))
    if key is None:
        return None
    connection = cipher.connect(path, key, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute("PRAGMA query_only = ON")
        revisions = [
            row[0] for row in connection.execute("SELECT version_num FROM alembic_version")
        ]
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if (
            revisions != [head_revision()]
            or meta.get("database_id") != database_id
            or meta.get("office_code") != config.office_code
        ):
            connection.close()
            return None
    except BaseException:
        connection.close()
        raise
    return QuickCounter(config=config, connection=connection)
