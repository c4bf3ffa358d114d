"""Painting documents onto PDF files and printers: A4 pages, margins, diagonal watermark.

One painting routine serves both the PDF writer and a QPrinter from the print dialog (both are
QPagedPaintDevices), so what the officer prints and the PDF kept or handed over are the same
pages. The watermark (LATIHAN in training mode, DIBATALKAN on a void letter) is painted behind the
text on every page: a QTextDocument cannot rotate text, and a watermark that could be left off by
printing another way would defeat its purpose.

The PDF is written to a hidden temporary file beside the target and renamed into place, so a
half-written PDF never carries the final name (a crash, a full disk).
"""

from __future__ import annotations

import contextlib
import math
import os
import secrets
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
)

from ltsa_desk.printing.builders import (
    FONT_FAMILIES,
    TRAINING_WATERMARK,
    build_hand_carry_document,
    build_letter_document,
    build_receipt_document,
    letter_watermark,
    require_gui_application,
)
from ltsa_desk.services.letters import HandCarryData, LetterData, ReceiptData

__all__ = [
    "MARGINS_MM",
    "PDF_RESOLUTION",
    "PrintFailed",
    "apply_page_layout",
    "hand_carry_filename",
    "letter_filename",
    "paint_document",
    "print_hand_carry",
    "print_letter",
    "print_receipt",
    "receipt_filename",
    "render_hand_carry_pdf",
    "render_letter_pdf",
    "render_receipt_pdf",
]

#: Left, top, right, bottom in millimetres: a wide left margin for binding into the office's
#: archive folders, a short top so the kop surat sits high, as on printed letterhead paper.
MARGINS_MM = QMarginsF(25, 15, 20, 15)
#: Device units of the PDF. Text stays vector either way; 600 dpi keeps layout rounding invisible.
PDF_RESOLUTION = 600


class PrintFailed(RuntimeError):
    """The PDF or printer could not be opened for painting; the message is Indonesian."""


def apply_page_layout(device: QPagedPaintDevice) -> None:
    """A4 portrait with the office margins; call before painting to a printer from the dialog."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageOrientation(QPageLayout.Orientation.Portrait)
    device.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)


def _paint_watermark(painter: QPainter, page: QSizeF, text: str) -> None:
    """``text`` diagonally across the page, light grey, behind the content."""
    painter.save()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setBold(True)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
    diagonal = math.hypot(page.width(), page.height())
    font.setPixelSize(max(1, int(diagonal / 9)))
    metrics = QFontMetricsF(font, painter.device())
    width = metrics.horizontalAdvance(text)
    if width > diagonal * 0.75:
        font.setPixelSize(max(1, int(font.pixelSize() * diagonal * 0.75 / width)))
        metrics = QFontMetricsF(font, painter.device())
        width = metrics.horizontalAdvance(text)
    painter.setFont(font)
    painter.setPen(QColor(150, 150, 150, 70))
    painter.translate(page.width() / 2, page.height() / 2)
    painter.rotate(-math.degrees(math.atan2(page.height(), page.width())))
    painter.drawText(QPointF(-width / 2, metrics.ascent() / 2 - metrics.descent()), text)
    painter.restore()


_INDENT_SCALE_PROPERTY = "ltsaIndentScale"


def _scale_block_indents(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Convert paragraph indents from CSS pixels to the device's pixels.

    Qt scales most lengths of an HTML document to the paint device (fonts, images, table widths
    and margins, vertical paragraph margins) but keeps a paragraph's ``text-indent`` and
    left/right margins in raw device units, which at printer resolution shrinks them to almost
    nothing. The factor applied so far is kept on the document, so painting it again (PDF, then
    printer) rescales correctly instead of compounding.
    """
    target = device.logicalDpiX() / 96.0
    applied = float(document.property(_INDENT_SCALE_PROPERTY) or 1.0)
    ratio = target / applied
    if abs(ratio - 1.0) < 1e-9:
        return
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.textIndent() or fmt.leftMargin() or fmt.rightMargin():
            fmt.setTextIndent(fmt.textIndent() * ratio)
            fmt.setLeftMargin(fmt.leftMargin() * ratio)
            fmt.setRightMargin(fmt.rightMargin() * ratio)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()
    document.setProperty(_INDENT_SCALE_PROPERTY, target)


