"""Domain words as the window shows them, in the window's language (UX.md's word table).

The domain keeps its labels in Indonesian (they also go into letters, reports and the audit log,
which stay Indonesian). The window shows the same things in the officer's chosen language: where
the domain already has English labels (case states, documents) those are used; the rest are
marked here for Qt's translation, with the domain's Indonesian words as their source text, so the
two can never drift apart (a test compares them). Safe to call from worker threads: Qt's
translation lookup is thread-safe, and the language is set once, before any window exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ltsa_desk.domain.countries import country_name_en, country_name_id
from ltsa_desk.domain.documents import (
    DOCUMENT_KIND_LABELS_EN,
    DOCUMENT_KIND_LABELS_ID,
    DOCUMENT_STATUS_LABELS_EN,
    DOCUMENT_STATUS_LABELS_ID,
)
from ltsa_desk.domain.values import MaritalStatus, Sector, Sex
from ltsa_desk.domain.workflow import STATE_LABELS_EN, STATE_LABELS_ID
from ltsa_desk.services.accounts import Role

CONTEXT = "Words"

_language = "id"


def set_language(language: str) -> None:
    """Called by `i18n.install_translator` when the window's language is chosen."""
    global _language
    _language = language


def language() -> str:
    return _language


SEX_WORDS: Mapping[Sex, str] = {
    Sex.MALE: QT_TRANSLATE_NOOP("Words", "Laki-laki"),
    Sex.FEMALE: QT_TRANSLATE_NOOP("Words", "Perempuan"),
}
MARITAL_STATUS_WORDS: Mapping[MaritalStatus, str] = {
    MaritalStatus.SINGLE: QT_TRANSLATE_NOOP("Words", "Belum kawin"),
    MaritalStatus.MARRIED: QT_TRANSLATE_NOOP("Words", "Kawin"),
    MaritalStatus.DIVORCED: QT_TRANSLATE_NOOP("Words", "Cerai hidup"),
    MaritalStatus.WIDOWED: QT_TRANSLATE_NOOP("Words", "Cerai mati"),
}
SECTOR_WORDS: Mapping[Sector, str] = {
    Sector.FORMAL: QT_TRANSLATE_NOOP("Words", "Formal"),
    Sector.INFORMAL: QT_TRANSLATE_NOOP("Words", "Informal"),
}
ROLE_WORDS: Mapping[Role, str] = {
    Role.OFFICER: QT_TRANSLATE_NOOP("Words", "Petugas"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Words", "Admin"),
    Role.TECHNICIAN: QT_TRANSLATE_NOOP("Words", "Teknisi"),
}


# A submission's state, as the receipt and the applicant's header say it (services.letters).
ITEM_STATE_WORDS: Mapping[str, str] = {
    "pending": QT_TRANSLATE_NOOP("Words", "Menunggu"),
    "in_flight": QT_TRANSLATE_NOOP("Words", "Sedang dikirim"),
    "delivered": QT_TRANSLATE_NOOP("Words", "Terkirim"),
    "needs_attention": QT_TRANSLATE_NOOP("Words", "Perlu tindakan"),
    "paused": QT_TRANSLATE_NOOP("Words", "Ditunda - hubungi teknisi"),
    "superseded": QT_TRANSLATE_NOOP("Words", "Diganti"),
    "withdrawn": QT_TRANSLATE_NOOP("Words", "Ditarik"),
}


def _translated(words: Mapping[str, str], value: str) -> str:
    source = words.get(value)
    return value if source is None else QCoreApplication.translate(CONTEXT, source)


def _pick(indonesian: Mapping[str, str], english: Mapping[str, str], value: str) -> str:
    labels = english if _language == "en" else indonesian
    try:
        return labels[value]
    except KeyError:
        return value


def sex_label(value: str) -> str:
    return _translated(SEX_WORDS, value)  # type: ignore[arg-type]


def marital_status_label(value: str) -> str:
    return _translated(MARITAL_STATUS_WORDS, value)  # type: ignore[arg-type]


def sector_label(value: str) -> str:
    return _translated(SECTOR_WORDS, value)  # type: ignore[arg-type]


def role_label(value: str) -> str:
    return _translated(ROLE_WORDS, value)  # type: ignore[arg-type]


def item_state_label(value: str) -> str:
    return _translated(ITEM_STATE_WORDS, value)


def state_label(value: str) -> str:
    """A case state ("registered") as the officer reads it; an unknown value as it is."""
    return _pick(STATE_LABELS_ID, STATE_LABELS_EN, value)  # type: ignore[arg-type]


def document_label(kind: str) -> str:
    return _pick(DOCUMENT_KIND_LABELS_ID, DOCUMENT_KIND_LABELS_EN, kind)  # type: ignore[arg-type]


def document_group_label(kinds: tuple[str, ...] | list[str]) -> str:
    """An "any one of" group of documents ("Akta kelahiran atau Ijazah")."""
    separator = " {} ".format(QCoreApplication.translate("Words", "atau"))
    return separator.join(document_label(kind) for kind in kinds)


def document_status_label(status: str) -> str:
    return _pick(
        DOCUMENT_STATUS_LABELS_ID,  # type: ignore[arg-type]
        DOCUMENT_STATUS_LABELS_EN,  # type: ignore[arg-type]
        status,
    )


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def datetime_label(moment: datetime | None) -> str:
    """A moment in the counter's local time, written as the window's language writes it:
    ``15 Desember 2026 14.05`` (as on the letters) or ``15 December 2026 14:05`` (issue 18: the
    English window said "since 7 Desember 2026 02.50")."""
    if moment is None:
        return "-"
    if _language != "en":
        from ltsa_desk.services.letters import format_datetime_id

        return format_datetime_id(moment)
    local = moment.astimezone()
    return f"{local.day} {_MONTHS_EN[local.month - 1]} {local.year} {local:%H:%M}"


def country_label(code: str | None) -> str:
    """A destination country's name (Indonesian or English); an unknown code as it is."""
    if not code:
        return ""
    try:
        return country_name_en(code) if _language == "en" else country_name_id(code)
    except (KeyError, LookupError, ValueError):
        return code


__all__ = [
    "country_label",
    "datetime_label",
    "document_group_label",
    "document_label",
    "document_status_label",
    "item_state_label",
    "language",
    "marital_status_label",
    "role_label",
    "sector_label",
    "set_language",
    "sex_label",
    "state_label",
]
