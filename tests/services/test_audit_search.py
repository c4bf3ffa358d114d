"""The audit viewer's records are named as a person knows them, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import audit, audit_search, documents, intake
from ltsa_desk.services.audit_search import AuditFilter
from ltsa_desk.services.context import Actor
from ltsa_desk.store.models import Agency

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _register(workspace: Workspace, actor: Actor) -> str:
    data = {
        "nik": "5203014101990001",
        "full_name": "Baiq Nurul Aini",
        "birth_date": "01-01-1999",
        "sex": "P",
        "agency": "PT Maju Bersama",
    }
    with workspace.database.write_session() as session:
        applicant = intake.register_applicant(session, data, actor).applicant
    with workspace.database.write_session() as session:
        documents.attach(session, workspace.attachments, applicant.id, "ktp", PDF, actor)
        session.commit()
    return applicant.tracking_code


def test_applicant_document_and_agency_entries_carry_readable_labels(
    workspace: Workspace, actor: Actor
) -> None:
    code = _register(workspace, actor)
    with workspace.database.write_session() as session:
        audit.record(
            session,
            actor="x",
            action="applicant.update",
            entity="applicant",
            entity_id="not-a-uuid",
        )
        audit.record(
            session,
            actor="x",
            action="document.verify",
            entity="document",
            entity_id="9b1f7c1e-0000-4000-8000-000000000000",
        )  # names nothing here
        session.commit()
    with workspace.database.session() as session:
        page = audit_search.search(session, AuditFilter())
        agency_name = session.exec(select(Agency.name)).one()
    by_action = {}
    for entry in page.entries:
        by_action.setdefault(entry.action, []).append(entry)
    (registered,) = by_action["applicant.register"]
    assert registered.label == f"{code} (Baiq Nurul Aini)"
    (attached,) = by_action["document.attach"]
    assert attached.label == f"{code} (Baiq Nurul Aini)"
    agency_entries = [e for e in page.entries if e.entity == "agency"]
    assert agency_entries and agency_entries[0].label == agency_name
    # An id that is not one of ours, or names nothing this database holds, keeps no label.
    assert by_action["applicant.update"][0].label is None
    assert by_action["document.verify"][0].label is None


def test_records_that_name_no_cpmi_or_p3mi_get_no_label(workspace: Workspace) -> None:
    with workspace.database.session() as session:
        assert audit_search.record_labels(session, []) == {}
        assert audit_search.record_labels(session, [("officer", "budi"), ("report", None)]) == {}
