"""The hand-carry paper: the queued passport application, printed for the CPMI to take along.

When the line to immigration is down and departure is near, the CPMI carries exactly what the
queued submission will send, so the immigration officer types nothing new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from sqlmodel import Session

from ltsa_desk.domain.values import FIELD_LABELS_ID, SEX_LABELS_ID, Sex
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services.documents import ApplicantRef, get_applicant
from ltsa_desk.services.letters.receipt import outbox_items_of
from ltsa_desk.services.letters.record import ApplicantSummary, OfficeSettings, summarize
from ltsa_desk.services.letters.words import (
    ITEM_STATE_LABELS_ID,
    WAITING_STATES,
    format_date_id,
    label_of,
)
from ltsa_desk.services.submissions import IMMIGRATION
from ltsa_desk.store.models import Applicant, utc_now
from sync.destinations import PASSPORT_APPLICATION
from sync.models import ItemState, OutboxItem
from sync.outbox import payload_of


@dataclass(frozen=True, slots=True)
class HandCarryData:
    """The passport application the CPMI carries to immigration while the line is down.

    ``application`` lists exactly what the queued submission will send (label, value), so the
    immigration officer types nothing new; ``reference`` is the submission's client reference,
    which lets immigration recognise the electronic copy when it arrives later.
    """

    office: OfficeSettings
    applicant: ApplicantSummary
    reference: str
    state: str
    state_label: str
    queued_at: datetime
    prepared_at: datetime
    today: date
    days_to_departure: int | None
    urgent: bool
    application: list[tuple[str, str]]
    supporting: list[tuple[str, str]]
    reason: str | None = None


# --------------------------------------------------------------------------------------------


def _queued_applications(items: Iterable[OutboxItem]) -> list[OutboxItem]:
    return [
        item
        for item in items
        if item.destination == IMMIGRATION
        and item.kind == PASSPORT_APPLICATION
        and item.state in WAITING_STATES
    ]


def needs_hand_carry(
    applicant: Applicant, items: Iterable[OutboxItem], today: date, days: int = 7
) -> bool:
    """True when the passport application still waits to be sent and departure is near.

    ``items`` are the applicant's outbox items. A departure already past still counts: that CPMI
    needs the paper most. Without a planned departure there is no deadline to beat.
    """
    if applicant.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}:
        return False
    if applicant.planned_departure is None:
        return False
    if (applicant.planned_departure - today).days > days:
        return False
    return bool(_queued_applications(items))


_APPLICATION_LABELS: Final[Mapping[str, str]] = {
    **FIELD_LABELS_ID,
    "office_code": "Kode kantor LTSA",
    "tracking_code": "Kode pelacakan",
    "registry_id": "ID registri pusat",
    "client_reference": "Nomor referensi kiriman",
}
_APPLICATION_ORDER: Final[tuple[str, ...]] = (
    "full_name",
    "nik",
    "birth_place",
    "birth_date",
    "sex",
    "registry_id",
    "tracking_code",
    "office_code",
    "client_reference",
)


def _application_value(name: str, value: Any) -> str:
    if name == "birth_date":
        try:
            return format_date_id(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if name == "sex":
        return f"{value} ({label_of(SEX_LABELS_ID, Sex, str(value))})"
    return str(value)


def hand_carry_data(
    session: Session,
    applicant_id: ApplicantRef,
    settings: OfficeSettings | None = None,
    *,
    today: date | None = None,
    days: int = 7,
) -> HandCarryData | None:
    """The queued passport application as a paper for the CPMI to carry, or ``None`` if there is
    no application waiting. ``urgent`` tells whether departure is near (:func:`needs_hand_carry`);
    the officer may print it anyway.
    """
    day = today or date.today()
    applicant = get_applicant(session, applicant_id)
    settings = settings or OfficeSettings(applicant.office_code, applicant.counter_id)
    items = outbox_items_of(session, applicant)
    queued = _queued_applications(items)
    if not queued or applicant.state == CaseState.CANCELLED.value:
        return None
    item = queued[-1]
    payload = payload_of(item)
    if "registry_id" not in payload and applicant.registry_id:
        payload["registry_id"] = applicant.registry_id  # what the engine would add at send time
    names = [n for n in _APPLICATION_ORDER if payload.get(n)]
    names += sorted(n for n in payload if n not in _APPLICATION_ORDER and payload.get(n))
    application = [
        (_APPLICATION_LABELS.get(n, n), _application_value(n, payload[n])) for n in names
    ]
    summary = summarize(session, applicant)
    supporting = [
        (label, value)
        for label, value in (
            ("Alamat", summary.address),
            ("Nomor HP", summary.phone),
            ("Negara tujuan", summary.destination_country_name),
            ("Jabatan", summary.job_title),
            ("P3MI", summary.agency),
            (
                "Rencana keberangkatan",
                format_date_id(summary.planned_departure) if summary.planned_departure else "",
            ),
        )
        if value
    ]
    days_left = (applicant.planned_departure - day).days if applicant.planned_departure else None
    return HandCarryData(
        office=settings,
        applicant=summary,
        reference=item.key,
        state=item.state,
        state_label=ITEM_STATE_LABELS_ID.get(item.state, item.state),
        queued_at=item.created_at,
        prepared_at=utc_now(),
        today=day,
        days_to_departure=days_left,
        urgent=needs_hand_carry(applicant, items, day, days),
        application=application,
        supporting=supporting,
        reason=item.last_error if item.state == ItemState.NEEDS_ATTENTION.value else None,
    )
