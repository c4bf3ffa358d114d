"""Finding 6 (the counter PC): a wrong password is not logged as an error with a traceback, and a
printed receipt (the CPMI's name, NIK and address) does not stay in the temp folder."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.accounts import create_user
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.ui.applicant.letters import LettersPanel
from ltsa_desk.ui.applicant.letters_output import KEEP_SECONDS, clean_output_dir
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.signin import SignInDialog
from ltsa_desk.ui.workers import Runner

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

TODAY = date(2026, 6, 1)


@pytest.fixture
def runner(qtbot: Any) -> Iterator[Runner]:
    made = Runner()
    yield made
    made.wait_idle()


@SQLITE
def test_a_wrong_password_is_no_error_in_the_log(
    qtbot: Any, workspace: Workspace, runner: Runner, caplog: pytest.LogCaptureFixture
) -> None:
    with workspace.database.write_session() as session:
        create_user(session, "petugas1", "officer", password="kopi-hujan-sepeda", actor="tek")
    dialog = SignInDialog(workspace, runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    caplog.set_level(logging.INFO)

    qtbot.keyClicks(dialog.username, "petugas1")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.password, "salah-salah-salah")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message == "Nama pengguna atau kata sandi salah")
    runner.wait_idle()

    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert [r for r in caplog.records if r.exc_info] == []
    assert all("salah-salah-salah" not in r.getMessage() for r in caplog.records)


@SQLITE
def test_a_receipt_pdf_is_gone_when_the_window_closes(
    qtbot: Any, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    data = {
        "nik": "5203015205950002",
        "full_name": "Siti Aminah",
        "birth_date": "12-05-1995",
        "sex": "P",
    }
    with workspace.database.write_session() as session:
        applicant_id = str(register_applicant(session, data, actor, today=TODAY).applicant.id)
    ctx = UiContext(workspace=workspace, actor=actor, runner=Runner())
    folder = tmp_path / "cetak"
    panel = LettersPanel(ctx, today=lambda: TODAY, output_dir=folder)
    opened: list[Path] = []
    panel.open_file = lambda path: opened.append(path) or True
    qtbot.addWidget(panel)
    panel.show()
    panel.load(applicant_id)
    qtbot.waitUntil(lambda: panel.view is not None and not panel.busy, timeout=20_000)
    panel.receipt_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    ctx.runner.wait_idle()
    assert opened[-1].is_file() and opened[-1].parent == folder

    QCoreApplication.instance().aboutToQuit.emit()  # the window closes, the app quits

    assert list(folder.glob("*.pdf")) == []


def test_a_paper_left_from_an_earlier_run_goes_within_minutes(tmp_path: Path) -> None:
    """A viewer on Windows may hold the file open at quit; the next panel removes it soon."""
    old = tmp_path / "Tanda-Terima-LOTIM-01-2026-000001-2026-06-01.pdf"
    old.write_bytes(b"%PDF-1.4\n")
    twenty_minutes_ago = time.time() - 20 * 60
    os.utime(old, (twenty_minutes_ago, twenty_minutes_ago))
    fresh = tmp_path / "Tanda-Terima-LOTIM-01-2026-000002-2026-06-01.pdf"
    fresh.write_bytes(b"%PDF-1.4\n")

    assert KEEP_SECONDS <= 15 * 60
    assert clean_output_dir(tmp_path) == 1
    assert not old.exists() and fresh.exists()
