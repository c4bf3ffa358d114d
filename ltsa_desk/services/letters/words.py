"""The words and formats of the office's letters: kinds, titles, labels and Indonesian dates.

Kept apart from the issuing rules so the printer, the reports and the window can name a letter,
a submission or a date the same way without pulling in the database code that issues letters.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final

from ltsa_desk.services.submissions import IMMIGRATION, REGISTRY
from sync.destinations import PASSPORT_APPLICATION, REGISTER, UPDATE
from sync.models import ItemState


class LetterKind(StrEnum):
    """Kinds of letter the office issues; values are stored in ``letter.kind``."""

    SPR = "spr"
    PASSPORT_RECOMMENDATION = "passport_recommendation"


LETTER_TITLES_ID: Final[Mapping[LetterKind, str]] = {
    LetterKind.SPR: "Surat Pengantar Rekrut (SPR)",
    LetterKind.PASSPORT_RECOMMENDATION: "Surat Rekomendasi Paspor",
}

#: Short codes for the ``{kind}`` placeholder of the number pattern.
LETTER_KIND_CODES: Final[Mapping[LetterKind, str]] = {
    LetterKind.SPR: "SPR",
    LetterKind.PASSPORT_RECOMMENDATION: "REK",
}

MONTHS_ID: Final[tuple[str, ...]] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ROMAN: Final[tuple[str, ...]] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"
)  # fmt: skip

DESTINATION_LABELS_ID: Final[Mapping[str, str]] = {
    REGISTRY: "Registri pusat",
    IMMIGRATION: "Imigrasi",
}
SUBMISSION_KIND_LABELS_ID: Final[Mapping[str, str]] = {
    REGISTER: "Pendaftaran CPMI",
    UPDATE: "Perbaikan data CPMI",
    PASSPORT_APPLICATION: "Permohonan paspor",
}
ITEM_STATE_LABELS_ID: Final[Mapping[str, str]] = {
    ItemState.PENDING.value: "Menunggu",
    ItemState.IN_FLIGHT.value: "Sedang dikirim",
    ItemState.DELIVERED.value: "Terkirim",
    ItemState.NEEDS_ATTENTION.value: "Perlu tindakan",
    ItemState.PAUSED.value: "Ditunda - hubungi teknisi",
    ItemState.SUPERSEDED.value: "Diganti",
    ItemState.WITHDRAWN.value: "Ditarik",
}
# Still on its way: what the receipt lists as waiting and what makes a hand-carry useful.
WAITING_STATES: Final[frozenset[str]] = frozenset(
    {
        ItemState.PENDING.value,
        ItemState.IN_FLIGHT.value,
        ItemState.NEEDS_ATTENTION.value,
        ItemState.PAUSED.value,
    }
)


class LetterRefused(ValueError):
    """A letter action the rules refuse; ``message`` is Indonesian (the CLI and the audit show it).

    ``code``: ``wrong_state``, ``missing_data``, ``already_issued``, ``not_found``, ``revoked``,
    ``numbers``. ``detail`` holds the facts of the sentence under stable keys, so a window in
    another language can say the same thing in its own words: ``state`` (a ``CaseState`` value)
    for ``wrong_state``, ``field`` (``agency`` or ``destination_country``) for
    ``missing_data``, ``number`` for ``already_issued``.
    """

    def __init__(self, code: str, message: str, detail: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail: dict[str, str] = dict(detail or {})


# --------------------------------------------------------------------------------------------
# formatting (Indonesian conventions, used by the printed documents too)
# --------------------------------------------------------------------------------------------


def format_date_id(day: date | None) -> str:
    """``12 Mei 2026``: how dates are written on Indonesian letters (no leading zero)."""
    if day is None:
        return "-"
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def format_datetime_id(moment: datetime | None) -> str:
    """``12 Mei 2026 14.05`` in the counter's local time (Indonesian writes hours with a dot)."""
    if moment is None:
        return "-"
    local = moment.astimezone()
    return f"{format_date_id(local.date())} {local:%H.%M}"


def roman_month(month: int) -> str:
    """Roman month (``V`` for May), the usual month field of Indonesian letter numbers."""
    return _ROMAN[month - 1]


def format_nip(nip: str) -> str:
    """``19750512 200003 1 002``: an 18-digit NIP as printed under a signature."""
    digits = "".join(nip.split())
    if len(digits) != 18 or not digits.isdigit():
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def mask_nik(nik: str) -> str:
    """``520301******0001``: enough for the CPMI to recognise, little use to whoever finds it."""
    if len(nik) != 16:
        return nik
    return f"{nik[:6]}{'*' * 6}{nik[12:]}"


def letter_title(kind: str) -> str:
    """The Indonesian title of a stored letter kind (the kind itself when it is unknown)."""
    try:
        return LETTER_TITLES_ID[LetterKind(kind)]
    except ValueError:
        return kind


def label_of(labels: Mapping[Any, str], enum: type[StrEnum], value: str | None) -> str:
    """The Indonesian label of a stored enum value (the value itself when it is unknown)."""
    if not value:
        return ""
    try:
        return labels[enum(value)]
    except (ValueError, KeyError):
        return value
