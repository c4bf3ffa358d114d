"""Signing in at the counter and the idle lock, driven with the keyboard on a real database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from sqlmodel import col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import accounts
from ltsa_desk.services.accounts import create_user
from ltsa_desk.services.context import Actor
from ltsa_desk.store.models import AuditLog
from ltsa_desk.ui.idle_lock import IdleLock, idle_minutes
from ltsa_desk.ui.signin import SignedIn, SignInDialog
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

PASSWORD = "rahasia-loket-1"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def runner(qtbot: Any) -> Iterator[Runner]:
    """Waits for background jobs before the database fixture closes underneath them."""
    made = Runner()
    yield made
    made.wait_idle()


@pytest.fixture
def counter_font() -> Iterator[None]:
    """The window's font (app.make_application): at least 10 pt, as on the counter."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSizeF(max(10.0, font.pointSizeF()))
    app.setFont(font)
    yield
    app.setFont(before)


@pytest.fixture
def officers(workspace: Workspace) -> None:
    with workspace.database.write_session() as session:
        # The office's admin, who adds the officers (no password: nobody signs in as it here).
        create_user(session, "admin", "admin", password=None, actor="setup-wizard")
        create_user(
            session,
            "petugas1",
            "officer",
            password=PASSWORD,
            full_name="Rina Wulandari",
            actor="admin",
        )
        create_user(
            session,
            "petugas2",
            "officer",
            password=PASSWORD + "x",
            full_name="Ahmad Fauzi",
            actor="admin",
        )


