"""Pendaftaran's live checks: the messages under the fields, what a NIK fills in, the duplicate.

Every rule is checked while the officer types, by the same `check_applicant` the service runs on
save, so the form and the save never disagree. A complete NIK fills the birth date, sex and place
of birth in, and is looked up off the GUI thread: a NIK already registered here turns the form
into a pointer to that CPMI instead of a twin record.

Mixed into `IntakePage` (which owns the widgets and the state named below); its words stay in the
"IntakePage" translation context.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.errors import InvalidNik
from ltsa_desk.domain.nik import Nik, parse_nik
from ltsa_desk.domain.values import Sex, parse_flexible_date
from ltsa_desk.operations.intake import ApplicantBrief, find_registered
from ltsa_desk.services.validation import (
    FIELDS,
    CheckedApplicant,
    ValidationFailed,
    check_applicant,
)
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import FormNotice, LabelledField, MessageKind
from ltsa_desk.ui.intake_fields import birth_place_of, digits_date, nik_summary, nik_warnings
from ltsa_desk.ui.operation import Failure, Generation, Operation

log = logging.getLogger(__name__)


class LiveChecks:
    """The checks and messages of the Pendaftaran form, judged as the officer types."""

    ctx: UiContext
    today: Callable[[], date]
    ready: bool
    duplicate: ApplicantBrief | None
    editors: dict[str, QLineEdit | QComboBox]
    fields: dict[str, LabelledField]
    notice: FormNotice
    confirm_warnings: QCheckBox
    form_message: QLabel
    _nik: Nik | None
    _touched: set[str]
    _edited: set[str]
    _auto: dict[str, str]
    _lookups: Generation
    _notice_target: ApplicantBrief | None
    _counting_errors: bool

    def value(self, name: str) -> str:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return str(editor.currentData() or "")
        if name in ("birth_date", "planned_departure"):
            return digits_date(editor.text().strip(), name, self.today())
        return editor.text().strip()

    def form_data(self) -> dict[str, str]:
        return {name: self.value(name) for name in FIELDS}

    def _check(self) -> tuple[dict[str, str], CheckedApplicant | None]:
        try:
            checked = check_applicant(
                self.form_data(),
                office_code=self.ctx.actor.office_code,
                registration_date=self.today(),
            )
        except ValidationFailed as exc:
            return exc.errors, None
        return {}, checked

    def _mark_edited(self, name: str, *_: object) -> None:
        self._edited.add(name)
        self._auto.pop(name, None)
        if self.notice.kind == MessageKind.SUCCESS:
            self.notice.clear()  # the saved CPMI's notice must not linger over the next one

    def _changed(self, name: str, *_: object) -> None:
        if name == "nik":
            self._nik_changed()
        else:
            self._refresh_messages()

    def _nik_changed(self) -> None:
        digits = "".join(self.value("nik").split())
        if len(digits) >= 16:
            self._touched.add("nik")  # a complete (or too long) NIK is judged at once
        nik: Nik | None = None
        if self.ready and len(digits) == 16:
            try:
                nik = parse_nik(digits, today=self.today())
            except InvalidNik:
                nik = None
        if self.duplicate is not None and (nik is None or nik.nik != self.duplicate.nik):
            self.duplicate = None
            if self.notice.kind == MessageKind.ERROR:
                self.notice.clear()
        if nik is not None and (self._nik is None or self._nik.nik != nik.nik):
            self._nik = nik
            self._fill_from_nik(nik)
            self._look_up(nik.nik)
        elif nik is None:
            self._nik = None
        warnings = nik_warnings(nik, self.ctx.actor.office_code) if nik else []
        if not warnings:
            self.confirm_warnings.setChecked(False)
        self.confirm_warnings.setVisible(bool(warnings))
        self._refresh_messages()

    def _fill_from_nik(self, nik: Nik) -> None:
        """Put the NIK's birth date, sex and regency (as the place of birth) in, unless the
        officer typed something else there."""
        self.confirm_warnings.setChecked(False)  # a confirmation belongs to one NIK
        born = format_dmy(nik.birth_date)
        birth_editor = self.editors["birth_date"]
        assert isinstance(birth_editor, QLineEdit)
        if not birth_editor.text().strip() or "birth_date" in self._auto:
            birth_editor.setText(born)
            self._auto["birth_date"] = born
            self._touched.add("birth_date")  # an under-age NIK shows its message at once
        place_editor = self.editors["birth_place"]
        assert isinstance(place_editor, QLineEdit)
        place = birth_place_of(nik)
        if place and (not place_editor.text().strip() or "birth_place" in self._auto):
            place_editor.setText(place)  # offered: Enter keeps it, typing replaces it
            self._auto["birth_place"] = place
        sex_editor = self.editors["sex"]
        assert isinstance(sex_editor, QComboBox)
        if not sex_editor.currentData() or "sex" in self._auto:
            sex_editor.setCurrentIndex(sex_editor.findData(str(Sex(nik.sex))))
            self._auto["sex"] = str(nik.sex)
            self._touched.add("sex")

    def _look_up(self, nik: str) -> None:
        """Whether the NIK is registered here already; a newer NIK (or a cleared form)
        supersedes the answer."""
        look_up = partial(find_registered, self.ctx.workspace, nik)
        (
            Operation(self, self.ctx.runner, look_up)
            .superseding(self._lookups)
            .success(partial(self._looked_up, nik))
            .failure(self._look_up_failed)
            .run_in_background()
        )

    def _looked_up(self, nik: str, found: ApplicantBrief | None) -> None:
        if self._nik is None or self._nik.nik != nik or found is None:
            return
        self._show_duplicate(found)

    def _look_up_failed(self, failure: Failure) -> None:
        # Saving checks the NIK again inside its transaction; the form goes on without the hint.
        log.warning("NIK look-up failed: %s", type(failure.error).__name__)

    def _show_duplicate(self, found: ApplicantBrief) -> None:
        self.duplicate = found
        self._notice_target = found
        self.notice.show_message(
            MessageKind.ERROR,
            QCoreApplication.translate(
                "IntakePage",
                "NIK ini sudah terdaftar: {name}, kode {code}. Buka data CPMI ini; "
                "jangan didaftarkan dua kali.",
            ).format(name=found.full_name, code=found.tracking_code),
            QCoreApplication.translate("IntakePage", "Buka data CPMI ini"),
        )
        self._refresh_messages()
        # Focus stays where the officer is: a habitual Enter must not open the old record
        # before the warning is read (issue 18). The button is one Tab away, or a click.

    def _refresh_messages(self) -> None:
        errors, _ = self._check()
        for name, field in self.fields.items():
            if name == "nik":
                self._show_nik_message(errors.get("nik"))
            elif name in errors and name in self._touched:
                field.set_error(errors[name])
            else:
                field.clear_message()
        if self._counting_errors:
            # After a refused save the summary follows the fixes, and goes when none is left.
            if errors:
                self.form_message.setText(self._errors_summary(len(errors)))
            else:
                self._counting_errors = False
                self.form_message.clear()

    def _errors_summary(self, count: int) -> str:
        return QCoreApplication.translate(
            "IntakePage", "Belum tersimpan: perbaiki {count} kolom yang bertanda merah."
        ).format(count=count)

    def _show_nik_message(self, error: str | None) -> None:
        field = self.fields["nik"]
        if error and "nik" in self._touched:
            field.set_error(error)
        elif self.duplicate is not None:
            field.set_error(
                QCoreApplication.translate(
                    "IntakePage", "NIK sudah terdaftar dengan kode {code}"
                ).format(code=self.duplicate.tracking_code)
            )
        elif self._nik is not None:
            warnings = nik_warnings(self._nik, self.ctx.actor.office_code)
            if warnings:
                field.set_warning(" ".join(warnings))
            else:
                field.set_info(nik_summary(self._nik))
        else:
            field.clear_message()

    def _confirm_toggled(self, checked: bool) -> None:
        if checked and self.form_message.text():
            self.form_message.clear()

    def _tidy_date(self, name: str) -> None:
        """Show a date the way the KTP writes it once the officer leaves the field."""
        editor = self.editors[name]
        assert isinstance(editor, QLineEdit)
        try:
            tidy = format_dmy(parse_flexible_date(self.value(name), field=name))
        except ValueError:
            return  # left as typed; the message under the field says what is wrong
        if tidy != editor.text():
            editor.setText(tidy)
