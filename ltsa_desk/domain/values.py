"""Normalisers for the values an officer types or an old register spreadsheet holds.

Every normaliser either returns one canonical value or raises :class:`InvalidValue` carrying the
field key (so the UI can put the message under the right field and the importer can write it to the
rejects file) and an Indonesian message that names the field, because the officer must be able to
fix the input without asking anyone. Nothing here guesses where a wrong guess would be silent: an
ambiguous date order or a bare year is refused rather than read one way.

Pure module: standard library only.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from typing import Final

__all__ = [
    "EDUCATION_LEVELS",
    "FIELD_LABELS_ID",
    "MARITAL_STATUS_LABELS_ID",
    "NAME_MAX_LENGTH",
    "NAME_PUNCTUATION",
    "SECTOR_LABELS_ID",
    "SEX_LABELS_ID",
    "InvalidValue",
    "MaritalStatus",
    "Sector",
    "Sex",
    "field_label",
    "normalize_education",
    "normalize_marital_status",
    "normalize_sector",
    "normalize_sex",
    "parse_flexible_date",
    "parse_name",
]


# --------------------------------------------------------------------------- errors and labels

#: Indonesian labels of the field keys used across the domain. A message always names the field
#: the officer sees on screen, never the internal key.
FIELD_LABELS_ID: Final[Mapping[str, str]] = {
    "nik": "NIK",
    "kk": "Nomor KK",
    "kk_number": "Nomor KK",
    "full_name": "Nama lengkap",
    "name": "Nama",
    "mother_name": "Nama ibu kandung",
    "father_name": "Nama ayah",
    "guardian_name": "Nama wali",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "sex": "Jenis kelamin",
    "marital_status": "Status perkawinan",
    "education": "Pendidikan terakhir",
    "sector": "Sektor",
    "destination_country": "Negara tujuan",
    "planned_departure": "Rencana keberangkatan",
    "phone": "Nomor HP",
    "address": "Alamat",
    "employer_name": "Nama pemberi kerja",
    "agency": "P3MI",
    "agency_name": "Nama P3MI",
    "job_title": "Jabatan",
    "passport_number": "Nomor paspor",
    "issued_on": "Tanggal terbit",
    "valid_until": "Berlaku sampai",
    "registered_on": "Tanggal pendaftaran",
}


def field_label(field: str) -> str:
    """Indonesian label for a field key; an unknown key is shown as given (never hidden)."""
    return FIELD_LABELS_ID.get(field, field)


class InvalidValue(ValueError):
    """A value the officer (or an imported row) gave cannot be used.

    ``field`` is the internal field key (e.g. ``"birth_date"``) so callers can attach the message
    to the right widget or rejects-file column; ``str(error)`` is the Indonesian message for the
    officer; ``reason`` is a stable machine code (``"required"``, ``"unrecognised"``,
    ``"invalid"``, ``"year_only"``, ``"too_long"``, ``"digits"``, ``"no_letters"``,
    ``"control_chars"``) for services and tests, unaffected by rewording.
    """

    def __init__(self, field: str, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.reason = reason

    def __reduce__(self) -> tuple[type[InvalidValue], tuple[str, str, str]]:
        """Survive pickling (errors may cross a thread or process boundary)."""
        return (type(self), (self.field, self.message, self.reason))


def _show(value: object) -> str:
    """The offending value as the officer typed it, shortened so a message stays one line."""
    text = str(value).strip()
    if len(text) > 40:
        text = text[:37] + "..."
    return text


def _fold(text: str) -> str:
    """Key for lenient matching: accents dropped, casefolded, punctuation and spacing removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]", "", stripped.casefold())


def _require_text(value: object, field: str) -> str:
    if value is None:
        raise InvalidValue(field, f"{field_label(field)} wajib diisi", "required")
    if not isinstance(value, str):
        raise InvalidValue(field, f"{field_label(field)} tidak valid: {_show(value)}")
    text = " ".join(value.split())
    if not text:
        raise InvalidValue(field, f"{field_label(field)} wajib diisi", "required")
    return text


# --------------------------------------------------------------------------- sex


class Sex(StrEnum):
    """Sex as recorded on the KTP: L (laki-laki) or P (perempuan).

    The values are the KTP letters because that is what registers, letters and the central registry
    use; the MRZ's M/F is mapped here by :func:`normalize_sex`.
    """

    L = "L"
    P = "P"
    MALE = "L"  # aliases of L and P, for readers who do not know the KTP letters
    FEMALE = "P"

    @property
    def label(self) -> str:
        return SEX_LABELS_ID[self]


