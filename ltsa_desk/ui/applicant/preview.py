"""A look at a scan before and after it is attached: images and the first page of a PDF.

Why a preview at all: the officer compares the scan with the paper in the CPMI's hand before
accepting it (the right person, the right page, readable). Why off the GUI thread: a 300 dpi scan
is a few megabytes to decode and a PDF must be rasterised; on an old counter PC either would freeze
the window for a noticeable moment. The worker produces a ``QImage`` (safe to make on any thread;
a ``QPixmap`` is not) already shrunk to a bounded size, and the GUI thread only scales that.

PDFium is not thread-safe, and Qt's pool may run two previews at once (a stored document and an
inbox scan), so every call into pypdfium2 holds one module-wide lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ltsa_desk.services.attachment_files import (
    MEDIA_JPEG,
    MEDIA_PDF,
    MEDIA_PNG,
    AttachmentRejected,
    format_size,
    media_type_of,
    read_stored,
)
from ltsa_desk.ui import style
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.operation import Failure, Generation, Operation
from ltsa_desk.ui.plain import plain_label

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

__all__ = [
    "MAX_PREVIEW_SIDE",
    "PreviewData",
    "PreviewPane",
    "preview_file",
    "preview_stored",
    "render_preview",
]

#: Longest side of the decoded image. Big enough to read a KTP number on a 1366x768 screen,
#: small enough that scaling it on every resize costs nothing.
MAX_PREVIEW_SIDE = 1600

_PDFIUM_LOCK = threading.Lock()
_MEDIA_WORDS = {MEDIA_PDF: "PDF", MEDIA_JPEG: "JPEG", MEDIA_PNG: "PNG"}


@dataclass(frozen=True)
class PreviewData:
    """What the pane shows: an image (``None`` when there is nothing to show) and a caption.

    ``problem`` is an Indonesian sentence when the file cannot be shown (damaged, too large,
    not a PDF/JPEG/PNG); the pane shows it in red instead of an image.
    """

    image: QImage | None
    caption: str
    pages: int = 0
    problem: str | None = None


def _pdf_image(data: bytes, max_side: int) -> tuple[QImage, int]:
    # Imported on first use: PDFium is a large native library the window must not load at
    # start-up for a preview the officer may never open.
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with _PDFIUM_LOCK:
        document = pdfium.PdfDocument(data)
        try:
            pages = len(document)
            page = document[0]
            try:
                width, height = page.get_size()
                scale = min(max_side / max(width, height, 1.0), 3.0)
                bitmap = page.render(
                    scale=scale,
                    force_bitmap_format=pdfium_c.FPDFBitmap_BGRx,
                    rev_byteorder=True,
                )
                try:
                    pixels = bytes(bitmap.buffer)
                    image = QImage(
                        pixels,
                        bitmap.width,
                        bitmap.height,
                        bitmap.stride,
                        QImage.Format.Format_RGBX8888,
                    ).copy()  # own the pixels: the buffer is freed with the bitmap
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            document.close()
    return image, pages


def render_preview(
    data: bytes, media_type: str | None = None, *, max_side: int = MAX_PREVIEW_SIDE
) -> PreviewData:
    """Decode ``data`` (PDF, JPEG or PNG) into a bounded image; runs on a worker thread.

    The type is sniffed from the bytes with the attachment store's own rules, so the preview
    refuses exactly what attaching would refuse, with the same Indonesian sentence.
    """
    size = len(data)
    if media_type is None:
        try:
            media_type = media_type_of(data)
        except AttachmentRejected as exc:
            return PreviewData(None, "", problem=exc.message)
    word = _MEDIA_WORDS.get(media_type, media_type)
    if media_type == MEDIA_PDF:
        try:
            image, pages = _pdf_image(data, max_side)
        except Exception:
            log.warning("PDF preview failed", exc_info=True)
            return PreviewData(
                None, "", problem=translate("Preview", "PDF ini tidak dapat ditampilkan")
            )
        caption = translate("Preview", "{kind}, {size} - halaman 1 dari {pages}").format(
            kind=word, size=format_size(size), pages=pages
        )
        return PreviewData(image, caption, pages)
    image = QImage.fromData(data)
    if image.isNull():
        return PreviewData(
            None, "", problem=translate("Preview", "Gambar ini tidak dapat ditampilkan")
        )
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(
            max_side,
            max_side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    caption = translate("Preview", "{kind}, {size}").format(kind=word, size=format_size(size))
    return PreviewData(image, caption, 1)


def preview_file(path: Path, max_bytes: int) -> PreviewData:
    """Read a file from disk (a scan in the inbox, a file chosen to attach) and decode it.

    A file over the attachment limit is refused by its size alone, without reading it.
    """
    try:
        size = path.stat().st_size
    except OSError:
        return PreviewData(
            None,
            "",
            problem=translate("Preview", "Berkas tidak dapat dibaca: {name}").format(
                name=path.name
            ),
        )
    if size > max_bytes:
        return PreviewData(
            None,
            "",
            problem=translate("Preview", "Berkas terlalu besar: {size} (batas {limit})").format(
                size=format_size(size), limit=format_size(max_bytes)
            ),
        )
    try:
        data = path.read_bytes()
    except OSError:
        return PreviewData(
            None,
            "",
            problem=translate("Preview", "Berkas tidak dapat dibaca: {name}").format(
                name=path.name
            ),
        )
    return render_preview(data)


def preview_stored(workspace: Any, sha256: str, media_type: str | None) -> PreviewData:
    """Decode an attached document from the workspace's (encrypted) attachment store."""
    try:
        data = read_stored(workspace, sha256)
    except Exception:
        log.warning("stored attachment could not be read", exc_info=True)
        return PreviewData(
            None,
            "",
            problem=translate(
                "Preview", "Lampiran tidak dapat dibaca dari penyimpanan; hubungi teknisi"
            ),
        )
    return render_preview(data, media_type)


