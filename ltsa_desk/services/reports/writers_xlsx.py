"""XLSX: the workbook and its native Excel charts made by xlsxwriter, the detail rows streamed as
sheet XML straight to disk, so 100,000 CPMI stay within a few tens of MB and a few seconds.

The first sheet, ``Ringkasan``, holds the heading, the summary tables and a native Excel chart
beside each table (the chart reads the table's cells, so an admin can restyle or copy it in
Excel). Every label and count is a value, never a formula: the file must show the same numbers
when opened by a viewer that does not calculate. Each detail table gets its own sheet with a bold
header row, a filter on every column, the header frozen, and real Excel dates.

Why two writers: xlsxwriter's per-cell API costs about 7 microseconds a cell, which made 100,000
CPMI (1.5 million cells) take 10 s on its own. So xlsxwriter writes the whole workbook with each
detail sheet as a skeleton (header, widths, frozen pane, filter range, and one blank cell per
number format, which gives those formats their style ids); the rows themselves are written as
``<row>`` XML into a temporary file while they stream past (inline strings, dates as Excel serial
numbers with the skeleton's date styles). At the end the package is copied into the final file
with each skeleton's ``<sheetData>`` replaced by the streamed rows. Everything else -- styles,
charts, filters, defined names -- is xlsxwriter's own output, untouched.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ltsa_desk.services.reports.base import (
    Column,
    DetailSection,
    Heading,
    ReportPlan,
    Summary,
    SummaryTable,
)

SUMMARY_SHEET = "Ringkasan"
CHART_COLUMN = 7  # column H: right of the widest summary table
CHART_WIDTH = 620
CHART_HEIGHT = 320
CHART_ROWS = 17  # rows a chart covers at the default row height (20 px)
PALETTE = ("#1F5F8B", "#E08E0B", "#4A8F3C", "#8E44AD", "#C0392B", "#16A085", "#7F8C8D")
EXCEL_EPOCH = datetime(1899, 12, 30)
ROWS_BUFFER = 1 << 20

_XML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_DATA = re.compile(rb"<sheetData>(.*?)</sheetData>|<sheetData/>", re.DOTALL)
_HEADER_ROW = re.compile(rb'<row r="1"[ >].*?</row>', re.DOTALL)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')


def sheet_name(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of ``[]:*?/\\``, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "-", title).strip("'")[:31] or "Data"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" {number}"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(name.lower())
    return name


def _xml_text(value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _XML_CONTROL.search(text):
        text = _XML_CONTROL.sub("", text)
    return text


def excel_serial(value: date | datetime) -> float:
    """Excel's day number (1900 date system): how a real date is stored in a cell."""
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - EXCEL_EPOCH
        return delta.days + delta.seconds / 86400  # whole seconds: Excel shows minutes anyway
    return float((value - EXCEL_EPOCH.date()).days)


#: Stand-ins for the style ids of the date, date-time and number formats, which xlsxwriter gives
#: out only when the workbook is closed; replaced block by block when the file is assembled.
_STYLE_TOKENS = {"date": "\x01D", "datetime": "\x01T", "number": "\x01N"}


