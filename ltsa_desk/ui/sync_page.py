"""Sinkronisasi: the whole truth about what left, what waits and what was refused.

Per destination: online or offline and since when, what waits, the oldest wait, the last
delivery, and a paused destination shown as a credentials problem for the technician. Below, the
*needs attention* list: each refused submission with the remote's reason in words and the button
that fixes it ("Buka data CPMI": the officer corrects the record, and saving the correction queues
the corrected submission in the refused one's place). "Kirim ulang" re-sends a refused item as it
is, for when the problem was fixed on the remote side; "Kirim sekarang" wakes the engine.

Every query runs on the runner (`sync_bridge.sync_overview`); the page only paints results.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ltsa_desk.services import bundles, waiting
from ltsa_desk.services.waiting import WaitingItem
from ltsa_desk.ui import style
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.line_status import (
    DESTINATIONS,
    PAUSED,
    UNSET,
    LineIndicator,
    describe_line,
    destination_label,
    format_duration,
    offline_seconds,
    parse_time,
    utc_now,
    waiting_count,
)
from ltsa_desk.ui.plain import plain_label, plain_tip
from ltsa_desk.ui.sync_bridge import (
    AttentionItem,
    SyncOverview,
    kind_label,
    retry_item,
    sync_overview,
)


def local_time(value: str | None) -> str:
    """An ISO UTC time from the database as the counter's local date and time."""
    when = parse_time(value)
    return "-" if when is None else when.astimezone().strftime("%d-%m-%Y %H:%M")


class DestinationCard(QGroupBox):
    """One remote system: the line in words and the numbers behind it."""

    def __init__(self, destination: str, parent: QWidget | None = None) -> None:
        super().__init__(destination_label(destination), parent)
        self.destination = destination
        self.indicator = LineIndicator(destination, self)
        self.indicator.text.setWordWrap(True)
        bold = self.indicator.text.font()
        bold.setBold(True)
        self.indicator.text.setFont(bold)
        self.offline_since = QLabel("-")
        self.waiting = QLabel("-")
        self.in_flight = QLabel("-")
        self.attention = QLabel("-")
        self.delivered = QLabel("-")
        self.oldest = QLabel("-")
        self.last_delivery = QLabel("-")
        self.technician = plain_label()
        self.technician.setWordWrap(True)
        self.technician.setStyleSheet(f"color: {style.PAUSED};")
        self.technician.hide()
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        form.addRow(self.tr("Offline sejak"), self.offline_since)
        form.addRow(self.tr("Menunggu"), self.waiting)
        form.addRow(self.tr("Sedang dikirim"), self.in_flight)
        form.addRow(self.tr("Perlu tindakan"), self.attention)
        form.addRow(self.tr("Terkirim"), self.delivered)
        form.addRow(self.tr("Kiriman tertua menunggu"), self.oldest)
        form.addRow(self.tr("Pengiriman terakhir"), self.last_delivery)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.indicator)
        layout.addWidget(self.technician)
        layout.addLayout(form)
        layout.addStretch(1)  # cards side by side share a height; keep the words at the top

    def show_info(
        self, info: dict[str, Any], last_delivered: str | None, now: datetime | None
    ) -> None:
        state = describe_line(self.destination, info, now)
        # The card's title already names the destination: the words alone.
        self.indicator.show_state(state)
        self.indicator.text.setText(state.text)
        self.indicator.text.setMinimumWidth(0)  # the card wraps long words instead
        away = offline_seconds(info, now)
        if away is None:
            self.offline_since.setText("-")
        else:
            self.offline_since.setText(
                self.tr("{when} ({duration})").format(
                    when=local_time(info.get("offline_since")), duration=format_duration(away)
                )
            )
        self.waiting.setText(str(int(info.get("pending") or 0)))
        self.in_flight.setText(str(int(info.get("in_flight") or 0)))
        attention = int(info.get("needs_attention") or 0)
        self.attention.setText(str(attention))
        self.attention.setStyleSheet(
            f"color: {style.ATTENTION}; font-weight: bold;" if attention else ""
        )
        self.delivered.setText(str(int(info.get("delivered") or 0)))
        age = info.get("oldest_pending_age_s")
        self.oldest.setText(
            format_duration(age) if age is not None and waiting_count(info) else "-"
        )
        self.last_delivery.setText(
            local_time(last_delivered) if last_delivered else self.tr("belum ada")
        )
        if state.level == PAUSED:
            self.technician.setText(
                self.tr(
                    "Server menolak kredensial kantor; kiriman disimpan dan menunggu. Teknisi: "
                    "perbarui dengan 'ltsa-desk credentials set {destination} --token-stdin'."
                ).format(destination=self.destination)
            )
            self.technician.show()
        elif state.level == UNSET:
            self.technician.setText(
                self.tr(
                    "Alamat server belum diatur; kiriman disimpan dan menunggu. Teknisi: atur "
                    "dengan 'ltsa-desk config set {destination}.url ALAMAT'."
                ).format(destination=self.destination)
            )
            self.technician.show()
        else:
            self.technician.hide()


