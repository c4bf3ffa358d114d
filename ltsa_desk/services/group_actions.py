"""Group actions: one officer's step applied to many CPMI, each CPMI by the same rules as alone.

A P3MI brings forty CPMI at once; the outage drill queued 3,000 passport requests. Requesting them
one command (or one page) at a time cost 1.3 s each and 27 minutes in all (issue 19). Here each
CPMI goes through exactly the service a single request uses (``intake.request_passport``: the case
order, the recommendation rule, the outbox item) in its own transaction, so a refusal names that
CPMI and its reason and the others go on, and what was requested stays requested if the run stops
half-way. The command line and the search page share this.

Verifying one kind of paper for the whole group (the KTP of forty CPMI checked against their
originals at the desk) goes the same way through ``documents.verify``, the single verification's
service: a paper not attached, already verified or rejected, or a closed case is that CPMI's
refusal. Papers whose dates the officer reads off the original (the medical certificate, the
passport, the visa) are verified one CPMI at a time, as the documents tab asks for those dates.

A P3MI's group is larger than the search box's first page, so :func:`agency_group` reads every
open case of the P3MI of one CPMI, for the window to act on all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from ltsa_desk.domain.documents import DOCUMENT_KIND_LABELS_ID, REQUIREMENTS, DocumentKind
from ltsa_desk.domain.workflow import CaseState, IllegalTransition
from ltsa_desk.services import documents
from ltsa_desk.services.applicants import find_by_key
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import ApplicantClosed, request_passport
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.database import Database
from ltsa_desk.store.models import Agency, Applicant

DATED_KINDS: frozenset[DocumentKind] = frozenset(
    {DocumentKind.PASSPORT, DocumentKind.VISA}
    | {kind for row in REQUIREMENTS if row.max_age_months is not None for kind in row.kinds}
)
"""Papers whose dates the officer reads off the original while verifying (the medical
certificate's issue date decides whether it is fresh enough; a passport's and a visa's expiry):
verified one CPMI at a time, never for a group."""

GROUP_VERIFY_KINDS: tuple[DocumentKind, ...] = tuple(
    kind for kind in DocumentKind if kind not in DATED_KINDS
)
"""The kinds a group verification offers, in the checklist's order."""

_OPEN = tuple(
    state.value for state in CaseState if state not in (CaseState.CANCELLED, CaseState.DEPARTED)
)


@dataclass(frozen=True)
class Outcome:
    """What became of one CPMI of the group: requested, or refused with the reason in words."""

    key: str
    ok: bool
    tracking_code: str | None = None
    full_name: str | None = None
    state: str | None = None
    reason: str | None = None
    reason_code: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "ok": self.ok,
            "tracking_code": self.tracking_code,
            "full_name": self.full_name,
            "state": self.state,
            "reason": self.reason,
            "reason_code": self.reason_code,
        }


def read_keys(lines: Iterable[str]) -> list[str]:
    """NIKs or tracking codes, one a line; blank lines and ``#`` comments skipped."""
    keys = []
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            keys.append(text)
    return keys


@dataclass(frozen=True)
class AgencyGroup:
    """The open cases of one P3MI: every CPMI not yet departed or cancelled, oldest first.

    ``members`` holds (tracking code, name) pairs, plain values that cross to the GUI thread.
    ``agency_name`` is None when the CPMI was registered without a P3MI (then no members).
    """

    agency_name: str | None
    members: list[tuple[str, str]] = field(default_factory=list)


def agency_group(database: Database, key: str) -> AgencyGroup:
    """Every open case of the P3MI of the CPMI named by ``key`` (NIK or tracking code).

    Open cases only: a P3MI's departed CPMI of earlier years are not the group at the desk, and
    each would only come back refused.
    """
    with database.session() as session:
        applicant = find_by_key(session, key)
        if applicant is None or applicant.agency_id is None:
            return AgencyGroup(None)
        agency = session.get(Agency, applicant.agency_id)
        # The open states by name, not "not closed": over the years most of a register has
        # departed, and naming them lets the database read this P3MI's few open cases from
        # ix_applicant_agency_state (migration 0011) instead of scanning every CPMI. Sorted
        # here, not by the query, so the plan stays on that index.
        rows = session.exec(
            select(Applicant.tracking_code, Applicant.full_name, Applicant.registered_at)
            .where(Applicant.agency_id == applicant.agency_id)
            .where(col(Applicant.state).in_(_OPEN))
        ).all()
        rows = sorted(rows, key=lambda row: (row[2], row[0]))
        return AgencyGroup(
            agency.name if agency else None, [(code, name) for code, name, _at in rows]
        )


