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

The steps are their own widgets (`wizard_steps`, `wizard_connection`), each with its fields and
checks; Simpan is `services.counter_setup`. This dialog moves between the steps, runs the
connection test and the saving on its runner, and keeps the keyboard.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import confirm_recovery_key_shown
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.services.counter_setup import SetupValues, check_keyring, set_up_counter
from ltsa_desk.technician.connection_test import DESTINATIONS, DestinationCheck, check_all
from ltsa_desk.ui.fields import FormNotice, MessageKind
from ltsa_desk.ui.plain import plain_question
from ltsa_desk.ui.recovery_key import RecoveryKeyDialog
from ltsa_desk.ui.wizard_connection import ConnectionStep
from ltsa_desk.ui.wizard_steps import (
    AccountStep,
    DestinationsStep,
    OfficeStep,
    SummaryStep,
    no_keyring_message,
)
from ltsa_desk.ui.workers import Runner

log = logging.getLogger(__name__)

CONNECTION_TIMEOUT_S = 5.0
PAGE_OFFICE, PAGE_DESTINATIONS, PAGE_CONNECTION, PAGE_ACCOUNT, PAGE_SUMMARY = range(5)


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
        self._enter_actions: dict[QObject, Callable[[], object]] = {}
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
        self._add_steps()
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

    # -- steps -------------------------------------------------------------------------------------

    def _add_steps(self) -> None:
        """The five steps in order; the fields the keyboard drives are the wizard's handles."""
        self.office_step = OfficeStep(self.data_dir)
        self._chain(self.office_step.editors(), self.go_next)
        self.destinations_step = DestinationsStep(self.data_dir)
        self._chain(self.destinations_step.editors(), self.go_next)
        self.connection_step = ConnectionStep()
        self.connection_step.retest_button.clicked.connect(self.start_connection_test)
        self.connection_step.fix_token_button.clicked.connect(self.fix_refused_token)
        self.account_step = AccountStep()
        self._chain(self.account_step.editors(), self.go_next)
        self.summary_step = SummaryStep()
        self.pages = QStackedWidget()
        for step in (
            self.office_step,
            self.destinations_step,
            self.connection_step,
            self.account_step,
            self.summary_step,
        ):
            self.pages.addWidget(step)

        office, destinations = self.office_step, self.destinations_step
        self.office_code, self.counter_id = office.office_code, office.counter_id
        self.office_name = office.office_name
        self.office_field, self.counter_field = office.office_field, office.counter_field
        self.office_name_field = office.office_name_field
        self.urls, self.tokens = destinations.urls, destinations.tokens
        self.url_fields, self.token_fields = destinations.url_fields, destinations.token_fields
        self.connection_rows = self.connection_step.connection_rows
        self.retest_button = self.connection_step.retest_button
        self.fix_token_button = self.connection_step.fix_token_button
        self.connection_note = self.connection_step.connection_note
        account = self.account_step
        self.username, self.full_name = account.username, account.full_name
        self.password, self.repeat = account.password, account.repeat
        self.username_field, self.full_name_field = account.username_field, account.full_name_field
        self.password_field, self.repeat_field = account.password_field, account.repeat_field
        self.summary = self.summary_step.summary

    def _chain(self, editors: list[QLineEdit], last_action: Callable[[], object]) -> None:
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
            self.summary_step.show_summary(self.data_dir, self.values(), self.results)
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
            PAGE_OFFICE: self.office_step.check,
            PAGE_DESTINATIONS: self.destinations_step.check,
            PAGE_ACCOUNT: self.account_step.check,
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

    # -- the keyring -------------------------------------------------------------------------------

    def _keyring_found(self, _result: object) -> None:
        self.keyring_checked = True

    def _keyring_missing(self, exc: BaseException) -> None:
        """Say it at once, with the way out that `dev.py start` prints (issue 18)."""
        log.warning("no usable keyring for the wizard: %s", exc)
        self.keyring_checked = True
        self.keyring_problem = no_keyring_message()
        if self.current_page() == PAGE_OFFICE:
            self.notice.show_message(MessageKind.ERROR, self.keyring_problem)

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
        self.connection_step.show_testing()
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
        refused = [name for name in DESTINATIONS if self._token_refused(name)]
        self.connection_step.show_results(self.results, refused)
        self.next_button.setEnabled(True)
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
        self.destinations_step.ask_for_refused(refused)

    def _test_failed(self, exc: BaseException) -> None:
        self._testing = False
        self.connection_step.show_failure(exc)
        self.next_button.setEnabled(True)

    # -- saving ------------------------------------------------------------------------------------

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
        self.runner.run(lambda: set_up_counter(data_dir, values), self._saved, self._save_failed)

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
            lambda: confirm_recovery_key_shown(data_dir),
            lambda _: self.accept(),
            self._confirm_failed,
        )

    def _confirm_failed(self, exc: BaseException) -> None:
        # The key was shown; the next start would only show a fresh one. Go on.
        log.warning("recovery key confirmation not recorded: %s", type(exc).__name__)
        self.accept()
