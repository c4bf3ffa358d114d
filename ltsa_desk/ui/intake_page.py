"""Pendaftaran: registering the CPMI in front of the desk, with the keyboard, in under two minutes.

The NIK comes first because it carries the birth date, sex and region: a valid NIK fills those in,
and a NIK already registered here turns the form into a pointer to that CPMI instead of a twin
record. Every rule is checked while the officer types, by the same `check_applicant` the service
runs on save, so the form and the save can never disagree; the messages sit under their fields.

Nothing here touches the database on the GUI thread: the NIK look-up, the P3MI names and the save
itself are operations of `operations.intake`, run as `ui.operation.Operation`s (an answer for
a page that is gone, or a superseded NIK look-up, is dropped); the region and country tables are
warmed there before first use.

The page is put together from its parts: the fields and their words (`intake_fields`), the live
checks and the duplicate (`intake_checks`), the keyboard (`intake_keys`) and Simpan
(`intake_saving`); this module lays the form out and holds its state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.domain.nik import Nik
from ltsa_desk.operations.intake import ApplicantBrief, Lookups, agency_suggestions, load_lookups
from ltsa_desk.services.validation import FIELDS, REQUIRED
from ltsa_desk.ui import style
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import FormNotice, LabelledField
from ltsa_desk.ui.intake_checks import LiveChecks
from ltsa_desk.ui.intake_fields import (
    EDITOR_HEIGHT,
    FIELD_LABELS,
    LEFT_COLUMN,
    RIGHT_COLUMN,
    make_editor,
    tr_intake,
)
from ltsa_desk.ui.intake_keys import EnterMovesOn
from ltsa_desk.ui.intake_saving import RegisterAction
from ltsa_desk.ui.operation import Failure, Generation, Operation

log = logging.getLogger(__name__)


class IntakePage(RegisterAction, LiveChecks, EnterMovesOn, QWidget):
    """The Pendaftaran screen. `save()` is Ctrl+S, `start_new()` is Ctrl+N (the window's keys).

    Signals: `open_applicant(id)` when the officer asks to open a CPMI (the one just saved, or the
    one whose NIK was typed again); `registered(id)` after every successful save, for screens
    that show counts or lists.
    """

    open_applicant = Signal(str)
    # (id, why): a CPMI opened because the NIK typed is already theirs; the page says so.
    open_duplicate = Signal(str, str)
    registered = Signal(str)
    ready_changed = Signal(bool)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.ready = False
        self.saving = False
        self.last_saved: ApplicantBrief | None = None
        self.duplicate: ApplicantBrief | None = None
        self._nik: Nik | None = None
        self._touched: set[str] = set()
        self._edited: set[str] = set()
        self._auto: dict[str, str] = {}
        # A P3MI brings its CPMI in groups: the previous CPMI's placement is offered on the next
        # form (Enter keeps it, typing replaces it), which saves the officer ~40 keys a CPMI.
        self._offered: dict[str, str] = {}
        self._lookups = Generation()  # NIK look-ups: only the newest one's answer counts
        self._notice_target: ApplicantBrief | None = None
        self._counting_errors = False

        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.fields: dict[str, LabelledField] = {}
        for name in FIELDS:
            editor = make_editor(name)
            editor.setObjectName(name)
            self.editors[name] = editor
            self.fields[name] = LabelledField(
                tr_intake(FIELD_LABELS[name]), editor, required=name in REQUIRED
            )
        self.country_model = QStringListModel(self)
        self.agency_model = QStringListModel(self)
        self.job_model = QStringListModel(self)
        self._attach_completer("destination_country", self.country_model)
        self._attach_completer("job_title", self.job_model)
        self._attach_completer("agency", self.agency_model)

        self.notice = FormNotice()
        self.notice.action.connect(self._notice_action)
        self.confirm_warnings = QCheckBox(
            self.tr("Peringatan NIK sudah saya periksa; CPMI tetap didaftarkan di sini")
        )
        self.confirm_warnings.hide()
        self.form_message = QLabel()
        self.form_message.setWordWrap(True)
        self.form_message.setStyleSheet(style.ERROR_LABEL_CSS)
        self.clear_button = QPushButton(self.tr("Kosongkan"))
        self.clear_button.setToolTip(self.tr("Mulai CPMI baru (Ctrl+N)"))
        self.clear_button.clicked.connect(self.start_new)
        self.save_button = QPushButton(self.tr("Simpan"))
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+S)"))
        self.save_button.setMinimumWidth(140)
        self.save_button.setMinimumHeight(EDITOR_HEIGHT + 4)
        save_font = QFont(self.save_button.font())
        save_font.setBold(True)
        self.save_button.setFont(save_font)
        self.clear_button.setMinimumHeight(EDITOR_HEIGHT + 4)
        self.save_button.clicked.connect(self.save)
        for button in (self.clear_button, self.save_button):
            button.setAutoDefault(False)

        self._build_layout()
        self._connect_editors()
        self._set_tab_order()
        (
            Operation(self, self.ctx.runner, partial(load_lookups, ctx.workspace))
            .success(self._lookups_loaded)
            .failure(self._lookups_failed)
            .run_in_background()
        )

    # ------------------------------------------------------------------------------ building

    def _attach_completer(self, name: str, model: QStringListModel) -> None:
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        editor = self.editors[name]
        assert isinstance(editor, QLineEdit)
        editor.setCompleter(completer)
        # On a real display the open list has the keyboard: its Enter is seen here first.
        completer.popup().installEventFilter(self)
        completer.popup().setObjectName(f"{name}_suggestions")

    def _build_layout(self) -> None:
        title = QLabel(self.tr("Pendaftaran CPMI"))
        font = QFont(title.font())
        font.setPointSizeF(max(font.pointSizeF(), style.MIN_POINT_SIZE) * 1.4)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(
            self.tr(
                "Mulai dari NIK: tanggal lahir, jenis kelamin dan tempat lahir terisi dari NIK "
                "(periksa dengan KTP). Negara, jabatan, P3MI: ketik beberapa huruf, Enter memilih "
                "saran teratas. Enter: kolom berikutnya - Ctrl+S: simpan - Ctrl+N: CPMI baru - "
                "* wajib diisi"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        columns = QHBoxLayout()
        columns.setSpacing(28)
        for heading, names in (
            (self.tr("Data diri (sesuai KTP)"), LEFT_COLUMN),
            (self.tr("Pendidikan, status dan penempatan"), RIGHT_COLUMN),
        ):
            column = QVBoxLayout()
            column.setSpacing(6)
            section = QLabel(heading)
            section_font = QFont(section.font())
            section_font.setBold(True)
            section.setFont(section_font)
            column.addWidget(section)
            width = max(self.fields[name].label.sizeHint().width() for name in FIELDS)
            for name in names:
                self.fields[name].set_label_width(width)
                column.addWidget(self.fields[name])
            column.addStretch(1)
            columns.addLayout(column, 1)

        bottom = QHBoxLayout()
        messages = QVBoxLayout()
        messages.setSpacing(2)
        messages.addWidget(self.confirm_warnings)
        messages.addWidget(self.form_message)
        bottom.addLayout(messages, 1)
        bottom.addWidget(self.clear_button)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.notice)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        self.notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _connect_editors(self) -> None:
        for name, editor in self.editors.items():
            editor.installEventFilter(self)
            if isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(partial(self._changed, name))
                editor.activated.connect(partial(self._mark_edited, name))
            else:
                editor.textChanged.connect(partial(self._changed, name))
                editor.textEdited.connect(partial(self._mark_edited, name))
                # With a completer popup open, Enter reaches the field through the completer
                # (past the event filter); returnPressed then carries it to the next field.
                editor.returnPressed.connect(partial(self._focus_next, editor))
        for widget in (self.confirm_warnings, self.save_button, self.notice.button):
            widget.installEventFilter(self)
        self.confirm_warnings.toggled.connect(self._confirm_toggled)
        for name in ("birth_date", "planned_departure"):
            editor = self.editors[name]
            assert isinstance(editor, QLineEdit)
            editor.editingFinished.connect(partial(self._tidy_date, name))

    # ------------------------------------------------------------------------------ background

    def _lookups_loaded(self, lookups: Lookups) -> None:
        self.country_model.setStringList(lookups.countries)
        self.agency_model.setStringList(lookups.agencies)
        self.job_model.setStringList(lookups.jobs)
        self.ready = True
        self.ready_changed.emit(True)
        self._nik_changed()  # anything typed before the tables were warm is checked now

    def _lookups_failed(self, failure: Failure) -> None:
        log.error("intake lookups failed: %s", type(failure.error).__name__)
        self.ready = True  # the form still works; only the P3MI suggestions are missing
        self.ready_changed.emit(True)
        self._nik_changed()

    def reload_agencies(self) -> None:
        """Refresh the P3MI suggestions (a save may have added one)."""
        (
            Operation(self, self.ctx.runner, partial(agency_suggestions, self.ctx.workspace))
            .success(self.agency_model.setStringList)
            .run_in_background()
        )

    # ------------------------------------------------------------------------------ values

    def has_unsaved_input(self) -> bool:
        """Whether leaving now would lose typing (for the window's sign-out / close guard);
        the placement offered from the previous CPMI is not typing."""
        return any(
            value and value != self._offered.get(name) for name, value in self.form_data().items()
        )

    def _offer_previous_placement(self) -> None:
        """Fill the group fields with the previous CPMI's values (issue 18)."""
        for name, value in self._offered.items():
            editor = self.editors[name]
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            else:
                editor.setText(value)
            editor.blockSignals(False)
        if self._offered:
            self.form_message.setStyleSheet("color: #555;")
            self.form_message.setText(
                self.tr(
                    "Negara tujuan, jabatan, sektor dan P3MI seperti CPMI sebelumnya: Enter "
                    "memakainya, ketik untuk menggantinya."
                )
            )

    # ------------------------------------------------------------------------------ actions

    def start_new(self) -> None:
        """Ctrl+N: an empty form for the next CPMI, the cursor in the NIK."""
        self._clear_form()
        self._offer_previous_placement()
        self.notice.clear()
        self._notice_target = None
        self.editors["nik"].setFocus()

    def _clear_form(self) -> None:
        for editor in self.editors.values():
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(0)
            else:
                editor.clear()
            editor.blockSignals(False)
        self._touched.clear()
        self._edited.clear()
        self._auto.clear()
        self._nik = None
        self.duplicate = None
        self._lookups.supersede()
        self.confirm_warnings.setChecked(False)
        self.confirm_warnings.hide()
        self._counting_errors = False
        self.form_message.clear()
        self._refresh_messages()

    def focus_first(self) -> None:
        self.editors["nik"].setFocus()

    def _notice_action(self) -> None:
        target = self._notice_target
        if target is None:
            return
        was_duplicate = self.duplicate is not None and target.id == self.duplicate.id
        self.notice.clear()
        self._notice_target = None
        if was_duplicate:
            nik = self.duplicate.nik if self.duplicate is not None else ""
            self.start_new()  # the half-typed twin is dropped; the real record opens instead
            why = self.tr(
                "Dibuka dari Pendaftaran: NIK {nik} sudah terdaftar atas nama CPMI ini, jadi "
                "pendaftaran baru tidak disimpan."
            ).format(nik=nik)
            self.open_duplicate.emit(target.id, why)
            return
        self.open_applicant.emit(target.id)
