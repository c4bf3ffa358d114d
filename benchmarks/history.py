"""Years of a counter's history behind the benchmarks' big register (issue 19, item 3).

A real counter writes, for every CPMI, an outbox item per registration (and per correction, and
per passport application once the passport is requested), a case event per step of the case and
an audit entry per change (``services.intake``, ``services.submissions``, ``services.sync_hooks``).
Nothing is ever pruned, so after a few years the outbox, ``case_event`` and ``audit_log`` hold
millions of rows, and every figure that touches them (the status query, the window's idle cost,
Simpan's insert into their indexes, the start-up of ``sync status``) must be measured on them.

:func:`seed_history` writes that history for the applicants already seeded
(``benchlib.seed_applicants(..., history=True)``), in chunks of applicant rowids, each one
``INSERT .. SELECT`` per table made by the database itself (no Python per row). Rows go through
the tables' triggers like any insert, so ``outbox_count`` (migration 0006) is what the counter's
own writes would have left. Within a chunk rows are inserted in time order, so ``seq`` and audit
ids follow time as on a counter (up to the chunk: a few weeks).

The shape: each registration delivered with its receipt (registry id) except the newest
``pending`` ones (the line has been down for a while: a backlog, which the window's stall drains);
one CPMI in 33 corrected once (an update item and an ``applicant.update`` entry); a passport
application for every CPMI past ``recommended`` (delivered, with its application number, unless
its registration still waits); a case event and an audit entry per step, the issue of the
passport pulled from immigration (``sync:immigration``). Keys, ids and times derive from the
applicant's id and registration time: the same seed builds the same history. SQLite only (the
big register's database); the PostgreSQL status figure keeps ``bench_status``'s own outbox.
"""

from __future__ import annotations

import time
from typing import Any

#: States in which the CPMI's passport has been requested (an application in the outbox).
PASSPORT_STATES = ("passport_requested", "passport_issued", "departed")

#: The build connection's page cache (KiB), given back to the store's own size afterwards.
BUILD_CACHE_KIB = 1024 * 1024

#: One CPMI in CORRECTED_EVERY is corrected once after registration.
CORRECTED_EVERY = 33

#: The steps of a case: (rank, state, from, days after registration, actor, note). The times are
#: squeezed for CPMI registered less than 75 days before the suite's "today".
_STEPS = (
    (0, "registered", None, 0, "petugas1", None),
    (1, "documents_complete", "registered", 3, "petugas1", None),
    (2, "recommended", "documents_complete", 6, "petugas1", None),
    (3, "passport_requested", "recommended", 8, "petugas1", None),
    (4, "passport_issued", "passport_requested", 40, "sync:immigration", "Paspor terbit"),
    (5, "departed", "passport_issued", 70, "petugas1", None),
    (9, "cancelled", "registered", 10, "petugas1", "Mengundurkan diri"),
)
_RANK = (
    "CASE a.state WHEN 'registered' THEN 0 WHEN 'documents_complete' THEN 1 "
    "WHEN 'recommended' THEN 2 WHEN 'passport_requested' THEN 3 WHEN 'passport_issued' THEN 4 "
    "WHEN 'departed' THEN 5 ELSE 0 END"
)


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(value)


_STEPS_CTE = (
    "steps(k, to_state, from_state, days, actor, note) AS (VALUES "
    + ", ".join("(" + ", ".join(_literal(v) for v in step) + ")" for step in _STEPS)
    + ")"
)


def _uuid_text(hex32: str, *, v4: bool = False) -> str:
    """SQL: a 32-hex-digit expression written as a UUID (8-4-4-4-12), as ``str(uuid)`` does."""
    third = f"'4' || substr({hex32}, 14, 3)" if v4 else f"substr({hex32}, 13, 4)"
    fourth = f"'a' || substr({hex32}, 18, 3)" if v4 else f"substr({hex32}, 17, 4)"
    return (
        f"substr({hex32}, 1, 8) || '-' || substr({hex32}, 9, 4) || '-' || {third} || '-' || "
        f"{fourth} || '-' || substr({hex32}, 21, 12)"
    )


CHAIN = _uuid_text("a.id")  # str(applicant.id): the chain and the audit entity id
REG_KEY = _uuid_text("(substr(a.id, 17, 16) || substr(a.id, 1, 16))", v4=True)
UPD_KEY = _uuid_text("(substr(a.id, 25, 8) || substr(a.id, 1, 24))", v4=True)
PASS_KEY = _uuid_text("(substr(a.id, 9, 24) || substr(a.id, 1, 8))", v4=True)

