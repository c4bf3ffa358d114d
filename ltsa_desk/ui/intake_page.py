"""Pendaftaran: registering the CPMI in front of the desk, with the keyboard, in under two minutes.

The NIK comes first because it carries the birth date, sex and region: a valid NIK fills those in,
and a NIK already registered here turns the form into a pointer to that CPMI instead of a twin
record. Every rule is checked while the officer types, by the same `check_applicant` the service
runs on save, so the form and the save can never disagree; the messages sit under their fields.

Nothing here touches the database on the GUI thread: the NIK look-up, the P3MI names and the save
itself run on `ctx.runner`; the region and country tables are warmed there before first use.
"""

from __future__ import annotations

import html
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import pycountry
import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
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

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain import applicant as rules
from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.countries import country_name_id, to_iso_alpha2
from ltsa_desk.domain.errors import InvalidNik
from ltsa_desk.domain.nik import Nik, parse_nik
from ltsa_desk.domain.placement import (
    COMMON_DESTINATIONS,
    COMMON_JOB_TITLES,
    best_suggestion,
    usual_first,
)
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.domain.values import (
    EDUCATION_LEVELS,
    MARITAL_STATUS_LABELS_ID,
    MaritalStatus,
    Sector,
    Sex,
    parse_flexible_date,
)
from ltsa_desk.services.applicants import agency_names, find_by_key, job_titles
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import DuplicateNik, WarningsNotConfirmed, register_applicant
from ltsa_desk.services.validation import (
    FIELDS,
    REQUIRED,
    CheckedApplicant,
    ValidationFailed,
    check_applicant,
)
from ltsa_desk.store.models import Applicant
from ltsa_desk.ui import style, words
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import FormNotice, LabelledField, MessageKind

log = logging.getLogger(__name__)

# Identity as on the KTP on the left, what the placement is about on the right; both columns are
# read (and tabbed) top to bottom, left column first, which is the order of FIELDS.
LEFT_COLUMN = ("nik", "full_name", "birth_place", "birth_date", "sex", "kk", "address", "phone")
RIGHT_COLUMN = (
    "education",
    "marital_status",
    "destination_country",
    "job_title",
    "sector",
    "agency",
    "planned_departure",
)
assert LEFT_COLUMN + RIGHT_COLUMN == FIELDS, "the form shows every field, in FIELDS order"
# What a P3MI's group of CPMI share, offered from the previous CPMI on the next form.
GROUP_FIELDS = ("destination_country", "job_title", "sector", "agency")

# Education levels are abbreviations officers use in both languages, except these two words.
_EDUCATION_WORDS = {
    "Tidak sekolah": QT_TRANSLATE_NOOP("IntakePage", "Tidak sekolah"),
    "Tidak tamat SD": QT_TRANSLATE_NOOP("IntakePage", "Tidak tamat SD"),
}

# What the form shows, marked for the translation tools (lupdate reads only literal strings).
# The words are the domain's (FIELD_LABELS_ID and the value labels); a test keeps them equal.
FIELD_LABELS = {
    "nik": QT_TRANSLATE_NOOP("IntakePage", "NIK"),
    "full_name": QT_TRANSLATE_NOOP("IntakePage", "Nama lengkap"),
    "birth_place": QT_TRANSLATE_NOOP("IntakePage", "Tempat lahir"),
    "birth_date": QT_TRANSLATE_NOOP("IntakePage", "Tanggal lahir"),
    "sex": QT_TRANSLATE_NOOP("IntakePage", "Jenis kelamin"),
    "kk": QT_TRANSLATE_NOOP("IntakePage", "Nomor KK"),
    "address": QT_TRANSLATE_NOOP("IntakePage", "Alamat"),
    "phone": QT_TRANSLATE_NOOP("IntakePage", "Nomor HP"),
    "education": QT_TRANSLATE_NOOP("IntakePage", "Pendidikan terakhir"),
    "marital_status": QT_TRANSLATE_NOOP("IntakePage", "Status perkawinan"),
    "destination_country": QT_TRANSLATE_NOOP("IntakePage", "Negara tujuan"),
    "job_title": QT_TRANSLATE_NOOP("IntakePage", "Jabatan"),
    "sector": QT_TRANSLATE_NOOP("IntakePage", "Sektor"),
    "agency": QT_TRANSLATE_NOOP("IntakePage", "P3MI"),
    "planned_departure": QT_TRANSLATE_NOOP("IntakePage", "Rencana keberangkatan"),
}

