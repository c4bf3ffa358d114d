"""The first account of a new counter: without one nobody could sign in.

Shown only while the database holds no account at all; the account made here is an admin, who then
adds the officers (on the command line with `ltsa-desk user add`, or later from the admin screens).
"""

from __future__ import annotations

from functools import partial
from itertools import pairwise

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import accounts
from ltsa_desk.services.counter_setup import create_first_admin
from ltsa_desk.ui.style import ERROR_LABEL_CSS
from ltsa_desk.ui.workers import Runner


class FirstAccountDialog(QDialog):
    def __init__(
        self, workspace: Workspace, runner: Runner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner or Runner(self)
        self.setWindowTitle(self.tr("LTSA Desk - Akun pertama"))
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr(
                "Loket ini belum punya akun. Buat akun Admin pertama; Admin kemudian menambahkan "
                "akun petugas."
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_LABEL_CSS)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Nama pengguna"), self.username)
        form.addRow(self.tr("Nama lengkap"), self.full_name)
        form.addRow(self.tr("Kata sandi"), self.password)
        form.addRow(self.tr("Ulangi kata sandi"), self.repeat)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fields = (self.username, self.full_name, self.password, self.repeat)
        for current, following in pairwise(fields):
            current.returnPressed.connect(following.setFocus)
        self.repeat.returnPressed.connect(self.save)

    def save(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("Kata sandi dan ulangannya tidak sama"))
            self.repeat.setFocus()
            return
        self.save_button.setEnabled(False)
        self.runner.run(
            partial(
                create_first_admin,
                self.workspace,
                self.username.text(),
                self.password.text(),
                self.full_name.text(),
            ),
            lambda _done: self.accept(),
            self._refused,
        )

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(exc) if isinstance(exc, accounts.AccountError) else repr(exc))
