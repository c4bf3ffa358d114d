"""Letters (SPR and passport recommendation), the CPMI's receipt and the hand-carry application.

Numbering. A letter number comes from the office's pattern (``letters.number_pattern``, default
``562/{seq}/LTSA-{counter}/{roman_month}/{year}``) and a running number kept in
``counter_sequence`` for this counter and year, bumped inside the issuing transaction. The
counter id and the year are part of every number (the configuration refuses a pattern without
them), so two counters that cannot see each other, or the same counter next January, never make
the same number. Both kinds share one running number (the office's single register of outgoing
letters, as a paper "buku agenda surat keluar" works), which keeps the default pattern - that does
not name the kind - free of clashes; a pattern that names ``{kind}`` gets one running number per
kind instead. A voided letter keeps its row and its number, and the running number never goes
back, so a number is never handed out twice. Should an office change its pattern mid-year into one
that produces a number already issued, the next value is taken instead.

Rules (decided here, shown to the officer in Indonesian when refused):

* SPR: from ``documents_complete`` on, up to ``passport_issued``, and only while the
  registration documents on file satisfy that step (verified, under
  ``documents.require_verified``) whatever the status says; not for a departed or cancelled case.
  It is addressed to the CPMI's P3MI, so the P3MI must be filled in. One valid SPR per CPMI at
  a time.
* Passport recommendation: needs the documents of the ``recommended`` step (medical certificate
  no older than three months, AK/I card, placement agreement) and moves the case from
  ``documents_complete`` to ``recommended`` in the same transaction. It names the destination
  country, which must be filled in. A case already further on
  (a voided recommendation being replaced, or an office that requested the passport first) gets
  the letter without a status change: the workflow never moves back. One valid recommendation
  per CPMI at a time.
* Voiding keeps the letter (``revoked``) and records the reason in the audit log; it does not
  move the case back (the workflow only goes forward; see ``domain/workflow.py``).
* Reprinting records an audit entry and the letter is printed marked SALINAN (copy).

No Qt here: ``ltsa_desk.printing`` turns the plain data returned by these functions into PDFs.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Final

from sqlmodel import Session, col, select

from ltsa_desk.counter.config import DEFAULT_LETTER_PATTERN, KEYS
from ltsa_desk.domain.countries import country_name_id
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.domain.values import (
    FIELD_LABELS_ID,
    MARITAL_STATUS_LABELS_ID,
    SECTOR_LABELS_ID,
    SEX_LABELS_ID,
    MaritalStatus,
    Sector,
    Sex,
)
from ltsa_desk.domain.workflow import STATE_LABELS_ID, CaseState, step_index
from ltsa_desk.services import audit
from ltsa_desk.services.applicants import agency_name
from ltsa_desk.services.context import Actor
from ltsa_desk.services.documents import (
    ApplicantRef,
    DocumentsIncomplete,
    HistoryRow,
    checklist,
    documents_on_file,
    get_applicant,
    history,
    local_date,
    missing_for,
    open_applicant,
)
from ltsa_desk.services.intake import change_state
from ltsa_desk.services.numbering import next_value
from ltsa_desk.services.submissions import IMMIGRATION, REGISTRY, chain_of
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.models import Applicant, AuditLog, Letter, Officer, utc_now
from sync.destinations import PASSPORT_APPLICATION, REGISTER, UPDATE
from sync.destinations.contract import reason_in_indonesian
from sync.models import ItemState, OutboxItem
from sync.outbox import payload_of, receipt_of

__all__ = [
    "DESTINATION_LABELS_ID",
    "ITEM_STATE_LABELS_ID",
    "LETTER_KIND_CODES",
    "LETTER_TITLES_ID",
    "MONTHS_ID",
    "SUBMISSION_KIND_LABELS_ID",
    "WAITING_STATES",
    "ApplicantSummary",
    "HandCarryData",
    "LetterData",
    "LetterKind",
    "LetterRefused",
    "LetterSummary",
    "OfficeSettings",
    "ReceiptData",
    "SubmissionLine",
    "format_date_id",
    "format_datetime_id",
    "format_letter_number",
    "format_nip",
    "hand_carry_data",
    "issue_letter",
    "issue_passport_recommendation",
    "issue_spr",
    "letter_data",
    "letters_of",
    "mask_nik",
    "needs_hand_carry",
    "receipt_data",
    "reprint",
    "roman_month",
    "summarize",
    "summarize_day",
    "void_letter",
    "with_copy",
]


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

SEQUENCE_NAME = "letter"
_SPR_STATES: Final[frozenset[CaseState]] = frozenset(
    {
        CaseState.DOCUMENTS_COMPLETE,
        CaseState.RECOMMENDED,
        CaseState.PASSPORT_REQUESTED,
        CaseState.PASSPORT_ISSUED,
    }
)
_NUMBER_ATTEMPTS = 1000
REASON_MAX = 500


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


def format_letter_number(
    pattern: str, *, seq: int, counter: str, office: str, day: date, kind: LetterKind | str
) -> str:
    """Fill a number pattern: ``{seq}`` is zero-padded to four digits, ``{month}`` to two.

    The pattern is checked with the configuration's own rule first, so a pattern that bypassed
    ``config set`` (a hand-edited file) is refused before it can make a number that repeats.
    """
    parser = KEYS["letters.number_pattern"][0]
    try:
        pattern = parser(pattern)
    except ValueError as exc:
        raise LetterRefused("numbers", f"Pola nomor surat tidak sah: {exc}") from None
    return pattern.format(
        seq=f"{seq:04d}",
        counter=counter,
        office=office,
        roman_month=roman_month(day.month),
        month=f"{day.month:02d}",
        year=f"{day.year:04d}",
        kind=LETTER_KIND_CODES[LetterKind(kind)],
    )


# --------------------------------------------------------------------------------------------
# plain data handed to screens and to the printer
# --------------------------------------------------------------------------------------------


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


def _label_of(labels: Mapping[Any, str], enum: type[StrEnum], value: str | None) -> str:
    if not value:
        return ""
    try:
        return labels[enum(value)]
    except (ValueError, KeyError):
        return value


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
        sex_label=_label_of(SEX_LABELS_ID, Sex, applicant.sex),
        address=applicant.address or "",
        phone=applicant.phone or "",
        education=applicant.education or "",
        marital_status_label=_label_of(
            MARITAL_STATUS_LABELS_ID, MaritalStatus, applicant.marital_status
        ),
        destination_country=country,
        destination_country_name=country_name,
        job_title=applicant.job_title or "",
        sector_label=_label_of(SECTOR_LABELS_ID, Sector, applicant.sector),
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


@dataclass(frozen=True, slots=True)
class SubmissionLine:
    """One submission (kiriman) of the CPMI as the receipt shows it.

    ``since`` is when it was queued (for waiting ones) or delivered; ``remote_number`` is the
    number the remote system gave, once it exists.
    """

    key: str
    destination: str
    destination_label: str
    kind: str
    kind_label: str
    state: str
    state_label: str
    since: datetime
    attempts: int
    reason: str | None
    remote_number: str | None

    @property
    def waiting(self) -> bool:
        return self.state in WAITING_STATES


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """The CPMI's receipt: tracking code, today's work, what waits to be sent, remote numbers."""

    office: OfficeSettings
    applicant: ApplicantSummary
    today: date
    printed_at: datetime
    done_today: list[HistoryRow]
    today_summary: list[str]
    waiting: list[SubmissionLine]
    delivered: list[SubmissionLine]
    still_needed: list[str]
    letters: list[LetterSummary] = field(default_factory=list)
    prepared_by: str = ""

    @property
    def registry_id(self) -> str | None:
        return self.applicant.registry_id

    @property
    def passport_application_no(self) -> str | None:
        return self.applicant.passport_application_no


@dataclass(frozen=True, slots=True)
class HandCarryData:
    """The passport application the CPMI carries to immigration while the line is down.

    ``application`` lists exactly what the queued submission will send (label, value), so the
    immigration officer types nothing new; ``reference`` is the submission's client reference,
    which lets immigration recognise the electronic copy when it arrives later.
    """

    office: OfficeSettings
    applicant: ApplicantSummary
    reference: str
    state: str
    state_label: str
    queued_at: datetime
    prepared_at: datetime
    today: date
    days_to_departure: int | None
    urgent: bool
    application: list[tuple[str, str]]
    supporting: list[tuple[str, str]]
    reason: str | None = None


# --------------------------------------------------------------------------------------------
# issuing, voiding, reprinting
# --------------------------------------------------------------------------------------------


def _letter_uuid(letter_id: uuid.UUID | str) -> uuid.UUID:
    if isinstance(letter_id, uuid.UUID):
        return letter_id
    try:
        return uuid.UUID(str(letter_id))
    except ValueError:
        raise LetterRefused("not_found", f"Surat tidak ditemukan: {letter_id}") from None


def _get_letter(session: Session, letter_id: uuid.UUID | str) -> Letter:
    letter = session.get(Letter, _letter_uuid(letter_id))
    if letter is None:
        raise LetterRefused("not_found", f"Surat tidak ditemukan: {letter_id}")
    return letter


def _title(kind: str) -> str:
    try:
        return LETTER_TITLES_ID[LetterKind(kind)]
    except ValueError:
        return kind


def _letter_audits(session: Session, letter: Letter, action: str) -> list[AuditLog]:
    statement = (
        select(AuditLog)
        .where(AuditLog.entity_id == str(letter.id), AuditLog.action == action)
        .order_by(col(AuditLog.id))
    )
    return list(session.exec(statement).all())


def _summary(session: Session, letter: Letter) -> LetterSummary:
    void_reason = None
    if letter.revoked:
        voids = _letter_audits(session, letter, "letter.void")
        if voids:
            void_reason = json.loads(voids[-1].after or "{}").get("reason")
    return LetterSummary(
        id=str(letter.id),
        kind=letter.kind,
        title=_title(letter.kind),
        number=letter.number,
        issued_on=local_date(letter.issued_at),
        issued_at=letter.issued_at,
        issued_by=letter.issued_by,
        revoked=letter.revoked,
        void_reason=void_reason,
        copies=len(_letter_audits(session, letter, "letter.reprint")),
    )


def _live_letter(session: Session, applicant: Applicant, kind: LetterKind) -> Letter | None:
    return session.exec(
        select(Letter).where(
            Letter.applicant_id == applicant.id,
            Letter.kind == kind.value,
            col(Letter.revoked).is_(False),
        )
    ).first()


def _allocate_number(
    session: Session, settings: OfficeSettings, officer: Actor, kind: LetterKind, day: date
) -> str:
    """Take the next running number and make the letter number (never one already issued)."""
    pattern = settings.number_pattern or DEFAULT_LETTER_PATTERN
    name = SEQUENCE_NAME
    if "{kind}" in pattern:
        name = f"{SEQUENCE_NAME}:{LETTER_KIND_CODES[kind].lower()}"
    for _ in range(_NUMBER_ATTEMPTS):
        seq = next_value(session, officer.counter_id, name, day.year)
        number = format_letter_number(
            pattern,
            seq=seq,
            counter=officer.counter_id,
            office=officer.office_code,
            day=day,
            kind=kind,
        )
        if len(number) > 80:
            raise LetterRefused(
                "numbers", f"Nomor surat terlalu panjang ({len(number)} karakter, paling banyak 80)"
            )
        taken = session.exec(select(Letter.id).where(Letter.number == number)).first()
        if taken is None:
            return number
    raise LetterRefused("numbers", "Tidak ada nomor surat yang bebas; periksa pola nomor surat")


def _issue_time(day: date) -> datetime:
    """Now, or - for a letter dated another day (tests, a backdated entry) - that day at the
    current local time, so the printed date and the number's month and year always agree."""
    now = utc_now()
    local = now.astimezone()
    if local.date() == day:
        return now
    return datetime.combine(day, local.timetz()).astimezone(now.tzinfo)


