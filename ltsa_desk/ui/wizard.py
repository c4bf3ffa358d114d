"""The set-up wizard: the first start of a counter that has no configuration yet.

A technician sets up ten counter PCs in a morning with a USB stick, so the wizard asks everything
once, in reading order, and checks each answer where it is typed:

1. office code (checked against the Kemendagri region table; the regency's name appears as soon
   as the code is known) and counter id;
2. the two destinations' URLs and tokens (a token is held in memory until the end, then stored in
   the OS keyring and nowhere else);
3. a connection test per destination that names the layer that failed (DNS, TLS, refused,
   timeout, wrong path, token refused), run off the GUI thread;
4. the first Admin account;
5. a summary, then "Simpan": the configuration, keys and encrypted database are created, the
   tokens go to the keyring, the account is made, and the recovery key is shown once
   (:class:`RecoveryKeyDialog`).

Nothing is written before step 5, so "Batal" anywhere leaves the PC exactly as it was. A failed
connection test does not block: the line may well be down on set-up day, and the outbox is made
for that; the summary says so. Keyboard first: Enter moves to the next field and from the last
field to the next step, Alt+L / Alt+K go forward and back, Esc cancels.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.services import accounts
from ltsa_desk.technician.connection_test import DESTINATIONS, DestinationCheck, check_all
from ltsa_desk.ui import style
from ltsa_desk.ui.fields import FormNotice, LabelledField, MessageKind
from ltsa_desk.ui.plain import plain_label, plain_question
from ltsa_desk.ui.recovery_key import RecoveryKeyDialog
from ltsa_desk.ui.workers import Runner

log = logging.getLogger(__name__)

CONNECTION_TIMEOUT_S = 5.0
PAGE_OFFICE, PAGE_DESTINATIONS, PAGE_CONNECTION, PAGE_ACCOUNT, PAGE_SUMMARY = range(5)


@dataclass
class SetupValues:
    """What the technician typed, carried to the worker thread that saves it."""

    office_code: str = ""
    counter_id: str = ""
    office_name: str = ""
    urls: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    username: str = ""
    full_name: str = ""
    password: str = field(default="", repr=False)


def save_setup(data_dir: Path, values: SetupValues) -> str:
    """Create the counter (worker thread); returns the recovery key to show once.

    Order: keyring first (no keyring, nothing written), then ``initialise`` (config, keys,
    encrypted database), URLs, tokens into the keyring, the Admin account. A retry after a
    failure part-way (say the account) reuses the counter made by the first attempt.
    """
    from ltsa_desk.counter.workspace import initialise, open_workspace
    from ltsa_desk.store import keys
    from sync.credentials import set_token

    keys.check_keyring()
    recovery = ""
    if not Config.exists(data_dir):
        made = initialise(
            data_dir,
            office_code=values.office_code,
            counter_id=values.counter_id,
            office_name=values.office_name,
        )
        recovery = made.recovery_key
    config = Config.load(data_dir)
    for name in DESTINATIONS:
        url = values.urls.get(name, "")
        if url:
            config.set(f"{name}.url", url)
    config.save()
    for name, token in values.tokens.items():
        if token:
            set_token(name, config.office_code, token, url=values.urls.get(name) or None)
    workspace = open_workspace(data_dir)
    try:
        with workspace.database.write_session() as session:
            if accounts.find_user(session, values.username) is None:
                accounts.create_user(
                    session,
                    values.username,
                    accounts.Role.ADMIN.value,
                    password=values.password,
                    full_name=values.full_name,
                    actor="setup-wizard",
                )
        # Opening reissues a recovery key that was never confirmed shown: that one is valid now.
        recovery = workspace.new_recovery_key or recovery
    finally:
        workspace.close()
    log.info("counter %s/%s set up by the wizard", values.office_code, values.counter_id)
    return recovery


def check_keyring() -> None:
    """Raises when this PC has no keyring the counter may keep its keys in (worker thread)."""
    from ltsa_desk.store import keys

    keys.check_keyring()


def confirm_shown(data_dir: Path) -> None:
    from ltsa_desk.counter.workspace import confirm_recovery_key_shown

    confirm_recovery_key_shown(data_dir)


class _ConnectionRow(QFrame):
    """One destination's test: its name, a sign and a word (never colour alone), the detail."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.state = QLabel()
        self.state.setFont(bold)
        self.detail = plain_label()  # a server's answer, a host name
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QGridLayout(self)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.state, 0, 1, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.detail, 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)

    def show_state(self, sign: str, word: str, colour: str, detail: str) -> None:
        self.state.setText(f"{sign} {word}")
        self.state.setStyleSheet(f"color: {colour};")
        self.detail.setText(detail)


