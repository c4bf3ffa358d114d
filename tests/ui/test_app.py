"""The window as an officer first meets it: the recovery key, then the main window (the set-up
wizard has its own tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ltsa_desk.counter.workspace import Workspace, open_workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.workers import Runner


def _window(qtbot, workspace, role: str = "admin") -> MainWindow:  # type: ignore[no-untyped-def]
    runner = Runner()
    actor = Actor(username="admin1", counter_id="LOTIM-01", office_code="52.03", role=role)
    window = MainWindow(
        UiContext(workspace=workspace, actor=actor, runner=runner), start_bridge=False
    )
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_main_window_navigates_with_the_keyboard(qtbot, workspace, tmp_path: Path) -> None:
    window = _window(qtbot, workspace)
    assert "LOTIM-01" in window.windowTitle()
    labels = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert labels == [
        "Pendaftaran",
        "Pencarian",
        "Sinkronisasi",
        "Laporan",
        "Pengaturan",
        "Pengguna",
        "Log audit",
    ]
    assert window.current_key() == "intake"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F2)
    assert window.current_key() == "search"
    qtbot.keyClick(
        window.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    assert window.current_key() == "intake"
    window.grab().save(str(tmp_path / "main_window.png"))
    window.ctx.runner.wait_idle()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_officer_sees_no_settings(qtbot, workspace) -> None:
    window = _window(qtbot, workspace, role="officer")
    labels = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert "Pengaturan" not in labels
    window.ctx.runner.wait_idle()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_opening_an_applicant_shows_the_applicant_page(qtbot, workspace, actor) -> None:
    from ltsa_desk.services.intake import register_applicant

    with workspace.database.write_session() as session:
        applicant = register_applicant(
            session,
            {
                "nik": "5203011205900001",
                "full_name": "AHMAD FAUZI",
                "birth_date": "12-05-1990",
                "sex": "L",
            },
            actor,
        ).applicant
    window = _window(qtbot, workspace)
    window.open_applicant(str(applicant.id))
    assert window.current_key() == "applicant"
    page = window.pages["applicant"]
    qtbot.waitUntil(lambda: page.header.name_label.text() == "AHMAD FAUZI", timeout=10_000)
    window.ctx.runner.wait_idle()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_status_bar_tells_the_line(qtbot, workspace) -> None:
    window = _window(qtbot, workspace)
    row = {
        "configured": True,
        "online": False,
        "offline_since": "2026-11-22T08:00:00+00:00",
        "paused": False,
        "paused_reason": None,
        "pending": 37,
        "in_flight": 0,
        "needs_attention": 0,
        "delivered": 5,
        "superseded": 0,
        "withdrawn": 0,
        "oldest_pending_age_s": 3 * 86400.0,
    }
    status = {
        "registry": row,
        "immigration": {**row, "configured": False, "pending": 0},
        "totals": {"pending": 37},
    }
    window._status_changed(status)
    text = " ".join(window.line_status.texts().values())
    assert "Offline" in text and "37 kiriman menunggu" in text
    window.ctx.runner.wait_idle()


def test_the_recovery_key_is_shown_once_and_esc_does_not_lose_it(qtbot, data_dir: Path) -> None:
    from ltsa_desk.counter.workspace import initialise
    from ltsa_desk.ui.recovery_key import RecoveryKeyDialog

    initialise(data_dir, office_code="52.03", counter_id="LOTIM-01")
    workspace = open_workspace(data_dir)
    try:
        key = workspace.new_recovery_key
        assert key, "a fresh counter has a recovery key to show"
        dialog = RecoveryKeyDialog(key)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.key_label.text() == key
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible(), "Esc closed the only showing of the key"
        assert not dialog.done_button.isEnabled()
        dialog.confirmed.setChecked(True)
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == RecoveryKeyDialog.DialogCode.Accepted
        workspace.confirm_recovery_key_shown()
    finally:
        workspace.close()
    reopened = open_workspace(data_dir)
    try:
        assert reopened.new_recovery_key is None, "shown once: not made again"
    finally:
        reopened.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_first_admin_of_a_counter_made_on_the_command_line(qtbot, workspace) -> None:
    from ltsa_desk.services import accounts
    from ltsa_desk.services.counter_setup import needs_first_account
    from ltsa_desk.ui.first_account import FirstAccountDialog

    assert needs_first_account(workspace)
    runner = Runner()
    dialog = FirstAccountDialog(workspace, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "rahasia-kantor")
    qtbot.keyClicks(dialog.repeat, "rahasia-lain")
    dialog.save()
    assert "tidak sama" in dialog.error.text()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "rahasia-kantor")
    dialog.save()
    qtbot.waitUntil(
        lambda: dialog.result() == FirstAccountDialog.DialogCode.Accepted, timeout=10_000
    )
    assert runner.last_thread_name != "MainThread"
    assert not needs_first_account(workspace)
    with workspace.database.session() as session:
        assert accounts.find_user(session, "admin").role == "admin"


def test_the_recovery_key_can_be_copied_and_printed(qtbot, tmp_path: Path) -> None:
    """Issue 18: the dialog said "tulis atau cetak" but had no Print and no Copy."""
    import pypdfium2
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPrintSupport import QPrinter

    from ltsa_desk.ui.recovery_key import RecoveryKeyDialog

    key = "1CGRZ-AGEZD-K4M2P-7QX9W-R3TV5-HN8BC-D6FJA"
    dialog = RecoveryKeyDialog(key)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == key

    pdf = tmp_path / "kunci.pdf"

    def to_pdf(_parent):  # type: ignore[no-untyped-def]  # the print dialog, answered
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return printer

    dialog.choose_printer = to_pdf
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    document = pypdfium2.PdfDocument(str(pdf))
    text = document[0].get_textpage().get_text_range()
    document.close()
    assert key in text.replace("\r", "").replace("\n", "")
    assert "ltsa-desk recover" in text
    dialog.confirmed.setChecked(True)
    dialog.accept()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_closing_the_window_signs_the_officer_out_in_the_audit_log(
    qtbot: Any, workspace: Workspace, admin_window: Any
) -> None:
    """Issue 18: Keluar (or closing LTSA Desk) ended the session without an audit entry."""
    from sqlmodel import col, select

    from ltsa_desk.store.models import AuditLog

    admin_window.close()
    admin_window.close()  # a second close (the fixture's) is not a second sign-out
    admin_window.ctx.runner.wait_idle()
    with workspace.database.session() as session:
        rows = session.exec(
            select(AuditLog).where(AuditLog.action == "user.signout").order_by(col(AuditLog.id))
        ).all()
    assert [(row.actor, row.counter_id) for row in rows] == [("admin1", "LOTIM-01")]
    assert "LTSA Desk ditutup" in (rows[0].after or "")