# Why a submission has not left, in the officer's words (`services.waiting` codes); marked for
# the translation tools, looked up where shown.
_WAITING_REASONS = {
    waiting.SENDING: QT_TRANSLATE_NOOP("SyncPage", "Sedang dikirim"),
    waiting.PAUSED: QT_TRANSLATE_NOOP(
        "SyncPage", "Ditunda: kredensial tujuan ditolak - hubungi teknisi"
    ),
    waiting.OFFLINE: QT_TRANSLATE_NOOP(
        "SyncPage", "Sambungan ke tujuan terputus; terkirim sendiri saat tersambung"
    ),
    waiting.AFTER_PREVIOUS: QT_TRANSLATE_NOOP(
        "SyncPage", "Menunggu kiriman sebelumnya untuk CPMI ini terkirim"
    ),
    waiting.RETRYING: QT_TRANSLATE_NOOP(
        "SyncPage", "Percobaan terakhir gagal; dicoba lagi otomatis"
    ),
    waiting.QUEUED: QT_TRANSLATE_NOOP("SyncPage", "Dalam antrean"),
}


def waiting_reason(item: WaitingItem) -> str:
    """Why a submission has not left, in the window's language."""
    source = _WAITING_REASONS.get(item.reason)
    return item.reason if source is None else QCoreApplication.translate("SyncPage", source)


