"""What the office tells the remote systems, queued in the same transaction as the local change.

The chain of an applicant's items is the applicant's id, so the registry registration, its
corrections and the passport application leave in the order they were made. Nothing here commits:
the calling service commits the domain rows and these outbox rows together.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from ltsa_desk.services.applicants import agency_name
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.models import Applicant
from sync import outbox
from sync.destinations import PASSPORT_APPLICATION, REGISTER, UPDATE
from sync.destinations.contract import FIELD_LABELS as CONTRACT_LABELS
from sync.destinations.contract import check_payload
from sync.models import ItemState, OutboxItem

REGISTRY = "registry"
IMMIGRATION = "immigration"
_WHO = {REGISTRY: "registri pusat", IMMIGRATION: "imigrasi"}


def checked_payload(destination: str, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload, once the destination's contract accepts it; else the officer hears why now.

    A payload the registry or immigration would refuse must not wait in the outbox to be refused
    days later: the problem is raised here, inside the caller's transaction (nothing is saved),
    as the same ValidationFailed the form already shows, in Indonesian, under each field.
    """
    problems = check_payload(destination, kind, payload)
    if problems:
        raise ValidationFailed(
            {
                p.field: f"{CONTRACT_LABELS.get(p.field, p.field)} {p.message} "
                f"(syarat {_WHO.get(destination, destination)})"
                for p in problems
            }
        )
    return payload


def chain_of(applicant: Applicant) -> str:
    return str(applicant.id)


def registry_payload(
    session: Session, applicant: Applicant, agency: str | None = None
) -> dict[str, Any]:
    """The CPMI as the registry knows them (the key is added by the outbox as client_reference).

    `agency` is the P3MI's stored name when the caller has it at hand (else it is looked up)."""
    payload: dict[str, Any] = {
        "nik": applicant.nik,
        "full_name": applicant.full_name,
        "birth_date": applicant.birth_date.isoformat(),
        "sex": applicant.sex,
        "birth_place": applicant.birth_place,
        "address": applicant.address,
        "phone": applicant.phone,
        "destination_country": applicant.destination_country,
        "job_title": applicant.job_title,
        "sector": applicant.sector,
        "agency": agency or agency_name(session, applicant),
        "office_code": applicant.office_code,
        "tracking_code": applicant.tracking_code,
        "planned_departure": (
            applicant.planned_departure.isoformat() if applicant.planned_departure else None
        ),
    }
    return {key: value for key, value in payload.items() if value not in (None, "")}


def passport_payload(applicant: Applicant) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "nik": applicant.nik,
        "full_name": applicant.full_name,
        "birth_date": applicant.birth_date.isoformat(),
        "sex": applicant.sex,
        "office_code": applicant.office_code,
        "tracking_code": applicant.tracking_code,
        "birth_place": applicant.birth_place,
    }
    if applicant.registry_id:
        payload["registry_id"] = applicant.registry_id
    return {key: value for key, value in payload.items() if value not in (None, "")}


def registration_item(session: Session, applicant: Applicant) -> OutboxItem | None:
    """The live (not superseded, not withdrawn) registry registration of this applicant."""
    statement = (
        select(OutboxItem)
        .where(
            OutboxItem.chain == chain_of(applicant),
            OutboxItem.kind == REGISTER,
            col(OutboxItem.state).not_in([ItemState.SUPERSEDED.value, ItemState.WITHDRAWN.value]),
        )
        .order_by(col(OutboxItem.seq).desc())
    )
    return session.exec(statement).first()


def queue_registration(
    session: Session, applicant: Applicant, *, opens_chain: bool = False, agency: str | None = None
) -> str:
    """The registry registration. A brand-new applicant's chain is empty: position 1, no query."""
    return outbox.enqueue(
        session,
        REGISTRY,
        REGISTER,
        checked_payload(REGISTRY, REGISTER, registry_payload(session, applicant, agency)),
        chain=chain_of(applicant),
        position=1 if opens_chain else None,
    )


def _never_left(item: OutboxItem) -> bool:
    """Pending, never attempted, and no copy of it travels elsewhere: it cannot be at the remote.

    `look_up_first` marks an item exported on a USB bundle (or restored from a backup): its copy
    may reach the remote from another machine, whatever this counter's attempts say.
    """
    return item.state == ItemState.PENDING.value and item.attempts == 0 and not item.look_up_first


def _delivered_registration(session: Session, chain: str) -> OutboxItem | None:
    """The registration of this chain that reached the registry, if one did."""
    statement = (
        select(OutboxItem)
        .where(
            OutboxItem.chain == chain,
            OutboxItem.kind == REGISTER,
            OutboxItem.state == ItemState.DELIVERED.value,
        )
        .order_by(col(OutboxItem.seq).desc())
    )
    return session.exec(statement).first()