SEX_LABELS_ID: Final[Mapping[Sex, str]] = {Sex.MALE: "Laki-laki", Sex.FEMALE: "Perempuan"}

_SEX_WORDS: Final[Mapping[str, Sex]] = {
    _fold(word): sex
    for sex, words in {
        Sex.MALE: ("L", "M", "Laki-laki", "Laki laki", "Lelaki", "Male", "Man", "Pria", "Lk"),
        Sex.FEMALE: ("P", "F", "Perempuan", "Female", "Woman", "Wanita", "Pr", "Pr."),
    }.items()
    for word in words
}


def normalize_sex(text: str) -> Sex:
    """Read sex from the many spellings seen in registers (L/P, M/F, Laki-laki, Pria, Female...)."""
    cleaned = _require_text(text, "sex")
    sex = _SEX_WORDS.get(_fold(cleaned))
    if sex is None:
        raise InvalidValue(
            "sex", f"Jenis kelamin tidak dikenali: {_show(cleaned)} (isi L atau P)", "unrecognised"
        )
    return sex


# --------------------------------------------------------------------------- marital status


class MaritalStatus(StrEnum):
    """Marital status; it decides which civil documents (buku nikah, akta cerai) are required."""

    SINGLE = "single"
    MARRIED = "married"
    DIVORCED = "divorced"
    WIDOWED = "widowed"


#: The KTP wording, which officers and CPMI recognise.
MARITAL_STATUS_LABELS_ID: Final[Mapping[MaritalStatus, str]] = {
    MaritalStatus.SINGLE: "Belum kawin",
    MaritalStatus.MARRIED: "Kawin",
    MaritalStatus.DIVORCED: "Cerai hidup",
    MaritalStatus.WIDOWED: "Cerai mati",
}

# "Janda"/"duda" are deliberately absent: they are used for both divorced and widowed, and the
# two need different documents, so guessing would silently ask for the wrong paper.
_MARITAL_WORDS: Final[Mapping[str, MaritalStatus]] = {
    _fold(word): status
    for status, words in {
        MaritalStatus.SINGLE: (
            "Belum Kawin",
            "Belum Menikah",
            "Lajang",
            "Single",
            "Unmarried",
            "Never married",
            "BK",
        ),
        MaritalStatus.MARRIED: (
            "Kawin",
            "Menikah",
            "Sudah Kawin",
            "Sudah Menikah",
            "Kawin Tercatat",
            "Kawin Belum Tercatat",
            "Married",
            "K",
        ),
        MaritalStatus.DIVORCED: ("Cerai Hidup", "Cerai", "Divorced", "CH"),
        MaritalStatus.WIDOWED: ("Cerai Mati", "Widowed", "Widow", "Widower", "CM"),
    }.items()
    for word in words
}


def normalize_marital_status(text: str) -> MaritalStatus:
    """Read a marital status in KTP wording (Belum Kawin, Kawin, Cerai Hidup, Cerai Mati) or
    English.

    Also accepts the enum values themselves, so stored values round-trip.
    """
    cleaned = _require_text(text, "marital_status")
    status = _MARITAL_WORDS.get(_fold(cleaned))
    if status is None:
        raise InvalidValue(
            "marital_status",
            f"Status perkawinan tidak dikenali: {_show(cleaned)} "
            "(isi Belum Kawin, Kawin, Cerai Hidup atau Cerai Mati)",
            "unrecognised",
        )
    return status


# --------------------------------------------------------------------------- sector


class Sector(StrEnum):
    """Placement sector: formal (company employer) or informal (household / individual employer)."""

    FORMAL = "formal"
    INFORMAL = "informal"


SECTOR_LABELS_ID: Final[Mapping[Sector, str]] = {
    Sector.FORMAL: "Formal",
    Sector.INFORMAL: "Informal",
}

_SECTOR_WORDS: Final[Mapping[str, Sector]] = {
    _fold(word): sector
    for sector, words in {
        Sector.FORMAL: ("Formal", "Sektor Formal", "Formal Sector"),
        Sector.INFORMAL: (
            "Informal",
            "Sektor Informal",
            "Informal Sector",
            "Non Formal",
            "Nonformal",
            "Sektor Non Formal",
            "Perseorangan",
            "Rumah Tangga",
            "Domestic",
        ),
    }.items()
    for word in words
}


