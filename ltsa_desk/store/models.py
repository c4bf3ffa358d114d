"""The office's tables.

Surrogate keys are UUIDs made on the counter, so rows made while offline never clash with rows made
at another desk. Times are aware UTC datetimes (`utc_now`); SQLModel stores them as UTC on every
engine and hands them back aware, so SQLite and PostgreSQL read back the same values. Enumerated
values are stored as their plain string values (see domain), which keeps the SQL portable and
readable in a raw dump.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    """Aware UTC now: the one time convention of the store."""
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class Meta(SQLModel, table=True):
    """Facts about this database itself: its id (for keyring keys), the office it belongs to."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=500)


class Agency(SQLModel, table=True):
    """A P3MI placement agency. Imported names not yet checked by an officer stay unverified."""

    __tablename__ = "agency"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, unique=True, index=True)
    license_no: str | None = Field(default=None, max_length=100)
    verified: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utc_now)


class Applicant(SQLModel, table=True):
    """A CPMI registered at this office."""

    __tablename__ = "applicant"
    __table_args__ = (
        Index("ix_applicant_registered_at", "registered_at"),
        # A P3MI's open cases for the group actions (migration 0011).
        Index("ix_applicant_agency_state", "agency_id", "state"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    tracking_code: str = Field(max_length=40, unique=True, index=True)
    nik: str = Field(max_length=16, unique=True, index=True)
    kk: str | None = Field(default=None, max_length=16)
    full_name: str = Field(max_length=100)
    name_key: str = Field(max_length=100, index=True)
    birth_place: str | None = Field(default=None, max_length=100)
    birth_date: date
    sex: str = Field(max_length=1)
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=20)
    education: str | None = Field(default=None, max_length=100)
    marital_status: str | None = Field(default=None, max_length=20)
    destination_country: str | None = Field(default=None, max_length=2)
    job_title: str | None = Field(default=None, max_length=100)
    sector: str | None = Field(default=None, max_length=10)
    agency_id: uuid.UUID | None = Field(default=None, foreign_key="agency.id")
    planned_departure: date | None = None
    state: str = Field(default="registered", max_length=30, index=True)
    regency_code: str = Field(max_length=5)
    registry_id: str | None = Field(default=None, max_length=64)
    passport_application_no: str | None = Field(default=None, max_length=64)
    office_code: str = Field(max_length=5)
    counter_id: str = Field(max_length=20)
    registered_at: datetime = Field(default_factory=utc_now)
    registered_by: str = Field(max_length=100)
    updated_at: datetime = Field(default_factory=utc_now)
    cancelled_reason: str | None = Field(default=None, max_length=500)


class Document(SQLModel, table=True):
    """One required paper of one applicant, with who received and verified it and when."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("applicant_id", "kind", name="uq_document_applicant_kind"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    applicant_id: uuid.UUID = Field(foreign_key="applicant.id", index=True)
    kind: str = Field(max_length=40)
    status: str = Field(default="missing", max_length=20)
    attachment_sha256: str | None = Field(default=None, max_length=64)
    media_type: str | None = Field(default=None, max_length=50)
    issued_on: date | None = None
    valid_until: date | None = None
    received_by: str | None = Field(default=None, max_length=100)
    received_at: datetime | None = None
    verified_by: str | None = Field(default=None, max_length=100)
    verified_at: datetime | None = None
    rejection_reason: str | None = Field(default=None, max_length=500)
    updated_at: datetime = Field(default_factory=utc_now)


class CaseEvent(SQLModel, table=True):
    """One step of an applicant's case along the workflow: the history the applicant page shows."""

    __tablename__ = "case_event"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    applicant_id: uuid.UUID = Field(foreign_key="applicant.id", index=True)
    from_state: str | None = Field(default=None, max_length=30)
    to_state: str = Field(max_length=30)
    at: datetime = Field(default_factory=utc_now)
    actor: str = Field(max_length=100)
    note: str | None = Field(default=None, max_length=500)


class Letter(SQLModel, table=True):
    """An issued letter (SPR, passport recommendation); its number is unique across counters."""

    __tablename__ = "letter"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    applicant_id: uuid.UUID = Field(foreign_key="applicant.id", index=True)
    kind: str = Field(max_length=40)
    number: str = Field(max_length=80, unique=True)
    issued_at: datetime = Field(default_factory=utc_now)
    issued_by: str = Field(max_length=100)
    attachment_sha256: str | None = Field(default=None, max_length=64)
    revoked: bool = Field(default=False)


class Officer(SQLModel, table=True):
    """An LTSA Desk account. Passwords are argon2 hashes; the plain text is never stored."""

    __tablename__ = "officer"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    username: str = Field(max_length=50, unique=True, index=True)
    full_name: str = Field(default="", max_length=100)
    role: str = Field(max_length=20)
    password_hash: str | None = Field(default=None, max_length=200)
    active: bool = Field(default=True)
    failed_attempts: int = Field(default=0)
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utc_now)
    password_changed_at: datetime | None = None


class AuditLog(SQLModel, table=True):
    """Append-only record of every change. Triggers in the migration refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    actor: str = Field(max_length=100)
    action: str = Field(max_length=50)
    entity: str = Field(max_length=50)
    entity_id: str | None = Field(default=None, max_length=64, index=True)
    before: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    after: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    counter_id: str | None = Field(default=None, max_length=20)


class CounterSequence(SQLModel, table=True):
    """Per-counter, per-year running numbers for tracking codes and letter numbers.

    The counter id is part of the key, so two counters never hand out the same code even while both
    are offline and unaware of each other.
    """

    __tablename__ = "counter_sequence"

    counter_id: str = Field(primary_key=True, max_length=20)
    name: str = Field(primary_key=True, max_length=30)
    year: int = Field(primary_key=True)
    last_value: int = Field(default=0)


class OfficeDesk(SQLModel, table=True):
    """A desk (counter) that works on this database: the one that made it, and every one that
    joined it since (a shared office's PostgreSQL).

    Why a table and not the ``meta`` row alone: tracking codes and letter numbers carry the
    counter id, so two desks of one office with the same id would be one desk too many. Joining
    registers the id here and is refused when it is already taken.
    """

    __tablename__ = "office_desk"

    counter_id: str = Field(primary_key=True, max_length=20)
    joined_at: datetime = Field(default_factory=utc_now)
    host: str | None = Field(default=None, max_length=100)
    """The PC's name when it joined: tells the technician which machine holds a counter id."""


class AttachmentBlob(SQLModel, table=True):
    """An attachment kept inside the database (shared office): content-addressed like the files.

    Named by the SHA-256 of the content, so the same scan stored from two desks is one row and a
    re-run of ``migrate-to`` adds nothing. The content is stored as it is: a shared office's
    PostgreSQL is protected by the server (disk encryption, TLS, roles), like the rest of its rows.
    """

    __tablename__ = "attachment_blob"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    media_type: str = Field(max_length=50)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utc_now)


class MovedCounter(SQLModel, table=True):
    """A lone counter's SQLite database moved into this one by ``migrate-to``, and how far.

    The audit log has no natural key (it is append-only and its ids are per database), so the
    highest source id already moved is kept here, in the transaction that moves the rows: a second
    run moves only what was added since, never an entry twice.
    """

    __tablename__ = "moved_counter"

    source_database_id: str = Field(primary_key=True, max_length=36)
    counter_id: str = Field(max_length=20)
    audit_moved_upto: int = Field(default=0)
    first_moved_at: datetime = Field(default_factory=utc_now)
    last_moved_at: datetime = Field(default_factory=utc_now)
