"""The document checklist of a CPMI: attach, verify and reject papers, and read their history.

The checklist is computed from the domain's requirements table (``ltsa_desk.domain.documents``) so
the screen, the "documents complete" guard and the letters that depend on it can never disagree.
Every change writes the document row and its audit entry in ONE transaction and commits it; a
refusal rolls back, which also ends the transaction (on SQLite a write session holds the write lock
from BEGIN, and the officer's screen keeps its session open after a refusal).

No Qt here: screens call these functions through ``ctx.runner`` and get plain dataclasses back,
never ORM rows bound to a closed session.

One module per job: ``records`` (the plain values screens get, and finding the applicant),
``requirements`` (what the steps ask for: the checklist), ``changes`` (attach, and the officer's
decision on a paper: verify or reject, through one path) and ``timeline`` (the history in words).
Callers use this package (``from ltsa_desk.services import documents``), not its modules.
"""

from __future__ import annotations

from ltsa_desk.services.documents.changes import (
    advance_if_complete,
    attach,
    mark_documents_complete,
    reject,
    verify,
)
from ltsa_desk.services.documents.records import (
    ApplicantRef,
    ChecklistRow,
    DocumentEntry,
    DocumentError,
    DocumentsIncomplete,
    attachment_store,
    documents_on_file,
    get_applicant,
    local_date,
    open_applicant,
)
from ltsa_desk.services.documents.requirements import checklist, entries_of, missing_for
from ltsa_desk.services.documents.timeline import HistoryRow, history

__all__ = [
    "ApplicantRef",
    "ChecklistRow",
    "DocumentEntry",
    "DocumentError",
    "DocumentsIncomplete",
    "HistoryRow",
    "advance_if_complete",
    "attach",
    "attachment_store",
    "checklist",
    "documents_on_file",
    "entries_of",
    "get_applicant",
    "history",
    "local_date",
    "mark_documents_complete",
    "missing_for",
    "open_applicant",
    "reject",
    "verify",
]
