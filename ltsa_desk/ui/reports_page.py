"""Laporan: the district admin's reports, previewed as charts before anything is saved.

The admin picks a kind, a period and a format; "Pratinjau" shows the key sentences and the charts
(painted by the same QPainter code that draws them into the PDF); "Ekspor" asks where to save and
writes the file on the runner with a progress bar and a Batal button that stops it within a few
hundred rows (the writers look at the cancel flag as rows stream). Nothing touches the database
or the disk on the GUI thread, and every export is written to the audit log by the service.

The file dialog is a constructor argument so tests choose the file without a modal dialog.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject, QRectF, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.printing.report_charts import charted, paint_chart
from ltsa_desk.printing.report_pdf import PdfReportWriter
from ltsa_desk.services.reports import (
    ExportRequest,
    ExportResult,
    Period,
    Preview,
    ReportCancelled,
    ReportInputError,
    SummaryTable,
    build_preview,
    export_report,
)
from ltsa_desk.services.reports.base import thousands_id
from ltsa_desk.ui import style
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.plain import plain_label

#: (path suggested, file filter) -> the chosen path, or None when the admin cancelled.
ChooseFile = Callable[[QWidget, str, str], str | None]

FORMAT_SUFFIX = {"xlsx": ".xlsx", "csv": ".csv", "pdf": ".pdf"}


def previous_month(today: date) -> tuple[date, date]:
    """The default period: last month, the one an admin reports upward at the start of a month."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _Relay(QObject):
    """Lives on the GUI thread; the export's progress crosses threads through its signal."""

    progress = Signal(int, int)


