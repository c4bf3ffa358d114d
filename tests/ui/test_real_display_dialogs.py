"""Every dialog the counter window opens, at 1366x768 with the longest realistic data (issue 18).

The page version is test_real_display.py; a dialog is a window of its own, so its frame is checked
on its own: as large as the dialog wants to be (its minimum size hint, what it grows to), and, on a
real display (Xvfb with the xcb platform, `.ci/run`), its frame geometry inside the screen. The
modal ones are opened by the window's own actions (Ajukan paspor, Batalkan CPMI, closing with an
unsaved form), measured while their event loop runs, then closed with Esc as an officer would.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from test_real_display import LONG_AGENCY, LONG_NAME, _longest_cpmi
from uiscreen import SCREEN_HEIGHT, SCREEN_WIDTH, activate, on_real_display

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.documents import DocumentEntry
from ltsa_desk.ui.applicant.documents_dialogs import DatesDialog
from ltsa_desk.ui.applicant.page import ApplicantPage
from ltsa_desk.ui.applicant.reason_dialog import ReasonDialog
from ltsa_desk.ui.first_account import FirstAccountDialog
from ltsa_desk.ui.idle_lock import LockDialog
from ltsa_desk.ui.intake_page import IntakePage
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.office_server import ServerWaitDialog
from ltsa_desk.ui.password_dialog import PasswordDialog
from ltsa_desk.ui.recovery_key import RecoveryKeyDialog
from ltsa_desk.ui.signin import SignedIn, SignInDialog
from ltsa_desk.ui.users_page import UsersPage
from ltsa_desk.ui.wizard import SetupWizard

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
ROOT = Path(__file__).resolve().parents[2]
LONG_REASON = (
    "CPMI mengundurkan diri karena orang tua sakit keras dan tidak ada keluarga lain yang "
    "merawat di Desa Sukamulia Timur; P3MI " + LONG_AGENCY + " sudah diberi tahu per telepon. "
) * 4
LONG_USERNAME = "baiq.nurul.aini.zainuddin.lotim01"


def _shot(widget: QWidget, name: str, tmp_path: Path) -> None:
    folder = ROOT / "screenshots" if (ROOT / "screenshots").is_dir() else tmp_path
    widget.grab().save(str(folder / f"dialog-{name}.png"))


def _fits(dialog: QWidget, where: str) -> None:
    """The dialog's frame on a 1366x768 screen, and what it would grow to."""
    QApplication.processEvents()
    hint = dialog.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, (where, hint)
    size = dialog.size()
    assert size.width() <= SCREEN_WIDTH and size.height() <= SCREEN_HEIGHT, (where, size)
    if on_real_display():  # offscreen invents frames and an 800x600 screen
        frame = dialog.frameGeometry()
        screen = dialog.screen().geometry()
        assert screen.width() == SCREEN_WIDTH and screen.height() == SCREEN_HEIGHT, screen
        assert screen.contains(frame), (where, frame)


def _shown_fits(qtbot: Any, dialog: QWidget, where: str, tmp_path: Path) -> None:
    """A dialog built directly: shown as the app shows it, measured, closed."""
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    _fits(dialog, where)
    _shot(dialog, where, tmp_path)
    dialog.close()


def _modal_fits(qtbot: Any, open_it: Callable[[], Any], where: str, tmp_path: Path) -> None:
    """A modal dialog opened by the window's own action: measured inside its event loop."""
    seen: list[str] = []
    failures: list[BaseException] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, inspect)
            return
        try:
            qtbot.waitExposed(dialog)
            _fits(dialog, where)
            _shot(dialog, where, tmp_path)
            seen.append(dialog.windowTitle())
        except BaseException as exc:  # raised again outside the dialog's event loop
            failures.append(exc)
        finally:
            dialog.reject() if isinstance(dialog, QDialog) else dialog.close()

    QTimer.singleShot(0, inspect)
    open_it()
    if failures:
        raise failures[0]
    assert seen, f"{where}: no dialog opened"


def _ready_for_passport(workspace: Workspace, applicant_id: str) -> None:
    """The case as it stands once recommended (how it got there is not looked at here)."""
    import uuid

    from ltsa_desk.domain.workflow import CaseState
    from ltsa_desk.store.models import Applicant

    with workspace.database.write_session() as session:
        record = session.get(Applicant, uuid.UUID(applicant_id))
        assert record is not None
        record.state = CaseState.RECOMMENDED.value
        record.passport_application_no = None
        session.add(record)
        session.commit()


@pytest.fixture
def window(admin_window: MainWindow) -> MainWindow:
    return admin_window


