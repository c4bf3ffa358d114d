"""The document checklist of a CPMI: attach, verify and reject papers, and read their history.

The checklist is computed from the domain's requirements table (``ltsa_desk.domain.documents``) so
the screen, the "documents complete" guard and the letters that depend on it can never disagree.
Every change writes the document row and its audit entry in ONE transaction and commits it; a
refusal rolls back, which also ends the transaction (on SQLite a write session holds the write lock
from BEGIN, and the officer's screen keeps its session open after a refusal).

No Qt here: screens call these functions through ``ctx.runner`` and get plain dataclasses back,
never ORM rows bound to a closed session.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from ltsa_desk.domain.documents import (
    DOCUMENT_KIND_LABELS_ID,
    DOCUMENT_STATUS_LABELS_ID,
    REQUIREMENTS,
    DocumentKind,
    DocumentStatus,
    MissingDocument,
    Requirement,
    applies,
    missing_documents,
    required_documents,
)
from ltsa_desk.domain.values import field_label
from ltsa_desk.domain.workflow import (
    HAPPY_PATH,
    STATE_LABELS_ID,
    CaseState,
    check_transition,
    step_index,
)
from ltsa_desk.services import audit
from ltsa_desk.services.applicants import ApplicantNotFound
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import ApplicantClosed, change_state
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.attachments import (
    MEDIA_JPEG,
    MEDIA_PDF,
    MEDIA_PNG,
    AttachmentStore,
    BlobStore,
    Source,
    format_size,
)
from ltsa_desk.store.models import Applicant, AuditLog, CaseEvent, Document, Letter, utc_now

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

#: How services name an applicant: its id (UUID or its text, as screens pass it) or the row.
ApplicantRef = uuid.UUID | str | Applicant

MEDIA_LABELS = {MEDIA_PDF: "PDF", MEDIA_JPEG: "JPEG", MEDIA_PNG: "PNG"}
REASON_MAX = 500

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


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One event of an applicant's history in plain words (newest first in :func:`history`).

    ``at`` is aware UTC (the screen shows local time); ``action`` is a stable code the screen may
    use for an icon; ``text`` is the Indonesian sentence; ``subject`` names what it is about (a
    document's label, a letter's title and number) so summaries can group events.
    """

    at: datetime
    actor: str
    action: str
    text: str
    note: str | None = None
    subject: str | None = None


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


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
    applicant = get_applicant(session, applicant_id)
    if applicant.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}:
        label = STATE_LABELS_ID[CaseState(applicant.state)].lower()
        raise ApplicantClosed(
            f"CPMI {applicant.tracking_code} sudah {label}; dokumennya tidak bisa diubah"
        )
    return applicant


def _kind(kind: DocumentKind | str) -> DocumentKind:
    try:
        return DocumentKind(kind)
    except ValueError:
        raise DocumentError("unknown_kind", f"Jenis dokumen tidak dikenal: {kind}") from None


def _label(kind: str) -> str:
    try:
        return DOCUMENT_KIND_LABELS_ID[DocumentKind(kind)]
    except ValueError:
        return kind


def documents_on_file(session: Session, applicant_id: uuid.UUID) -> dict[str, Document]:
    rows = session.exec(select(Document).where(Document.applicant_id == applicant_id)).all()
    return {row.kind: row for row in rows}


def _find_document(
    session: Session, applicant_id: uuid.UUID, kind: DocumentKind
) -> Document | None:
    return session.exec(
        select(Document).where(Document.applicant_id == applicant_id, Document.kind == kind.value)
    ).first()


def _entry(kind: str, document: Document | None) -> DocumentEntry:
    if document is None:
        status = DocumentStatus.MISSING.value
        return DocumentEntry(
            kind, _label(kind), status, DOCUMENT_STATUS_LABELS_ID[DocumentStatus(status)]
        )
    return DocumentEntry(
        kind=kind,
        label=_label(kind),
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


# --------------------------------------------------------------------------------------------
# the checklist
# --------------------------------------------------------------------------------------------


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
                    _entry(kind.value, documents.get(kind.value)) for kind in requirement.kinds
                ),
            )
        )
    for kind_text, document in documents.items():
        if kind_text in listed:
            continue
        entry = _entry(kind_text, document)
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


# --------------------------------------------------------------------------------------------
# changes (one transaction each)
# --------------------------------------------------------------------------------------------


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
    document_kind = _kind(kind)
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
    return _entry(document_kind.value, document)


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
    document_kind = _kind(kind)
    label = DOCUMENT_KIND_LABELS_ID[document_kind]
    try:
        applicant = open_applicant(session, applicant_id)
        document = _find_document(session, applicant.id, document_kind)
        if document is None or document.status == DocumentStatus.MISSING.value:
            raise DocumentError("not_on_file", f"{label} belum ada; lampirkan dulu")
        if document.status == DocumentStatus.VERIFIED.value:
            raise DocumentError("already_verified", f"{label} sudah terverifikasi")
        if document.status == DocumentStatus.REJECTED.value:
            raise DocumentError("rejected", f"{label} ditolak; lampirkan berkas yang baru dulu")
        new_issued = issued_on if issued_on is not None else document.issued_on
        new_until = valid_until if valid_until is not None else document.valid_until
        _check_dates(new_issued, new_until, today or date.today())
        before = _snapshot(document)
        now = utc_now()
        document.status = DocumentStatus.VERIFIED.value
        document.issued_on = new_issued
        document.valid_until = new_until
        document.verified_by = officer.username
        document.verified_at = now
        document.updated_at = now
        _record_change(session, document, applicant, "document.verify", before, officer)
    except BaseException:
        session.rollback()
        raise
    return _entry(document_kind.value, document)


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
    document_kind = _kind(kind)
    label = DOCUMENT_KIND_LABELS_ID[document_kind]
    cleaned = _reason_text(reason, "penolakan")
    try:
        applicant = open_applicant(session, applicant_id)
        document = _find_document(session, applicant.id, document_kind)
        if document is None or document.status == DocumentStatus.MISSING.value:
            raise DocumentError("not_on_file", f"{label} belum ada; tidak ada yang bisa ditolak")
        if document.status == DocumentStatus.REJECTED.value:
            raise DocumentError("rejected", f"{label} sudah ditolak")
        before = _snapshot(document)
        now = utc_now()
        document.status = DocumentStatus.REJECTED.value
        document.rejection_reason = cleaned
        document.verified_by = None
        document.verified_at = None
        document.updated_at = now
        _record_change(session, document, applicant, "document.reject", before, officer)
    except BaseException:
        session.rollback()
        raise
    return _entry(document_kind.value, document)


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


