"""Registering, correcting and cancelling a CPMI.

Each use case validates, writes the domain rows and their audit entry (and, with the sync engine,
the outbox item) in ONE transaction and commits it: either all of it is saved or none of it is.
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ltsa_desk.domain.workflow import STATE_LABELS_ID, CaseState, check_transition
from ltsa_desk.services import audit, submissions
from ltsa_desk.services.applicants import applicant_dict
from ltsa_desk.services.context import Actor
from ltsa_desk.services.numbering import next_tracking_code
from ltsa_desk.services.validation import (
    FIELDS,
    CheckedApplicant,
    ValidationFailed,
    check_applicant,
)
from ltsa_desk.store.models import Agency, Applicant, CaseEvent, new_id, utc_now
from ltsa_desk.store.search import name_key
from sync.prepared import Prepared
from sync.rows import insert_new

# Built once: Simpan on the intake form runs them for every CPMI.
_AGENCY_BY_KEY = select(Agency.id, Agency.name).where(Agency.name_key == bindparam("key"))
_AGENCY_INSERT = Agency.__table__.insert()  # type: ignore[attr-defined]
_NIK_OWNER = select(Applicant).where(Applicant.nik == bindparam("nik"))
_CASE_EVENT_INSERT = Prepared(CaseEvent.__table__.insert())  # type: ignore[attr-defined]


class DuplicateNik(ValueError):
    """The NIK is already registered here: the officer should open that CPMI, not make a twin."""

    def __init__(self, nik: str, tracking_code: str) -> None:
        super().__init__(f"NIK {nik} sudah terdaftar dengan kode {tracking_code}")
        self.nik = nik
        self.tracking_code = tracking_code


class WarningsNotConfirmed(ValueError):
    """Saving needs the officer to confirm these warnings first (e.g. a KTP from another region)."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__("; ".join(warnings))
        self.warnings = list(warnings)


class ApplicantClosed(ValueError):
    """A cancelled or departed CPMI's record is history and is not edited."""


@dataclass
class RegistrationResult:
    applicant: Applicant
    warnings: list[str] = field(default_factory=list)


class AgencyRef(NamedTuple):
    """A P3MI's id and stored name: all a registration needs of it (read without an ORM
    object, which would cost more than the query on every Simpan)."""

    id: uuid.UUID
    name: str


def find_or_create_agency(
    session: Session, name: str | None, actor: Actor, cache: dict[str, AgencyRef] | None = None
) -> AgencyRef | None:
    """The P3MI named by an officer or a register: an unknown one is added, marked unverified.

    A register names the same few agencies thousands of times; `cache` (the import's own, which
    also holds agencies it added in its still open transaction) spares a query per row. Without
    one, agencies found in the database are remembered for the life of the process: P3MI are never
    renamed or removed, and an office sees the same few dozen on every Simpan. Only rows the
    SELECT found are remembered, never one added here, whose transaction may yet roll back.
    """
    if not name:
        return None
    key = name_key(name)
    if cache is None:
        cache = _known_agencies(session)
        remember_added = False
    else:
        remember_added = True
    if key in cache:
        return cache[key]
    row = session.connection().execute(_AGENCY_BY_KEY, {"key": key}).first()
    if row is not None:
        agency = AgencyRef(row.id, row.name)
        cache[key] = agency
        return agency
    if session.connection().dialect.name == "postgresql":
        agency = _add_shared_agency(session, name, key, actor)
    else:
        agency = AgencyRef(new_id(), name)
        session.connection().execute(
            _AGENCY_INSERT,
            {
                "id": agency.id,
                "name": name,
                "name_key": key,
                "verified": False,
                "created_at": utc_now(),
            },
        )
        _audit_new_agency(session, agency, actor)
    if remember_added:
        cache[key] = agency
    return agency


# Per database (engine): a process may hold the office database and a training one at once.
_KNOWN: weakref.WeakKeyDictionary[Any, dict[str, AgencyRef]] = weakref.WeakKeyDictionary()


def _known_agencies(session: Session) -> dict[str, AgencyRef]:
    pool = session.connection().engine.pool
    known = _KNOWN.get(pool)
    if known is None:
        known = _KNOWN[pool] = {}
    return known


def _add_shared_agency(session: Session, name: str, key: str, actor: Actor) -> AgencyRef:
    """A new P3MI on a shared office database, where two desks may add the same one at once.

    ``ON CONFLICT DO NOTHING`` waits for the other desk's transaction and then yields to its row,
    so both registrations go through with one agency; only the desk that added it audits it.
    """
    added = (
        session.connection()
        .execute(
            pg_insert(Agency)
            .values(id=new_id(), name=name, name_key=key, verified=False, created_at=utc_now())
            .on_conflict_do_nothing(index_elements=["name_key"])
            .returning(Agency.id)
        )
        .first()
    )
    row = session.connection().execute(_AGENCY_BY_KEY, {"key": key}).one()
    agency = AgencyRef(row.id, row.name)
    if added is not None:
        _audit_new_agency(session, agency, actor)
    return agency