def normalize_sector(text: str) -> Sector:
    """Read the placement sector (formal / informal, Indonesian or English wording)."""
    cleaned = _require_text(text, "sector")
    sector = _SECTOR_WORDS.get(_fold(cleaned))
    if sector is None:
        raise InvalidValue(
            "sector",
            f"Sektor tidak dikenali: {_show(cleaned)} (isi Formal atau Informal)",
            "unrecognised",
        )
    return sector


# --------------------------------------------------------------------------- education

#: Canonical education labels, lowest first. Anything else typed is kept as free text.
EDUCATION_LEVELS: Final[tuple[str, ...]] = (
    "Tidak sekolah",
    "Tidak tamat SD",
    "SD",
    "SMP",
    "SMA/SMK",
    "D1",
    "D2",
    "D3",
    "D4",
    "S1",
    "S2",
    "S3",
)

# Whole-text forms (tokens, "sederajat" dropped) that would be misread if split on "/".
_EDUCATION_WHOLE: Final[Mapping[str, str]] = {
    "TIDAK SEKOLAH": "Tidak sekolah",
    "BELUM SEKOLAH": "Tidak sekolah",
    "TIDAK BERSEKOLAH": "Tidak sekolah",
    "TIDAK BELUM SEKOLAH": "Tidak sekolah",
    "BELUM TIDAK SEKOLAH": "Tidak sekolah",
    "TIDAK PERNAH SEKOLAH": "Tidak sekolah",
    "TIDAK TAMAT SD": "Tidak tamat SD",
    "BELUM TAMAT SD": "Tidak tamat SD",
    "TIDAK LULUS SD": "Tidak tamat SD",
}

_ROMAN: Final[Mapping[str, str]] = {"I": "1", "II": "2", "III": "3", "IV": "4"}

# Leading tokens of one part (e.g. "SMK NEGERI 2 KEBUMEN" starts with SMK) -> level.
_EDUCATION_TOKENS: Final[Mapping[tuple[str, ...], str]] = {
    ("SD",): "SD",
    ("SDN",): "SD",
    ("MI",): "SD",
    ("SR",): "SD",
    ("SEKOLAH", "DASAR"): "SD",
    ("MADRASAH", "IBTIDAIYAH"): "SD",
    ("PAKET", "A"): "SD",
    ("SMP",): "SMP",
    ("SMPN",): "SMP",
    ("SLTP",): "SMP",
    ("MTS",): "SMP",
    ("MTSN",): "SMP",
    ("SEKOLAH", "MENENGAH", "PERTAMA"): "SMP",
    ("MADRASAH", "TSANAWIYAH"): "SMP",
    ("PAKET", "B"): "SMP",
    ("SMA",): "SMA/SMK",
    ("SMAN",): "SMA/SMK",
    ("SMU",): "SMA/SMK",
    ("SMK",): "SMA/SMK",
    ("SMKN",): "SMA/SMK",
    ("SLTA",): "SMA/SMK",
    ("MA",): "SMA/SMK",
    ("MAN",): "SMA/SMK",
    ("MAK",): "SMA/SMK",
    ("STM",): "SMA/SMK",
    ("SMEA",): "SMA/SMK",
    ("SPK",): "SMA/SMK",
    ("SEKOLAH", "MENENGAH", "ATAS"): "SMA/SMK",
    ("SEKOLAH", "MENENGAH", "KEJURUAN"): "SMA/SMK",
    ("MADRASAH", "ALIYAH"): "SMA/SMK",
    ("PAKET", "C"): "SMA/SMK",
    ("AKADEMI",): "D3",
    ("SARJANA", "MUDA"): "D3",
    ("SARJANA",): "S1",
    ("MAGISTER",): "S2",
    ("PASCASARJANA",): "S2",
    ("DOKTOR",): "S3",
}

_EDUCATION_PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"^(?:D|DIPLOMA)\s?([1-4])$"), "D{}"),
    (re.compile(r"^(?:S|STRATA)\s?([1-3])$"), "S{}"),
)

_EDUCATION_FILLERS: Final[frozenset[str]] = frozenset(
    {"TAMAT", "LULUS", "LULUSAN", "SEDERAJAT", "SETINGKAT", "TAMATAN"}
)


def _education_tokens(text: str) -> list[str]:
    """Upper-case word tokens with the "tamat ... sederajat" padding removed."""
    upper = unicodedata.normalize("NFKC", text).upper()
    return [t for t in re.sub(r"[^A-Z0-9]+", " ", upper).split() if t not in _EDUCATION_FILLERS]


