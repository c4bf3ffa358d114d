"""The letters' actions as the officer takes them: what may be issued, issue, void, and the
papers that leave the counter (a letter as original or audited copy, the receipt, the
hand-carry application).

Each reads the office's settings (name, codes, number pattern: ``OfficeSettings.from_config``)
itself, opens its own session, finds the CPMI as the caller names it and calls
``services.letters``; a refusal comes back as one :class:`Refused` and writes nothing. What
may be issued is asked of the service's own check (read-only), so a disabled button and the
issuing can never disagree. Painting the PDF or printing it stays with the caller (the window
paints through ``printing``, which needs Qt): an operation returns the letter's plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.operations.loading import ApplicantChoice, load
from ltsa_desk.operations.refusal import refusals
from ltsa_desk.services import documents, letters
from ltsa_desk.services.context import Actor
from ltsa_desk.services.letters import (
    HandCarryData,
    LetterData,
    LetterKind,
    LetterRefused,
    LetterSummary,
    OfficeSettings,
    ReceiptData,
)
from ltsa_desk.store.models import Applicant

__all__ = [
    "HAND_CARRY_DAYS",
    "CaseLetters",
    "IssueRefusal",
    "case_letters",
    "for_output",
    "hand_carry",
    "issue",
    "letter",
    "receipt",
    "void",
]

#: A queued passport application is printed for the CPMI to carry when departure is this close.
HAND_CARRY_DAYS = 7


@dataclass(frozen=True)
class IssueRefusal:
    """Why a letter cannot be issued yet, as the service decided it: its stable ``code`` and
    ``detail`` (``LetterRefused``), or ``documents`` for missing papers as (kinds, reason)
    pairs; ``message`` is the service's Indonesian sentence, said as is only for a code a
    screen has no words for. Plain data across threads."""

    code: str
    message: str
    detail: tuple[tuple[str, str], ...] = ()
    documents: tuple[tuple[tuple[str, ...], str], ...] = ()


@dataclass(frozen=True)
class CaseLetters:
    """The letters of one CPMI and what may be done next, read in one session.

    ``*_refusal`` is ``None`` when the letter may be issued now, otherwise the service's reason.
    """

    applicant_id: str
    state: str
    full_name: str
    letters: list[LetterSummary]
    spr_refusal: IssueRefusal | None
    recommendation_refusal: IssueRefusal | None
    hand_carry_queued: bool = False
    hand_carry_urgent: bool = False
    days_to_departure: int | None = None

    @property
    def closed(self) -> bool:
        return self.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}

    @property
    def hand_carry_allowed(self) -> bool:
        return self.hand_carry_queued and self.hand_carry_urgent and not self.closed


def _settings(counter: Workspace) -> OfficeSettings:
    return OfficeSettings.from_config(counter.config)


def _refusal(
    session: Session,
    applicant: Applicant,
    kind: LetterKind,
    settings: OfficeSettings,
    today: date,
) -> IssueRefusal | None:
    """The service's own verdict on issuing now: the same check ``issue_letter`` runs first, and
    it only reads."""
    try:
        letters.check_can_issue(session, applicant, kind, settings, today)
    except LetterRefused as exc:
        return IssueRefusal(exc.code, exc.message, tuple(sorted(exc.detail.items())))
    except documents.DocumentsIncomplete as exc:
        missing = tuple(
            (tuple(str(k) for k in gap.requirement.kinds), str(gap.reason)) for gap in exc.missing
        )
        return IssueRefusal("documents", exc.message, documents=missing)
    return None


def case_letters(counter: Workspace, which: ApplicantChoice, today: date) -> CaseLetters:
    """The CPMI's letters, whether each kind may be issued now, and the hand-carry state."""
    settings = _settings(counter)
    with refusals(), counter.database.session() as session:
        applicant = load(session, which)
        issued = letters.letters_of(session, applicant.id)
        spr = _refusal(session, applicant, LetterKind.SPR, settings, today)
        recommendation = _refusal(
            session, applicant, LetterKind.PASSPORT_RECOMMENDATION, settings, today
        )
        carry = letters.hand_carry_data(
            session, applicant.id, settings, today=today, days=HAND_CARRY_DAYS
        )
        return CaseLetters(
            applicant_id=str(applicant.id),
            state=applicant.state,
            full_name=applicant.full_name,
            letters=issued,
            spr_refusal=spr,
            recommendation_refusal=recommendation,
            hand_carry_queued=carry is not None,
            hand_carry_urgent=bool(carry and carry.urgent),
            days_to_departure=carry.days_to_departure if carry else None,
        )


def issue(
    counter: Workspace, actor: Actor, which: ApplicantChoice, kind: LetterKind | str, today: date
) -> LetterData:
    """Issue a letter of ``kind`` (SPR, passport recommendation) under a new number."""
    settings = _settings(counter)
    with refusals(), counter.database.write_session() as session:
        applicant = load(session, which)
        return letters.issue_letter(session, applicant.id, kind, actor, settings, today=today)


def void(counter: Workspace, actor: Actor, letter_id: str, reason: str) -> LetterSummary:
    """Void a letter with a reason: it stays, marked void, and its number is never reused."""
    with refusals(), counter.database.write_session() as session:
        return letters.void_letter(session, letter_id, reason, actor)


def letter(counter: Workspace, letter_id: str) -> LetterData:
    """A letter as it is on file (void or not), for a caller that decides what to do with it."""
    with refusals(), counter.database.session() as session:
        return letters.letter_data(session, letter_id, _settings(counter))


def for_output(counter: Workspace, actor: Actor, letter_id: str, *, fresh: bool) -> LetterData:
    """The letter as it may leave the counter: the original while ``fresh`` (issued here and
    not yet printed), else an audited copy marked SALINAN; a void letter as it is (its
    DIBATALKAN watermark comes with it)."""
    data = letter(counter, letter_id)
    if data.letter.revoked or fresh:
        return data
    with refusals(), counter.database.write_session() as session:
        return letters.reprint(session, letter_id, actor, _settings(counter))


def receipt(counter: Workspace, actor: Actor, which: ApplicantChoice, today: date) -> ReceiptData:
    """The CPMI's receipt of the day's work, signed by ``actor``."""
    settings = _settings(counter)
    with refusals(), counter.database.session() as session:
        applicant = load(session, which)
        return letters.receipt_data(session, applicant.id, settings, today=today, officer=actor)


def hand_carry(counter: Workspace, which: ApplicantChoice, today: date) -> HandCarryData | None:
    """The passport application the CPMI carries to immigration, or ``None`` when none waits."""
    settings = _settings(counter)
    with refusals(), counter.database.session() as session:
        applicant = load(session, which)
        return letters.hand_carry_data(
            session, applicant.id, settings, today=today, days=HAND_CARRY_DAYS
        )
