"""The letters' operations on real databases: the one door of the window and the command line.

Each reads the office's settings itself (the number pattern, ``documents.require_verified``),
opens its session, finds the CPMI as either caller names it (the window: the row id; the
command line: NIK or tracking code) and refuses in one error type with the field at fault,
writing nothing. Painting the paper stays with the caller: an operation returns plain data.
"""

from __future__ import annotations

from typing import Any

from optools import NIK, REGISTRATION, TODAY, pdf_bytes, refused, register, tracking_code
from sqlmodel import col, func, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations import case
from ltsa_desk.operations import documents as document_operations
from ltsa_desk.operations import letters as operations
from ltsa_desk.services.context import Actor
from ltsa_desk.services.letters import LetterKind
from ltsa_desk.store.models import Applicant, AuditLog, CaseEvent, CounterSequence, Letter
from sync.models import OutboxItem

NUMBER_1 = "562/0001/LTSA-LOTIM-01/VI/2026"


def bring(
    workspace: Workspace, actor: Actor, applicant_id: str, *kinds: str, verify: bool = True
) -> None:
    for kind in kinds:
        document_operations.attach(workspace, actor, applicant_id, kind, pdf_bytes(kind), TODAY)
        if verify:
            document_operations.verify(workspace, actor, applicant_id, kind, TODAY)


def documents_complete(workspace: Workspace, actor: Actor, applicant_id: str) -> None:
    bring(workspace, actor, applicant_id, *REGISTRATION)
    document_operations.mark_complete(workspace, actor, applicant_id, TODAY)


def footprint(workspace: Workspace) -> dict[str, Any]:
    """Everything a letter could write: rows per table, the running number, the statuses."""
    with workspace.database.session() as session:
        counts: dict[str, Any] = {
            table.__name__: session.exec(select(func.count()).select_from(table)).one()
            for table in (Letter, CaseEvent, AuditLog, OutboxItem)
        }
        counts["states"] = sorted(session.exec(select(Applicant.state)).all())
        counts["sequences"] = sorted(
            (row.name, row.last_value) for row in session.exec(select(CounterSequence)).all()
        )
        counts["revoked"] = sorted(
            (row.number, row.revoked) for row in session.exec(select(Letter)).all()
        )
        return counts


def audits(workspace: Workspace, action: str) -> int:
    with workspace.database.session() as session:
        statement = select(AuditLog).where(AuditLog.action == action).order_by(col(AuditLog.id))
        return len(session.exec(statement).all())


def test_letters_follow_the_offices_own_settings(workspace: Workspace, actor: Actor) -> None:
    """Papers count once verified by default (the SPR waits for them); an office that turned
    the rule off issues on papers received. The number follows the office's own pattern."""
    applicant_id = register(workspace, actor)
    bring(workspace, actor, applicant_id, *REGISTRATION, verify=False)
    workspace.config.set("documents.require_verified", "false")
    document_operations.mark_complete(workspace, actor, applicant_id, TODAY)
    workspace.config.set("documents.require_verified", "true")

    view = operations.case_letters(workspace, applicant_id, TODAY)
    assert view.spr_refusal is not None and view.spr_refusal.code == "documents"
    before = footprint(workspace)
    refusal = refused(operations.issue, workspace, actor, applicant_id, LetterKind.SPR, TODAY)
    assert (refusal.field, refusal.reason) == ("documents", "incomplete")
    assert refusal.message == view.spr_refusal.message, "the button and the issuing agree"
    assert footprint(workspace) == before, "a refusal writes nothing"

    workspace.config.set("documents.require_verified", "false")
    assert operations.case_letters(workspace, NIK, TODAY).spr_refusal is None
    workspace.config.set("letters.number_pattern", "SPR-{seq}/{counter}/{year}")
    issued = operations.issue(workspace, actor, NIK, "spr", TODAY)
    assert issued.number == "SPR-0001/LOTIM-01/2026"


def test_a_cpmi_named_by_row_id_nik_or_tracking_code(workspace: Workspace, actor: Actor) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    code = tracking_code(workspace, applicant_id)

    issued = operations.issue(workspace, actor, code, LetterKind.SPR, TODAY)
    assert (issued.number, issued.copy) == (NUMBER_1, False)
    view = operations.case_letters(workspace, NIK, TODAY)
    assert view.applicant_id == applicant_id and view.full_name == "Siti Aminah"
    assert [letter.number for letter in view.letters] == [NUMBER_1]
    assert view.spr_refusal is not None and view.spr_refusal.code == "already_issued"
    assert operations.receipt(workspace, actor, NIK, TODAY) is not None
    assert operations.hand_carry(workspace, applicant_id, TODAY) is None

    workspace.config.set("workflow.require_recommendation", "false")
    case.request_passport(workspace, actor, applicant_id)
    carried = operations.hand_carry(workspace, code, TODAY)
    assert carried is not None and carried.days_to_departure == 4
    assert operations.case_letters(workspace, applicant_id, TODAY).hand_carry_allowed

    unknown = refused(operations.receipt, workspace, actor, "5203019999999999", TODAY)
    assert (unknown.field, unknown.reason) == ("key", "not_found")


def test_a_letter_leaves_as_original_while_fresh_then_as_audited_copy(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    documents_complete(workspace, actor, applicant_id)
    letter_id = str(operations.issue(workspace, actor, applicant_id, "spr", TODAY).letter.id)

    fresh = operations.for_output(workspace, actor, letter_id, fresh=True)
    assert not fresh.copy and audits(workspace, "letter.reprint") == 0
    again = operations.for_output(workspace, actor, letter_id, fresh=False)
    assert again.copy and audits(workspace, "letter.reprint") == 1

    voided = operations.void(workspace, actor, letter_id, "salah ketik nama")
    assert voided.revoked and operations.letter(workspace, letter_id).letter.revoked
    as_is = operations.for_output(workspace, actor, letter_id, fresh=False)
    assert as_is.letter.revoked and audits(workspace, "letter.reprint") == 1


def test_every_refusal_is_one_refused_with_its_field_and_writes_nothing(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    no_agency = register(workspace, actor, nik="5203015205950003", agency="")
    for who in (applicant_id, no_agency):
        documents_complete(workspace, actor, who)
    voided = str(operations.issue(workspace, actor, NIK, "spr", TODAY).letter.id)
    operations.void(workspace, actor, voided, "salah ketik nama")
    letter_id = str(operations.issue(workspace, actor, applicant_id, "spr", TODAY).letter.id)
    before = footprint(workspace)

    cases: list[tuple[Any, tuple[Any, ...], str, str]] = [
        (operations.issue, (applicant_id, "spr", TODAY), "letter", "already_issued"),
        (operations.issue, (no_agency, "spr", TODAY), "agency", "missing_data"),
        (operations.void, (letter_id, "   "), "reason", "invalid"),
        (operations.void, (voided, "lagi"), "letter", "revoked"),
        (operations.issue, ("5203019999999999", "spr", TODAY), "key", "not_found"),
    ]
    for call, args, field, reason in cases:
        refusal = refused(call, workspace, actor, *args)
        assert (refusal.field, refusal.reason) == (field, reason), (call.__name__, args)
        assert refusal.message and refusal.__cause__ is not None
        assert footprint(workspace) == before, (call.__name__, args)

    fresh = register(workspace, actor, nik="5203015205950004")
    before = footprint(workspace)
    refusal = refused(operations.issue, workspace, actor, fresh, LetterKind.SPR, TODAY)
    assert (refusal.field, refusal.reason) == ("state", "wrong_state")
    assert footprint(workspace) == before
