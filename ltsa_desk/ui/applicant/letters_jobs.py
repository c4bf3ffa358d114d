"""The letters panel's reads and writes, each one job on ``ctx.runner``: plain data in and out.

Whether a letter may be issued is asked of the letters service's own check (read-only) when the
panel loads, so a disabled button and the issuing can never disagree. A letter leaves the
counter as its original only while it is fresh (issued here and not yet printed); every later
copy goes through ``letters.reprint``, which records it and marks the paper SALINAN. Papers are
painted here too, off the GUI thread, through ``printing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ltsa_desk import printing
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import documents, letters
from ltsa_desk.services.letters import (
    LetterKind,
    LetterRefused,
    LetterSummary,
    OfficeSettings,
)
from ltsa_desk.ui.applicant.letters_output import write_pdf

translate = QCoreApplication.translate

__all__ = [
    "HAND_CARRY_DAYS",
    "LettersView",
    "PrintedFile",
    "Refusal",
    "issue_and_render",
    "load_letters",
    "open_letter",
    "print_letter",
    "print_receipt",
    "render_hand_carry",
    "render_receipt",
    "void_letter",
]

#: A queued passport application is printed for the CPMI to carry when departure is this close.
HAND_CARRY_DAYS = 7


@dataclass(frozen=True)
class Refusal:
    """Why a letter cannot be issued yet, as the service decided it: its stable ``code`` and
    ``detail`` (``LetterRefused``), or ``documents`` for missing papers as (kinds, reason)
    pairs; ``message`` is the service's Indonesian sentence, said as is only for a code this
    window has no words for. Plain data across threads."""

    code: str
    message: str
    detail: tuple[tuple[str, str], ...] = ()
    documents: tuple[tuple[tuple[str, ...], str], ...] = ()


@dataclass(frozen=True)
class LettersView:
    """The letters of one applicant and what may be done next, read in one session.

    ``*_refusal`` is ``None`` when the letter may be issued now, otherwise the service's reason.
    """

    applicant_id: str
    state: str
    full_name: str
    letters: list[LetterSummary]
    spr_refusal: Refusal | None
    recommendation_refusal: Refusal | None
    hand_carry_queued: bool = False
    hand_carry_urgent: bool = False
    days_to_departure: int | None = None

    @property
    def closed(self) -> bool:
        return self.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}

    @property
    def hand_carry_allowed(self) -> bool:
        return self.hand_carry_queued and self.hand_carry_urgent and not self.closed


@dataclass(frozen=True)
class PrintedFile:
    """A PDF written for the officer, and what it is (for the message line)."""

    path: Path
    title: str
    number: str = ""
    copy: bool = False
    letter_id: str | None = None
    warnings: list[str] = field(default_factory=list)


def _refusal(
    session: Any, applicant: Any, kind: LetterKind, settings: OfficeSettings, today: date
) -> Refusal | None:
    """The service's own verdict on issuing now: the same check ``issue_letter`` runs first, and
    it only reads, so the buttons and the issuing can never disagree."""
    try:
        letters.check_can_issue(session, applicant, kind, settings, today)
    except LetterRefused as exc:
        return Refusal(exc.code, exc.message, tuple(sorted(exc.detail.items())))
    except documents.DocumentsIncomplete as exc:
        missing = tuple(
            (tuple(str(k) for k in gap.requirement.kinds), str(gap.reason)) for gap in exc.missing
        )
        return Refusal("documents", exc.message, documents=missing)
    return None


def load_letters(workspace: Any, applicant_id: str, today: date) -> LettersView:
    """Letters, issue verdicts and the hand-carry state, off the GUI thread."""
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        applicant = documents.get_applicant(session, applicant_id)
        state, name = applicant.state, applicant.full_name
        issued = letters.letters_of(session, applicant_id)
        spr = _refusal(session, applicant, LetterKind.SPR, settings, today)
        recommendation = _refusal(
            session, applicant, LetterKind.PASSPORT_RECOMMENDATION, settings, today
        )
        hand_carry = letters.hand_carry_data(
            session, applicant_id, settings, today=today, days=HAND_CARRY_DAYS
        )
    return LettersView(
        applicant_id=applicant_id,
        state=state,
        full_name=name,
        letters=issued,
        spr_refusal=spr,
        recommendation_refusal=recommendation,
        hand_carry_queued=hand_carry is not None,
        hand_carry_urgent=bool(hand_carry and hand_carry.urgent),
        days_to_departure=hand_carry.days_to_departure if hand_carry else None,
    )


def issue_and_render(
    workspace: Any,
    actor: Any,
    applicant_id: str,
    kind: LetterKind,
    out_dir: Path,
    training: bool,
    today: date,
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.write_session() as session:
        data = letters.issue_letter(session, applicant_id, kind, actor, settings, today=today)
    path = write_pdf(
        lambda target: printing.render_letter_pdf(data, target, training=training),
        out_dir,
        printing.letter_filename(data),
    )
    return PrintedFile(path, data.title, data.number, False, data.letter.id)


def _letter_for_output(
    workspace: Any, actor: Any, letter_id: str, fresh: bool
) -> letters.LetterData:
    """The letter as it may leave the counter: original while fresh, else an audited SALINAN;
    a void letter as it is (its DIBATALKAN watermark comes with it)."""
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        data = letters.letter_data(session, letter_id, settings)
    if data.letter.revoked or fresh:
        return data
    with workspace.database.write_session() as session:
        return letters.reprint(session, letter_id, actor, settings)


def open_letter(
    workspace: Any, actor: Any, letter_id: str, fresh: bool, out_dir: Path, training: bool
) -> PrintedFile:
    data = _letter_for_output(workspace, actor, letter_id, fresh)
    path = write_pdf(
        lambda target: printing.render_letter_pdf(data, target, training=training),
        out_dir,
        printing.letter_filename(data),
    )
    return PrintedFile(path, data.title, data.number, data.copy, data.letter.id)


def print_letter(
    workspace: Any, actor: Any, letter_id: str, fresh: bool, printer: Any, training: bool
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        if letters.letter_data(session, letter_id, settings).letter.revoked:
            raise LetterRefused(
                "revoked",
                translate("LettersPanel", "Surat yang dibatalkan tidak dicetak"),
            )
    data = _letter_for_output(workspace, actor, letter_id, fresh)
    printing.print_letter(data, printer, training=training)
    return PrintedFile(Path(), data.title, data.number, data.copy, data.letter.id)


def render_receipt(
    workspace: Any, actor: Any, applicant_id: str, out_dir: Path, training: bool, today: date
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        data = letters.receipt_data(session, applicant_id, settings, today=today, officer=actor)
    path = write_pdf(
        lambda target: printing.render_receipt_pdf(data, target, training=training),
        out_dir,
        printing.receipt_filename(data),
    )
    return PrintedFile(path, translate("LettersPanel", "Tanda terima"))


def print_receipt(
    workspace: Any, actor: Any, applicant_id: str, printer: Any, training: bool, today: date
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        data = letters.receipt_data(session, applicant_id, settings, today=today, officer=actor)
    printing.print_receipt(data, printer, training=training)
    return PrintedFile(Path(), translate("LettersPanel", "Tanda terima"))


def render_hand_carry(
    workspace: Any, applicant_id: str, out_dir: Path, training: bool, today: date
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        data = letters.hand_carry_data(
            session, applicant_id, settings, today=today, days=HAND_CARRY_DAYS
        )
    if data is None:
        raise LetterRefused(
            "not_found",
            translate(
                "LettersPanel",
                "Tidak ada permohonan paspor yang menunggu dikirim; hand-carry tidak diperlukan",
            ),
        )
    path = write_pdf(
        lambda target: printing.render_hand_carry_pdf(data, target, training=training),
        out_dir,
        printing.hand_carry_filename(data),
    )
    return PrintedFile(path, translate("LettersPanel", "Permohonan paspor (hand-carry)"))


def void_letter(workspace: Any, actor: Any, letter_id: str, reason: str) -> LetterSummary:
    with workspace.database.write_session() as session:
        return letters.void_letter(session, letter_id, reason, actor)
