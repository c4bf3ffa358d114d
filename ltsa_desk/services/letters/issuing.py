"""Issuing, voiding and reprinting a letter: each one transaction with its audit entry.

A refusal writes nothing (the transaction is rolled back), so a screen that keeps its session
open after a refusal is never left holding the office database's write lock.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session

from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import audit
from ltsa_desk.services.context import Actor
from ltsa_desk.services.documents import ApplicantRef, get_applicant, open_applicant
from ltsa_desk.services.intake import change_state
from ltsa_desk.services.letters.numbering import allocate_number, issue_time
from ltsa_desk.services.letters.record import (
    LetterData,
    LetterSummary,
    OfficeSettings,
    get_letter,
    summarize,
    summary_of,
)
from ltsa_desk.services.letters.rules import check_can_issue
from ltsa_desk.services.letters.words import (
    LETTER_TITLES_ID,
    LetterKind,
    LetterRefused,
    letter_title,
)
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.models import Letter

REASON_MAX = 500


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
        number = allocate_number(session, settings, officer, letter_kind, day)
        letter = Letter(
            applicant_id=applicant.id,
            kind=letter_kind.value,
            number=number,
            issued_at=issue_time(day),
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
        data = LetterData(summary_of(session, letter), summarize(session, applicant), settings)
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
        letter = get_letter(session, letter_id)
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
                "title": letter_title(letter.kind),
                "number": letter.number,
                "revoked": True,
                "reason": cleaned,
            },
            counter_id=officer.counter_id,
        )
        session.flush()
        summary = summary_of(session, letter)
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
        letter = get_letter(session, letter_id)
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
                "title": letter_title(letter.kind),
                "number": letter.number,
            },
            counter_id=officer.counter_id,
        )
        session.flush()
        applicant = get_applicant(session, letter.applicant_id)
        data = LetterData(
            summary_of(session, letter), summarize(session, applicant), settings, copy=True
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return data
