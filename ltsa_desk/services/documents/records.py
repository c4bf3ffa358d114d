"""The plain values a document screen gets, and finding the applicant a change is about.

Screens get frozen dataclasses, never ORM rows bound to a closed session; the errors carry the
Indonesian sentence the officer is shown as is.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from ltsa_desk.domain.documents import (
    DOCUMENT_KIND_LABELS_ID,
    DOCUMENT_STATUS_LABELS_ID,
    DocumentKind,
    DocumentStatus,
    MissingDocument,
)
from ltsa_desk.domain.workflow import STATE_LABELS_ID, CaseState
from ltsa_desk.services.applicants import ApplicantNotFound
from ltsa_desk.services.intake import ApplicantClosed
from ltsa_desk.store.attachments import AttachmentStore, BlobStore
from ltsa_desk.store.models import Applicant, Document

#: How services name an applicant: its id (UUID or its text, as screens pass it) or the row.
ApplicantRef = uuid.UUID | str | Applicant

# Stages of a checklist row, in the order the screen groups them.
STAGE_CURRENT = "current"  # needed for the step the case is at (should already be satisfied)
STAGE_NEXT = "next"  # needed for the next step: what the officer works on now
STAGE_LATER = "later"  # needed for a later step, but already brought (a passport handed in early)
STAGE_EXTRA = "extra"  # on file although no step asks for it (a buku nikah of a single CPMI)


class DocumentError(ValueError):
    """A document action the rules refuse; ``message`` is Indonesian, for the officer as is.

    ``code`` is stable for callers: ``unknown_kind``, ``not_on_file``, ``already_verified``,
    ``rejected``.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class DocumentsIncomplete(ValueError):
    """The documents do not yet satisfy the step; ``missing`` lists each gap with its sentence."""

    def __init__(self, missing: Sequence[MissingDocument]) -> None:
        self.missing = list(missing)
        self.message = "Dokumen belum lengkap: " + "; ".join(m.message for m in self.missing)
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    """One document kind of one applicant, as on file (status ``missing`` when never brought)."""

    kind: str
    label: str
    status: str
    status_label: str
    document_id: str | None = None
    attachment_sha256: str | None = None
    media_type: str | None = None
    issued_on: date | None = None
    valid_until: date | None = None
    received_by: str | None = None
    received_at: datetime | None = None
    verified_by: str | None = None
    verified_at: datetime | None = None
    rejection_reason: str | None = None

    @property
    def on_file(self) -> bool:
        return self.status != DocumentStatus.MISSING.value


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    """One line of the checklist: a required document or an "any one of" group.

    ``entries`` holds one entry per kind of the row (two for "Akta kelahiran atau Ijazah"), so the
    screen can attach either; ``entry`` is the one that represents the row (the best one on file).
    ``stage`` says why the row is shown: ``current``, ``next``, ``later`` or ``extra`` (see the
    constants above). ``missing_reason`` is a ``MissingReason`` value, ``None`` when satisfied.
    """

    label: str
    kinds: tuple[str, ...]
    stage: str
    needed_from_state: str | None
    needed_for_label: str
    satisfied: bool
    missing_reason: str | None
    missing_message: str | None
    max_age_months: int | None
    entries: tuple[DocumentEntry, ...]

    @property
    def entry(self) -> DocumentEntry:
        rank = {
            DocumentStatus.VERIFIED.value: 0,
            DocumentStatus.RECEIVED.value: 1,
            DocumentStatus.REJECTED.value: 2,
            DocumentStatus.MISSING.value: 3,
        }
        return min(self.entries, key=lambda e: rank.get(e.status, 4))

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def status(self) -> str:
        return self.entry.status

    @property
    def status_label(self) -> str:
        return self.entry.status_label

    @property
    def is_group(self) -> bool:
        return len(self.kinds) > 1


def attachment_store(workspace: Any) -> BlobStore:
    """The workspace's attachment store, with the configured size limit.

    Prefers ``workspace.attachments`` when the workspace provides one (the encrypted store), so
    documents never bypass it; otherwise the plain file store under the data folder.
    """
    store = getattr(workspace, "attachments", None)
    if store is not None and hasattr(store, "put"):
        return store  # type: ignore[no-any-return]
    max_mb = int(workspace.config.get("attachments.max_mb"))
    return AttachmentStore(workspace.attachments_dir, max_bytes=max_mb * 1024 * 1024)


def local_date(moment: datetime) -> date:
    """The counter's calendar day of a stored (UTC) time: "today" means the officer's today."""
    return moment.astimezone().date()


def _uuid(value: uuid.UUID | str | Applicant) -> uuid.UUID:
    if isinstance(value, Applicant):
        return value.id
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ApplicantNotFound(str(value)) from None


def get_applicant(session: Session, applicant_id: ApplicantRef) -> Applicant:
    """This session's row of the applicant, or :class:`ApplicantNotFound` (a stale screen).

    An id (UUID or its text, as screens pass it) or an ``Applicant`` loaded elsewhere is
    accepted; the row is always read through ``session`` so changes land in its transaction.
    """
    applicant = session.get(Applicant, _uuid(applicant_id))
    if applicant is None:
        raise ApplicantNotFound(str(applicant_id))
    return applicant


def open_applicant(session: Session, applicant_id: ApplicantRef) -> Applicant:
    """The applicant for a change to its papers: refused once the case is cancelled or departed."""
    applicant = get_applicant(session, applicant_id)
    if applicant.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}:
        label = STATE_LABELS_ID[CaseState(applicant.state)].lower()
        raise ApplicantClosed(
            f"CPMI {applicant.tracking_code} sudah {label}; dokumennya tidak bisa diubah"
        )
    return applicant


def kind_of(kind: DocumentKind | str) -> DocumentKind:
    """The document kind a screen or the CLI names, or :class:`DocumentError` ``unknown_kind``."""
    try:
        return DocumentKind(kind)
    except ValueError:
        raise DocumentError("unknown_kind", f"Jenis dokumen tidak dikenal: {kind}") from None


def label_of(kind: str) -> str:
    """The Indonesian label of a stored document kind (the kind itself when it is unknown)."""
    try:
        return DOCUMENT_KIND_LABELS_ID[DocumentKind(kind)]
    except ValueError:
        return kind


def documents_on_file(session: Session, applicant_id: uuid.UUID) -> dict[str, Document]:
    """The applicant's document rows by kind (at most one row per kind)."""
    rows = session.exec(select(Document).where(Document.applicant_id == applicant_id)).all()
    return {row.kind: row for row in rows}


def entry_of(kind: str, document: Document | None) -> DocumentEntry:
    """A document row (or its absence) as the plain entry screens show."""
    if document is None:
        status = DocumentStatus.MISSING.value
        return DocumentEntry(
            kind, label_of(kind), status, DOCUMENT_STATUS_LABELS_ID[DocumentStatus(status)]
        )
    return DocumentEntry(
        kind=kind,
        label=label_of(kind),
        status=document.status,
        status_label=DOCUMENT_STATUS_LABELS_ID.get(
            DocumentStatus(document.status), document.status
        ),
        document_id=str(document.id),
        attachment_sha256=document.attachment_sha256,
        media_type=document.media_type,
        issued_on=document.issued_on,
        valid_until=document.valid_until,
        received_by=document.received_by,
        received_at=document.received_at,
        verified_by=document.verified_by,
        verified_at=document.verified_at,
        rejection_reason=document.rejection_reason,
    )
