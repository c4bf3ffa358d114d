"""`migrate-to`: move a lone counter's SQLite data into its office's shared PostgreSQL database.

An office that grows from one counter to several desks keeps what it has: applicants, documents
with their scans, letters, case histories, the audit log, accounts, agencies, the running
numbers, the outage log and the outbox with every item's state. Afterwards this data folder's
configuration points at the shared database, and the SQLite file stays where it was, untouched
except for being read, as the counter's own record of what was moved.

Rules, and why:

- **Idempotent.** Every row keeps its id (UUIDs made at the counter, outbox keys), and every
  insert is ``ON CONFLICT DO NOTHING``; scans are content-addressed. The audit log, which has no
  natural key, moves past a watermark kept in ``moved_counter`` and raised in the same
  transaction. So a second run (after a kill, a lost connection, or just to be sure) adds only
  what is new and never a row twice.
- **One office, many counters.** Two counters of one office can both be moved in. A NIK the
  shared database already holds under another applicant is not moved a second time: it is
  reported (both tracking codes) with what was left behind (documents, letters, outbox items), for
  an officer to settle by hand; the SQLite file still holds it. Accounts with a username already
  taken keep the one already there (reported); agencies are matched by name.
- **Never blind.** Every moved item not yet delivered is marked ``look_up_first``: the remote may
  have received it from this counter already, and the sync contract allows a blind send only on
  the very first attempt from one database. An item caught ``in_flight`` becomes pending again.
- **Numbers continue.** The counter's running numbers (tracking codes, letters) move as the
  larger of both sides, so the desk never hands out a number it handed out before.
- **All or nothing.** Scans go first, each on its own (they are idempotent by content); every
  row then moves in one transaction, so a failure leaves the shared database as it was.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from ltsa_desk.counter import shared_office
from ltsa_desk.counter.config import DATABASE_FILE, Config
from ltsa_desk.counter.logging_setup import mask_sensitive
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
from ltsa_desk.store.models import (
    Agency,
    Applicant,
    AuditLog,
    CaseEvent,
    CounterSequence,
    Document,
    Letter,
    MovedCounter,
    Officer,
    utc_now,
)
from sync.models import ItemState, Outage, OutboxItem

log = logging.getLogger(__name__)

CHUNK = 1000
MOVE_MAX_BYTES = 256 * 1024 * 1024
"""Scans already stored are moved whatever today's ``attachments.max_mb`` says."""
DONE_STATES = {ItemState.DELIVERED.value, ItemState.SUPERSEDED.value, ItemState.WITHDRAWN.value}

Progress = Callable[[str], None]


def _table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


@dataclass
class DuplicateNik:
    """A CPMI the shared database already holds under another applicant: reported, not moved."""

    nik: str
    full_name: str
    tracking_code: str  # at this counter
    existing_tracking_code: str  # in the shared database
    left_behind: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "nik": self.nik,
            "full_name": self.full_name,
            "tracking_code": self.tracking_code,
            "existing_tracking_code": self.existing_tracking_code,
            "left_behind": dict(self.left_behind),
        }


@dataclass
class MoveReport:
    source_database_id: str
    target_database_id: str
    office_code: str
    counter_id: str
    created_database: bool
    moved: dict[str, int] = field(default_factory=dict)
    already_there: dict[str, int] = field(default_factory=dict)
    outbox_moved_by_state: dict[str, int] = field(default_factory=dict)
    duplicate_niks: list[DuplicateNik] = field(default_factory=list)
    accounts_kept: list[str] = field(default_factory=list)
    """Usernames the shared database already had: its account was kept, this counter's not."""
    damaged_attachments: list[str] = field(default_factory=list)

    def count(self, bucket: dict[str, int], name: str, n: int = 1) -> None:
        bucket[name] = bucket.get(name, 0) + n

    @property
    def nothing_new(self) -> bool:
        return not any(self.moved.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_database_id": self.source_database_id,
            "database_id": self.target_database_id,
            "office_code": self.office_code,
            "counter_id": self.counter_id,
            "created_database": self.created_database,
            "moved": dict(self.moved),
            "already_there": dict(self.already_there),
            "outbox_moved_by_state": dict(self.outbox_moved_by_state),
            "duplicate_niks": [d.as_dict() for d in self.duplicate_niks],
            "accounts_kept": list(self.accounts_kept),
            "damaged_attachments": list(self.damaged_attachments),
        }


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
        from ltsa_desk.counter.workspace import open_workspace

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
    key = keys.load_database_key(database_id)
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
    import os

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
            _move_rows(src, dst, source.database_id, config.counter_id, report, say)
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
    from ltsa_desk.store.models import AttachmentBlob

    table = _table(AttachmentBlob)
    done = 0
    for digests in _chunks(source.attachments.iter_all(), 200):
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


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _rows(src: Connection, table: Table, *where: Any, order: Any = None) -> Iterator[dict]:
    statement = select(table).where(*where)
    if order is not None:
        statement = statement.order_by(order)
    for row in src.execute(statement).mappings():
        yield dict(row)


