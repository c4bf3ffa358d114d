"""Log audit: who changed what, and when, for the admin; read-only.

Filters: who (part of the account name), what (the action), on which kind of record, and a date
range (the counter's local days, both ends included). Newest first, one page of 100 at a time:
every query runs on the runner, so a log of millions of entries never stalls the window. The
selected entry's values before and after are shown below the table.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import audit_search
from ltsa_desk.services.audit_search import AuditEntry, AuditFilter
from ltsa_desk.ui import style
from ltsa_desk.ui.audit_words import (
    action_labels,
    describe_values,
    entity_labels,
    local_time,
    raw_values,
)
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.plain import plain_label, plain_tip

DEBOUNCE_MS = 250


@dataclass(frozen=True)
class Loaded:
    page: audit_search.AuditPage
    choices: dict[str, list[str]] | None
    thread_name: str


def load_page(
    workspace: Workspace, filters: AuditFilter, offset: int, limit: int, with_choices: bool
) -> Loaded:
    with workspace.database.session() as session:
        page = audit_search.search(session, filters, offset=offset, limit=limit)
        choices = audit_search.choices(session) if with_choices else None
    return Loaded(page, choices, threading.current_thread().name)


class AuditPage(QWidget):
    """The Log audit screen (admin only). `page_size` is smaller in tests."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        page_size: int = audit_search.PAGE_SIZE,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size
        self.offset = 0
        self.total = 0
        self.entries: list[AuditEntry] = []
        self.last_thread_name: str | None = None
        self.last_error: str | None = None
        self._generation = 0
        self._loading = False
        self._choices_loaded = False
        self._actions = action_labels()
        self._entities = entity_labels()

        title = QLabel(self.tr("Log audit"))
        font = title.font()
        font.setPointSizeF(max(font.pointSizeF(), style.MIN_POINT_SIZE) * 1.5)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            self.tr(
                "Setiap perubahan tercatat dengan siapa, kapan dan nilai sebelum/sesudahnya. "
                "Catatan tidak bisa diubah atau dihapus."
            )
        )
        subtitle.setWordWrap(True)

        self.actor = QLineEdit()
        self.actor.setAccessibleName(self.tr("Siapa"))
        self.actor.setPlaceholderText(self.tr("Semua pengguna"))
        self.actor.setToolTip(self.tr("Sebagian nama pengguna, mis. siti"))
        self.actor.setClearButtonEnabled(True)
        self.actor.setMinimumWidth(170)
        self.action = QComboBox()
        self.action.addItem(self.tr("Semua tindakan"), "")
        self.action.setMinimumWidth(200)
        self.entity = QComboBox()
        self.entity.addItem(self.tr("Semua data"), "")
        self.entity.setMinimumWidth(120)
        today = QDate.currentDate()
        self.use_since = QCheckBox(self.tr("Dari"))
        self.since = QDateEdit(today.addDays(-30))
        self.since.setAccessibleName(self.tr("Dari tanggal"))
        self.use_until = QCheckBox(self.tr("Sampai"))
        self.until = QDateEdit(today)
        self.until.setAccessibleName(self.tr("Sampai tanggal"))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_until.toggled.connect(self.until.setEnabled)
        self.clear_button = QPushButton(self.tr("Hapus filter"))
        self.clear_button.clicked.connect(self.clear_filters)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(QLabel(self.tr("Siapa")))
        filters.addWidget(self.actor, 1)
        filters.addWidget(QLabel(self.tr("Tindakan")))
        filters.addWidget(self.action, 1)
        filters.addWidget(QLabel(self.tr("Data")))
        filters.addWidget(self.entity)
        dates = QHBoxLayout()
        dates.setSpacing(8)
        dates.addWidget(self.use_since)
        dates.addWidget(self.since)
        dates.addSpacing(12)
        dates.addWidget(self.use_until)
        dates.addWidget(self.until)
        dates.addStretch(1)
        dates.addWidget(self.clear_button)

        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Catatan log audit"))
        self.table.setAccessibleDescription(
            self.tr("Satu baris per perubahan; rinciannya tampil di bawah tabel.")
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Waktu"),
                self.tr("Siapa"),
                self.tr("Tindakan"),
                self.tr("Data"),
                self.tr("Loket"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT)
        for column, width in enumerate((160, 160, 250, 0, 110)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_detail)

        self.detail = QPlainTextEdit()
        self.detail.setAccessibleName(self.tr("Rincian catatan"))
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(150)
        self.detail.setPlaceholderText(self.tr("Pilih satu catatan untuk melihat rinciannya."))

        self.previous_button = QPushButton(self.tr("Sebelumnya"))
        self.previous_button.setToolTip(self.tr("Halaman sebelumnya (Ctrl+PgUp)"))
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button = QPushButton(self.tr("Berikutnya"))
        self.next_button.setToolTip(self.tr("Halaman berikutnya (Ctrl+PgDown)"))
        self.next_button.clicked.connect(self.next_page)
        self.position = plain_label()
        self.message = plain_label()
        self.message.setWordWrap(True)
        paging = QHBoxLayout()
        paging.addWidget(self.message, 1)
        paging.addWidget(self.position)
        paging.addWidget(self.previous_button)
        paging.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(paging)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self.apply_filters)
        self.actor.textChanged.connect(lambda _text: self._debounce.start())
        self.actor.returnPressed.connect(self.apply_filters)
        for combo in (self.action, self.entity):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for check in (self.use_since, self.use_until):
            check.toggled.connect(lambda _on: self.apply_filters())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _d: self._debounce.start())
        for keys, action in (("Ctrl+PgUp", self.previous_page), ("Ctrl+PgDown", self.next_page)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        # The table takes page keys for scrolling before any shortcut sees them: ask it first.
        self.table.installEventFilter(self)
        self._update_paging()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if event.key() == Qt.Key.Key_PageDown:
                    self.next_page()
                    return True
                if event.key() == Qt.Key.Key_PageUp:
                    self.previous_page()
                    return True
        return super().eventFilter(watched, event)

    # -- filters ----------------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            actor=self.actor.text().strip(),
            action=str(self.action.currentData() or ""),
            entity=str(self.entity.currentData() or ""),
            since=_to_date(self.since.date()) if self.use_since.isChecked() else None,
            until=_to_date(self.until.date()) if self.use_until.isChecked() else None,
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.offset = 0
        self.reload()

    def clear_filters(self) -> None:
        for widget in (self.actor, self.action, self.entity, self.use_since, self.use_until):
            widget.blockSignals(True)
        self.actor.clear()
        self.action.setCurrentIndex(0)
        self.entity.setCurrentIndex(0)
        self.use_since.setChecked(False)
        self.use_until.setChecked(False)
        for widget in (self.actor, self.action, self.entity, self.use_since, self.use_until):
            widget.blockSignals(False)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        self.apply_filters()

    # -- paging -----------------------------------------------------------------------------------

    def next_page(self) -> None:
        if self.offset + self.page_size < self.total and not self._loading:
            self.offset += self.page_size
            self.reload()

    def previous_page(self) -> None:
        if self.offset > 0 and not self._loading:
            self.offset = max(0, self.offset - self.page_size)
            self.reload()

    def _update_paging(self) -> None:
        if self.total:
            last = min(self.offset + len(self.entries), self.total)
            self.position.setText(
                self.tr("{first}-{last} dari {total}").format(
                    first=self.offset + 1, last=last, total=self.total
                )
            )
        else:
            self.position.setText(self.tr("Tidak ada catatan"))
        self.previous_button.setEnabled(self.offset > 0 and not self._loading)
        self.next_button.setEnabled(self.offset + self.page_size < self.total and not self._loading)

    # -- loading ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._choices_loaded = False  # new people and actions may have appeared meanwhile
        self.reload()

    def reload(self) -> None:
        """Ask for the current page; an answer to an older question is dropped."""
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._update_paging()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Memuat..."))
        workspace, filters = self.ctx.workspace, self.current_filter()
        offset, limit, with_choices = self.offset, self.page_size, not self._choices_loaded
        self.ctx.runner.run(
            lambda: load_page(workspace, filters, offset, limit, with_choices),
            lambda loaded: self._loaded(generation, loaded),
            lambda exc: self._failed(generation, exc),
        )

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        self.last_thread_name = loaded.thread_name
        if loaded.choices is not None:
            self._fill_choices(loaded.choices)
        page = loaded.page
        self.total = page.total
        self.entries = page.entries
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            action = QTableWidgetItem(self._actions.get(entry.action, entry.action))
            action.setToolTip(plain_tip(entry.action))
            target = self._entities.get(entry.entity, entry.entity)
            if entry.label or entry.entity_id:
                target = f"{target} {entry.label or entry.entity_id}"
            cells = (
                QTableWidgetItem(local_time(entry.at)),
                QTableWidgetItem(entry.actor),
                action,
                QTableWidgetItem(target),
                QTableWidgetItem(entry.counter_id or "-"),
            )
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        if self.entries:
            self.table.selectRow(0)
        self._show_detail()  # the selection may not have moved, but its entry did
        self.message.setText(
            "" if self.entries else self.tr("Tidak ada catatan yang cocok dengan filter ini.")
        )
        self._update_paging()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._loading = False
        self.last_error = str(exc)
        self.message.setStyleSheet(style.ERROR_LABEL_CSS)
        self.message.setText(self.tr("Log audit tidak bisa dibaca. Coba lagi sebentar."))
        self._update_paging()

    def _fill_choices(self, choices: dict[str, list[str]]) -> None:
        self._choices_loaded = True
        for combo, values, labels in (
            (self.action, choices["actions"], self._actions),
            (self.entity, choices["entities"], self._entities),
        ):
            combo.blockSignals(True)
            for value in values:
                if combo.findData(value) < 0:
                    combo.addItem(labels.get(value, value), value)
            combo.blockSignals(False)
        completer = QCompleter(choices["actors"], self.actor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.actor.setCompleter(completer)

    def _show_detail(self) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes or not 0 <= indexes[0].row() < len(self.entries):
            self.detail.clear()
            self.detail.setToolTip("")
            return
        entry = self.entries[indexes[0].row()]
        heading = self.tr("{action} oleh {actor}, {time}").format(
            action=self._actions.get(entry.action, entry.action),
            actor=entry.actor,
            time=local_time(entry.at),
        )
        if entry.entity_id:
            record = self._entities.get(entry.entity, entry.entity)
            if entry.label:
                record = f"{record} {entry.label}"
            line = self.tr("{record} (id {id})").format(record=record, id=entry.entity_id)
            heading = f"{heading}\n{line}"
        self.detail.setPlainText(f"{heading}\n{describe_values(entry)}")
        self.detail.setToolTip(plain_tip(raw_values(entry)))


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