def check_can_issue(
    session: Session,
    applicant: Applicant,
    kind: LetterKind,
    settings: OfficeSettings,
    today: date,
) -> bool:
    """Refuse what the rules forbid; return whether the case moves to ``recommended``."""
    state = CaseState(applicant.state)
    title = LETTER_TITLES_ID[kind]
    state_label = STATE_LABELS_ID[state]
    live = _live_letter(session, applicant, kind)
    if live is not None:
        raise LetterRefused(
            "already_issued",
            f"{title} untuk CPMI ini sudah terbit dengan nomor {live.number}; "
            "cetak ulang surat itu, atau batalkan dulu bila harus diganti",
            {"number": live.number},
        )
    if kind is LetterKind.SPR:
        if state not in _SPR_STATES:
            raise LetterRefused(
                "wrong_state",
                f"{title} baru dapat diterbitkan setelah dokumen lengkap "
                f"(status sekarang: {state_label})",
                {"state": state.value},
            )
        if applicant.agency_id is None:
            raise LetterRefused(
                "missing_data",
                f"{title} ditujukan kepada P3MI; isi P3MI pada data CPMI dulu",
                {"field": "agency"},
            )
        # The letter says the registration documents are complete: judged on the papers, not
        # the status (a case skipped ahead by an admin, or one that took the old shortcut).
        missing = missing_for(
            applicant,
            documents_on_file(session, applicant.id),
            CaseState.DOCUMENTS_COMPLETE,
            today=today,
            require_verified=settings.require_verified,
        )
        if missing:
            raise DocumentsIncomplete(missing)
        return False
    index = step_index(state)
    if state is CaseState.REGISTERED or index is None or state is CaseState.DEPARTED:
        raise LetterRefused(
            "wrong_state",
            f"{title} baru dapat diterbitkan setelah dokumen lengkap "
            f"(status sekarang: {state_label})",
            {"state": state.value},
        )
    if not applicant.destination_country:
        raise LetterRefused(
            "missing_data",
            f"{title} menyebut negara tujuan; isi negara tujuan pada data CPMI dulu",
            {"field": "destination_country"},
        )
    missing = missing_for(
        applicant,
        documents_on_file(session, applicant.id),
        CaseState.RECOMMENDED,
        today=today,
        require_verified=settings.require_verified,
    )
    if missing:
        raise DocumentsIncomplete(missing)
    return state is CaseState.DOCUMENTS_COMPLETE


