"""The applicants table model: pages fetched on a worker thread, never a query on the GUI thread.

The view asks `canFetchMore`/`fetchMore` when the officer scrolls near the end; the model answers
by starting one page query on the runner and inserting the rows when they arrive, formatted on the
worker and held as Qt items, so painting a million-row register costs what painting two hundred
rows costs and takes no Python at all.

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
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget
from sqlmodel import Session

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import applicants, departures
from ltsa_desk.services.applicants import ApplicantRow
from ltsa_desk.ui import style
from ltsa_desk.ui.fields import WARNING_SIGN
from ltsa_desk.ui.plain import plain_tip
from ltsa_desk.ui.words import country_label, state_label
from ltsa_desk.ui.workers import Runner

log = logging.getLogger(__name__)

PAGE_SIZE = 200
FIRST_PAGE_SIZE = 50
"""Rows of a new search's first page in the search box: a screenful and more. Each key asks for
one (issue 19), and making 200 rows into items held the interpreter lock long enough to delay
the officer's keys by up to 300 ms on a busy two-core PC (benchmarks/bench_search_keys.py); the
rows past the first screen come with the next pages, `page_size` at a time, as the officer
scrolls."""
DEPARTURE_WARNING_DAYS = 7
_CLOSED_STATES = (CaseState.CANCELLED.value, CaseState.DEPARTED.value)


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
    """Cached: a page formats 200 rows, with a handful of countries (the language is fixed)."""
    return country_label(code)


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
            state_label(row.state),
            registered,
        ),
        flag=flag,
    )


@dataclass(frozen=True)
class CellLook:
    """How the cells look: made once on the GUI thread, shared (Qt copies fonts and brushes by
    reference count) with the worker that builds the items."""

    flag_font: QFont
    code_font: QFont
    flag_brush: QBrush

    @classmethod
    def default(cls) -> CellLook:
        bold = QFont()
        bold.setBold(True)
        mono = QFont()
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setFamily("monospace")
        # Bold for flags, fixed-width for tracking codes (digits line up).
        return cls(flag_font=bold, code_font=mono, flag_brush=QBrush(QColor(style.PENDING)))


_ITEM_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)


def row_items(row: DisplayRow, look: CellLook) -> list[QStandardItem]:
    """One row's cells as Qt items, with every role the table shows (id, tooltip, font, colour).

    Built on the worker: items are plain C++ objects, not yet in any model, and making 1,600 of
    them per page on the GUI thread cost it 25-40 ms while the sync engine held the lock."""
    model = ApplicantTableModel
    items = []
    for column, text in enumerate(row.cells):
        item = QStandardItem(text)
        item.setFlags(_ITEM_FLAGS)
        item.setData(row.id, model.ID_ROLE)
        if row.flag is not None:
            item.setToolTip(plain_tip(row.flag.tooltip))
        if column == model.FLAG and row.flag is not None:
            item.setForeground(look.flag_brush)
            item.setFont(look.flag_font)
        elif column == model.TRACKING:
            item.setFont(look.code_font)
        items.append(item)
    return items


@dataclass(frozen=True)
class Page:
    rows: list[DisplayRow]
    items: list[list[QStandardItem]]
    cursor: Any
    complete: bool  # the last page of this search
    thread: str


def fetch_page(
    workspace: Workspace,
    text: str,
    after: Any,
    limit: int,
    flagger: Flagger | None,
    look: CellLook,
) -> Page:
    """One page, read, formatted and made into items on the calling (worker) thread."""
    with workspace.database.session() as session:
        rows = applicants.search_page(session, text, limit=limit, after=after)
        flags: Mapping[str, Flag] = {}
        if flagger is not None and rows:
            try:
                flags = flagger(session, rows)
            except Exception:  # a broken flag must not hide the results
                log.exception("row flagger failed")
    shown = [_display(row, flags.get(row.id)) for row in rows]
    return Page(
        rows=shown,
        items=[row_items(row, look) for row in shown],
        cursor=rows[-1].cursor if rows else after,
        complete=len(rows) < limit,
        thread=threading.current_thread().name,
    )


class ApplicantTableModel(QStandardItemModel):
    """Search results, newest first, fetched `page_size` rows at a time off the GUI thread.

    The cells live in Qt's own item model, not behind a Python ``data()``: painting a view asks
    its model some ten roles for every visible cell, and each call into Python has to take the
    interpreter lock back from the sync engine's and the runner's threads. Under a drain that
    made one repaint of the table cost 50-80 ms (the ``gui_stall`` benchmark); with the cells in
    C++ a repaint takes no lock at all. The items are made on the worker that fetched the page.

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
        first_page_size: int | None = None,
        flagger: Flagger | None = departure_flags,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.page_size = page_size
        self.first_page_size = first_page_size or page_size
        self.flagger = flagger
        self.text = ""
        self.rows: list[DisplayRow] = []
        self.fetch_threads: list[str] = []
        self._generation = 0
        self._cursor: Any = None
        self._complete = True
        self._loading = False
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
        self.setColumnCount(len(self._headers))
        self.setHorizontalHeaderLabels(list(self._headers))
        flag_header = self.horizontalHeaderItem(self.FLAG)
        flag_header.setToolTip(self.tr("Berangkat dalam 7 hari dengan kiriman yang belum terkirim"))
        self.look = CellLook.default()

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
        self.text = text.strip()
        self.rows = []
        self.setRowCount(0)
        self._cursor = None
        self._complete = False
        self._set_loading(False)
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_query(self.text)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    # -- Qt's incremental fetching (asked when the officer scrolls, not when painting)

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
                self.page_size if self.rows else self.first_page_size,
                self.flagger,
                self.look,
            ),
            partial(self._arrived, generation),
            partial(self._fetch_failed, generation),
        )

    def _arrived(self, generation: int, page: Page) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # results of a search no longer in the box
        self.fetch_threads.append(page.thread)
        if page.rows:
            self.rows.extend(page.rows)
            for items in page.items:
                self.appendRow(items)
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
