"""The move: the lone counter's database and scans opened, the shared database joined, the rows
copied in one transaction, and the configuration pointed at the shared server afterwards."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ltsa_desk.counter import keyring_home, shared_office
from ltsa_desk.counter.config import DATABASE_FILE, Config
from ltsa_desk.counter.logging_setup import mask_sensitive
from ltsa_desk.counter.workspace import open_workspace
from ltsa_desk.store import keys
from ltsa_desk.store.attachments import AttachmentNotFound, inspect_bytes
from ltsa_desk.store.database import (
    Database,
    DatabaseProblem,
    create_or_join_database,
    open_database,
    sqlite_path,
)
from ltsa_desk.store.database_blobs import insert_ignoring_duplicates
from ltsa_desk.store.encrypted_attachments import AttachmentDamaged, EncryptedAttachmentStore
from ltsa_desk.store.lock import DataFolderBusy, DataFolderLock, is_held
from ltsa_desk.store.models import AttachmentBlob, utc_now
from ltsa_desk.technician.move_counter.report import (
    MOVE_MAX_BYTES,
    MoveReport,
    Progress,
    chunks,
    table_of,
)
from ltsa_desk.technician.move_counter.rows import move_rows

log = logging.getLogger(__name__)


# --- the source: this data folder's SQLite database -----------------------------------------------


@dataclass
class _Source:
    database: Database
    attachments: EncryptedAttachmentStore
    database_id: str

    def close(self) -> None:
        self.database.close()


def _open_source(config: Config) -> _Source:
    """The lone counter's database, whether the configuration still names it or (a second run)
    already names the shared server; its key comes from the keyring either way."""
    data_dir = config.data_dir
    path = data_dir / DATABASE_FILE
    if sqlite_path(config.database_url()) is not None:
        workspace = open_workspace(data_dir)  # encrypts an old plaintext file, migrates
        store = workspace.attachments
        assert isinstance(store, EncryptedAttachmentStore)
        return _Source(workspace.database, store, workspace.database.info.database_id)
    if not path.exists():
        raise DatabaseProblem(
            f"Tidak ada basis data loket ({path}) di folder data ini untuk dipindahkan."
        )
    sealed = data_dir / "ltsa.key.sealed"
    if not sealed.exists():
        raise DatabaseProblem(
            f"{sealed.name} tidak ada di {data_dir}: basis data loket lama tidak bisa dikenali."
        )
    database_id = keys.read_sealed(sealed).database_id
    key = keyring_home.load_database_key(database_id)
    database = open_database(
        f"sqlite:///{path.as_posix()}", key=key, backup_dir=data_dir / "backups"
    )
    store = EncryptedAttachmentStore(
        data_dir / "attachments", keys.attachments_key(key, database_id), MOVE_MAX_BYTES
    )
    return _Source(database, store, database_id)


def _hold(data_dir: Path) -> DataFolderLock:
    """The window must not be writing to the counter's file while its data leave it."""
    lock = DataFolderLock(data_dir, windows_mutex=False)
    try:
        return lock.acquire(timeout=2)
    except DataFolderBusy as exc:
        raise DatabaseProblem(f"{exc} Tutup LTSA Desk di PC ini, lalu ulangi.") from exc


# --- the move ------------------------------------------------------------------------------------


def move_lone_counter(
    data_dir: Path, target_url: str, *, progress: Progress | None = None
) -> MoveReport:
    """Move this data folder's SQLite data into the shared database at ``target_url``.

    Creates the office's tables when the database is empty, joins it when it holds the same
    office (this counter id registered as a desk), refuses another office or a counter id
    another desk holds. On success the configuration names the shared database.
    """
    say = progress or (lambda _text: None)
    config = Config.load(data_dir)
    holder = is_held(data_dir)
    lock = None if holder is not None and holder.pid == _pid() else _hold(data_dir)
    try:
        source = _open_source(config)
        try:
            return _move(config, source, target_url, say)
        finally:
            source.close()
    finally:
        if lock is not None:
            lock.release()


def _pid() -> int:
    return os.getpid()


def _target_config(config: Config, target_url: str) -> Config:
    target = Config(config.data_dir, dict(config.as_dict()))
    target.set("database.url", target_url)
    return target


def _move(config: Config, source: _Source, target_url: str, say: Progress) -> MoveReport:
    if source.database.info.office_code != config.office_code:
        raise DatabaseProblem(
            f"Basis data loket milik kantor {source.database.info.office_code}, konfigurasi "
            f"menyebut {config.office_code}; tidak ada yang dipindahkan."
        )
    target_config = _target_config(config, target_url)
    options = shared_office.connect_args(target_config)
    joined = create_or_join_database(
        target_url,
        office_code=config.office_code,
        counter_id=config.counter_id,
        connect_args=options,
        host=shared_office.desk_host(),
        moved_from=source.database_id,
    )
    target = open_database(target_url, connect_args=options)
    try:
        report = MoveReport(
            source_database_id=source.database_id,
            target_database_id=target.info.database_id,
            office_code=config.office_code,
            counter_id=config.counter_id,
            created_database=joined.created,
        )
        say(
            f"{'Membuat' if joined.created else 'Bergabung ke'} basis data kantor "
            f"{config.office_code} ({target.info.database_id})"
        )
        _move_blobs(source, target, report, say)
        with source.database.engine.connect() as src, target.writer.begin() as dst:
            move_rows(src, dst, source.database_id, config.counter_id, report, say)
        log.info(
            "counter %s moved into %s: %s",
            config.counter_id,
            target.info.database_id,
            mask_sensitive(str(report.moved)),
        )
    finally:
        target.close()
    config.set("database.url", target_url)
    config.set("database.id", report.target_database_id)
    config.save()
    return report


def _move_blobs(source: _Source, target: Database, report: MoveReport, say: Progress) -> None:
    table = table_of(AttachmentBlob)
    done = 0
    for digests in chunks(source.attachments.iter_all(), 200):
        with target.engine.connect() as connection:
            present = set(
                connection.execute(
                    select(table.c.sha256).where(table.c.sha256.in_(digests))
                ).scalars()
            )
        for sha256 in digests:
            if sha256 in present:
                report.count(report.already_there, "attachments")
                continue
            try:
                data = source.attachments.get(sha256)
                info = inspect_bytes(data, MOVE_MAX_BYTES)
            except (AttachmentNotFound, AttachmentDamaged, ValueError):
                report.damaged_attachments.append(sha256)
                continue
            if info.sha256 != sha256:
                report.damaged_attachments.append(sha256)
                continue
            row = {
                "sha256": sha256,
                "size": info.size,
                "media_type": info.media_type,
                "content": data,
                "created_at": utc_now(),
            }
            with target.writer.begin() as connection:
                connection.execute(insert_ignoring_duplicates(connection, [row]))
            report.count(report.moved, "attachments")
        done += len(digests)
        say(f"lampiran: {done}")
