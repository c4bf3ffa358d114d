"""Documents a CPMI must bring, and which are still missing for a placement step.

The requirements are a table (:data:`REQUIREMENTS`), one row per document (or "any one of"
group), the step from which it is needed and an optional declarative condition. Offices change
these rules more often than the code around them, and the checklist screen, the transition guard
and the reports all read the same rows.

Reading of the table: a row with ``needed_from_state = S`` must be satisfied for a case to be in
``S`` or any later step of the placement path. So the registration documents are needed for
``documents_complete`` (that status means exactly "registration documents complete"), the medical
certificate, AK/I card and placement agreement for ``recommended``, and passport, visa and BPJS
Ketenagakerjaan before ``departed``. ``cancelled`` needs nothing.

Pure module: standard library and other ``ltsa_desk.domain`` modules only.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from ltsa_desk.domain.values import MaritalStatus, normalize_marital_status
from ltsa_desk.domain.workflow import CaseState, step_index

__all__ = [
    "CONDITION_FACTS",
    "DOCUMENT_KIND_LABELS_EN",
    "DOCUMENT_KIND_LABELS_ID",
    "DOCUMENT_STATUS_LABELS_EN",
    "DOCUMENT_STATUS_LABELS_ID",
    "REQUIREMENTS",
    "Condition",
    "DocumentKind",
    "DocumentStatus",
    "MissingDocument",
    "MissingReason",
    "Requirement",
    "applies",
    "is_complete",
    "kinds_of",
    "missing_documents",
    "months_before",
    "required_documents",
]


class DocumentKind(StrEnum):
    """Kinds of document kept for a CPMI; values are stored in the database."""

    KTP = "ktp"
    KK = "kk"
    AKTA_LAHIR = "akta_lahir"
    IJAZAH = "ijazah"
    FAMILY_PERMISSION = "family_permission"
    BUKU_NIKAH = "buku_nikah"
    AKTA_CERAI = "akta_cerai"
    MEDICAL_CERTIFICATE = "medical_certificate"
    AK1_CARD = "ak1_card"
    PLACEMENT_AGREEMENT = "placement_agreement"
    PASSPORT = "passport"
    VISA = "visa"
    BPJS_TK = "bpjs_tk"


DOCUMENT_KIND_LABELS_ID: Final[Mapping[DocumentKind, str]] = {
    DocumentKind.KTP: "KTP",
    DocumentKind.KK: "Kartu Keluarga",
    DocumentKind.AKTA_LAHIR: "Akta kelahiran",
    DocumentKind.IJAZAH: "Ijazah",
    DocumentKind.FAMILY_PERMISSION: "Surat izin keluarga/wali",
    DocumentKind.BUKU_NIKAH: "Buku nikah",
    DocumentKind.AKTA_CERAI: "Akta cerai",
    DocumentKind.MEDICAL_CERTIFICATE: "Surat keterangan sehat",
    DocumentKind.AK1_CARD: "Kartu AK/I",
    DocumentKind.PLACEMENT_AGREEMENT: "Perjanjian penempatan",
    DocumentKind.PASSPORT: "Paspor",
    DocumentKind.VISA: "Visa kerja",
    DocumentKind.BPJS_TK: "BPJS Ketenagakerjaan (JKK+JKM)",
}

DOCUMENT_KIND_LABELS_EN: Final[Mapping[DocumentKind, str]] = {
    DocumentKind.KTP: "Identity card (KTP)",
    DocumentKind.KK: "Family card (KK)",
    DocumentKind.AKTA_LAHIR: "Birth certificate",
    DocumentKind.IJAZAH: "School certificate",
    DocumentKind.FAMILY_PERMISSION: "Family/guardian permission",
    DocumentKind.BUKU_NIKAH: "Marriage book",
    DocumentKind.AKTA_CERAI: "Divorce certificate",
    DocumentKind.MEDICAL_CERTIFICATE: "Medical certificate",
    DocumentKind.AK1_CARD: "AK/I card",
    DocumentKind.PLACEMENT_AGREEMENT: "Placement agreement",
    DocumentKind.PASSPORT: "Passport",
    DocumentKind.VISA: "Work visa",
    DocumentKind.BPJS_TK: "BPJS Ketenagakerjaan (JKK+JKM)",
}


class DocumentStatus(StrEnum):
    """Where one document stands at the counter."""

    MISSING = "missing"
    RECEIVED = "received"
    VERIFIED = "verified"
    REJECTED = "rejected"


DOCUMENT_STATUS_LABELS_ID: Final[Mapping[DocumentStatus, str]] = {
    DocumentStatus.MISSING: "Belum ada",
    DocumentStatus.RECEIVED: "Diterima",
    DocumentStatus.VERIFIED: "Terverifikasi",
    DocumentStatus.REJECTED: "Ditolak",
}

DOCUMENT_STATUS_LABELS_EN: Final[Mapping[DocumentStatus, str]] = {
    DocumentStatus.MISSING: "Missing",
    DocumentStatus.RECEIVED: "Received",
    DocumentStatus.VERIFIED: "Verified",
    DocumentStatus.REJECTED: "Rejected",
}

#: A declarative condition: ``(fact, value)``, true when the case's fact equals the value, e.g.
#: ``("marital_status", "married")``. Facts known to the evaluator are in :data:`CONDITION_FACTS`.
Condition = tuple[str, str]

CONDITION_FACTS: Final[frozenset[str]] = frozenset({"marital_status"})


@dataclass(frozen=True, slots=True)
class Requirement:
    """One row of the requirements table.

    ``kinds`` holds one document, or several when any one of them is enough (akta kelahiran or
    ijazah). ``max_age_months`` limits how old the document may be, counted from its issue date.
    """

    kinds: tuple[DocumentKind, ...]
    needed_from_state: CaseState
    condition: Condition | None = None
    max_age_months: int | None = None

    @property
    def is_group(self) -> bool:
        """True when any one of several documents satisfies the row."""
        return len(self.kinds) > 1

    @property
    def label_id(self) -> str:
        """Indonesian label for the checklist, e.g. ``"Akta kelahiran atau Ijazah"``."""
        return " atau ".join(DOCUMENT_KIND_LABELS_ID[k] for k in self.kinds)


_REG = CaseState.DOCUMENTS_COMPLETE
_REC = CaseState.RECOMMENDED
_DEP = CaseState.DEPARTED

#: What each placement step needs. Edit this table, not the functions below.
REQUIREMENTS: Final[tuple[Requirement, ...]] = (
    Requirement((DocumentKind.KTP,), _REG),
    Requirement((DocumentKind.KK,), _REG),
    Requirement((DocumentKind.AKTA_LAHIR, DocumentKind.IJAZAH), _REG),
    Requirement((DocumentKind.FAMILY_PERMISSION,), _REG),
    Requirement((DocumentKind.BUKU_NIKAH,), _REG, ("marital_status", MaritalStatus.MARRIED)),
    Requirement((DocumentKind.AKTA_CERAI,), _REG, ("marital_status", MaritalStatus.DIVORCED)),
    Requirement((DocumentKind.MEDICAL_CERTIFICATE,), _REC, max_age_months=3),
    Requirement((DocumentKind.AK1_CARD,), _REC),
    Requirement((DocumentKind.PLACEMENT_AGREEMENT,), _REC),
    Requirement((DocumentKind.PASSPORT,), _DEP),
    Requirement((DocumentKind.VISA,), _DEP),
    Requirement((DocumentKind.BPJS_TK,), _DEP),
)


class MissingReason(StrEnum):
    """Why a requirement is not satisfied (the checklist shows each differently)."""

    MISSING = "missing"
    REJECTED = "rejected"
    NOT_VERIFIED = "not_verified"
    UNDATED = "undated"
    TOO_OLD = "too_old"
    EXPIRED = "expired"


# For an "any of" group, report the member closest to satisfying the row.
_REASON_RANK: Final[Mapping[MissingReason, int]] = {
    MissingReason.TOO_OLD: 0,
    MissingReason.EXPIRED: 0,
    MissingReason.UNDATED: 1,
    MissingReason.NOT_VERIFIED: 2,
    MissingReason.REJECTED: 3,
    MissingReason.MISSING: 4,
}


@dataclass(frozen=True, slots=True)
class MissingDocument:
    """An unsatisfied requirement, with the reason and the Indonesian sentence for the officer."""

    requirement: Requirement
    reason: MissingReason
    message: str


def _coerce_marital(marital_status: MaritalStatus | str | None) -> MaritalStatus | None:
    if marital_status is None or isinstance(marital_status, MaritalStatus):
        return marital_status
    return normalize_marital_status(marital_status)


def applies(requirement: Requirement, marital_status: MaritalStatus | str | None) -> bool:
    """True when the row's condition holds for the case.

    An unknown marital status (``None``) satisfies no marital condition: the intake form requires
    the status, so ``None`` only occurs for incomplete imported rows, where asking for a buku nikah
    that may not exist would be wrong.
    """
    if requirement.condition is None:
        return True
    fact, value = requirement.condition
    facts: dict[str, str | None] = {"marital_status": _coerce_marital(marital_status)}
    if fact not in facts:
        raise ValueError(f"unknown condition fact {fact!r}")
    return facts[fact] == value


def _is_needed_for(requirement: Requirement, state: CaseState) -> bool:
    target = step_index(state)
    if target is None:  # cancelled needs nothing
        return False
    needed = step_index(requirement.needed_from_state)
    assert needed is not None
    return needed <= target


def required_documents(
    state: CaseState | str, marital_status: MaritalStatus | str | None
) -> list[Requirement]:
    """Rows that must be satisfied for a case to be in ``state`` (in table order).

    Cumulative: ``required_documents(RECOMMENDED, ...)`` includes the registration documents.
    """
    state = CaseState(state)
    marital = _coerce_marital(marital_status)
    return [r for r in REQUIREMENTS if _is_needed_for(r, state) and applies(r, marital)]


def months_before(day: _dt.date, months: int) -> _dt.date:
    """The same calendar day ``months`` earlier, clamped to the month's end (31 May - 3 = 28 Feb).

    "No older than three months" is meant in calendar months, as officers count it.
    """
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fmt(day: _dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _check_kind(
    kind: DocumentKind,
    requirement: Requirement,
    statuses: Mapping[DocumentKind, DocumentStatus],
    *,
    today: _dt.date,
    issued_on: Mapping[DocumentKind, _dt.date],
    valid_until: Mapping[DocumentKind, _dt.date],
    require_verified: bool,
    check_age: bool,
) -> tuple[MissingReason, str] | None:
    label = DOCUMENT_KIND_LABELS_ID[kind]
    status = statuses.get(kind, DocumentStatus.MISSING)
    if status is DocumentStatus.MISSING:
        return MissingReason.MISSING, f"{label} belum ada"
    if status is DocumentStatus.REJECTED:
        return MissingReason.REJECTED, f"{label} ditolak"
    if require_verified and status is not DocumentStatus.VERIFIED:
        return MissingReason.NOT_VERIFIED, f"{label} belum terverifikasi"
    until = valid_until.get(kind)
    if until is not None and until < today:
        return MissingReason.EXPIRED, f"{label} sudah tidak berlaku (berlaku sampai {_fmt(until)})"
    if requirement.max_age_months is not None and check_age:
        issued = issued_on.get(kind)
        if issued is None:
            return MissingReason.UNDATED, f"Tanggal terbit {label} belum diisi"
        if issued > today:
            return MissingReason.UNDATED, (
                f"Tanggal terbit {label} di masa depan ({_fmt(issued)}); periksa kembali"
            )
        cutoff = months_before(today, requirement.max_age_months)
        if issued < cutoff:
            return MissingReason.TOO_OLD, (
                f"{label} sudah lebih dari {requirement.max_age_months} bulan "
                f"(terbit {_fmt(issued)}; paling lama {_fmt(cutoff)})"
            )
    return None


def _coerce_statuses(
    statuses: Mapping[DocumentKind, DocumentStatus] | Mapping[str, str],
) -> dict[DocumentKind, DocumentStatus]:
    return {DocumentKind(k): DocumentStatus(v) for k, v in statuses.items()}


def _coerce_dates(dates: Mapping[DocumentKind, _dt.date] | None) -> dict[DocumentKind, _dt.date]:
    return {DocumentKind(k): v for k, v in (dates or {}).items()}


def missing_documents(
    state: CaseState | str,
    marital_status: MaritalStatus | str | None,
    statuses: Mapping[DocumentKind, DocumentStatus] | Mapping[str, str],
    *,
    today: _dt.date,
    issued_on: Mapping[DocumentKind, _dt.date] | None = None,
    valid_until: Mapping[DocumentKind, _dt.date] | None = None,
    require_verified: bool = False,
    current_state: CaseState | str | None = None,
) -> list[MissingDocument]:
    """Requirements for being in ``state`` that the documents on file do not satisfy.

    ``statuses`` maps each document kind to its status (absent = missing); store values (strings)
    are accepted. A document counts when received or verified (only verified with
    ``require_verified``), it is not past its ``valid_until`` date, and, for rows with an age limit
    (the medical certificate), its ``issued_on`` date is within the limit counted back from
    ``today``.

    ``current_state`` is where the case stands now: the age limit of a step the case has already
    passed is not checked again (a medical certificate that was fresh at recommendation does not
    block recording the departure months later). Without it, every limit is checked.

    An empty list means the documents are complete for ``state``.
    """
    state = CaseState(state)
    current = CaseState(current_state) if current_state is not None else None
    current_index = step_index(current) if current is not None else None
    on_file = _coerce_statuses(statuses)
    issued = _coerce_dates(issued_on)
    until = _coerce_dates(valid_until)

    result: list[MissingDocument] = []
    for requirement in required_documents(state, marital_status):
        needed_index = step_index(requirement.needed_from_state)
        assert needed_index is not None
        check_age = current_index is None or current_index < needed_index
        problems: list[tuple[MissingReason, str, DocumentKind]] = []
        for kind in requirement.kinds:
            problem = _check_kind(
                kind,
                requirement,
                on_file,
                today=today,
                issued_on=issued,
                valid_until=until,
                require_verified=require_verified,
                check_age=check_age,
            )
            if problem is None:
                break
            problems.append((*problem, kind))
        else:
            reason, message, worst = min(problems, key=lambda p: _REASON_RANK[p[0]])
            if requirement.is_group:
                if reason is MissingReason.MISSING:
                    message = f"{requirement.label_id} belum ada"
                else:
                    others = " atau ".join(
                        DOCUMENT_KIND_LABELS_ID[k] for k in requirement.kinds if k != worst
                    )
                    message = f"{message} (atau serahkan {others})"
            result.append(MissingDocument(requirement, reason, message))
    return result


def is_complete(
    state: CaseState | str,
    marital_status: MaritalStatus | str | None,
    statuses: Mapping[DocumentKind, DocumentStatus] | Mapping[str, str],
    *,
    today: _dt.date,
    issued_on: Mapping[DocumentKind, _dt.date] | None = None,
    valid_until: Mapping[DocumentKind, _dt.date] | None = None,
    require_verified: bool = False,
    current_state: CaseState | str | None = None,
) -> bool:
    """True when nothing is missing for ``state`` (see :func:`missing_documents`)."""
    return not missing_documents(
        state,
        marital_status,
        statuses,
        today=today,
        issued_on=issued_on,
        valid_until=valid_until,
        require_verified=require_verified,
        current_state=current_state,
    )


def kinds_of(requirements: Iterable[Requirement]) -> list[DocumentKind]:
    """Every document kind named by ``requirements``, in order, without repeats (for checklists)."""
    seen: dict[DocumentKind, None] = {}
    for requirement in requirements:
        for kind in requirement.kinds:
            seen.setdefault(kind, None)
    return list(seen)