@pytest.fixture
def auth_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records the thread every password check runs on."""
    seen: list[str] = []
    real = accounts.authenticate

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(accounts, "authenticate", recording)
    return seen


def show_dialog(qtbot: Any, workspace: Workspace, runner: Runner) -> SignInDialog:
    dialog = SignInDialog(workspace, runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def sign_in_with_keys(qtbot: Any, dialog: SignInDialog, username: str, password: str) -> None:
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.password  # Enter in the name moves to the password
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def audit_actions(workspace: Workspace) -> list[str]:
    with workspace.database.session() as session:
        return list(session.exec(select(AuditLog.action).order_by(col(AuditLog.id))).all())


def test_sign_in_with_the_keyboard_returns_the_officer(
    qtbot: Any, workspace: Workspace, runner: Runner, officers: None, auth_threads: list[str]
) -> None:
    dialog = show_dialog(qtbot, workspace, runner)
    sign_in_with_keys(qtbot, dialog, "Petugas1", PASSWORD)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)

    assert dialog.actor == Actor(
        username="petugas1", counter_id="LOTIM-01", office_code="52.03", role="officer"
    )
    assert dialog.signed_in is not None
    assert dialog.signed_in.display_name == "Rina Wulandari (petugas1)"
    assert auth_threads and "MainThread" not in auth_threads  # argon2 never on the GUI thread
    assert audit_actions(workspace)[-1] == "user.signin"


def test_wrong_password_is_refused_under_the_field(
    qtbot: Any, workspace: Workspace, runner: Runner, officers: None
) -> None:
    dialog = show_dialog(qtbot, workspace, runner)
    sign_in_with_keys(qtbot, dialog, "petugas1", "salah-sekali")
    qtbot.waitUntil(lambda: dialog.message == "Nama pengguna atau kata sandi salah")

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.password.text() == ""  # typed again, not edited
    assert dialog.focusWidget() is dialog.password
    assert dialog.form.password_field.message.isVisible()
    # An unknown account gets the very same words: the dialog never says which part was wrong.
    dialog.username.clear()
    sign_in_with_keys(qtbot, dialog, "tidakada", PASSWORD)
    qtbot.waitUntil(lambda: not dialog.form.busy)
    assert dialog.message == "Nama pengguna atau kata sandi salah"


def test_empty_fields_are_named_without_asking_the_database(
    qtbot: Any, workspace: Workspace, runner: Runner, auth_threads: list[str]
) -> None:
    dialog = show_dialog(qtbot, workspace, runner)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.form.username_field.message_text() == "Nama pengguna wajib diisi"
    qtbot.keyClicks(dialog.username, "petugas1")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message == "Kata sandi wajib diisi"
    assert auth_threads == []


def test_five_failures_pause_the_account_and_say_so(
    qtbot: Any, workspace: Workspace, runner: Runner, officers: None
) -> None:
    dialog = show_dialog(qtbot, workspace, runner)
    qtbot.keyClicks(dialog.username, "petugas1")
    for attempt in range(accounts.MAX_FAILED_ATTEMPTS):
        qtbot.keyClicks(dialog.password, f"salah-{attempt}")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.form.busy)
        assert dialog.message == "Nama pengguna atau kata sandi salah"

    # Even the right password now waits: the pause is the point.
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.form.busy)
    assert dialog.message == "Akun dikunci sementara; coba lagi dalam 5 menit"
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "user.locked" in audit_actions(workspace)


def test_escape_cancels(qtbot: Any, workspace: Workspace, runner: Runner) -> None:
    dialog = show_dialog(qtbot, workspace, runner)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_the_forgotten_password_hint_is_shown_whole(
    qtbot: Any, workspace: Workspace, runner: Runner, counter_font: None
) -> None:
    """Issue 18, finding 9: the hint was cut to '...mengaturnya ulan' beside the buttons."""
    dialog = show_dialog(qtbot, workspace, runner)
    hint = next(
        label
        for label in dialog.findChildren(QLabel)
        if label.text().startswith("Lupa kata sandi?")
    )
    room = hint.contentsRect()
    one_line = hint.fontMetrics().horizontalAdvance(hint.text())
    fits_on_one_line = one_line <= room.width()
    fits_wrapped = hint.wordWrap() and hint.heightForWidth(room.width()) <= room.height()
    assert fits_on_one_line or fits_wrapped, (one_line, room.width(), room.height())


def test_sign_in_screenshot(
    qtbot: Any, workspace: Workspace, runner: Runner, officers: None, counter_font: None
) -> None:
    dialog = show_dialog(qtbot, workspace, runner)
    sign_in_with_keys(qtbot, dialog, "petugas1", "salah")
    qtbot.waitUntil(lambda: bool(dialog.message) and not dialog.form.busy)
    # The dialog centred on a 1366x768 counter screen, as the officer meets it.
    screen = QWidget()
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.setStyleSheet("background: #eceff1;")
    screen.show()
    dialog.setParent(screen, dialog.windowFlags() & ~Qt.WindowType.Window)
    dialog.move((1366 - dialog.width()) // 2, (768 - dialog.height()) // 3)
    dialog.show()
    SCREENSHOTS.mkdir(exist_ok=True)
    assert screen.grab().save(str(SCREENSHOTS / "signin.png"))


# ------------------------------------------------------------------------------------------------
# idle lock


def signed(username: str = "petugas1", full_name: str = "Rina Wulandari") -> SignedIn:
    return SignedIn(
        actor=Actor(username=username, counter_id="LOTIM-01", office_code="52.03"),
        full_name=full_name,
    )


@pytest.fixture
def window(qtbot: Any) -> QWidget:
    shown = QWidget()
    shown.setWindowTitle("LTSA Desk")
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def lock_factory(window: QWidget, workspace: Workspace, runner: Runner) -> Iterator[Any]:
    made: list[IdleLock] = []

    def make(**kwargs: Any) -> IdleLock:
        lock = IdleLock(window, workspace, runner, signed(), **kwargs)
        lock.start()
        made.append(lock)
        return lock

    yield make
    for lock in made:
        lock.stop()
        if lock.dialog is not None:
            lock.dialog.release()


def test_idle_time_comes_from_the_configuration(workspace: Workspace) -> None:
    assert idle_minutes(workspace) == 10
    workspace.config.set("ui.idle_lock_minutes", "3")
    assert idle_minutes(workspace) == 3


def test_idle_window_locks_and_opens_only_with_the_officers_password(
    qtbot: Any, lock_factory: Any, officers: None, auth_threads: list[str]
) -> None:
    lock = lock_factory(idle_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    assert dialog.geometry() == lock.window.geometry()  # the CPMI data underneath is covered
    assert "Rina Wulandari" in dialog.explanation.text()
    assert "tidak dipakai" in dialog.explanation.text()  # the idle time locked it
    assert not dialog.form.username_field.isVisible()  # only the same officer's password

    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Escape)
    assert lock.is_locked  # Esc never opens the lock
    qtbot.keyClicks(dialog.form.password, "salah")
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.form.busy)
    assert dialog.form.message == "Nama pengguna atau kata sandi salah"
    assert lock.is_locked

    with qtbot.waitSignal(lock.unlocked, timeout=3000):
        qtbot.keyClicks(dialog.form.password, PASSWORD)
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    assert not lock.is_locked
    assert auth_threads and "MainThread" not in auth_threads


def test_input_postpones_the_lock(qtbot: Any, window: QWidget, lock_factory: Any) -> None:
    now = [1000.0]
    lock = lock_factory(idle_ms=1000, clock=lambda: now[0])
    now[0] += 0.8
    qtbot.keyClick(window, Qt.Key.Key_A)  # the officer is still there
    now[0] += 0.8
    qtbot.wait(300)  # a few checks pass: 0.8 s since the last key, under the idle time
    assert not lock.is_locked
    qtbot.mouseMove(window, window.rect().center())
    qtbot.wait(100)  # on a real display (xcb) the move comes back from the X server later
    now[0] += 0.5
    qtbot.wait(300)
    assert not lock.is_locked
    now[0] += 0.6
    qtbot.waitUntil(lambda: lock.is_locked, timeout=2000)


def test_kunci_says_the_officer_locked_it_not_that_it_was_idle(
    qtbot: Any, lock_factory: Any
) -> None:
    """Issue 18, finding 8: after Kunci the screen said 'dikunci karena tidak dipakai'."""
    lock = lock_factory(idle_ms=60_000)
    lock.lock_now()
    assert lock.dialog is not None
    text = lock.dialog.explanation.text()
    assert "tidak dipakai" not in text
    assert "dikunci oleh petugas Rina Wulandari" in text


def test_keluar_on_the_lock_screen_closes_the_window(
    qtbot: Any, window: QWidget, lock_factory: Any
) -> None:
    """Issue 18, finding 8: the only way out was Kunci -> Ganti petugas; no sign-out."""
    lock = lock_factory(idle_ms=60_000)
    lock.signed_out.connect(window.close)  # as app.py wires it
    lock.lock_now()
    dialog = lock.dialog
    assert dialog is not None
    assert dialog.sign_out_button.isVisible() and dialog.sign_out_button.text() == "Keluar"
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    assert not dialog.sign_out_button.isVisible()  # taking over is not signing out
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(lock.signed_out, timeout=2000):
        qtbot.mouseClick(dialog.sign_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert lock.is_locked  # nothing of the window was shown on the way out


def test_shortcuts_of_the_locked_window_do_not_fire(
    qtbot: Any, window: QWidget, lock_factory: Any
) -> None:
    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence("Ctrl+S"), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append(True))
    lock = lock_factory(idle_ms=60_000)
    lock.lock_now()
    assert lock.dialog is not None
    qtbot.keyClick(lock.dialog.form.password, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert fired == []


def test_another_officer_can_take_over_the_locked_counter(
    qtbot: Any, lock_factory: Any, officers: None
) -> None:
    lock = lock_factory(idle_ms=60_000)
    lock.lock_now()
    dialog = lock.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    assert dialog.form.username_field.isVisible()
    SCREENSHOTS.mkdir(exist_ok=True)
    with qtbot.waitSignal(lock.officer_changed, timeout=3000) as changed:
        qtbot.keyClicks(dialog.form.username, "petugas2")
        qtbot.keyClick(dialog.form.username, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.form.password, PASSWORD + "x")
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    taken_over = changed.args[0]
    assert taken_over.actor.username == "petugas2"
    assert lock.officer.actor.username == "petugas2"
    assert not lock.is_locked


def test_lock_screen_screenshot(qtbot: Any, counter_font: None, lock_factory: Any) -> None:
    lock = lock_factory(idle_ms=60_000)
    lock.lock_now()
    assert lock.dialog is not None
    qtbot.waitExposed(lock.dialog)
    SCREENSHOTS.mkdir(exist_ok=True)
    image = lock.dialog.grab()
    assert image.width() == 1366 and image.height() == 768
    assert image.save(str(SCREENSHOTS / "idle_lock.png"))


# ------------------------------------------------------------------------------------------------
# the session in the audit log (issue 18): locked, unlocked, signed out


def audit_entries(workspace: Workspace) -> list[tuple[str, str, str | None]]:
    """(action, actor, reason) of every session entry, oldest first."""
    import json

    with workspace.database.session() as session:
        rows = session.exec(select(AuditLog).order_by(col(AuditLog.id))).all()
    kept = []
    for row in rows:
        if row.action in {"user.signin", "user.lock", "user.unlock", "user.signout"}:
            reason = json.loads(row.after).get("reason") if row.after else None
            kept.append((row.action, row.actor, reason))
    return kept


def test_kunci_and_buka_kunci_are_in_the_audit_log(
    qtbot: Any, workspace: Workspace, runner: Runner, lock_factory: Any, officers: None
) -> None:
    lock = lock_factory(idle_ms=60_000)
    lock.lock_now()
    dialog = lock.dialog
    assert dialog is not None
    with qtbot.waitSignal(lock.unlocked, timeout=3000):
        qtbot.keyClicks(dialog.form.password, PASSWORD)
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    runner.wait_idle()
    assert audit_entries(workspace) == [
        ("user.lock", "petugas1", "dikunci petugas"),
        ("user.unlock", "petugas1", None),  # opening the lock is not a new sign-in
    ]


def test_an_idle_lock_says_why_in_the_audit_log(
    qtbot: Any, workspace: Workspace, runner: Runner, lock_factory: Any
) -> None:
    lock = lock_factory(idle_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    runner.wait_idle()
    assert audit_entries(workspace) == [("user.lock", "petugas1", "tidak dipakai")]


def test_taking_over_signs_the_first_officer_out(
    qtbot: Any, workspace: Workspace, runner: Runner, lock_factory: Any, officers: None
) -> None:
    lock = lock_factory(idle_ms=60_000)
    lock.lock_now()
    dialog = lock.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(lock.officer_changed, timeout=3000):
        qtbot.keyClicks(dialog.form.username, "petugas2")
        qtbot.keyClick(dialog.form.username, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.form.password, PASSWORD + "x")
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    runner.wait_idle()
    assert audit_entries(workspace) == [
        ("user.lock", "petugas1", "dikunci petugas"),
        ("user.signin", "petugas2", None),
        ("user.signout", "petugas1", "ganti petugas"),
    ]


def test_the_lock_entry_comes_first_even_when_it_is_written_late(
    qtbot: Any,
    workspace: Workspace,
    runner: Runner,
    lock_factory: Any,
    officers: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The lock's entry and the password check run on two worker threads: on a busy PC the
    check finished first and the log showed the counter opened before it was locked."""
    import time

    from ltsa_desk.services import officer_sessions

    real = officer_sessions.note

    def slow_lock(database: Any, actor: Any, action: str, reason: str | None = None) -> None:
        if action == officer_sessions.LOCK:
            time.sleep(0.5)  # a loaded machine, made certain
        real(database, actor, action, reason)

    monkeypatch.setattr(officer_sessions, "note", slow_lock)
    lock = lock_factory(idle_ms=60_000)
    lock.lock_now()
    dialog = lock.dialog
    assert dialog is not None
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        qtbot.keyClicks(dialog.form.password, PASSWORD)
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    runner.wait_idle()
    assert [action for action, _, _ in audit_entries(workspace)] == ["user.lock", "user.unlock"]
