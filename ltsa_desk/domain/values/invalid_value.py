"""The error every normaliser raises, the field labels it speaks in, and their shared helpers.

A message always names the field the officer sees on screen, never the internal key, so the labels
live beside the error. Pure module: standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final

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


def as_shown(value: object) -> str:
    """The offending value as the officer typed it, shortened so a message stays one line."""
    text = str(value).strip()
    if len(text) > 40:
        text = text[:37] + "..."
    return text


def fold_for_matching(text: str) -> str:
    """Key for lenient matching: accents dropped, casefolded, punctuation and spacing removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]", "", stripped.casefold())


def require_text(value: object, field: str) -> str:
    if value is None:
        raise InvalidValue(field, f"{field_label(field)} wajib diisi", "required")
    if not isinstance(value, str):
        raise InvalidValue(field, f"{field_label(field)} tidak valid: {as_shown(value)}")
    text = " ".join(value.split())
    if not text:
        raise InvalidValue(field, f"{field_label(field)} wajib diisi", "required")
    return text