def _insert_new(dst: Connection, table: Table, rows: list[dict[str, Any]], key: str) -> int:
    """Insert what is not there yet (by primary/unique key); returns how many were new."""
    if not rows:
        return 0
    statement = pg_insert(table).values(rows).on_conflict_do_nothing().returning(table.c[key])
    return len(dst.execute(statement).all())


def _move_rows(
    src: Connection,
    dst: Connection,
    source_id: str,
    counter_id: str,
    report: MoveReport,
    say: Progress,
) -> None:
    moved_table = _table(MovedCounter)
    # Serialises two runs of the same move (the row exists since the desk joined).
    mark = (
        dst.execute(
            select(moved_table)
            .where(moved_table.c.source_database_id == source_id)
            .with_for_update()
        )
        .mappings()
        .first()
    )
    if mark is None:
        dst.execute(
            pg_insert(moved_table).values(
                source_database_id=source_id, counter_id=counter_id, audit_moved_upto=0
            )
        )
        audit_upto = 0
    else:
        audit_upto = int(mark["audit_moved_upto"])

    agency_map = _move_agencies(src, dst, report)
    _move_officers(src, dst, report)
    movable = _move_applicants(src, dst, agency_map, report, say)
    for model, name in ((Document, "documents"), (CaseEvent, "case_events"), (Letter, "letters")):
        _move_dependents(src, dst, _table(model), name, movable, report)
    _move_sequences(src, dst, report)
    audit_upto = _move_audit(src, dst, audit_upto, report)
    _move_outbox(src, dst, movable, report, say)
    _move_outages(src, dst, report)
    dst.execute(
        update(moved_table)
        .where(moved_table.c.source_database_id == source_id)
        .values(audit_moved_upto=audit_upto, last_moved_at=utc_now())
    )


def _move_agencies(src: Connection, dst: Connection, report: MoveReport) -> dict[Any, Any]:
    table = _table(Agency)
    mapping: dict[Any, Any] = {}
    rows = list(_rows(src, table))
    existing = (
        {
            row.name_key: row.id
            for row in dst.execute(
                select(table.c.name_key, table.c.id).where(
                    table.c.name_key.in_([r["name_key"] for r in rows])
                )
            )
        }
        if rows
        else {}
    )
    new = []
    for row in rows:
        if row["name_key"] in existing:
            mapping[row["id"]] = existing[row["name_key"]]
            report.count(report.already_there, "agencies")
        else:
            mapping[row["id"]] = row["id"]
            new.append(row)
    report.count(report.moved, "agencies", _insert_new(dst, table, new, "id"))
    return mapping


def _move_officers(src: Connection, dst: Connection, report: MoveReport) -> None:
    table = _table(Officer)
    rows = list(_rows(src, table))
    if not rows:
        return
    existing = {
        row.username: row.id
        for row in dst.execute(
            select(table.c.username, table.c.id).where(
                table.c.username.in_([r["username"] for r in rows])
            )
        )
    }
    new = []
    for row in rows:
        found = existing.get(row["username"])
        if found is None:
            new.append(row)
        elif found == row["id"]:
            report.count(report.already_there, "accounts")
        else:
            report.accounts_kept.append(row["username"])
    report.count(report.moved, "accounts", _insert_new(dst, table, new, "id"))


def _move_applicants(
    src: Connection,
    dst: Connection,
    agency_map: dict[Any, Any],
    report: MoveReport,
    say: Progress,
) -> set[uuid.UUID]:
    """Move applicants; returns the ids whose dependents may follow (moved now or before)."""
    table = _table(Applicant)
    movable: set[uuid.UUID] = set()
    done = 0
    for rows in _chunks(_rows(src, table, order=table.c.registered_at), CHUNK):
        ids = [r["id"] for r in rows]
        there = set(dst.execute(select(table.c.id).where(table.c.id.in_(ids))).scalars())
        others = {
            row.nik: row.tracking_code
            for row in dst.execute(
                select(table.c.nik, table.c.tracking_code).where(
                    table.c.nik.in_([r["nik"] for r in rows if r["id"] not in there]),
                )
            )
        }
        new = []
        for row in rows:
            if row["id"] in there:
                movable.add(row["id"])
                report.count(report.already_there, "applicants")
            elif row["nik"] in others:
                report.duplicate_niks.append(
                    DuplicateNik(
                        row["nik"], row["full_name"], row["tracking_code"], others[row["nik"]]
                    )
                )
            else:
                row["agency_id"] = agency_map.get(row["agency_id"], row["agency_id"])
                new.append(row)
        inserted = (
            set(
                dst.execute(
                    pg_insert(table).values(new).on_conflict_do_nothing().returning(table.c.id)
                ).scalars()
            )
            if new
            else set()
        )
        movable |= inserted
        report.count(report.moved, "applicants", len(inserted))
        done += len(rows)
        say(f"CPMI: {done}")
    if report.duplicate_niks:
        _count_left_behind(src, report)
    return movable