def queue_correction(session: Session, applicant: Applicant) -> str:
    """After a correction: fix a registration that never left or was refused, else send an update.

    A registration that was refused or never left is superseded by a corrected one (new key,
    same place in the chain). One that may have reached the registry (sent, or carried on a USB
    bundle) gets an update item that waits for it and carries the registry id from its receipt.
    When an earlier registration of the chain did reach the registry (a bundle's copy of one
    corrected meanwhile), the refused or unsent one becomes an update of that record instead.
    Passport applications that have not left yet (or were refused) are superseded too, so
    immigration never gets the uncorrected data.
    """
    registration = registration_item(session, applicant)
    payload = checked_payload(REGISTRY, UPDATE, registry_payload(session, applicant))
    if registration is None:
        key = queue_registration(session, applicant)
    elif registration.state == ItemState.NEEDS_ATTENTION.value or _never_left(registration):
        delivered = _delivered_registration(session, chain_of(applicant))
        registry_id = applicant.registry_id or (
            outbox.receipt_of(delivered).get("registry_id") if delivered is not None else None
        )
        waiting = _updates_waiting_for(session, registration.key)
        if delivered is not None and registry_id:
            payload["registry_id"] = registry_id
            key = outbox.supersede(
                session, registration, payload, kind=UPDATE, depends_on=delivered.key
            )
        else:
            key = outbox.supersede(session, registration, payload)
        for stale in waiting:
            outbox.supersede_by(session, stale, key)
    else:
        if applicant.registry_id:
            payload["registry_id"] = applicant.registry_id
        key = outbox.enqueue(
            session,
            REGISTRY,
            UPDATE,
            payload,
            chain=chain_of(applicant),
            depends_on=registration.key,
        )
    _correct_unsent_applications(session, applicant)
    return key


def _updates_waiting_for(session: Session, registration_key: str) -> list[OutboxItem]:
    """Corrections queued behind a registration that never reached the registry.

    They never left (what they wait for was never delivered), and the item that replaces the
    registration carries the CPMI's data as it is now: sent after it, they would put back what
    the officer corrected since.
    """
    statement = select(OutboxItem).where(
        OutboxItem.depends_on == registration_key,
        OutboxItem.kind == UPDATE,
        col(OutboxItem.state).in_([ItemState.PENDING.value, ItemState.NEEDS_ATTENTION.value]),
    )
    return list(session.exec(statement).all())


def correct_late_registration(
    session: Session, registration_key: str, receipt: dict[str, Any], replacement_key: str
) -> str | None:
    """A registration corrected after it left on a USB bundle reached the registry all the same.

    The registry now holds the record as exported. The corrected registration that replaced it
    (a new key) would be refused there (the NIK is registered) and wait for the officer, so it is
    replaced in turn by a correction (update) of the delivered record, which waits for it and
    carries the same data: the correction reaches the registry once, with no officer action.
    A replacement that may be on the line right now is replaced only when its NIK is the one
    the registry holds (the registry refuses a second registration of a NIK, so it had no
    effect). One adopted meanwhile (the registry kept its own record) gets an update after it.
    Returns the update's key, or None when there is nothing this can safely do.
    """
    registry_id = receipt.get("registry_id")
    delivered = session.exec(select(OutboxItem).where(OutboxItem.key == registration_key)).first()
    if not registry_id or delivered is None or delivered.kind != REGISTER:
        return None
    live = _live_replacement(session, replacement_key)
    if live is None or live.kind != REGISTER or live.chain != delivered.chain:
        return None
    payload = {k: v for k, v in outbox.payload_of(live).items() if k != "client_reference"}
    payload["registry_id"] = registry_id
    if live.state == ItemState.DELIVERED.value:
        if not outbox.receipt_of(live).get("adopted"):
            return None  # a record of its own (another NIK): not for an automatic correction
        return outbox.enqueue(
            session, REGISTRY, UPDATE, payload, chain=live.chain, depends_on=delivered.key
        )
    if live.state == ItemState.NEEDS_ATTENTION.value or _never_left(live):
        return outbox.supersede(session, live, payload, kind=UPDATE, depends_on=delivered.key)
    if outbox.payload_of(delivered).get("nik") == payload.get("nik"):
        return outbox.supersede_without_effect(
            session, live, payload, kind=UPDATE, depends_on=delivered.key
        )
    return None


def _live_replacement(session: Session, key: str) -> OutboxItem | None:
    """The item at the end of a line of replacements, read under a row lock (PostgreSQL), so a
    desk's sync worker cannot claim it while it is being replaced."""
    seen: set[str] = set()
    while key not in seen:
        seen.add(key)
        item = session.exec(
            select(OutboxItem).where(OutboxItem.key == key).with_for_update()
        ).first()
        if item is None or item.state != ItemState.SUPERSEDED.value or not item.superseded_by:
            return item
        key = item.superseded_by
    return None


def _correct_unsent_applications(session: Session, applicant: Applicant) -> None:
    """Replace the applicant's passport applications that never left, or were refused, by ones
    carrying the corrected data (a queued item's content never changes under its key)."""
    statement = select(OutboxItem).where(
        OutboxItem.chain == chain_of(applicant),
        OutboxItem.kind == PASSPORT_APPLICATION,
        or_(
            and_(OutboxItem.state == ItemState.PENDING.value, OutboxItem.attempts == 0),
            OutboxItem.state == ItemState.NEEDS_ATTENTION.value,
        ),
    )
    corrected = checked_payload(IMMIGRATION, PASSPORT_APPLICATION, passport_payload(applicant))
    for item in session.exec(statement).all():
        queued = {k: v for k, v in outbox.payload_of(item).items() if k != "client_reference"}
        if item.state == ItemState.NEEDS_ATTENTION.value or queued != corrected:
            outbox.supersede(session, item, corrected)


def queue_passport_application(session: Session, applicant: Applicant) -> str:
    registration = registration_item(session, applicant)
    return outbox.enqueue(
        session,
        IMMIGRATION,
        PASSPORT_APPLICATION,
        checked_payload(IMMIGRATION, PASSPORT_APPLICATION, passport_payload(applicant)),
        chain=chain_of(applicant),
        depends_on=None if registration is None else registration.key,
    )


def withdraw(session: Session, applicant: Applicant) -> int:
    return outbox.withdraw_chain(session, chain_of(applicant))