def _audit_new_agency(session: Session, agency: AgencyRef, actor: Actor) -> None:
    audit.record(
        session,
        actor=actor.username,
        action="agency.add",
        entity="agency",
        entity_id=agency.id,
        after={"name": agency.name, "verified": False},
        counter_id=actor.counter_id,
    )


def _columns(checked: CheckedApplicant, agency: AgencyRef | None) -> dict[str, Any]:
    """The applicant columns a checked record decides."""
    values = checked.values
    columns = {name: values.get(name) for name in FIELDS if name != "agency"}
    columns["name_key"] = name_key(values["full_name"])
    columns["regency_code"] = checked.nik.regency_code
    columns["agency_id"] = agency.id if agency else None
    return columns


def _apply(applicant: Applicant, checked: CheckedApplicant, agency: AgencyRef | None) -> None:
    for name, value in _columns(checked, agency).items():
        setattr(applicant, name, value)


def _nik_owner(session: Session, nik: str) -> Applicant | None:
    return session.exec(_NIK_OWNER, params={"nik": nik}).first()


def _refuse_if_registered(session: Session, nik: str) -> None:
    """The officer should open the CPMI who holds this NIK, not make a twin."""
    owner = _nik_owner(session, nik)
    if owner is not None:
        raise DuplicateNik(owner.nik, owner.tracking_code) from None


def record_event(
    session: Session,
    applicant_id: Any,
    from_state: str | None,
    to_state: str,
    actor: str,
    note: str | None = None,
) -> None:
    """One step of the case history, written at once (history rows are only ever added)."""
    _CASE_EVENT_INSERT.run(
        session.connection(),
        {
            "id": new_id(),
            "applicant_id": applicant_id,
            "from_state": from_state,
            "to_state": to_state,
            "at": utc_now(),
            "actor": actor,
            "note": note,
        },
    )


def register_applicant(
    session: Session,
    data: Mapping[str, Any],
    officer: Actor,
    *,
    confirm_warnings: bool = False,
    today: date | None = None,
) -> RegistrationResult:
    """Validate and save a new CPMI with its case start, registry submission and audit entry, in
    one transaction."""
    registration_date = today or date.today()
    checked = check_applicant(
        data, office_code=officer.office_code, registration_date=registration_date
    )
    # A refusal also ends the transaction its look-up began: on SQLite a write session holds the
    # write lock from BEGIN, and the officer's form (and session) stays open after a refusal.
    # The NIK's unique index is the duplicate check (no look-up before the INSERT): it also holds
    # when another desk of a shared office saves the same NIK at the same moment.
    try:
        if checked.warnings and not confirm_warnings:
            _refuse_if_registered(session, checked.values["nik"])
            raise WarningsNotConfirmed(checked.warnings)
        applicant = insert_checked(session, checked, officer, registration_date.year)
        session.commit()
    except IntegrityError:
        session.rollback()
        try:
            _refuse_if_registered(session, checked.values["nik"])
        finally:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    return RegistrationResult(applicant=applicant, warnings=checked.warnings)


def insert_checked(
    session: Session,
    checked: CheckedApplicant,
    officer: Actor,
    year: int,
    *,
    action: str = "applicant.register",
    tracking_code: str | None = None,
    agencies: dict[str, AgencyRef] | None = None,
) -> Applicant:
    """Write a checked record, its case start, its registry submission and its audit entry into the
    caller's transaction. A bulk caller passes tracking codes it reserved and an agency cache."""
    agency = find_or_create_agency(session, checked.values.get("agency"), officer, agencies)
    now = utc_now()
    # Every column given at once (ids and times too): the model's default factories would cost
    # more than the INSERT itself.
    applicant = insert_new(
        session,
        Applicant,
        {
            **_columns(checked, agency),
            "id": new_id(),
            "tracking_code": tracking_code or next_tracking_code(session, officer.counter_id, year),
            "office_code": officer.office_code,
            "counter_id": officer.counter_id,
            "registered_at": now,
            "registered_by": officer.username,
            "updated_at": now,
            "state": CaseState.REGISTERED.value,
            "registry_id": None,
            "passport_application_no": None,
            "cancelled_reason": None,
        },
    )
    record_event(session, applicant.id, None, CaseState.REGISTERED.value, officer.username)
    submissions.queue_registration(
        session, applicant, opens_chain=True, agency=agency.name if agency else None
    )
    after = {name: checked.values.get(name) for name in FIELDS}
    after["tracking_code"] = applicant.tracking_code
    if checked.warnings:
        after["warnings_confirmed"] = checked.warnings
    audit.record(
        session,
        actor=officer.username,
        action=action,
        entity="applicant",
        entity_id=applicant.id,
        after=after,
        counter_id=officer.counter_id,
    )
    return applicant


