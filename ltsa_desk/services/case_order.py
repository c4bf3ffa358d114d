"""The case order and an admin's decision to skip it (issue 16, item 2).

The order is the domain's (``domain/workflow.py``): registered -> documents complete -> recommended
-> passport requested -> passport issued -> departed. Each step's own service keeps it: the
documents move a case to ``documents_complete`` only when every required paper is verified, the
recommendation letter moves it to ``recommended``, the passport request needs that status.

Some cases cannot follow it and are not wrong: a CPMI who already holds a passport, a case moved
in from an old register whose papers sit in a paper file. Moving such a case forward is an admin's
decision, never an officer's, and never without a reason: :func:`skip_order` records it in the
audit log (``applicant.skip_order``: before, after, reason, the steps jumped over) and as a status
change with the reason in the case's history. The window and the command line both call it.

A skip moves the status only. The letters still state facts: an SPR ("dokumen pendaftarannya
telah lengkap") is refused while the registration documents are not verified, skip or not.

:func:`passport_blocker` says in the officer's words why the passport cannot be requested now;
the window shows it beside the disabled button.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from ltsa_desk.domain.workflow import (
    HAPPY_PATH,
    CaseState,
    IllegalTransition,
    allowed_skips,
    check_skip,
    check_transition,
    step_index,
)
from ltsa_desk.services import submissions
from ltsa_desk.services.context import Actor
from ltsa_desk.services.documents import ApplicantRef, open_applicant
from ltsa_desk.services.intake import move_state
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.models import Applicant

__all__ = [
    "ADMIN",
    "REASON_MAX",
    "Blocker",
    "NotPermitted",
    "passport_blocker",
    "skip_order",
    "skip_targets",
]

ADMIN = "admin"
REASON_MAX = 500
SKIP_NOTE = "Urutan dilewati oleh admin: "

#: The officer's words for what is missing before the passport may be requested (by the
#: workflow's reason code); the window translates its own copy of these.
_PASSPORT_BLOCKERS = {
    "needs_documents": "dokumen pendaftaran belum lengkap dan terverifikasi",
    "needs_recommendation": "Surat Rekomendasi Paspor belum terbit",
}


class NotPermitted(PermissionError):
    """The acting account's role may not do this; the message (Indonesian) says who may.

    ``field`` names the command line's ``--as``, as the other refusals of an account do.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = "as"


@dataclass(frozen=True, slots=True)
class Blocker:
    """Why an action is not possible now: the workflow's code and the officer's sentence."""

    code: str
    text: str


def _require_admin(actor: Actor) -> None:
    if actor.role != ADMIN:
        raise NotPermitted(
            f"Pengguna '{actor.username}' tidak boleh melewati urutan kasus; hanya Admin"
        )


def skip_targets(applicant: Applicant, actor: Actor) -> list[CaseState]:
    """The steps ``actor`` may move the case to over the order, in path order (none unless
    admin)."""
    if actor.role != ADMIN:
        return []
    return sorted(allowed_skips(applicant.state), key=lambda s: step_index(s) or 0)


def passport_blocker(applicant: Applicant, *, require_recommendation: bool) -> Blocker | None:
    """Why the passport cannot be requested now (``None`` when it can), in the officer's words:
    "Ajukan paspor: Surat Rekomendasi Paspor belum terbit"."""
    try:
        check_transition(
            applicant.state,
            CaseState.PASSPORT_REQUESTED,
            require_recommendation=require_recommendation,
        )
    except IllegalTransition as exc:
        words = _PASSPORT_BLOCKERS.get(exc.reason)
        return Blocker(exc.reason, f"Ajukan paspor: {words}" if words else exc.message)
    return None


def skip_order(
    session: Session,
    applicant_id: ApplicantRef,
    to_state: CaseState | str,
    actor: Actor,
    reason: str,
) -> None:
    """Move the case forward to ``to_state`` over the order: an admin's decision with a reason.

    One transaction: the status, its history entry (the reason as its note), the audit entry
    ``applicant.skip_order`` and, when the case lands on ``passport_requested``, the application
    queued to immigration as :func:`~ltsa_desk.services.intake.request_passport` does (a
    passport that already exists, ``passport_issued``, sends nothing). Refusals write nothing:
    :class:`NotPermitted` (not an admin), :class:`ValidationFailed` (no reason) and the
    workflow's ``IllegalTransition`` (backwards, a final case, ``departed``).
    """
    _require_admin(actor)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationFailed({"reason": "Alasan melewati urutan wajib diisi"})
    reason = reason[:REASON_MAX]
    to_state = CaseState(to_state)
    try:
        applicant = open_applicant(session, applicant_id)
        from_state = CaseState(applicant.state)
        check_skip(from_state, to_state)
        start, end = step_index(from_state) or 0, step_index(to_state) or 0
        skipped = [step.value for step in HAPPY_PATH[start + 1 : end]]
        move_state(
            session,
            applicant,
            to_state,
            actor,
            note=SKIP_NOTE + reason,
            action="applicant.skip_order",
            audit_after={"state": to_state.value, "reason": reason, "skipped": skipped},
        )
        if to_state is CaseState.PASSPORT_REQUESTED:
            session.flush()
            submissions.queue_passport_application(session, applicant)
        session.commit()
    except BaseException:
        session.rollback()
        raise
