"""Reading applicants: by NIK or tracking code, newest first, and search (the store's seam)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from ltsa_desk.store import search
from ltsa_desk.store.models import Agency, Applicant


class ApplicantNotFound(LookupError):
    def __init__(self, key: str) -> None:
        super().__init__(f"CPMI tidak ditemukan: {key}")
        self.key = key


def find_by_key(session: Session, key: str) -> Applicant | None:
    """A NIK (16 digits) or a tracking code, as officers type them."""
    text = key.strip()
    if text.isdigit():
        return session.exec(select(Applicant).where(Applicant.nik == text)).first()
    return session.exec(select(Applicant).where(Applicant.tracking_code == text.upper())).first()


def get_by_key(session: Session, key: str) -> Applicant:
    applicant = find_by_key(session, key)
    if applicant is None:
        raise ApplicantNotFound(key)
    return applicant


def list_applicants(
    session: Session, *, text: str | None = None, limit: int = 1000
) -> list[Applicant]:
    if text and text.strip():
        return search.search_applicants(session, text, limit=limit)
    statement = (
        select(Applicant)
        .order_by(col(Applicant.registered_at).desc(), col(Applicant.tracking_code).desc())
        .limit(limit)
    )
    return list(session.exec(statement).all())


def agency_name(session: Session, applicant: Applicant) -> str | None:
    if applicant.agency_id is None:
        return None
    agency = session.get(Agency, applicant.agency_id)
    return agency.name if agency else None


def applicant_dict(session: Session, applicant: Applicant) -> dict[str, Any]:
    """The plain form used by `--json` and the audit log."""
    return {
        "id": str(applicant.id),
        "tracking_code": applicant.tracking_code,
        "nik": applicant.nik,
        "full_name": applicant.full_name,
        "birth_place": applicant.birth_place,
        "birth_date": applicant.birth_date.isoformat(),
        "sex": applicant.sex,
        "kk": applicant.kk,
        "address": applicant.address,
        "phone": applicant.phone,
        "education": applicant.education,
        "marital_status": applicant.marital_status,
        "destination_country": applicant.destination_country,
        "job_title": applicant.job_title,
        "sector": applicant.sector,
        "agency": agency_name(session, applicant),
        "planned_departure": (
            applicant.planned_departure.isoformat() if applicant.planned_departure else None
        ),
        "state": applicant.state,
        "regency_code": applicant.regency_code,
        "registry_id": applicant.registry_id,
        "passport_application_no": applicant.passport_application_no,
        "office_code": applicant.office_code,
        "counter_id": applicant.counter_id,
        "registered_at": applicant.registered_at.isoformat(timespec="seconds"),
        "registered_by": applicant.registered_by,
        "cancelled_reason": applicant.cancelled_reason,
    }
