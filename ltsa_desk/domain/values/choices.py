"""Values that are one of a short list: sex, marital status and sector.

Each reads the many spellings seen in registers and on forms (KTP letters, English, Indonesian,
abbreviations) and returns one enum member; a spelling that could mean two members is refused.
Pure module: standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from ltsa_desk.domain.values.invalid_value import (
    InvalidValue,
    as_shown,
    fold_for_matching,
    require_text,
)

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
    fold_for_matching(word): sex
    for sex, words in {
        Sex.MALE: ("L", "M", "Laki-laki", "Laki laki", "Lelaki", "Male", "Man", "Pria", "Lk"),
        Sex.FEMALE: ("P", "F", "Perempuan", "Female", "Woman", "Wanita", "Pr", "Pr."),
    }.items()
    for word in words
}


def normalize_sex(text: str) -> Sex:
    """Read sex from the many spellings seen in registers (L/P, M/F, Laki-laki, Pria, Female...)."""
    cleaned = require_text(text, "sex")
    sex = _SEX_WORDS.get(fold_for_matching(cleaned))
    if sex is None:
        raise InvalidValue(
            "sex",
            f"Jenis kelamin tidak dikenali: {as_shown(cleaned)} (isi L atau P)",
            "unrecognised",
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
    fold_for_matching(word): status
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
    cleaned = require_text(text, "marital_status")
    status = _MARITAL_WORDS.get(fold_for_matching(cleaned))
    if status is None:
        raise InvalidValue(
            "marital_status",
            f"Status perkawinan tidak dikenali: {as_shown(cleaned)} "
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
    fold_for_matching(word): sector
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
    cleaned = require_text(text, "sector")
    sector = _SECTOR_WORDS.get(fold_for_matching(cleaned))
    if sector is None:
        raise InvalidValue(
            "sector",
            f"Sektor tidak dikenali: {as_shown(cleaned)} (isi Formal atau Informal)",
            "unrecognised",
        )
    return sector
