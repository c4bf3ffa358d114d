"""What the operations' tests share: one CPMI registered at the counter, her papers, and a refusal.

The case, document and letter operations are tested the same way (register Siti, bring papers,
call the operation as the window or the command line would, check what was refused and that
nothing was written); the set-up lives here once so the three files cannot drift apart. This
folder is on ``sys.path`` for its tests (pytest's rootdir insertion; tests/ has no packages), as
tests/cli/clitools.py is for tests/cli.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations.refusal import Refused
from ltsa_desk.services import documents as docs
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant

TODAY = date(2026, 6, 1)
NIK = "5203015205950002"
#: The papers the registration step needs.
REGISTRATION = ("ktp", "kk", "ijazah", "family_permission")


def pdf_bytes(tag: str) -> bytes:
    """A small PDF-looking paper, different for each ``tag`` (the store keys it by content)."""
    return b"%PDF-1.4\n% " + tag.encode() + b"\n%%EOF\n"


def register(workspace: Workspace, actor: Actor, **overrides: Any) -> str:
    """Register Siti Aminah (NIK :data:`NIK`) at the desk; ``overrides`` change her record."""
    data: dict[str, Any] = {
        "nik": NIK,
        "full_name": "Siti Aminah",
        "birth_place": "Selong",
        "birth_date": "12-05-1995",
        "sex": "P",
        "marital_status": "Belum Kawin",
        "destination_country": "Malaysia",
        "agency": "PT Bintang Mandiri",
        "planned_departure": "05-06-2026",
    }
    data.update(overrides)
    with workspace.database.write_session() as session:
        return str(register_applicant(session, data, actor, today=TODAY).applicant.id)


def tracking_code(workspace: Workspace, applicant_id: str) -> str:
    """The code the command line may name the CPMI by."""
    with workspace.database.session() as session:
        return docs.get_applicant(session, applicant_id).tracking_code


def refused(call: Any, *args: Any, **kwargs: Any) -> Refused:
    """The :class:`Refused` that ``call(*args, **kwargs)`` must raise."""
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value