def issue_letter(
    session: Session,
    applicant_id: ApplicantRef,
    kind: LetterKind | str,
    officer: Actor,
    settings: OfficeSettings,
    *,
    today: date | None = None,
) -> LetterData:
    """Issue a letter: number, row, audit entry (and for the recommendation the status change),
    all in one transaction. Refusals raise :class:`LetterRefused` or
    :class:`~ltsa_desk.services.documents.DocumentsIncomplete` and write nothing."""
    letter_kind = LetterKind(kind)
    day = today or date.today()
    try:
        applicant = open_applicant(session, applicant_id)
        moves = check_can_issue(session, applicant, letter_kind, settings, day)
        number = _allocate_number(session, settings, officer, letter_kind, day)
        letter = Letter(
            applicant_id=applicant.id,
            kind=letter_kind.value,
            number=number,
            issued_at=_issue_time(day),
            issued_by=officer.username,
        )
        session.add(letter)
        if moves:
            change_state(
                session,
                applicant,
                CaseState.RECOMMENDED,
                officer,
                note=f"{LETTER_TITLES_ID[letter_kind]} nomor {number}",
            )
        audit.record(
            session,
            actor=officer.username,
            action="letter.issue",
            entity="letter",
            entity_id=letter.id,
            after={
                "applicant_id": applicant.id,
                "kind": letter_kind.value,
                "title": LETTER_TITLES_ID[letter_kind],
                "number": number,
                "issued_on": day,
            },
            counter_id=officer.counter_id,
        )
        session.flush()
        data = LetterData(_summary(session, letter), summarize(session, applicant), settings)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return data


