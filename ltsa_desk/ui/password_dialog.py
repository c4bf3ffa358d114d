"""The admin's reset of an officer's password: a new password typed twice.

Checked here (the length rule of ``services.accounts``, the two alike) before any work runs, so
the Pengguna screen only ever sends a password that can be saved; Esc cancels.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ltsa_desk.services import accounts
from ltsa_desk.ui.fields import LabelledField


class PasswordDialog(QDialog):
    """A new password, typed twice; Esc cancels. Checked here (length, match) before any work."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Atur ulang kata sandi"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field = LabelledField(self.tr("Kata sandi baru"), self.password)
        self.repeat_field = LabelledField(self.tr("Ulangi kata sandi"), self.repeat)
        width = max(
            self.password_field.label.sizeHint().width(), self.repeat_field.label.sizeHint().width()
        )
        for labelled in (self.password_field, self.repeat_field):
            labelled.set_label_width(width)
        intro = QLabel(
            self.tr(
                "Kata sandi baru untuk {username}. Sampaikan langsung kepada petugasnya."
            ).format(username=username)
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        self.password.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password_field)
        layout.addWidget(self.repeat_field)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def check(self) -> None:
        self.password_field.clear_message()
        self.repeat_field.clear_message()
        try:
            accounts.check_password(self.password.text())
        except accounts.AccountError as exc:
            self.password_field.set_error(str(exc))
            self.password.setFocus()
            return
        if self.repeat.text() != self.password.text():
            self.repeat_field.set_error(
                self.tr("Ulangi kata sandi: tidak sama dengan yang pertama")
            )
            self.repeat.setFocus()
            return
        self.accept()

    def value(self) -> str:
        return self.password.text()