class SetupWizard(QDialog):
    """First-run set-up; ``exec()`` returns Accepted once the counter exists and the recovery key
    has been shown and confirmed."""

    def __init__(
        self, data_dir: Path, runner: Runner | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner or Runner(self)
        # Batal/Esc after typing asks first (issue 18); tests answer without a modal box.
        self.confirm_discard = self._ask_discard
        self.results: dict[str, DestinationCheck] = {}
        self.recovery_key: str | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self._testing = False
        self._saving = False
        self._office_name_touched = False
        self._enter_actions: dict[QObject, Any] = {}
        self.setWindowTitle(self.tr("LTSA Desk - Pengaturan awal loket"))
        self.setMinimumSize(780, 580)
        # The region table is read once from disk: off the GUI thread, before the first key.
        self.runner.run(default_regions)
        # The keyring too, at the first step and not at Simpan (issue 18): without one nothing
        # typed here can be saved. Off the GUI thread: a Secret Service may take a while on D-Bus.
        self.keyring_checked = False
        self.keyring_problem: str | None = None
        self.runner.run(check_keyring, self._keyring_found, self._keyring_missing)

        self.step = QLabel()
        step_font = QFont(self.step.font())
        step_font.setPointSizeF(max(step_font.pointSizeF(), 10) * 1.3)
        step_font.setBold(True)
        self.step.setFont(step_font)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._office_page())
        self.pages.addWidget(self._destinations_page())
        self.pages.addWidget(self._connection_page())
        self.pages.addWidget(self._account_page())
        self.pages.addWidget(self._summary_page())
        self.notice = FormNotice()

        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setToolTip(self.tr("Batal tanpa menyimpan apa pun (Esc)"))
        self.back_button = QPushButton(self.tr("&Kembali"))
        self.back_button.setToolTip(self.tr("Langkah sebelumnya (Alt+K)"))
        self.next_button = QPushButton(self.tr("&Lanjut"))
        self.next_button.setToolTip(self.tr("Langkah berikutnya (Enter di isian terakhir, Alt+L)"))
        for button in (self.cancel_button, self.back_button, self.next_button):
            button.setAutoDefault(False)
            button.setDefault(False)
            button.setMinimumHeight(34)
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self._show_page(PAGE_OFFICE)

    # -- pages -------------------------------------------------------------------------------------

    def _page(self, intro: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        return page, layout

    @staticmethod
    def _align(fields: list[LabelledField]) -> None:
        width = max(f.label.sizeHint().width() for f in fields)
        for f in fields:
            f.set_label_width(width)

    def _chain(self, editors: list[QLineEdit], last_action: Any) -> None:
        """Enter moves to the next field; from the last one it runs ``last_action``.

        An event filter and not ``returnPressed``: a line edit passes Enter on to the dialog after
        emitting it, so the dialog would act a second time on the field (or button) that has
        the focus by then, and skip a step.
        """
        for current, following in pairwise(editors):
            self._enter_actions[current] = following.setFocus
            QWidget.setTabOrder(current, following)
        self._enter_actions[editors[-1]] = last_action
        for editor in editors:
            editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched in self._enter_actions
        ):
            self._enter_actions[watched]()
            return True
        return super().eventFilter(watched, event)

    def _office_page(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "Isi kode kantor (kode kabupaten/kota Kemendagri, misalnya 52.03 untuk Lombok "
                "Timur) dan kode loket PC ini (misalnya LOTIM-01). Kode loket menjadi bagian "
                "setiap kode pelacakan, jadi harus berbeda di setiap PC."
            )
        )
        self.office_code = QLineEdit()
        self.office_code.setPlaceholderText("52.03")
        self.counter_id = QLineEdit()
        self.counter_id.setPlaceholderText("LOTIM-01")
        self.office_name = QLineEdit()
        self.office_name.setPlaceholderText(self.tr("misalnya LTSA Kabupaten Lombok Timur"))
        self.office_field = LabelledField(self.tr("Kode kantor"), self.office_code, required=True)
        self.counter_field = LabelledField(self.tr("Kode loket"), self.counter_id, required=True)
        self.office_name_field = LabelledField(self.tr("Nama kantor (di surat)"), self.office_name)
        fields = [self.office_field, self.counter_field, self.office_name_field]
        self._align(fields)
        for f in fields:
            layout.addWidget(f)
        layout.addStretch(1)
        self.office_code.textEdited.connect(self._office_code_edited)
        self.office_name.textEdited.connect(self._office_name_edited)
        self._chain([self.office_code, self.counter_id, self.office_name], self.go_next)
        return page

    def _destinations_page(self) -> QWidget:
        # The keyring named as this PC has it: Credential Manager only on Windows.
        if sys.platform == "win32":
            text = self.tr(
                "Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring Windows "
                "(Credential Manager), tidak pernah di berkas atau basis data. Alamat boleh "
                "dikosongkan dan diatur nanti: kiriman menunggu sampai alamatnya diatur."
            )
        else:
            text = self.tr(
                "Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring sistem "
                "operasi, tidak pernah di berkas atau basis data. Alamat boleh dikosongkan dan "
                "diatur nanti: kiriman menunggu sampai alamatnya diatur."
            )
        page, layout = self._page(text)
        self.urls: dict[str, QLineEdit] = {}
        self.tokens: dict[str, QLineEdit] = {}
        self.url_fields: dict[str, LabelledField] = {}
        self.token_fields: dict[str, LabelledField] = {}
        titles = {"registry": self.tr("Registri pusat"), "immigration": self.tr("Imigrasi")}
        fields: list[LabelledField] = []
        editors: list[QLineEdit] = []
        for name in DESTINATIONS:
            heading = QLabel(titles[name])
            bold = QFont(heading.font())
            bold.setBold(True)
            heading.setFont(bold)
            url = QLineEdit()
            url.setPlaceholderText(f"https://server:8765/{name}")
            token = QLineEdit()
            token.setEchoMode(QLineEdit.EchoMode.Password)
            token.setPlaceholderText(self.tr("token dari pengelola sistem"))
            self.urls[name], self.tokens[name] = url, token
            self.url_fields[name] = LabelledField(self.tr("Alamat (URL)"), url)
            self.token_fields[name] = LabelledField(self.tr("Token"), token)
            fields += [self.url_fields[name], self.token_fields[name]]
            editors += [url, token]
            layout.addWidget(heading)
            layout.addWidget(self.url_fields[name])
            layout.addWidget(self.token_fields[name])
        self._align(fields)
        layout.addStretch(1)
        self._chain(editors, self.go_next)
        return page

    def _connection_page(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "Uji koneksi ke setiap tujuan: nama server (DNS), sambungan, TLS, alamat dan "
                "token. Bila gagal, keterangannya menyebut bagian yang gagal."
            )
        )
        self.connection_rows = {
            "registry": _ConnectionRow(self.tr("Registri pusat")),
            "immigration": _ConnectionRow(self.tr("Imigrasi")),
        }
        for row in self.connection_rows.values():
            layout.addWidget(row)
        self.retest_button = QPushButton(self.tr("&Uji ulang"))
        self.retest_button.setToolTip(self.tr("Uji koneksi sekali lagi (Alt+U)"))
        self.retest_button.setAutoDefault(False)
        self.retest_button.clicked.connect(self.start_connection_test)
        # After a refused token (401): back to the token, not to a command line (issue 18).
        self.fix_token_button = QPushButton(self.tr("Perbaiki &token"))
        self.fix_token_button.setToolTip(
            self.tr("Kembali ke langkah alamat dan token untuk mengetik ulang token (Alt+T)")
        )
        self.fix_token_button.setAutoDefault(False)
        self.fix_token_button.clicked.connect(self.fix_refused_token)
        self.fix_token_button.hide()
        retest = QHBoxLayout()
        retest.addWidget(self.retest_button)
        retest.addWidget(self.fix_token_button)
        retest.addStretch(1)
        layout.addLayout(retest)
        self.connection_note = plain_label()
        self.connection_note.setWordWrap(True)
        layout.addWidget(self.connection_note)
        layout.addStretch(1)
        return page

    def _account_page(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "Buat akun Admin pertama. Admin kemudian menambahkan akun petugas. Kata sandi "
                "minimal {n} karakter."
            ).format(n=accounts.MIN_PASSWORD_LENGTH)
        )
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_field = LabelledField(self.tr("Nama pengguna"), self.username, required=True)
        self.full_name_field = LabelledField(self.tr("Nama lengkap"), self.full_name)
        self.password_field = LabelledField(self.tr("Kata sandi"), self.password, required=True)
        self.repeat_field = LabelledField(self.tr("Ulangi kata sandi"), self.repeat, required=True)
        fields = [self.username_field, self.full_name_field, self.password_field, self.repeat_field]
        self._align(fields)
        for f in fields:
            layout.addWidget(f)
        layout.addStretch(1)
        self._chain([self.username, self.full_name, self.password, self.repeat], self.go_next)
        return page

    def _summary_page(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "Periksa lalu tekan Simpan. Konfigurasi, kunci dan basis data terenkripsi dibuat, "
                "token disimpan di keyring, dan akun Admin dibuat. Setelah itu kunci pemulihan "
                "ditampilkan sekali: siapkan kertas untuk mencatatnya."
            )
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setStyleSheet("padding: 8px; background: #fafafa; border: 1px solid #ddd;")
        layout.addWidget(self.summary)
        layout.addStretch(1)
        return page

    # -- navigation --------------------------------------------------------------------------------

    def current_page(self) -> int:
        return self.pages.currentIndex()

    def _show_page(self, index: int) -> None:
        titles = [
            self.tr("Kantor dan loket"),
            self.tr("Alamat tujuan dan token"),
            self.tr("Uji koneksi"),
            self.tr("Akun Admin pertama"),
            self.tr("Ringkasan"),
        ]
        self.pages.setCurrentIndex(index)
        self.step.setText(
            self.tr("Langkah {n} dari {total}: {title}").format(
                n=index + 1, total=len(titles), title=titles[index]
            )
        )
        self.back_button.setEnabled(index > 0 and not self._saving)
        self.next_button.setText(
            self.tr("&Simpan") if index == PAGE_SUMMARY else self.tr("&Lanjut")
        )
        self.notice.clear()
        if index == PAGE_OFFICE and self.keyring_problem:
            self.notice.show_message(MessageKind.ERROR, self.keyring_problem)
        first = {
            PAGE_OFFICE: self.office_code,
            PAGE_DESTINATIONS: self.urls["registry"],
            PAGE_ACCOUNT: self.username,
        }.get(index)
        if index == PAGE_CONNECTION:
            self.start_connection_test()
        elif index == PAGE_SUMMARY:
            self.summary.setText(self._summary_text())
            self.summary.updateGeometry()
            page = self.pages.currentWidget()
            if page is not None and page.layout() is not None:
                page.layout().activate()  # the wrapped label's new height, before the next paint
            self.next_button.setFocus()
        if first is not None:
            first.setFocus()

    def go_back(self) -> None:
        if self.current_page() > 0 and not self._saving:
            self._show_page(self.current_page() - 1)

    def go_next(self) -> None:
        page = self.current_page()
        if self._saving or (page == PAGE_CONNECTION and self._testing):
            return
        checks = {
            PAGE_OFFICE: self._check_office,
            PAGE_DESTINATIONS: self._check_destinations,
            PAGE_ACCOUNT: self._check_account,
        }
        check = checks.get(page)
        if check is not None and not check():
            return
        if page == PAGE_OFFICE and self.keyring_problem:
            self.notice.show_message(MessageKind.ERROR, self.keyring_problem)
            return
        if page == PAGE_SUMMARY:
            self.save()
            return
        self._show_page(page + 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter never clicks a button the technician is not on: fields move on by themselves."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
            elif self.current_page() in (PAGE_CONNECTION, PAGE_SUMMARY):
                self.go_next()
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Esc / Batal: nothing was written before Simpan, so leaving costs nothing; while saving
        (or once the counter exists) the wizard finishes instead."""
        if self._saving or self.recovery_key is not None:
            return
        if self._typed_anything() and not self.confirm_discard():
            return
        super().reject()

    def _typed_anything(self) -> bool:
        boxes = [self.office_code, self.counter_id, *self.urls.values(), *self.tokens.values()]
        boxes += [self.username, self.password, self.repeat]
        return any(box.text().strip() for box in boxes)

    def _ask_discard(self) -> bool:
        return plain_question(
            self,
            self.tr("Batalkan pengaturan awal?"),
            self.tr("Yang sudah diketik akan dibuang dan loket ini belum diatur. Batalkan?"),
        )

    # -- checks ------------------------------------------------------------------------------------

    def _keyring_found(self, _result: object) -> None:
        self.keyring_checked = True

    def _keyring_missing(self, exc: BaseException) -> None:
        """Say it at once, with the way out that `dev.py start` prints (issue 18)."""
        log.warning("no usable keyring for the wizard: %s", exc)
        self.keyring_checked = True
        if sys.platform == "win32":
            advice = self.tr(
                "Credential Manager Windows tidak bisa dipakai oleh akun ini. Masuk Windows "
                "dengan akun pengguna loket (bukan akun tamu atau layanan), lalu buka LTSA Desk "
                "lagi."
            )
        else:
            advice = self.tr(
                "Di desktop Linux jalankan GNOME Keyring atau KWallet (Secret Service), lalu buka "
                "LTSA Desk lagi. Untuk mencoba tanpa keyring (jangan di loket sungguhan: berkasnya "
                "tidak terenkripsi): pasang dengan 'python -m pip install keyrings.alt', lalu "
                "mulai dengan PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring."
            )
        self.keyring_problem = (
            self.tr(
                "PC ini tidak punya keyring untuk menyimpan kunci basis data dan token, jadi "
                "pengaturan tidak bisa disimpan. Tutup dengan Batal, lalu:"
            )
            + " "
            + advice
        )
        if self.current_page() == PAGE_OFFICE:
            self.notice.show_message(MessageKind.ERROR, self.keyring_problem)

    def _office_code_edited(self, text: str) -> None:
        """The regency's name as soon as the code is known; the office name follows it until the
        technician types one."""
        probe = Config(self.data_dir)
        try:
            code = probe.set("office.code", text)
        except ConfigError:
            self.office_field.clear_message()
            return
        name = default_regions().regency(code) or ""
        province = default_regions().province(code[:2]) or ""
        self.office_field.set_info(f"\u2714 {name}, {province}" if province else f"\u2714 {name}")
        if not self._office_name_touched:
            self.office_name.setText(self.tr("LTSA {regency}").format(regency=name))

    def _office_name_edited(self, _text: str) -> None:
        self._office_name_touched = True

    def _check_office(self) -> bool:
        probe = Config(self.data_dir)
        ok = True
        for key, widget, holder in (
            ("office.code", self.office_code, self.office_field),
            ("counter.id", self.counter_id, self.counter_field),
        ):
            try:
                value = probe.set(key, widget.text())
            except ConfigError as exc:
                holder.set_error(str(exc).split(": ", 1)[-1])
                if ok:
                    widget.setFocus()
                ok = False
                continue
            widget.setText(str(value))
            if key == "office.code":
                self._office_code_edited(str(value))
            else:
                holder.clear_message()
        return ok

    def _check_destinations(self) -> bool:
        probe = Config(self.data_dir)
        ok = True
        for name in DESTINATIONS:
            url, token = self.urls[name], self.tokens[name]
            field_ = self.url_fields[name]
            if not url.text().strip():
                if token.text().strip():
                    field_.set_error(self.tr("Isi alamatnya juga, atau kosongkan tokennya"))
                    if ok:
                        url.setFocus()
                    ok = False
                else:
                    field_.set_info(self.tr("Kosong: kiriman ke tujuan ini menunggu"))
                continue
            try:
                url.setText(probe.set(f"{name}.url", url.text()))
            except ConfigError as exc:
                field_.set_error(
                    self.tr("Alamat {problem}, misalnya https://server:8765/{name}").format(
                        problem=str(exc).split(": ", 1)[-1], name=name
                    )
                )
                if ok:
                    url.setFocus()
                ok = False
                continue
            field_.clear_message()
        return ok

    def _check_account(self) -> bool:
        ok = True
        for holder in (self.username_field, self.password_field, self.repeat_field):
            holder.clear_message()
        try:
            self.username.setText(accounts.normalize_username(self.username.text()))
        except accounts.AccountError as exc:
            self.username_field.set_error(str(exc))
            self.username.setFocus()
            ok = False
        try:
            accounts.check_password(self.password.text())
        except accounts.AccountError as exc:
            self.password_field.set_error(str(exc))
            if ok:
                self.password.setFocus()
            ok = False
        if ok and self.password.text() != self.repeat.text():
            self.repeat_field.set_error(self.tr("Kata sandi dan ulangannya tidak sama"))
            self.repeat.setFocus()
            ok = False
        return ok

    # -- connection test ---------------------------------------------------------------------------

    def values(self) -> SetupValues:
        return SetupValues(
            office_code=self.office_code.text().strip(),
            counter_id=self.counter_id.text().strip(),
            office_name=self.office_name.text().strip(),
            urls={name: self.urls[name].text().strip() for name in DESTINATIONS},
            tokens={name: self.tokens[name].text().strip() for name in DESTINATIONS},
            username=self.username.text().strip(),
            full_name=self.full_name.text().strip(),
            password=self.password.text(),
        )

    def start_connection_test(self) -> None:
        """Both destinations, on a worker thread: the window never waits for the network."""
        if self._testing:
            return
        self._testing = True
        self.results = {}
        self.next_button.setEnabled(False)
        self.retest_button.setEnabled(False)
        self.fix_token_button.hide()
        for row in self.connection_rows.values():
            row.show_state(
                "\u2026", self.tr("Menguji"), style.OFFLINE, self.tr("Menghubungi server...")
            )
        self.connection_note.setText("")
        values = self.values()
        probe = Config(self.data_dir)
        probe.set("office.code", values.office_code)

        def job() -> list[DestinationCheck]:
            return check_all(
                probe, tokens=values.tokens, urls=values.urls, timeout=CONNECTION_TIMEOUT_S
            )

        self.runner.run(job, self._tested, self._test_failed)

    def _tested(self, results: list[DestinationCheck]) -> None:
        self._testing = False
        self.results = {r.destination: r for r in results}
        words = {
            "dns": self.tr("Gagal: DNS"),
            "tls": self.tr("Gagal: TLS"),
            "refused": self.tr("Gagal: ditolak"),
            "unreachable": self.tr("Gagal: tak terjangkau"),
            "timeout": self.tr("Gagal: batas waktu"),
            "cut": self.tr("Gagal: terputus"),
            "wrong_path": self.tr("Gagal: alamat salah (404)"),
            "server": self.tr("Gagal: gangguan server"),
            "auth": self.tr("Gagal: token ditolak (401)"),
            "no_token": self.tr("Token kosong"),
            "no_url": self.tr("Belum diatur"),
            "bad_url": self.tr("Alamat tidak sah"),
            "no_keyring": self.tr("Gagal: keyring"),
        }
        for name, row in self.connection_rows.items():
            result = self.results.get(name)
            if result is None:
                continue
            if result.ok:
                row.show_state("\u2714", self.tr("Berhasil"), style.DELIVERED, result.detail)
            elif result.problem == "no_url":
                row.show_state(
                    "\u2013",
                    words["no_url"],
                    style.OFFLINE,
                    self.tr("Alamat kosong: kiriman ke tujuan ini menunggu sampai diatur."),
                )
            else:
                detail = result.detail
                if result.problem == "auth":
                    # The service's detail names a CLI command; here the way is one step back.
                    detail = self.tr(
                        "Token ditolak server (HTTP 401): salah ketik, kedaluwarsa atau dicabut."
                    )
                row.show_state(
                    "\u2716",
                    words.get(result.problem, self.tr("Gagal")),
                    style.ATTENTION,
                    detail,
                )
        refused = [name for name in DESTINATIONS if self._token_refused(name)]
        self.fix_token_button.setVisible(bool(refused))
        if all(r.ok for r in results):
            self.connection_note.setText(self.tr("Kedua tujuan siap."))
        elif refused:
            self.connection_note.setText(
                self.tr(
                    "Token ditolak server (401). Tekan 'Perbaiki token' untuk kembali dan "
                    "mengetik ulang token dari pengelola sistem. Anda tetap bisa melanjutkan: "
                    "kiriman menunggu sampai token diperbaiki."
                )
            )
        else:
            self.connection_note.setText(
                self.tr(
                    "Anda tetap bisa melanjutkan: pendaftaran berjalan tanpa koneksi dan kiriman "
                    "menunggu sampai koneksi pulih. Perbaiki dengan 'Kembali', atau uji lagi "
                    "nanti dengan 'ltsa-desk credentials test'."
                )
            )
        self.next_button.setEnabled(True)
        self.retest_button.setEnabled(True)
        if self.current_page() == PAGE_CONNECTION:
            (self.fix_token_button if refused else self.next_button).setFocus()

    def _token_refused(self, name: str) -> bool:
        result = self.results.get(name)
        return result is not None and not result.ok and result.problem == "auth"

    def fix_refused_token(self) -> None:
        """Back to the destinations step, the first refused token selected to be typed over."""
        refused = [name for name in DESTINATIONS if self._token_refused(name)]
        if not refused or self._testing or self._saving:
            return
        self._show_page(PAGE_DESTINATIONS)
        for name in refused:
            self.token_fields[name].set_error(
                self.tr("Token ini ditolak server (401): ketik ulang token dari pengelola sistem")
            )
        token = self.tokens[refused[0]]
        token.setFocus()
        token.selectAll()

    def _test_failed(self, exc: BaseException) -> None:
        self._testing = False
        self.connection_note.setText(
            self.tr("Uji koneksi tidak bisa dijalankan: {error}").format(error=exc)
        )
        self.next_button.setEnabled(True)
        self.retest_button.setEnabled(True)

    # -- summary and saving ------------------------------------------------------------------------

    def _summary_text(self) -> str:
        values = self.values()
        regency = default_regions().regency(values.office_code) if values.office_code else None
        lines = [
            self.tr("Folder data: {path}").format(path=self.data_dir),
            self.tr("Kantor: {code} ({name})").format(code=values.office_code, name=regency or "-"),
            self.tr("Nama kantor di surat: {name}").format(name=values.office_name or "-"),
            self.tr("Loket: {counter}").format(counter=values.counter_id),
        ]
        titles = {"registry": self.tr("Registri pusat"), "immigration": self.tr("Imigrasi")}
        for name in DESTINATIONS:
            url = values.urls.get(name) or self.tr("(belum diatur)")
            token = (
                self.tr("token akan disimpan di keyring")
                if values.tokens.get(name)
                else self.tr("tanpa token")
            )
            result = self.results.get(name)
            tested = ""
            if result is not None:
                tested = (
                    self.tr("uji koneksi berhasil") if result.ok else self.tr("uji koneksi gagal")
                )
            lines.append(f"{titles[name]}: {url}; {token}" + (f"; {tested}" if tested else ""))
        lines.append(
            self.tr("Akun Admin: {username}").format(username=values.username)
            + (f" ({values.full_name})" if values.full_name else "")
        )
        return "\n".join(lines)

    def save(self) -> None:
        """Create everything on a worker thread; the recovery key dialog follows on success."""
        if self._saving:
            return
        self._saving = True
        self.next_button.setEnabled(False)
        self.back_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.notice.show_message(MessageKind.INFO, self.tr("Menyimpan... (beberapa detik)"))
        values = self.values()
        data_dir = self.data_dir
        self.runner.run(lambda: save_setup(data_dir, values), self._saved, self._save_failed)

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.next_button.setEnabled(True)
        self.back_button.setEnabled(True)
        self.cancel_button.setEnabled(not Config.exists(self.data_dir))
        message = str(exc) if isinstance(exc, ValueError | RuntimeError) else ""
        self.notice.show_message(
            MessageKind.ERROR,
            self.tr("Tidak bisa menyimpan: {error}").format(
                error=message or self.tr("kesalahan tak terduga; lihat log")
            ),
        )

    def _saved(self, recovery_key: str) -> None:
        self._saving = False
        self.recovery_key = recovery_key
        self.notice.show_message(
            MessageKind.SUCCESS, self.tr("Loket siap. Catat kunci pemulihan yang ditampilkan.")
        )
        dialog = RecoveryKeyDialog(recovery_key, self)
        dialog.accepted.connect(self._recovery_key_noted)
        self.recovery_dialog = dialog
        dialog.open()

    def _recovery_key_noted(self) -> None:
        data_dir = self.data_dir
        self.runner.run(
            lambda: confirm_shown(data_dir), lambda _: self.accept(), self._confirm_failed
        )

    def _confirm_failed(self, exc: BaseException) -> None:
        # The key was shown; the next start would only show a fresh one. Go on.
        log.warning("recovery key confirmation not recorded: %s", type(exc).__name__)
        self.accept()