def issue_spr(
    session: Session,
    applicant_id: ApplicantRef,
    officer: Actor,
    settings: OfficeSettings,
    *,
    today: date | None = None,
) -> LetterData:
    """Issue the Surat Pengantar Rekrut (see the module's rules)."""
    return issue_letter(session, applicant_id, LetterKind.SPR, officer, settings, today=today)


def issue_passport_recommendation(
    session: Session,
    applicant_id: ApplicantRef,
    officer: Actor,
    settings: OfficeSettings,
    *,
    today: date | None = None,
) -> LetterData:
    """Issue the Surat Rekomendasi Paspor and move the case to ``recommended``."""
    return issue_letter(
        session,
        applicant_id,
        LetterKind.PASSPORT_RECOMMENDATION,
        officer,
        settings,
        today=today,
    )


def void_letter(
    session: Session, letter_id: uuid.UUID | str, reason: str, officer: Actor
) -> LetterSummary:
    """Void a letter with a reason: it stays (marked void) and its number is never reused."""
    cleaned = " ".join((reason or "").split())
    if not cleaned:
        raise ValidationFailed({"reason": "Alasan pembatalan surat wajib diisi"})
    if len(cleaned) > REASON_MAX:
        raise ValidationFailed(
            {"reason": f"Alasan terlalu panjang ({len(cleaned)} karakter, paling banyak 500)"}
        )
    try:
        letter = _get_letter(session, letter_id)
        if letter.revoked:
            raise LetterRefused("revoked", f"Surat nomor {letter.number} sudah dibatalkan")
        letter.revoked = True
        session.add(letter)
        audit.record(
            session,
            actor=officer.username,
            action="letter.void",
            entity="letter",
            entity_id=letter.id,
            before={"revoked": False},
            after={
                "applicant_id": letter.applicant_id,
                "kind": letter.kind,
                "title": _title(letter.kind),
                "number": letter.number,
                "revoked": True,
                "reason": cleaned,
            },
            counter_id=officer.counter_id,
        )
        session.flush()
        summary = _summary(session, letter)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary


