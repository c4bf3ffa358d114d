"""Changes to a CPMI's papers: attach, verify, reject, and moving the case on when complete.

Every change writes the document row and its audit entry in ONE transaction and commits it; a
refusal rolls back, which also ends the transaction (on SQLite a write session holds the write
lock from BEGIN, and the officer's screen keeps its session open after a refusal). Verifying and
rejecting are both the officer's decision on a paper on file and go through one path
(:func:`_decide`), which differs only in the statuses it refuses and the fields it sets.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from ltsa_desk.domain.documents import (
    DOCUMENT_KIND_LABELS_ID,
    DocumentKind,
    DocumentStatus,
    MissingDocument,
)
from ltsa_desk.domain.workflow import CaseState, check_transition
from ltsa_desk.services import audit
from ltsa_desk.services.context import Actor
from ltsa_desk.services.documents.records import (
    ApplicantRef,
    DocumentEntry,
    DocumentError,
    DocumentsIncomplete,
    documents_on_file,
    entry_of,
    get_applicant,
    kind_of,
    open_applicant,
)
from ltsa_desk.services.documents.requirements import missing_for
from ltsa_desk.services.intake import change_state
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.attachments import BlobStore, Source
from ltsa_desk.store.models import Applicant, Document, utc_now

REASON_MAX = 500


def _find_document(
    session: Session, applicant_id: uuid.UUID, kind: DocumentKind
) -> Document | None:
    return session.exec(
        select(Document).where(Document.applicant_id == applicant_id, Document.kind == kind.value)
    ).first()


def _snapshot(document: Document) -> dict[str, Any]:
    return {
        "status": document.status,
        "sha256": document.attachment_sha256,
        "media_type": document.media_type,
        "issued_on": document.issued_on,
        "valid_until": document.valid_until,
        "rejection_reason": document.rejection_reason,
    }


def _record_change(
    session: Session,
    document: Document,
    applicant: Applicant,
    action: str,
    before: dict[str, Any] | None,
    officer: Actor,
    **extra: Any,
) -> None:
    """Save a document's new state with its audit entry (before and after), then commit."""
    session.add(document)
    after = _snapshot(document)
    after.update(applicant_id=applicant.id, kind=document.kind, **extra)
    audit.record(
        session,
        actor=officer.username,
        action=action,
        entity="document",
        entity_id=document.id,
        before=before,
        after=after,
        counter_id=officer.counter_id,
    )
    session.commit()


def _reason_text(reason: str | None, what: str) -> str:
    cleaned = " ".join((reason or "").split())
    if not cleaned:
        raise ValidationFailed({"reason": f"Alasan {what} wajib diisi"})
    if len(cleaned) > REASON_MAX:
        raise ValidationFailed(
            {
                "reason": f"Alasan {what} terlalu panjang ({len(cleaned)} karakter, paling banyak "
                f"{REASON_MAX})"
            }
        )
    return cleaned


def _check_dates(issued_on: date | None, valid_until: date | None, today: date) -> None:
    errors: dict[str, str] = {}
    if issued_on is not None and issued_on > today:
        errors["issued_on"] = "Tanggal terbit tidak boleh di masa depan"
    if issued_on is not None and valid_until is not None and valid_until < issued_on:
        errors["valid_until"] = "Tanggal berlaku sampai tidak boleh sebelum tanggal terbit"
    if errors:
        raise ValidationFailed(errors)


def attach(
    session: Session,
    store: BlobStore,
    applicant_id: ApplicantRef,
    kind: DocumentKind | str,
    source: Source,
    officer: Actor,
    issued_on: date | None = None,
    valid_until: date | None = None,
    *,
    today: date | None = None,
) -> DocumentEntry:
    """Store a scan or photo of a document and mark it received (replacing an earlier file).

    The store checks the file first (PDF, JPEG or PNG, complete, not larger than the limit) and
    refuses with :class:`~ltsa_desk.store.attachments.AttachmentRejected`, whose Indonesian message
    is shown as is. The file is written before the database transaction begins, so a large scan
    never holds the office database's write lock; a file left behind by a refused transaction is
    harmless (content-addressed, reused by the next attach of the same bytes).

    Re-attaching a verified or rejected document resets it to received: the new paper has not
    been checked yet.
    """
    document_kind = kind_of(kind)
    _check_dates(issued_on, valid_until, today or date.today())
    stored = store.put(source)
    try:
        applicant = open_applicant(session, applicant_id)
        document = _find_document(session, applicant.id, document_kind)
        before = None if document is None else _snapshot(document)
        if document is None:
            document = Document(applicant_id=applicant.id, kind=document_kind.value)
        now = utc_now()
        document.status = DocumentStatus.RECEIVED.value
        document.attachment_sha256 = stored.sha256
        document.media_type = stored.media_type
        document.issued_on = issued_on
        document.valid_until = valid_until
        document.received_by = officer.username
        document.received_at = now
        document.verified_by = None
        document.verified_at = None
        document.rejection_reason = None
        document.updated_at = now
        _record_change(
            session, document, applicant, "document.attach", before, officer, size=stored.size
        )
    except BaseException:
        session.rollback()
        raise
    return entry_of(document_kind.value, document)


#: A status the officer's decision refuses to act on: (status, error code, the words after the
#: document's label in the refusal).
Refusal = tuple[DocumentStatus, str, str]


