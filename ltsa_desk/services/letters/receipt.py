"""The CPMI's receipt: the tracking code, today's work, what still waits to be sent.

The truth about the line is the point of it: the receipt says "Menunggu sejak ..." rather than
"sent" while a submission is still on its way, and names the remote numbers once they exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

from sqlmodel import Session, col, select

from ltsa_desk.services.context import Actor
from ltsa_desk.services.documents import (
    ApplicantRef,
    HistoryRow,
    checklist,
    get_applicant,
    history,
    local_date,
)
from ltsa_desk.services.letters.record import (
    ApplicantSummary,
    LetterSummary,
    OfficeSettings,
    letters_of,
    summarize,
)
from ltsa_desk.services.letters.words import (
    DESTINATION_LABELS_ID,
    ITEM_STATE_LABELS_ID,
    SUBMISSION_KIND_LABELS_ID,
    WAITING_STATES,
)
from ltsa_desk.services.submissions import chain_of
from ltsa_desk.store.models import Applicant, Officer, utc_now
from sync.destinations.contract import reason_in_indonesian
from sync.models import ItemState, OutboxItem
from sync.outbox import receipt_of


@dataclass(frozen=True, slots=True)
class SubmissionLine:
    """One submission (kiriman) of the CPMI as the receipt shows it.

    ``since`` is when it was queued (for waiting ones) or delivered; ``remote_number`` is the
    number the remote system gave, once it exists.
    """

    key: str
    destination: str
    destination_label: str
    kind: str
    kind_label: str
    state: str
    state_label: str
    since: datetime
    attempts: int
    reason: str | None
    remote_number: str | None

    @property
    def waiting(self) -> bool:
        return self.state in WAITING_STATES


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """The CPMI's receipt: tracking code, today's work, what waits to be sent, remote numbers."""

    office: OfficeSettings
    applicant: ApplicantSummary
    today: date
    printed_at: datetime
    done_today: list[HistoryRow]
    today_summary: list[str]
    waiting: list[SubmissionLine]
    delivered: list[SubmissionLine]
    still_needed: list[str]
    letters: list[LetterSummary] = field(default_factory=list)
    prepared_by: str = ""

    @property
    def registry_id(self) -> str | None:
        return self.applicant.registry_id

    @property
    def passport_application_no(self) -> str | None:
        return self.applicant.passport_application_no


def outbox_items_of(session: Session, applicant: Applicant) -> list[OutboxItem]:
    """The CPMI's submissions in the order they go out (the hand-carry reads them too)."""
    statement = (
        select(OutboxItem)
        .where(OutboxItem.chain == chain_of(applicant))
        .order_by(col(OutboxItem.chain_position), col(OutboxItem.seq))
    )
    return list(session.exec(statement).all())


def _remote_number(item: OutboxItem) -> str | None:
    """The number the remote gave this item: immigration's receipt names the registry id too,
    but for a passport application the officer needs its own application number (PPA-...)."""
    receipt = receipt_of(item)
    for key in ("application_no", "registry_id"):
        if receipt.get(key):
            return str(receipt[key])
    return None


def _line(item: OutboxItem) -> SubmissionLine:
    delivered = item.state == ItemState.DELIVERED.value
    return SubmissionLine(
        key=item.key,
        destination=item.destination,
        destination_label=DESTINATION_LABELS_ID.get(item.destination, item.destination),
        kind=item.kind,
        kind_label=SUBMISSION_KIND_LABELS_ID.get(item.kind, item.kind),
        state=item.state,
        state_label=ITEM_STATE_LABELS_ID.get(item.state, item.state),
        since=(item.delivered_at or item.updated_at) if delivered else item.created_at,
        attempts=item.attempts,
        reason=(
            reason_in_indonesian(item.last_error)
            if item.state == ItemState.NEEDS_ATTENTION.value
            else None
        ),
        remote_number=_remote_number(item),
    )


_GROUPED: Final[Mapping[str, str]] = {
    "document.attach": "Dokumen diterima",
    "document.verify": "Dokumen diperiksa dan sesuai",
    "document.reject": "Dokumen ditolak",
}


def summarize_day(rows: Iterable[HistoryRow]) -> list[str]:
    """A day's history in a few lines for the CPMI: documents grouped, reprints left out.

    The officer's screen shows every event; the CPMI's receipt needs "what was done", e.g.
    "Dokumen diterima: KTP, Kartu Keluarga", not twelve lines of attach and verify.
    """
    lines: list[str | list[str]] = []
    groups: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda r: r.at):
        if row.action == "letter.reprint":
            continue
        if row.action in _GROUPED:
            subject = row.subject or row.text
            if row.action == "document.reject" and row.note:
                subject = f"{subject} ({row.note})"
            if row.action not in groups:
                groups[row.action] = []
                lines.append([row.action])
            if subject not in groups[row.action]:
                groups[row.action].append(subject)
            continue
        text = "Data CPMI diperbaiki" if row.action == "applicant.update" else row.text
        if row.note and row.action in {"letter.void"}:
            text = f"{text} ({row.note})"
        if text not in lines:
            lines.append(text)
    result = []
    for line in lines:
        if isinstance(line, list):
            action = line[0]
            result.append(f"{_GROUPED[action]}: {', '.join(groups[action])}")
        else:
            result.append(line)
    return result


def _officer_name(session: Session, officer: Actor | None) -> str:
    """The officer's full name for a signature line (the account name when none is recorded)."""
    if officer is None:
        return ""
    account = session.exec(select(Officer).where(Officer.username == officer.username)).first()
    return (account.full_name if account is not None else "") or officer.username


def _start_of_local_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day).astimezone()


def receipt_data(
    session: Session,
    applicant_id: ApplicantRef,
    settings: OfficeSettings | None = None,
    *,
    today: date | None = None,
    officer: Actor | None = None,
) -> ReceiptData:
    """What the CPMI takes home: the tracking code at once, today's work, what still waits to be
    sent (and since when), the remote numbers once they exist, and the papers still to bring.

    The truth about the line is the point: a CPMI told "it is sent" when it is not comes back in
    two weeks to a surprise; the receipt says "Menunggu sejak ..." instead.
    """
    day = today or date.today()
    applicant = get_applicant(session, applicant_id)
    settings = settings or OfficeSettings(applicant.office_code, applicant.counter_id)
    items = [
        item
        for item in outbox_items_of(session, applicant)
        if item.state not in {ItemState.SUPERSEDED.value, ItemState.WITHDRAWN.value}
    ]
    lines = [_line(item) for item in items]
    done = [
        row
        for row in history(session, applicant.id, since=_start_of_local_day(day))
        if local_date(row.at) == day
    ]
    still_needed = [
        row.missing_message or row.label
        for row in checklist(session, applicant.id, day, require_verified=False)
        if not row.satisfied and row.stage in {"current", "next"}
    ]
    return ReceiptData(
        office=settings,
        applicant=summarize(session, applicant),
        today=day,
        printed_at=utc_now(),
        done_today=done,
        today_summary=summarize_day(done),
        waiting=[line for line in lines if line.waiting],
        delivered=[line for line in lines if not line.waiting],
        still_needed=still_needed,
        letters=[s for s in letters_of(session, applicant.id) if not s.revoked],
        prepared_by=_officer_name(session, officer),
    )