@SQLITE
def test_the_cpmi_dialogs_fit_the_screen_with_the_longest_data(
    qtbot: Any, workspace: Workspace, actor: Actor, window: MainWindow, tmp_path: Path
) -> None:
    applicant_id = _longest_cpmi(workspace, actor)
    window.open_applicant(applicant_id)
    page = window.pages["applicant"]
    assert isinstance(page, ApplicantPage)
    qtbot.waitUntil(lambda: page.header.name_label.text() == LONG_NAME, timeout=10_000)
    window.ctx.runner.wait_idle()
    _modal_fits(qtbot, page.actions.cancel_case, "batalkan-cpmi", tmp_path)
    # Ajukan paspor asks once the papers are verified and no application exists yet.
    _ready_for_passport(workspace, applicant_id)
    window.open_applicant(applicant_id)
    qtbot.waitUntil(
        lambda: page.view is not None and not page.view.passport_refusal, timeout=10_000
    )
    window.ctx.runner.wait_idle()
    _modal_fits(qtbot, page.actions.request_passport, "ajukan-paspor", tmp_path)

    # The reason dialog with a reason of several lines typed, and its error shown.
    reason = ReasonDialog(
        "Tolak Surat keterangan sehat",
        f"Tulis alasan penolakan untuk {LONG_NAME}. " * 3,
        "Tolak dokumen",
        window,
    )
    reason.editor.setPlainText(LONG_REASON)
    reason.error.setText("Alasan wajib diisi")
    _shown_fits(qtbot, reason, "alasan", tmp_path)
    entry = DocumentEntry(
        kind="medical_certificate",
        label="Surat keterangan sehat dari sarana kesehatan yang ditunjuk",
        status="received",
        status_label="Diterima",
        issued_on=date(2026, 11, 2),
        valid_until=date(2027, 2, 2),
    )
    dates = DatesDialog(entry, needs_issued=True, needs_until=True, parent=window)
    dates.error.setText("Tanggal berlaku tidak sah: 31-02-2027 (tulis DD-MM-YYYY)")
    _shown_fits(qtbot, dates, "tanggal-verifikasi", tmp_path)


@SQLITE
def test_the_window_and_account_dialogs_fit_the_screen(
    qtbot: Any, workspace: Workspace, window: MainWindow, tmp_path: Path
) -> None:
    # Closing with an unsaved intake form asks first.
    intake = window.pages["intake"]
    assert isinstance(intake, IntakePage)
    intake.editors["full_name"].setText(LONG_NAME)
    _modal_fits(qtbot, window.close, "tutup-formulir", tmp_path)
    assert window.isVisible(), "Esc keeps the window and the form"

    users = window.pages["users"]
    assert isinstance(users, UsersPage)
    question = (
        f"Nonaktifkan {LONG_USERNAME} ({LONG_NAME})? Petugas ini tidak bisa masuk lagi sampai "
        "diaktifkan kembali."
    )
    _modal_fits(
        qtbot, lambda: users._confirm("Pengguna", question), "pengguna-konfirmasi", tmp_path
    )
    _shown_fits(qtbot, PasswordDialog(LONG_USERNAME, window), "atur-sandi", tmp_path)

    officer = SignedIn(Actor(LONG_USERNAME, "LOTIM-01", "52.03", "admin"), LONG_NAME)
    lock = LockDialog(workspace, window.ctx.runner, officer, window)
    lock.setGeometry(window.geometry())  # as the idle lock covers the window
    lock.show()
    qtbot.waitExposed(lock)
    _fits(lock, "layar-kunci")
    _shot(lock, "layar-kunci", tmp_path)
    lock.release()

    _shown_fits(qtbot, SignInDialog(workspace, runner=window.ctx.runner), "masuk", tmp_path)
    _shown_fits(qtbot, FirstAccountDialog(workspace, window.ctx.runner), "akun-pertama", tmp_path)
    _shown_fits(
        qtbot,
        RecoveryKeyDialog("1CGRZ-AGEZD-K4M2P-7QX9W-R3TV5-HN8BC-D6FJA"),
        "kunci-pemulihan",
        tmp_path,
    )
    window.ctx.runner.wait_idle()


def test_the_set_up_dialogs_fit_the_screen(qtbot: Any, tmp_path: Path) -> None:
    fresh = tmp_path / "baru"
    fresh.mkdir()
    wizard = SetupWizard(fresh)
    wizard.confirm_discard = lambda: True
    _shown_fits(qtbot, wizard, "pengaturan-awal", tmp_path)
    wizard.runner.wait_idle()

    def never(_data_dir: Path) -> Workspace:
        raise OSError("server kantor tidak menjawab")

    waiting = ServerWaitDialog(
        tmp_path,
        "Server basis data kantor (192.168.100.250:5432) tidak menjawab: sambungan ditolak "
        "setelah 10 detik. " * 2,
        opener=never,
        retry_ms=60_000,
    )
    _shown_fits(qtbot, waiting, "menunggu-server", tmp_path)
