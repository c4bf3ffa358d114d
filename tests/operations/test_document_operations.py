"""The document checklist's operations on real databases: the one door of the window and the
command line.

Each reads the office's ``documents.require_verified`` itself, opens its session, finds the CPMI
as either caller names it (the window: the row id; the command line: NIK or tracking code) and
refuses in one error type with the field at fault, writing nothing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from optools import NIK, REGISTRATION, TODAY, pdf_bytes, refused, register, tracking_code
from sqlmodel import func, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations import case
from ltsa_desk.operations import documents as operations
from ltsa_desk.services.context import Actor
from ltsa_desk.store.models import Applicant, AuditLog, CaseEvent, Document, Letter
from ltsa_desk.ui.operation import officer_message
from sync.models import OutboxItem


def footprint(workspace: Workspace) -> dict[str, Any]:
    """Everything a document change could write: rows per table, and the cases' statuses."""
    with workspace.database.session() as session:
        counts = {
            table.__name__: session.exec(select(func.count()).select_from(table)).one()
            for table in (Document, CaseEvent, AuditLog, Letter, OutboxItem)
        }
        counts["states"] = sorted(session.exec(select(Applicant.state)).all())
        counts["documents"] = sorted(
            (d.kind, d.status) for d in session.exec(select(Document)).all()
        )
        return counts


def test_the_checklist_and_documents_complete_follow_the_offices_own_rule(
    workspace: Workspace, actor: Actor
) -> None:
    """Papers count once verified by default; an office that turned the rule off may go on
    with papers only received. The window and the command line pass no flag: the operation
    reads it."""
    applicant_id = register(workspace, actor)
    for kind in REGISTRATION:
        operations.attach(workspace, actor, applicant_id, kind, pdf_bytes(kind), TODAY)
    checklist = operations.checklist(workspace, applicant_id, TODAY)
    assert checklist.require_verified and not checklist.registration_complete
    assert (checklist.applicant_id, checklist.state) == (applicant_id, "registered")

    before = footprint(workspace)
    refusal = refused(operations.mark_complete, workspace, actor, applicant_id, TODAY)
    assert (refusal.field, refusal.reason) == ("documents", "incomplete")
    assert refusal.message.startswith("Dokumen belum lengkap: ")
    assert footprint(workspace) == before, "a refusal writes nothing"

    workspace.config.set("documents.require_verified", "false")
    checklist = operations.checklist(workspace, NIK, TODAY)
    assert not checklist.require_verified and checklist.registration_complete
    operations.mark_complete(workspace, actor, NIK, TODAY)
    assert operations.checklist(workspace, applicant_id, TODAY).state == "documents_complete"


def test_a_cpmi_named_by_row_id_nik_or_tracking_code(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    code = tracking_code(workspace, applicant_id)
    scan = tmp_path / "ktp.pdf"
    scan.write_bytes(pdf_bytes("ktp"))

    attached = operations.attach(workspace, actor, code, "ktp", scan, TODAY)
    assert (attached.kind, attached.status) == ("ktp", "received")
    verified = operations.verify(
        workspace, actor, NIK, "ktp", TODAY, issued_on=TODAY - timedelta(days=30)
    )
    assert (verified.status, verified.issued_on) == ("verified", TODAY - timedelta(days=30))
    operations.attach(workspace, actor, applicant_id, "kk", pdf_bytes("kk"), TODAY)
    rejected = operations.reject(workspace, actor, applicant_id, "kk", "  buram,  ulangi ")
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "buram, ulangi")
    assert footprint(workspace)["documents"] == [("kk", "rejected"), ("ktp", "verified")]

    unknown = refused(operations.checklist, workspace, "5203019999999999", TODAY)
    assert (unknown.field, unknown.reason) == ("key", "not_found")


def test_every_refusal_is_one_refused_with_its_field_and_writes_nothing(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    operations.attach(workspace, actor, applicant_id, "ktp", pdf_bytes("ktp"), TODAY)
    operations.verify(workspace, actor, applicant_id, "ktp", TODAY)
    operations.attach(workspace, actor, applicant_id, "ijazah", pdf_bytes("ijazah"), TODAY)
    before = footprint(workspace)

    cases: list[tuple[Any, tuple[Any, ...], dict[str, Any], str, str]] = [
        (operations.verify, (applicant_id, "kk", TODAY), {}, "kind", "not_on_file"),
        (operations.verify, (applicant_id, "ktp", TODAY), {}, "kind", "already_verified"),
        (operations.reject, (applicant_id, "ktp", "   "), {}, "reason", "invalid"),
        (operations.attach, (NIK, "sim", pdf_bytes("x"), TODAY), {}, "kind", "unknown_kind"),
        (operations.attach, (NIK, "kk", b"", TODAY), {}, "file", "empty"),
        (operations.attach, (NIK, "kk", b"GIF89a....", TODAY), {}, "file", "unsupported_type"),
        (
            operations.verify,
            (NIK, "ijazah", TODAY),
            {"issued_on": TODAY + timedelta(days=1)},
            "issued_on",
            "invalid",
        ),
        (operations.mark_complete, (applicant_id, TODAY), {}, "documents", "incomplete"),
    ]
    for call, args, kwargs, field, reason in cases:
        refusal = refused(call, workspace, actor, *args, **kwargs)
        assert (refusal.field, refusal.reason) == (field, reason), (call.__name__, args)
        assert refusal.message and refusal.__cause__ is not None
        assert footprint(workspace) == before, (call.__name__, args)


def test_a_closed_case_keeps_its_papers(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    operations.attach(workspace, actor, applicant_id, "ktp", pdf_bytes("ktp"), TODAY)
    case.cancel_case(workspace, actor, applicant_id, "pindah ke kabupaten lain")
    before = footprint(workspace)
    for call, args in (
        (operations.attach, (NIK, "kk", pdf_bytes("kk"), TODAY)),
        (operations.verify, (NIK, "ktp", TODAY)),
        (operations.reject, (NIK, "ktp", "buram")),
    ):
        refusal = refused(call, workspace, actor, *args)
        assert (refusal.field, refusal.reason) == ("state", "closed")
        assert "dibatalkan" in refusal.message
    assert footprint(workspace) == before
    assert operations.checklist(workspace, applicant_id, TODAY).closed


def test_the_window_says_a_refusal_as_it_said_the_services_own(
    workspace: Workspace, actor: Actor
) -> None:
    """The command line prints a rule with its field's name; the window keeps its sentence
    without it, as before the operation; any other refusal is said as the operation words it."""
    applicant_id = register(workspace, actor)
    operations.attach(workspace, actor, applicant_id, "ktp", pdf_bytes("ktp"), TODAY)
    rule = refused(operations.reject, workspace, actor, applicant_id, "ktp", " ")
    assert rule.message == str(rule.__cause__) != "Alasan penolakan wajib diisi"
    assert officer_message(rule) == "Alasan penolakan wajib diisi"
    paper = refused(operations.verify, workspace, actor, applicant_id, "kk", TODAY)
    assert officer_message(paper) == paper.message == str(paper.__cause__)
    role = refused(case.skip_order, workspace, actor, applicant_id, "passport_requested", "lama")
    assert officer_message(role) == role.message
