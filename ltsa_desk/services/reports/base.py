"""The shape every report shares: a period, a heading, summary tables (with the chart each one
feeds) and detail sections whose rows are streamed, never held in memory.

A report kind (``placements``, ``documents``, ``sync``, ``outages``) turns a period into a
:class:`ReportPlan`. The writers (XLSX, CSV, PDF) only know this shape, so a new kind needs no new
writer and every format shows the same numbers. Summaries are computed while the detail rows
stream past (one pass over the data), which is why :meth:`ReportPlan.summarize` may only be called
after every section's rows have been read.

No Qt and no file access here: the kinds query through the caller's session, the writers write.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Final, Literal

from ltsa_desk.services.letters import MONTHS_ID, format_date_id, format_datetime_id

REPORT_KINDS: Final[tuple[str, ...]] = ("placements", "documents", "sync", "outages")
FORMATS: Final[tuple[str, ...]] = ("xlsx", "csv", "pdf")
CSV_DELIMITERS: Final[tuple[str, ...]] = (",", ";")
#: Detail rows printed per table in a PDF; the XLSX has them all.
PDF_DETAIL_LIMIT: Final = 1000

KIND_TITLES_ID: Final[dict[str, str]] = {
    "placements": "Laporan Pendaftaran dan Penempatan CPMI",
    "documents": "Laporan Surat dan Dokumen",
    "sync": "Laporan Pengiriman Data (Sinkronisasi)",
    "outages": "Laporan Gangguan Jaringan (Offline)",
}

#: What a missing value is called in every table and chart, so a blank is never mistaken for zero.
NOT_FILLED: Final = "(tidak diisi)"

ColumnKind = Literal["text", "int", "number", "date", "datetime"]
ChartKind = Literal["bar", "column", "pie"]


class ReportInputError(ValueError):
    """Bad report input (a date, a kind, a format). ``field`` names the option or form field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


class ReportCancelled(Exception):
    """The officer pressed Batal: the half-written file is removed and nothing is recorded."""


# --------------------------------------------------------------------------- period


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$")


def parse_report_date(text: str, option: str) -> date:
    """``YYYY-MM-DD`` or ``DD-MM-YYYY`` (``/`` also accepted): the two ways an admin writes a day.

    Anything else is refused naming ``option`` (``--from``), never guessed: a report over the
    wrong month is worse than a question.
    """
    value = (text or "").strip()
    match = _ISO.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DMY.match(value)
        if not match:
            raise ReportInputError(
                option,
                f"{option}: tanggal tidak dikenali: {value!r} "
                "(tulis YYYY-MM-DD atau DD-MM-YYYY, misalnya 2026-05-31 atau 31-05-2026)",
            )
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ReportInputError(
            option, f"{option}: tanggal tidak ada di kalender: {value!r}"
        ) from None


def local_timezone() -> tzinfo:
    """The counter's own time zone: an admin's "May" is May in WITA (or WIB), not in UTC."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


FIRST_REPORT_DAY = date(2000, 1, 1)
LAST_REPORT_DAY = date(2099, 12, 31)


@dataclass(frozen=True)
class Period:
    """Both ends inclusive, as calendar days of the counter's time zone."""

    start: date
    end: date

    @classmethod
    def parse(cls, from_text: str, to_text: str) -> Period:
        start = parse_report_date(from_text, "--from")
        end = parse_report_date(to_text, "--to")
        return cls.checked(start, end)

    @classmethod
    def checked(cls, start: date, end: date) -> Period:
        # Outside these days a report is a typing slip, and 0001-01-01 or 9999-12-31 overflow
        # the time-zone arithmetic of bounds() (a traceback instead of one line).
        for option, day in (("--from", start), ("--to", end)):
            if not FIRST_REPORT_DAY <= day <= LAST_REPORT_DAY:
                raise ReportInputError(
                    option,
                    f"{option} ({format_date_id(day)}) di luar rentang laporan: tanggal harus "
                    f"antara {format_date_id(FIRST_REPORT_DAY)} dan "
                    f"{format_date_id(LAST_REPORT_DAY)}",
                )
        if end < start:
            raise ReportInputError(
                "--to",
                f"--to ({format_date_id(end)}) lebih awal dari --from ({format_date_id(start)})",
            )
        return cls(start, end)

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """UTC ``[start, end)`` for queries: local midnight of the first day to the one after."""
        first = datetime.combine(self.start, datetime.min.time(), zone)
        after = datetime.combine(self.end + timedelta(days=1), datetime.min.time(), zone)
        return first.astimezone(UTC), after.astimezone(UTC)

    @property
    def label(self) -> str:
        return f"{format_date_id(self.start)} s.d. {format_date_id(self.end)}"

    def months(self) -> list[tuple[int, int]]:
        """Every (year, month) the period touches, in order, so empty months still show."""
        months: list[tuple[int, int]] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def month_label(year: int, month: int) -> str:
    """``Mei 2026``."""
    return f"{MONTHS_ID[month - 1]} {year}"


