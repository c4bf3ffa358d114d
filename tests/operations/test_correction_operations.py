"""Correcting a CPMI's record through the one operation of the data tab and `applicant update`.

The window names the CPMI by her row id, the command line by NIK or tracking code; both get the
same rules, the same session glue and the same refusals. A form's answers (every field's message,
the warnings to confirm, the other CPMI holding a NIK) arrive whole, as the service raised them.
"""

from __future__ import annotations

from typing import Any

import pytest
from optools import NIK, TODAY, register, tracking_code
from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations import case
from ltsa_desk.operations.corrections import correct_record
from ltsa_desk.operations.refusal import Refused
from ltsa_desk.services import documents as docs
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import DuplicateNik, WarningsNotConfirmed
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.models import AuditLog

OTHER_NIK = "5203015205950003"


def record(workspace: Workspace, applicant_id: str) -> tuple[str, str, int]:
    """Her name, birth place and the number of corrections the audit log holds for her."""
    with workspace.database.session() as session:
        applicant = docs.get_applicant(session, applicant_id)
        updates = session.exec(
            select(AuditLog).where(
                AuditLog.action == "applicant.update",
                AuditLog.entity_id == str(applicant.id),
            )
        )
        return applicant.full_name, applicant.birth_place, len(list(updates))


@pytest.mark.parametrize("named_by", ["row id", "NIK", "tracking code"])
def test_a_correction_as_either_front_end_names_the_cpmi(
    workspace: Workspace, actor: Actor, named_by: str
) -> None:
    applicant_id = register(workspace, actor)
    which: Any = {
        "row id": applicant_id,
        "NIK": NIK,
        "tracking code": tracking_code(workspace, applicant_id),
    }[named_by]
    corrected = correct_record(workspace, actor, which, {"birth_place": "Mataram"}, today=TODAY)
    assert str(corrected.applicant_id) == applicant_id
    assert corrected.warnings == []
    assert record(workspace, applicant_id) == ("Siti Aminah", "Mataram", 1)


def test_unknown_and_closed_cpmi_are_refused_as_every_operation_refuses(
    workspace: Workspace, actor: Actor
) -> None:
    applicant_id = register(workspace, actor)
    with pytest.raises(Refused) as unknown:
        correct_record(workspace, actor, "5203019999999999", {"birth_place": "Mataram"})
    assert (unknown.value.field, unknown.value.reason) == ("key", "not_found")
    case.cancel_case(workspace, actor, applicant_id, "pindah ke kabupaten lain")
    with pytest.raises(Refused) as closed:
        correct_record(workspace, actor, applicant_id, {"birth_place": "Mataram"})
    assert (closed.value.field, closed.value.reason) == ("state", "closed")
    assert "tidak bisa diubah" in closed.value.message
    assert record(workspace, applicant_id) == ("Siti Aminah", "Selong", 0), "nothing written"


def test_the_forms_answers_arrive_whole(workspace: Workspace, actor: Actor) -> None:
    """Every field at fault (the window marks each), the NIK's holder, nothing written."""
    applicant_id = register(workspace, actor)
    register(workspace, actor, nik=OTHER_NIK, full_name="Rina Wati")
    with pytest.raises(ValidationFailed) as failed:
        correct_record(workspace, actor, applicant_id, {"full_name": "", "birth_date": ""})
    assert {"full_name", "birth_date"} <= set(failed.value.errors)
    with pytest.raises(DuplicateNik) as twin:
        correct_record(workspace, actor, applicant_id, {"nik": OTHER_NIK})
    assert twin.value.nik == OTHER_NIK
    assert record(workspace, applicant_id) == ("Siti Aminah", "Selong", 0)


def test_warnings_are_handed_on_until_confirmed(workspace: Workspace, actor: Actor) -> None:
    """A NIK of another region warns; confirmed, the correction is saved with its warning."""
    applicant_id = register(workspace, actor)
    other_region = "3201015205950002"
    with pytest.raises(WarningsNotConfirmed) as warned:
        correct_record(workspace, actor, applicant_id, {"nik": other_region}, today=TODAY)
    assert warned.value.warnings
    corrected = correct_record(
        workspace, actor, applicant_id, {"nik": other_region}, confirm_warnings=True, today=TODAY
    )
    assert corrected.warnings == warned.value.warnings
    assert record(workspace, applicant_id)[2] == 1
