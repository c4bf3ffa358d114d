"""CSV: UTF-8 with a byte-order mark (Excel on Windows otherwise reads names as ANSI and breaks
every "é"), ``,`` by default and ``;`` for an Indonesian-locale Excel, whose list separator is
``;``.

With ``;`` decimals are written with a comma (``9,5``), because that same Excel reads ``9.5`` as
text. Dates are ISO (``2026-05-31``, ``2026-05-31 14:05:00``), which Excel reads as dates in any
locale. The file starts with the heading lines (office, desks, period, made when and by whom),
then each detail table under its title, then the summary tables.

Every cell goes through :func:`~ltsa_desk.services.csv_cells.safe_cell`: a CPMI or P3MI named
``=HYPERLINK(...)`` is written as ``'=HYPERLINK(...)``, so the spreadsheet shows it and never
runs it; numbers and phone numbers stay as they are.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from ltsa_desk.services.csv_cells import safe_row
from ltsa_desk.services.reports.base import (
    Column,
    DetailSection,
    Heading,
    ReportPlan,
    Summary,
)


class CsvReportWriter:
    def __init__(self, path: Path, delimiter: str = ",") -> None:
        self.path = path
        self.delimiter = delimiter
        self.decimal_comma = delimiter == ";"
        self._file: TextIO = path.open("w", encoding="utf-8-sig", newline="")
        self._csv = _SafeWriter(csv.writer(self._file, delimiter=delimiter, lineterminator="\r\n"))
        self._formatters: list[Any] = []

    def begin(self, heading: Heading, plan: ReportPlan) -> None:
        title = heading.title + (" - MODE LATIHAN" if heading.training else "")
        self._csv.writerow(["Laporan", title])
        for label, value in heading.lines():
            self._csv.writerow([label, value])
        for note in plan.notes:
            self._csv.writerow(["Catatan", note])
        self._csv.writerow([])

    def begin_section(self, section: DetailSection) -> None:
        self._csv.writerow([section.title])
        self._csv.writerow([column.title for column in section.columns])
        self._formatters = [self._formatter(column) for column in section.columns]

    def write_row(self, row: tuple[Any, ...]) -> None:
        self._csv.writerow([fmt(value) for fmt, value in zip(self._formatters, row, strict=True)])

    def end_section(self, section: DetailSection, written: int) -> None:
        if not written:
            self._csv.writerow([section.empty_note])
        self._csv.writerow([])

    def finish(self, summary: Summary) -> None:
        self._csv.writerow(["Ringkasan"])
        for note in summary.notes:
            self._csv.writerow([note])
        self._csv.writerow([])
        for table in summary.tables:
            self._csv.writerow([table.title])
            self._csv.writerow([column.title for column in table.columns])
            formatters = [self._formatter(column) for column in table.columns]
            for row in table.rows:
                self._csv.writerow([fmt(v) for fmt, v in zip(formatters, row, strict=True)])
            self._csv.writerow([])
        self._file.close()

    def abort(self) -> None:
        self._file.close()

    def _formatter(self, column: Column) -> Any:
        if column.kind == "number":
            return self._number
        if column.kind == "int":
            return _plain
        if column.kind == "date":
            return _date
        if column.kind == "datetime":
            return _datetime
        return _plain

    def _number(self, value: Any) -> str:
        if value is None:
            return ""
        text = f"{float(value):.2f}"
        return text.replace(".", ",") if self.decimal_comma else text


class _SafeWriter:
    """``csv.writer`` with every row's cells made safe from formula injection, so no line of
    the report (heading, details, summary tables) can forget it."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Any) -> None:
        self._writer.writerow(safe_row(row))


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, date) else str(value)


def _datetime(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return _date(value)