#: How far (0..1) the case's steps are stretched: CPMI registered lately went through them faster.
_SCALE = "min(1.0, (julianday('{today}') - julianday(a.registered_at)) / 75.0)"


def _at(seconds: str) -> str:
    """SQL: the registration time plus `seconds`, stored as SQLAlchemy stores datetimes.

    (``datetime(unixepoch ..)``: five times cheaper than ``strftime`` with a modifier.)"""
    if seconds == "0":
        return "a.registered_at"
    return f"(datetime(unixepoch(a.registered_at) + ({seconds}), 'unixepoch') || '.000000')"


def _iso(seconds: str) -> str:
    return (
        f"(replace(datetime(unixepoch(a.registered_at) + ({seconds}), 'unixepoch'), ' ', 'T') "
        "|| 'Z')"
    )


def _without_nulls(members: str, optional: tuple[str, ...]) -> str:
    """SQL: ``json_object(members)`` without its null members (the services drop None values).

    ``json_patch`` strips them but costs ten times ``json_object``: only rows with a null in an
    optional column pay for it."""
    obj = f"json_object({members})"
    any_null = " OR ".join(f"{column} IS NULL" for column in optional)
    return f"CASE WHEN {any_null} THEN json_patch('{{}}', {obj}) ELSE {obj} END"


_REGISTRY_OPTIONAL = (
    "a.address",
    "g.name",
    "a.birth_place",
    "a.destination_country",
    "a.job_title",
    "a.phone",
    "a.planned_departure",
    "a.sector",
)


def _registry_payload(key: str, *, with_registry_id: bool = False) -> str:
    """SQL: ``submissions.registry_payload`` plus its client reference, keys sorted, no nulls."""
    registry_id = "'registry_id', a.registry_id, " if with_registry_id else ""
    return _without_nulls(
        "'address', a.address, 'agency', g.name, "
        "'birth_date', a.birth_date, 'birth_place', a.birth_place, "
        f"'client_reference', {key}, 'destination_country', a.destination_country, "
        "'full_name', a.full_name, 'job_title', a.job_title, 'nik', a.nik, "
        "'office_code', a.office_code, 'phone', a.phone, "
        f"'planned_departure', a.planned_departure, {registry_id}'sector', a.sector, "
        "'sex', a.sex, 'tracking_code', a.tracking_code",
        _REGISTRY_OPTIONAL,
    )


_PASSPORT_PAYLOAD = _without_nulls(
    "'birth_date', a.birth_date, 'birth_place', a.birth_place, "
    f"'client_reference', {PASS_KEY}, 'full_name', a.full_name, 'nik', a.nik, "
    "'office_code', a.office_code, 'registry_id', a.registry_id, 'sex', a.sex, "
    "'tracking_code', a.tracking_code",
    ("a.birth_place", "a.registry_id"),
)

_OUTBOX_COLUMNS = (
    "key, destination, kind, payload, chain, chain_position, depends_on, state, attempts, "
    "look_up_first, next_attempt_at, receipt, created_at, updated_at, delivered_at, last_status"
)
_CHUNK = "a.rowid >= :lo AND a.rowid < :hi"
_CORRECTED = f"(a.rowid % {CORRECTED_EVERY} = 7 AND a.registry_id IS NOT NULL)"
_DELIVERY = "(5 + a.rowid % 55)"  # seconds from a registration to its receipt
_PASSPORT_AT = f"(8 * 86400 * {_SCALE} + 60)"
_UPDATE_AT = f"(86400 * {_SCALE} + 30)"


