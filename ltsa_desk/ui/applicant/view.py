"""What the applicant page shows of one CPMI, read in one session on the runner.

Why one read for the whole page: the header, the Data tab and the history come from the same
session, so they can never show different truths (the checklist and the letters have their own
panels and reads). The result is plain values, safe to hand from a pool thread to the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import case_order, departures, documents, letters
from ltsa_desk.services.applicants import applicant_dict
from ltsa_desk.services.documents import HistoryRow
from ltsa_desk.services.letters import SubmissionLine
from ltsa_desk.services.validation import FIELDS
from ltsa_desk.ui.words import country_label

__all__ = ["DEPARTURE_DAYS", "ApplicantView", "form_values", "load_view"]

#: How many days before the planned departure a stuck submission becomes a warning.
DEPARTURE_DAYS = 7
_CLOSED = {CaseState.CANCELLED.value, CaseState.DEPARTED.value}


@dataclass(frozen=True)
class ApplicantView:
    """Everything the page shows about one CPMI except the checklist and the letters (their
    panels read those), as plain values read in one session."""

    id: str
    tracking_code: str
    full_name: str
    nik: str
    state: str
    registry_id: str | None
    passport_application_no: str | None
    cancelled_reason: str | None
    planned_departure: date | None
    form: dict[str, str]
    submissions: list[SubmissionLine] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)
    warning: departures.WarningInfo | None = None
    passport_refusal: str | None = None
    passport_refusal_code: str | None = None
    skip_targets: list[str] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.state in _CLOSED


def _date_text(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_dmy(date.fromisoformat(value))
    except ValueError:
        return value


def form_values(record: dict[str, Any]) -> dict[str, str]:
    """A stored record (``applicant_dict``) as the form shows it: dates DD-MM-YYYY, the country
    by its name in the window's language, choices by their stored value. Saving sends back only
    the fields whose text the officer changed, so these display forms never reach the database
    unasked."""
    values: dict[str, str] = {}
    for name in FIELDS:
        raw = record.get(name)
        if name in {"birth_date", "planned_departure"}:
            values[name] = _date_text(raw)
        elif name == "destination_country":
            values[name] = country_label(raw)
        else:
            values[name] = "" if raw is None else str(raw)
    return values


def load_view(workspace: Any, applicant_id: str, today: date, actor: Any = None) -> ApplicantView:
    """Read the page's view of one applicant (runs on the runner); ``actor`` decides whether the
    order may be skipped (an admin)."""
    settings = letters.OfficeSettings.from_config(workspace.config)
    require_recommendation = bool(workspace.config.get("workflow.require_recommendation"))
    with workspace.database.session() as session:
        applicant = documents.get_applicant(session, applicant_id)
        record = applicant_dict(session, applicant)
        receipt = letters.receipt_data(session, applicant.id, settings, today=today)
        history = documents.history(session, applicant.id)
        warning = departures.departure_warnings(
            session, today, DEPARTURE_DAYS, applicant_ids=[applicant.id]
        ).get(str(applicant.id))
        blocker = case_order.passport_blocker(
            applicant, require_recommendation=require_recommendation
        )
        targets = case_order.skip_targets(applicant, actor) if actor is not None else []
        return ApplicantView(
            id=str(applicant.id),
            tracking_code=applicant.tracking_code,
            full_name=applicant.full_name,
            nik=applicant.nik,
            state=applicant.state,
            registry_id=applicant.registry_id,
            passport_application_no=applicant.passport_application_no,
            cancelled_reason=applicant.cancelled_reason,
            planned_departure=applicant.planned_departure,
            form=form_values(record),
            submissions=list(receipt.waiting) + list(receipt.delivered),
            history=history,
            warning=warning,
            passport_refusal=blocker.text if blocker else None,
            passport_refusal_code=blocker.code if blocker else None,
            skip_targets=[state.value for state in targets],
        )
