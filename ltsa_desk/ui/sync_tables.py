"""The Sync page's lists of submissions: the refused ones and the ones still waiting.

Both show who, the tracking code, where to, what, why and since when, look alike and answer the
same keys (Enter or a double click opens the CPMI), so one table class serves both; the page
gives the headers and the texts, in its own words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ltsa_desk.ui import style

REASON_COLUMN = 4
"""The column that stretches and carries the remote's own words as its tooltip."""

_WIDTHS = (200, 190, 120, 140, 0, 135)

SubmissionRow = tuple[tuple[str, ...], str | None]
"""A row's texts, one per column, and the reason cell's tooltip (None: no tooltip)."""


class SubmissionTable(QTableWidget):
    """One list of submissions, a row each; `on_open` is called by Enter or a double click."""

    def __init__(
        self, headers: list[str], on_open: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setMinimumSectionSize(style.ROW_HEIGHT)
        self.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT)
        for column, width in enumerate(_WIDTHS):
            if width:
                self.setColumnWidth(column, width)
        self.horizontalHeader().setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.doubleClicked.connect(lambda _index: on_open())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(on_open)

    def show_rows(self, rows: list[SubmissionRow]) -> None:
        """Replace the rows; generous heights, since two lines of text need air (UX.md)."""
        self.setRowCount(len(rows))
        for row, (values, tip) in enumerate(rows):
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == REASON_COLUMN and tip is not None:
                    cell.setToolTip(tip)
                self.setItem(row, column, cell)
        self.resizeRowsToContents()
        for row in range(len(rows)):
            self.setRowHeight(row, max(style.ROW_HEIGHT, self.rowHeight(row) + 10))

    def selected_row(self) -> int | None:
        """The selected row's number, or None."""
        indexes = self.selectionModel().selectedRows()
        return indexes[0].row() if indexes else None