def reprint(
    session: Session, letter_id: uuid.UUID | str, officer: Actor, settings: OfficeSettings
) -> LetterData:
    """Record a reprint and return the letter marked as a copy (SALINAN). A void letter is not
    reprinted: a copy of it could be mistaken for a valid one."""
    try:
        letter = _get_letter(session, letter_id)
        if letter.revoked:
            raise LetterRefused(
                "revoked",
                f"Surat nomor {letter.number} sudah dibatalkan; tidak dapat dicetak ulang",
            )
        audit.record(
            session,
            actor=officer.username,
            action="letter.reprint",
            entity="letter",
            entity_id=letter.id,
            after={
                "applicant_id": letter.applicant_id,
                "kind": letter.kind,
                "title": _title(letter.kind),
                "number": letter.number,
            },
            counter_id=officer.counter_id,
        )
        session.flush()
        applicant = get_applicant(session, letter.applicant_id)
        data = LetterData(
            _summary(session, letter), summarize(session, applicant), settings, copy=True
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return data


def letter_data(
    session: Session, letter_id: uuid.UUID | str, settings: OfficeSettings, *, copy: bool = False
) -> LetterData:
    """Read one letter for display or printing (no audit: use :func:`reprint` to print again)."""
    letter = _get_letter(session, letter_id)
    applicant = get_applicant(session, letter.applicant_id)
    return LetterData(_summary(session, letter), summarize(session, applicant), settings, copy)


def letters_of(session: Session, applicant_id: ApplicantRef) -> list[LetterSummary]:
    """The applicant's letters, newest first, void ones included (marked)."""
    applicant = get_applicant(session, applicant_id)
    letters = session.exec(
        select(Letter)
        .where(Letter.applicant_id == applicant.id)
        .order_by(col(Letter.issued_at).desc())
    ).all()
    return [_summary(session, letter) for letter in letters]


# --------------------------------------------------------------------------------------------
# receipt and hand-carry
# --------------------------------------------------------------------------------------------


def _items(session: Session, applicant: Applicant) -> list[OutboxItem]:
    statement = (
        select(OutboxItem)
        .where(OutboxItem.chain == chain_of(applicant))
        .order_by(col(OutboxItem.chain_position), col(OutboxItem.seq))
    )
    return list(session.exec(statement).all())


def _remote_number(item: OutboxItem) -> str | None:
    """The number the remote gave this item: immigration's receipt names the registry id too,
    but for a passport application the officer needs its own application number (PPA-...)."""
    receipt = receipt_of(item)
    for key in ("application_no", "registry_id"):
        if receipt.get(key):
            return str(receipt[key])
    return None


def _line(item: OutboxItem) -> SubmissionLine:
    delivered = item.state == ItemState.DELIVERED.value
    return SubmissionLine(
        key=item.key,
        destination=item.destination,
        destination_label=DESTINATION_LABELS_ID.get(item.destination, item.destination),
        kind=item.kind,
        kind_label=SUBMISSION_KIND_LABELS_ID.get(item.kind, item.kind),
        state=item.state,
        state_label=ITEM_STATE_LABELS_ID.get(item.state, item.state),
        since=(item.delivered_at or item.updated_at) if delivered else item.created_at,
        attempts=item.attempts,
        reason=(
            reason_in_indonesian(item.last_error)
            if item.state == ItemState.NEEDS_ATTENTION.value
            else None
        ),
        remote_number=_remote_number(item),
    )


_GROUPED: Final[Mapping[str, str]] = {
    "document.attach": "Dokumen diterima",
    "document.verify": "Dokumen diperiksa dan sesuai",
    "document.reject": "Dokumen ditolak",
}


def summarize_day(rows: Iterable[HistoryRow]) -> list[str]:
    """A day's history in a few lines for the CPMI: documents grouped, reprints left out.

    The officer's screen shows every event; the CPMI's receipt needs "what was done", e.g.
    "Dokumen diterima: KTP, Kartu Keluarga", not twelve lines of attach and verify.
    """
    lines: list[str | list[str]] = []
    groups: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda r: r.at):
        if row.action == "letter.reprint":
            continue
        if row.action in _GROUPED:
            subject = row.subject or row.text
            if row.action == "document.reject" and row.note:
                subject = f"{subject} ({row.note})"
            if row.action not in groups:
                groups[row.action] = []
                lines.append([row.action])
            if subject not in groups[row.action]:
                groups[row.action].append(subject)
            continue
        text = "Data CPMI diperbaiki" if row.action == "applicant.update" else row.text
        if row.note and row.action in {"letter.void"}:
            text = f"{text} ({row.note})"
        if text not in lines:
            lines.append(text)
    result = []
    for line in lines:
        if isinstance(line, list):
            action = line[0]
            result.append(f"{_GROUPED[action]}: {', '.join(groups[action])}")
        else:
            result.append(line)
    return result


