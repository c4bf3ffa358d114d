"""The letters panel's reads and writes, each one job on ``ctx.runner``: plain data in and out.

Every read and change is the letters' operation (:mod:`ltsa_desk.operations.letters`, the same
the command line runs), which reads the office's settings, opens the session and refuses in one
error type; what is left here is the window's own part: painting the papers, off the GUI thread,
through ``printing``, and the window's words for a paper it will not make. A letter leaves the
counter as its original only while it is fresh (issued here and not yet printed); every later
copy is recorded and marked SALINAN by the operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ltsa_desk import printing
from ltsa_desk.operations import letters as letter_operations
from ltsa_desk.operations.letters import CaseLetters
from ltsa_desk.services.letters import LetterKind, LetterRefused, LetterSummary
from ltsa_desk.ui.applicant.letters_output import write_pdf

translate = QCoreApplication.translate

__all__ = [
    "PrintedFile",
    "issue_and_render",
    "load_letters",
    "open_letter",
    "print_letter",
    "print_receipt",
    "render_hand_carry",
    "render_receipt",
    "void_letter",
]


@dataclass(frozen=True)
class PrintedFile:
    """A PDF written for the officer, and what it is (for the message line)."""

    path: Path
    title: str
    number: str = ""
    copy: bool = False
    letter_id: str | None = None
    warnings: list[str] = field(default_factory=list)


def load_letters(workspace: Any, applicant_id: str, today: date) -> CaseLetters:
    """Letters, issue verdicts and the hand-carry state, off the GUI thread."""
    return letter_operations.case_letters(workspace, applicant_id, today)


def issue_and_render(
    workspace: Any,
    actor: Any,
    applicant_id: str,
    kind: LetterKind,
    out_dir: Path,
    training: bool,
    today: date,
) -> PrintedFile:
    data = letter_operations.issue(workspace, actor, applicant_id, kind, today)
    path = write_pdf(
        lambda target: printing.render_letter_pdf(data, target, training=training),
        out_dir,
        printing.letter_filename(data),
    )
    return PrintedFile(path, data.title, data.number, False, data.letter.id)


def open_letter(
    workspace: Any, actor: Any, letter_id: str, fresh: bool, out_dir: Path, training: bool
) -> PrintedFile:
    data = letter_operations.for_output(workspace, actor, letter_id, fresh=fresh)
    path = write_pdf(
        lambda target: printing.render_letter_pdf(data, target, training=training),
        out_dir,
        printing.letter_filename(data),
    )
    return PrintedFile(path, data.title, data.number, data.copy, data.letter.id)


def print_letter(
    workspace: Any, actor: Any, letter_id: str, fresh: bool, printer: Any, training: bool
) -> PrintedFile:
    if letter_operations.letter(workspace, letter_id).letter.revoked:
        raise LetterRefused(
            "revoked",
            translate("LettersPanel", "Surat yang dibatalkan tidak dicetak"),
        )
    data = letter_operations.for_output(workspace, actor, letter_id, fresh=fresh)
    printing.print_letter(data, printer, training=training)
    return PrintedFile(Path(), data.title, data.number, data.copy, data.letter.id)


def render_receipt(
    workspace: Any, actor: Any, applicant_id: str, out_dir: Path, training: bool, today: date
) -> PrintedFile:
    data = letter_operations.receipt(workspace, actor, applicant_id, today)
    path = write_pdf(
        lambda target: printing.render_receipt_pdf(data, target, training=training),
        out_dir,
        printing.receipt_filename(data),
    )
    return PrintedFile(path, translate("LettersPanel", "Tanda terima"))


def print_receipt(
    workspace: Any, actor: Any, applicant_id: str, printer: Any, training: bool, today: date
) -> PrintedFile:
    data = letter_operations.receipt(workspace, actor, applicant_id, today)
    printing.print_receipt(data, printer, training=training)
    return PrintedFile(Path(), translate("LettersPanel", "Tanda terima"))


def render_hand_carry(
    workspace: Any, applicant_id: str, out_dir: Path, training: bool, today: date
) -> PrintedFile:
    data = letter_operations.hand_carry(workspace, applicant_id, today)
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
    return letter_operations.void(workspace, actor, letter_id, reason)
