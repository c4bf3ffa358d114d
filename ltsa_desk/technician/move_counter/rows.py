"""The rows of a move, table by table, in one transaction on the shared database.

Every row keeps its id and every insert is ``ON CONFLICT DO NOTHING``, so a second run adds only
what is new; the audit log moves past a watermark; running numbers continue from the larger side;
every item not yet delivered is marked ``look_up_first`` (see the package's rules).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

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
from ltsa_desk.technician.move_counter.report import (
    CHUNK,
    DONE_STATES,
    DuplicateNik,
    MoveReport,
    Progress,
    chunks,
    table_of,
)
from sync.models import ItemState, Outage, OutboxItem


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


def move_rows(
    src: Connection,
    dst: Connection,
    source_id: str,
    counter_id: str,
    report: MoveReport,
    say: Progress,
) -> None:
    moved_table = table_of(MovedCounter)
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
        _move_dependents(src, dst, table_of(model), name, movable, report)
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
    table = table_of(Agency)
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
    table = table_of(Officer)
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
    table = table_of(Applicant)
    movable: set[uuid.UUID] = set()
    done = 0
    for rows in chunks(_rows(src, table, order=table.c.registered_at), CHUNK):
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
    applicants = table_of(Applicant)
    ids = {
        row.id: by_code[row.tracking_code]
        for row in src.execute(
            select(applicants.c.id, applicants.c.tracking_code).where(
                applicants.c.tracking_code.in_(list(by_code))
            )
        )
    }
    for model, name in ((Document, "documents"), (Letter, "letters")):
        table = table_of(model)
        for applicant_id, n in src.execute(
            select(table.c.applicant_id, func.count())
            .where(table.c.applicant_id.in_(list(ids)))
            .group_by(table.c.applicant_id)
        ):
            ids[applicant_id].left_behind[name] = int(n)
    outbox = table_of(OutboxItem)
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
    for rows in chunks(_rows(src, table), CHUNK):
        keep = [r for r in rows if r["applicant_id"] in movable]
        inserted = _insert_new(dst, table, keep, "id")
        report.count(report.moved, name, inserted)
        report.count(report.already_there, name, len(keep) - inserted)
        total += len(keep)


def _move_sequences(src: Connection, dst: Connection, _report: MoveReport) -> None:
    """Running numbers continue from the larger side: a number is never handed out twice."""
    table = table_of(CounterSequence)
    for row in _rows(src, table):
        statement = pg_insert(table).values(row)
        statement = statement.on_conflict_do_update(
            index_elements=["counter_id", "name", "year"],
            set_={"last_value": func.greatest(table.c.last_value, statement.excluded.last_value)},
        )
        dst.execute(statement)


def _move_audit(src: Connection, dst: Connection, upto: int, report: MoveReport) -> int:
    """Entries after the watermark, in order, with new ids; returns the new watermark."""
    table = table_of(AuditLog)
    for rows in chunks(_rows(src, table, table.c.id > upto, order=table.c.id), CHUNK):
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
    table = table_of(OutboxItem)
    chains = {str(i) for i in movable}
    now = utc_now()
    for rows in chunks(_rows(src, table, order=table.c.seq), CHUNK):
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
    table = table_of(Outage)
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