def _officer_name(session: Session, officer: Actor | None) -> str:
    """The officer's full name for a signature line (the account name when none is recorded)."""
    if officer is None:
        return ""
    account = session.exec(select(Officer).where(Officer.username == officer.username)).first()
    return (account.full_name if account is not None else "") or officer.username


def _start_of_local_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day).astimezone()


def receipt_data(
    session: Session,
    applicant_id: ApplicantRef,
    settings: OfficeSettings | None = None,
    *,
    today: date | None = None,
    officer: Actor | None = None,
) -> ReceiptData:
    """What the CPMI takes home: the tracking code at once, today's work, what still waits to be
    sent (and since when), the remote numbers once they exist, and the papers still to bring.

    The truth about the line is the point: a CPMI told "it is sent" when it is not comes back in
    two weeks to a surprise; the receipt says "Menunggu sejak ..." instead.
    """
    day = today or date.today()
    applicant = get_applicant(session, applicant_id)
    settings = settings or OfficeSettings(applicant.office_code, applicant.counter_id)
    items = [
        item
        for item in _items(session, applicant)
        if item.state not in {ItemState.SUPERSEDED.value, ItemState.WITHDRAWN.value}
    ]
    lines = [_line(item) for item in items]
    done = [
        row
        for row in history(session, applicant.id, since=_start_of_local_day(day))
        if local_date(row.at) == day
    ]
    still_needed = [
        row.missing_message or row.label
        for row in checklist(session, applicant.id, day, require_verified=False)
        if not row.satisfied and row.stage in {"current", "next"}
    ]
    return ReceiptData(
        office=settings,
        applicant=summarize(session, applicant),
        today=day,
        printed_at=utc_now(),
        done_today=done,
        today_summary=summarize_day(done),
        waiting=[line for line in lines if line.waiting],
        delivered=[line for line in lines if not line.waiting],
        still_needed=still_needed,
        letters=[s for s in letters_of(session, applicant.id) if not s.revoked],
        prepared_by=_officer_name(session, officer),
    )


