"""``outages``: each offline period of each destination, the days offline per month, and the
largest backlog with the age of its oldest submission: what a dead line did to the CPMI.

The engine logs an outage when a destination stops answering and closes it when it answers again
(``sync_outage``). The log keeps the backlog at the start; the backlog is largest at the end,
because nothing leaves while the line is down. So for each outage the waiting submissions are
counted as they stood when it ended (or now, for one still going on): made before that moment and
not yet delivered by then (superseded and withdrawn ones left out). The oldest of them says how long
a CPMI's data had been waiting.

Offline time per month is the outage time inside both that month and the period, in days, so a
month's figure never counts hours outside what the report covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlmodel import Session

from ltsa_desk.services.reports.base import (
    ChartSpec,
    Column,
    DetailSection,
    KindContext,
    ReportPlan,
    Summary,
    SummaryTable,
    decimal_id,
    duration_words,
    hours_between,
    thousands_id,
    to_local_naive,
)
from ltsa_desk.services.reports.common import database_counters
from ltsa_desk.services.reports.shapes import (
    count_where,
    destination_label,
    destinations_seen,
    per_month_by_destination,
)
from sync.models import ItemState, Outage, OutboxItem

KIND = "outages"
OUTAGE = Outage.__table__  # type: ignore[attr-defined]
ITEM = OutboxItem.__table__  # type: ignore[attr-defined]
NOT_WAITING = (ItemState.SUPERSEDED.value, ItemState.WITHDRAWN.value)

DETAIL_COLUMNS = [
    Column("Tujuan", "text", 16),
    Column("Mulai offline", "datetime", 17),
    Column("Online lagi", "datetime", 17),
    Column("Lama (jam)", "number", 11),
    Column("Lama", "text", 18),
    Column("Antrean saat mulai", "int", 12),
    Column("Antrean terbesar", "int", 12),
    Column("Kiriman tertua menunggu (hari)", "number", 14),
    Column("Keterangan", "text", 30),
    Column("Penyebab", "text", 40),
]


@dataclass
class _Outage:
    destination: str
    started: datetime
    ended: datetime | None
    reason: str
    backlog_at_start: int
    backlog_peak: int
    oldest_days: float | None

    def end_or(self, now: datetime) -> datetime:
        return self.ended if self.ended is not None else now


def plan(session: Session, context: KindContext) -> ReportPlan:
    start, end = context.bounds
    overlapping = (OUTAGE.c.started_at < end) & (
        OUTAGE.c.ended_at.is_(None) | (OUTAGE.c.ended_at >= start)
    )
    total = count_where(session, OUTAGE, overlapping)
    tally = _Tally(destinations_seen(session, OUTAGE.c.destination))
    zone = context.zone
    now = context.now

    def rows() -> Iterator[tuple[Any, ...]]:
        statement = (
            select(
                OUTAGE.c.destination,
                OUTAGE.c.started_at,
                OUTAGE.c.ended_at,
                OUTAGE.c.reason,
                OUTAGE.c.backlog_at_start,
            )
            .where(overlapping)
            .order_by(OUTAGE.c.started_at, OUTAGE.c.id)
        )
        found = [tuple(row) for row in session.execute(statement)]
        for destination, started, ended, reason, backlog in found:
            peak_at = ended if ended is not None else now
            count, oldest = _waiting_at(session, destination, peak_at)
            outage = _Outage(
                destination=destination,
                started=started,
                ended=ended,
                reason=(reason or "").strip(),
                backlog_at_start=int(backlog or 0),
                backlog_peak=max(int(backlog or 0), count),
                oldest_days=(
                    max(0.0, hours_between(oldest, peak_at) / 24) if oldest is not None else None
                ),
            )
            tally.add(outage, context)
            hours = max(0.0, hours_between(started, outage.end_or(now)))
            yield (
                destination_label(destination),
                to_local_naive(started, zone),
                to_local_naive(ended, zone),
                hours,
                duration_words(hours),
                outage.backlog_at_start,
                outage.backlog_peak,
                outage.oldest_days,
                "Masih offline saat laporan dibuat" if ended is None else "",
                outage.reason,
            )

    section = DetailSection(
        "outages",
        "Gangguan",
        DETAIL_COLUMNS,
        total,
        rows,
        "Tidak ada gangguan jaringan pada periode ini.",
    )
    notes = [] if total else ["Tidak ada gangguan jaringan pada periode ini: semua tujuan online."]
    return ReportPlan(
        kind=KIND,
        counters=database_counters(session, context.own_counter),
        sections=[section],
        summarize=lambda: tally.summary(context),
        notes=notes,
    )


def _waiting_at(
    session: Session, destination: str, moment: datetime
) -> tuple[int, datetime | None]:
    """Submissions to ``destination`` made by ``moment`` and not delivered by then."""
    statement = select(func.count(), func.min(ITEM.c.created_at)).where(
        ITEM.c.destination == destination,
        ITEM.c.created_at <= moment,
        ITEM.c.state.not_in(NOT_WAITING),
        or_(ITEM.c.delivered_at.is_(None), ITEM.c.delivered_at > moment),
    )
    count, oldest = session.execute(statement).one()
    return int(count or 0), oldest


def _month_start(year: int, month: int, context: KindContext) -> datetime:
    return datetime(year, month, 1, tzinfo=context.zone)


def _month_windows(context: KindContext) -> list[tuple[tuple[int, int], datetime, datetime]]:
    """Each month of the period as a UTC window clipped to the period."""
    start, end = context.bounds
    windows = []
    for year, month in context.period.months():
        first = _month_start(year, month, context)
        following = (
            _month_start(year + 1, 1, context)
            if month == 12
            else _month_start(year, month + 1, context)
        )
        windows.append(((year, month), max(first, start), min(following, end)))
    return windows


def _overlap_days(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> float:
    seconds = (min(a1, b1) - max(a0, b0)).total_seconds()
    return max(0.0, seconds) / 86400.0


class _Tally:
    def __init__(self, destinations: list[str]) -> None:
        self.destinations = destinations
        self.outages: dict[str, list[_Outage]] = defaultdict(list)
        self.month_days: dict[tuple[tuple[int, int], str], float] = defaultdict(float)
        self.period_days: dict[str, float] = defaultdict(float)

    def add(self, outage: _Outage, context: KindContext) -> None:
        if outage.destination not in self.destinations:
            self.destinations.append(outage.destination)
        self.outages[outage.destination].append(outage)
        finish = outage.end_or(context.now)
        start, end = context.bounds
        self.period_days[outage.destination] += _overlap_days(outage.started, finish, start, end)
        for month, window_start, window_end in _month_windows(context):
            self.month_days[(month, outage.destination)] += _overlap_days(
                outage.started, finish, window_start, window_end
            )

    def summary(self, context: KindContext) -> Summary:
        if not any(self.outages.values()):
            return Summary(
                notes=["Tidak ada gangguan jaringan pada periode ini: semua tujuan online."]
            )
        per_destination = []
        notes = []
        for destination in self.destinations:
            outages = self.outages.get(destination, [])
            label = destination_label(destination)
            if not outages:
                per_destination.append((label, 0, 0.0, 0.0, 0, None))
                notes.append(f"{label}: tidak pernah offline pada periode ini.")
                continue
            longest = max(hours_between(o.started, o.end_or(context.now)) for o in outages)
            worst = max(outages, key=lambda o: (o.backlog_peak, o.oldest_days or 0.0))
            days = self.period_days[destination]
            per_destination.append(
                (label, len(outages), days, longest, worst.backlog_peak, worst.oldest_days)
            )
            sentence = (
                f"{label}: offline {len(outages)} kali, total {decimal_id(days)} hari pada periode "
                f"ini (terlama {duration_words(longest)})"
            )
            if worst.backlog_peak:
                sentence += f"; antrean terbesar {thousands_id(worst.backlog_peak)} kiriman"
                if worst.oldest_days is not None:
                    sentence += f", yang tertua sudah menunggu {decimal_id(worst.oldest_days)} hari"
            notes.append(sentence + ".")
        tables = [
            SummaryTable(
                "per_destination",
                "Gangguan per tujuan",
                [
                    Column("Tujuan", "text", 18),
                    Column("Jumlah gangguan", "int", 12),
                    Column("Hari offline", "number", 12),
                    Column("Gangguan terlama (jam)", "number", 14),
                    Column("Antrean terbesar", "int", 12),
                    Column("Kiriman tertua menunggu (hari)", "number", 14),
                ],
                per_destination,
                ChartSpec(
                    "column", "Antrean terbesar per tujuan", value_columns=(4,), ranked=False
                ),
            ),
            per_month_by_destination(
                "Hari offline per bulan", "number", self.destinations, self.month_days, context, 0.0
            ),
        ]
        return Summary(tables=tables, notes=notes)
