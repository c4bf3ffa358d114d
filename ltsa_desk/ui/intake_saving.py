"""Pendaftaran's Simpan (Ctrl+S): the register action and what the officer reads after it.

The form is checked whole first (the summary counts the fields to fix); NIK warnings are confirmed
with a tick; then `register_at_desk`, which owns its write session, runs as an `Operation` (dropped
if the page is gone), never twice at once. After a save the notice names the tracking code and
the form is ready for the next CPMI of the same P3MI group; a NIK registered meanwhile at another
desk becomes a pointer to that CPMI. A refusal keeps everything typed on the screen.

Mixed into `IntakePage`; its words stay in the "IntakePage" translation context.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton

from ltsa_desk.operations.intake import ApplicantBrief, RegistrationOutcome, register_at_desk
from ltsa_desk.services.intake import WarningsNotConfirmed
from ltsa_desk.services.validation import FIELDS, ValidationFailed
from ltsa_desk.ui import style
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import FormNotice, LabelledField, MessageKind
from ltsa_desk.ui.intake_fields import GROUP_FIELDS
from ltsa_desk.ui.operation import Failure, Operation

log = logging.getLogger(__name__)


class RegisterAction:
    """Simpan and its outcome, on the page's widgets and state."""

    ctx: UiContext
    today: Callable[[], date]
    saving: bool
    last_saved: ApplicantBrief | None
    duplicate: ApplicantBrief | None
    editors: dict[str, QLineEdit | QComboBox]
    fields: dict[str, LabelledField]
    notice: FormNotice
    confirm_warnings: QCheckBox
    form_message: QLabel
    save_button: QPushButton
    registered: Signal
    _touched: set[str]
    _offered: dict[str, str]
    _notice_target: ApplicantBrief | None
    _counting_errors: bool
    _check: Callable[[], Any]
    _refresh_messages: Callable[[], None]
    _errors_summary: Callable[[int], str]
    _show_duplicate: Callable[[ApplicantBrief], None]
    _clear_form: Callable[[], None]
    _offer_previous_placement: Callable[[], None]
    value: Callable[[str], str]
    form_data: Callable[[], dict[str, str]]
    reload_agencies: Callable[[], None]

    def save(self) -> None:
        """Ctrl+S: check everything, then register on the runner; never twice at once."""
        if self.saving:
            return
        self._touched.update(FIELDS)
        errors, checked = self._check()
        self._refresh_messages()
        if self.duplicate is not None:
            self.editors["nik"].setFocus()
            return
        if errors or checked is None:
            first = next(name for name in FIELDS if name in errors)
            self._counting_errors = True
            self.form_message.setStyleSheet(style.ERROR_LABEL_CSS)
            self.form_message.setText(self._errors_summary(len(errors)))
            self.editors[first].setFocus()
            return
        if checked.warnings and not self.confirm_warnings.isChecked():
            self._ask_confirmation(list(checked.warnings))
            return
        self.saving = True
        self.save_button.setEnabled(False)
        self.form_message.setStyleSheet("color: #555;")
        self.form_message.setText(QCoreApplication.translate("IntakePage", "Menyimpan..."))
        register = partial(
            register_at_desk,
            self.ctx.workspace,
            self.form_data(),
            self.ctx.actor,
            bool(checked.warnings),
            self.today(),
        )
        (
            Operation(self, self.ctx.runner, register)
            .success(self._saved)
            .failure(self._save_failed)
            .run_in_background()
        )

    def _ask_confirmation(self, warnings: list[str]) -> None:
        """The warnings whole here, where there is room: under the NIK they fit one line (a
        longer message is cut there, so the fields below never move; issue 18)."""
        self._counting_errors = False
        self.confirm_warnings.show()
        self.form_message.setStyleSheet(style.ERROR_LABEL_CSS)
        self.form_message.setText(
            QCoreApplication.translate(
                "IntakePage",
                "Belum tersimpan. Peringatan NIK: {warnings} Baca, lalu centang konfirmasi.",
            ).format(warnings=" ".join(w if w.endswith(".") else f"{w}." for w in warnings))
        )
        self.confirm_warnings.setFocus()

    def _end_saving(self) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.form_message.setStyleSheet(style.ERROR_LABEL_CSS)
        self.form_message.clear()

    def _saved(self, outcome: RegistrationOutcome) -> None:
        self._end_saving()
        if outcome.duplicate is not None:
            self._show_duplicate(outcome.duplicate)
            self.editors["nik"].setFocus()
            return
        saved = outcome.saved
        assert saved is not None
        self.last_saved = saved
        self._notice_target = saved
        self.notice.show_message(
            MessageKind.SUCCESS,
            QCoreApplication.translate(
                "IntakePage", "Tersimpan: {name} - kode pelacakan {code}"
            ).format(
                name=html.escape(saved.full_name), code=f"<b>{html.escape(saved.tracking_code)}</b>"
            ),
            QCoreApplication.translate("IntakePage", "Buka data CPMI (Enter)"),
            rich=True,
        )
        group = {name: self.value(name) for name in GROUP_FIELDS}
        self._offered = {name: value for name, value in group.items() if value}
        self._clear_form()  # ready for the next CPMI; the notice stays until typing starts
        self._offer_previous_placement()
        self.notice.button.setFocus()
        self.registered.emit(saved.id)
        self.reload_agencies()

    def _save_failed(self, failure: Failure) -> None:
        # The page words every refusal itself (the form's own sentences); `failure.message` is
        # not used, so an unexpected error is logged once, here, as before.
        exc = failure.error
        self._end_saving()
        if isinstance(exc, ValidationFailed):
            for name, message in exc.errors.items():
                if name in self.fields:
                    self.fields[name].set_error(message)
            self.form_message.setText(
                QCoreApplication.translate(
                    "IntakePage", "Belum tersimpan: perbaiki kolom yang bertanda merah."
                )
            )
            first = next((name for name in FIELDS if name in exc.errors), "nik")
            self.editors[first].setFocus()
        elif isinstance(exc, WarningsNotConfirmed):
            self.fields["nik"].set_warning(" ".join(exc.warnings))
            self._ask_confirmation(list(exc.warnings))
        else:
            log.error("registration failed: %s", type(exc).__name__)
            self.form_message.setText(
                QCoreApplication.translate(
                    "IntakePage",
                    "Belum tersimpan: basis data tidak dapat ditulis. Data di layar masih ada; "
                    "coba simpan lagi, jika tetap gagal hubungi teknisi.",
                )
            )