def to_local_naive(moment: datetime | None, zone: tzinfo) -> datetime | None:
    """A stored UTC time as the wall-clock time of the office (Excel has no time zones)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).replace(tzinfo=None)


def hours_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600.0


def duration_words(hours: float) -> str:
    """``2 hari 3 jam``, ``45 menit``: a duration a head of office reads without a calculator."""
    minutes = max(0, round(hours * 60))
    days, rest = divmod(minutes, 24 * 60)
    whole_hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari")
    if whole_hours:
        parts.append(f"{whole_hours} jam")
    if mins and not days:
        parts.append(f"{mins} menit")
    return " ".join(parts) or "0 menit"


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p90 of 10 values is the 9th): always a real observed value."""
    if not sorted_values:
        raise ValueError("no values")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def median(sorted_values: Sequence[float]) -> float:
    count = len(sorted_values)
    if not count:
        raise ValueError("no values")
    middle = count // 2
    if count % 2:
        return sorted_values[middle]
    return (sorted_values[middle - 1] + sorted_values[middle]) / 2


def decimal_id(value: float, places: int = 1) -> str:
    """``9,5``: Indonesian decimal comma, for sentences (tables keep real numbers)."""
    return f"{value:.{places}f}".replace(".", ",")


def thousands_id(value: int) -> str:
    """``100.000``: Indonesian thousands separator, for sentences."""
    return f"{value:,}".replace(",", ".")


# --------------------------------------------------------------------------- report shape


@dataclass(frozen=True)
class Column:
    """A table column: its heading, how its values are typed, and its width in characters.

    ``wrap=False`` keeps codes (tracking code, NIK, submission key) on one line in the PDF: a NIK
    broken over two lines is easily misread. Dates and numbers never wrap.
    """

    title: str
    kind: ColumnKind = "text"
    width: int = 14
    wrap: bool = True

    @property
    def wraps(self) -> bool:
        return self.wrap and self.kind == "text"


@dataclass(frozen=True)
class ChartSpec:
    """A chart drawn from a summary table: categories from one column, a series per value column.

    ``max_points`` keeps a chart readable (the table still lists everything); the writers chart the
    first rows, so tables that are charted this way are sorted largest first.
    """

    kind: ChartKind
    title: str
    category_column: int = 0
    value_columns: tuple[int, ...] = (1,)
    max_points: int = 12
    ranked: bool = True


@dataclass
class SummaryTable:
    key: str
    title: str
    columns: list[Column]
    rows: list[tuple[Any, ...]]
    chart: ChartSpec | None = None

    def chart_rows(self) -> list[tuple[Any, ...]]:
        if self.chart is None:
            return []
        return self.rows[: self.chart.max_points]

    def chart_title(self) -> str:
        if self.chart is None:
            return ""
        if len(self.rows) > self.chart.max_points:
            which = "terbanyak" if self.chart.ranked else "pertama"
            return f"{self.chart.title} ({self.chart.max_points} {which})"
        return self.chart.title


@dataclass
class Summary:
    tables: list[SummaryTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class DetailSection:
    """A table of detail rows. ``rows`` streams from the database; call it once."""

    key: str
    title: str
    columns: list[Column]
    total: int
    rows: Callable[[], Iterator[tuple[Any, ...]]]
    empty_note: str = "Tidak ada data pada periode ini."


@dataclass
class Heading:
    """What the first lines of every report say: which office, which desks, when, made by whom."""

    title: str
    kind: str
    office: str
    counters: list[str]
    period: Period
    generated_at: datetime
    generated_by: str
    training: bool = False

    @property
    def counters_label(self) -> str:
        return ", ".join(self.counters) if self.counters else "-"

    def lines(self) -> list[tuple[str, str]]:
        return [
            ("Kantor", self.office),
            ("Loket", self.counters_label),
            ("Periode", self.period.label),
            ("Dibuat", format_datetime_id(self.generated_at)),
            ("Dibuat oleh", self.generated_by),
        ]


@dataclass
class ReportPlan:
    """What a kind hands the writers: counters and notes known up front, rows streamed, summary
    computed from what streamed past."""

    kind: str
    counters: list[str]
    sections: list[DetailSection]
    summarize: Callable[[], Summary]
    notes: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(section.total for section in self.sections)


@dataclass(frozen=True)
class KindContext:
    """What a kind needs besides the session: the time zone and the moment the report is made."""

    period: Period
    zone: tzinfo
    now: datetime
    own_counter: str

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return self.period.bounds(self.zone)


def label_or_missing(labels: dict[Any, str], value: str | None) -> str:
    if value is None or value == "":
        return NOT_FILLED
    return labels.get(value, value)


def counted_desc(counts: dict[Any, int]) -> list[tuple[Any, int]]:
    """Largest first, then by label: the order a reader scans and a capped chart keeps."""
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
