"""Starting the counter window: one app per data folder, first-run set-up, sign-in, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from ltsa_desk.config import Config, ConfigError
from ltsa_desk.store.database import DatabaseProblem
from ltsa_desk.store.lock import DataFolderBusy, DataFolderLock
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.first_account import FirstAccountDialog, needs_first_account
from ltsa_desk.ui.first_run import FirstRunDialog
from ltsa_desk.ui.i18n import install_translator
from ltsa_desk.ui.idle_lock import IdleLock
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.recovery_key import RecoveryKeyDialog
from ltsa_desk.ui.signin import SignInDialog
from ltsa_desk.ui.style import MIN_POINT_SIZE
from ltsa_desk.ui.sync_bridge import SyncBridge
from ltsa_desk.ui.workers import Runner
from ltsa_desk.workspace import Workspace, open_workspace


def make_application(language: str = "id") -> QApplication:
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
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def _language(data_dir: Path) -> str:
    try:
        return str(Config.load(data_dir).get("ui.language"))
    except ConfigError:
        return "id"


def prepare_workspace(data_dir: Path) -> Workspace | None:
    """Open the data folder, running first-run set-up when it has no configuration yet."""
    if not Config.exists(data_dir):
        dialog = FirstRunDialog(data_dir)
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
            return None
    return open_workspace(data_dir)


def run_app(data_dir: Path) -> int:
    data_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(_language(data_dir))
    lock = DataFolderLock(data_dir)
    try:
        lock.acquire(timeout=1)
    except DataFolderBusy as exc:
        _show_error("LTSA Desk", str(exc))
        return 1
    try:
        try:
            workspace = prepare_workspace(data_dir)
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
        first = FirstAccountDialog(workspace)
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
    window.show()
    idle.start()
    try:
        return app.exec()
    finally:
        idle.stop()
        bridge.stop()
        runner.wait_idle(10_000)
