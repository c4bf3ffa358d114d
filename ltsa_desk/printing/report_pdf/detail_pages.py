"""The detail pages of a report's PDF: A4 landscape tables painted directly with QPainter.

Fifteen columns of CPMI data do not fit across a portrait page, and a QTextDocument table of 1,000
rows by 15 columns took some ten seconds to lay out and left the column widths to chance; here
the table is measured first (codes, dates and numbers on one line, words wrapping) and cut into
pages before the first one is drawn, so the footer can count pages from the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPdfWriter, QPen

from ltsa_desk.printing.report_charts import FONT_FAMILIES
from ltsa_desk.printing.report_pdf.cells import cell_text
from ltsa_desk.services.reports.base import Column, DetailSection, thousands_id


@dataclass
class TableLayout:
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
class Fonts:
    body: QFont
    bold: QFont
    title: QFont
    note: QFont
    body_metrics: QFontMetricsF
    bold_metrics: QFontMetricsF
    title_metrics: QFontMetricsF
    note_metrics: QFontMetricsF
    pad: float


def detail_fonts(device: QPdfWriter) -> Fonts:
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
    return Fonts(
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


def wrapped_height(metrics: QFontMetricsF, width: float, text: str) -> float:
    return metrics.boundingRect(QRectF(0, 0, max(1.0, width), 1e9), _WRAP, text).height()


def layout_table(
    section: DetailSection,
    rows: list[tuple[Any, ...]],
    written: int,
    kind: str,
    size: QSizeF,
    fonts: Fonts,
) -> TableLayout:
    columns = section.columns
    texts = [[cell_text(v, c) for v, c in zip(row, columns, strict=True)] for row in rows]
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
            wrapped_height(bold, w - 2 * pad, c.title) for w, c in zip(widths, columns, strict=True)
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
                height = max(height, wrapped_height(body, room, text))
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
        wrapped_height(fonts.note_metrics, size.width(), text) + pad for text in intro[1:]
    )
    pages: list[range] = []
    start, used = 0, intro_height + header_height
    for index, height in enumerate(row_heights):
        if used + height > size.height() and index > start:
            pages.append(range(start, index))
            start, used = index, header_height
        used += height
    pages.append(range(start, len(row_heights)))
    return TableLayout(
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


def paint_table_page(
    painter: QPainter, layout: TableLayout, page: range, first: bool, fonts: Fonts, width: float
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
            height = wrapped_height(fonts.note_metrics, width, text)
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
