"""Correcting a CPMI's record: the data tab's "Simpan perubahan" and `applicant update`.

Both used to open their own write session around ``services.intake.update_applicant`` and load
the CPMI their own way (the window by its row id, the command line by NIK or tracking code); the
operation does it once, so a rule added to a correction holds for both.

A CPMI not found or a closed case is refused as every operation refuses (:class:`Refused`, field
``key`` or ``state``). The three answers a form needs whole are handed on as the service raised
them: ``ValidationFailed`` (every field's message, so the window marks each field),
``WarningsNotConfirmed`` (the warnings the officer confirms before saving again) and
``DuplicateNik`` (the code of the CPMI who holds the NIK).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations.loading import ApplicantChoice, load
from ltsa_desk.operations.refusal import refusals
from ltsa_desk.services import intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.validation import ValidationFailed

__all__ = ["FORM_ANSWERS", "Corrected", "correct_record"]

FORM_ANSWERS: tuple[type[Exception], ...] = (
    ValidationFailed,
    intake.WarningsNotConfirmed,
    intake.DuplicateNik,
)
"""The refusals :func:`correct_record` hands on unchanged (see the module's text)."""


@dataclass(frozen=True)
class Corrected:
    """The corrected CPMI's id and the warnings of the record as saved (confirmed ones)."""

    applicant_id: UUID
    warnings: list[str]


def correct_record(
    counter: Workspace,
    actor: Actor,
    which: ApplicantChoice,
    changes: dict[str, str],
    *,
    confirm_warnings: bool = False,
    today: date | None = None,
) -> Corrected:
    """Write the changed fields of one CPMI with the form's rules, in a session of its own.

    A change of any field is queued as a correction for the central registry, and the audit
    log holds the values before and after (the service's work); nothing is written on a refusal.
    """
    with refusals(keep=FORM_ANSWERS), counter.database.write_session() as session:
        applicant = load(session, which)
        result = intake.update_applicant(
            session, applicant, changes, actor, confirm_warnings=confirm_warnings, today=today
        )
        return Corrected(applicant_id=result.applicant.id, warnings=list(result.warnings))