def _outbox_sql(today: str) -> str:
    scale = _SCALE.format(today=today)
    passport_at = _PASSPORT_AT.replace(_SCALE, scale)
    update_at = _UPDATE_AT.replace(_SCALE, scale)
    reg_state = (
        "CASE WHEN a.registry_id IS NOT NULL THEN 'delivered' "
        "WHEN a.state = 'cancelled' THEN 'withdrawn' ELSE 'pending' END"
    )
    delivered = "a.registry_id IS NOT NULL"
    registration = f"""
SELECT {_at("0")} AS t, {REG_KEY} AS key, 'registry' AS destination, 'worker.register' AS kind,
       {_registry_payload(REG_KEY)} AS payload, {CHAIN} AS chain, 1 AS chain_position,
       NULL AS depends_on, {reg_state} AS state,
       CASE WHEN {delivered} THEN 1 ELSE 0 END AS attempts, 0 AS look_up_first,
       {_at("0")} AS next_attempt_at,
       CASE WHEN {delivered} THEN json_object('received_at', {_iso(_DELIVERY)},
            'registry_id', a.registry_id, 'version', 1) END AS receipt,
       {_at("0")} AS created_at,
       CASE WHEN {delivered} THEN {_at(_DELIVERY)} ELSE {_at("0")} END AS updated_at,
       CASE WHEN {delivered} THEN {_at(_DELIVERY)} END AS delivered_at,
       CASE WHEN {delivered} THEN 201 END AS last_status
FROM applicant a LEFT JOIN agency g ON g.id = a.agency_id WHERE {_CHUNK}"""
    correction = f"""
SELECT {_at(update_at)}, {UPD_KEY}, 'registry', 'worker.update',
       {_registry_payload(UPD_KEY, with_registry_id=True)}, {CHAIN}, 2, {REG_KEY}, 'delivered',
       1, 0, {_at(update_at)},
       json_object('registry_id', a.registry_id, 'updated_at', {_iso(update_at + " + 9")},
                   'version', 2),
       {_at(update_at)}, {_at(update_at + " + 9")}, {_at(update_at + " + 9")}, 200
FROM applicant a LEFT JOIN agency g ON g.id = a.agency_id WHERE {_CHUNK} AND {_CORRECTED}"""
    passport = f"""
SELECT {_at(passport_at)}, {PASS_KEY}, 'immigration', 'passport.apply', {_PASSPORT_PAYLOAD},
       {CHAIN}, CASE WHEN {_CORRECTED} THEN 3 ELSE 2 END, {REG_KEY},
       CASE WHEN {delivered} THEN 'delivered' ELSE 'pending' END,
       CASE WHEN {delivered} THEN 1 ELSE 0 END, 0, {_at(passport_at)},
       CASE WHEN {delivered} THEN json_object('application_no', a.passport_application_no,
            'received_at', {_iso(passport_at + " + 12")}, 'registry_id', a.registry_id,
            'status', 'received') END,
       {_at(passport_at)},
       CASE WHEN {delivered} THEN {_at(passport_at + " + 12")} ELSE {_at(passport_at)} END,
       CASE WHEN {delivered} THEN {_at(passport_at + " + 12")} END,
       CASE WHEN {delivered} THEN 201 END
FROM applicant a WHERE {_CHUNK} AND a.state IN {PASSPORT_STATES}"""
    columns = _OUTBOX_COLUMNS
    return (
        f"INSERT INTO outbox_item ({columns}) SELECT {columns} FROM ("
        f"{registration} UNION ALL {correction} UNION ALL {passport}) ORDER BY t"
    )


def _event_at(today: str) -> str:
    return f"(s.days * 86400 * {_SCALE.format(today=today)} + s.k * 37)"


def _case_event_sql(today: str) -> str:
    at = _at(_event_at(today))
    return f"""
WITH {_STEPS_CTE}
INSERT INTO case_event (id, applicant_id, from_state, to_state, at, actor, note)
SELECT substr(a.id, 1, 30) || printf('%02x', s.k), a.id, s.from_state, s.to_state, {at},
       s.actor, CASE WHEN s.k = 9 THEN a.cancelled_reason ELSE s.note END
FROM applicant a JOIN steps s
  ON (s.k <= {_RANK} AND s.k < 9) OR (s.k = 9 AND a.state = 'cancelled')
WHERE {_CHUNK}
ORDER BY {at}"""


