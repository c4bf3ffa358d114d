"""The applicants table model: pages fetched on a worker thread, never a query on the GUI thread.

The view asks `canFetchMore`/`fetchMore` when the officer scrolls near the end; the model answers
by starting one page query on the runner and inserting the rows when they arrive. `rowCount` and
`data` only read rows already in memory, already formatted, so painting a million-row register
costs what painting two hundred rows costs.

A new search text bumps a generation number; pages of an older search that arrive late are
dropped, so fast typing can never show the results of a text no longer in the box.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache, partial
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget
from sqlmodel import Session

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.countries import country_name_id
from ltsa_desk.domain.workflow import STATE_LABELS_ID, CaseState
from ltsa_desk.services import applicants, departures
from ltsa_desk.services.applicants import ApplicantRow
from ltsa_desk.ui import style
from ltsa_desk.ui.fields import WARNING_SIGN
from ltsa_desk.ui.workers import Runner
from ltsa_desk.workspace import Workspace

log = logging.getLogger(__name__)

PAGE_SIZE = 200
DEPARTURE_WARNING_DAYS = 7
_CLOSED_STATES = (CaseState.CANCELLED.value, CaseState.DEPARTED.value)


_CONTEXT = "ApplicantTable"


def _tr(text: str) -> str:
    """Look up a string marked below with QT_TRANSLATE_NOOP (lupdate reads only literals)."""
    return QCoreApplication.translate(_CONTEXT, text)


# The case states as the table shows them; the same words as domain.workflow.STATE_LABELS_ID,
# marked here so the translation tools see them.
_STATE_LABELS = {
    CaseState.REGISTERED: QT_TRANSLATE_NOOP("ApplicantTable", "Terdaftar"),
    CaseState.DOCUMENTS_COMPLETE: QT_TRANSLATE_NOOP("ApplicantTable", "Dokumen lengkap"),
    CaseState.RECOMMENDED: QT_TRANSLATE_NOOP("ApplicantTable", "Direkomendasikan"),
    CaseState.PASSPORT_REQUESTED: QT_TRANSLATE_NOOP("ApplicantTable", "Paspor diajukan"),
    CaseState.PASSPORT_ISSUED: QT_TRANSLATE_NOOP("ApplicantTable", "Paspor terbit"),
    CaseState.DEPARTED: QT_TRANSLATE_NOOP("ApplicantTable", "Berangkat"),
    CaseState.CANCELLED: QT_TRANSLATE_NOOP("ApplicantTable", "Dibatalkan"),
}
assert set(_STATE_LABELS) == set(STATE_LABELS_ID)


@dataclass(frozen=True)
class Flag:
    """A mark on a row: short text for the cell (sign + word), the full reason for the tooltip."""

    text: str
    tooltip: str


#: Decides which rows of a page get a flag; runs on the worker thread with the page's session.
Flagger = Callable[[Session, Sequence[ApplicantRow]], Mapping[str, Flag]]


def departure_flags(session: Session, rows: Sequence[ApplicantRow]) -> dict[str, Flag]:
    """The default flagger: departure within 7 days while submissions have not all arrived.

    Only rows whose planned departure falls in the window are looked up, so most pages cost no
    query at all; the rule itself is `services.departures`, shared with the applicant page.
    """
    today = date.today()
    last_day = today + timedelta(days=DEPARTURE_WARNING_DAYS)
    soon = [
        row.id
        for row in rows
        if row.planned_departure is not None
        and today <= row.planned_departure <= last_day
        and row.state not in _CLOSED_STATES
    ]
    if not soon:
        return {}
    warnings = departures.departure_warnings(
        session, today, DEPARTURE_WARNING_DAYS, applicant_ids=soon
    )
    flags = {}
    for applicant_id, warning in warnings.items():
        if warning.days_left <= 0:
            short = QCoreApplication.translate("ApplicantTable", "hari ini")
        else:
            short = QCoreApplication.translate("ApplicantTable", "{days} hari").format(
                days=warning.days_left
            )
        flags[applicant_id] = Flag(text=f"{WARNING_SIGN} {short}", tooltip=warning.message)
    return flags


@lru_cache(maxsize=512)
def _country(code: str | None) -> str:
    if not code:
        return ""
    try:
        return country_name_id(code)
    except ValueError:
        return code


def _state(value: str) -> str:
    try:
        return _tr(_STATE_LABELS[CaseState(value)])
    except ValueError:
        return value


@dataclass(frozen=True)
class DisplayRow:
    """A row as the table shows it: formatted once, on the worker thread."""

    id: str
    cells: tuple[str, ...]
    flag: Flag | None


def _display(row: ApplicantRow, flag: Flag | None) -> DisplayRow:
    registered = row.registered_at.astimezone().strftime("%d-%m-%Y %H:%M")
    return DisplayRow(
        id=row.id,
        cells=(
            flag.text if flag else "",
            row.tracking_code,
            row.nik,
            row.full_name,
            format_dmy(row.birth_date),
            _country(row.destination_country),
            _state(row.state),
            registered,
        ),
        flag=flag,
    )


@dataclass(frozen=True)
class Page:
    rows: list[DisplayRow]
    cursor: Any
    complete: bool  # the last page of this search
    thread: str


def fetch_page(
    workspace: Workspace,
    text: str,
    after: Any,
    limit: int,
    flagger: Flagger | None,
) -> Page:
    """One page, read and formatted on the calling (worker) thread."""
    with workspace.database.session() as session:
        rows = applicants.search_page(session, text, limit=limit, after=after)
        flags: Mapping[str, Flag] = {}
        if flagger is not None and rows:
            try:
                flags = flagger(session, rows)
            except Exception:  # a broken flag must not hide the results
                log.exception("row flagger failed")
    return Page(
        rows=[_display(row, flags.get(row.id)) for row in rows],
        cursor=rows[-1].cursor if rows else after,
        complete=len(rows) < limit,
        thread=threading.current_thread().name,
    )


class ApplicantTableModel(QAbstractTableModel):
    """Search results, newest first, fetched `page_size` rows at a time off the GUI thread.

    `loading_changed(bool)` and `failed(str)` let the screen say what is happening;
    `page_loaded(int)` carries the number of rows now shown.
    """

    FLAG, TRACKING, NIK, NAME, BIRTH_DATE, DESTINATION, STATE, REGISTERED = range(8)
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    loading_changed = Signal(bool)
    page_loaded = Signal(int)
    failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: Runner,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        flagger: Flagger | None = departure_flags,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.page_size = page_size
        self.flagger = flagger
        self.text = ""
        self.rows: list[DisplayRow] = []
        self.fetch_threads: list[str] = []
        self._generation = 0
        self._cursor: Any = None
        self._complete = True
        self._loading = False
        self._font_cache: tuple[QFont, QFont] | None = None
        self._headers = (
            self.tr("Perhatian"),
            self.tr("Kode pelacakan"),
            self.tr("NIK"),
            self.tr("Nama"),
            self.tr("Tanggal lahir"),
            self.tr("Negara tujuan"),
            self.tr("Status"),
            self.tr("Terdaftar"),
        )

    # -- query control

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        return self._complete

    def set_flagger(self, flagger: Flagger | None) -> None:
        """Replace the row flagger; rows already shown keep their flags until the next search."""
        self.flagger = flagger

    def set_query(self, text: str) -> None:
        """Start over with a new search text (empty: everyone, newest first)."""
        self._generation += 1
        self.beginResetModel()
        self.text = text.strip()
        self.rows = []
        self._cursor = None
        self._complete = False
        self._set_loading(False)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_query(self.text)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # -- Qt's incremental fetching

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._complete and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._complete or self._loading:
            return
        self._set_loading(True)
        generation = self._generation
        self.runner.run(
            partial(
                fetch_page,
                self.workspace,
                self.text,
                self._cursor,
                self.page_size,
                self.flagger,
            ),
            partial(self._arrived, generation),
            partial(self._fetch_failed, generation),
        )

    def _arrived(self, generation: int, page: Page) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # results of a search no longer in the box
        self.fetch_threads.append(page.thread)
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self._cursor = page.cursor
        self._complete = page.complete
        self._set_loading(False)
        self.page_loaded.emit(len(self.rows))

    def _fetch_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        log.error("search page failed: %s", type(exc).__name__)
        self._complete = True  # do not hammer a database that just refused
        self._set_loading(False)
        self.failed.emit(
            self.tr(
                "Pencarian gagal: basis data tidak dapat dibaca. Coba lagi; jika tetap gagal, "
                "hubungi teknisi."
            )
        )

    # -- reading (memory only)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == self.FLAG
        ):
            return self.tr("Berangkat dalam 7 hari dengan kiriman yang belum terkirim")
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == self.ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and row.flag is not None:
            return row.flag.tooltip
        if role == Qt.ItemDataRole.ForegroundRole and column == self.FLAG and row.flag:
            return QBrush(QColor(style.PENDING))
        if role == Qt.ItemDataRole.FontRole and column == self.FLAG and row.flag:
            return self._fonts()[0]
        if role == Qt.ItemDataRole.FontRole and column == self.TRACKING:
            return self._fonts()[1]
        return None

    def _fonts(self) -> tuple[QFont, QFont]:
        """Bold for flags, fixed-width for tracking codes (digits line up); made once."""
        if self._font_cache is None:
            bold = QFont()
            bold.setBold(True)
            mono = QFont()
            mono.setStyleHint(QFont.StyleHint.Monospace)
            mono.setFamily("monospace")
            self._font_cache = (bold, mono)
        return self._font_cache

    def applicant_id(self, row: int) -> str | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None


class ApplicantTableView(QTableView):
    """The results table: whole rows, generous height, Enter or double-click opens the CPMI."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as on every form
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        # Fixed heights: sizing to contents would measure every row of every page.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(style.ROW_HEIGHT, 32))
        self.horizontalHeader().setHighlightSections(False)
        self.doubleClicked.connect(self._open_index)

    def setModel(self, model: Any) -> None:  # noqa: N802 - Qt
        super().setModel(model)
        header = self.horizontalHeader()
        widths = {0: 80, 1: 200, 2: 160, 4: 110, 5: 150, 6: 140, 7: 140}
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(ApplicantTableModel.NAME, QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        applicant_id = index.siblingAtColumn(0).data(ApplicantTableModel.ID_ROLE)
        if applicant_id:
            self.open_requested.emit(str(applicant_id))
