"""Departure warnings: a CPMI leaves soon and something of theirs has not reached its destination.

This is the case that started the project: a passport application sat in a dead line for two weeks
while the departure came closer. Search results and the applicant page flag such a CPMI so the
officer acts in time (a hand-carry print, a call to the technician) instead of finding out at the
airport.

The query starts from the open submissions (the backlog, normally small) rather than from the
applicants (possibly a million), and looks up only the applicants those belong to.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services.sync_setup import DESTINATIONS
from ltsa_desk.store.models import Applicant
from sync.models import ItemState, OutboxItem

#: Submissions that have not reached their destination and still count as "not there yet".
UNFINISHED_STATES: tuple[str, ...] = (
    ItemState.PENDING.value,
    ItemState.IN_FLIGHT.value,
    ItemState.NEEDS_ATTENTION.value,
    ItemState.PAUSED.value,
)
_CLOSED_CASES = (CaseState.CANCELLED.value, CaseState.DEPARTED.value)
_CHUNK = 500


@dataclass(frozen=True)
class WarningInfo:
    """Why this CPMI is flagged: when they leave and what is still on its way."""

    applicant_id: str
    tracking_code: str
    full_name: str
    planned_departure: date
    days_left: int
    pending: int = 0  # waiting or being sent right now
    needs_attention: int = 0  # refused, waiting for the officer
    destinations: tuple[str, ...] = field(default_factory=tuple)

    @property
    def unfinished(self) -> int:
        return self.pending + self.needs_attention

    @property
    def message(self) -> str:
        """One line for the search result's tooltip and the applicant page (Indonesian)."""
        when = self.planned_departure.strftime("%d-%m-%Y")
        if self.days_left <= 0:
            lead = f"Berangkat hari ini ({when})"
        else:
            lead = f"Berangkat {self.days_left} hari lagi ({when})"
        parts = []
        if self.pending:
            parts.append(f"{self.pending} kiriman belum terkirim")
        if self.needs_attention:
            parts.append(f"{self.needs_attention} kiriman perlu tindakan")
        return f"{lead}: " + ", ".join(parts)


def departure_warnings(
    session: Session,
    today: date,
    days: int = 7,
    *,
    applicant_ids: Iterable[str | uuid.UUID] | None = None,
) -> dict[str, WarningInfo]:
    """Applicants leaving within `days` (today included) whose submissions have not all arrived.

    Keyed by applicant id (`str(uuid)`, the outbox chain). `applicant_ids` limits the look-up to
    the rows a screen shows (one page of search results), so the call stays cheap either way.
    Cancelled and departed cases are never flagged: nothing of theirs will leave any more.
    """
    statement = (
        select(OutboxItem.chain, OutboxItem.state, OutboxItem.destination, func.count())
        # The destination term lets the engine use the outbox's (destination, state) index.
        .where(
            col(OutboxItem.destination).in_(DESTINATIONS),
            col(OutboxItem.state).in_(UNFINISHED_STATES),
        )
        .group_by(OutboxItem.chain, OutboxItem.state, OutboxItem.destination)
    )
    wanted: set[str] | None = None
    if applicant_ids is not None:
        wanted = {str(value) for value in applicant_ids}
        if not wanted:
            return {}
        statement = statement.where(col(OutboxItem.chain).in_(sorted(wanted)))
    open_by_chain: dict[str, dict[str, int]] = {}
    where_to: dict[str, set[str]] = {}
    for chain, state, destination, count in session.exec(statement).all():
        counts = open_by_chain.setdefault(chain, {})
        counts[state] = counts.get(state, 0) + int(count)
        where_to.setdefault(chain, set()).add(destination)
    ids = []
    for chain in open_by_chain:
        try:
            ids.append(uuid.UUID(chain))
        except ValueError:  # a chain that is not an applicant (never made by this app)
            continue
    last_day = today + timedelta(days=days)
    warnings: dict[str, WarningInfo] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        applicants = session.exec(
            select(Applicant).where(
                col(Applicant.id).in_(chunk),
                col(Applicant.planned_departure).is_not(None),
                col(Applicant.planned_departure) >= today,
                col(Applicant.planned_departure) <= last_day,
                col(Applicant.state).not_in(_CLOSED_CASES),
            )
        ).all()
        for applicant in applicants:
            key = str(applicant.id)
            counts = open_by_chain[key]
            assert applicant.planned_departure is not None
            warnings[key] = WarningInfo(
                applicant_id=key,
                tracking_code=applicant.tracking_code,
                full_name=applicant.full_name,
                planned_departure=applicant.planned_departure,
                days_left=(applicant.planned_departure - today).days,
                pending=counts.get(ItemState.PENDING.value, 0)
                + counts.get(ItemState.IN_FLIGHT.value, 0)
                + counts.get(ItemState.PAUSED.value, 0),
                needs_attention=counts.get(ItemState.NEEDS_ATTENTION.value, 0),
                destinations=tuple(sorted(where_to[key])),
            )
    return warnings
