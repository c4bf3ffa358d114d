"""Signing an officer in at the counter.

The counter PC runs under one Windows account; officers sign in inside the app so every change is
stamped with the person who made it. The password check (argon2, ~50 ms, plus the audit write and
the pause after five failures in `services.accounts`) runs on a worker thread, so the dialog never
freezes, even when the office database sits on another PC.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations.sign_in import SignedIn, sign_in
from ltsa_desk.services import accounts
from ltsa_desk.services.context import Actor
from ltsa_desk.ui import style
from ltsa_desk.ui.fields import LabelledField
from ltsa_desk.ui.workers import Runner

log = logging.getLogger(__name__)


def refusal_message(exc: BaseException) -> str:
    """What the officer reads when a sign-in fails: the service's safe words, never a trace."""
    if isinstance(exc, accounts.SignInRefused):
        return str(exc)
    return QCoreApplication.translate(
        "SignIn",
        "Tidak bisa memeriksa akun: basis data tidak dapat dibuka. Coba lagi; jika tetap gagal, "
        "hubungi teknisi.",
    )


class CredentialsForm(QWidget):
    """Username, password and the message under them; checks them off the GUI thread.

    Shared by the sign-in dialog and the idle lock, so both refuse, pause and audit the same way.
    `signed_in` is emitted on success; nothing else leaves this widget.
    """

    signed_in = Signal(object)  # SignedIn

    def __init__(self, workspace: Workspace, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        # What checks the typed name and password (worker thread); the lock screen puts its own
        # here, so opening the lock is audited as such and not as a new sign-in.
        self.check: Callable[[Workspace, str, str], SignedIn] = sign_in
        self.busy = False
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(50)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)
        for editor in (self.username, self.password):
            editor.setMinimumHeight(30)
        self.username_field = LabelledField(self.tr("Nama pengguna"), self.username)
        self.password_field = LabelledField(self.tr("Kata sandi"), self.password)
        width = max(
            self.username_field.label.sizeHint().width(),
            self.password_field.label.sizeHint().width(),
        )
        for field in (self.username_field, self.password_field):
            field.set_label_width(width)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.username_field)
        layout.addWidget(self.password_field)
        # Enter in the name moves on; Enter in the password signs in (keyboard first, UX.md).
        self.username.returnPressed.connect(self._username_entered)
        self.password.returnPressed.connect(self.submit)

    @property
    def message(self) -> str:
        return self.password_field.message_text()

    def set_username_locked(self, username: str | None) -> None:
        """The idle lock asks only for the password of the officer who was signed in."""
        if username is None:
            self.username.clear()
            self.username_field.show()
        else:
            self.username.setText(username)
            self.username_field.hide()
        self.password.clear()
        self.password_field.clear_message()

    def focus_first_empty(self) -> None:
        if self.username_field.isVisible() and not self.username.text().strip():
            self.username.setFocus()
        else:
            self.password.setFocus()

    def _username_entered(self) -> None:
        if self.username.text().strip():
            self.password.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        username = self.username.text().strip()
        password = self.password.text()
        if not username:
            self.username_field.set_error(self.tr("Nama pengguna wajib diisi"))
            self.username.setFocus()
            return
        self.username_field.clear_message()
        if not password:
            self.password_field.set_error(self.tr("Kata sandi wajib diisi"))
            self.password.setFocus()
            return
        self._set_busy(True)
        self.password_field.set_info(self.tr("Memeriksa..."))
        # A wrong password is an answer, not a failure: no ERROR and no traceback in the log
        # (the audit log has the attempt); _failed logs what really went wrong.
        self.runner.run(
            partial(self.check, self.workspace, username, password),
            self._done,
            self._failed,
            log_errors=False,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.username.setReadOnly(busy)
        self.password.setReadOnly(busy)

    def _done(self, result: SignedIn) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.password.clear()
        self.password_field.clear_message()
        self.signed_in.emit(result)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if isinstance(exc, accounts.SignInRefused):
            log.info("sign-in refused")
        else:
            log.error("sign-in check failed: %s", type(exc).__name__, exc_info=exc)
        self._set_busy(False)
        self.password.clear()
        self.password_field.set_error(refusal_message(exc))
        self.password.setFocus()


class SignInDialog(QDialog):
    """Sign-in at the start of work. `signed_in` holds the officer after `Accepted`; Esc cancels.

    The dialog makes its own Runner when given none, because it runs before the main window (and
    its context) exist.
    """

    def __init__(
        self,
        workspace: Workspace,
        runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner or Runner(self)
        self.signed_in: SignedIn | None = None
        config = workspace.config
        self.setWindowTitle(self.tr("LTSA Desk - Masuk"))
        self.setMinimumWidth(460)

        title = QLabel(self.tr("Masuk"))
        font = QFont(title.font())
        font.setPointSizeF(max(font.pointSizeF(), style.MIN_POINT_SIZE) * 1.5)
        font.setBold(True)
        title.setFont(font)
        where = QLabel(
            self.tr("Kantor {office} - Loket {counter}").format(
                office=config.office_code, counter=config.counter_id
            )
        )
        self.form = CredentialsForm(workspace, self.runner, self)
        self.form.signed_in.connect(self._accept_officer)

        self.sign_in_button = QPushButton(self.tr("Masuk"))
        primary = QFont(self.sign_in_button.font())
        primary.setBold(True)
        self.sign_in_button.setFont(primary)
        self.sign_in_button.setMinimumWidth(110)
        self.sign_in_button.setToolTip(self.tr("Masuk (Enter)"))
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setToolTip(self.tr("Batal (Esc)"))
        # Enter is handled by the fields themselves (name -> password -> sign in); a default
        # button would sign in with an empty password when Enter is pressed in the name.
        for button in (self.sign_in_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.sign_in_button.clicked.connect(self.form.submit)
        self.cancel_button.clicked.connect(self.reject)
        # On a line of its own and wrapped: beside the buttons at the counter's 10 pt font it was
        # cut to "...mengaturnya ulan" (issue 18), and an English text is longer still.
        self.hint = QLabel(self.tr("Lupa kata sandi? Teknisi dapat mengaturnya ulang."))
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addSpacing(6)
        layout.addWidget(self.form)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.setTabOrder(self.form.username, self.form.password)
        self.setTabOrder(self.form.password, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.cancel_button)
        self.form.username.setFocus()

    @property
    def username(self) -> QLineEdit:
        return self.form.username

    @property
    def password(self) -> QLineEdit:
        return self.form.password

    @property
    def message(self) -> str:
        """The refusal under the password field ("Nama pengguna atau kata sandi salah", ...)."""
        return self.form.message

    @property
    def actor(self) -> Actor | None:
        return self.signed_in.actor if self.signed_in else None

    def _accept_officer(self, result: SignedIn) -> None:
        if self.isVisible():
            self.signed_in = result
            self.accept()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt
        super().showEvent(event)
        self.form.focus_first_empty()

    @classmethod
    def ask(
        cls, workspace: Workspace, parent: QWidget | None = None, runner: Runner | None = None
    ) -> SignedIn | None:
        """Show the dialog and wait: the officer who signed in, or None when cancelled."""
        dialog = cls(workspace, runner=runner, parent=parent)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.signed_in
            return None
        finally:
            dialog.runner.wait_idle()
            dialog.deleteLater()
