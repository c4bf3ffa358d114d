"""The applicant page: one CPMI, everything the counter does for them, and the truth about the line.

The header (:mod:`.header`) answers the questions an officer is asked across the desk: who is
this, where is the case on the placement path, has the data reached the central registry and
immigration; under it a warning when the CPMI is about to leave while something is still stuck,
with the one button that helps: the hand-carry print. Below them four tabs, each a page of work
that fits 1366x768:

* **Data** - the record, corrected with the same rules as the intake form (:mod:`.data_tab`),
  and the case buttons "Ajukan paspor", "Batalkan CPMI" and, for an admin, "Lewati urutan..."
  (:mod:`.case_actions`).
* **Dokumen** - the checklist, attachments, preview and the scan inbox (:mod:`.documents`).
* **Surat** - letters, receipt and hand-carry (:mod:`.letters`).
* **Riwayat** - the history from the audit log and case events, newest first.

Nothing touches the database or the disk on the GUI thread: the page's view (:mod:`.view`) is read
by one operation on ``ctx.runner`` (plain dataclasses back), every change is one operation, and
the panels do the same. After any change the whole page reads itself again, so the header, the
checklist, the letter buttons and the history can never show different truths.

Main window keys: ``save()`` is Ctrl+S (saves the Data tab), ``print_current()`` is Ctrl+P (the
selected letter on the Surat tab, otherwise the CPMI's receipt).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.operations.intake import load_lookups
from ltsa_desk.services.documents import HistoryRow
from ltsa_desk.ui import style
from ltsa_desk.ui.applicant.case_actions import CaseActions
from ltsa_desk.ui.applicant.data_tab import DataTab
from ltsa_desk.ui.applicant.documents import DocumentsPanel
from ltsa_desk.ui.applicant.header import ApplicantHeader
from ltsa_desk.ui.applicant.letters import LettersPanel
from ltsa_desk.ui.applicant.view import ApplicantView, load_view
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import FormNotice, MessageKind
from ltsa_desk.ui.operation import Failure, Generation, Operation
from ltsa_desk.ui.plain import plain_tip
from ltsa_desk.ui.words import datetime_label

__all__ = ["ApplicantPage"]


class ApplicantPage(QWidget):
    """One CPMI. ``load(applicant_id)`` shows them; the main window calls ``save()`` (Ctrl+S)
    and ``print_current()`` (Ctrl+P).

    Signals: ``back_requested`` (the officer wants the previous screen), ``changed(id)`` after
    any change that other screens list (search results, the sync screen), ``loaded(id)`` after
    the page has read itself.
    """

    back_requested = Signal()
    changed = Signal(str)
    loaded = Signal(str)

    TAB_DATA, TAB_DOCUMENTS, TAB_LETTERS, TAB_HISTORY = range(4)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        scan_folder: Path | None = None,
        output_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.applicant_id: str | None = None
        self.job_threads: list[str] = []
        self._loads = Generation()

        self.header = ApplicantHeader()
        self.header.back_button.clicked.connect(self.back_requested)
        self.departure_banner = FormNotice()
        self.departure_banner.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
        )
        self.data_tab = DataTab(ctx, self.job_threads, today=today)
        self.actions = CaseActions(ctx, self.data_tab, self.job_threads)
        self.documents = DocumentsPanel(ctx, today=today, scan_folder=scan_folder)
        self.letters = LettersPanel(ctx, today=today, output_dir=output_dir)
        self._build_history_tab()
        self._build_tabs()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        self.opened_notice = FormNotice()
        self.opened_notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.opened_notice)
        layout.addWidget(self.departure_banner)
        layout.addWidget(self.tabs, 1)

        self.data_tab.saved.connect(self._after_change)
        self.data_tab.show_requested.connect(partial(self.tabs.setCurrentWidget, self.data_tab))
        self.actions.done.connect(self._after_change)
        self.documents.changed.connect(partial(self._panel_changed, "documents"))
        self.letters.changed.connect(partial(self._panel_changed, "letters"))
        self.departure_banner.action.connect(self._banner_action)
        self.letters.loaded.connect(self._letters_loaded)

        self._sync_refresh = QTimer(self)
        self._sync_refresh.setSingleShot(True)
        self._sync_refresh.setInterval(1000)
        self._sync_refresh.timeout.connect(self._refresh_view)
        if ctx.bridge is not None:
            ctx.bridge.engine_event.connect(self._engine_event)

        Operation(self, ctx.runner, partial(load_lookups, ctx.workspace)).success(
            self.data_tab.set_lookups
        ).run_in_background()

    # ------------------------------------------------------------------------------ building

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self.data_tab, self.tr("Data"))
        self.tabs.addTab(self.documents, self.tr("Dokumen"))
        self.tabs.addTab(self.letters, self.tr("Surat"))
        self.tabs.addTab(self.history_tab, self.tr("Riwayat"))
        for index, tip in enumerate(
            (
                self.tr("Data CPMI (Ctrl+1)"),
                self.tr("Kelengkapan dokumen (Ctrl+2)"),
                self.tr("Surat, tanda terima, hand-carry (Ctrl+3)"),
                self.tr("Riwayat (Ctrl+4)"),
            )
        ):
            self.tabs.setTabToolTip(index, tip)
            QShortcut(
                QKeySequence(f"Ctrl+{index + 1}"),
                self,
                partial(self.tabs.setCurrentIndex, index),
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )

    def _build_history_tab(self) -> None:
        self.history_table = QTableWidget(0, 4)
        self.history_table.setAccessibleName(self.tr("Riwayat CPMI"))
        self.history_table.setAccessibleDescription(
            self.tr("Setiap perubahan kasus ini: kapan, siapa, apa.")
        )
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("Waktu"), self.tr("Petugas"), self.tr("Kejadian"), self.tr("Keterangan")]
        )
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT)
        self.history_table.setAlternatingRowColors(True)
        self.history_table.setWordWrap(False)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.history_table.setColumnWidth(3, 320)
        self.history_tab = QWidget()
        layout = QVBoxLayout(self.history_tab)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.history_table)

    @property
    def view(self) -> ApplicantView | None:
        """The CPMI as last read (``None`` while a newly opened one is being read)."""
        return self.data_tab.view

    def all_job_threads(self) -> list[str]:
        """Every thread the page and its panels did work on (tests assert none is the GUI's)."""
        return [*self.job_threads, *self.documents.job_threads, *self.letters.job_threads]

    # ------------------------------------------------------------------------------ loading

    def load(self, applicant_id: str, reason: str = "") -> None:
        """Show this CPMI: the page and both panels read themselves on the runner. ``reason``
        says why the page opened when the officer did not choose it (a registered NIK)."""
        if reason:
            self.opened_notice.show_message(MessageKind.INFO, reason)
        else:
            self.opened_notice.clear()
        if applicant_id != self.applicant_id:
            self.data_tab.forget()
            self.header.name_label.setText(self.tr("Memuat..."))
            self.tabs.setCurrentIndex(self.TAB_DATA)
        self.applicant_id = applicant_id
        self._refresh_view()
        self.documents.load(applicant_id)
        self.letters.load(applicant_id)

    def reload(self) -> None:
        """Read everything again (after a change elsewhere, e.g. the sync screen's fix)."""
        if self.applicant_id is not None:
            self.load(self.applicant_id)

    def _refresh_view(self) -> None:
        if self.applicant_id is None:
            return
        job = partial(
            load_view, self.ctx.workspace, self.applicant_id, self.today(), self.ctx.actor
        )
        Operation(self, self.ctx.runner, job, threads=self.job_threads).superseding(
            self._loads
        ).success(self._view_loaded).failure(self._view_failed).run_in_background()

    def _view_loaded(self, view: ApplicantView) -> None:
        self.data_tab.show_view(view)
        self.header.show_view(view)
        self._show_departure(view)
        self._show_history(view.history)
        self.loaded.emit(view.id)

    def _view_failed(self, failure: Failure) -> None:
        self.header.name_label.setText(self.tr("CPMI tidak dapat dibuka"))
        self.data_tab.say(MessageKind.ERROR, failure.message)

    # ------------------------------------------------------------------------------ departure

    def _show_departure(self, view: ApplicantView) -> None:
        warning = view.warning
        if warning is None:
            self.departure_banner.clear()
            return
        hand_carry = self.letters.view is not None and self.letters.view.hand_carry_allowed
        text = (
            warning.message
            + ". "
            + self.tr(
                "Pastikan data sampai sebelum CPMI berangkat: periksa Sinkronisasi, atau cetak "
                "permohonan paspor untuk dibawa ke Imigrasi."
            )
        )
        self.departure_banner.show_message(
            MessageKind.ERROR if warning.needs_attention else MessageKind.WARNING,
            text,
            self.tr("Cetak permohonan paspor (hand-carry)") if hand_carry else None,
        )

    def _letters_loaded(self) -> None:
        """The hand-carry verdict arrives with the letters: offer it in the banner too."""
        if self.view is not None:
            self._show_departure(self.view)

    def _banner_action(self) -> None:
        self.tabs.setCurrentWidget(self.letters)
        self.letters.open_hand_carry()

    def departure_warning(self) -> str | None:
        """The banner's text while a departure warning is shown (for tests and the tour)."""
        if self.departure_banner.kind == MessageKind.NONE:
            return None
        return self.departure_banner.text.text() or None

    # ------------------------------------------------------------------------------ changes

    def has_unsaved_changes(self) -> bool:
        """Whether leaving now would lose corrections (for the window's close guard)."""
        return self.data_tab.has_unsaved_changes()

    def _after_change(self) -> None:
        """Something changed: read everything again, wake the line, tell the other screens."""
        if self.ctx.bridge is not None:
            self.ctx.bridge.wake()
        self.reload()
        if self.applicant_id is not None:
            self.changed.emit(self.applicant_id)

    def _panel_changed(self, source: str) -> None:
        """A panel changed the case: the other panel, the header and the history follow."""
        self._refresh_view()
        if source == "documents":
            self.letters.reload()
        else:
            self.documents.reload()
        if self.ctx.bridge is not None:
            self.ctx.bridge.wake()
        if self.applicant_id is not None:
            self.changed.emit(self.applicant_id)

    def _engine_event(self, _destination: str, kind: str, _detail: dict[str, Any]) -> None:
        """Deliveries and pulled statuses change the header's truth: refresh it, calmly."""
        if self.applicant_id is not None and kind in {"batch", "pulled", "online", "offline"}:
            self._sync_refresh.start()

    # ------------------------------------------------------------------------------ history

    def _show_history(self, rows: list[HistoryRow]) -> None:
        self.history_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = (
                datetime_label(row.at),
                row.actor,
                row.text,
                row.note or "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setToolTip(plain_tip(text))
                self.history_table.setItem(index, column, item)

    # ------------------------------------------------------------------------------ window keys

    def save(self) -> None:
        """Ctrl+S: save corrections of the Data tab (the service checks again and audits)."""
        if self.applicant_id is not None:
            self.data_tab.save()

    def print_current(self) -> None:
        """Ctrl+P: the selected letter when the Surat tab is open, otherwise the receipt."""
        on_letters = self.tabs.currentWidget() is self.letters
        self.letters.print_current(prefer_letter=on_letters)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def stop(self) -> None:
        """The page is closing: stop watching the scan folder."""
        self.documents.stop()