def _classify_part(tokens: list[str]) -> str | None:
    # Roman numerals after D/DIPLOMA/S/STRATA: "D III", "DIII", "STRATA I".
    joined = " ".join(tokens)
    match = re.fullmatch(r"(D|DIPLOMA|S|STRATA)\s?(I{1,3}|IV)", joined)
    if match:
        joined = f"{match.group(1)} {_ROMAN[match.group(2)]}"
    for pattern, template in _EDUCATION_PATTERNS:
        m = pattern.match(joined)
        if m:
            return template.format(m.group(1))
    # Leading code followed by a school name ("SMK NEGERI 1 ..."), or a code with a major after it
    # ("S1 KEPERAWATAN", "D3 AKUNTANSI").
    head = re.match(r"^(D|S)\s?([1-4])\b", joined)
    if head and not (head.group(1) == "S" and head.group(2) == "4"):
        return f"{head.group(1)}{head.group(2)}"
    for size in (3, 2, 1):
        level = _EDUCATION_TOKENS.get(tuple(tokens[:size]))
        if level is not None:
            return level
    return None


def normalize_education(text: str) -> str:
    """Canonical education label when the text clearly names one level, else the text itself.

    Registers hold anything from ``"SMK N 1 Kebumen"`` to the KK wording ``"SLTA/SEDERAJAT"``;
    reports need the level, but an unrecognised entry is still the officer's truth, so it is kept
    (spacing tidied) rather than refused. A text naming two different levels (``"DIPLOMA IV/STRATA
    I"``) is kept as typed, since picking one would be a guess. Only empty text raises.
    """
    cleaned = _require_text(text, "education")
    upper = unicodedata.normalize("NFKC", cleaned).upper()
    whole = " ".join(
        t for t in re.sub(r"[^A-Z0-9]+", " ", upper).split() if t not in {"SEDERAJAT", "SETINGKAT"}
    )
    if whole in _EDUCATION_WHOLE:
        return _EDUCATION_WHOLE[whole]
    parts = [_education_tokens(p) for p in re.split(r"/|,|\bATAU\b", upper)]
    levels = {_classify_part(tokens) for tokens in parts if tokens}
    if len(levels) == 1 and None not in levels:
        (level,) = levels
        assert level is not None
        return level
    return cleaned


# --------------------------------------------------------------------------- dates

_EXCEL_EPOCH: Final = _dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL: Final = 2_958_465  # 9999-12-31

_MONTHS: Final[Mapping[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "ags", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}

_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_RE_ISO: Final = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME_SUFFIX)
_RE_DMY: Final = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME_SUFFIX)
_RE_TEXT_MONTH: Final = re.compile(r"(\d{1,2})[ \-/.]*([A-Za-z]+)\.?[ \-/.]*(\d{4})")
_RE_SERIAL: Final = re.compile(r"\d{1,7}(?:\.\d+)?")


def _from_excel_serial(serial: float, field: str, shown: str) -> _dt.date:
    """Excel 1900 date system, including Lotus's phantom 29-02-1900 (serial 60).

    Serials 1..59 count from 1900-01-01; Excel then counts the non-existent 29-02-1900 as 60, so
    from 61 on the epoch is 1899-12-30. Serial 60 has no real date and is refused. A value between
    1900 and 2100 is refused too: it is almost surely a year typed alone, and reading it as a
    day in 1905 would be a silent error.
    """
    label = field_label(field)
    if not math.isfinite(serial) or serial < 1 or serial >= _EXCEL_MAX_SERIAL + 1:
        raise InvalidValue(field, f"{label} tidak valid: {shown}")
    day = int(serial)
    if 1900 <= day <= 2100:
        raise InvalidValue(
            field,
            f"{label} tidak valid: {shown} (hanya tahun? isi tanggal lengkap DD-MM-YYYY)",
            "year_only",
        )
    if day == 60:
        raise InvalidValue(field, f"{label} tidak valid: {shown} (29-02-1900 tidak ada)", "invalid")
    if day < 60:
        return _dt.date(1899, 12, 31) + _dt.timedelta(days=day)
    return _EXCEL_EPOCH + _dt.timedelta(days=day)


