"""Sinkronisasi: the whole truth about what left, what waits and what was refused.

Per destination: online or offline and since when, what waits, the oldest wait, the last
delivery, and a paused destination shown as a credentials problem for the technician. Below, the
*needs attention* list: each refused submission with the remote's reason in words and the button
that fixes it ("Buka data CPMI": the officer corrects the record, and saving the correction queues
the corrected submission in the refused one's place). "Kirim ulang" re-sends a refused item as it
is, for when the problem was fixed on the remote side; "Kirim sekarang" wakes the engine.

Every query runs on the runner (`services.sync_queue.sync_overview`); the page only paints
results. The destination cards are `ui.sync_cards`, the two lists `ui.sync_tables`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from ltsa_desk.services.sync_queue import SyncOverview, retry_item, sync_overview
from ltsa_desk.services.waiting import WaitingItem
from ltsa_desk.ui import style
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.line_status import DESTINATIONS, destination_label, utc_now
from ltsa_desk.ui.plain import plain_label, plain_tip
from ltsa_desk.ui.sync_bundle import UsbBundle
from ltsa_desk.ui.sync_cards import DestinationCard, local_time
from ltsa_desk.ui.sync_tables import SubmissionRow, SubmissionTable
from ltsa_desk.ui.sync_words import AttentionItem, attention_item, kind_label, waiting_reason


def read_overview(
    workspace: Any, previous: SyncOverview | None
) -> tuple[SyncOverview, list[AttentionItem]]:
    """The page's data and its refusals in words, both made on the runner."""
    overview = sync_overview(workspace, previous)
    return overview, [attention_item(item) for item in overview.refused]


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

        self.table = SubmissionTable(
            [
                self.tr("CPMI"),
                self.tr("Kode"),
                self.tr("Tujuan"),
                self.tr("Kiriman"),
                self.tr("Alasan"),
                self.tr("Sejak"),
            ],
            self.open_selected,
        )
        self.table.setAccessibleName(self.tr("Kiriman yang perlu tindakan"))
        self.table.setAccessibleDescription(
            self.tr("Enter: buka data CPMI untuk diperbaiki sesuai alasannya.")
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        refresh_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh_shortcut.activated.connect(self.send_now)

        # Which CPMI wait, for the officer asked about one at the counter (issue 18).
        self.waiting_title = QLabel(self.tr("Menunggu dikirim"))
        self.waiting_title.setFont(attention_font)
        self.waiting_empty = QLabel(self.tr("Tidak ada kiriman yang menunggu."))
        self.waiting_empty.setStyleSheet(f"color: {style.DELIVERED};")
        self.waiting_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.waiting_table = SubmissionTable(
            [
                self.tr("CPMI"),
                self.tr("Kode"),
                self.tr("Tujuan"),
                self.tr("Kiriman"),
                self.tr("Alasan"),
                self.tr("Menunggu sejak"),
            ],
            self.open_selected_waiting,
        )
        self.waiting_table.setAccessibleName(self.tr("Kiriman yang menunggu dikirim"))
        self.waiting_table.setAccessibleDescription(
            self.tr("CPMI yang kirimannya belum terkirim, dengan alasannya. Enter: buka data CPMI.")
        )

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
        # The USB bundle, for when the line stays down for days (`ui.sync_bundle`).
        self.bundle = UsbBundle(self, self)
        self.export_button = self.bundle.export_button
        self.import_button = self.bundle.import_button
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
        self.ctx.runner.run(lambda: read_overview(workspace, previous), self._show, self._failed)

    def _show(self, result: tuple[SyncOverview, list[AttentionItem]]) -> None:
        if not isValid(self):  # the page was closed while the query ran
            return
        overview, attention = result
        self._loading = False
        self.overview = overview
        self.last_thread_name = overview.thread_name
        now = self.now or utc_now()
        for name, card in self.cards.items():
            card.show_info(overview.status.get(name) or {}, overview.last_delivered.get(name), now)
        self._fill_table(attention)
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
        self.say(self.tr("Data sinkronisasi tidak bisa dibaca. Coba lagi sebentar."), error=True)

    def _fill_table(self, rows: list[AttentionItem]) -> None:
        selected = self.selected_item()
        self.rows = list(rows)
        self.attention_title.setText(self.tr("Perlu tindakan ({n})").format(n=len(rows)))
        shown: list[SubmissionRow] = [
            (
                (
                    f"{item.applicant_name}\n{item.nik}",
                    item.tracking_code,
                    destination_label(item.destination),
                    item.kind_label,
                    item.reason,
                    local_time(item.since),
                ),
                plain_tip(self.tr("Jawaban server: {reason}").format(reason=item.remote_reason)),
            )
            for item in rows
        ]
        self.table.show_rows(shown)
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
        shown: list[SubmissionRow] = []
        for item in rows:
            said = self.tr("Jawaban server: {reason}").format(reason=item.last_error)
            values = (
                f"{item.applicant_name}\n{item.nik}",
                item.tracking_code,
                destination_label(item.destination),
                kind_label(item.kind),
                waiting_reason(item),
                local_time(item.since),
            )
            shown.append((values, plain_tip(said) if item.last_error else None))
        self.waiting_table.show_rows(shown)
        self.waiting_table.setVisible(bool(rows))
        self.waiting_empty.setVisible(not rows)

    # -- actions ----------------------------------------------------------------------------------

    def open_selected_waiting(self) -> None:
        row = self.waiting_table.selected_row()
        if row is not None and 0 <= row < len(self.waiting_rows):
            self.open_applicant.emit(self.waiting_rows[row].applicant_id)

    def selected_item(self) -> AttentionItem | None:
        row = self.table.selected_row()
        if row is None:
            return None
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
        self.say(
            self.tr("Kiriman dikirim ulang.") if count else self.tr("Kiriman sudah tidak menunggu.")
        )
        self.send_now()

    def send_now(self) -> None:
        """Wake the engine (send what can leave now) and show the result when it arrives."""
        if self.ctx.bridge is not None:
            self.ctx.bridge.wake()
        self.reload()

    def say(self, text: str, error: bool = False) -> None:
        """A line under the refused list: a resend's or the bundle's outcome."""
        self.message.setStyleSheet(style.ERROR_LABEL_CSS if error else "")
        self.message.setText(text)

    # -- the USB bundle (`ui.sync_bundle`); its file dialogs are answered by tests ---------------

    def export_bundle(self) -> None:
        self.bundle.export()

    def import_receipts(self) -> None:
        self.bundle.import_receipts()

    @property
    def ask_export_path(self) -> Callable[[], str | None]:
        return self.bundle.ask_export_path

    @ask_export_path.setter
    def ask_export_path(self, ask: Callable[[], str | None]) -> None:
        self.bundle.ask_export_path = ask

    @property
    def ask_receipts_path(self) -> Callable[[], str | None]:
        return self.bundle.ask_receipts_path

    @ask_receipts_path.setter
    def ask_receipts_path(self, ask: Callable[[], str | None]) -> None:
        self.bundle.ask_receipts_path = ask
