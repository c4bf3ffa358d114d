"""Starting the counter window: one app per data folder, first-run set-up, sign-in, main window."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.counter.workspace import Workspace, open_workspace
from ltsa_desk.services.counter_setup import needs_first_account
from ltsa_desk.services.counter_start import (
    DatabaseProblem,
    DataFolderBusy,
    OfficeServerUnreachable,
    hold_data_folder,
)
from ltsa_desk.technician.backup import run_daily_backup
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.first_account import FirstAccountDialog
from ltsa_desk.ui.i18n import install_translator
from ltsa_desk.ui.idle_lock import IdleLock
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.office_server import wait_for_office_server
from ltsa_desk.ui.recovery_key import RecoveryKeyDialog
from ltsa_desk.ui.signin import SignInDialog
from ltsa_desk.ui.style import MIN_POINT_SIZE
from ltsa_desk.ui.sync_bridge import SyncBridge
from ltsa_desk.ui.wizard import SetupWizard
from ltsa_desk.ui.workers import Runner

log = logging.getLogger(__name__)
DAILY_BACKUP_CHECK_MS = 60 * 60 * 1000


GUI_SWITCH_INTERVAL_S = 0.001
"""How long a busy worker thread may keep the interpreter lock while the GUI thread waits for it
(Python's default is 5 ms). Every Qt event that runs Python code (a timer, a slot, a paint of a
table cell) first waits for the lock; with the sync engine, the runner and a report export busy
in their threads, 5 ms per wait added up to window stalls of 100 ms and more (benchmarks/,
``gui_stall``). 1 ms keeps the window fluid and costs the workers a few per cent."""


def make_application(language: str = "id") -> QApplication:
    # Everything imported so far (modules, classes, Qt and SQLAlchemy machinery) lives as long as
    # the window: out of the garbage collector's sight, so its full collections, which stop every
    # thread, scan only what the work makes (60-80 ms stalls of the window became ~5 ms).
    gc.freeze()
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("LTSA Desk")
    install_translator(app, language)
    font = QFont(app.font())
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    return app


def _show_error(title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setTextFormat(Qt.TextFormat.PlainText)  # paths, server answers, config values: data
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def _language(data_dir: Path) -> str:
    """Only the words of the window: read without the seal check, which the start makes (and
    whose refusal must be shown in some language)."""
    try:
        return str(Config.load(data_dir, verify=False).get("ui.language"))
    except ConfigError:
        return "id"


def prepare_workspace(data_dir: Path) -> Workspace | None:
    """Open the data folder, running the set-up wizard when it has no configuration yet."""
    if not Config.exists(data_dir):
        wizard = SetupWizard(data_dir)
        if wizard.exec() != SetupWizard.DialogCode.Accepted:
            return None
    return open_workspace(data_dir)


def start_daily_backup(workspace: Workspace, runner: Runner, parent: QObject) -> QTimer:
    """The automatic daily backup: checked after sign-in and every hour while the window is open
    (counter PCs stay on overnight); made on the runner when the newest backup is a day old."""
    busy = {"running": False}

    def finished(_result: object) -> None:
        busy["running"] = False

    def failed(exc: BaseException) -> None:
        busy["running"] = False
        log.warning("daily backup failed: %s", exc)

    def check() -> None:
        if busy["running"]:
            return
        busy["running"] = True
        runner.run(lambda: run_daily_backup(workspace.config), finished, failed)

    timer = QTimer(parent)
    timer.setInterval(DAILY_BACKUP_CHECK_MS)
    timer.timeout.connect(check)
    timer.start()
    check()
    return timer


def run_app(data_dir: Path) -> int:
    data_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(_language(data_dir))
    try:
        lock = hold_data_folder(data_dir)
    except DataFolderBusy as exc:
        _show_error("LTSA Desk", str(exc))
        return 1
    try:
        try:
            workspace = prepare_workspace(data_dir)
        except OfficeServerUnreachable as exc:  # a shared office's server: wait, never fork
            workspace = wait_for_office_server(data_dir, str(exc))
        except (ConfigError, DatabaseProblem) as exc:
            _show_error("LTSA Desk", str(exc))
            return 1
        if workspace is None:
            return 0
        try:
            return _run_counter(app, workspace)
        finally:
            workspace.close()
    finally:
        lock.release()


def show_new_recovery_key(workspace: Workspace) -> None:
    """A key made at set-up (or by an upgrade) is shown once, then its pending mark is cleared."""
    if workspace.new_recovery_key:
        RecoveryKeyDialog(workspace.new_recovery_key).exec()
        workspace.confirm_recovery_key_shown()


def _run_counter(app: QApplication, workspace: Workspace) -> int:
    runner = Runner()
    show_new_recovery_key(workspace)
    if needs_first_account(workspace):
        first = FirstAccountDialog(workspace, runner)
        if first.exec() != FirstAccountDialog.DialogCode.Accepted:
            return 0
    signed_in = SignInDialog.ask(workspace, runner=runner)
    if signed_in is None:
        return 0
    bridge = SyncBridge(workspace, runner)
    ctx = UiContext(workspace=workspace, actor=signed_in.actor, runner=runner, bridge=bridge)
    window = MainWindow(ctx)
    idle = IdleLock(window, workspace, runner, signed_in)
    idle.officer_changed.connect(lambda signed: window.change_officer(signed.actor))
    window.lock_button.clicked.connect(idle.lock_now)
    idle.signed_out.connect(window.close)
    window.show()
    idle.start()
    start_daily_backup(workspace, runner, window)
    try:
        return app.exec()
    finally:
        idle.stop()
        bridge.stop()
        runner.wait_idle(10_000)
