"""The applicant page's Data tab: the record, corrected with the same rules as the intake form.

Each field is checked live under itself by the service's ``check_applicant``; saving sends only
the fields whose text the officer changed, the service checks the whole record again and audits
the change. The tab also carries the case buttons ("Ajukan paspor", "Batalkan CPMI", and for an
admin "Lewati urutan..."); what they do is in :mod:`ltsa_desk.ui.applicant.case_actions`, while
whether they may be pressed, and why not, is decided here from the view and the form.

The strings keep the translation context of the page ("ApplicantPage"), where they were first
translated.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.domain.values import (
    EDUCATION_LEVELS,
    MARITAL_STATUS_LABELS_ID,
    SECTOR_LABELS_ID,
    SEX_LABELS_ID,
    field_label,
)
from ltsa_desk.operations.corrections import Corrected, correct_record
from ltsa_desk.operations.intake import Lookups
from ltsa_desk.services.intake import DuplicateNik, WarningsNotConfirmed
from ltsa_desk.services.validation import FIELDS, REQUIRED, ValidationFailed, check_applicant
from ltsa_desk.ui.applicant.message_line import show_message
from ltsa_desk.ui.applicant.view import ApplicantView
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import LabelledField, MessageKind
from ltsa_desk.ui.intake_fields import LEFT_COLUMN, RIGHT_COLUMN, choice_label
from ltsa_desk.ui.operation import Failure, Operation

translate = QCoreApplication.translate

__all__ = ["BUTTON_HEIGHT", "DataTab"]

_EDITOR_HEIGHT = 28
#: The height of the tab's buttons, the case buttons' too.
BUTTON_HEIGHT = _EDITOR_HEIGHT + 4

_CHOICES: dict[str, list[tuple[str, str]]] = {
    "sex": [(str(sex), label) for sex, label in SEX_LABELS_ID.items()],
    "education": [(level, level) for level in EDUCATION_LEVELS],
    "marital_status": [(str(value), label) for value, label in MARITAL_STATUS_LABELS_ID.items()],
    "sector": [(str(sector), label) for sector, label in SECTOR_LABELS_ID.items()],
}


class DataTab(QWidget):
    """The CPMI's record as a form, its message line and the case buttons.

    ``view`` is the page's view as last read, with its ``form`` replaced by what was saved since;
    ``saving`` is true while a save or a case action runs (the form is read-only meanwhile).
    Signals: ``saved`` after corrections were written (the page reads itself again),
    ``show_requested`` when the tab must be in front (a refused save points at a field),
    ``actions_updated`` after the form's state changed (the case buttons follow it).
    """

    saved = Signal()
    show_requested = Signal()
    actions_updated = Signal()

    def __init__(
        self,
        ctx: UiContext,
        job_threads: list[str],
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.job_threads = job_threads
        self.view: ApplicantView | None = None
        self.saving = False
        self.touched: set[str] = set()
        self.message_kind = MessageKind.NONE
        self._build_fields()
        self._build_buttons()
        self._lay_out()
        self._set_form_enabled(False)

    # ------------------------------------------------------------------------------ building

    def _build_fields(self) -> None:
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.fields: dict[str, LabelledField] = {}
        for name in FIELDS:
            editor = self._make_editor(name)
            editor.setObjectName(name)
            editor.setMinimumHeight(_EDITOR_HEIGHT)
            self.editors[name] = editor
            self.fields[name] = LabelledField(
                translate("IntakePage", field_label(name)), editor, required=name in REQUIRED
            )
            editor.installEventFilter(self)
            if isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(partial(self._edited, name))
            else:
                editor.textEdited.connect(partial(self._edited, name))
        self.country_model = QStringListModel(self)
        self.agency_model = QStringListModel(self)
        for name, model in (
            ("destination_country", self.country_model),
            ("agency", self.agency_model),
        ):
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor = self.editors[name]
            assert isinstance(editor, QLineEdit)
            editor.setCompleter(completer)

    def _make_editor(self, name: str) -> QLineEdit | QComboBox:
        if name in _CHOICES:
            combo = QComboBox()
            combo.addItem("\u2014", "")
            for value, label in _CHOICES[name]:
                combo.addItem(choice_label(name, label), value)
            return combo
        line = QLineEdit()
        if name in {"birth_date", "planned_departure"}:
            line.setPlaceholderText("DD-MM-YYYY")
        return line

    def _build_buttons(self) -> None:
        self.confirm_warnings = QCheckBox(
            translate("ApplicantPage", "Peringatan NIK sudah saya periksa; simpan tetap")
        )
        self.confirm_warnings.hide()
        self.form_message = QLabel()
        self.form_message.setWordWrap(True)
        self.form_message.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(translate("ApplicantPage", "Simpan perubahan"))
        self.save_button.setToolTip(
            translate("ApplicantPage", "Simpan perubahan data CPMI (Ctrl+S)")
        )
        bold = QFont(self.save_button.font())
        bold.setBold(True)
        self.save_button.setFont(bold)
        self.save_button.setAutoDefault(False)
        self.save_button.setMinimumHeight(BUTTON_HEIGHT)
        self.save_button.clicked.connect(self.save)

    def _lay_out(self) -> None:
        columns = QHBoxLayout()
        columns.setSpacing(24)
        width = max(self.fields[name].label.sizeHint().width() for name in FIELDS)
        for names in (LEFT_COLUMN, RIGHT_COLUMN):
            column = QVBoxLayout()
            column.setSpacing(2)
            for name in names:
                self.fields[name].set_label_width(width)
                column.addWidget(self.fields[name])
            column.addStretch(1)
            columns.addLayout(column, 1)

        self._bottom = QHBoxLayout()
        self._messages = QVBoxLayout()
        self._messages.addWidget(self.confirm_warnings)
        self._messages.addWidget(self.form_message)
        self._bottom.addLayout(self._messages, 1)
        self._bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addLayout(columns, 1)
        layout.addLayout(self._bottom)
        chain: list[QWidget] = [self.editors[name] for name in FIELDS]
        chain += [self.confirm_warnings, self.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def add_case_buttons(self, buttons: list[QPushButton], reason: QLabel) -> None:
        """Put the case buttons left of "Simpan perubahan" (Tab reaches them after it) and the
        line that says why "Ajukan paspor" is disabled under the message line."""
        self._messages.addWidget(reason)
        chain: list[QWidget] = [self.save_button]
        for index, button in enumerate(buttons):
            self._bottom.insertWidget(1 + index, button)
        chain += reversed(buttons)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_lookups(self, lookups: Lookups) -> None:
        """The countries and agencies the completers offer."""
        self.country_model.setStringList(lookups.countries)
        self.agency_model.setStringList(lookups.agencies)

    # ------------------------------------------------------------------------------ the form

    def forget(self) -> None:
        """Another CPMI is being opened: nothing of this one's view, edits or message stays."""
        self.view = None
        self.touched.clear()
        self.say(MessageKind.NONE, "")

    def show_view(self, view: ApplicantView) -> None:
        """A fresh read: the form follows it unless the officer is correcting this CPMI."""
        previous = self.view
        dirty = self.has_unsaved_changes()
        self.view = view
        if not dirty or previous is None or previous.id != view.id:
            self._fill_form(view.form)
        self.update_actions()

    def _fill_form(self, values: dict[str, str]) -> None:
        for name, editor in self.editors.items():
            value = values.get(name, "")
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                index = editor.findData(value)
                if index < 0 and value:
                    editor.addItem(value, value)  # an imported value outside today's list
                    index = editor.count() - 1
                editor.setCurrentIndex(max(index, 0))
            else:
                editor.setText(value)
                editor.setCursorPosition(0)
            editor.blockSignals(False)
            self.fields[name].clear_message()
        self.touched.clear()
        self.confirm_warnings.setChecked(False)
        self.confirm_warnings.hide()

    def value(self, name: str) -> str:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return str(editor.currentData() or "")
        return editor.text().strip()

    def form_data(self) -> dict[str, str]:
        return {name: self.value(name) for name in FIELDS}

    def changes(self) -> dict[str, str]:
        """Only the fields whose text differs from what was loaded."""
        if self.view is None:
            return {}
        loaded = self.view.form
        return {
            name: value
            for name, value in self.form_data().items()
            if value != (loaded.get(name) or "").strip()
        }

    def has_unsaved_changes(self) -> bool:
        """Whether leaving now would lose corrections (for the window's close guard)."""
        return bool(self.changes())

    def _edited(self, name: str, *_: object) -> None:
        self.touched.add(name)
        self._check_form()
        self.update_actions()

    def _check_form(self) -> dict[str, str]:
        try:
            check_applicant(
                self.form_data(),
                office_code=self.ctx.actor.office_code,
                registration_date=self.today(),
            )
        except ValidationFailed as exc:
            errors = exc.errors
        else:
            errors = {}
        for name, field_widget in self.fields.items():
            if name in errors and name in self.touched:
                field_widget.set_error(errors[name])
            else:
                field_widget.clear_message()
        return errors

    def _set_form_enabled(self, enabled: bool) -> None:
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.setReadOnly(not enabled)
            else:
                editor.setEnabled(enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        """Enter moves to the next field, as on the intake form."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, QWidget)
        ):
            if isinstance(watched, QLineEdit):
                completer = watched.completer()
                if completer is not None and completer.popup().isVisible():
                    return False
            watched.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------------------ state

    def say(self, kind: MessageKind, text: str) -> None:
        """The tab's one message line (coloured, with a sign: never colour alone)."""
        show_message(self.form_message, kind, text)
        self.message_kind = kind if text else MessageKind.NONE

    def open_case(self) -> bool:
        """Whether the CPMI shown may be changed now (a case open, nothing being saved)."""
        return self.view is not None and not self.view.closed and not self.saving

    def update_actions(self) -> None:
        """Which buttons may be pressed now; the case buttons follow (``actions_updated``)."""
        open_case = self.open_case()
        self._set_form_enabled(open_case)
        self.save_button.setEnabled(open_case and bool(self.changes()))
        self.actions_updated.emit()

    # ------------------------------------------------------------------------------ saving

    def save(self) -> None:
        """Ctrl+S: save corrections (the service checks again and audits)."""
        if self.saving or self.view is None:
            return
        if self.view.closed:
            self.say(
                MessageKind.WARNING, translate("ApplicantPage", "CPMI ini tidak dapat diubah lagi.")
            )
            return
        changes = self.changes()
        if not changes:
            self.say(
                MessageKind.INFO, translate("ApplicantPage", "Tidak ada perubahan untuk disimpan.")
            )
            return
        self.touched.update(changes)
        errors = self._check_form()
        if errors:
            # The service checks the whole record, so a gap anywhere blocks the save: show it.
            self.touched.update(errors)
            self._check_form()
            first = next(name for name in FIELDS if name in errors)
            self.show_requested.emit()
            self.editors[first].setFocus()
            self.say(
                MessageKind.ERROR,
                translate(
                    "ApplicantPage", "Belum tersimpan: perbaiki {count} kolom yang bertanda merah."
                ).format(count=len(errors)),
            )
            return
        self.saving = True
        self.update_actions()
        self.say(MessageKind.INFO, translate("ApplicantPage", "Menyimpan..."))
        job = partial(
            correct_record,
            self.ctx.workspace,
            self.ctx.actor,
            self.view.id,
            changes,
            confirm_warnings=self.confirm_warnings.isChecked(),
            today=self.today(),
        )
        Operation(self, self.ctx.runner, job, threads=self.job_threads).success(
            self._saved
        ).failure(self._save_failed).run_in_background()

    def _saved(self, _corrected: Corrected) -> None:
        self.saving = False
        self.say(
            MessageKind.SUCCESS,
            translate(
                "ApplicantPage",
                "Perubahan tersimpan; perbaikan data akan dikirim ke Registri pusat.",
            ),
        )
        if self.view is not None:
            # What was saved is now the loaded state, so the reload replaces the form.
            self.view = replace(self.view, form=self.form_data())
        self.saved.emit()

    def _save_failed(self, failure: Failure) -> None:
        self.saving = False
        self.update_actions()
        exc = failure.error
        if isinstance(exc, ValidationFailed):
            for name, message in exc.errors.items():
                if name in self.fields:
                    self.fields[name].set_error(message)
            self.say(
                MessageKind.ERROR,
                translate("ApplicantPage", "Belum tersimpan: perbaiki kolom yang bertanda merah."),
            )
        elif isinstance(exc, DuplicateNik):
            self.fields["nik"].set_error(
                translate("ApplicantPage", "NIK sudah terdaftar dengan kode {code}").format(
                    code=exc.tracking_code
                )
            )
            self.say(
                MessageKind.ERROR,
                translate("ApplicantPage", "Belum tersimpan: NIK milik CPMI lain."),
            )
        elif isinstance(exc, WarningsNotConfirmed):
            self.fields["nik"].set_warning(" ".join(exc.warnings))
            self.confirm_warnings.show()
            self.confirm_warnings.setFocus()
            self.say(
                MessageKind.WARNING,
                translate(
                    "ApplicantPage",
                    "Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi.",
                ),
            )
        else:
            self.say(MessageKind.ERROR, failure.message)
