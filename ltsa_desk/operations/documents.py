"""The document checklist's actions as the officer takes them: read, attach, verify, reject,
"documents complete".

Each reads the office's ``documents.require_verified`` flag itself where the rule depends on it
(the checklist and the "documents complete" step), opens its own session, finds the CPMI as the
caller names it (the window: its row id; the command line: NIK or tracking code) and calls
``services.documents``; a refusal (a paper not on file, a file the store refuses, papers still
missing, a closed case, a date out of range) comes back as one :class:`Refused` and writes
nothing. The services are called through their package (``documents.attach``), so a test that
records a service call sees the operation's call too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.operations.loading import ApplicantChoice, load
from ltsa_desk.operations.refusal import refusals
from ltsa_desk.services import documents
from ltsa_desk.services.context import Actor
from ltsa_desk.services.documents import ChecklistRow, DocumentEntry

__all__ = ["Checklist", "attach", "checklist", "mark_complete", "reject", "verify"]

REQUIRE_VERIFIED = "documents.require_verified"
"""The office's rule: papers count only once verified (on by default), or once received."""


@dataclass(frozen=True)
class Checklist:
    """The papers of one CPMI and the case's status, read in one session; plain data, so it
    crosses threads (the window reads it on a pool thread)."""

    applicant_id: str
    state: str
    rows: list[ChecklistRow]
    require_verified: bool

    @property
    def closed(self) -> bool:
        return self.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}

    @property
    def registration_complete(self) -> bool:
        """Whether every row the "documents complete" step needs is satisfied."""
        rows = [r for r in self.rows if r.needed_from_state == CaseState.DOCUMENTS_COMPLETE.value]
        return bool(rows) and all(r.satisfied for r in rows)


def _require_verified(counter: Workspace) -> bool:
    return bool(counter.config.get(REQUIRE_VERIFIED))


def checklist(counter: Workspace, which: ApplicantChoice, today: date) -> Checklist:
    """The checklist for the case's current and next step, under the office's rule."""
    require_verified = _require_verified(counter)
    with refusals(), counter.database.session() as session:
        applicant = load(session, which)
        rows = documents.checklist(session, applicant.id, today, require_verified=require_verified)
        return Checklist(str(applicant.id), applicant.state, rows, require_verified)


def attach(
    counter: Workspace,
    actor: Actor,
    which: ApplicantChoice,
    kind: str,
    source: Path | bytes,
    today: date,
) -> DocumentEntry:
    """Store a scan or photo (a path or the bytes) as the CPMI's paper of ``kind``, received."""
    store = documents.attachment_store(counter)
    with refusals(), counter.database.write_session() as session:
        applicant = load(session, which)
        return documents.attach(session, store, applicant.id, kind, source, actor, today=today)


def verify(
    counter: Workspace,
    actor: Actor,
    which: ApplicantChoice,
    kind: str,
    today: date,
    *,
    issued_on: date | None = None,
    valid_until: date | None = None,
) -> DocumentEntry:
    """The officer checked the paper against the original: verified, with its dates."""
    with refusals(), counter.database.write_session() as session:
        applicant = load(session, which)
        return documents.verify(
            session,
            applicant.id,
            kind,
            actor,
            issued_on=issued_on,
            valid_until=valid_until,
            today=today,
        )


def reject(
    counter: Workspace, actor: Actor, which: ApplicantChoice, kind: str, reason: str
) -> DocumentEntry:
    """The paper is refused, with the reason the CPMI will be told."""
    with refusals(), counter.database.write_session() as session:
        applicant = load(session, which)
        return documents.reject(session, applicant.id, kind, reason, actor)


def mark_complete(counter: Workspace, actor: Actor, which: ApplicantChoice, today: date) -> None:
    """Move a registered case to "documents complete", refused while a paper is missing (under
    the office's ``documents.require_verified``)."""
    require_verified = _require_verified(counter)
    with refusals(), counter.database.write_session() as session:
        applicant = load(session, which)
        documents.mark_documents_complete(
            session, applicant.id, actor, today=today, require_verified=require_verified
        )
