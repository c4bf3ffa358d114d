"""The shapes the four report kinds share: the period's filter, a section's count, rows in batches,
the month of a stored time, the per-month table, and the destinations of the sync engine.

Each kind used to write these again with its own table's names; written once, a change to how a
period is cut (the end is exclusive, at local midnight) or how months are listed (every month of
the period, empty ones too, in time order) holds for every report at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any, Literal

from sqlalchemy import ColumnElement, FromClause, func, select
from sqlmodel import Session

from ltsa_desk.services.letters import DESTINATION_LABELS_ID
from ltsa_desk.services.reports.base import (
    ChartSpec,
    Column,
    KindContext,
    Period,
    SummaryTable,
    month_label,
    to_local_naive,
)

#: The destinations every sync and outage report lists, in this order, even when silent.
KNOWN_DESTINATIONS = tuple(DESTINATION_LABELS_ID)

Month = tuple[int, int]


def in_period(column: ColumnElement[Any], context: KindContext) -> ColumnElement[bool]:
    """``start <= column < end``: the report's period on a stored (UTC) time column."""
    start, end = context.bounds
    return (column >= start) & (column < end)


def count_where(session: Session, table: FromClause, where: ColumnElement[bool]) -> int:
    """How many rows a section will have, counted before its rows stream to the writer."""
    return int(session.execute(select(func.count()).select_from(table).where(where)).scalar_one())


def batched(rows: Iterable[Any], size: int) -> Iterator[list[tuple[Any, ...]]]:
    """Rows in lists of at most ``size``, so each list's applicants are found in one query."""
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(tuple(row))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def local_month(moment: datetime, zone: tzinfo) -> tuple[datetime, Month]:
    """A stored time (never empty) as the office's wall-clock time, and the month it falls in."""
    local = to_local_naive(moment, zone)
    assert local is not None
    return local, (local.year, local.month)


def per_month_table(
    key: str,
    title: str,
    columns: Sequence[Column],
    values: Callable[[Month], Sequence[Any]],
    period: Period,
    *,
    charted: tuple[int, ...] | None = None,
) -> SummaryTable:
    """A month per row (every month of the period, empty ones too) and its column chart.

    ``columns`` are the value columns after "Bulan", ``values`` gives one month's values and
    ``charted`` says which value columns the chart draws (all of them unless given).
    """
    return SummaryTable(
        key,
        title,
        [Column("Bulan", "text", 18), *columns],
        [(month_label(*month), *values(month)) for month in period.months()],
        ChartSpec(
            "column",
            title,
            value_columns=charted or tuple(range(1, len(columns) + 1)),
            max_points=36,
            ranked=False,
        ),
    )


def destination_label(destination: str) -> str:
    return DESTINATION_LABELS_ID.get(destination, destination)


def destination_order(destination: str) -> tuple[int, str]:
    known = KNOWN_DESTINATIONS.index(destination) if destination in KNOWN_DESTINATIONS else 99
    return known, destination


def destinations_seen(session: Session, column: ColumnElement[Any]) -> list[str]:
    """The known destinations and any other the table names, known ones first."""
    found = set(KNOWN_DESTINATIONS) | set(session.execute(select(column).distinct()).scalars())
    return sorted(found, key=destination_order)


def per_month_by_destination(
    title: str,
    kind: Literal["int", "number"],
    destinations: list[str],
    values: Mapping[tuple[Month, str], Any],
    context: KindContext,
    missing: Any,
) -> SummaryTable:
    """A month per row and a destination per column: the sync and the outage reports both show
    one."""
    return per_month_table(
        "per_month",
        title,
        [Column(destination_label(d), kind, 14) for d in destinations],
        lambda month: [values.get((month, d), missing) for d in destinations],
        context.period,
    )