# (value sent to the service, label shown) per closed list. Marital status is sent in the KTP
# wording the service reads back, so its value is the Indonesian label itself. The labels are
# the window's domain words (`ui.words`), shared with the applicant page.
CHOICES: dict[str, list[tuple[str, str]]] = {
    "sex": [(str(sex), words.SEX_WORDS[sex]) for sex in (Sex.L, Sex.P)],
    "education": [(level, _EDUCATION_WORDS.get(level, level)) for level in EDUCATION_LEVELS],
    "marital_status": [
        (MARITAL_STATUS_LABELS_ID[status], words.MARITAL_STATUS_WORDS[status])
        for status in MaritalStatus
    ],
    "sector": [(str(sector), words.SECTOR_WORDS[sector]) for sector in Sector],
}


def choice_label(name: str, label: str) -> str:
    """A choice of `CHOICES` in the window's language."""
    if name == "education":
        return _tr(label)
    return QCoreApplication.translate(words.CONTEXT, label)


_PLACEHOLDERS = {
    "nik": QT_TRANSLATE_NOOP("IntakePage", "16 angka, dari KTP"),
    "full_name": QT_TRANSLATE_NOOP("IntakePage", "sesuai KTP"),
    "birth_date": QT_TRANSLATE_NOOP("IntakePage", "DD-MM-YYYY"),
    "kk": QT_TRANSLATE_NOOP("IntakePage", "16 angka (boleh kosong)"),
    "phone": QT_TRANSLATE_NOOP("IntakePage", "08xx-xxxx-xxxx"),
    "destination_country": QT_TRANSLATE_NOOP("IntakePage", "ketik nama negara"),
    "agency": QT_TRANSLATE_NOOP("IntakePage", "ketik nama P3MI"),
    "planned_departure": QT_TRANSLATE_NOOP("IntakePage", "DD-MM-YYYY"),
}

_NIK_INPUT_LIMIT = 24  # 16 digits plus the spaces people copy a NIK with
_EDITOR_HEIGHT = 30  # comfortable targets, still 1366x768 with a message under every field


def digits_date(text: str, name: str, today: date) -> str:
    """A date typed as digits only, the way officers type it fast: 150599 or 15051999 is
    15-05-1999 (issue 18). Six digits take the century that makes sense for the field: a birth
    date is never in the future, a planned departure is this century. Anything else is left as
    typed for the form's own checks (a bare number would otherwise be read as a spreadsheet day
    number: 150599 as the year 2312)."""
    if not (text.isdigit() and len(text) in (6, 8)):
        return text
    day, month, year = text[:2], text[2:4], text[4:]
    if len(year) == 2:
        full = 2000 + int(year)
        if name == "birth_date" and full > today.year:
            full -= 100
        year = str(full)
    return f"{day}-{month}-{year}"


def _tr(text: str) -> str:
    """Look up a string marked with QT_TRANSLATE_NOOP above (lupdate reads only literals)."""
    return QCoreApplication.translate("IntakePage", text)


@dataclass(frozen=True)
class ApplicantBrief:
    """Enough of a CPMI to name them in a notice and open them; plain data across threads."""

    id: str
    tracking_code: str
    full_name: str
    nik: str

    @classmethod
    def of(cls, applicant: Applicant) -> ApplicantBrief:
        return cls(
            id=str(applicant.id),
            tracking_code=applicant.tracking_code,
            full_name=applicant.full_name,
            nik=applicant.nik,
        )


@dataclass(frozen=True)
class SaveOutcome:
    saved: ApplicantBrief | None = None
    duplicate: ApplicantBrief | None = None


@dataclass(frozen=True)
class Lookups:
    """What the completers offer; read off the GUI thread when the page is made."""

    countries: list[str]
    agencies: list[str]
    jobs: list[str]


def load_lookups(workspace: Workspace) -> Lookups:
    """Warm the domain tables (regions, countries) and read the P3MI names, on a worker thread."""
    default_regions()
    names = set()
    for country in pycountry.countries:
        name = country_name_id(country.alpha_2)
        try:
            if to_iso_alpha2(name) == country.alpha_2:  # offer only names the form accepts back
                names.add(name)
        except ValueError:
            continue
    with workspace.database.session() as session:
        agencies = agency_names(session)
        written = job_titles(session)
    usual = [country_name_id(code) for code in COMMON_DESTINATIONS]
    return Lookups(
        countries=usual_first(names, usual),  # "Mal" Enter is Malaysia, not Maladewa
        agencies=agencies,
        jobs=usual_first([*written, *COMMON_JOB_TITLES], [*written, *COMMON_JOB_TITLES]),
    )