def _queued_applications(items: Iterable[OutboxItem]) -> list[OutboxItem]:
    return [
        item
        for item in items
        if item.destination == IMMIGRATION
        and item.kind == PASSPORT_APPLICATION
        and item.state in WAITING_STATES
    ]


def needs_hand_carry(
    applicant: Applicant, items: Iterable[OutboxItem], today: date, days: int = 7
) -> bool:
    """True when the passport application still waits to be sent and departure is near.

    ``items`` are the applicant's outbox items. A departure already past still counts: that CPMI
    needs the paper most. Without a planned departure there is no deadline to beat.
    """
    if applicant.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}:
        return False
    if applicant.planned_departure is None:
        return False
    if (applicant.planned_departure - today).days > days:
        return False
    return bool(_queued_applications(items))


_APPLICATION_LABELS: Final[Mapping[str, str]] = {
    **FIELD_LABELS_ID,
    "office_code": "Kode kantor LTSA",
    "tracking_code": "Kode pelacakan",
    "registry_id": "ID registri pusat",
    "client_reference": "Nomor referensi kiriman",
}
_APPLICATION_ORDER: Final[tuple[str, ...]] = (
    "full_name",
    "nik",
    "birth_place",
    "birth_date",
    "sex",
    "registry_id",
    "tracking_code",
    "office_code",
    "client_reference",
)


def _application_value(name: str, value: Any) -> str:
    if name == "birth_date":
        try:
            return format_date_id(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if name == "sex":
        return f"{value} ({_label_of(SEX_LABELS_ID, Sex, str(value))})"
    return str(value)


def hand_carry_data(
    session: Session,
    applicant_id: ApplicantRef,
    settings: OfficeSettings | None = None,
    *,
    today: date | None = None,
    days: int = 7,
) -> HandCarryData | None:
    """The queued passport application as a paper for the CPMI to carry, or ``None`` if there is
    no application waiting. ``urgent`` tells whether departure is near (:func:`needs_hand_carry`);
    the officer may print it anyway.
    """
    day = today or date.today()
    applicant = get_applicant(session, applicant_id)
    settings = settings or OfficeSettings(applicant.office_code, applicant.counter_id)
    items = _items(session, applicant)
    queued = _queued_applications(items)
    if not queued or applicant.state == CaseState.CANCELLED.value:
        return None
    item = queued[-1]
    payload = payload_of(item)
    if "registry_id" not in payload and applicant.registry_id:
        payload["registry_id"] = applicant.registry_id  # what the engine would add at send time
    names = [n for n in _APPLICATION_ORDER if payload.get(n)]
    names += sorted(n for n in payload if n not in _APPLICATION_ORDER and payload.get(n))
    application = [
        (_APPLICATION_LABELS.get(n, n), _application_value(n, payload[n])) for n in names
    ]
    summary = summarize(session, applicant)
    supporting = [
        (label, value)
        for label, value in (
            ("Alamat", summary.address),
            ("Nomor HP", summary.phone),
            ("Negara tujuan", summary.destination_country_name),
            ("Jabatan", summary.job_title),
            ("P3MI", summary.agency),
            (
                "Rencana keberangkatan",
                format_date_id(summary.planned_departure) if summary.planned_departure else "",
            ),
        )
        if value
    ]
    days_left = (applicant.planned_departure - day).days if applicant.planned_departure else None
    return HandCarryData(
        office=settings,
        applicant=summary,
        reference=item.key,
        state=item.state,
        state_label=ITEM_STATE_LABELS_ID.get(item.state, item.state),
        queued_at=item.created_at,
        prepared_at=utc_now(),
        today=day,
        days_to_departure=days_left,
        urgent=needs_hand_carry(applicant, items, day, days),
        application=application,
        supporting=supporting,
        reason=item.last_error if item.state == ItemState.NEEDS_ATTENTION.value else None,
    )


def with_copy(data: LetterData, copy: bool = True) -> LetterData:
    """The same letter data marked (or not) as a copy."""
    return replace(data, copy=copy)
