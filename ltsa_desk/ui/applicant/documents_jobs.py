"""The documents panel's reads and writes, each one job on ``ctx.runner``: plain data in and out.

Nothing here touches a widget, so each function runs on a pool thread and opens its own session:
the checklist is read in one session (with the "documents must be verified" flag of the
counter's configuration), and every change (attach, verify, reject, "documents complete") is one
write session through ``services.documents``, whose refusals come back as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import documents
from ltsa_desk.services.documents import ChecklistRow, DocumentEntry

__all__ = [
    "ChecklistView",
    "attach_file",
    "load_checklist",
    "mark_complete",
    "reject_document",
    "verify_document",
]


@dataclass(frozen=True)
class ChecklistView:
    """What the panel shows for one applicant, read in one session."""

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


def load_checklist(workspace: Any, applicant_id: str, today: date) -> ChecklistView:
    """The checklist and the case's state, off the GUI thread."""
    require_verified = bool(workspace.config.get("documents.require_verified"))
    with workspace.database.session() as session:
        applicant = documents.get_applicant(session, applicant_id)
        rows = documents.checklist(session, applicant_id, today, require_verified=require_verified)
        return ChecklistView(str(applicant.id), applicant.state, rows, require_verified)


def attach_file(
    workspace: Any, actor: Any, applicant_id: str, kind: str, path: Path, today: date
) -> DocumentEntry:
    store = documents.attachment_store(workspace)
    with workspace.database.write_session() as session:
        return documents.attach(session, store, applicant_id, kind, path, actor, today=today)


def verify_document(
    workspace: Any,
    actor: Any,
    applicant_id: str,
    kind: str,
    issued_on: date | None,
    valid_until: date | None,
    today: date,
) -> DocumentEntry:
    with workspace.database.write_session() as session:
        return documents.verify(
            session,
            applicant_id,
            kind,
            actor,
            issued_on=issued_on,
            valid_until=valid_until,
            today=today,
        )


def reject_document(
    workspace: Any, actor: Any, applicant_id: str, kind: str, reason: str
) -> DocumentEntry:
    with workspace.database.write_session() as session:
        return documents.reject(session, applicant_id, kind, reason, actor)


def mark_complete(
    workspace: Any, actor: Any, applicant_id: str, today: date, require_verified: bool
) -> None:
    with workspace.database.write_session() as session:
        documents.mark_documents_complete(
            session, applicant_id, actor, today=today, require_verified=require_verified
        )