# --------------------------------------------------------------------------------------------
# history
# --------------------------------------------------------------------------------------------


def _loads(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _audit_text(entry: AuditLog) -> tuple[str, str | None, str | None] | None:
    """Plain words for one audit entry, or ``None`` when a case event already tells it."""
    before, after = _loads(entry.before), _loads(entry.after)
    action = entry.action
    if action in {"applicant.state", "applicant.remote_status", "applicant.skip_order"}:
        return None  # the case event tells it (a skip with the admin's reason as its note)
    if action == "applicant.register":
        return f"Didaftarkan dengan kode {after.get('tracking_code', '')}".strip(), None, None
    if action == "applicant.import":
        return (
            f"Dimasukkan dari register lama, kode {after.get('tracking_code', '')}".strip(),
            None,
            None,
        )
    if action == "applicant.update":
        fields = ", ".join(field_label(name) for name in sorted(after))
        return f"Data diubah: {fields}", None, None
    if action.startswith("document."):
        label = _label(str(after.get("kind", "")))
        if action == "document.attach":
            media = MEDIA_LABELS.get(str(after.get("media_type")), "berkas")
            size = after.get("size")
            detail = f"{media}, {format_size(int(size))}" if isinstance(size, int) else media
            verb = "diganti dengan berkas baru" if before else "dilampirkan"
            return f"{label} {verb} ({detail})", None, label
        if action == "document.verify":
            return f"{label} diverifikasi", None, label
        if action == "document.reject":
            return f"{label} ditolak", after.get("rejection_reason"), label
    if action.startswith("letter."):
        title = after.get("title") or "Surat"
        number = after.get("number", "")
        subject = f"{title} nomor {number}"
        if action == "letter.issue":
            return f"{title} diterbitkan, nomor {number}", None, subject
        if action == "letter.void":
            return f"{title} nomor {number} dibatalkan", after.get("reason"), subject
        if action == "letter.reprint":
            return f"Salinan {title} nomor {number} dicetak", None, subject
    return action, None, None


def _case_event_text(event: CaseEvent) -> tuple[str, str | None] | None:
    if event.from_state is None:
        return None  # the registration's audit entry tells it, with the tracking code
    if event.from_state == event.to_state:
        return event.note or "Status diperbarui", None
    src = STATE_LABELS_ID.get(CaseState(event.from_state), event.from_state)
    dst = STATE_LABELS_ID.get(CaseState(event.to_state), event.to_state)
    return f"Status: {src} → {dst}", event.note


def _entity_ids(session: Session, applicant_id: uuid.UUID) -> list[str]:
    ids = [str(applicant_id)]
    ids += [
        str(i)
        for i in session.exec(select(Document.id).where(Document.applicant_id == applicant_id))
    ]
    ids += [
        str(i) for i in session.exec(select(Letter.id).where(Letter.applicant_id == applicant_id))
    ]
    return ids


def history(
    session: Session, applicant_id: ApplicantRef, *, since: datetime | None = None
) -> list[HistoryRow]:
    """Everything that happened to the applicant, newest first, in plain Indonesian words.

    Built from the audit log (registration, corrections, documents, letters) and the case events
    (status changes, including immigration's status pulled by the sync engine). ``since`` limits
    it, e.g. to today for the receipt.
    """
    applicant = get_applicant(session, applicant_id)
    rows: list[tuple[datetime, int, HistoryRow]] = []
    statement = select(AuditLog).where(
        col(AuditLog.entity_id).in_(_entity_ids(session, applicant.id))
    )
    if since is not None:
        statement = statement.where(AuditLog.at >= since)
    for entry in session.exec(statement).all():
        told = _audit_text(entry)
        if told is not None:
            text, note, subject = told
            row = HistoryRow(entry.at, entry.actor, entry.action, text, note, subject)
            rows.append((entry.at, entry.id or 0, row))
    events = select(CaseEvent).where(CaseEvent.applicant_id == applicant.id)
    if since is not None:
        events = events.where(CaseEvent.at >= since)
    for event in session.exec(events).all():
        told = _case_event_text(event)
        if told is not None:
            text, note = told
            rows.append((event.at, 0, HistoryRow(event.at, event.actor, "case.state", text, note)))
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    return [row for _, _, row in rows]


def entries_of(rows: Iterable[ChecklistRow]) -> list[DocumentEntry]:
    """Every document entry of a checklist, flattened (for screens listing one line per paper)."""
    return [entry for row in rows for entry in row.entries]
