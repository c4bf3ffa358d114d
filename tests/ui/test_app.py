"""The window as an officer first meets it: first-run set-up, then the main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ltsa_desk.config import Config
from ltsa_desk.ui.first_run import FirstRunDialog
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.workspace import open_workspace


def test_first_run_refuses_bad_codes_under_the_field(qtbot, data_dir: Path) -> None:
    dialog = FirstRunDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.office_code, "99.99")
    qtbot.keyClicks(dialog.counter_id, "LO TIM")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.office_error.isVisible()
    assert "99" in dialog.office_error.text()
    assert dialog.counter_error.isVisible()
    assert not Config.exists(data_dir)
    assert not (data_dir / "ltsa.sqlite").exists()


def test_first_run_creates_counter_with_keyboard_only(qtbot, data_dir: Path) -> None:
    dialog = FirstRunDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.office_code.setFocus()
    qtbot.keyClicks(dialog.office_code, "5203")
    qtbot.keyClick(dialog.office_code, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.counter_id, "lotim-02")
    qtbot.keyClick(dialog.counter_id, Qt.Key.Key_Return)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    workspace = open_workspace(data_dir)
    try:
        assert workspace.config.office_code == "52.03"
        assert workspace.config.counter_id == "LOTIM-02"
    finally:
        workspace.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_main_window_shows_counter_and_register_size(qtbot, workspace, tmp_path: Path) -> None:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    assert "LOTIM-01" in window.windowTitle()
    assert "0 CPMI" in window.details_label.text()
    image = window.grab()
    assert not image.isNull()
    image.save(str(tmp_path / "main_window.png"))
