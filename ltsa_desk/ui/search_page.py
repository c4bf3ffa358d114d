"""Pencarian: one box for a name fragment, the start of a NIK or a tracking code.

The officer types, the table follows at once (issue 19: the first page within 100 ms of the last
key), and Enter or a double-click opens the CPMI. Every key asks for the first page of the box's
text; the queries run on the runner, page by page, so the window stays responsive on a
million-row register (see `applicant_table`), and at most two at a time: a text typed while both
are busy waits, and a newer key replaces it before it runs (`newest_only`). Pages of a text no
longer in the box are dropped by the model, so the table only ever shows the newest text. The
first page is a screenful and more (`FIRST_PAGE_SIZE`, 50 rows); the next come 200 at a time as
the officer scrolls.

Group actions: a P3MI brings forty CPMI at once, so several rows can be selected (Ctrl/Shift-click)
or every open case of one CPMI's P3MI chosen, and their passports requested or one kind of paper
verified in one step with one confirmation (`search_group`); each CPMI is still checked by the
single action's service, a refusal names the CPMI and its reason and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.ui import style
from ltsa_desk.ui.applicant_table import (
    FIRST_PAGE_SIZE,
    PAGE_SIZE,
    ApplicantTableModel,
    ApplicantTableView,
    Flagger,
)
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.newest_only import IN_FLIGHT, NewestOnly
from ltsa_desk.ui.plain import plain_label
from ltsa_desk.ui.search_group import GroupActions

DEBOUNCE_MS = 0
"""Quiet time after a key before the search starts: none. A pause is latency the officer sees on
every last key (it was 250 ms, and the first page could never come within 100 ms), while the
flood a pause kept off the database is held off by `NewestOnly` instead. Zero still gathers the
text changes of one pass of the event loop (a paste, a replaced selection) into one search."""


class SearchPage(QWidget):
    """The Pencarian screen. `focus_search()` is F2; `open_applicant(id)` opens a CPMI.

    `set_flagger(fn)` replaces the row flag (default: departure within 7 days with submissions
    not yet delivered); `refresh()` re-runs the current search (e.g. after a registration).
    """

    open_applicant = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        page_size: int = PAGE_SIZE,
        first_page_size: int = FIRST_PAGE_SIZE,
        debounce_ms: int = DEBOUNCE_MS,
        in_flight: int | None = IN_FLIGHT,
    ) -> None:
        """``in_flight`` None hands every request to the runner as it comes (the page as it was
        before issue 19; the keys benchmark measures it as the baseline)."""
        super().__init__(parent)
        self.ctx = ctx
        self.queries = NewestOnly(ctx.runner, limit=in_flight) if in_flight else None
        runner: Any = self.queries or ctx.runner
        self.model = ApplicantTableModel(
            ctx.workspace, runner, self, page_size=page_size, first_page_size=first_page_size
        )
        self._started = False
        self._focus_table_when_loaded = False
        self._open_single_hit = False  # Enter (not Down) asked for the results

        title = QLabel(self.tr("Pencarian CPMI"))
        font = QFont(title.font())
        font.setPointSizeF(max(font.pointSizeF(), style.MIN_POINT_SIZE) * 1.4)
        font.setBold(True)
        title.setFont(font)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(self.tr("Ketik nama, awal NIK atau kode pelacakan (F2)"))
        self.search_box.setToolTip(
            self.tr(
                "Cari CPMI (F2). Enter: ke tabel hasil - Esc: kosongkan. Di tabel, Enter atau "
                "klik dua kali membuka data CPMI."
            )
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(34)
        box_font = QFont(self.search_box.font())
        box_font.setPointSizeF(max(box_font.pointSizeF(), style.MIN_POINT_SIZE) * 1.15)
        self.search_box.setFont(box_font)
        self.search_box.installEventFilter(self)
        self.search_box.setAccessibleName(self.tr("Cari CPMI"))
        self.search_box.setAccessibleDescription(
            self.tr("Nama, awal NIK atau kode pelacakan. Enter: buka bila hanya satu hasil.")
        )

        self.status = plain_label()
        self.status.setStyleSheet("color: #555;")
        self.error = plain_label()
        self.error.setStyleSheet(style.ERROR_LABEL_CSS)
        self.error.setWordWrap(True)
        self.error.hide()

        self.table = ApplicantTableView()
        self.table.setAccessibleName(self.tr("Hasil pencarian CPMI"))
        self.table.setAccessibleDescription(self.tr("Enter atau klik dua kali membuka data CPMI."))
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.open_requested.connect(self.open_applicant)
        self.group = GroupActions(ctx, self.table, self.model)
        self.group.done.connect(self.refresh)
        self.passport_button = self.group.passport_button
        self.verify_button = self.group.verify_button
        self.agency_button = self.group.agency_button
        self.group_result = self.group.result

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(self._debounce.start)
        self.model.loading_changed.connect(self._update_status)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.failed.connect(self._failed)
        self.model.modelReset.connect(self._update_status)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addLayout(top)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.group.buttons)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.group)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.search_box)

    # ------------------------------------------------------------------------------ public

    def focus_search(self) -> None:
        """F2: into the box with its text selected, ready to type over."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def set_flagger(self, flagger: Flagger | None) -> None:
        self.model.set_flagger(flagger)

    def refresh(self) -> None:
        self._debounce.stop()
        self._started = True
        self.model.set_query(self.search_box.text())

    # ------------------------------------------------------------------------------ group action

    @property
    def confirm(self) -> Callable[[QWidget, str, str, str], bool]:
        """The group's yes/no question (tests replace it)."""
        return self.group.confirm

    @confirm.setter
    def confirm(self, ask: Callable[[QWidget, str, str, str], bool]) -> None:
        self.group.confirm = ask

    @property
    def group_busy(self) -> bool:
        return self.group.busy

    def selected_cpmi(self) -> list[tuple[str, str]]:
        """(tracking code, name) of each CPMI a group action applies to."""
        return self.group.chosen()

    def request_selected_passports(self) -> None:
        self.group.request_passports()

    # ------------------------------------------------------------------------------ searching

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt
        super().showEvent(event)
        if not self._started:  # the newest CPMI are listed the first time the screen opens
            self.refresh()

    def _run_search(self) -> None:
        text = self.search_box.text().strip()
        if self._started and text == self.model.text:
            return
        self._started = True
        self.error.hide()
        self.model.set_query(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter_results()
                return True
            if key == Qt.Key.Key_Down:
                self._focus_table()
                return True
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
        return super().eventFilter(watched, event)

    def _enter_results(self) -> None:
        """Enter in the box: search now (no need to wait for the pause) and go to the results."""
        pending = self._debounce.isActive()
        self._debounce.stop()
        self._open_single_hit = True
        if pending or self.search_box.text().strip() != self.model.text:
            self._focus_table_when_loaded = True
            self._run_search()
        elif self.model.loading:
            self._focus_table_when_loaded = True
        else:
            self._focus_table()

    def _focus_table(self) -> None:
        open_single, self._open_single_hit = self._open_single_hit, False
        if self.model.rowCount() == 0:
            return
        if open_single and self.model.complete and self.model.rowCount() == 1 and self.model.text:
            # Enter on a search with one hit opens it (UX.md): the officer typed for that CPMI.
            applicant_id = self.model.applicant_id(0)
            if applicant_id:
                self.open_applicant.emit(applicant_id)
                return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _page_loaded(self, count: int) -> None:
        self._update_status()
        if self._focus_table_when_loaded:
            self._focus_table_when_loaded = False
            self._focus_table()

    def _failed(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self._update_status()

    def _update_status(self, *_: object) -> None:
        count = self.model.rowCount()
        text = self.model.text
        if self.model.loading and count == 0:
            self.status.setText(self.tr("Mencari..."))
        elif count == 0 and text:
            self.status.setText(
                self.tr('Tidak ada CPMI yang cocok dengan "{text}".').format(text=text)
            )
        elif count == 0:
            self.status.setText(self.tr("Belum ada CPMI terdaftar."))
        elif self.model.complete:
            self.status.setText(self.tr("{count} CPMI ditemukan.").format(count=count))
        elif not text:
            newest = self.tr("{count} CPMI terbaru ditampilkan; gulir ke bawah untuk berikutnya.")
            self.status.setText(newest.format(count=count))
        else:
            more = self.tr("{count} CPMI pertama ditampilkan; gulir ke bawah untuk berikutnya.")
            self.status.setText(more.format(count=count))