class _StreamedSheet:
    """One detail sheet: its skeleton in the workbook and its rows in a temporary file."""

    def __init__(self, sheet: Worksheet, section: DetailSection, folder: Path) -> None:
        self.sheet = sheet
        self.section = section
        # Lives as long as the export (closed by close()); unlinked at once where the OS allows.
        self.file: IO[bytes] = tempfile.TemporaryFile(dir=folder, prefix=".ltsa-rows-")  # noqa: SIM115
        self.blocks: list[int] = []
        self.buffer: list[tuple[Any, ...]] = []
        self.rows = 0
        self.letters = [xl_col_to_name(i) for i in range(len(section.columns))]
        self.cells = [self._cell_maker(column) for column in section.columns]

    @staticmethod
    def _cell_maker(column: Column) -> Callable[[str, Any], str]:
        if column.kind in _STYLE_TOKENS:
            style = _STYLE_TOKENS[column.kind]
            if column.kind == "number":
                return lambda ref, v: f'<c r="{ref}" s="{style}"><v>{float(v)!r}</v></c>'
            return lambda ref, v: f'<c r="{ref}" s="{style}"><v>{excel_serial(v)!r}</v></c>'
        if column.kind == "int":
            return lambda ref, v: f'<c r="{ref}"><v>{int(v)}</v></c>'

        # Text stays text (inline string): a NIK stored as a number would lose its last digits.
        def text(ref: str, value: Any) -> str:
            shown = _xml_text(value)
            space = ' xml:space="preserve"' if shown[:1].isspace() or shown[-1:].isspace() else ""
            return f'<c r="{ref}" t="inlineStr"><is><t{space}>{shown}</t></is></c>'

        return text

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows += 1
        self.buffer.append(row)
        if len(self.buffer) >= 2000:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as one block (blocks never split a token on reading back)."""
        if not self.buffer:
            return
        parts = []
        number = self.rows - len(self.buffer) + 2  # row 1 is the header
        letters, cells = self.letters, self.cells
        for row in self.buffer:
            n = str(number)
            parts.append(f'<row r="{n}">')
            for letter, make, value in zip(letters, cells, row, strict=True):
                if value is not None and value != "":
                    parts.append(make(letter + n, value))
            parts.append("</row>")
            number += 1
        block = "".join(parts).encode("utf-8")
        self.file.write(block)
        self.blocks.append(len(block))
        self.buffer = []

    def copy_rows(self, target: IO[bytes], styles: dict[bytes, bytes]) -> None:
        self.flush()
        self.file.seek(0)
        for size in self.blocks:
            block = self.file.read(size)
            for token, style in styles.items():
                block = block.replace(token, style)
            target.write(block)

    def close(self) -> None:
        self.file.close()


class XlsxReportWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.skeleton = path.with_name(path.name + ".skeleton")
        self.book: Workbook = xlsxwriter.Workbook(
            str(self.skeleton), {"strings_to_numbers": False, "constant_memory": False}
        )
        book = self.book
        self.f_title = book.add_format({"bold": True, "font_size": 14})
        self.f_label = book.add_format({"bold": True})
        self.f_section = book.add_format({"bold": True, "font_size": 12})
        self.f_header = book.add_format(
            {"bold": True, "bg_color": "#E8EEF4", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.f_date = book.add_format({"num_format": "dd-mm-yyyy"})
        self.f_datetime = book.add_format({"num_format": "dd-mm-yyyy hh:mm"})
        self.f_number = book.add_format({"num_format": "0.00"})
        self.f_int = book.add_format({"num_format": "0"})
        self.f_note = book.add_format({"italic": True})
        self._names: set[str] = set()
        self.summary: Worksheet = book.add_worksheet(sheet_name(SUMMARY_SHEET, self._names))
        self.heading: Heading | None = None
        self.plan: ReportPlan | None = None
        self.streams: list[_StreamedSheet] = []
        self.current: _StreamedSheet | None = None

    # -- detail ----------------------------------------------------------------------------------

    def begin(self, heading: Heading, plan: ReportPlan) -> None:
        self.heading = heading
        self.plan = plan
        self.book.set_properties(
            {
                "title": heading.title,
                "subject": heading.period.label,
                "author": heading.generated_by,
                "company": heading.office,
                "comments": "LTSA Desk",
            }
        )

    def begin_section(self, section: DetailSection) -> None:
        sheet = self.book.add_worksheet(sheet_name(section.title, self._names))
        for index, column in enumerate(section.columns):
            sheet.set_column(index, index, column.width)
        sheet.set_row(0, 30)
        formats = {"date": self.f_date, "datetime": self.f_datetime, "number": self.f_number}
        for index, column in enumerate(section.columns):
            sheet.write_string(0, index, column.title, self.f_header)
            if column.kind in formats:
                # Gives the format its style id; the skeleton's row 2 is dropped at assembly.
                sheet.write_blank(1, index, None, formats[column.kind])
        sheet.freeze_panes(1, 0)
        _page_setup(sheet, wide=sum(c.width for c in section.columns) > PORTRAIT_WIDTH)
        sheet.repeat_rows(0)  # the header row on every printed page
        self.current = _StreamedSheet(sheet, section, self.path.parent)
        self.streams.append(self.current)

    def write_row(self, row: tuple[Any, ...]) -> None:
        assert self.current is not None
        self.current.add(row)

    def end_section(self, section: DetailSection, written: int) -> None:
        assert self.current is not None
        self.current.sheet.autofilter(0, 0, max(written, 0), len(section.columns) - 1)
        self.current = None

    def _cell_writer(self, sheet: Worksheet, column: Column) -> Callable[[int, int, Any], Any]:
        if column.kind == "date":
            fmt = self.f_date
            return lambda r, c, v: sheet.write_datetime(r, c, v, fmt)
        if column.kind == "datetime":
            fmt = self.f_datetime
            return lambda r, c, v: sheet.write_datetime(r, c, v, fmt)
        if column.kind == "number":
            fmt = self.f_number
            return lambda r, c, v: sheet.write_number(r, c, v, fmt)
        if column.kind == "int":
            return sheet.write_number
        # Text stays text: a NIK written as a number would lose its last digits in Excel.
        return lambda r, c, v: sheet.write_string(r, c, str(v))

    # -- summary ---------------------------------------------------------------------------------

    def finish(self, summary: Summary) -> None:
        assert self.heading is not None and self.plan is not None
        heading, sheet = self.heading, self.summary
        # Each column as wide as the widest table needs it (a reasons column is not a count).
        widths = [30] + [14] * 6
        for table in summary.tables:
            for c, column in enumerate(table.columns[: len(widths)]):
                widths[c] = max(widths[c], min(column.width, 60))
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
        # Tables and their charts side by side: landscape, one page wide (LibreOffice printed
        # the summary on 38 pages with the charts cut).
        _page_setup(sheet, wide=True)
        title = heading.title + (" - MODE LATIHAN" if heading.training else "")
        sheet.write_string(0, 0, title, self.f_title)
        row = 1
        for label, value in heading.lines():
            sheet.write_string(row, 0, label, self.f_label)
            sheet.write_string(row, 1, value)
            row += 1
        row += 1
        for note in summary.notes or self.plan.notes:
            sheet.write_string(row, 0, note, self.f_note)
            row += 1
        details = [s.title for s in self.plan.sections]
        if details:
            sheet.write_string(
                row, 0, "Rincian ada di lembar: " + ", ".join(details) + ".", self.f_note
            )
            row += 1
        row += 1
        for index, table in enumerate(summary.tables):
            row = self._table(sheet, table, row, index) + 1
        self.book.close()
        try:
            self._assemble()
        finally:
            self._clean_up()

    def _assemble(self) -> None:
        """Copy the skeleton package into the final file, streaming each detail sheet's rows in.

        xlsxwriter names sheets ``sheet1.xml`` ... in the order they were added: the summary is
        sheet 1, the detail sections follow in order.
        """
        styles = {
            _STYLE_TOKENS[kind].encode(): str(fmt.xf_index).encode()
            for kind, fmt in (
                ("date", self.f_date),
                ("datetime", self.f_datetime),
                ("number", self.f_number),
            )
            if fmt.xf_index is not None
        }
        streamed = {f"xl/worksheets/sheet{n + 2}.xml": s for n, s in enumerate(self.streams)}
        with (
            zipfile.ZipFile(self.skeleton) as source,
            zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for info in source.infolist():
                stream = streamed.get(info.filename)
                if stream is None:
                    with source.open(info) as part, target.open(info.filename, "w") as out:
                        shutil.copyfileobj(part, out)
                    continue
                skeleton = source.read(info)
                data = _SHEET_DATA.search(skeleton)
                if data is None:
                    raise ValueError(f"{info.filename}: no sheetData in the skeleton")
                header = _HEADER_ROW.search(data.group(0))
                last = xl_col_to_name(len(stream.section.columns) - 1)
                head = _DIMENSION.sub(
                    f'<dimension ref="A1:{last}{stream.rows + 1}"/>'.encode(),
                    skeleton[: data.start()],
                    count=1,
                )
                with target.open(info.filename, "w", force_zip64=True) as out:
                    out.write(head)
                    out.write(b"<sheetData>")
                    if header is not None:
                        out.write(header.group(0))
                    stream.copy_rows(out, styles)
                    out.write(b"</sheetData>")
                    out.write(skeleton[data.end() :])

    def _clean_up(self) -> None:
        for stream in self.streams:
            stream.close()
        with contextlib.suppress(FileNotFoundError):
            self.skeleton.unlink()

    def _table(self, sheet: Worksheet, table: SummaryTable, row: int, index: int) -> int:
        start = row
        sheet.write_string(row, 0, table.title, self.f_section)
        row += 1
        for c, column in enumerate(table.columns):
            sheet.write_string(row, c, column.title, self.f_header)
        header = row
        row += 1
        writers = [self._cell_writer(sheet, column) for column in table.columns]
        for values in table.rows:
            for c, (write, value) in enumerate(zip(writers, values, strict=True)):
                if value is not None and value != "":
                    write(row, c, value)
            row += 1
        if table.chart is not None and table.rows and _has_values(table):
            self._chart(sheet, table, start, header, index)
            row = max(row, start + CHART_ROWS + 1)
        return row

    def _chart(
        self, sheet: Worksheet, table: SummaryTable, anchor: int, header: int, index: int
    ) -> None:
        spec = table.chart
        assert spec is not None
        first, last = header + 1, header + len(table.chart_rows())
        chart = self.book.add_chart({"type": spec.kind})
        assert chart is not None
        name = sheet.get_name()
        for n, column in enumerate(spec.value_columns):
            series: dict[str, Any] = {
                "name": [name, header, column],
                "categories": [name, first, spec.category_column, last, spec.category_column],
                "values": [name, first, column, last, column],
            }
            if spec.kind == "pie":
                series["data_labels"] = {"value": True, "percentage": True, "separator": "\n"}
                series["points"] = [
                    {"fill": {"color": PALETTE[i % len(PALETTE)]}}
                    for i in range(len(table.chart_rows()))
                ]
            else:
                series["fill"] = {"color": PALETTE[n % len(PALETTE)]}
                series["data_labels"] = {"value": True, "num_format": _label_format(table, column)}
                series["gap"] = 80
            chart.add_series(series)
        chart.set_title({"name": table.chart_title(), "name_font": {"size": 11, "bold": True}})
        chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
        multi = len(spec.value_columns) > 1
        chart.set_legend({"position": "bottom"} if multi or spec.kind == "pie" else {"none": True})
        # Bars start at 0: an axis starting at the smallest value (85) exaggerates differences.
        if spec.kind == "bar":
            chart.set_y_axis({"reverse": True})  # bar charts swap axes: this is the category axis
            chart.set_x_axis({"min": 0})
        elif spec.kind != "pie":
            chart.set_y_axis({"min": 0})
        sheet.insert_chart(anchor, CHART_COLUMN, chart, {"x_offset": 8, "y_offset": 4})

    def abort(self) -> None:
        # The file is removed anyway; the error that stopped the export is the one to report.
        with contextlib.suppress(Exception):
            self.book.close()
        self._clean_up()


PORTRAIT_WIDTH = 100
"""Total column width (characters) that still prints readably on portrait A4."""


def _page_setup(sheet: Worksheet, *, wide: bool) -> None:
    """A4, one page wide (as many pages down as needed), landscape when the table is wide."""
    sheet.set_paper(9)
    if wide:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)


def _has_values(table: SummaryTable) -> bool:
    spec = table.chart
    assert spec is not None
    return any((row[c] or 0) > 0 for row in table.chart_rows() for c in spec.value_columns)


def _label_format(table: SummaryTable, column: int) -> str:
    return "0.0" if table.columns[column].kind == "number" else "0"
