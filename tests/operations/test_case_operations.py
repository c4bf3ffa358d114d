"""The case operations on real databases: the one door of the window and the command line.

Each reads the office's own rule, opens its session, finds the CPMI as either caller names it
(the window: the row id; the command line: NIK or tracking code) and refuses in one error type
with the field at fault, writing nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from optools import NIK, TODAY, pdf_bytes, register
from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.operations import case
from ltsa_desk.operations.refusal import Refused
from ltsa_desk.services import documents as docs
from ltsa_desk.services.context import Actor
from ltsa_desk.store.models import CaseEvent
from sync.models import OutboxItem


def documents_complete(workspace: Workspace, actor: Actor, applicant_id: str) -> None:
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        for kind in ("ktp", "kk", "ijazah", "family_permission"):
            docs.attach(session, store, applicant_id, kind, pdf_bytes(kind), actor, today=TODAY)
            docs.verify(session, applicant_id, kind, actor, today=TODAY)
        assert docs.advance_if_complete(session, applicant_id, actor, today=TODAY)


def state_and_history(workspace: Workspace, applicant_id: str) -> tuple[str, int, int]:
    with workspace.database.session() as session:
        applicant = docs.get_applicant(session, applicant_id)
        events = session.exec(select(CaseEvent).where(CaseEvent.applicant_id == applicant.id))
        items = session.exec(select(OutboxItem).where(OutboxItem.chain == applicant_id))
        return applicant.state, len(list(events)), len(list(items))


def test_the_passport_request_follows_the_offices_own_rule(
    workspace: Workspace, actor: Actor
) -> None:
    """The strict order by default; an office that turned the recommendation off may go on."""
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    before = state_and_history(workspace, applicant_id)
    with pytest.raises(Refused) as refused:
        case.request_passport(workspace, actor, applicant_id)
    assert (refused.value.field, refused.value.reason) == ("state", "needs_recommendation")
    assert "Rekomendasi" in refused.value.message
    assert state_and_history(workspace, applicant_id) == before, "a refusal writes nothing"

    workspace.config.set("workflow.require_recommendation", "false")
    assert case.request_passport(workspace, actor, NIK) == docs_id(workspace, applicant_id)
    state, _events, items = state_and_history(workspace, applicant_id)
    assert (state, items) == ("passport_requested", 2)


def docs_id(workspace: Workspace, applicant_id: str) -> Any:
    with workspace.database.session() as session:
        return docs.get_applicant(session, applicant_id).id


def test_a_cpmi_named_by_tracking_code_or_unknown(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    with workspace.database.session() as session:
        code = docs.get_applicant(session, applicant_id).tracking_code
    assert case.cancel_case(workspace, actor, code, "  pindah  ke   kabupaten lain ") == docs_id(
        workspace, applicant_id
    )
    assert state_and_history(workspace, applicant_id)[0] == "cancelled"
    with pytest.raises(Refused) as unknown:
        case.request_passport(workspace, actor, "5203019999999999")
    assert (unknown.value.field, unknown.value.reason) == ("key", "not_found")
    with pytest.raises(Refused) as closed:
        case.request_passport(workspace, actor, applicant_id)
    assert closed.value.field == "state"


def test_cancelling_needs_a_reason(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    before = state_and_history(workspace, applicant_id)
    with pytest.raises(Refused) as refused:
        case.cancel_case(workspace, actor, applicant_id, "   ")
    assert refused.value.field == "reason"
    assert state_and_history(workspace, applicant_id) == before


def test_only_an_admin_skips_the_order(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    with pytest.raises(Refused) as refused:
        case.skip_order(workspace, actor, applicant_id, CaseState.PASSPORT_REQUESTED, "lama")
    assert refused.value.field == "as"
    admin = replace(actor, username="admin1", role="admin")
    case.skip_order(workspace, admin, NIK, "passport_requested", "pindahan dari register lama")
    state, _events, items = state_and_history(workspace, applicant_id)
    assert (state, items) == ("passport_requested", 2)
