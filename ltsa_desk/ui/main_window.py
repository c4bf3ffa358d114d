"""The counter's main window: navigation on the left, the work area, the line's state at the bottom.

The window only composes screens; each screen does its own work through the runner. The sync bridge
feeds the status bar and the banner, so the officer always sees what waits and why. Training mode
swaps the whole context (training database, its own simulator and bridge) and rebuilds the screens.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.services import officer_sessions
from ltsa_desk.services.accounts import Role
from ltsa_desk.ui.applicant.page import ApplicantPage
from ltsa_desk.ui.banner import Banner
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.intake_page import IntakePage
from ltsa_desk.ui.line_status import LineStatus, icons_dir
from ltsa_desk.ui.plain import plain_label, plain_warning
from ltsa_desk.ui.search_page import SearchPage
from ltsa_desk.ui.settings_page import SettingsPage
from ltsa_desk.ui.sync_bridge import SyncBridge
from ltsa_desk.ui.sync_page import SyncPage
from ltsa_desk.ui.training import (
    TrainingBanner,
    TrainingSwitch,
    confirm_switch,
    make_training_bridge,
    may_switch_training,
)
from ltsa_desk.ui.words import role_label

PAGE_INTAKE = "intake"
PAGE_SEARCH = "search"
PAGE_SYNC = "sync"
PAGE_SETTINGS = "settings"
PAGE_APPLICANT = "applicant"
PAGE_USERS = "users"
PAGE_AUDIT = "audit"


def icon(name: str) -> QIcon:
    return QIcon(str(icons_dir() / f"{name}.svg"))


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, *, start_bridge: bool = True) -> None:
        super().__init__()
        self.base_ctx = ctx
        self.ctx = ctx
        self.start_bridge = start_bridge
        self.pages: dict[str, QWidget] = {}
        self._connected_bridges: list[SyncBridge] = []
        self._previous_key = PAGE_SEARCH
        self._signed_out = False
        self.resize(1366, 768)
        self.setWindowIcon(icon("app"))

        self.navigation = QListWidget()
        self.navigation.setFixedWidth(190)
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setSpacing(4)
        # Screen readers (NVDA) name every control in the window's language (UX.md).
        self.navigation.setAccessibleName(self.tr("Navigasi"))
        self.navigation.setAccessibleDescription(
            self.tr("Pilih layar. Ctrl+N: Pendaftaran, F2: Pencarian.")
        )
        self.navigation.currentRowChanged.connect(self._navigate)
        # A click on the row that is current but not selected (see open_applicant) navigates too.
        self.navigation.itemClicked.connect(lambda item: self._navigate(self.navigation.row(item)))

        self.training_banner = TrainingBanner()
        self.training_banner.hide()
        self.banner = Banner()
        self.banner.open_sync.connect(lambda: self.show_page(PAGE_SYNC))
        self.stack = QStackedWidget()

        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(self.training_banner)
        work_layout.addWidget(self.banner)
        work_layout.addWidget(self.stack, 1)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(work, 1)
        self.setCentralWidget(central)

        self.line_status = LineStatus()
        self.line_status.open_sync.connect(lambda: self.show_page(PAGE_SYNC))
        self.officer_label = plain_label()
        self.lock_button = QPushButton(self.tr("Kunci"))
        self.lock_button.setToolTip(self.tr("Kunci layar (Ctrl+L)"))
        self.statusBar().addWidget(self.officer_label)
        self.statusBar().addPermanentWidget(self.line_status)
        self.statusBar().addPermanentWidget(self.lock_button)

        self.training_switch = TrainingSwitch(ctx.runner, ctx.workspace.data_dir)
        self.training_switch.started.connect(self._enter_training)
        self.training_switch.stopped.connect(self._leave_training)
        self.training_switch.failed.connect(self._training_failed)

        self._shortcuts()
        self._build(ctx)

    # -- building ----------------------------------------------------------------------------------

    def _build(self, ctx: UiContext) -> None:
        """(Re)build every screen for a context: the real counter or the training one."""
        self.ctx = ctx
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        self.navigation.clear()
        config = ctx.workspace.config
        title = self.tr("LTSA Desk - Kantor {office} - Loket {counter}").format(
            office=config.office_code, counter=config.counter_id
        )
        if ctx.training:
            title = self.tr("{title} - MODE LATIHAN").format(title=title)
        self.setWindowTitle(title)
        self.training_banner.setVisible(ctx.training)

        intake = IntakePage(ctx)
        search = SearchPage(ctx)
        applicant = ApplicantPage(ctx)
        sync_page = SyncPage(ctx)
        for page in (intake, search, sync_page):
            page.open_applicant.connect(self.open_applicant)
        intake.open_duplicate.connect(self.open_applicant)
        intake.registered.connect(lambda _id: self._after_change())
        applicant.changed.connect(lambda _id: self._after_change())
        applicant.back_requested.connect(lambda: self.show_page(self._previous_key))
        self._add(PAGE_INTAKE, intake, self.tr("Pendaftaran"), "nav-intake", "Ctrl+N")
        self._add(PAGE_SEARCH, search, self.tr("Pencarian"), "nav-search", "F2")
        self._add(PAGE_SYNC, sync_page, self.tr("Sinkronisasi"), "nav-sync", None)
        if ctx.role == Role.ADMIN.value:  # reports are the district admin's (UX: before settings)
            from ltsa_desk.ui.reports_page import ReportsPage

            self._add("reports", ReportsPage(ctx), self.tr("Laporan"), "nav-reports", None)
        if ctx.role in (Role.ADMIN.value, Role.TECHNICIAN.value):
            settings = SettingsPage(ctx, training_allowed=may_switch_training(ctx.actor))
            settings.training_requested.connect(self.toggle_training)
            self._add(PAGE_SETTINGS, settings, self.tr("Pengaturan"), "nav-settings", None)
        if ctx.role == Role.ADMIN.value:  # accounts and the audit log are the district admin's
            from ltsa_desk.ui.audit_page import AuditPage
            from ltsa_desk.ui.users_page import UsersPage

            self._add(PAGE_USERS, UsersPage(ctx), self.tr("Pengguna"), "nav-users", None)
            self._add(PAGE_AUDIT, AuditPage(ctx), self.tr("Log audit"), "nav-audit", None)
        self.pages[PAGE_APPLICANT] = applicant
        self.stack.addWidget(applicant)
        self.officer_label.setText(
            self.tr("Petugas: {name} ({role})").format(
                name=ctx.actor.username, role=role_label(ctx.role)
            )
        )
        self.navigation.setCurrentRow(0)
        self.show_page(PAGE_INTAKE)
        self._connect_bridge(ctx.bridge)

    def _add(self, key: str, page: QWidget, label: str, icon_name: str, keys: str | None) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)
        item = QListWidgetItem(icon(icon_name), label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        if keys:
            item.setToolTip(self.tr("{label} ({keys})").format(label=label, keys=keys))
        self.navigation.addItem(item)

    def _connect_bridge(self, bridge: SyncBridge | None) -> None:
        if bridge is None:
            return
        if bridge not in self._connected_bridges:
            bridge.status_changed.connect(self._status_changed)
            bridge.data_changed.connect(self._data_changed)
            bridge.queue_moved.connect(self._queue_moved)
            bridge.office_server_changed.connect(self.banner.set_office_server)
            self._connected_bridges.append(bridge)
        if self.start_bridge and not bridge.running:
            bridge.start()
        bridge.refresh()

    def _shortcuts(self) -> None:
        def bind(keys: str, action: Any) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(action)

        bind("F2", self.focus_search)
        bind("Ctrl+N", self.new_intake)
        bind("Ctrl+S", lambda: self._call_current("save"))
        bind("Ctrl+P", lambda: self._call_current("print_current"))

    # -- navigation --------------------------------------------------------------------------------

    def current_key(self) -> str | None:
        current = self.stack.currentWidget()
        return next((key for key, page in self.pages.items() if page is current), None)

    def show_page(self, key: str) -> QWidget | None:
        page = self.pages.get(key)
        if page is None:
            return None
        self.stack.setCurrentWidget(page)
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.navigation.blockSignals(True)
                self.navigation.setCurrentRow(row)
                self.navigation.blockSignals(False)
        return page

    def _navigate(self, row: int) -> None:
        item = self.navigation.item(row)
        if item is not None:
            self.show_page(str(item.data(Qt.ItemDataRole.UserRole)))

    def _call_current(self, method: str) -> None:
        page = self.stack.currentWidget()
        action = getattr(page, method, None)
        if callable(action):
            action()

    def focus_search(self) -> None:
        page = self.show_page(PAGE_SEARCH)
        if isinstance(page, SearchPage):
            page.focus_search()

    def new_intake(self) -> None:
        page = self.show_page(PAGE_INTAKE)
        if isinstance(page, IntakePage):
            page.start_new()

    def open_applicant(self, applicant_id: str, reason: str = "") -> None:
        page = self.pages.get(PAGE_APPLICANT)
        if isinstance(page, ApplicantPage):
            current = self.current_key()
            if current and current != PAGE_APPLICANT:
                self._previous_key = current
            page.load(applicant_id, reason)
            self.stack.setCurrentWidget(page)
            # No row is highlighted, but one stays *current*: a list without a current row picks
            # row 0 (Pendaftaran) whenever it gains focus, and it does gain it for a moment when
            # the officer switches the CPMI page's tabs away from the focused field (issue 18).
            self.navigation.blockSignals(True)
            self.navigation.clearSelection()
            keys = [
                self.navigation.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.navigation.count())
            ]
            row = keys.index(self._previous_key) if self._previous_key in keys else 0
            self.navigation.setCurrentRow(row, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.navigation.blockSignals(False)

    def change_officer(self, actor: Any) -> None:
        """Another officer took over the counter at the lock screen: their name, their role."""
        self.base_ctx.actor = actor
        self._build(replace(self.ctx, actor=actor))

    # -- the line ----------------------------------------------------------------------------------

    def _status_changed(self, status: dict[str, Any]) -> None:
        self.line_status.update_status(status)
        self.banner.update_status(status)

    def _data_changed(self) -> None:
        """This desk or another changed the database: the search list and the open CPMI re-read
        (the applicant page keeps what the officer is typing)."""
        search = self.pages.get(PAGE_SEARCH)
        if isinstance(search, SearchPage) and search.isVisible():
            search.refresh()
        applicant = self.pages.get(PAGE_APPLICANT)
        if isinstance(applicant, ApplicantPage) and applicant.isVisible():
            applicant.reload()

    def _queue_moved(self) -> None:
        """Only the queue moved (a drain delivering): the open CPMI re-reads (its submissions and
        receipt numbers may have changed); the search list shows nothing a delivery changes, and
        re-reading it at every poll of a drain reset the officer's table (issue 19)."""
        applicant = self.pages.get(PAGE_APPLICANT)
        if isinstance(applicant, ApplicantPage) and applicant.isVisible():
            applicant.reload()

    def _after_change(self) -> None:
        """A registration or correction queued a submission: send it now, show it in search."""
        if self.ctx.bridge is not None:
            self.ctx.bridge.wake()
        search = self.pages.get(PAGE_SEARCH)
        if isinstance(search, SearchPage):
            search.refresh()

    # -- training ----------------------------------------------------------------------------------

    def toggle_training(self) -> None:
        entering = not self.ctx.training
        if not confirm_switch(self, entering):
            return
        if entering:
            self.training_switch.start(self.ctx.actor)
        else:
            if self.ctx.bridge is not None:
                self.ctx.bridge.stop()
            self.training_switch.stop()

    def _enter_training(self, environment: Any) -> None:
        if self.base_ctx.bridge is not None:
            self.base_ctx.bridge.stop()
        bridge = make_training_bridge(environment, self.ctx.runner, self)
        self._build(
            replace(self.base_ctx, workspace=environment.workspace, bridge=bridge, training=True)
        )

    def _leave_training(self) -> None:
        self._build(self.base_ctx)

    def _training_failed(self, message: str) -> None:
        plain_warning(self, self.tr("Mode latihan"), message)

    # -- closing -----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        intake = self.pages.get(PAGE_INTAKE)
        if isinstance(intake, IntakePage) and intake.has_unsaved_input():
            answer = QMessageBox.question(
                self,
                self.tr("Tutup LTSA Desk?"),
                self.tr("Formulir pendaftaran belum disimpan. Tutup dan buang isinya?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if not self._signed_out:
            # The officer's session ends here (Keluar on the lock screen closes the window
            # too): in the real counter's audit log, whatever mode the window was in (issue 18).
            self._signed_out = True
            self.base_ctx.runner.run(
                partial(
                    officer_sessions.note,
                    self.base_ctx.workspace.database,
                    self.base_ctx.actor,
                    officer_sessions.SIGNOUT,
                    officer_sessions.SIGNED_OUT_CLOSED,
                )
            )
        for bridge in {self.ctx.bridge, self.base_ctx.bridge} - {None}:
            assert bridge is not None
            bridge.stop()
        if self.ctx.training:
            self.training_switch.stop()
        self.ctx.runner.wait_idle(10_000)
        self.base_ctx.runner.wait_idle(10_000)
        super().closeEvent(event)
