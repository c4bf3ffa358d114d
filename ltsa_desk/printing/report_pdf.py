"""PDF: a printable A4 report made by Qt itself, with the charts painted by QPainter into images.
No other PDF or plotting library rides along.

The summary pages (heading, key sentences, summary tables, charts) are A4 portrait, laid out by a
QTextDocument from HTML. The detail pages are A4 landscape, because fifteen columns of CPMI data
do not fit across a portrait page, and are painted as a table directly with QPainter: a
QTextDocument table of 1,000 rows by 15 columns took some ten seconds to lay out and left the
column widths to chance, where the painted table is measured first (codes, dates and numbers on
one line, words wrapping) and cut into pages before the first one is drawn. At most the first
:data:`PDF_DETAIL_LIMIT` rows of each detail table are printed, with a sentence saying so and
pointing to the XLSX, so a year's report never turns into a thousand-page PDF (the rows still
stream past, for the counts). Every page carries a footer with the report, the period and
"Halaman i dari n"; in training mode, LATIHAN across every page.

Needs a QGuiApplication (fonts); it may run off the GUI thread, like the letters' PDFs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from ltsa_desk.printing.builders import require_gui_application
from ltsa_desk.printing.report_charts import FONT_FAMILIES, chart_image, charted
from ltsa_desk.services.reports.base import (
    KIND_TITLES_ID,
    PDF_DETAIL_LIMIT,
    Column,
    DetailSection,
    Heading,
    ReportPlan,
    Summary,
    decimal_id,
    thousands_id,
)

RESOLUTION = 300
MARGINS_MM = QMarginsF(15, 12, 15, 14)
CHART_PIXELS = (1500, 720)

CSS = """
body { color: #222222; }
h1 { font-size: 15pt; margin-bottom: 2px; }
h2 { font-size: 12pt; margin-top: 10px; margin-bottom: 4px; }
h3 { font-size: 10.5pt; margin-top: 12px; margin-bottom: 4px; }
table.data { border-collapse: collapse; border-color: #9aa5b1; }
table.data th { background-color: #e8eef4; font-weight: bold; }
td.n { text-align: right; }
table.data td { padding-left: 3px; padding-right: 3px; }
p.note { font-style: italic; }
"""


class PdfReportWriter:
    def __init__(self, path: Path, *, detail_limit: int = PDF_DETAIL_LIMIT) -> None:
        self.path = path
        self.detail_limit = detail_limit
        self.heading: Heading | None = None
        self.plan: ReportPlan | None = None
        self.sections: list[tuple[DetailSection, list[tuple[Any, ...]], int]] = []
        self._rows: list[tuple[Any, ...]] = []

    def begin(self, heading: Heading, plan: ReportPlan) -> None:
        self.heading = heading
        self.plan = plan

    def begin_section(self, section: DetailSection) -> None:
        self._rows = []

    def write_row(self, row: tuple[Any, ...]) -> None:
        if len(self._rows) < self.detail_limit:
            self._rows.append(row)

    def end_section(self, section: DetailSection, written: int) -> None:
        self.sections.append((section, self._rows, written))
        self._rows = []

    def abort(self) -> None:
        self.sections = []

    # -- building ---------------------------------------------------------------------------------

    def finish(self, summary: Summary) -> None:
        assert self.heading is not None and self.plan is not None
        require_gui_application()
        front = self._front_document(summary)
        _write(self.path, self.heading, front, self.sections)

    def _front_document(self, summary: Summary) -> QTextDocument:
        heading, plan = self.heading, self.plan
        assert heading is not None and plan is not None
        document = _new_document(9.5)
        parts = [f"<h1>{_e(heading.title)}</h1>"]
        if heading.training:
            parts.append("<p><b>MODE LATIHAN: data latihan, bukan data CPMI yang nyata.</b></p>")
        parts.append('<table cellspacing="0" cellpadding="2">')
        for label, value in heading.lines():
            parts.append(f"<tr><td><b>{_e(label)}</b></td><td>{_e(value)}</td></tr>")
        parts.append("</table>")
        notes = summary.notes or plan.notes
        if notes:
            parts.append("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
        with_chart = {id(t) for t in charted(summary.tables)}
        for index, table in enumerate(summary.tables):
            parts.append(f"<h3>{_e(table.title)}</h3>")
            if id(table) in with_chart:
                name = f"chart-{index}.png"
                document.addResource(
                    QTextDocument.ResourceType.ImageResource,
                    QUrl(name),
                    chart_image(
                        table, *CHART_PIXELS, with_title=table.chart_title() != table.title
                    ),
                )
                parts.append(f'<p><img src="{name}" width="600" height="288"></p>')
            parts.append(_table_html(table.columns, table.rows))
        if self.sections:
            parts.append("<h3>Rincian</h3><ul>")
            for section, rows, written in self.sections:
                parts.append(f"<li>{_e(section.title)}: {thousands_id(written)} baris")
                if written > len(rows):
                    parts.append(f" (dicetak {thousands_id(len(rows))} baris pertama)")
                parts.append("</li>")
            parts.append("</ul>")
        document.setHtml("".join(parts))
        return document


def _new_document(point_size: float) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(point_size)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(CSS)
    return document


def _e(value: Any) -> str:
    return html.escape(str(value), quote=False)


def _text(value: Any, column: Column) -> str:
    """A cell as printed: Indonesian number and date conventions."""
    if value is None or value == "":
        return ""
    if column.kind == "int":
        return thousands_id(int(value))
    if column.kind == "number":
        return decimal_id(float(value), 2)
    if column.kind == "datetime" and isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H.%M")
    if column.kind in ("date", "datetime") and isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _table_html(columns: list[Column], rows: list[tuple[Any, ...]]) -> str:
    """A summary table as HTML; codes, dates and numbers are kept on one line."""
    head = "".join(f"<th>{_e(c.title)}</th>" for c in columns)
    opening = [
        ('<td class="n" style="white-space: nowrap">' if c.kind in ("int", "number") else "<td>")
        if c.wraps or c.kind in ("int", "number")
        else '<td style="white-space: nowrap">'
        for c in columns
    ]
    body = []
    for row in rows:
        cells = "".join(
            f"{start}{_e(_text(v, c))}</td>"
            for v, c, start in zip(row, columns, opening, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        '<table class="data" border="1" cellspacing="0" cellpadding="2">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _keep_headings_with_content(document: QTextDocument, page_height: float) -> None:
    """Move a summary heading to the next page when its chart (or the first lines of its table)
    would not fit under it: a title alone at the foot of a page, its chart overleaf, reads badly.

    QTextDocument has no "keep with next"; the layout is asked where each heading and the block
    after it fall, and a page break is set before the heading when they fall on different pages.
    Headings are handled top to bottom, each after the layout of the breaks above it.
    """
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 3:
            following = block.next()
            top = layout.blockBoundingRect(block).top()
            bottom = layout.blockBoundingRect(following).bottom() if following.isValid() else top
            # A table cell's block reports its place inside the cell; keep a few lines instead.
            bottom = max(bottom, top + layout.blockBoundingRect(block).height() * 7)
            if int(top // page_height) != int((bottom - 1) // page_height):
                cursor = QTextCursor(block)
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(fmt)
        block = block.next()


# --------------------------------------------------------------------------- detail pages


@dataclass
class _TableLayout:
    """A detail table cut into pages before anything is painted, so the footer can say
    "Halaman i dari n" on the first page already."""

    section: DetailSection
    written: int
    texts: list[list[str]]
    widths: list[float]
    header_height: float
    row_heights: list[float]
    intro: list[str]
    intro_height: float
    pages: list[range]


@dataclass
class _Fonts:
    body: QFont
    bold: QFont
    title: QFont
    note: QFont
    body_metrics: QFontMetricsF
    bold_metrics: QFontMetricsF
    title_metrics: QFontMetricsF
    note_metrics: QFontMetricsF
    pad: float


def _fonts(device: QPdfWriter) -> _Fonts:
    def make(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    body, bold = make(6.5), make(6.5, bold=True)
    title, note = make(11, bold=True), make(7, italic=True)
    body_metrics = QFontMetricsF(body, device)
    return _Fonts(
        body,
        bold,
        title,
        note,
        body_metrics,
        QFontMetricsF(bold, device),
        QFontMetricsF(title, device),
        QFontMetricsF(note, device),
        pad=body_metrics.height() * 0.3,
    )


_WRAP = int(Qt.TextFlag.TextWordWrap)


def _wrapped_height(metrics: QFontMetricsF, width: float, text: str) -> float:
    return metrics.boundingRect(QRectF(0, 0, max(1.0, width), 1e9), _WRAP, text).height()


def _layout_table(
    section: DetailSection,
    rows: list[tuple[Any, ...]],
    written: int,
    kind: str,
    size: QSizeF,
    fonts: _Fonts,
) -> _TableLayout:
    columns = section.columns
    texts = [[_text(v, c) for v, c in zip(row, columns, strict=True)] for row in rows]
    pad, body, bold = fonts.pad, fonts.body_metrics, fonts.bold_metrics
    # Natural widths: the longest value (or the longest word of the heading), plus padding.
    natural, floors = [], []
    short_word = body.horizontalAdvance("Perempuan")
    for index, column in enumerate(columns):
        widest = max((body.horizontalAdvance(r[index]) for r in texts), default=0.0)
        heading = max(bold.horizontalAdvance(word) for word in column.title.split())
        natural.append(max(widest, heading) + 2 * pad)
        longest_word = max(
            (body.horizontalAdvance(word) for r in texts for word in r[index].split()),
            default=0.0,
        )
        floor = max(heading, short_word, min(longest_word, 2 * short_word))
        floors.append(min(natural[-1], floor + 2 * pad))
    widths = _fit(natural, floors, columns, size.width())
    header_height = (
        max(
            _wrapped_height(bold, w - 2 * pad, c.title)
            for w, c in zip(widths, columns, strict=True)
        )
        + 2 * pad
    )
    line = body.height()
    row_heights = []
    for row in texts:
        height = line
        for index, text in enumerate(row):
            room = widths[index] - 2 * pad
            if columns[index].wraps and body.horizontalAdvance(text) > room:
                height = max(height, _wrapped_height(body, room, text))
        row_heights.append(height + 2 * pad)
    intro = [section.title]
    if not written:
        intro.append(section.empty_note)
    elif written > len(rows):
        intro.append(
            f"Hanya {thousands_id(len(rows))} baris pertama dari {thousands_id(written)} yang "
            "dicetak di PDF ini. Data lengkap ada di laporan XLSX (Ekspor dengan format Excel, "
            f"atau: ltsa-desk report export --kind {kind} --format xlsx)."
        )
    intro_height = fonts.title_metrics.height() * 1.6 + sum(
        _wrapped_height(fonts.note_metrics, size.width(), text) + pad for text in intro[1:]
    )
    pages: list[range] = []
    start, used = 0, intro_height + header_height
    for index, height in enumerate(row_heights):
        if used + height > size.height() and index > start:
            pages.append(range(start, index))
            start, used = index, header_height
        used += height
    pages.append(range(start, len(row_heights)))
    return _TableLayout(
        section, written, texts, widths, header_height, row_heights, intro, intro_height, pages
    )


def _fit(
    natural: list[float], floors: list[float], columns: list[Column], available: float
) -> list[float]:
    """Column widths filling the page width.

    Codes, dates and numbers keep their natural width (one line, never cut); the wrapping text
    columns share what is left in proportion to their natural width, each between its floor (its
    heading's longest word, or a short word's width) and its natural width. Only when even the
    floors do not fit does everything shrink alike (text is then cut with "...").
    """
    total = sum(natural)
    if total <= available:
        return [w * available / total for w in natural]
    flexible = [i for i, c in enumerate(columns) if c.wraps]
    room = available - sum(w for i, w in enumerate(natural) if i not in flexible)
    if not flexible or room < sum(floors[i] for i in flexible):
        return [w * available / total for w in natural]
    widths = list(natural)
    active = set(flexible)
    while active:
        share = sum(natural[i] for i in active)
        proposal = {i: room * natural[i] / share for i in active}
        pinned = {i: floors[i] for i, w in proposal.items() if w < floors[i]}
        pinned |= {i: natural[i] for i, w in proposal.items() if w > natural[i]}
        if not pinned:
            for i, w in proposal.items():
                widths[i] = w
            break
        for i, w in pinned.items():
            widths[i] = w
            room -= w
            active.discard(i)
    return widths


def _paint_table_page(
    painter: QPainter, layout: _TableLayout, page: range, first: bool, fonts: _Fonts, width: float
) -> None:
    pad = fonts.pad
    y = 0.0
    if first:
        painter.setFont(fonts.title)
        painter.setPen(QColor("#222222"))
        painter.drawText(QPointF(0, fonts.title_metrics.ascent()), layout.intro[0])
        y = fonts.title_metrics.height() * 1.6
        painter.setFont(fonts.note)
        for text in layout.intro[1:]:
            height = _wrapped_height(fonts.note_metrics, width, text)
            painter.drawText(QRectF(0, y, width, height), _WRAP, text)
            y += height + pad
    if not layout.written:
        return
    columns, widths = layout.section.columns, layout.widths
    table_width = sum(widths)
    grid = QPen(QColor("#9aa5b1"))
    grid.setWidthF(max(1.0, pad / 6))
    painter.fillRect(QRectF(0, y, table_width, layout.header_height), QColor("#e8eef4"))
    painter.setFont(fonts.bold)
    painter.setPen(QColor("#222222"))
    x = 0.0
    for column, w in zip(columns, widths, strict=True):
        painter.drawText(
            QRectF(x + pad, y + pad, w - 2 * pad, layout.header_height - 2 * pad),
            _WRAP | int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
            column.title,
        )
        x += w
    y += layout.header_height
    painter.setPen(grid)
    painter.drawLine(QPointF(0, y), QPointF(table_width, y))
    painter.setFont(fonts.body)
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    left_wrap = _WRAP | int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    numeric = [c.kind in ("int", "number") for c in columns]
    for index in page:
        height = layout.row_heights[index]
        if index % 2:
            painter.fillRect(QRectF(0, y, table_width, height), QColor("#f5f7f9"))
        painter.setPen(QColor("#222222"))
        x = 0.0
        for col, (text, w) in enumerate(zip(layout.texts[index], widths, strict=True)):
            cell = QRectF(x + pad, y + pad, w - 2 * pad, height - 2 * pad)
            if numeric[col]:
                painter.drawText(cell, right, text)
            elif columns[col].wraps:
                painter.drawText(cell, left_wrap, text)
            else:
                shown = fonts.body_metrics.elidedText(
                    text, Qt.TextElideMode.ElideRight, cell.width()
                )
                painter.drawText(cell, left, shown)
            x += w
        y += height
        painter.setPen(grid)
        painter.drawLine(QPointF(0, y), QPointF(table_width, y))


# --------------------------------------------------------------------------- the file


def _page_layout(orientation: QPageLayout.Orientation) -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def _write(
    path: Path,
    heading: Heading,
    front: QTextDocument,
    sections: list[tuple[DetailSection, list[tuple[Any, ...]], int]],
) -> None:
    portrait = _page_layout(QPageLayout.Orientation.Portrait)
    landscape = _page_layout(QPageLayout.Orientation.Landscape)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setCreator("LTSA Desk")
    writer.setTitle(f"{heading.title} - {heading.period.label}")
    writer.setPageLayout(portrait)
    fonts = _fonts(writer)
    footer_font = QFont()
    footer_font.setFamilies(FONT_FAMILIES)
    footer_font.setPointSizeF(7.5)
    footer_metrics = QFontMetricsF(footer_font, writer)
    footer_height = footer_metrics.height() * 2

    portrait_rect = portrait.paintRectPixels(RESOLUTION)
    front_page = QSizeF(portrait_rect.width(), portrait_rect.height() - footer_height)
    front.documentLayout().setPaintDevice(writer)
    front.setPageSize(front_page)
    _keep_headings_with_content(front, front_page.height())
    landscape_rect = landscape.paintRectPixels(RESOLUTION)
    detail_page = QSizeF(landscape_rect.width(), landscape_rect.height() - footer_height)
    tables = [
        _layout_table(section, rows, written, heading.kind, detail_page, fonts)
        for section, rows, written in sections
    ]
    total_pages = front.pageCount() + sum(len(t.pages) for t in tables)
    footer_text = (
        f"{KIND_TITLES_ID.get(heading.kind, heading.title)} - {heading.office} - "
        f"{heading.period.label}"
    )
    number = 0

    def footer(full: QSizeF) -> None:
        painter.setFont(footer_font)
        painter.setPen(QColor("#555555"))
        band = QRectF(0, full.height() - footer_height * 0.8, full.width(), footer_height)
        page_text = f"Halaman {number} dari {total_pages}"
        metrics = footer_metrics
        # The title, office and period give way to the page number (they ran into each other):
        # what does not fit is elided in the middle, so both ends stay readable.
        room = band.width() - metrics.horizontalAdvance(page_text) - metrics.averageCharWidth() * 4
        shown = metrics.elidedText(footer_text, Qt.TextElideMode.ElideMiddle, max(0.0, room))
        painter.drawText(
            band, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
        painter.drawText(
            band, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), page_text
        )

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"PDF tidak bisa ditulis: {path}")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        full = QSizeF(portrait_rect.width(), portrait_rect.height())
        for page_index in range(front.pageCount()):
            if page_index:
                writer.newPage()
            number += 1
            if heading.training:
                _watermark(painter, full)
            painter.save()
            top = page_index * front_page.height()
            painter.translate(0, -top)
            front.drawContents(painter, QRectF(0, top, front_page.width(), front_page.height()))
            painter.restore()
            footer(full)
        full = QSizeF(landscape_rect.width(), landscape_rect.height())
        for table in tables:
            for page_index, page in enumerate(table.pages):
                writer.setPageLayout(landscape)
                writer.newPage()
                number += 1
                if heading.training:
                    _watermark(painter, full)
                _paint_table_page(painter, table, page, page_index == 0, fonts, full.width())
                footer(full)
    finally:
        painter.end()
    del writer  # closes the file before the caller renames it (Windows cannot rename it open)


def _watermark(painter: QPainter, page: QSizeF) -> None:
    """LATIHAN across every page of a report made in training mode."""
    painter.save()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setBold(True)
    font.setPixelSize(int(min(page.width(), page.height()) / 5))
    painter.setFont(font)
    painter.setPen(QColor(150, 150, 150, 70))
    painter.translate(page.width() / 2, page.height() / 2)
    painter.rotate(-35)
    metrics = QFontMetricsF(font)
    text = "LATIHAN"
    painter.drawText(QPointF(-metrics.horizontalAdvance(text) / 2, metrics.ascent() / 2), text)
    painter.restore()
