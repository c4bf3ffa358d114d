"""The plain data a letter is made of: the office's letterhead, the CPMI in words, the letter.

Screens and the printer get these frozen values, never ORM rows bound to a closed session, so a
letter can be printed on any thread; reading a letter back (for display or a reprint) lives here
too, since it builds the same values.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from ltsa_desk.counter.config import DEFAULT_LETTER_PATTERN
from ltsa_desk.domain.countries import country_name_id
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.domain.values import (
    MARITAL_STATUS_LABELS_ID,
    SECTOR_LABELS_ID,
    SEX_LABELS_ID,
    MaritalStatus,
    Sector,
    Sex,
)
from ltsa_desk.domain.workflow import STATE_LABELS_ID, CaseState
from ltsa_desk.services.applicants import agency_name
from ltsa_desk.services.documents import ApplicantRef, get_applicant, local_date
from ltsa_desk.services.letters.words import (
    LetterRefused,
    format_date_id,
    format_nip,
    label_of,
    letter_title,
    mask_nik,
)
from ltsa_desk.store.models import Applicant, AuditLog, Letter


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    """The letterhead and signature settings of the office, read from the configuration.

    A plain value so the services stay free of the configuration file and the printer can run on
    any thread. Empty settings fall back to words derived from the office code, so an office
    that has not filled them in still prints a sensible letter.
    """

    office_code: str
    counter_id: str
    name: str = ""
    address: str = ""
    city: str = ""
    logo: str = ""
    head_name: str = ""
    head_title: str = ""
    head_nip: str = ""
    number_pattern: str = DEFAULT_LETTER_PATTERN
    immigration_office: str = ""
    require_verified: bool = True

    @classmethod
    def from_config(cls, config: Any) -> OfficeSettings:
        """Build from a :class:`ltsa_desk.counter.config.Config` (the workspace's)."""

        def text(key: str) -> str:
            return str(config.get(key) or "")

        return cls(
            office_code=text("office.code"),
            counter_id=text("counter.id"),
            name=text("office.name"),
            address=text("office.address"),
            city=text("office.city"),
            logo=text("office.logo"),
            head_name=text("office.head_name"),
            head_title=text("office.head_title"),
            head_nip=text("office.head_nip"),
            number_pattern=text("letters.number_pattern") or DEFAULT_LETTER_PATTERN,
            immigration_office=text("letters.immigration_office"),
            require_verified=bool(config.get("documents.require_verified")),
        )

    @property
    def regency_name(self) -> str:
        """``Kabupaten Lombok Timur`` from the office code (empty when unknown)."""
        try:
            return default_regions().regency(self.office_code) or ""
        except (OSError, ValueError):
            return ""

    @property
    def government_line(self) -> str:
        """``PEMERINTAH KABUPATEN LOMBOK TIMUR``: the first line of every kop surat."""
        regency = self.regency_name
        return f"PEMERINTAH {regency.upper()}" if regency else ""

    @property
    def display_name(self) -> str:
        return self.name or f"LTSA P2MI {self.regency_name}".strip()

    @property
    def place(self) -> str:
        """Where letters are signed: the configured city, else the regency's own name."""
        if self.city:
            return self.city
        regency = self.regency_name
        for prefix in ("Kabupaten ", "Kota "):
            if regency.startswith(prefix):
                return regency[len(prefix) :]
        return regency

    @property
    def signatory_title(self) -> str:
        return self.head_title or f"Kepala {self.display_name}"

    @property
    def immigration_addressee(self) -> str:
        """Who the passport recommendation is addressed to."""
        return self.immigration_office or "Kepala Kantor Imigrasi"

    @property
    def nip_display(self) -> str:
        return format_nip(self.head_nip) if self.head_nip else ""


@dataclass(frozen=True, slots=True)
class ApplicantSummary:
    """What letters, receipts and the hand-carry print about a CPMI, already in words."""

    id: str
    tracking_code: str
    full_name: str
    nik: str
    birth_place: str
    birth_date: date
    sex: str
    sex_label: str
    address: str
    phone: str
    education: str
    marital_status_label: str
    destination_country: str
    destination_country_name: str
    job_title: str
    sector_label: str
    agency: str
    planned_departure: date | None
    state: str
    state_label: str
    registry_id: str | None
    passport_application_no: str | None
    office_code: str

    @property
    def nik_masked(self) -> str:
        return mask_nik(self.nik)

    @property
    def birth_line(self) -> str:
        """``Selong, 12 Mei 1990`` (tempat, tanggal lahir)."""
        place = self.birth_place or "-"
        return f"{place}, {format_date_id(self.birth_date)}"


def summarize(session: Session, applicant: Applicant) -> ApplicantSummary:
    """The applicant as plain, printable data."""
    country = applicant.destination_country or ""
    try:
        country_name = country_name_id(country) if country else ""
    except (KeyError, LookupError, ValueError):
        country_name = country
    return ApplicantSummary(
        id=str(applicant.id),
        tracking_code=applicant.tracking_code,
        full_name=applicant.full_name,
        nik=applicant.nik,
        birth_place=applicant.birth_place or "",
        birth_date=applicant.birth_date,
        sex=applicant.sex,
        sex_label=label_of(SEX_LABELS_ID, Sex, applicant.sex),
        address=applicant.address or "",
        phone=applicant.phone or "",
        education=applicant.education or "",
        marital_status_label=label_of(
            MARITAL_STATUS_LABELS_ID, MaritalStatus, applicant.marital_status
        ),
        destination_country=country,
        destination_country_name=country_name,
        job_title=applicant.job_title or "",
        sector_label=label_of(SECTOR_LABELS_ID, Sector, applicant.sector),
        agency=agency_name(session, applicant) or "",
        planned_departure=applicant.planned_departure,
        state=applicant.state,
        state_label=STATE_LABELS_ID.get(CaseState(applicant.state), applicant.state),
        registry_id=applicant.registry_id,
        passport_application_no=applicant.passport_application_no,
        office_code=applicant.office_code,
    )


@dataclass(frozen=True, slots=True)
class LetterSummary:
    """One issued letter, for the applicant page's list of letters."""

    id: str
    kind: str
    title: str
    number: str
    issued_on: date
    issued_at: datetime
    issued_by: str
    revoked: bool
    void_reason: str | None = None
    copies: int = 0


@dataclass(frozen=True, slots=True)
class LetterData:
    """Everything needed to print one letter; ``copy`` is set for a reprint (SALINAN)."""

    letter: LetterSummary
    applicant: ApplicantSummary
    office: OfficeSettings
    copy: bool = False

    @property
    def kind(self) -> str:
        return self.letter.kind

    @property
    def number(self) -> str:
        return self.letter.number

    @property
    def title(self) -> str:
        return self.letter.title

    @property
    def issued_on(self) -> date:
        return self.letter.issued_on


def with_copy(data: LetterData, copy: bool = True) -> LetterData:
    """The same letter data marked (or not) as a copy."""
    return replace(data, copy=copy)


# --------------------------------------------------------------------------------------------
# reading letters back
# --------------------------------------------------------------------------------------------


def _letter_uuid(letter_id: uuid.UUID | str) -> uuid.UUID:
    if isinstance(letter_id, uuid.UUID):
        return letter_id
    try:
        return uuid.UUID(str(letter_id))
    except ValueError:
        raise LetterRefused("not_found", f"Surat tidak ditemukan: {letter_id}") from None


def get_letter(session: Session, letter_id: uuid.UUID | str) -> Letter:
    """The letter row, or :class:`LetterRefused` ``not_found`` (a stale screen, a mistyped id)."""
    letter = session.get(Letter, _letter_uuid(letter_id))
    if letter is None:
        raise LetterRefused("not_found", f"Surat tidak ditemukan: {letter_id}")
    return letter


def _letter_audits(session: Session, letter: Letter, action: str) -> list[AuditLog]:
    statement = (
        select(AuditLog)
        .where(AuditLog.entity_id == str(letter.id), AuditLog.action == action)
        .order_by(col(AuditLog.id))
    )
    return list(session.exec(statement).all())


def summary_of(session: Session, letter: Letter) -> LetterSummary:
    """The letter as the list shows it, with its void reason and how often it was reprinted."""
    void_reason = None
    if letter.revoked:
        voids = _letter_audits(session, letter, "letter.void")
        if voids:
            void_reason = json.loads(voids[-1].after or "{}").get("reason")
    return LetterSummary(
        id=str(letter.id),
        kind=letter.kind,
        title=letter_title(letter.kind),
        number=letter.number,
        issued_on=local_date(letter.issued_at),
        issued_at=letter.issued_at,
        issued_by=letter.issued_by,
        revoked=letter.revoked,
        void_reason=void_reason,
        copies=len(_letter_audits(session, letter, "letter.reprint")),
    )


def letter_data(
    session: Session, letter_id: uuid.UUID | str, settings: OfficeSettings, *, copy: bool = False
) -> LetterData:
    """Read one letter for display or printing (no audit: use :func:`reprint` to print again)."""
    letter = get_letter(session, letter_id)
    applicant = get_applicant(session, letter.applicant_id)
    return LetterData(summary_of(session, letter), summarize(session, applicant), settings, copy)


def letters_of(session: Session, applicant_id: ApplicantRef) -> list[LetterSummary]:
    """The applicant's letters, newest first, void ones included (marked)."""
    applicant = get_applicant(session, applicant_id)
    letters = session.exec(
        select(Letter)
        .where(Letter.applicant_id == applicant.id)
        .order_by(col(Letter.issued_at).desc())
    ).all()
    return [summary_of(session, letter) for letter in letters]


# --------------------------------------------------------------------------------------------
# receipt and hand-carry
# --------------------------------------------------------------------------------------------
