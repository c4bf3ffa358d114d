"""The report writer that makes the PDF file: A4 pages, the footer on each, LATIHAN in training.

The summary pages come from :mod:`summary_pages` (portrait), the detail tables from
:mod:`detail_pages` (landscape, cut into pages first), so every page carries "Halaman i dari n".
Needs a QGuiApplication (fonts); it may run off the GUI thread, like the letters' PDFs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from ltsa_desk.printing.builders import require_gui_application
from ltsa_desk.printing.report_charts import FONT_FAMILIES
from ltsa_desk.printing.report_pdf.detail_pages import detail_fonts, layout_table, paint_table_page
from ltsa_desk.printing.report_pdf.summary_pages import keep_headings_with_content, summary_document
from ltsa_desk.services.reports.base import (
    KIND_TITLES_ID,
    PDF_DETAIL_LIMIT,
    DetailSection,
    Heading,
    ReportPlan,
    Summary,
)

RESOLUTION = 300
MARGINS_MM = QMarginsF(15, 12, 15, 14)


class PdfReportWriter:
    """A report writer for ``export_report``: keeps the first ``detail_limit`` rows of each
    detail table (the rest are only counted) and writes the PDF when the report is finished."""

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
        front = summary_document(self.heading, self.plan, summary, self.sections)
        _write(self.path, self.heading, front, self.sections)


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
    fonts = detail_fonts(writer)
    footer_font = QFont()
    footer_font.setFamilies(FONT_FAMILIES)
    footer_font.setPointSizeF(7.5)
    footer_metrics = QFontMetricsF(footer_font, writer)
    footer_height = footer_metrics.height() * 2

    portrait_rect = portrait.paintRectPixels(RESOLUTION)
    front_page = QSizeF(portrait_rect.width(), portrait_rect.height() - footer_height)
    front.documentLayout().setPaintDevice(writer)
    front.setPageSize(front_page)
    keep_headings_with_content(front, front_page.height())
    landscape_rect = landscape.paintRectPixels(RESOLUTION)
    detail_page = QSizeF(landscape_rect.width(), landscape_rect.height() - footer_height)
    tables = [
        layout_table(section, rows, written, heading.kind, detail_page, fonts)
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
                paint_table_page(painter, table, page, page_index == 0, fonts, full.width())
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