def _decide(
    session: Session,
    applicant_id: ApplicantRef,
    document_kind: DocumentKind,
    officer: Actor,
    *,
    action: str,
    not_on_file: str,
    refusals: Sequence[Refusal],
    decision: Callable[[Document, datetime], None],
) -> DocumentEntry:
    """The officer's decision on a paper on file (verify or reject), in one transaction.

    Refuses a paper that is not on file or stands in one of ``refusals``; ``decision`` then sets
    the new status and its fields (and may still refuse, e.g. a date in the future) before the
    change is recorded with its audit entry. Any refusal rolls the transaction back.
    """
    label = DOCUMENT_KIND_LABELS_ID[document_kind]
    try:
        applicant = open_applicant(session, applicant_id)
        document = _find_document(session, applicant.id, document_kind)
        if document is None or document.status == DocumentStatus.MISSING.value:
            raise DocumentError("not_on_file", f"{label} {not_on_file}")
        for status, code, words in refusals:
            if document.status == status.value:
                raise DocumentError(code, f"{label} {words}")
        before = _snapshot(document)
        now = utc_now()
        decision(document, now)
        document.updated_at = now
        _record_change(session, document, applicant, action, before, officer)
    except BaseException:
        session.rollback()
        raise
    return entry_of(document_kind.value, document)


def verify(
    session: Session,
    applicant_id: ApplicantRef,
    kind: DocumentKind | str,
    officer: Actor,
    *,
    issued_on: date | None = None,
    valid_until: date | None = None,
    today: date | None = None,
) -> DocumentEntry:
    """Record that the officer checked the paper against the original.

    The dates may be given here, since the officer reads them off the original while verifying
    (the medical certificate's issue date decides whether it is still fresh enough). Only a
    received document can be verified: a rejected one needs a new file first.
    """
    document_kind = kind_of(kind)

    def mark_verified(document: Document, now: datetime) -> None:
        new_issued = issued_on if issued_on is not None else document.issued_on
        new_until = valid_until if valid_until is not None else document.valid_until
        _check_dates(new_issued, new_until, today or date.today())
        document.status = DocumentStatus.VERIFIED.value
        document.issued_on = new_issued
        document.valid_until = new_until
        document.verified_by = officer.username
        document.verified_at = now

    return _decide(
        session,
        applicant_id,
        document_kind,
        officer,
        action="document.verify",
        not_on_file="belum ada; lampirkan dulu",
        refusals=(
            (DocumentStatus.VERIFIED, "already_verified", "sudah terverifikasi"),
            (DocumentStatus.REJECTED, "rejected", "ditolak; lampirkan berkas yang baru dulu"),
        ),
        decision=mark_verified,
    )


def reject(
    session: Session,
    applicant_id: ApplicantRef,
    kind: DocumentKind | str,
    reason: str,
    officer: Actor,
) -> DocumentEntry:
    """Refuse a received (or even verified) document, with the reason the CPMI will be told.

    The file stays attached and named in the history, so the office can later show what was
    refused and why; the CPMI brings a new paper, which :func:`attach` then replaces.
    """
    document_kind = kind_of(kind)
    cleaned = _reason_text(reason, "penolakan")

    def mark_rejected(document: Document, now: datetime) -> None:
        document.status = DocumentStatus.REJECTED.value
        document.rejection_reason = cleaned
        document.verified_by = None
        document.verified_at = None

    return _decide(
        session,
        applicant_id,
        document_kind,
        officer,
        action="document.reject",
        not_on_file="belum ada; tidak ada yang bisa ditolak",
        refusals=((DocumentStatus.REJECTED, "rejected", "sudah ditolak"),),
        decision=mark_rejected,
    )


def _move_to_documents_complete(
    session: Session,
    applicant: Applicant,
    officer: Actor,
    *,
    today: date,
    require_verified: bool,
) -> list[MissingDocument]:
    missing = missing_for(
        applicant,
        documents_on_file(session, applicant.id),
        CaseState.DOCUMENTS_COMPLETE,
        today=today,
        require_verified=require_verified,
    )
    if not missing:
        change_state(
            session,
            applicant,
            CaseState.DOCUMENTS_COMPLETE,
            officer,
            note="Dokumen pendaftaran lengkap",
        )
    return missing


def mark_documents_complete(
    session: Session,
    applicant_id: ApplicantRef,
    officer: Actor,
    *,
    today: date | None = None,
    require_verified: bool = True,
) -> None:
    """Move a registered case to ``documents_complete``, refusing while anything is missing.

    Raises :class:`DocumentsIncomplete` (every gap in words) or the workflow's
    ``IllegalTransition`` when the case is not at ``registered``.
    """
    try:
        applicant = open_applicant(session, applicant_id)
        check_transition(applicant.state, CaseState.DOCUMENTS_COMPLETE)
        missing = _move_to_documents_complete(
            session,
            applicant,
            officer,
            today=today or date.today(),
            require_verified=require_verified,
        )
        if missing:
            raise DocumentsIncomplete(missing)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def advance_if_complete(
    session: Session,
    applicant_id: ApplicantRef,
    officer: Actor,
    *,
    today: date | None = None,
    require_verified: bool = True,
) -> bool:
    """After a document change: move a registered case on when its documents are now complete.

    Returns whether the case moved. Never raises for "not yet" (that is the normal answer while
    the officer works through the list); a case past ``registered`` is left as it is.
    """
    try:
        applicant = get_applicant(session, applicant_id)
        if applicant.state != CaseState.REGISTERED.value:
            session.rollback()
            return False
        missing = _move_to_documents_complete(
            session,
            applicant,
            officer,
            today=today or date.today(),
            require_verified=require_verified,
        )
        if missing:
            session.rollback()
            return False
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return True
