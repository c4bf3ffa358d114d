"""Report test data: rows put straight into the office tables with SQLAlchemy Core.

A report reads what the counters saved; making 100,000 CPMI through the intake service would test
intake, not reports, and take minutes. Bulk inserts on the workspace's own engine (encrypted SQLite
or PostgreSQL) make the same rows in seconds. Times are given as the office's wall-clock time and
stored as UTC, as the services store them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert

from ltsa_desk.services.reports.base import local_timezone
from ltsa_desk.store.models import Agency, Applicant, AuditLog, Letter, Officer
from ltsa_desk.store.search import name_key
from sync.models import Outage, OutboxItem

ZONE = local_timezone()
COUNTER = "LOTIM-01"
OFFICE = "52.03"


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """An office wall-clock time, as the aware UTC time the store keeps."""
    return datetime(year, month, day, hour, minute, tzinfo=ZONE).astimezone(UTC)


def add_agencies(engine: Engine, names: Iterable[str]) -> dict[str, uuid.UUID]:
    made = {name: uuid.uuid4() for name in names}
    with engine.begin() as connection:
        connection.execute(
            insert(Agency.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": agency_id,
                    "name": name,
                    "name_key": name.upper(),
                    "verified": True,
                    "created_at": datetime.now(UTC),
                }
                for name, agency_id in made.items()
            ],
        )
    return made


@dataclass
class Person:
    """One CPMI as a test states it; ``row()`` fills what the table needs besides."""

    index: int
    registered_at: datetime
    sex: str = "P"
    country: str | None = "MY"
    sector: str | None = "informal"
    education: str | None = "SMP"
    marital: str | None = "single"
    agency_id: uuid.UUID | None = None
    state: str = "registered"
    counter: str = COUNTER
    name: str | None = None
    job: str | None = "Penata laksana rumah tangga"

    @property
    def nik(self) -> str:
        return f"5203{self.index:012d}"

    @property
    def tracking_code(self) -> str:
        return f"{self.counter}-{self.registered_at.year}-{self.index:07d}"

    @property
    def full_name(self) -> str:
        return self.name or f"CPMI Nomor {self.index}"

    @property
    def birth_date(self) -> date:
        return date(1990, 1, 1) + timedelta(days=self.index % 7000)

    def row(self, applicant_id: uuid.UUID | None = None) -> dict[str, Any]:
        return {
            "id": applicant_id or uuid.uuid4(),
            "tracking_code": self.tracking_code,
            "nik": self.nik,
            "full_name": self.full_name,
            "name_key": name_key(self.full_name),
            "birth_date": self.birth_date,
            "sex": self.sex,
            "education": self.education,
            "marital_status": self.marital,
            "destination_country": self.country,
            "job_title": self.job,
            "sector": self.sector,
            "agency_id": self.agency_id,
            "state": self.state,
            "regency_code": OFFICE,
            "office_code": OFFICE,
            "counter_id": self.counter,
            "registered_at": self.registered_at,
            "registered_by": "petugas1",
            "updated_at": self.registered_at,
        }


def add_people(engine: Engine, people: Iterable[Person], batch: int = 5000) -> list[uuid.UUID]:
    """Insert in batches of executemany; returns the applicants' ids in order."""
    ids: list[uuid.UUID] = []
    chunk: list[dict[str, Any]] = []
    table = Applicant.__table__  # type: ignore[attr-defined]
    with engine.begin() as connection:
        for person in people:
            row = person.row()
            ids.append(row["id"])
            chunk.append(row)
            if len(chunk) >= batch:
                connection.execute(insert(table), chunk)
                chunk = []
        if chunk:
            connection.execute(insert(table), chunk)
    return ids


def many_people(
    count: int, first: datetime, last: datetime, agencies: list[uuid.UUID]
) -> Iterator[Person]:
    """``count`` varied CPMI spread evenly between two times (for the large export)."""
    countries = ("MY", "HK", "TW", "SA", "KR", "SG", "JP", None)
    educations = ("SD", "SMP", "SMA/SMK", "D3", "S1", None)
    maritals = ("single", "married", "divorced", "widowed", None)
    span = (last - first) / max(1, count - 1)
    for i in range(count):
        yield Person(
            index=i + 1,
            registered_at=first + span * i,
            sex="P" if i % 3 else "L",
            country=countries[i % len(countries)],
            sector=("informal", "formal", None)[i % 3],
            education=educations[i % len(educations)],
            marital=maritals[i % len(maritals)],
            agency_id=agencies[i % len(agencies)] if agencies and i % 10 else None,
            state=("registered", "documents_complete", "recommended", "cancelled")[i % 4],
            counter=("LOTIM-01", "LOTIM-02")[i % 2],
        )


def add_officer(
    engine: Engine, username: str, full_name: str, role: str = "admin", password: str | None = None
) -> None:
    """An account; with a password it can authenticate (`report export --as`)."""
    from argon2 import PasswordHasher

    password_hash = PasswordHasher().hash(password) if password is not None else None
    with engine.begin() as connection:
        connection.execute(
            insert(Officer.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": uuid.uuid4(),
                    "username": username,
                    "full_name": full_name,
                    "role": role,
                    "password_hash": password_hash,
                    "active": True,
                    "failed_attempts": 0,
                    "created_at": datetime.now(UTC),
                }
            ],
        )


def add_letters(engine: Engine, letters: list[dict[str, Any]]) -> None:
    """Each: applicant_id, kind, number, issued_at, issued_by, revoked (optional)."""
    with engine.begin() as connection:
        connection.execute(
            insert(Letter.__table__),  # type: ignore[attr-defined]
            [{"id": uuid.uuid4(), "revoked": False, **letter} for letter in letters],
        )


def add_audit(engine: Engine, entries: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        connection.execute(insert(AuditLog.__table__), entries)  # type: ignore[attr-defined]


def add_items(engine: Engine, items: list[dict[str, Any]]) -> None:
    """Outbox items; each needs destination, state, created_at (others defaulted)."""
    rows = []
    for item in items:
        created = item["created_at"]
        rows.append(
            {
                "key": str(uuid.uuid4()),
                "kind": "register",
                "payload": "{}",
                "chain": str(uuid.uuid4()),
                "chain_position": 0,
                "attempts": 1,
                "look_up_first": False,
                "next_attempt_at": created,
                "updated_at": created,
                "delivered_at": None,
                "last_error": None,
                **item,
            }
        )
    with engine.begin() as connection:
        connection.execute(insert(OutboxItem.__table__), rows)  # type: ignore[attr-defined]


def add_outages(engine: Engine, outages: list[dict[str, Any]]) -> None:
    """Each: destination, started_at, ended_at (or None), backlog_at_start, reason."""
    with engine.begin() as connection:
        connection.execute(
            insert(Outage.__table__),  # type: ignore[attr-defined]
            [{"reason": "ConnectError", "backlog_at_start": 0, **o} for o in outages],
        )
