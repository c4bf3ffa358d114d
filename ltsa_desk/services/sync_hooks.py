"""What deliveries and remote status changes mean for the office's records.

The sync engine calls these inside the transaction that records the delivery or the pulled changes,
so the local record and the queue never disagree.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import audit, submissions
from ltsa_desk.store.models import Applicant, CaseEvent, utc_now
from sync.destinations import PASSPORT_APPLICATION, REGISTER
from sync.engine import EngineHooks
from sync.ledger import DeliveredItem, Delivery
from sync.models import OutboxItem

STATUS_NOTES_ID = {
    "received": "Permohonan paspor diterima imigrasi",
    "interview_scheduled": "Wawancara paspor dijadwalkan",
    "issued": "Paspor terbit",
    "rejected": "Permohonan paspor ditolak imigrasi",
}


def _applicant_of(session: Session, chain: str) -> Applicant | None:
    try:
        return session.get(Applicant, uuid.UUID(chain))
    except ValueError:
        return None


_SET_REGISTRY_ID = (
    update(Applicant)
    .where(col(Applicant.id) == bindparam("b_id"))
    .values(registry_id=bindparam("b_number"), updated_at=bindparam("b_at"))
)
_SET_APPLICATION_NO = (
    update(Applicant)
    .where(col(Applicant.id) == bindparam("b_id"))
    .values(passport_application_no=bindparam("b_number"), updated_at=bindparam("b_at"))
)
_NUMBER_OF = {
    REGISTER: ("registry_id", _SET_REGISTRY_ID),
    PASSPORT_APPLICATION: ("application_no", _SET_APPLICATION_NO),
}


def on_delivered(session: Session, deliveries: list[Delivery]) -> None:
    """The receipts' numbers onto their applicants: one many-row UPDATE per kind of number for
    a whole claim, no applicant loaded.

    It runs on the sync worker's thread, with the window's GUI thread waiting for the same
    interpreter lock: loading each applicant as an ORM object, then one UPDATE per item, cost
    more Python time than the rest of the delivery (in the drain's profile, one statement per
    item took 9% of the engine's time).
    """
    now = utc_now()
    rows: dict[str, list[dict[str, Any]]] = {}
    for item, receipt in deliveries:
        known = _NUMBER_OF.get(item.kind)
        if known is None or not receipt.get(known[0]):
            continue
        try:
            applicant_id = uuid.UUID(item.chain)
        except ValueError:
            continue
        rows.setdefault(item.kind, []).append(
            {"b_id": applicant_id, "b_number": str(receipt[known[0]]), "b_at": now}
        )
    connection = session.connection()
    for kind, parameters in rows.items():
        connection.execute(_NUMBER_OF[kind][1], parameters)


def on_late_delivery(
    session: Session, item: DeliveredItem, receipt: dict[str, Any], replacement: str
) -> None:
    """A USB bundle delivered an item the officer corrected after the export (its receipts came
    back): the registry holds the exported registration, so the correction that replaced it
    travels as a correction of that record (see `submissions.correct_late_registration`)."""
    if item.kind == REGISTER:
        submissions.correct_late_registration(session, item.key, receipt, replacement)


def on_changes(session: Session, destination: str, changes: list[dict[str, Any]]) -> None:
    actor = f"sync:{destination}"
    for change in changes:
        reference = change.get("client_reference")
        if not reference:
            continue
        item = session.exec(select(OutboxItem).where(OutboxItem.key == reference)).first()
        applicant = _applicant_of(session, item.chain) if item is not None else None
        if applicant is None:
            continue
        status = str(change.get("status") or "")
        note = STATUS_NOTES_ID.get(status, f"Status imigrasi: {status}")
        if change.get("reason"):
            note = f"{note}: {change['reason']}"
        to_state = applicant.state
        if status == "issued" and applicant.state == CaseState.PASSPORT_REQUESTED.value:
            to_state = CaseState.PASSPORT_ISSUED.value
        if change.get("application_no") and not applicant.passport_application_no:
            applicant.passport_application_no = str(change["application_no"])
        session.add(
            CaseEvent(
                applicant_id=applicant.id,
                from_state=applicant.state,
                to_state=to_state,
                actor=actor,
                note=note[:500],
            )
        )
        audit.record(
            session,
            actor=actor,
            action="applicant.remote_status",
            entity="applicant",
            entity_id=applicant.id,
            before={"state": applicant.state},
            after={"state": to_state, "remote_status": status, "reason": change.get("reason")},
        )
        applicant.state = to_state
        applicant.updated_at = utc_now()
        session.add(applicant)


HOOKS = EngineHooks(on_delivered=on_delivered, on_changes=on_changes)
