"""The case's steps as the officer takes them: request the passport, skip the order, cancel.

Each was written three times before (the applicant page, the ``applicant`` verbs and the screen
tour), each copy reading ``workflow.require_recommendation`` and opening its own session.
"""

from __future__ import annotations

from uuid import UUID

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.operations.loading import ApplicantChoice, load
from ltsa_desk.operations.refusal import refusals
from ltsa_desk.services import case_order, intake
from ltsa_desk.services.context import Actor


def request_passport(counter: Workspace, actor: Actor, which: ApplicantChoice) -> UUID:
    """Record the passport request and queue immigration's application; the applicant's id.

    The office's ``workflow.require_recommendation`` decides whether the recommendation letter
    must be issued first (the strict case order is the default).
    """
    require = bool(counter.config.get("workflow.require_recommendation"))
    with refusals(), counter.database.write_session() as session:
        applicant = load(session, which)
        intake.request_passport(session, applicant, actor, require_recommendation=require)
        return applicant.id


def skip_order(
    counter: Workspace,
    actor: Actor,
    which: ApplicantChoice,
    target: CaseState | str,
    reason: str,
) -> UUID:
    """An admin moves the case over the order to ``target``, with a reason; the applicant's id."""
    with refusals(), counter.database.write_session() as session:
        applicant = load(session, which)
        case_order.skip_order(session, applicant.id, target, actor, reason)
        return applicant.id


def cancel_case(counter: Workspace, actor: Actor, which: ApplicantChoice, reason: str) -> UUID:
    """Cancel the case with a reason; its unsent submissions are withdrawn. The applicant's id."""
    with refusals(), counter.database.write_session() as session:
        applicant = load(session, which)
        intake.cancel_applicant(session, applicant, reason, actor)
        return applicant.id
