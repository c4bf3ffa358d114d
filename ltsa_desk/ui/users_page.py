"""Pengguna: the admin's screen for the office's accounts.

The admin adds officers (username, full name, role, password), resets a forgotten password, and
disables an account that must no longer sign in. Accounts are never deleted: the audit log keeps
naming who did what, years later, and a disabled account can be enabled again. Every change goes
through `services.accounts` on the runner and is audited there with the admin's name.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations import accounts as account_operations
from ltsa_desk.operations.refused import Refused
from ltsa_desk.services import accounts
from ltsa_desk.ui import style
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import LabelledField
from ltsa_desk.ui.password_dialog import PasswordDialog
from ltsa_desk.ui.plain import plain_label, plain_question

# --- work done on the runner (no Qt) ----------------------------------------------------------


@dataclass(frozen=True)
class UsersSnapshot:
    users: list[dict[str, Any]]
    thread_name: str


def load_users(workspace: Workspace) -> UsersSnapshot:
    return UsersSnapshot(
        account_operations.list_accounts(workspace), threading.current_thread().name
    )


def local_date(value: str | None) -> str:
    if not value:
        return "-"
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value
    return when.astimezone().strftime("%d-%m-%Y")


# --- the screen -----------------------------------------------------------------------------------


class UsersPage(QWidget):
    """The Pengguna screen (admin only). `confirm` and `ask_password` are replaceable for tests."""

    COLUMNS = 6

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[dict[str, Any]] = []
        self.last_thread_name: str | None = None
        self.last_error: str | None = None
        self.busy = False
        self._select_after_reload: str | None = None
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.ask_password: Callable[[str], str | None] = self._ask_password

        title = QLabel(self.tr("Pengguna"))
        font = title.font()
        font.setPointSizeF(max(font.pointSizeF(), style.MIN_POINT_SIZE) * 1.5)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            self.tr(
                "Akun tidak pernah dihapus, agar log audit tetap menyebut siapa berbuat apa. "
                "Akun yang dinonaktifkan tidak bisa masuk dan dapat diaktifkan lagi."
            )
        )
        subtitle.setWordWrap(True)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setAccessibleName(self.tr("Daftar pengguna"))
        self.table.setAccessibleDescription(
            self.tr("Pilih pengguna, lalu atur ulang kata sandi atau nonaktifkan.")
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Nama pengguna"),
                self.tr("Nama lengkap"),
                self.tr("Peran"),
                self.tr("Status"),
                self.tr("Kata sandi"),
                self.tr("Dibuat"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT + 4)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 0, 90, 100, 110, 100)):
            if width:
                self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.reset_button = QPushButton(self.tr("Atur ulang kata sandi"))
        self.reset_button.setToolTip(
            self.tr("Beri kata sandi baru kepada pengguna yang lupa kata sandinya")
        )
        self.reset_button.clicked.connect(self.reset_selected)
        self.toggle_button = QPushButton(self.tr("Nonaktifkan"))
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.message = plain_label()  # names accounts
        self.message.setWordWrap(True)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.reset_button)
        row_buttons.addWidget(self.toggle_button)
        row_buttons.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(row_buttons)
        left.addWidget(self.message)

        left_widget = QWidget()
        left_widget.setLayout(left)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(left_widget, 1)
        body.addWidget(self._add_form(), 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(body, 1)

        # Tab order only once every widget is inside this page: set earlier (inside _add_form,
        # before the form had a parent) Qt refuses it with a warning per pair.
        chain: list[QWidget] = [self.table, self.reset_button, self.toggle_button]
        chain += [self.username, self.full_name, self.role, self.password, self.repeat]
        chain.append(self.add_button)
        for current, following in pairwise(chain):
            self.setTabOrder(current, following)
        self._update_buttons()

    def _add_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Tambah pengguna"))
        box.setFixedWidth(420)
        self.username = QLineEdit()
        self.username.setMaxLength(50)
        self.username.setPlaceholderText(self.tr("mis. siti.rahma"))
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(100)
        self.role = QComboBox()
        self.role.addItem(self.tr("Petugas"), accounts.Role.OFFICER.value)
        self.role.addItem(self.tr("Admin"), accounts.Role.ADMIN.value)
        self.role.addItem(self.tr("Teknisi"), accounts.Role.TECHNICIAN.value)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields = {
            "username": LabelledField(self.tr("Nama pengguna"), self.username, required=True),
            "full_name": LabelledField(self.tr("Nama lengkap"), self.full_name),
            "role": LabelledField(self.tr("Peran"), self.role, required=True),
            "password": LabelledField(self.tr("Kata sandi"), self.password, required=True),
            "repeat": LabelledField(self.tr("Ulangi kata sandi"), self.repeat, required=True),
        }
        width = max(f.label.sizeHint().width() for f in self.fields.values())
        for labelled in self.fields.values():
            labelled.set_label_width(width)
        editors: list[QWidget] = [
            self.username,
            self.full_name,
            self.role,
            self.password,
            self.repeat,
        ]
        for editor in editors:
            editor.setMinimumHeight(30)
        for current, following in pairwise(editors):
            if isinstance(current, QLineEdit):  # Enter moves to the next field (UX.md)
                current.returnPressed.connect(following.setFocus)
        self.repeat.returnPressed.connect(self.save)
        self.add_button = QPushButton(self.tr("Tambah pengguna"))
        self.add_button.setToolTip(self.tr("Simpan pengguna baru (Ctrl+S)"))
        self.add_button.clicked.connect(self.save)
        note = QLabel(
            self.tr(
                "Kata sandi minimal {n} karakter. Sampaikan langsung kepada petugasnya."
            ).format(n=accounts.MIN_PASSWORD_LENGTH)
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {style.OFFLINE};")
        form = QVBoxLayout(box)
        form.setSpacing(4)
        for labelled in self.fields.values():
            form.addWidget(labelled)
        form.addWidget(note)
        form.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        form.addStretch(1)
        return box

    # -- loading ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        workspace = self.ctx.workspace
        self.ctx.runner.run(lambda: load_users(workspace), self._show, self._failed)

    def _show(self, snapshot: UsersSnapshot) -> None:
        if not isValid(self):
            return
        self.last_thread_name = snapshot.thread_name
        selected = self.selected_user()
        self.users = snapshot.users
        self.table.setRowCount(len(self.users))
        roles = {
            accounts.Role.OFFICER.value: self.tr("Petugas"),
            accounts.Role.ADMIN.value: self.tr("Admin"),
            accounts.Role.TECHNICIAN.value: self.tr("Teknisi"),
        }
        for row, user in enumerate(self.users):
            active = bool(user["active"])
            status = QTableWidgetItem(
                self.tr("\u2713 Aktif") if active else self.tr("\u2715 Nonaktif")
            )
            status.setForeground(QColor(style.DELIVERED if active else style.OFFLINE))
            values = [
                QTableWidgetItem(user["username"]),
                QTableWidgetItem(user["full_name"] or "-"),
                QTableWidgetItem(roles.get(user["role"], user["role"])),
                status,
                QTableWidgetItem(
                    self.tr("Ada") if user["has_password"] else self.tr("Belum diatur")
                ),
                QTableWidgetItem(local_date(user.get("created_at"))),
            ]
            if not active:
                for cell in values:
                    cell.setForeground(QColor(style.OFFLINE))
            for column, cell in enumerate(values):
                self.table.setItem(row, column, cell)
        names = [u["username"] for u in self.users]
        if self._select_after_reload in names:
            self.table.selectRow(names.index(self._select_after_reload))
            self._select_after_reload = None
        elif selected and selected["username"] in names:
            self.table.selectRow(names.index(selected["username"]))
        elif names:
            self.table.selectRow(0)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.busy = False
        self.last_error = str(exc)
        self._update_buttons()
        self._say(self.tr("Daftar pengguna tidak bisa dibaca. Coba lagi sebentar."), error=True)

    # -- selection and row actions ----------------------------------------------------------------

    def selected_user(self) -> dict[str, Any] | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].row()
        return self.users[row] if 0 <= row < len(self.users) else None

    def select_user(self, username: str) -> None:
        names = [u["username"] for u in self.users]
        if username in names:
            self.table.selectRow(names.index(username))

    def _update_buttons(self) -> None:
        user = self.selected_user()
        self.reset_button.setEnabled(user is not None and not self.busy)
        self.toggle_button.setEnabled(user is not None and not self.busy)
        active = user is None or bool(user["active"])
        self.toggle_button.setText(self.tr("Nonaktifkan") if active else self.tr("Aktifkan"))
        self.toggle_button.setToolTip(
            self.tr("Akun tidak bisa masuk lagi; tidak dihapus")
            if active
            else self.tr("Akun bisa masuk lagi dengan kata sandinya")
        )
        self.add_button.setEnabled(not self.busy)

    def reset_selected(self) -> None:
        user = self.selected_user()
        if user is None or self.busy:
            return
        password = self.ask_password(user["username"])
        if password is None:
            return
        username = user["username"]
        self._start(
            lambda: account_operations.reset_password(
                self.ctx.workspace, self.ctx.actor, username, password
            ),
            lambda name: self.tr("Kata sandi {username} diganti.").format(username=name),
        )

    def toggle_selected(self) -> None:
        user = self.selected_user()
        if user is None or self.busy:
            return
        username = user["username"]
        active = not bool(user["active"])
        if active:
            question = self.tr("Aktifkan lagi akun {username}?").format(username=username)
        else:
            question = self.tr(
                "Nonaktifkan akun {username}? Akun tidak bisa masuk lagi, tetapi tidak dihapus."
            ).format(username=username)
        if not self.confirm(self.tr("Pengguna"), question):
            return
        self._start(
            lambda: (
                account_operations.set_active(
                    self.ctx.workspace, self.ctx.actor, username, active
                ).username
            ),
            (lambda name: self.tr("Akun {username} diaktifkan.").format(username=name))
            if active
            else (lambda name: self.tr("Akun {username} dinonaktifkan.").format(username=name)),
        )

    # -- adding -----------------------------------------------------------------------------------

    def form_values(self) -> dict[str, str]:
        return {
            "username": self.username.text().strip(),
            "full_name": self.full_name.text().strip(),
            "role": str(self.role.currentData()),
            "password": self.password.text(),
        }

    def save(self) -> None:
        """Add the account in the form (Ctrl+S through the main window); checked here first,
        then by the service."""
        if self.busy:
            return
        for labelled in self.fields.values():
            labelled.clear_message()
        values = self.form_values()
        if not values["username"]:
            self.fields["username"].set_error(self.tr("Nama pengguna wajib diisi"))
            self.username.setFocus()
            return
        try:
            accounts.check_password(values["password"])
        except accounts.AccountError as exc:
            self.fields["password"].set_error(str(exc))
            self.password.setFocus()
            return
        if self.repeat.text() != self.password.text():
            self.fields["repeat"].set_error(
                self.tr("Ulangi kata sandi: tidak sama dengan yang pertama")
            )
            self.repeat.setFocus()
            return
        self._start(
            lambda: (
                account_operations.add_account(
                    self.ctx.workspace,
                    self.ctx.actor,
                    values["username"],
                    values["role"],
                    password=values["password"],
                    full_name=values["full_name"],
                ).username
            ),
            self._added,
            form=True,
        )

    def _added(self, username: str) -> str:
        for editor in (self.username, self.full_name, self.password, self.repeat):
            editor.clear()
        self.role.setCurrentIndex(0)
        self._select_after_reload = username
        return self.tr("Pengguna {username} ditambahkan.").format(username=username)

    # -- running ----------------------------------------------------------------------------------

    def _start(
        self, work: Callable[[], str], done: Callable[[str], str], *, form: bool = False
    ) -> None:
        """Run a change on the runner; `form` sends field errors under the add form's fields."""
        self.busy = True
        self._update_buttons()
        self._say(self.tr("Menyimpan..."))

        def finished(username: str) -> None:
            if not isValid(self):
                return
            self.busy = False
            self._say(done(username))
            self._update_buttons()
            self.reload()

        self.ctx.runner.run(work, finished, lambda exc: self._refused(exc, form))

    def _refused(self, exc: BaseException, form: bool = False) -> None:
        if not isValid(self):
            return
        self.busy = False
        self._update_buttons()
        if isinstance(exc, Refused) and exc.reason == "account":  # the account's own rules
            target = self.fields.get(exc.field) if form else None
            if target is not None:
                target.set_error(str(exc))
            self._say(str(exc), error=True)
            return
        self.last_error = str(exc)
        self._say(self.tr("Tidak bisa disimpan: basis data tidak dapat dibuka. Coba lagi."), True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(style.ERROR_LABEL_CSS if error else "")
        self.message.setText(text)

    # -- default dialogs --------------------------------------------------------------------------

    def _confirm(self, title: str, question: str) -> bool:
        return plain_question(self, title, question)

    def _ask_password(self, username: str) -> str | None:
        dialog = PasswordDialog(username, self)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
