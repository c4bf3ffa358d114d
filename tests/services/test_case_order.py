"""The real case order on real databases (SQLite; PostgreSQL when set): issue 16, item 2.

Registered -> documents complete (every required document verified) -> recommended -> passport
requested. The SPR needs the registration documents verified; the passport request needs the
recommendation. Anything out of order is an admin's decision with a reason, in the audit log and
the case's history.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlmodel import col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState, IllegalTransition
from ltsa_desk.services import case_order, letters
from ltsa_desk.services import documents as docs
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant, request_passport
from ltsa_desk.services.letters import OfficeSettings
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.models import Applicant, AuditLog, CaseEvent
from sync.models import OutboxItem

TODAY = date(2026, 6, 1)
OFFICE = OfficeSettings(office_code="52.03", counter_id="LOTIM-01")
PAPER = b"%PDF-1.4\n% izin\n%%EOF\n"


def register(workspace: Workspace, actor: Actor) -> str:
    data: dict[str, Any] = {
        "nik": "5203015205950002",
        "full_name": "Siti Aminah",
        "birth_place": "Selong",
        "birth_date": "12-05-1995",
        "sex": "P",
        "marital_status": "Belum Kawin",
        "destination_country": "Malaysia",
        "agency": "PT Bintang Mandiri",
        "planned_departure": "05-06-2026",
    }
    with workspace.database.write_session() as session:
        return str(register_applicant(session, data, actor, today=TODAY).applicant.id)


def bring(workspace: Workspace, actor: Actor, applicant_id: str, *kinds: str, **dates: Any) -> None:
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        for kind in kinds:
            paper = b"%PDF-1.4\n% " + kind.encode() + b"\n%%EOF\n"
            docs.attach(session, store, applicant_id, kind, paper, actor, today=TODAY)
            docs.verify(session, applicant_id, kind, actor, today=TODAY, **dates)


def request(workspace: Workspace, actor: Actor, applicant_id: str, **kw: Any) -> None:
    with workspace.database.write_session() as session:
        request_passport(session, docs.get_applicant(session, applicant_id), actor, **kw)


def state_of(workspace: Workspace, applicant_id: str) -> str:
    with workspace.database.session() as session:
        return docs.get_applicant(session, applicant_id).state


def outbox_kinds(workspace: Workspace, applicant_id: str) -> list[str]:
    with workspace.database.session() as session:
        items = session.exec(select(OutboxItem).where(OutboxItem.chain == applicant_id))
        return sorted(item.kind for item in items)


def admin(actor: Actor) -> Actor:
    return replace(actor, username="admin1", role="admin")


def test_no_passport_request_for_a_case_with_no_documents(
    workspace: Workspace, actor: Actor
) -> None:
    """The old default let Terdaftar go straight to Paspor diajukan with nothing on file."""
    applicant_id = register(workspace, actor)
    for office_rule in (True, False):
        with pytest.raises(IllegalTransition) as refused:
            request(workspace, actor, applicant_id, require_recommendation=office_rule)
        assert refused.value.reason == "needs_documents"
    assert state_of(workspace, applicant_id) == "registered"
    assert outbox_kinds(workspace, applicant_id) == ["worker.register"]


def test_the_real_order_reaches_the_passport_request(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah", "family_permission")
    with workspace.database.write_session() as session:
        assert docs.advance_if_complete(session, applicant_id, actor, today=TODAY)
    with pytest.raises(IllegalTransition) as refused:  # the default needs the recommendation
        request(workspace, actor, applicant_id)
    assert refused.value.reason == "needs_recommendation"
    bring(workspace, actor, applicant_id, "ak1_card", "placement_agreement")
    bring(workspace, actor, applicant_id, "medical_certificate", issued_on=date(2026, 5, 20))
    with workspace.database.write_session() as session:
        letters.issue_passport_recommendation(session, applicant_id, actor, OFFICE, today=TODAY)
    assert state_of(workspace, applicant_id) == "recommended"
    request(workspace, actor, applicant_id)
    assert state_of(workspace, applicant_id) == "passport_requested"
    assert outbox_kinds(workspace, applicant_id) == ["passport.apply", "worker.register"]


def test_an_office_without_the_recommendation_still_needs_the_documents(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah", "family_permission")
    with workspace.database.write_session() as session:
        docs.advance_if_complete(session, applicant_id, actor, today=TODAY)
    request(workspace, actor, applicant_id, require_recommendation=False)
    assert state_of(workspace, applicant_id) == "passport_requested"


def test_spr_needs_the_registration_documents_verified_whatever_the_status(
    workspace: Workspace, actor: Actor
) -> None:
    """A case that took the old shortcut (stored before this version, or skipped by an admin)
    sits at Paspor diajukan with no paper: its SPR would say "dokumen ... telah lengkap"."""
    applicant_id = register(workspace, actor)
    with workspace.database.write_session() as session:
        applicant = session.get(Applicant, uuid.UUID(applicant_id))
        assert applicant is not None
        applicant.state = CaseState.PASSPORT_REQUESTED.value
        session.add(applicant)
        session.commit()
    with (
        workspace.database.write_session() as session,
        pytest.raises(docs.DocumentsIncomplete) as refused,
    ):
        letters.issue_spr(session, applicant_id, actor, OFFICE, today=TODAY)
    assert "KTP belum ada" in refused.value.message
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah")
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:  # received, not yet verified
        docs.attach(session, store, applicant_id, "family_permission", PAPER, actor, today=TODAY)
    with (
        workspace.database.write_session() as session,
        pytest.raises(docs.DocumentsIncomplete) as refused,
    ):
        letters.issue_spr(session, applicant_id, actor, OFFICE, today=TODAY)
    assert refused.value.message.endswith("Surat izin keluarga/wali belum terverifikasi")
    with workspace.database.write_session() as session:
        docs.verify(session, applicant_id, "family_permission", actor, today=TODAY)
    with workspace.database.write_session() as session:
        assert letters.issue_spr(session, applicant_id, actor, OFFICE, today=TODAY).number


def test_only_an_admin_skips_the_order_and_only_with_a_reason(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    to = CaseState.PASSPORT_REQUESTED
    with workspace.database.write_session() as session, pytest.raises(case_order.NotPermitted):
        case_order.skip_order(session, applicant_id, to, actor, "sudah punya paspor")
    with workspace.database.write_session() as session, pytest.raises(ValidationFailed) as blank:
        case_order.skip_order(session, applicant_id, to, admin(actor), "   ")
    assert blank.value.errors == {"reason": "Alasan melewati urutan wajib diisi"}
    with workspace.database.write_session() as session, pytest.raises(IllegalTransition):
        case_order.skip_order(session, applicant_id, CaseState.DEPARTED, admin(actor), "x")
    assert state_of(workspace, applicant_id) == "registered"
    with workspace.database.session() as session:
        assert not session.exec(
            select(AuditLog).where(AuditLog.action == "applicant.skip_order")
        ).all()


def test_an_admin_skip_is_in_the_audit_log_and_the_history(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    reason = "Pindahan dari register lama; berkas di map fisik"
    with workspace.database.write_session() as session:
        case_order.skip_order(
            session, applicant_id, CaseState.PASSPORT_REQUESTED, admin(actor), reason
        )
    assert state_of(workspace, applicant_id) == "passport_requested"
    # the passport request itself goes to immigration as any other
    assert outbox_kinds(workspace, applicant_id) == ["passport.apply", "worker.register"]
    with workspace.database.session() as session:
        (entry,) = session.exec(
            select(AuditLog).where(AuditLog.action == "applicant.skip_order")
        ).all()
        events = session.exec(
            select(CaseEvent)
            .where(CaseEvent.applicant_id == uuid.UUID(applicant_id))
            .order_by(col(CaseEvent.at))
        ).all()
        rows = docs.history(session, applicant_id)
    assert entry.actor == "admin1" and entry.entity_id == applicant_id
    assert json.loads(entry.before or "{}") == {"state": "registered"}
    assert json.loads(entry.after or "{}") == {
        "state": "passport_requested",
        "reason": reason,
        "skipped": ["documents_complete", "recommended"],
    }
    assert [(e.from_state, e.to_state) for e in events][-1] == (
        "registered",
        "passport_requested",
    )
    (row,) = [r for r in rows if r.action == "case.state"]
    assert row.text == "Status: Terdaftar \u2192 Paspor diajukan"
    assert row.note == f"Urutan dilewati oleh admin: {reason}"
    assert row.actor == "admin1"


def test_a_cpmi_who_holds_a_passport_is_skipped_to_passport_issued(
    workspace: Workspace, actor: Actor
) -> None:
    """No application goes to immigration for a passport that already exists."""
    applicant_id = register(workspace, actor)
    with workspace.database.write_session() as session:
        case_order.skip_order(
            session, applicant_id, CaseState.PASSPORT_ISSUED, admin(actor), "Paspor sudah ada"
        )
    assert state_of(workspace, applicant_id) == "passport_issued"
    assert outbox_kinds(workspace, applicant_id) == ["worker.register"]


def test_what_blocks_the_passport_request_in_the_officers_words(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    with workspace.database.session() as session:
        applicant = docs.get_applicant(session, applicant_id)
        blocker = case_order.passport_blocker(applicant, require_recommendation=True)
        assert blocker is not None and blocker.code == "needs_documents"
        assert blocker.text == "Ajukan paspor: dokumen pendaftaran belum lengkap dan terverifikasi"
        assert case_order.skip_targets(applicant, admin(actor)) == [
            CaseState.DOCUMENTS_COMPLETE,
            CaseState.RECOMMENDED,
            CaseState.PASSPORT_REQUESTED,
            CaseState.PASSPORT_ISSUED,
        ]
        assert case_order.skip_targets(applicant, actor) == []
        applicant.state = CaseState.DOCUMENTS_COMPLETE.value
        blocker = case_order.passport_blocker(applicant, require_recommendation=True)
        assert blocker is not None
        assert blocker.text == "Ajukan paspor: Surat Rekomendasi Paspor belum terbit"
        assert case_order.passport_blocker(applicant, require_recommendation=False) is None
        session.rollback()
