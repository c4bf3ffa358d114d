"""``sync``: what reached the registry and immigration in the period, how long it took from the
moment the submission was made at the counter (the item's ``created_at``, i.e. the registration or
request itself) to its delivery, and what still needs the officer.

Delivery times are given as median, p90 (nearest rank: a time some submission really took) and
maximum per destination; the detail lists every delivered submission. Items needing attention are
listed as they stand when the report is made, whatever their age: they are the work to do now.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ltsa_desk.services.letters import SUBMISSION_KIND_LABELS_ID
from ltsa_desk.services.reports.base import (
    ChartSpec,
    Column,
    DetailSection,
    KindContext,
    ReportPlan,
    Summary,
    SummaryTable,
    duration_words,
    hours_between,
    median,
    percentile,
    thousands_id,
    to_local_naive,
)
from ltsa_desk.services.reports.common import applicants_by_id, database_counters
from ltsa_desk.services.reports.shapes import (
    batched,
    count_where,
    destination_label,
    destinations_seen,
    in_period,
    local_month,
    per_month_by_destination,
)
from sync.destinations.contract import reason_in_indonesian
from sync.models import ItemState, OutboxItem

KIND = "sync"
BATCH = 1000

ITEM = OutboxItem.__table__  # type: ignore[attr-defined]

DELIVERED_COLUMNS = [
    Column("Kiriman", "text", 38, wrap=False),
    Column("Tujuan", "text", 16),
    Column("Jenis kiriman", "text", 22),
    Column("Kode pelacakan", "text", 24, wrap=False),
    Column("Nama CPMI", "text", 28),
    Column("Dibuat", "datetime", 17),
    Column("Terkirim", "datetime", 17),
    Column("Lama (jam)", "number", 11),
    Column("Percobaan", "int", 10),
]
ATTENTION_COLUMNS = [
    Column("Kiriman", "text", 38, wrap=False),
    Column("Tujuan", "text", 16),
    Column("Jenis kiriman", "text", 22),
    Column("Kode pelacakan", "text", 24, wrap=False),
    Column("Nama CPMI", "text", 28),
    Column("Dibuat", "datetime", 17),
    Column("Menunggu (hari)", "number", 12),
    Column("Alasan", "text", 60),
]


def _kind_label(kind: str) -> str:
    return SUBMISSION_KIND_LABELS_ID.get(kind, kind)


def plan(session: Session, context: KindContext) -> ReportPlan:
    delivered_where = (ITEM.c.state == ItemState.DELIVERED.value) & in_period(
        ITEM.c.delivered_at, context
    )
    attention_where = ITEM.c.state == ItemState.NEEDS_ATTENTION.value
    delivered_total = count_where(session, ITEM, delivered_where)
    attention_total = count_where(session, ITEM, attention_where)
    tally = _Tally(destinations_seen(session, ITEM.c.destination))
    zone = context.zone

    def delivered_rows() -> Iterator[tuple[Any, ...]]:
        statement = (
            select(
                ITEM.c.key,
                ITEM.c.destination,
                ITEM.c.kind,
                ITEM.c.chain,
                ITEM.c.created_at,
                ITEM.c.delivered_at,
                ITEM.c.attempts,
            )
            .where(delivered_where)
            .order_by(ITEM.c.delivered_at, ITEM.c.seq)
            .execution_options(yield_per=BATCH)
        )
        for batch in batched(session.execute(statement), BATCH):
            people = applicants_by_id(session, {row[3] for row in batch})
            for key, destination, kind, chain, created, delivered, attempts in batch:
                hours = max(0.0, hours_between(created, delivered))
                local, month = local_month(delivered, zone)
                tally.add_delivery(destination, month, hours)
                person = people.get(chain)
                yield (
                    key,
                    destination_label(destination),
                    _kind_label(kind),
                    person.tracking_code if person else "",
                    person.full_name if person else "",
                    to_local_naive(created, zone),
                    local,
                    hours,
                    attempts,
                )

    def attention_rows() -> Iterator[tuple[Any, ...]]:
        statement = (
            select(
                ITEM.c.key,
                ITEM.c.destination,
                ITEM.c.kind,
                ITEM.c.chain,
                ITEM.c.created_at,
                ITEM.c.last_error,
            )
            .where(attention_where)
            .order_by(ITEM.c.created_at, ITEM.c.seq)
            .execution_options(yield_per=BATCH)
        )
        rows = [tuple(row) for row in session.execute(statement)]
        people = applicants_by_id(session, {row[3] for row in rows})
        for key, destination, kind, chain, created, reason in rows:
            tally.add_attention(destination)
            person = people.get(chain)
            yield (
                key,
                destination_label(destination),
                _kind_label(kind),
                person.tracking_code if person else "",
                person.full_name if person else "",
                to_local_naive(created, zone),
                max(0.0, hours_between(created, context.now) / 24),
                # The destinations answer in English; the admin reads Indonesian.
                reason_in_indonesian((reason or "").strip()) or "(tanpa alasan dari server tujuan)",
            )

    sections = [
        DetailSection(
            "delivered",
            "Terkirim",
            DELIVERED_COLUMNS,
            delivered_total,
            delivered_rows,
            "Tidak ada kiriman yang terkirim pada periode ini.",
        ),
        DetailSection(
            "attention",
            "Perlu tindakan",
            ATTENTION_COLUMNS,
            attention_total,
            attention_rows,
            "Tidak ada kiriman yang perlu tindakan.",
        ),
    ]
    notes = []
    if not delivered_total:
        notes.append("Tidak ada kiriman yang terkirim pada periode ini.")
    return ReportPlan(
        kind=KIND,
        counters=database_counters(session, context.own_counter),
        sections=sections,
        summarize=lambda: tally.summary(context),
        notes=notes,
    )


class _Tally:
    def __init__(self, destinations: list[str]) -> None:
        self.destinations = destinations
        self.hours: dict[str, list[float]] = {d: [] for d in destinations}
        self.months: Counter[tuple[tuple[int, int], str]] = Counter()
        self.attention: Counter[str] = Counter()

    def add_delivery(self, destination: str, month: tuple[int, int], hours: float) -> None:
        self.hours.setdefault(destination, []).append(hours)
        if destination not in self.destinations:
            self.destinations.append(destination)
        self.months[(month, destination)] += 1

    def add_attention(self, destination: str) -> None:
        self.attention[destination] += 1
        if destination not in self.destinations:
            self.destinations.append(destination)

    def summary(self, context: KindContext) -> Summary:
        delivered = sum(len(values) for values in self.hours.values())
        waiting = sum(self.attention.values())
        notes: list[str] = []
        if not delivered and not waiting:
            return Summary(notes=["Tidak ada kiriman yang terkirim pada periode ini."])
        per_destination = []
        for destination in self.destinations:
            values = sorted(self.hours.get(destination, []))
            label = destination_label(destination)
            if values:
                row = (
                    label,
                    len(values),
                    median(values),
                    percentile(values, 0.9),
                    values[-1],
                    self.attention.get(destination, 0),
                )
                notes.append(
                    f"{label}: {thousands_id(len(values))} kiriman terkirim; separuhnya sampai "
                    f"dalam {duration_words(row[2])}, 90% dalam {duration_words(row[3])}, "
                    f"paling lama {duration_words(row[4])}."
                )
            else:
                row = (label, 0, None, None, None, self.attention.get(destination, 0))
            per_destination.append(row)
        if waiting:
            notes.append(
                f"Kiriman yang perlu tindakan saat laporan dibuat: {thousands_id(waiting)}."
            )
        hours = Column("", "number", 12)
        tables = [
            SummaryTable(
                "per_destination",
                "Kiriman terkirim per tujuan",
                [
                    Column("Tujuan", "text", 18),
                    Column("Terkirim", "int", 10),
                    Column("Median (jam)", hours.kind, hours.width),
                    Column("P90 (jam)", hours.kind, hours.width),
                    Column("Maks (jam)", hours.kind, hours.width),
                    Column("Perlu tindakan", "int", 12),
                ],
                per_destination,
                ChartSpec("column", "Kiriman terkirim per tujuan", ranked=False),
            ),
            SummaryTable(
                "times",
                "Lama dari pendaftaran sampai terkirim (jam)",
                [
                    Column("Tujuan", "text", 18),
                    Column("Median (jam)", "number", 12),
                    Column("P90 (jam)", "number", 12),
                    Column("Maks (jam)", "number", 12),
                ],
                [(row[0], row[2], row[3], row[4]) for row in per_destination if row[1]],
                ChartSpec(
                    "bar",
                    "Lama sampai terkirim (jam)",
                    value_columns=(1, 2, 3),
                    ranked=False,
                ),
            ),
            per_month_by_destination(
                "Kiriman terkirim per bulan", "int", self.destinations, self.months, context, 0
            ),
        ]
        return Summary(tables=tables, notes=notes)
