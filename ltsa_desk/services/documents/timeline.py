"""An applicant's history in plain Indonesian words, from the audit log and the case events.

The officer's screen lists it and the CPMI's receipt summarises today's part of it, so the
wording of every audited action lives in this one place.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from ltsa_desk.domain.values import field_label
from ltsa_desk.domain.workflow import STATE_LABELS_ID, CaseState
from ltsa_desk.services.documents.records import ApplicantRef, get_applicant, label_of
from ltsa_desk.store.attachments import MEDIA_JPEG, MEDIA_PDF, MEDIA_PNG, format_size
from ltsa_desk.store.models import AuditLog, CaseEvent, Document, Letter

MEDIA_LABELS = {MEDIA_PDF: "PDF", MEDIA_JPEG: "JPEG", MEDIA_PNG: "PNG"}


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
        label = label_of(str(after.get("kind", "")))
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
