"""Locking the counter when the officer walks away.

A counter screen shows NIKs, addresses and family data of the CPMI in the queue. When nobody has
touched the keyboard or mouse for `ui.idle_lock_minutes`, the window is covered by a lock screen
that hides it completely and asks for the same officer's password; another officer may take over
instead (the window is then told, so the new officer's work is stamped with their name).

The lock is a frameless, application-modal dialog laid over the main window rather than a widget
inside it: being modal it also blocks dialogs and keyboard shortcuts of the window underneath, and
it stays usable even when another dialog was open when the lock came.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations.sign_in import SignedIn, sign_in
from ltsa_desk.services import officer_sessions
from ltsa_desk.services.context import Actor
from ltsa_desk.ui import style
from ltsa_desk.ui.plain import plain_label
from ltsa_desk.ui.signin import CredentialsForm
from ltsa_desk.ui.workers import Runner

# Input that proves someone is at the counter. Paint, timer and focus events are not activity.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def idle_minutes(workspace: Workspace) -> int:
    """The configured idle time (`ui.idle_lock_minutes`, 10 by default).

    A value the configuration refuses (a hand edit of config.toml, e.g. a number so large the
    timer would overflow and never fire) gives the default: the lock stays on.
    """
    try:
        return min(240, max(1, int(workspace.config.get("ui.idle_lock_minutes"))))
    except (TypeError, ValueError):  # ConfigError is a ValueError
        return 10


def open_lock(
    workspace: Workspace,
    username: str,
    password: str,
    *,
    locked_by: Actor,
    lock_noted: threading.Event | None = None,
) -> SignedIn:
    """The lock screen's check (worker thread), audited for what it is (issue 18): the locked
    officer's password opens the lock (``user.unlock``); another officer signs in as at the
    start (``user.signin``) and the locked officer's session ends (``user.signout``).

    ``lock_noted`` is set once the lock's own entry is written (another worker thread): the log
    must never show the counter opened before it was locked.
    """
    if lock_noted is not None:
        lock_noted.wait(30)
    if username == locked_by.username:
        officer = officer_sessions.unlock(workspace.database, locked_by, password)
        return SignedIn(actor=locked_by, full_name=officer.full_name)
    signed = sign_in(workspace, username, password)
    officer_sessions.note(
        workspace.database,
        locked_by,
        officer_sessions.SIGNOUT,
        officer_sessions.SIGNED_OUT_TAKEN_OVER,
    )
    return signed


class LockDialog(QDialog):
    """The lock screen: the officer's password, or another officer's name and password."""

    unlocked = Signal(object)  # SignedIn of whoever opened it
    sign_out = Signal()  # the officer ends the shift from the lock screen: Keluar

    def __init__(
        self,
        workspace: Workspace,
        runner: Runner,
        officer: SignedIn,
        parent: QWidget | None = None,
        *,
        idle: bool = False,
        lock_noted: threading.Event | None = None,
    ) -> None:
        super().__init__(parent)
        self.officer = officer
        # Why the counter is locked: the officer who pressed Kunci must not read that it was idle.
        self.idle = idle
        self.setWindowTitle(self.tr("LTSA Desk - Terkunci"))
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAutoFillBackground(True)
        self.setObjectName("lockScreen")
        self.setStyleSheet("#lockScreen { background: #37474f; }")

        card = QFrame()
        card.setObjectName("lockCard")
        card.setStyleSheet("#lockCard { background: white; border-radius: 8px; }")
        card.setFixedWidth(520)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(max(font.pointSizeF(), style.MIN_POINT_SIZE) * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.explanation = plain_label()  # names the officer
        self.explanation.setWordWrap(True)
        self.form = CredentialsForm(workspace, runner, card)
        self.form.check = partial(open_lock, locked_by=officer.actor, lock_noted=lock_noted)
        self.form.signed_in.connect(self._opened)

        self.unlock_button = QPushButton()
        self.switch_button = QPushButton()
        # Keluar: the end of a shift needed Kunci -> Ganti petugas before (issue 18). It closes
        # LTSA Desk; the window still asks about an unsaved form, and the lock stays up meanwhile.
        self.sign_out_button = QPushButton(self.tr("Keluar"))
        self.sign_out_button.setToolTip(self.tr("Keluar dan tutup LTSA Desk (akhir tugas)"))
        self.sign_out_button.clicked.connect(self._sign_out)
        for button in (self.unlock_button, self.switch_button, self.sign_out_button):
            button.setAutoDefault(False)
        primary = QFont(self.unlock_button.font())
        primary.setBold(True)
        self.unlock_button.setFont(primary)
        self.unlock_button.setMinimumWidth(110)
        self.unlock_button.clicked.connect(self.form.submit)
        self.switch_button.clicked.connect(self._toggle_mode)

        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        inner.addWidget(self.title)
        inner.addWidget(self.explanation)
        inner.addWidget(self.form)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.switching = False
        self._show_mode()

    def _show_mode(self) -> None:
        if self.switching:
            self.title.setText(self.tr("Ganti petugas"))
            self.explanation.setText(
                self.tr("Petugas lain masuk dengan nama pengguna dan kata sandinya sendiri.")
            )
            self.unlock_button.setText(self.tr("Masuk"))
            self.switch_button.setText(self.tr("Kembali"))
            self.form.set_username_locked(None)
        else:
            self.title.setText(self.tr("Layar dikunci"))
            if self.idle:
                why = self.tr(
                    "Loket ini dikunci karena tidak dipakai. Petugas {name} membuka kunci dengan "
                    "kata sandinya."
                )
            else:
                why = self.tr(
                    "Loket ini dikunci oleh petugas {name}, yang membukanya lagi dengan kata "
                    "sandinya."
                )
            self.explanation.setText(why.format(name=self.officer.display_name))
            self.unlock_button.setText(self.tr("Buka kunci"))
            self.switch_button.setText(self.tr("Ganti petugas"))
            self.form.set_username_locked(self.officer.actor.username)
        self.sign_out_button.setVisible(not self.switching)
        self.unlock_button.setToolTip(self.unlock_button.text() + " (Enter)")
        self.form.focus_first_empty()

    def _toggle_mode(self) -> None:
        if self.form.busy:
            return
        self.switching = not self.switching
        self._show_mode()

    def _sign_out(self) -> None:
        if not self.form.busy:
            self.sign_out.emit()

    def _opened(self, result: SignedIn) -> None:
        self.unlocked.emit(result)

    def reject(self) -> None:
        """Esc never opens the lock; in 'Ganti petugas' it goes back to the password."""
        if self.switching:
            self._toggle_mode()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt
        if not getattr(self, "_may_close", False):
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)

    def release(self) -> None:
        self._may_close = True
        self.close()
        self.deleteLater()


class IdleLock(QObject):
    """Watches the application's input and locks `window` after the idle time.

    Install once after sign-in: `IdleLock(window, workspace, runner, signed_in).start()`.
    `idle_ms` overrides the configured minutes (tests use a fraction of a second); `clock` is the
    monotonic clock, injectable for the same reason. `lock_now()` serves a "Kunci" menu action.
    """

    locked = Signal()
    unlocked = Signal()
    signed_out = Signal()  # Keluar on the lock screen; the window closes (the lock stays up)
    officer_changed = Signal(object)  # SignedIn: another officer took over the counter

    def __init__(
        self,
        window: QWidget,
        workspace: Workspace,
        runner: Runner,
        officer: SignedIn,
        *,
        idle_ms: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.runner = runner
        self.officer = officer
        self.idle_ms = idle_ms if idle_ms is not None else idle_minutes(workspace) * 60_000
        self.clock = clock
        self.dialog: LockDialog | None = None
        self._last_input = clock()
        self._timer = QTimer(self)
        # Checking a timestamp a few times per period is cheaper than restarting a timer on
        # every mouse move, and late by at most a quarter of the period (never early).
        self._timer.setInterval(max(20, min(5_000, self.idle_ms // 4)))
        self._timer.timeout.connect(self._check)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def start(self) -> None:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._last_input = self.clock()
        self._timer.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def set_officer(self, officer: SignedIn) -> None:
        """The window signed someone else in by other means (sign out, then sign in)."""
        self.officer = officer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        kind = event.type()
        if self.dialog is None:
            if kind in _ACTIVITY:
                self._last_input = self.clock()
            return False
        if kind == QEvent.Type.Shortcut and not self._inside_lock(watched):
            return True  # an application-wide shortcut must not act on the locked window
        if kind == QEvent.Type.Resize and watched is self.window:
            self._cover()
        return False

    def _inside_lock(self, watched: QObject) -> bool:
        node: QObject | None = watched
        while node is not None:
            if node is self.dialog:
                return True
            node = node.parent()
        return False

    def _check(self) -> None:
        if self.dialog is None and (self.clock() - self._last_input) * 1000 >= self.idle_ms:
            self._lock(idle=True)

    def lock_now(self) -> None:
        """The officer pressed Kunci (or Ctrl+L): the lock screen says the officer locked it."""
        self._lock(idle=False)

    def _lock(self, *, idle: bool) -> None:
        if self.dialog is not None:
            return
        # In the audit log with why, off the GUI thread (issue 18).
        reason = officer_sessions.LOCKED_IDLE if idle else officer_sessions.LOCKED_BY_OFFICER
        noted = threading.Event()
        database, actor = self.workspace.database, self.officer.actor

        def note_lock() -> None:
            try:
                officer_sessions.note(database, actor, officer_sessions.LOCK, reason)
            finally:
                noted.set()  # written or failed (logged by the runner): the lock opens anyway

        self.runner.run(note_lock)
        self.dialog = LockDialog(
            self.workspace, self.runner, self.officer, self.window, idle=idle, lock_noted=noted
        )
        self.dialog.unlocked.connect(self._unlock)
        self.dialog.sign_out.connect(self.signed_out)
        self._cover()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.form.focus_first_empty()
        self.locked.emit()

    def _cover(self) -> None:
        if self.dialog is not None and shiboken6.isValid(self.window):
            self.dialog.setGeometry(self.window.geometry())

    def _unlock(self, result: SignedIn) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.release()
        self._last_input = self.clock()
        changed = result.actor.username != self.officer.actor.username
        self.officer = result
        self.unlocked.emit()
        if changed:
            self.officer_changed.emit(result)