def _count_left_behind(src: Connection, report: MoveReport) -> None:
    by_code = {d.tracking_code: d for d in report.duplicate_niks}
    applicants = _table(Applicant)
    ids = {
        row.id: by_code[row.tracking_code]
        for row in src.execute(
            select(applicants.c.id, applicants.c.tracking_code).where(
                applicants.c.tracking_code.in_(list(by_code))
            )
        )
    }
    for model, name in ((Document, "documents"), (Letter, "letters")):
        table = _table(model)
        for applicant_id, n in src.execute(
            select(table.c.applicant_id, func.count())
            .where(table.c.applicant_id.in_(list(ids)))
            .group_by(table.c.applicant_id)
        ):
            ids[applicant_id].left_behind[name] = int(n)
    outbox = _table(OutboxItem)
    chains = {str(i): d for i, d in ids.items()}
    for chain, n in src.execute(
        select(outbox.c.chain, func.count())
        .where(outbox.c.chain.in_(list(chains)))
        .group_by(outbox.c.chain)
    ):
        chains[chain].left_behind["outbox_items"] = int(n)


def _move_dependents(
    src: Connection,
    dst: Connection,
    table: Table,
    name: str,
    movable: set[uuid.UUID],
    report: MoveReport,
) -> None:
    total = 0
    for rows in _chunks(_rows(src, table), CHUNK):
        keep = [r for r in rows if r["applicant_id"] in movable]
        inserted = _insert_new(dst, table, keep, "id")
        report.count(report.moved, name, inserted)
        report.count(report.already_there, name, len(keep) - inserted)
        total += len(keep)


def _move_sequences(src: Connection, dst: Connection, _report: MoveReport) -> None:
    """Running numbers continue from the larger side: a number is never handed out twice."""
    table = _table(CounterSequence)
    for row in _rows(src, table):
        statement = pg_insert(table).values(row)
        statement = statement.on_conflict_do_update(
            index_elements=["counter_id", "name", "year"],
            set_={"last_value": func.greatest(table.c.last_value, statement.excluded.last_value)},
        )
        dst.execute(statement)


def _move_audit(src: Connection, dst: Connection, upto: int, report: MoveReport) -> int:
    """Entries after the watermark, in order, with new ids; returns the new watermark."""
    table = _table(AuditLog)
    for rows in _chunks(_rows(src, table, table.c.id > upto, order=table.c.id), CHUNK):
        upto = max(upto, *(int(r["id"]) for r in rows))
        for row in rows:
            del row["id"]
        dst.execute(pg_insert(table), rows)
        report.count(report.moved, "audit_log", len(rows))
    return upto


def _move_outbox(
    src: Connection,
    dst: Connection,
    movable: set[uuid.UUID],
    report: MoveReport,
    say: Progress,
) -> None:
    table = _table(OutboxItem)
    chains = {str(i) for i in movable}
    now = utc_now()
    for rows in _chunks(_rows(src, table, order=table.c.seq), CHUNK):
        keep = []
        for row in rows:
            if not _chain_moves(row["chain"], chains):
                continue
            del row["seq"]
            if row["state"] not in DONE_STATES:
                # The remote may already have it (sent from this counter): look before sending.
                row["look_up_first"] = True
                if row["state"] == ItemState.IN_FLIGHT.value:
                    row["state"] = ItemState.PENDING.value
                row["lease_owner"] = None
                row["lease_until"] = None
                row["next_attempt_at"] = now
                row["updated_at"] = now
            keep.append(row)
        if not keep:
            continue
        inserted = set(
            dst.execute(
                pg_insert(table).values(keep).on_conflict_do_nothing().returning(table.c.key)
            ).scalars()
        )
        for row in keep:
            if row["key"] in inserted:
                report.count(report.outbox_moved_by_state, row["state"])
        report.count(report.moved, "outbox_items", len(inserted))
        report.count(report.already_there, "outbox_items", len(keep) - len(inserted))
        say(f"kiriman: {report.moved.get('outbox_items', 0)}")


def _chain_moves(chain: str, moved_chains: set[str]) -> bool:
    """Items of a moved applicant move; items of a chain that is no applicant's move too."""
    if chain in moved_chains:
        return True
    try:
        uuid.UUID(chain)
    except ValueError:
        return True
    return False


def _move_outages(src: Connection, dst: Connection, report: MoveReport) -> None:
    """The outage log (the admin's report of what a dead line cost) joins the office's."""
    table = _table(Outage)
    rows = list(_rows(src, table, order=table.c.id))
    if not rows:
        return
    known = {
        (row.destination, row.started_at)
        for row in dst.execute(select(table.c.destination, table.c.started_at))
    }
    new = []
    for row in rows:
        if (row["destination"], row["started_at"]) in known:
            report.count(report.already_there, "outages")
            continue
        del row["id"]
        new.append(row)
    if new:
        dst.execute(pg_insert(table), new)
    report.count(report.moved, "outages", len(new))
