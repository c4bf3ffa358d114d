"""Reading applicants: by NIK or tracking code, newest first, and search (the store's seam)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

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


# ------------------------------------------------------------------------------------------------
# Paged results for the window's tables


@dataclass(frozen=True)
class ApplicantRow:
    """One line of a results table: only what the table shows, as plain values.

    Plain (not an ORM row) because pages are read on a worker thread and shown on the GUI thread,
    after the session that read them has closed.
    """

    id: str
    tracking_code: str
    nik: str
    full_name: str
    birth_date: date
    destination_country: str | None
    state: str
    registered_at: datetime
    planned_departure: date | None

    @property
    def cursor(self) -> search.PageCursor:
        """Where the page that ends with this row ends (see `search_page`)."""
        return (self.registered_at, self.tracking_code)


_ROW_COLUMNS = (
    Applicant.id,
    Applicant.tracking_code,
    Applicant.nik,
    Applicant.full_name,
    Applicant.birth_date,
    Applicant.destination_country,
    Applicant.state,
    Applicant.registered_at,
    Applicant.planned_departure,
)


def search_page(
    session: Session, text: str, *, limit: int = 200, after: search.PageCursor | None = None
) -> list[ApplicantRow]:
    """A page of the search box's result, newest first; an empty text lists everyone.

    Pass the last row's `cursor` as `after` for the next page; a page shorter than `limit` is the
    last one.
    """
    rows = search.search_page(session, text, _ROW_COLUMNS, limit=limit, after=after)
    return [
        ApplicantRow(
            id=str(row[0]),
            tracking_code=row[1],
            nik=row[2],
            full_name=row[3],
            birth_date=row[4],
            destination_country=row[5],
            state=row[6],
            registered_at=row[7],
            planned_departure=row[8],
        )
        for row in rows
    ]


def agency_names(session: Session) -> list[str]:
    """Every P3MI name known here, for the intake form's completer."""
    return list(session.exec(select(Agency.name).order_by(col(Agency.name))).all())


JOB_TITLES_AMONG = 5000
"""How many of the newest registrations the intake form's job titles are read from."""


def job_titles(session: Session, limit: int = 200, among: int = JOB_TITLES_AMONG) -> list[str]:
    """The job titles written here lately, the most used first, for the intake form's completer
    (an office's CPMI often share a few jobs; issue 18).

    Read from the newest `among` registrations through the index on the registration time, not
    from the whole register: counting every CPMI's title took 3 s at a million CPMI, twice at
    every start of the window (the intake form and the CPMI page each ask), on worker threads
    that then held the interpreter lock the window needed (the gui_stall benchmark's worst gap).
    A title nobody wrote in the last few thousand registrations is not the one to suggest first.
    """
    recent = (
        select(col(Applicant.job_title).label("job_title"))
        .order_by(col(Applicant.registered_at).desc())
        .limit(among)
        .subquery()
    )
    used = func.count().label("used")
    rows = session.exec(
        select(recent.c.job_title, used)
        .where(recent.c.job_title.is_not(None))
        .group_by(recent.c.job_title)
        .order_by(used.desc(), recent.c.job_title)
        .limit(limit)
    ).all()
    return [str(title) for title, _used in rows if title]