class PreviewPane(QWidget):
    """Shows one preview at a time; a newer request always wins over a slower older one.

    ``shown`` is emitted with the :class:`PreviewData` once it is on screen (tests wait on it).
    """

    shown = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._previews = Generation()
        self._image: QImage | None = None
        self.current: PreviewData | None = None
        self.last_thread: str | None = None

        self.picture = plain_label()  # a problem naming the file, or the picture
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setMinimumSize(QSize(160, 160))
        self.picture.setStyleSheet("background: #f5f5f5; border: 1px solid #ddd; color: #666;")
        self.picture.setWordWrap(True)
        self.caption = plain_label()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        self.clear()

    # ------------------------------------------------------------------------------ requests

    def clear(self, text: str | None = None) -> None:
        """Nothing to show; ``text`` says why (no document selected, nothing on file yet)."""
        self._previews.supersede()
        self._image = None
        self.current = None
        self.picture.setPixmap(QPixmap())
        self.picture.setStyleSheet("background: #f5f5f5; border: 1px solid #ddd; color: #666;")
        self.picture.setText(text if text is not None else self.tr("Pilih dokumen untuk melihat"))
        self.caption.clear()

    def show_file(self, path: Path) -> None:
        """Preview a file on disk (read on the runner)."""
        max_bytes = int(self.ctx.workspace.config.get("attachments.max_mb")) * 1024 * 1024
        self._request(partial(preview_file, Path(path), max_bytes))

    def show_stored(self, sha256: str, media_type: str | None) -> None:
        """Preview an attached document (read and decrypted on the runner)."""
        self._request(partial(preview_stored, self.ctx.workspace, sha256, media_type))

    def _request(self, job: Callable[[], PreviewData]) -> None:
        self.picture.setPixmap(QPixmap())
        self.picture.setText(self.tr("Memuat pratinjau..."))
        self.caption.clear()

        def run() -> PreviewData:
            self.last_thread = threading.current_thread().name
            return job()

        Operation(self, self.ctx.runner, run).superseding(self._previews).success(
            self._loaded
        ).failure(self._failed).run_in_background()

    # ------------------------------------------------------------------------------ results

    def _loaded(self, data: PreviewData) -> None:
        self.current = data
        if data.image is None:
            self._image = None
            self.picture.setPixmap(QPixmap())
            self.picture.setStyleSheet(
                f"background: {style.BANNER_ERROR_BG}; border: 1px solid {style.ATTENTION}; "
                f"color: {style.ERROR_TEXT}; padding: 12px;"
            )
            self.picture.setText("\u26a0 " + (data.problem or ""))
            self.caption.clear()
        else:
            self._image = data.image
            self.picture.setStyleSheet("background: #f5f5f5; border: 1px solid #ddd;")
            self.picture.setText("")
            self.caption.setText(data.caption)
            self._fit()
        self.shown.emit(data)

    def _failed(self, failure: Failure) -> None:
        log.error("preview failed: %s", type(failure.error).__name__)
        self._loaded(PreviewData(None, "", problem=self.tr("Pratinjau tidak dapat dibuat")))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._image is None:
            return
        target = self.picture.contentsRect().size()
        if target.width() < 10 or target.height() < 10:
            target = QSize(320, 400)
        scaled = self._image.scaled(
            target,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.picture.setPixmap(QPixmap.fromImage(scaled))
