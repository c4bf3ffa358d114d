"""Departure warnings: a CPMI leaving within a week whose submissions have not all arrived."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import col

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import case_order, intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.departures import departure_warnings
from ltsa_desk.store.models import Applicant
from sync.models import OutboxItem

TODAY = date(2026, 3, 2)


def register(
    workspace: Workspace, actor: Actor, serial: int, leaves_in: int | None, **extra: Any
) -> Applicant:
    data: dict[str, Any] = {
        "nik": f"520301120590{serial:04d}",
        "full_name": f"Budi Santoso {'ABCDEFGHIJ'[serial]}",
        "birth_date": "12-05-1990",
        "sex": "L",
        "birth_place": "Selong",
        **extra,
    }
    if leaves_in is not None:
        data["planned_departure"] = (TODAY + timedelta(days=leaves_in)).isoformat()
    with workspace.database.write_session() as session:
        return intake.register_applicant(session, data, actor, today=TODAY).applicant


def set_state(workspace: Workspace, applicant: Applicant, state: str) -> None:
    with workspace.database.write_session() as session:
        session.exec(
            update(OutboxItem).where(col(OutboxItem.chain) == str(applicant.id)).values(state=state)
        )
        session.commit()


def test_flags_only_soon_departures_with_submissions_still_on_their_way(
    workspace: Workspace, actor: Actor
) -> None:
    soon = register(workspace, actor, 1, 3)  # registration still waiting
    later = register(workspace, actor, 2, 10)  # waiting, but not within a week
    sent = register(workspace, actor, 3, 2)  # everything delivered
    set_state(workspace, sent, "delivered")
    refused = register(workspace, actor, 4, 5)  # refused: needs the officer
    set_state(workspace, refused, "needs_attention")
    cancelled = register(workspace, actor, 5, 1)
    with workspace.database.write_session() as session:
        attached = session.get(Applicant, cancelled.id)
        assert attached is not None
        intake.cancel_applicant(session, attached, "CPMI mengundurkan diri", actor)
    register(workspace, actor, 6, None)  # no departure planned
    register(workspace, actor, 7, -1)  # already gone yesterday
    today_leaver = register(workspace, actor, 8, 0)
    with workspace.database.write_session() as session:
        attached = session.get(Applicant, today_leaver.id)
        assert attached is not None
        # moved in from an old register with its papers on paper: the admin's skip
        admin = replace(actor, username="admin1", role="admin")
        case_order.skip_order(session, attached, "passport_requested", admin, "Register lama")

    with workspace.database.session() as session:
        warnings = departure_warnings(session, TODAY)

    assert set(warnings) == {str(soon.id), str(refused.id), str(today_leaver.id)}
    first = warnings[str(soon.id)]
    assert (first.days_left, first.pending, first.needs_attention) == (3, 1, 0)
    assert first.destinations == ("registry",)
    assert first.planned_departure == TODAY + timedelta(days=3)
    assert first.tracking_code == soon.tracking_code
    assert first.message == "Berangkat 3 hari lagi (05-03-2026): 1 kiriman belum terkirim"
    attention = warnings[str(refused.id)]
    assert (attention.pending, attention.needs_attention) == (0, 1)
    assert "1 kiriman perlu tindakan" in attention.message
    leaving = warnings[str(today_leaver.id)]
    assert (leaving.days_left, leaving.pending) == (0, 2)
    assert leaving.destinations == ("immigration", "registry")
    assert leaving.message.startswith("Berangkat hari ini (02-03-2026)")

    with workspace.database.session() as session:
        wider = departure_warnings(session, TODAY, days=10)
        one_page = departure_warnings(session, TODAY, applicant_ids=[later.id, soon.id])
        nobody = departure_warnings(session, TODAY, applicant_ids=[])
    assert str(later.id) in wider and len(wider) == 4
    assert set(one_page) == {str(soon.id)}
    assert nobody == {}