class ChartView(QWidget):
    """One summary chart, painted with the PDF's own chart code."""

    def __init__(self, table: SummaryTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(table.title)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            paint_chart(painter, QRectF(self.rect()), self.table)
        finally:
            painter.end()


class ReportsPage(QWidget):
    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        choose_file: ChooseFile | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choose_file: ChooseFile = choose_file or self._ask_save_path
        self.cancel_flag: threading.Event | None = None
        self.busy = False
        self.last_result: ExportResult | None = None
        self.last_preview: Preview | None = None
        self.last_error: str | None = None
        self.relay = _Relay(self)
        self.relay.progress.connect(self._progress)

        self.kind = QComboBox()
        for key, label in (
            ("placements", self.tr("Pendaftaran dan penempatan CPMI")),
            ("documents", self.tr("Surat dan dokumen")),
            ("sync", self.tr("Pengiriman data (sinkronisasi)")),
            ("outages", self.tr("Gangguan jaringan (offline)")),
        ):
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self._describe_kind)
        self.kind_note = QLabel()
        self.kind_note.setWordWrap(True)

        first, last = previous_month(today or date.today())
        self.date_from = self._date_edit(first)
        self.date_to = self._date_edit(last)
        self.this_month = QPushButton(self.tr("Bulan ini"))
        self.last_month = QPushButton(self.tr("Bulan lalu"))
        self.this_month.clicked.connect(lambda: self._set_month(today, current=True))
        self.last_month.clicked.connect(lambda: self._set_month(today, current=False))

        self.fmt = QComboBox()
        self.fmt.addItem(self.tr("Excel (XLSX)"), "xlsx")
        self.fmt.addItem(self.tr("PDF (cetak A4)"), "pdf")
        self.fmt.addItem(self.tr("CSV"), "csv")
        self.delimiter = QComboBox()
        self.delimiter.addItem(self.tr("Titik koma ( ; ) untuk Excel berbahasa Indonesia"), ";")
        self.delimiter.addItem(self.tr("Koma ( , )"), ",")
        self.fmt.currentIndexChanged.connect(self._format_changed)

        self.preview_button = QPushButton(self.tr("Pratinjau"))
        self.preview_button.setMinimumWidth(140)
        self.preview_button.setToolTip(self.tr("Tampilkan grafik sebelum menyimpan"))
        self.preview_button.clicked.connect(self.preview)
        self.export_button = QPushButton(self.tr("Ekspor..."))
        self.export_button.setMinimumWidth(140)
        self.export_button.setToolTip(self.tr("Simpan laporan ke berkas (Ctrl+S)"))
        self.export_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setMinimumWidth(100)
        self.cancel_button.setToolTip(self.tr("Hentikan ekspor (Esc)"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.message = plain_label()  # names the file written
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QGroupBox(self.tr("Laporan"))
        grid = QGridLayout(form)
        grid.addWidget(QLabel(self.tr("Jenis laporan")), 0, 0)
        grid.addWidget(self.kind, 0, 1, 1, 3)
        grid.addWidget(self.kind_note, 0, 4, 1, 3)
        grid.addWidget(QLabel(self.tr("Dari tanggal")), 1, 0)
        grid.addWidget(self.date_from, 1, 1)
        grid.addWidget(QLabel(self.tr("Sampai tanggal")), 1, 2)
        grid.addWidget(self.date_to, 1, 3)
        grid.addWidget(self.last_month, 1, 4)
        grid.addWidget(self.this_month, 1, 5)
        grid.addWidget(QLabel(self.tr("Format")), 2, 0)
        grid.addWidget(self.fmt, 2, 1)
        self.delimiter_label = QLabel(self.tr("Pemisah CSV"))
        grid.addWidget(self.delimiter_label, 2, 2)
        grid.addWidget(self.delimiter, 2, 3, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)
        grid.addLayout(buttons, 3, 0, 1, 7)
        grid.addWidget(self.message, 4, 0, 1, 7)
        grid.setColumnStretch(6, 1)

        self.summary_label = QLabel(
            self.tr("Pilih jenis laporan dan periode, lalu tekan Pratinjau untuk melihat grafik.")
        )
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.charts = QWidget()
        self.charts_grid = QGridLayout(self.charts)
        self.charts_grid.setContentsMargins(0, 0, 0, 0)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.summary_label)
        preview_layout.addWidget(self.charts, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(preview_box)
        preview_group = QGroupBox(self.tr("Pratinjau"))
        QVBoxLayout(preview_group).addWidget(scroll)

        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(preview_group, 1)

        escape = QShortcut(QKeySequence("Esc"), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.cancel)
        self._describe_kind()
        self._format_changed()

    # -- form --------------------------------------------------------------------------------------

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setDisplayFormat("dd-MM-yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _set_month(self, today: date | None, *, current: bool) -> None:
        now = today or date.today()
        if current:
            first, last = now.replace(day=1), now
        else:
            first, last = previous_month(now)
        self.date_from.setDate(_qdate(first))
        self.date_to.setDate(_qdate(last))

    def _describe_kind(self) -> None:
        notes = {
            "placements": self.tr(
                "CPMI terdaftar per negara tujuan, sektor, jenis kelamin, pendidikan, status "
                "perkawinan, P3MI dan bulan, dengan data per CPMI."
            ),
            "documents": self.tr(
                "Surat (SPR, rekomendasi paspor) per bulan dan petugas; dokumen yang ditolak "
                "dan alasannya."
            ),
            "sync": self.tr(
                "Kiriman terkirim per tujuan, lama sampai terkirim (median, p90, maks), dan "
                "kiriman yang perlu tindakan."
            ),
            "outages": self.tr(
                "Setiap masa offline per tujuan, hari offline per bulan, antrean terbesar dan "
                "umur kiriman tertuanya."
            ),
        }
        self.kind_note.setText(notes.get(self.selected_kind(), ""))

    def _format_changed(self) -> None:
        csv = self.selected_format() == "csv"
        self.delimiter.setEnabled(csv)
        self.delimiter_label.setEnabled(csv)

    def selected_kind(self) -> str:
        return str(self.kind.currentData())

    def selected_format(self) -> str:
        return str(self.fmt.currentData())

    def period(self) -> Period | None:
        """The period picked, or None with the reason shown under the form."""
        try:
            return Period.checked(_pydate(self.date_from.date()), _pydate(self.date_to.date()))
        except ReportInputError:
            self._say(
                self.tr("Tanggal 'Sampai' lebih awal dari tanggal 'Dari'; perbaiki periodenya."),
                error=True,
            )
            return None

    def _say(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        if error:
            self.message.setStyleSheet(style.ERROR_LABEL_CSS)
        elif ok:
            self.message.setStyleSheet(f"color: {style.DELIVERED};")
        else:
            self.message.setStyleSheet("")
        self.message.setText(text)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (
            self.kind,
            self.date_from,
            self.date_to,
            self.this_month,
            self.last_month,
            self.fmt,
            self.preview_button,
            self.export_button,
        ):
            widget.setEnabled(not busy)
        self.delimiter.setEnabled(not busy and self.selected_format() == "csv")
        self.cancel_button.setEnabled(busy)

    # -- preview -----------------------------------------------------------------------------------

    def preview(self) -> None:
        period = self.period()
        if period is None or self.busy:
            return
        kind, workspace, actor = self.selected_kind(), self.ctx.workspace, self.ctx.actor
        training = self.ctx.training
        flag = threading.Event()
        self.cancel_flag = flag
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._say(self.tr("Menghitung pratinjau..."))

        def job() -> Preview:
            return build_preview(workspace, kind, period, actor, cancel=flag, training=training)

        self.ctx.runner.run(job, self._preview_done, self._failed)

    def _preview_done(self, preview: Preview) -> None:
        self._finish_work()
        self.last_preview = preview
        heading = preview.heading
        lines = [
            self.tr("Kantor: {office}").format(office=heading.office),
            self.tr("Loket: {counters}").format(counters=heading.counters_label),
            self.tr("Periode: {period}").format(period=heading.period.label),
        ]
        lines += preview.summary.notes
        self.summary_label.setText("\n".join(lines))
        while self.charts_grid.count():
            item = self.charts_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        tables = charted(preview.summary.tables)
        for index, table in enumerate(tables):
            self.charts_grid.addWidget(ChartView(table), index // 2, index % 2)
        self._say(
            self.tr("Pratinjau siap: {rows} baris rincian. Tekan Ekspor untuk menyimpan.").format(
                rows=thousands_id(sum(preview.rows.values()))
            )
        )

    def chart_views(self) -> list[ChartView]:
        return self.charts.findChildren(ChartView)

    # -- export ------------------------------------------------------------------------------------

    def save(self) -> None:
        """Ctrl+S: ask where to save, then export off the GUI thread."""
        period = self.period()
        if period is None or self.busy:
            return
        fmt, kind = self.selected_format(), self.selected_kind()
        suggested = self._suggested_path(kind, period, fmt)
        filters = {
            "xlsx": self.tr("Buku kerja Excel (*.xlsx)"),
            "pdf": self.tr("Dokumen PDF (*.pdf)"),
            "csv": self.tr("CSV (*.csv)"),
        }
        chosen = self.choose_file(self, str(suggested), filters[fmt])
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != FORMAT_SUFFIX[fmt]:
            out = out.with_name(out.name + FORMAT_SUFFIX[fmt])
        request = ExportRequest(
            kind=kind,
            period=period,
            fmt=fmt,
            out=out,
            csv_delimiter=str(self.delimiter.currentData()),
            training=self.ctx.training,
        )
        self.start_export(request)

    def start_export(self, request: ExportRequest) -> None:
        if self.busy:
            return
        workspace, actor = self.ctx.workspace, self.ctx.actor
        flag = threading.Event()
        self.cancel_flag = flag
        self.last_result = None
        self.last_error = None
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._say(self.tr("Mengekspor laporan..."))
        relay = self.relay

        def job() -> ExportResult:
            return export_report(
                workspace,
                request,
                actor,
                pdf_writer=PdfReportWriter,
                progress=lambda done, total: relay.progress.emit(done, total),
                cancel=flag,
            )

        self.ctx.runner.run(job, self._export_done, self._failed)

    def _progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.progress.setRange(0, 0)
            return
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))
        self.progress.setFormat(
            self.tr("{done} dari {total} baris").format(
                done=thousands_id(done), total=thousands_id(total)
            )
        )

    def _export_done(self, result: ExportResult) -> None:
        self._finish_work()
        self.last_result = result
        self._say(
            self.tr("Tersimpan: {path} ({rows} baris rincian).").format(
                path=str(result.out), rows=thousands_id(result.total_rows)
            ),
            ok=True,
        )

    def cancel(self) -> None:
        """Batal / Esc: the writer stops at its next look at the flag and removes its file."""
        if self.cancel_flag is not None and self.busy:
            self.cancel_flag.set()
            self.cancel_button.setEnabled(False)
            self._say(self.tr("Membatalkan..."))

    def _failed(self, exc: BaseException) -> None:
        self._finish_work()
        if isinstance(exc, ReportCancelled):
            self.last_error = None
            self._say(self.tr("Dibatalkan. Tidak ada berkas yang disimpan."))
            return
        if isinstance(exc, ReportInputError):
            text = exc.message
        elif isinstance(exc, OSError):
            text = self.tr(
                "Berkas tidak bisa ditulis ({reason}). Pilih folder lain, atau tutup berkas itu "
                "jika sedang dibuka di Excel."
            ).format(reason=exc.strerror or exc.__class__.__name__)
        else:
            text = self.tr("Laporan gagal dibuat. Coba lagi; jika tetap gagal, hubungi teknisi.")
        self.last_error = text
        self._say(text, error=True)

    def _finish_work(self) -> None:
        self.progress.hide()
        self.progress.setFormat("%p%")
        self._set_busy(False)
        self.cancel_flag = None

    def _ask_save_path(self, parent: QWidget, suggested: str, file_filter: str) -> str | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, self.tr("Simpan laporan"), suggested, file_filter
        )
        return chosen or None

    def _suggested_path(self, kind: str, period: Period, fmt: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = (
            f"Laporan-{kind}-{self.ctx.workspace.config.office_code}-"
            f"{period.start.isoformat()}-{period.end.isoformat()}{FORMAT_SUFFIX[fmt]}"
        )
        return Path(folder or Path.home()) / name

    def status(self) -> dict[str, Any]:
        """What the screen shows, for tests and the tour."""
        return {
            "message": self.message.text(),
            "busy": self.busy,
            "charts": len(self.chart_views()),
        }
