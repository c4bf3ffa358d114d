"""Which CPMI wait to be sent, and why: the Sinkronisasi page's answer to "is hers sent yet?".

The destination cards give counts; the officer at the counter is asked about one CPMI (issue 18).
This lists the submissions that have not left yet (pending, being sent, or held by a paused
destination), oldest first, with the CPMI they belong to and the one reason that holds each back.
Refused submissions are not here: the page lists them apart, with the fix ("Perlu tindakan").

The reason is a code, not words: the window says it in its own language. Reads only the open
items (the outbox's claim index starts with destination and state), so the cost follows what
waits, not the years of delivered history.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from ltsa_desk.store.database import Database
from ltsa_desk.store.models import Applicant
from sync.models import DestinationState, ItemState, OutboxItem

DESTINATIONS = ("registry", "immigration")
WAITING_STATES = (ItemState.PENDING.value, ItemState.IN_FLIGHT.value, ItemState.PAUSED.value)

# Why an item has not left, most telling first (the first that applies is given).
SENDING = "sending"  # on its way now
PAUSED = "paused"  # the destination refused our credentials: the technician must act
OFFLINE = "offline"  # the line to the destination is down
AFTER_PREVIOUS = "after_previous"  # an earlier submission of the same CPMI must arrive first
RETRYING = "retrying"  # a try failed (a timeout, a server error); it is tried again by itself
QUEUED = "queued"  # in line, nothing wrong


@dataclass(frozen=True)
class WaitingItem:
    """One submission that has not left yet, as the officer asks about it."""

    key: str
    applicant_id: str
    applicant_name: str
    tracking_code: str
    nik: str
    destination: str
    kind: str
    reason: str  # one of the codes above
    since: str | None  # ISO time (UTC) the submission was queued
    last_error: str | None  # the last failed try's own words, for the technician's tooltip


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat(timespec="seconds")


def waiting_items(database: Database, limit: int = 200) -> list[WaitingItem]:
    """The oldest `limit` submissions not yet sent, each with its CPMI and reason."""
    with database.session() as session:
        items = list(
            session.exec(
                select(OutboxItem)
                .where(
                    col(OutboxItem.destination).in_(DESTINATIONS),
                    col(OutboxItem.state).in_(WAITING_STATES),
                )
                .order_by(col(OutboxItem.created_at), col(OutboxItem.seq))
                .limit(limit)
            ).all()
        )
        if not items:
            return []
        lines = {
            row.destination: row
            for row in session.exec(
                select(DestinationState).where(col(DestinationState.destination).in_(DESTINATIONS))
            ).all()
        }
        first_keys = {item.depends_on for item in items if item.depends_on}
        unsent_first: set[str] = set()
        if first_keys:
            unsent_first = set(
                session.exec(
                    select(OutboxItem.key).where(
                        col(OutboxItem.key).in_(list(first_keys)),
                        OutboxItem.state != ItemState.DELIVERED.value,
                    )
                ).all()
            )
        people = applicants_of_chains(session, [item.chain for item in items])
        rows = []
        for item in items:
            person = people.get(item.chain)
            rows.append(
                WaitingItem(
                    key=item.key,
                    applicant_id=item.chain,
                    applicant_name=person.full_name if person else "-",
                    tracking_code=(person.tracking_code or "-") if person else "-",
                    nik=person.nik if person else "-",
                    destination=item.destination,
                    kind=item.kind,
                    reason=_reason(item, lines.get(item.destination), unsent_first),
                    since=_iso(item.created_at),
                    last_error=item.last_error,
                )
            )
        return rows


def _reason(item: OutboxItem, line: DestinationState | None, unsent_first: set[str]) -> str:
    if item.state == ItemState.IN_FLIGHT.value:
        return SENDING
    if item.state == ItemState.PAUSED.value or (line is not None and line.paused):
        return PAUSED
    if line is not None and not line.online and line.offline_since is not None:
        return OFFLINE
    if item.depends_on and item.depends_on in unsent_first:
        return AFTER_PREVIOUS
    if item.attempts > 0 and item.last_error:
        return RETRYING
    return QUEUED


def applicants_of_chains(session: Session, chains: list[str]) -> dict[str, Applicant]:
    """The CPMI behind outbox chains (a chain is the applicant's id), in one query; a chain that
    is not an applicant id is left out."""
    ids: set[uuid.UUID] = set()
    for chain in chains:
        try:
            ids.add(uuid.UUID(chain))
        except ValueError:
            continue
    if not ids:
        return {}
    found = session.exec(select(Applicant).where(col(Applicant.id).in_(list(ids)))).all()
    return {str(person.id): person for person in found}