Act = Callable[[Session, Applicant], object]
"""One CPMI's step in a group, in ``session``; raises one of the refusals :func:`_run_each`
records (and rolls its own transaction back, as the services do)."""


def _refusal_code(exc: Exception) -> str:
    if isinstance(exc, IllegalTransition):
        return exc.reason
    if isinstance(exc, documents.DocumentError):
        return exc.code
    if isinstance(exc, ApplicantClosed):
        return "closed"
    return "contract"  # ValidationFailed: e.g. old data immigration's contract refuses (issue 16)


def _run_each(
    database: Database,
    keys: Iterable[str],
    act: Act,
    progress: Callable[[int], None] | None,
) -> list[Outcome]:
    """``act`` for each CPMI named by ``keys``, in order; a refusal is that CPMI's outcome."""
    outcomes: list[Outcome] = []
    with database.write_session() as session:
        for index, key in enumerate(keys, start=1):
            applicant = find_by_key(session, key)
            if applicant is None:
                outcomes.append(
                    Outcome(
                        key, False, reason=f"CPMI tidak ditemukan: {key}", reason_code="not_found"
                    )
                )
            else:
                code, name = applicant.tracking_code, applicant.full_name
                try:
                    act(session, applicant)
                except (
                    IllegalTransition,
                    ValidationFailed,
                    documents.DocumentError,
                    ApplicantClosed,
                ) as exc:  # rolled back by the service
                    outcomes.append(
                        Outcome(
                            key,
                            False,
                            tracking_code=code,
                            full_name=name,
                            state=applicant.state,
                            reason=str(exc),
                            reason_code=_refusal_code(exc),
                        )
                    )
                else:
                    outcomes.append(
                        Outcome(
                            key, True, tracking_code=code, full_name=name, state=applicant.state
                        )
                    )
            if progress is not None:
                progress(index)
    return outcomes


def request_passports(
    database: Database,
    keys: Iterable[str],
    officer: Actor,
    *,
    require_recommendation: bool = True,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Request the passport of each CPMI named by ``keys`` (NIK or tracking code), in order.

    Each request commits on its own; a refusal (unknown key, a case not at the right step, the
    recommendation missing) is recorded as that CPMI's outcome and the next one goes on.
    """

    def request(session: Session, applicant: Applicant) -> None:
        request_passport(session, applicant, officer, require_recommendation=require_recommendation)

    return _run_each(database, keys, request, progress)


def verify_documents(
    database: Database,
    keys: Iterable[str],
    kind: DocumentKind | str,
    officer: Actor,
    *,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Verify the paper of ``kind`` of each CPMI named by ``keys``, in order, each alone.

    The single verification's rules for each CPMI (``documents.verify``): a paper not attached,
    already verified or rejected, or a cancelled or departed case is refused with its reason and
    the next one goes on. A kind with dates to read off the original (:data:`DATED_KINDS`) or an
    unknown kind refuses the whole group before anything is written (``DocumentError``).
    """
    try:
        document_kind = DocumentKind(kind)
    except ValueError:
        raise documents.DocumentError(
            "unknown_kind", f"Jenis dokumen tidak dikenal: {kind}"
        ) from None
    if document_kind in DATED_KINDS:
        label = DOCUMENT_KIND_LABELS_ID[document_kind]
        raise documents.DocumentError(
            "dated",
            f"{label} diverifikasi satu per satu: tanggalnya dibaca dari aslinya",
        )

    def verify(session: Session, applicant: Applicant) -> None:
        documents.verify(session, applicant.id, document_kind, officer, today=today)

    return _run_each(database, keys, verify, progress)