def _make_date(year: int, month: int, day: int, field: str, shown: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise InvalidValue(field, f"{field_label(field)} tidak valid: {shown}") from None


def parse_flexible_date(value: object, *, field: str) -> _dt.date:
    """Read a date from a form or a register cell, refusing anything ambiguous.

    Accepted: ``date``/``datetime`` objects; Excel serial numbers (int, float or digit string, 1900
    date system); ``DD-MM-YYYY`` with ``-``, ``/`` or ``.`` (one or two digit day and month);
    ``YYYY-MM-DD`` (optionally followed by a time, as CSV exports write datetimes); and
    ``12 Mei 1990`` style month names (Indonesian or English). Day-first is the Indonesian order;
    ``MM/DD/YYYY`` is never tried, so ``05/12/1990`` is always 5 December. Two-digit years are
    refused: the century would be a guess.
    """
    label = field_label(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidValue(field, f"{label} wajib diisi", "required")
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool):
        raise InvalidValue(field, f"{label} tidak valid: {_show(value)}")
    if isinstance(value, int | float):
        if isinstance(value, int) and abs(value) > _EXCEL_MAX_SERIAL:
            # Checked before float(): a huge integer would overflow instead of being refused.
            raise InvalidValue(field, f"{field_label(field)} tidak valid: {_show(value)}")
        return _from_excel_serial(float(value), field, _show(value))
    if not isinstance(value, str):
        raise InvalidValue(field, f"{label} tidak valid: {_show(value)}")

    text = " ".join(value.split())
    shown = _show(text)
    if _RE_SERIAL.fullmatch(text):
        return _from_excel_serial(float(text), field, shown)
    match = _RE_ISO.fullmatch(text)
    if match:
        year, _, month, day = match.groups()
        return _make_date(int(year), int(month), int(day), field, shown)
    match = _RE_DMY.fullmatch(text)
    if match:
        day, _, month, year = match.groups()
        return _make_date(int(year), int(month), int(day), field, shown)
    match = _RE_TEXT_MONTH.fullmatch(text)
    if match and match.group(2).casefold() in _MONTHS:
        day, month_name, year = match.groups()
        return _make_date(int(year), _MONTHS[month_name.casefold()], int(day), field, shown)
    raise InvalidValue(field, f"{label} tidak valid: {shown} (gunakan format DD-MM-YYYY)")


# --------------------------------------------------------------------------- names

NAME_MAX_LENGTH: Final = 100
NAME_PUNCTUATION: Final = frozenset(" .'-,")
"""Besides letters, all a name may hold: the registry's and immigration's own rule."""
_APOSTROPHES: Final = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u00b4\u0060", "'"))


def parse_name(text: str, *, field: str) -> str:
    """Tidy a person's name: surrounding spaces trimmed, inner runs of spaces collapsed.

    Case is kept as typed (KTP names are upper case, but an officer copying a diploma may type
    mixed case, and changing it is the letter template's business, not the register's). Refused:
    empty, no letter at all, any digit (a digit in a name is nearly always a NIK or phone number
    pasted into the wrong field), control characters, and more than 100 characters.

    The registry and immigration take only letters, spaces and ``. ' - ,`` in a name, so the
    counter takes no more (``< > = " / : | +`` and the like were accepted here and refused days
    later, in English); a typographic apostrophe (``Nur’aini``, Excel's 0x92 in a Windows-1252
    CSV) has one obvious meaning and becomes ``'``.
    """
    label = field_label(field)
    if text is None:
        raise InvalidValue(field, f"{label} wajib diisi", "required")
    if not isinstance(text, str):
        raise InvalidValue(field, f"{label} tidak valid: {_show(text)}")
    cleaned = " ".join(unicodedata.normalize("NFC", text).translate(_APOSTROPHES).split())
    if not cleaned:
        raise InvalidValue(field, f"{label} wajib diisi", "required")
    if len(cleaned) > NAME_MAX_LENGTH:
        raise InvalidValue(
            field,
            f"{label} terlalu panjang: {len(cleaned)} karakter (paling banyak {NAME_MAX_LENGTH})",
            "too_long",
        )
    if any(ch.isdigit() for ch in cleaned):
        raise InvalidValue(field, f"{label} tidak boleh berisi angka: {_show(cleaned)}", "digits")
    if any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise InvalidValue(field, f"{label} berisi karakter yang tidak sah", "control_chars")
    if not any(ch.isalpha() for ch in cleaned):
        raise InvalidValue(field, f"{label} harus berisi huruf: {_show(cleaned)}", "no_letters")
    odd = sorted({ch for ch in cleaned if not (ch.isalpha() or ch in NAME_PUNCTUATION)})
    if odd:
        raise InvalidValue(
            field,
            f"{label} hanya boleh berisi huruf, spasi dan tanda . ' - , "
            f"(tidak boleh: {' '.join(odd)})",
            "characters",
        )
    return cleaned