def birth_place_of(nik: Nik) -> str:
    """The NIK's regency as a KTP writes a place of birth ("Kabupaten Lombok Timur" is
    "Lombok Timur"): offered, since most CPMI were born where their KTP was issued (issue 18)."""
    name = default_regions().regency(nik.regency_code) or ""
    for prefix in ("Kabupaten ", "Kab. ", "Kota Administrasi ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def find_brief(workspace: Workspace, nik: str) -> ApplicantBrief | None:
    with workspace.database.session() as session:
        found = find_by_key(session, nik)
        return ApplicantBrief.of(found) if found is not None else None


def register(
    workspace: Workspace,
    data: dict[str, Any],
    actor: Actor,
    confirm_warnings: bool,
    today: date,
) -> SaveOutcome:
    """Save on a worker thread. A NIK registered meanwhile (at another desk) comes back as a
    pointer to that CPMI, not as an error."""
    with workspace.database.write_session() as session:
        try:
            result = register_applicant(
                session, data, actor, confirm_warnings=confirm_warnings, today=today
            )
        except DuplicateNik as exc:
            existing = find_by_key(session, exc.nik)
            if existing is None:
                raise
            return SaveOutcome(duplicate=ApplicantBrief.of(existing))
        return SaveOutcome(saved=ApplicantBrief.of(result.applicant))


def nik_warnings(nik: Nik, office_code: str) -> list[str]:
    """The warnings saving will ask the officer to confirm, known as soon as the NIK is typed.

    The same findings, in the same order, as `check_applicant` returns for this NIK.
    """
    warnings = list(nik.warnings)
    regions = default_regions()
    finding = rules.check_office_region(
        nik.regency_code, office_code, regions.regency(nik.regency_code)
    )
    if finding:
        warnings.append(finding.message)
    return warnings


def nik_summary(nik: Nik) -> str:
    """What the NIK says, so the officer can compare it with the KTP in their hand."""
    regions = default_regions()
    place = regions.regency(nik.regency_code) or nik.regency_code
    province = regions.province(nik.province_code)
    if province:
        place = f"{place}, {province}"
    return QCoreApplication.translate("IntakePage", "{place} - lahir {born} - {sex}").format(
        place=place, born=format_dmy(nik.birth_date), sex=words.sex_label(str(nik.sex))
    )


class IntakePage(QWidget):
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
        self._lookup_generation = 0
        self._notice_target: ApplicantBrief | None = None
        self._counting_errors = False

        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.fields: dict[str, LabelledField] = {}
        for name in FIELDS:
            editor = self._make_editor(name)
            editor.setObjectName(name)
            self.editors[name] = editor
            self.fields[name] = LabelledField(
                _tr(FIELD_LABELS[name]), editor, required=name in REQUIRED
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
        self.save_button.setMinimumHeight(_EDITOR_HEIGHT + 4)
        save_font = QFont(self.save_button.font())
        save_font.setBold(True)
        self.save_button.setFont(save_font)
        self.clear_button.setMinimumHeight(_EDITOR_HEIGHT + 4)
        self.save_button.clicked.connect(self.save)
        for button in (self.clear_button, self.save_button):
            button.setAutoDefault(False)

        self._build_layout()
        self._connect_editors()
        self._set_tab_order()
        self.ctx.runner.run(
            partial(load_lookups, ctx.workspace), self._lookups_loaded, self._lookups_failed
        )

    # ------------------------------------------------------------------------------ building

    def _make_editor(self, name: str) -> QLineEdit | QComboBox:
        editor = self._make_bare_editor(name)
        editor.setMinimumHeight(_EDITOR_HEIGHT)
        return editor

    def _make_bare_editor(self, name: str) -> QLineEdit | QComboBox:
        if name in CHOICES:
            combo = QComboBox()
            combo.addItem("\u2014", "")  # nothing chosen yet
            for value, label in CHOICES[name]:
                combo.addItem(choice_label(name, label), value)
            return combo
        line = QLineEdit()
        if name in _PLACEHOLDERS:
            line.setPlaceholderText(_tr(_PLACEHOLDERS[name]))
        if name == "nik":
            line.setMaxLength(_NIK_INPUT_LIMIT)
        return line

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

    def _set_tab_order(self) -> None:
        chain = self._chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _chain(self) -> list[QWidget]:
        """Reading order: the fields (left column, then right), the confirmation, Simpan."""
        chain: list[QWidget] = [self.editors[name] for name in FIELDS]
        chain += [self.confirm_warnings, self.save_button, self.clear_button]
        return chain

    # ------------------------------------------------------------------------------ background

    def _lookups_loaded(self, lookups: Lookups) -> None:
        if not shiboken6.isValid(self):
            return
        self.country_model.setStringList(lookups.countries)
        self.agency_model.setStringList(lookups.agencies)
        self.job_model.setStringList(lookups.jobs)
        self.ready = True
        self.ready_changed.emit(True)
        self._nik_changed()  # anything typed before the tables were warm is checked now

    def _lookups_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        log.error("intake lookups failed: %s", type(exc).__name__)
        self.ready = True  # the form still works; only the P3MI suggestions are missing
        self.ready_changed.emit(True)
        self._nik_changed()

    def reload_agencies(self) -> None:
        """Refresh the P3MI suggestions (a save may have added one)."""
        self.ctx.runner.run(partial(_agencies, self.ctx.workspace), self._agencies_loaded)

    def _agencies_loaded(self, names: list[str]) -> None:
        if shiboken6.isValid(self):
            self.agency_model.setStringList(names)

    # ------------------------------------------------------------------------------ values

    def value(self, name: str) -> str:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return str(editor.currentData() or "")
        if name in ("birth_date", "planned_departure"):
            return digits_date(editor.text().strip(), name, self.today())
        return editor.text().strip()

    def form_data(self) -> dict[str, str]:
        return {name: self.value(name) for name in FIELDS}

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

    # ------------------------------------------------------------------------------ live checks

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
        self._lookup_generation += 1
        generation = self._lookup_generation
        self.ctx.runner.run(
            partial(find_brief, self.ctx.workspace, nik),
            partial(self._looked_up, generation, nik),
            self._look_up_failed,
        )

    def _looked_up(self, generation: int, nik: str, found: ApplicantBrief | None) -> None:
        if not shiboken6.isValid(self) or generation != self._lookup_generation:
            return
        if self._nik is None or self._nik.nik != nik or found is None:
            return
        self._show_duplicate(found)

    def _look_up_failed(self, exc: BaseException) -> None:
        # Saving checks the NIK again inside its transaction; the form goes on without the hint.
        log.warning("NIK look-up failed: %s", type(exc).__name__)

    def _show_duplicate(self, found: ApplicantBrief) -> None:
        self.duplicate = found
        self._notice_target = found
        self.notice.show_message(
            MessageKind.ERROR,
            self.tr(
                "NIK ini sudah terdaftar: {name}, kode {code}. Buka data CPMI ini; "
                "jangan didaftarkan dua kali."
            ).format(name=found.full_name, code=found.tracking_code),
            self.tr("Buka data CPMI ini"),
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
        return self.tr("Belum tersimpan: perbaiki {count} kolom yang bertanda merah.").format(
            count=count
        )

    def _show_nik_message(self, error: str | None) -> None:
        field = self.fields["nik"]
        if error and "nik" in self._touched:
            field.set_error(error)
        elif self.duplicate is not None:
            field.set_error(
                self.tr("NIK sudah terdaftar dengan kode {code}").format(
                    code=self.duplicate.tracking_code
                )
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

    # ------------------------------------------------------------------------------ keyboard

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ):
                popup_of = self._popup_owner(watched)
                if popup_of is not None:
                    # The completer then closes the list and hands Enter to the field.
                    self._take_suggestion(popup_of)
                    return super().eventFilter(watched, event)
                return self._enter(watched)
        elif kind == QEvent.Type.FocusOut:
            if isinstance(event, QFocusEvent) and event.reason() == Qt.FocusReason.PopupFocusReason:
                # The completion list opened under the field ("Taiw"): the officer is still
                # typing there, so it is not judged yet (UX.md: judged on leave or save).
                return super().eventFilter(watched, event)
            name = watched.objectName()
            if name in self._edited and name not in self._touched:
                self._touched.add(name)
                self._refresh_messages()
        return super().eventFilter(watched, event)

    def _enter(self, watched: QObject) -> bool:
        if watched is self.save_button:
            self.save()
            return True
        if watched is self.notice.button:
            self._notice_action()
            return True
        if watched is self.editors["nik"] and self.duplicate is not None:
            return True  # Enter stays on a NIK that is already registered: read the warning
        if isinstance(watched, QLineEdit):
            completer = watched.completer()
            if completer is not None and completer.popup().isVisible():
                self._take_suggestion(watched)
                completer.popup().hide()
        if isinstance(watched, QWidget):
            self._focus_next(watched)
            return True
        return False

    def _popup_owner(self, watched: QObject) -> QLineEdit | None:
        """The field whose completion list `watched` is, if it is one."""
        for name in ("destination_country", "job_title", "agency"):
            editor = self.editors[name]
            assert isinstance(editor, QLineEdit)
            completer = editor.completer()
            if completer is not None and completer.popup() is watched:
                return editor
        return None

    def _take_suggestion(self, editor: QLineEdit) -> None:
        """Enter in an open completion list: the row the officer chose, or else the first one
        shown that fits what was typed ("Mal" is Malaysia; `best_suggestion`), so a few letters
        and Enter fill the field; Esc closes the list and keeps what was typed (issue 18)."""
        completer = editor.completer()
        if completer is None or not completer.popup().isVisible():
            return
        index = completer.popup().currentIndex()
        if index.isValid():
            editor.setText(str(index.data()))
            return
        model = completer.completionModel()
        shown = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
        taken = best_suggestion(editor.text(), shown)
        if taken is not None and taken != editor.text():
            editor.setText(taken)
            self._mark_edited(editor.objectName())

    def _focus_next(self, current: QWidget) -> None:
        name = current.objectName()
        if name in FIELDS and name in self._edited:
            self._touched.add(name)
            self._refresh_messages()
        chain = [w for w in self._chain() if w.isVisible() or not self.isVisible()]
        if current in chain:
            position = chain.index(current)
            if position + 1 < len(chain):
                chain[position + 1].setFocus(Qt.FocusReason.TabFocusReason)

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
        self._lookup_generation += 1
        self.confirm_warnings.setChecked(False)
        self.confirm_warnings.hide()
        self._counting_errors = False
        self.form_message.clear()
        self._refresh_messages()

    def focus_first(self) -> None:
        self.editors["nik"].setFocus()

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
        self.form_message.setText(self.tr("Menyimpan..."))
        self.ctx.runner.run(
            partial(
                register,
                self.ctx.workspace,
                self.form_data(),
                self.ctx.actor,
                bool(checked.warnings),
                self.today(),
            ),
            self._saved,
            self._save_failed,
        )

    def _ask_confirmation(self, warnings: list[str]) -> None:
        """The warnings whole here, where there is room: under the NIK they fit one line (a
        longer message is cut there, so the fields below never move; issue 18)."""
        self._counting_errors = False
        self.confirm_warnings.show()
        self.form_message.setStyleSheet(style.ERROR_LABEL_CSS)
        self.form_message.setText(
            self.tr(
                "Belum tersimpan. Peringatan NIK: {warnings} Baca, lalu centang konfirmasi."
            ).format(warnings=" ".join(w if w.endswith(".") else f"{w}." for w in warnings))
        )
        self.confirm_warnings.setFocus()

    def _end_saving(self) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.form_message.setStyleSheet(style.ERROR_LABEL_CSS)
        self.form_message.clear()

    def _saved(self, outcome: SaveOutcome) -> None:
        if not shiboken6.isValid(self):
            return
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
            self.tr("Tersimpan: {name} - kode pelacakan {code}").format(
                name=html.escape(saved.full_name), code=f"<b>{html.escape(saved.tracking_code)}</b>"
            ),
            self.tr("Buka data CPMI (Enter)"),
            rich=True,
        )
        group = {name: self.value(name) for name in GROUP_FIELDS}
        self._offered = {name: value for name, value in group.items() if value}
        self._clear_form()  # ready for the next CPMI; the notice stays until typing starts
        self._offer_previous_placement()
        self.notice.button.setFocus()
        self.registered.emit(saved.id)
        self.reload_agencies()

    def _save_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._end_saving()
        if isinstance(exc, ValidationFailed):
            for name, message in exc.errors.items():
                if name in self.fields:
                    self.fields[name].set_error(message)
            self.form_message.setText(
                self.tr("Belum tersimpan: perbaiki kolom yang bertanda merah.")
            )
            first = next((name for name in FIELDS if name in exc.errors), "nik")
            self.editors[first].setFocus()
        elif isinstance(exc, WarningsNotConfirmed):
            self.fields["nik"].set_warning(" ".join(exc.warnings))
            self._ask_confirmation(list(exc.warnings))
        else:
            log.error("registration failed: %s", type(exc).__name__)
            self.form_message.setText(
                self.tr(
                    "Belum tersimpan: basis data tidak dapat ditulis. Data di layar masih ada; "
                    "coba simpan lagi, jika tetap gagal hubungi teknisi."
                )
            )

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


def _agencies(workspace: Workspace) -> list[str]:
    with workspace.database.session() as session:
        return agency_names(session)