def _audit_sql(today: str) -> str:
    at = _at(_event_at(today))
    update_at = _at(_UPDATE_AT.replace(_SCALE, _SCALE.format(today=today)))
    register_after = (
        "json_object('address', a.address, 'agency', g.name, 'birth_date', a.birth_date, "
        "'birth_place', a.birth_place, 'destination_country', a.destination_country, "
        "'education', a.education, 'full_name', a.full_name, 'job_title', a.job_title, "
        "'kk', a.kk, 'marital_status', a.marital_status, 'nik', a.nik, 'phone', a.phone, "
        "'planned_departure', a.planned_departure, 'sector', a.sector, 'sex', a.sex, "
        "'tracking_code', a.tracking_code)"
    )
    return f"""
WITH {_STEPS_CTE}
INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, counter_id)
SELECT at, actor, action, 'applicant', entity_id, before, after, counter_id FROM (
  SELECT {at} AS at, s.actor AS actor,
         CASE s.k WHEN 0 THEN 'applicant.register' WHEN 4 THEN 'applicant.remote_status'
              ELSE 'applicant.state' END AS action,
         {CHAIN} AS entity_id,
         CASE WHEN s.k > 0 THEN json_object('state', s.from_state) END AS before,
         CASE s.k WHEN 0 THEN {register_after}
              WHEN 4 THEN json_object('reason', NULL, 'remote_status', 'issued',
                                      'state', s.to_state)
              ELSE json_object('note', CASE WHEN s.k = 9 THEN a.cancelled_reason ELSE s.note END,
                               'state', s.to_state) END AS after,
         CASE WHEN s.k = 4 THEN NULL ELSE a.counter_id END AS counter_id
  FROM applicant a LEFT JOIN agency g ON g.id = a.agency_id JOIN steps s
    ON (s.k <= {_RANK} AND s.k < 9) OR (s.k = 9 AND a.state = 'cancelled')
  WHERE {_CHUNK}
  UNION ALL
  SELECT {update_at}, 'petugas1', 'applicant.update', {CHAIN},
         json_object('phone', '0800' || substr(a.nik, 9, 8)), json_object('phone', a.phone),
         a.counter_id
  FROM applicant a WHERE {_CHUNK} AND {_CORRECTED}
) ORDER BY at"""


def settle_row(row: dict[str, Any], index: int, count: int, pending: int) -> None:
    """Make a seeded applicant row agree with its history: the registry id and the passport
    application number its receipts carried, none for the newest `pending` (not delivered yet)."""
    waiting = index >= count - pending
    row["registry_id"] = None if waiting else f"REG-{index + 1:08d}"
    row["passport_application_no"] = (
        f"PAS-{index + 1:08d}" if not waiting and row["state"] in PASSPORT_STATES else None
    )


def seed_history(
    database: Any, *, today: str, chunk: int = 20_000, progress: Any = None
) -> dict[str, int]:
    """Write the history of every applicant already in the register; returns rows per table.

    `today` is the suite's fixed today (``YYYY-MM-DD``): the steps of a case end before it.
    """
    from sqlalchemy import text

    from ltsa_desk.store.engine import CACHE_KIB

    if database.engine.dialect.name != "sqlite":
        raise NotImplementedError("the history register is built on SQLite")
    statements = [text(_outbox_sql(today)), text(_case_event_sql(today)), text(_audit_sql(today))]
    with database.writer.connect() as connection:
        last = connection.execute(text("SELECT max(rowid) FROM applicant")).scalar() or 0
    started = time.perf_counter()
    try:
        for lo in range(1, last + 1, chunk):
            with database.writer.begin() as connection:
                # The indexes of key, chain and entity id take rows in random order: with the
                # pages of a million-row index in the cache, no insert waits for a page read.
                connection.exec_driver_sql(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
                for statement in statements:
                    connection.execute(statement, {"lo": lo, "hi": lo + chunk})
            if progress:
                progress(min(lo + chunk - 1, last), last, time.perf_counter() - started)
    finally:
        with database.writer.connect() as connection:
            connection.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
    with database.writer.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
            for table in ("outbox_item", "case_event", "audit_log")
        }


def counts_agree(database: Any) -> dict[tuple[str, str], tuple[int, int]]:
    """The outbox counts kept by triggers against a COUNT(*) of the table: the disagreements
    ``{(destination, state): (kept, counted)}`` (empty when the counts are right)."""
    from sqlalchemy import text

    with database.writer.connect() as connection:
        kept = {
            (d, s): int(n)
            for d, s, n in connection.execute(
                text("SELECT destination, state, n FROM outbox_count")
            )
        }
        counted = {
            (d, s): int(n)
            for d, s, n in connection.execute(
                text(
                    "SELECT destination, state, count(*) FROM outbox_item "
                    "GROUP BY destination, state"
                )
            )
        }
    return {
        key: (kept.get(key, 0), counted.get(key, 0))
        for key in set(kept) | set(counted)
        if kept.get(key, 0) != counted.get(key, 0)
    }
