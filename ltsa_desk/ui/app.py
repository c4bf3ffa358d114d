"""Starting the counter window: one app per data folder, first-run set-up, then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from ltsa_desk.config import Config, ConfigError
from ltsa_desk.store.database import DatabaseProblem
from ltsa_desk.store.lock import DataFolderBusy, DataFolderLock
from ltsa_desk.ui.first_run import FirstRunDialog
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.workspace import Workspace, open_workspace


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("LTSA Desk")
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    return app


def _show_error(title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def prepare_workspace(data_dir: Path) -> Workspace | None:
    """Open the data folder, running first-run set-up when it has no configuration yet."""
    if not Config.exists(data_dir):
        dialog = FirstRunDialog(data_dir)
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
            return None
    return open_workspace(data_dir)


def run_app(data_dir: Path) -> int:
    app = make_application()
    data_dir.mkdir(parents=True, exist_ok=True)
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
        window = MainWindow(workspace)
        window.show()
        try:
            return app.exec()
        finally:
            workspace.close()
    finally:
        lock.release()
