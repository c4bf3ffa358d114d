"""What the Pendaftaran form shows: its fields in reading order, their words, their choices.

The tables and the small pure helpers of the form, apart from the page that lays them out, so the
applicant page's data tab and the audit page use the same columns, labels and choices. Words are
marked with QT_TRANSLATE_NOOP in the "IntakePage" context, where the translations have always been.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit

from ltsa_desk.domain import applicant as rules
from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.nik import Nik
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.domain.values import (
    EDUCATION_LEVELS,
    MARITAL_STATUS_LABELS_ID,
    MaritalStatus,
    Sector,
    Sex,
)
from ltsa_desk.services.validation import FIELDS
from ltsa_desk.ui import words

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
        return tr_intake(label)
    return QCoreApplication.translate(words.CONTEXT, label)


PLACEHOLDERS = {
    "nik": QT_TRANSLATE_NOOP("IntakePage", "16 angka, dari KTP"),
    "full_name": QT_TRANSLATE_NOOP("IntakePage", "sesuai KTP"),
    "birth_date": QT_TRANSLATE_NOOP("IntakePage", "DD-MM-YYYY"),
    "kk": QT_TRANSLATE_NOOP("IntakePage", "16 angka (boleh kosong)"),
    "phone": QT_TRANSLATE_NOOP("IntakePage", "08xx-xxxx-xxxx"),
    "destination_country": QT_TRANSLATE_NOOP("IntakePage", "ketik nama negara"),
    "agency": QT_TRANSLATE_NOOP("IntakePage", "ketik nama P3MI"),
    "planned_departure": QT_TRANSLATE_NOOP("IntakePage", "DD-MM-YYYY"),
}

NIK_INPUT_LIMIT = 24  # 16 digits plus the spaces people copy a NIK with
EDITOR_HEIGHT = 30  # comfortable targets, still 1366x768 with a message under every field


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


def tr_intake(text: str) -> str:
    """Look up a string marked with QT_TRANSLATE_NOOP above (lupdate reads only literals)."""
    return QCoreApplication.translate("IntakePage", text)


def birth_place_of(nik: Nik) -> str:
    """The NIK's regency as a KTP writes a place of birth ("Kabupaten Lombok Timur" is
    "Lombok Timur"): offered, since most CPMI were born where their KTP was issued (issue 18)."""
    name = default_regions().regency(nik.regency_code) or ""
    for prefix in ("Kabupaten ", "Kab. ", "Kota Administrasi ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


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


def make_editor(name: str) -> QLineEdit | QComboBox:
    """The field's editor: a closed list for `CHOICES`, a line for everything else."""
    editor: QLineEdit | QComboBox
    if name in CHOICES:
        editor = QComboBox()
        editor.addItem("\u2014", "")  # nothing chosen yet
        for value, label in CHOICES[name]:
            editor.addItem(choice_label(name, label), value)
    else:
        editor = QLineEdit()
        if name in PLACEHOLDERS:
            editor.setPlaceholderText(tr_intake(PLACEHOLDERS[name]))
        if name == "nik":
            editor.setMaxLength(NIK_INPUT_LIMIT)
    editor.setMinimumHeight(EDITOR_HEIGHT)
    return editor