def _current_values(session: Session, applicant: Applicant) -> dict[str, Any]:
    current = applicant_dict(session, applicant)
    return {name: current.get(name) for name in FIELDS}


def update_applicant(
    session: Session,
    applicant: Applicant,
    changes: Mapping[str, Any],
    officer: Actor,
    *,
    confirm_warnings: bool = False,
    today: date | None = None,
) -> RegistrationResult:
    """Correct a record with the same rules as the form; the audit entry holds before and after.

    The applicant may come from another session (a window's list): the change is made on this
    session's own copy of the row, which the result carries.
    """
    if applicant not in session:
        applicant = session.get(Applicant, applicant.id) or applicant
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ValidationFailed({name: "Kolom tidak dikenal" for name in unknown})
    if applicant.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}:
        label = STATE_LABELS_ID[CaseState(applicant.state)].lower()
        raise ApplicantClosed(
            f"CPMI {applicant.tracking_code} sudah {label}; data tidak bisa diubah"
        )
    try:  # every refusal below also ends the transaction the look-ups began (see register)
        before = _current_values(session, applicant)
        merged = {**before, **changes}
        checked = check_applicant(
            merged, office_code=officer.office_code, registration_date=today or date.today()
        )
        owner = _nik_owner(session, checked.values["nik"])
        if owner is not None and owner.id != applicant.id:
            raise DuplicateNik(owner.nik, owner.tracking_code)
        # Region warnings belong to the NIK; confirmed at registration unless it changes now.
        new_warnings = checked.warnings if "nik" in changes else []
        if new_warnings and not confirm_warnings:
            raise WarningsNotConfirmed(new_warnings)
        agency = find_or_create_agency(session, checked.values.get("agency"), officer)
        _apply(applicant, checked, agency)
        applicant.updated_at = utc_now()
        session.add(applicant)
        session.flush()
        after = _current_values(session, applicant)
        changed = {k for k in FIELDS if before.get(k) != after.get(k)}
        if changed:
            submissions.queue_correction(session, applicant)
            audit.record(
                session,
                actor=officer.username,
                action="applicant.update",
                entity="applicant",
                entity_id=applicant.id,
                before={k: before[k] for k in sorted(changed)},
                after={k: after[k] for k in sorted(changed)},
                counter_id=officer.counter_id,
            )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return RegistrationResult(applicant=applicant, warnings=new_warnings)


def change_state(
    session: Session,
    applicant: Applicant,
    to_state: CaseState,
    officer: Actor,
    *,
    note: str | None = None,
    require_recommendation: bool = True,
) -> None:
    """Move the case along the workflow (the caller commits), with its history and audit entry."""
    check_transition(applicant.state, to_state, require_recommendation=require_recommendation)
    move_state(session, applicant, to_state, officer, note=note)


def move_state(
    session: Session,
    applicant: Applicant,
    to_state: CaseState,
    officer: Actor,
    *,
    note: str | None = None,
    action: str = "applicant.state",
    audit_after: dict[str, object] | None = None,
) -> None:
    """Record a status change the caller has already judged (the caller commits).

    :func:`change_state` judges by the workflow; an admin's skip of the case order
    (``services.case_order``) by its own rule, with its own audit ``action`` and entry.
    """
    from_state = CaseState(applicant.state)
    applicant.state = to_state.value
    applicant.updated_at = utc_now()
    session.add(applicant)
    record_event(session, applicant.id, from_state.value, to_state.value, officer.username, note)
    audit.record(
        session,
        actor=officer.username,
        action=action,
        entity="applicant",
        entity_id=applicant.id,
        before={"state": from_state.value},
        after=audit_after if audit_after is not None else {"state": to_state.value, "note": note},
        counter_id=officer.counter_id,
    )


def cancel_applicant(session: Session, applicant: Applicant, reason: str, officer: Actor) -> None:
    """Cancel a case with a reason (required: the office must be able to say why later)."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationFailed({"reason": "Alasan pembatalan wajib diisi"})
    try:
        change_state(session, applicant, CaseState.CANCELLED, officer, note=reason)
        applicant.cancelled_reason = reason[:500]
        submissions.withdraw(session, applicant)
        session.commit()
    except BaseException:
        session.rollback()
        raise


def request_passport(
    session: Session, applicant: Applicant, officer: Actor, *, require_recommendation: bool = True
) -> None:
    """Record the passport request and queue the application to immigration, in one transaction.

    The application waits for the applicant's registry registration: immigration needs its id.
    """
    try:
        change_state(
            session,
            applicant,
            CaseState.PASSPORT_REQUESTED,
            officer,
            require_recommendation=require_recommendation,
        )
        session.flush()
        submissions.queue_passport_application(session, applicant)
        session.commit()
    except BaseException:
        session.rollback()
        raise
