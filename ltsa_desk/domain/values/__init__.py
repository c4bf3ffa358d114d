"""Normalisers for the values an officer types or an old register spreadsheet holds.

Every normaliser either returns one canonical value or raises :class:`InvalidValue` carrying the
field key (so the UI can put the message under the right field and the importer can write it to the
rejects file) and an Indonesian message that names the field, because the officer must be able to
fix the input without asking anyone. Nothing here guesses where a wrong guess would be silent: an
ambiguous date order or a bare year is refused rather than read one way.

One module per kind of value: ``invalid_value`` (the error and the field labels), ``choices`` (sex,
marital status, sector), ``education``, ``dates`` and ``names``. Pure package: standard library
only.
"""

from __future__ import annotations

from ltsa_desk.domain.values.choices import (
    MARITAL_STATUS_LABELS_ID,
    SECTOR_LABELS_ID,
    SEX_LABELS_ID,
    MaritalStatus,
    Sector,
    Sex,
    normalize_marital_status,
    normalize_sector,
    normalize_sex,
)
from ltsa_desk.domain.values.dates import parse_flexible_date
from ltsa_desk.domain.values.education import EDUCATION_LEVELS, normalize_education
from ltsa_desk.domain.values.invalid_value import FIELD_LABELS_ID, InvalidValue, field_label
from ltsa_desk.domain.values.names import NAME_MAX_LENGTH, NAME_PUNCTUATION, parse_name

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
