"""What the steps ask for: the domain's verdict on the papers on file, and the checklist.

The checklist is computed from the domain's requirements table, so the screen, the "documents
complete" guard and the letters that depend on it can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session

from ltsa_desk.domain.documents import (
    REQUIREMENTS,
    DocumentKind,
    DocumentStatus,
    MissingDocument,
    Requirement,
    applies,
    missing_documents,
    required_documents,
)
from ltsa_desk.domain.workflow import HAPPY_PATH, STATE_LABELS_ID, CaseState, step_index
from ltsa_desk.services.documents.records import (
    STAGE_CURRENT,
    STAGE_EXTRA,
    STAGE_LATER,
    STAGE_NEXT,
    ApplicantRef,
    ChecklistRow,
    DocumentEntry,
    documents_on_file,
    entry_of,
    get_applicant,
)
from ltsa_desk.store.models import Applicant, Document


def missing_for(
    applicant: Applicant,
    documents: dict[str, Document],
    state: CaseState,
    *,
    today: date,
    require_verified: bool,
) -> list[MissingDocument]:
    """The domain's verdict on the documents on file (unknown stored kinds are ignored)."""
    statuses: dict[DocumentKind, DocumentStatus] = {}
    issued: dict[DocumentKind, date] = {}
    until: dict[DocumentKind, date] = {}
    for kind_text, document in documents.items():
        try:
            kind = DocumentKind(kind_text)
        except ValueError:
            continue
        statuses[kind] = DocumentStatus(document.status)
        if document.issued_on is not None:
            issued[kind] = document.issued_on
        if document.valid_until is not None:
            until[kind] = document.valid_until
    current = applicant.state if applicant.state != CaseState.CANCELLED.value else None
    return missing_documents(
        state,
        applicant.marital_status,
        statuses,
        today=today,
        issued_on=issued,
        valid_until=until,
        require_verified=require_verified,
        current_state=current,
    )


def _next_state(state: CaseState) -> CaseState:
    """The next step on the placement path (a departed case stays where it is)."""
    index = step_index(state)
    assert index is not None
    return HAPPY_PATH[min(index + 1, len(HAPPY_PATH) - 1)]


def checklist(
    session: Session,
    applicant_id: ApplicantRef,
    today: date | None = None,
    *,
    require_verified: bool = True,
) -> list[ChecklistRow]:
    """The checklist for the applicant's current and next step, then papers already on file.

    Rows come in the table's order: first what the current step needed and what the next step
    needs (cumulative, so a case at ``registered`` sees the registration documents as ``next``),
    then documents brought early for a later step, then documents on file that no step asks for.
    A cancelled case shows only what is on file. ``require_verified`` follows the office setting
    ``documents.require_verified``: a received but unchecked paper is then reported as such.
    """
    today = today or date.today()
    applicant = get_applicant(session, applicant_id)
    documents = documents_on_file(session, applicant.id)
    state = CaseState(applicant.state)
    verdicts = {
        m.requirement: m
        for m in missing_for(
            applicant,
            documents,
            CaseState.DEPARTED,
            today=today,
            require_verified=require_verified,
        )
    }
    current_index = step_index(state)
    shown: list[tuple[str, Requirement]] = []
    if current_index is not None:
        for requirement in required_documents(_next_state(state), applicant.marital_status):
            needed_index = step_index(requirement.needed_from_state)
            assert needed_index is not None
            stage = STAGE_CURRENT if needed_index <= current_index else STAGE_NEXT
            shown.append((stage, requirement))
    listed = {kind.value for _, requirement in shown for kind in requirement.kinds}
    for requirement in REQUIREMENTS:
        kinds = {kind.value for kind in requirement.kinds}
        if kinds & listed or not kinds & documents.keys():
            continue
        if current_index is None or not applies(requirement, applicant.marital_status):
            continue
        shown.append((STAGE_LATER, requirement))
        listed |= kinds

    rows: list[ChecklistRow] = []
    for stage, requirement in shown:
        verdict = verdicts.get(requirement)
        rows.append(
            ChecklistRow(
                label=requirement.label_id,
                kinds=tuple(kind.value for kind in requirement.kinds),
                stage=stage,
                needed_from_state=requirement.needed_from_state.value,
                needed_for_label=STATE_LABELS_ID[requirement.needed_from_state],
                satisfied=verdict is None,
                missing_reason=None if verdict is None else verdict.reason.value,
                missing_message=None if verdict is None else verdict.message,
                max_age_months=requirement.max_age_months,
                entries=tuple(
                    entry_of(kind.value, documents.get(kind.value)) for kind in requirement.kinds
                ),
            )
        )
    for kind_text, document in documents.items():
        if kind_text in listed:
            continue
        entry = entry_of(kind_text, document)
        rows.append(
            ChecklistRow(
                label=entry.label,
                kinds=(kind_text,),
                stage=STAGE_EXTRA,
                needed_from_state=None,
                needed_for_label="",
                satisfied=True,
                missing_reason=None,
                missing_message=None,
                max_age_months=None,
                entries=(entry,),
            )
        )
    return rows


def entries_of(rows: Iterable[ChecklistRow]) -> list[DocumentEntry]:
    """Every document entry of a checklist, flattened (for screens listing one line per paper)."""
    return [entry for row in rows for entry in row.entries]