class SyncPage(QWidget):
    """The Sync screen. `open_applicant(str)` carries the applicant id of the record to fix."""

    open_applicant = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.now: datetime | None = None  # tests pin the clock; None means the real time
        self.overview: SyncOverview | None = None
        self.rows: list[AttentionItem] = []
        self.waiting_rows: list[WaitingItem] = []
        self.last_error: str | None = None
        self.last_thread_name: str | None = None
        self._loading = False
        self._again = False

        title = QLabel(self.tr("Sinkronisasi"))
        font = title.font()
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.5)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            self.tr(
                "Kiriman ke Registri pusat dan Imigrasi berangkat sendiri saat sambungan ada. "
                "Semua pekerjaan sudah tersimpan di kantor."
            )
        )
        subtitle.setWordWrap(True)
        self.send_now_button = QPushButton(self.tr("Kirim sekarang"))
        self.send_now_button.setToolTip(self.tr("Coba kirim semua kiriman sekarang (F5)"))
        self.send_now_button.clicked.connect(self.send_now)
        self.updated_label = QLabel()
        self.updated_label.setStyleSheet(f"color: {style.OFFLINE};")
        header = QHBoxLayout()
        header_text = QVBoxLayout()
        header_text.addWidget(title)
        header_text.addWidget(subtitle)
        header.addLayout(header_text, 1)
        header.addWidget(self.updated_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.send_now_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.cards = {name: DestinationCard(name, self) for name in DESTINATIONS}
        cards = QHBoxLayout()
        cards.setSpacing(16)
        for card in self.cards.values():
            cards.addWidget(card, 1)

        self.attention_title = QLabel(self.tr("Perlu tindakan"))
        attention_font = self.attention_title.font()
        attention_font.setBold(True)
        attention_font.setPointSizeF(max(attention_font.pointSizeF(), 10) * 1.2)
        self.attention_title.setFont(attention_font)
        self.attention_help = QLabel(
            self.tr(
                "Kiriman di bawah ditolak oleh server tujuan. Buka data CPMI, perbaiki sesuai "
                "alasannya, lalu Simpan: kiriman yang sudah diperbaiki otomatis menggantikan "
                "yang ditolak. Kirim ulang hanya bila masalahnya sudah dibereskan di server "
                "tujuan."
            )
        )
        self.attention_help.setWordWrap(True)
        self.empty_label = QLabel(self.tr("Tidak ada kiriman yang perlu tindakan."))
        self.empty_label.setStyleSheet(f"color: {style.DELIVERED};")

        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName(self.tr("Kiriman yang perlu tindakan"))
        self.table.setAccessibleDescription(
            self.tr("Enter: buka data CPMI untuk diperbaiki sesuai alasannya.")
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("CPMI"),
                self.tr("Kode"),
                self.tr("Tujuan"),
                self.tr("Kiriman"),
                self.tr("Alasan"),
                self.tr("Sejak"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setMinimumSectionSize(style.ROW_HEIGHT)
        self.table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT)
        header_view = self.table.horizontalHeader()
        for column, width in enumerate((200, 190, 120, 140, 0, 135)):
            if width:
                self.table.setColumnWidth(column, width)
        header_view.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected)
        refresh_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh_shortcut.activated.connect(self.send_now)

        # Which CPMI wait, for the officer asked about one at the counter (issue 18).
        self.waiting_title = QLabel(self.tr("Menunggu dikirim"))
        self.waiting_title.setFont(attention_font)
        self.waiting_empty = QLabel(self.tr("Tidak ada kiriman yang menunggu."))
        self.waiting_empty.setStyleSheet(f"color: {style.DELIVERED};")
        self.waiting_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.waiting_table = QTableWidget(0, 6)
        self.waiting_table.setAccessibleName(self.tr("Kiriman yang menunggu dikirim"))
        self.waiting_table.setAccessibleDescription(
            self.tr("CPMI yang kirimannya belum terkirim, dengan alasannya. Enter: buka data CPMI.")
        )
        self.waiting_table.setHorizontalHeaderLabels(
            [
                self.tr("CPMI"),
                self.tr("Kode"),
                self.tr("Tujuan"),
                self.tr("Kiriman"),
                self.tr("Alasan"),
                self.tr("Menunggu sejak"),
            ]
        )
        self.waiting_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.waiting_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.waiting_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.waiting_table.setWordWrap(True)
        self.waiting_table.setAlternatingRowColors(True)
        self.waiting_table.verticalHeader().setVisible(False)
        self.waiting_table.verticalHeader().setMinimumSectionSize(style.ROW_HEIGHT)
        self.waiting_table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT)
        for column, width in enumerate((200, 190, 120, 140, 0, 135)):
            if width:
                self.waiting_table.setColumnWidth(column, width)
        self.waiting_table.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch
        )
        self.waiting_table.doubleClicked.connect(lambda _index: self.open_selected_waiting())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.waiting_table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.open_selected_waiting)

        self.open_button = QPushButton(self.tr("Buka data CPMI"))
        self.open_button.setToolTip(self.tr("Buka data CPMI ini untuk diperbaiki (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.retry_button = QPushButton(self.tr("Kirim ulang"))
        self.retry_button.setToolTip(
            self.tr("Kirim lagi tanpa perubahan, bila masalahnya sudah dibereskan di server tujuan")
        )
        self.retry_button.clicked.connect(self.retry_selected)
        self.message = plain_label()  # may quote a remote's reason, a file name
        self.message.setWordWrap(True)
        # The USB bundle, for when the line stays down for days (`services.bundles`): the file
        # dialogs are attributes so tests can answer them.
        self.ask_export_path: Callable[[], str | None] = self._ask_export_path
        self.ask_receipts_path: Callable[[], str | None] = self._ask_receipts_path
        self.bundle_busy = False
        self.export_button = QPushButton(self.tr("Ekspor bundel USB"))
        self.export_button.setToolTip(
            self.tr(
                "Saat sambungan mati berhari-hari: tulis semua kiriman yang menunggu ke flashdisk "
                "(terenkripsi), untuk diunggah dari kantor yang punya sambungan"
            )
        )
        self.export_button.clicked.connect(self.export_bundle)
        self.import_button = QPushButton(self.tr("Impor tanda terima"))
        self.import_button.setToolTip(
            self.tr("Tandai kiriman bundel sebagai terkirim, dari berkas tanda terima unggahan")
        )
        self.import_button.clicked.connect(self.import_receipts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(cards)
        layout.addWidget(self.attention_title)
        layout.addWidget(self.attention_help)
        # Only one of the two is visible; either takes the free height, so nothing floats.
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.waiting_title)
        layout.addWidget(self.waiting_empty, 1)
        layout.addWidget(self.waiting_table, 1)
        self.setTabOrder(self.send_now_button, self.table)
        self.setTabOrder(self.table, self.open_button)
        self.setTabOrder(self.open_button, self.retry_button)
        self.setTabOrder(self.retry_button, self.export_button)
        self.setTabOrder(self.export_button, self.import_button)
        self.setTabOrder(self.import_button, self.waiting_table)
        self._update_buttons()

        if ctx.bridge is not None:
            ctx.bridge.status_changed.connect(self._on_status)

    # -- loading ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.reload()

    def _on_status(self, _status: dict[str, Any]) -> None:
        # The bridge throttles its signal; a hidden page reloads when it is shown again.
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the overview on the runner; a reload asked meanwhile runs right after."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        workspace = self.ctx.workspace
        previous = self.overview
        self.ctx.runner.run(lambda: sync_overview(workspace, previous), self._show, self._failed)

    def _show(self, overview: SyncOverview) -> None:
        if not isValid(self):  # the page was closed while the query ran
            return
        self._loading = False
        self.overview = overview
        self.last_thread_name = overview.thread_name
        now = self.now or utc_now()
        for name, card in self.cards.items():
            card.show_info(overview.status.get(name) or {}, overview.last_delivered.get(name), now)
        self._fill_table(overview.attention)
        self._fill_waiting(overview.waiting)
        self.updated_label.setText(
            self.tr("Diperbarui {time}").format(time=datetime.now().strftime("%H:%M:%S"))
        )
        if self._again:
            self._again = False
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._loading = False
        self.last_error = str(exc)
        self.message.setStyleSheet(style.ERROR_LABEL_CSS)
        self.message.setText(self.tr("Data sinkronisasi tidak bisa dibaca. Coba lagi sebentar."))

    def _fill_table(self, rows: list[AttentionItem]) -> None:
        selected = self.selected_item()
        self.rows = list(rows)
        self.attention_title.setText(self.tr("Perlu tindakan ({n})").format(n=len(rows)))
        self.table.setRowCount(len(rows))
        for row, item in enumerate(rows):
            values = (
                f"{item.applicant_name}\n{item.nik}",
                item.tracking_code,
                destination_label(item.destination),
                item.kind_label,
                item.reason,
                local_time(item.since),
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == 4:
                    cell.setToolTip(
                        plain_tip(
                            self.tr("Jawaban server: {reason}").format(reason=item.remote_reason)
                        )
                    )
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        for row in range(len(rows)):  # generous rows: two lines of text need air (UX.md)
            self.table.setRowHeight(row, max(style.ROW_HEIGHT, self.table.rowHeight(row) + 10))
        has_rows = bool(rows)
        self.table.setVisible(has_rows)
        self.attention_help.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)
        if has_rows:
            keys = [r.key for r in rows]
            keep = keys.index(selected.key) if selected and selected.key in keys else 0
            self.table.selectRow(keep)
        self._update_buttons()

    def _fill_waiting(self, rows: list[WaitingItem]) -> None:
        self.waiting_rows = list(rows)
        self.waiting_title.setText(self.tr("Menunggu dikirim ({n})").format(n=len(rows)))
        self.waiting_table.setRowCount(len(rows))
        for row, item in enumerate(rows):
            values = (
                f"{item.applicant_name}\n{item.nik}",
                item.tracking_code,
                destination_label(item.destination),
                kind_label(item.kind),
                waiting_reason(item),
                local_time(item.since),
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == 4 and item.last_error:
                    said = self.tr("Jawaban server: {reason}").format(reason=item.last_error)
                    cell.setToolTip(plain_tip(said))
                self.waiting_table.setItem(row, column, cell)
        self.waiting_table.resizeRowsToContents()
        for row in range(len(rows)):
            self.waiting_table.setRowHeight(
                row, max(style.ROW_HEIGHT, self.waiting_table.rowHeight(row) + 10)
            )
        self.waiting_table.setVisible(bool(rows))
        self.waiting_empty.setVisible(not rows)

    # -- actions ----------------------------------------------------------------------------------

    def open_selected_waiting(self) -> None:
        indexes = self.waiting_table.selectionModel().selectedRows()
        if indexes and 0 <= indexes[0].row() < len(self.waiting_rows):
            self.open_applicant.emit(self.waiting_rows[indexes[0].row()].applicant_id)

    def selected_item(self) -> AttentionItem | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].row()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        chosen = self.selected_item() is not None
        self.open_button.setEnabled(chosen)
        self.retry_button.setEnabled(chosen)
        self.open_button.setVisible(bool(self.rows))
        self.retry_button.setVisible(bool(self.rows))

    def open_selected(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.open_applicant.emit(item.applicant_id)

    def retry_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        workspace = self.ctx.workspace
        key = item.key
        self.retry_button.setEnabled(False)
        self.ctx.runner.run(lambda: retry_item(workspace, key), self._retried, self._failed)

    def _retried(self, count: int) -> None:
        if not isValid(self):
            return
        self.message.setStyleSheet("")
        self.message.setText(
            self.tr("Kiriman dikirim ulang.") if count else self.tr("Kiriman sudah tidak menunggu.")
        )
        self.send_now()

    def send_now(self) -> None:
        """Wake the engine (send what can leave now) and show the result when it arrives."""
        if self.ctx.bridge is not None:
            self.ctx.bridge.wake()
        self.reload()

    # -- the USB bundle ---------------------------------------------------------------------------

    def export_bundle(self) -> None:
        """Write the waiting submissions to a chosen drive (scrypt and the write run off-thread)."""
        if self.bundle_busy:
            return
        chosen = self.ask_export_path()
        if not chosen:
            return
        workspace, actor, path = self.ctx.workspace, self.ctx.actor, Path(chosen)
        self._bundle_started(self.tr("Menulis bundel..."))
        self.ctx.runner.run(
            lambda: bundles.export_bundle(workspace, path, actor),
            self._exported,
            self._bundle_failed,
        )

    def _exported(self, report: Any) -> None:
        if not isValid(self):
            return
        self._bundle_done()
        if not report.items:
            self._bundle_message(
                self.tr("Tidak ada kiriman yang bisa diekspor: semua terkirim atau perlu tindakan.")
            )
            return
        self._bundle_message(
            self.tr(
                "{n} kiriman ditulis ke {file}. Kiriman tetap menunggu di sini dan tidak akan "
                "terkirim dua kali. Setelah diunggah, impor tanda terimanya."
            ).format(n=report.items, file=str(report.path))
        )
        self.reload()

    def import_receipts(self) -> None:
        if self.bundle_busy:
            return
        chosen = self.ask_receipts_path()
        if not chosen:
            return
        workspace, actor, path = self.ctx.workspace, self.ctx.actor, Path(chosen)
        self._bundle_started(self.tr("Memeriksa tanda terima..."))
        self.ctx.runner.run(
            lambda: bundles.import_receipts(workspace, path, actor),
            self._imported,
            self._bundle_failed,
        )

    def _imported(self, report: Any) -> None:
        if not isValid(self):
            return
        self._bundle_done()
        applied = report.applied
        self._bundle_message(
            self.tr(
                "Tanda terima diimpor: {delivered} kiriman kini terkirim, {already} sudah "
                "terkirim sebelumnya, {refused} ditolak (perlu tindakan), {waiting} masih menunggu."
            ).format(
                delivered=applied.delivered,
                already=applied.already_delivered,
                refused=applied.refused,
                waiting=applied.still_waiting,
            )
        )
        if self.ctx.bridge is not None:
            self.ctx.bridge.refresh()
        self.reload()

    def _bundle_started(self, text: str) -> None:
        self.bundle_busy = True
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self._bundle_message(text)

    def _bundle_done(self) -> None:
        self.bundle_busy = False
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)

    def _bundle_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._bundle_done()
        self.last_error = str(exc)
        if isinstance(exc, bundles.BundleError):
            text = str(exc)  # already in words for the officer, naming what to do
        else:
            text = self.tr(
                "Bundel tidak bisa diproses. Coba lagi; jika tetap gagal, hubungi teknisi."
            )
        self._bundle_message(text, error=True)

    def _bundle_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(style.ERROR_LABEL_CSS if error else "")
        self.message.setText(text)

    def _ask_export_path(self) -> str | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Ekspor bundel USB"),
            bundles.default_bundle_name(self.ctx.workspace.config),
            self.tr("Bundel LTSA (*.ltsab)"),
        )
        return chosen or None

    def _ask_receipts_path(self) -> str | None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Impor tanda terima"),
            "",
            self.tr("Tanda terima bundel (*.ltsar);;Semua berkas (*)"),
        )
        return chosen or None
