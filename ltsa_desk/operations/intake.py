"""What the Pendaftaran desk asks of an opened counter: one operation per officer's action.

Each operation takes the opened counter (`Workspace`) and, when it writes, the acting account; it
opens and ends its own session, so the window never holds one. They run on a worker thread and
hand back plain data (`ApplicantBrief`), which the GUI thread may read after the session closed.
The rules themselves are `services.intake`'s; this module is only their glue to a counter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pycountry

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.countries import country_name_id, to_iso_alpha2
from ltsa_desk.domain.placement import COMMON_DESTINATIONS, COMMON_JOB_TITLES, usual_first
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.services.applicants import agency_names, find_by_key, job_titles
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import DuplicateNik, register_applicant
from ltsa_desk.store.models import Applicant


@dataclass(frozen=True)
class ApplicantBrief:
    """Enough of a CPMI to name them in a notice and open them; plain data across threads."""

    id: str
    tracking_code: str
    full_name: str
    nik: str

    @classmethod
    def of(cls, applicant: Applicant) -> ApplicantBrief:
        return cls(
            id=str(applicant.id),
            tracking_code=applicant.tracking_code,
            full_name=applicant.full_name,
            nik=applicant.nik,
        )


@dataclass(frozen=True)
class RegistrationOutcome:
    """One of the two: the CPMI saved, or the CPMI who already holds the NIK typed."""

    saved: ApplicantBrief | None = None
    duplicate: ApplicantBrief | None = None


@dataclass(frozen=True)
class Lookups:
    """What the completers offer; read off the GUI thread when the page is made."""

    countries: list[str]
    agencies: list[str]
    jobs: list[str]


def load_lookups(workspace: Workspace) -> Lookups:
    """Warm the domain tables (regions, countries) and read the P3MI names, on a worker thread."""
    default_regions()
    names = set()
    for country in pycountry.countries:
        name = country_name_id(country.alpha_2)
        try:
            if to_iso_alpha2(name) == country.alpha_2:  # offer only names the form accepts back
                names.add(name)
        except ValueError:
            continue
    with workspace.database.session() as session:
        agencies = agency_names(session)
        written = job_titles(session)
    usual = [country_name_id(code) for code in COMMON_DESTINATIONS]
    return Lookups(
        countries=usual_first(names, usual),  # "Mal" Enter is Malaysia, not Maladewa
        agencies=agencies,
        jobs=usual_first([*written, *COMMON_JOB_TITLES], [*written, *COMMON_JOB_TITLES]),
    )


def agency_suggestions(workspace: Workspace) -> list[str]:
    """The P3MI names known here, read again after a save that may have added one."""
    with workspace.database.session() as session:
        return agency_names(session)


def find_registered(workspace: Workspace, nik: str) -> ApplicantBrief | None:
    """The CPMI who already holds this NIK here, if any: the form points to them at once."""
    with workspace.database.session() as session:
        found = find_by_key(session, nik)
        return ApplicantBrief.of(found) if found is not None else None


def register_at_desk(
    workspace: Workspace,
    data: dict[str, Any],
    actor: Actor,
    confirm_warnings: bool,
    today: date,
) -> RegistrationOutcome:
    """Register the CPMI typed at the desk, in one write session of its own (worker thread).

    A NIK registered meanwhile (at another desk) comes back as a pointer to that CPMI, not as an
    error; every other refusal (`ValidationFailed`, `WarningsNotConfirmed`) is raised as is.
    """
    with workspace.database.write_session() as session:
        try:
            result = register_applicant(
                session, data, actor, confirm_warnings=confirm_warnings, today=today
            )
        except DuplicateNik as exc:
            existing = find_by_key(session, exc.nik)
            if existing is None:
                raise
            return RegistrationOutcome(duplicate=ApplicantBrief.of(existing))
        return RegistrationOutcome(saved=ApplicantBrief.of(result.applicant))
