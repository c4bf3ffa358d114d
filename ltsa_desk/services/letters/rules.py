"""What each kind of letter needs before it may be issued (the rules of the package docstring).

One function answers for both kinds, so the window can grey a button out for exactly the reason
the issuing would refuse with.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from sqlmodel import Session, col, select

from ltsa_desk.domain.workflow import STATE_LABELS_ID, CaseState, step_index
from ltsa_desk.services.documents import DocumentsIncomplete, documents_on_file, missing_for
from ltsa_desk.services.letters.record import OfficeSettings
from ltsa_desk.services.letters.words import LETTER_TITLES_ID, LetterKind, LetterRefused
from ltsa_desk.store.models import Applicant, Letter

_SPR_STATES: Final[frozenset[CaseState]] = frozenset(
    {
        CaseState.DOCUMENTS_COMPLETE,
        CaseState.RECOMMENDED,
        CaseState.PASSPORT_REQUESTED,
        CaseState.PASSPORT_ISSUED,
    }
)


def _live_letter(session: Session, applicant: Applicant, kind: LetterKind) -> Letter | None:
    """The valid (not voided) letter of this kind, if the CPMI has one."""
    return session.exec(
        select(Letter).where(
            Letter.applicant_id == applicant.id,
            Letter.kind == kind.value,
            col(Letter.revoked).is_(False),
        )
    ).first()


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