def paint_document(
    document: QTextDocument, device: QPagedPaintDevice, *, watermark: str | None = None
) -> int:
    """Lay ``document`` out for ``device`` and paint every page; returns the page count.

    The document is laid out against the device itself (its resolution and page), so font
    metrics and line breaks are those of the output, not of the screen.
    """
    require_gui_application()
    _scale_block_indents(document, device)
    document.documentLayout().setPaintDevice(device)
    page = QSizeF(device.width(), device.height())
    document.setPageSize(page)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise PrintFailed("Tidak dapat mulai mencetak: berkas atau printer tidak bisa dibuka")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for index in range(pages):
            if index:
                device.newPage()
            if watermark:
                _paint_watermark(painter, page, watermark)
            painter.save()
            top = index * page.height()
            painter.translate(0, -top)
            document.drawContents(painter, QRectF(0, top, page.width(), page.height()))
            painter.restore()
    finally:
        painter.end()
    return pages


def _write_pdf(
    document: QTextDocument, path: str | os.PathLike[str], *, watermark: str | None
) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_RESOLUTION)
        writer.setCreator("LTSA Desk")
        writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
        apply_page_layout(writer)
        paint_document(document, writer, watermark=watermark)
        del writer  # closes the file (Windows cannot rename an open file)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return target


def _safe(text: str) -> str:
    """A file-name part: letter numbers hold ``/``, which no file system accepts in a name."""
    kept = "".join(ch if ch.isalnum() or ch in "-." else "-" for ch in text)
    return "-".join(part for part in kept.split("-") if part)


def letter_filename(letter_data: LetterData) -> str:
    """``SPR-562-0001-LTSA-LOTIM-01-V-2026.pdf``: a name that sorts and says what it is."""
    prefix = "SPR" if letter_data.kind == "spr" else "Rekomendasi-Paspor"
    suffix = "-SALINAN" if letter_data.copy else ""
    return f"{prefix}-{_safe(letter_data.number)}{suffix}.pdf"


def receipt_filename(receipt_data: ReceiptData) -> str:
    """``Tanda-Terima-LOTIM-01-2026-000123-2026-05-12.pdf``."""
    code = _safe(receipt_data.applicant.tracking_code)
    return f"Tanda-Terima-{code}-{receipt_data.today.isoformat()}.pdf"


def hand_carry_filename(hand_carry_data: HandCarryData) -> str:
    """``Permohonan-Paspor-LOTIM-01-2026-000123.pdf``."""
    return f"Permohonan-Paspor-{_safe(hand_carry_data.applicant.tracking_code)}.pdf"


def render_letter_pdf(
    letter_data: LetterData,
    path: str | os.PathLike[str],
    *,
    copy: bool = False,
    training: bool = False,
) -> Path:
    """Write the letter as an A4 PDF; ``copy`` (or ``letter_data.copy``) marks it SALINAN."""
    document = build_letter_document(letter_data, copy=copy or letter_data.copy, training=training)
    return _write_pdf(document, path, watermark=letter_watermark(letter_data, training=training))


def render_receipt_pdf(
    receipt_data: ReceiptData, path: str | os.PathLike[str], *, training: bool = False
) -> Path:
    """Write the CPMI's receipt as an A4 PDF."""
    document = build_receipt_document(receipt_data, training=training)
    return _write_pdf(document, path, watermark=TRAINING_WATERMARK if training else None)


def render_hand_carry_pdf(
    hand_carry_data: HandCarryData, path: str | os.PathLike[str], *, training: bool = False
) -> Path:
    """Write the hand-carry passport application as an A4 PDF."""
    document = build_hand_carry_document(hand_carry_data, training=training)
    return _write_pdf(document, path, watermark=TRAINING_WATERMARK if training else None)


def print_letter(
    letter_data: LetterData,
    printer: QPagedPaintDevice,
    *,
    copy: bool = False,
    training: bool = False,
    keep_layout: bool = False,
) -> int:
    """Print the letter on a printer chosen in the print dialog (a ``QPrinter``).

    The page is set to A4 with the office margins unless ``keep_layout``. Returns the page count.
    """
    if not keep_layout:
        apply_page_layout(printer)
    document = build_letter_document(letter_data, copy=copy or letter_data.copy, training=training)
    return paint_document(
        document, printer, watermark=letter_watermark(letter_data, training=training)
    )


def print_receipt(
    receipt_data: ReceiptData,
    printer: QPagedPaintDevice,
    *,
    training: bool = False,
    keep_layout: bool = False,
) -> int:
    """Print the receipt on a printer from the print dialog."""
    if not keep_layout:
        apply_page_layout(printer)
    document = build_receipt_document(receipt_data, training=training)
    return paint_document(document, printer, watermark=TRAINING_WATERMARK if training else None)


def print_hand_carry(
    hand_carry_data: HandCarryData,
    printer: QPagedPaintDevice,
    *,
    training: bool = False,
    keep_layout: bool = False,
) -> int:
    """Print the hand-carry application on a printer from the print dialog."""
    if not keep_layout:
        apply_page_layout(printer)
    document = build_hand_carry_document(hand_carry_data, training=training)
    return paint_document(document, printer, watermark=TRAINING_WATERMARK if training else None)
