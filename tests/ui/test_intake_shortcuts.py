"""Pendaftaran's short common case (issue 18): what the NIK says is offered, a few letters and
Enter take the first suggestion shown, and whatever the officer types instead wins."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from test_intake_page import (  # the same window fixtures as the full intake tests
    NIK_FEMALE,
    counter_font,
    ctx,
    focused,
    page,
    register_directly,
    type_and_enter,
)

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import intake
from ltsa_desk.services.context import Actor
from ltsa_desk.ui.intake_page import IntakePage

__all__ = ["counter_font", "ctx", "page"]  # fixtures, imported for pytest

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def go_to(page: IntakePage, name: str) -> None:
    page.editors[name].setFocus()


def test_the_birth_place_is_offered_from_the_niks_regency(qtbot: Any, page: IntakePage) -> None:
    type_and_enter(qtbot, page, NIK_FEMALE)
    type_and_enter(qtbot, page, "SITI AMINAH")
    assert focused(page) is page.editors["birth_place"]
    assert page.value("birth_place") == "Lombok Timur"  # Enter keeps it
    # Typing replaces the offer (the field's text is selected when Enter brings the officer in).
    qtbot.keyClicks(focused(page), "Selong")
    assert page.value("birth_place") == "Selong"
    # Another NIK does not overwrite what the officer typed.
    page.editors["nik"].setText("5201011205900004")
    assert page.value("birth_place") == "Selong"


def test_a_new_nik_replaces_an_offered_birth_place(qtbot: Any, page: IntakePage) -> None:
    type_and_enter(qtbot, page, NIK_FEMALE)
    page.editors["nik"].setText("5201011205900004")  # Lombok Barat
    assert page.value("birth_place") == "Lombok Barat"


@pytest.mark.parametrize(
    ("typed", "taken"), [("Mal", "Malaysia"), ("tai", "Taiwan"), ("Hong", "Hong Kong")]
)
def test_a_few_letters_and_enter_take_the_usual_country(
    qtbot: Any, page: IntakePage, typed: str, taken: str
) -> None:
    go_to(page, "destination_country")
    type_and_enter(qtbot, page, typed)
    assert page.value("destination_country") == taken
    assert focused(page) is page.editors["job_title"]
    assert not page.fields["destination_country"].message_text()


def test_enter_in_the_open_list_takes_the_first_suggestion(qtbot: Any, page: IntakePage) -> None:
    """On a real display the open list has the keyboard: its Enter takes the first row too."""
    go_to(page, "destination_country")
    editor = page.editors["destination_country"]
    qtbot.keyClicks(editor, "Mal")
    completer = editor.completer()  # type: ignore[union-attr]
    assert completer is not None
    qtbot.waitUntil(completer.popup().isVisible)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert page.value("destination_country") == "Malaysia"
    qtbot.waitUntil(lambda: focused(page) is page.editors["job_title"])


def test_a_country_typed_in_full_stays_as_typed(qtbot: Any, page: IntakePage) -> None:
    go_to(page, "destination_country")
    type_and_enter(qtbot, page, "Mali")  # not Somalia, though both are shown
    assert page.value("destination_country") == "Mali"


def test_a_few_letters_and_enter_take_a_usual_job(qtbot: Any, page: IntakePage) -> None:
    go_to(page, "job_title")
    type_and_enter(qtbot, page, "Ope")
    assert page.value("job_title") == "Operator produksi"
    assert focused(page) is page.editors["sector"]


def test_a_job_nobody_wrote_before_stays_as_typed(qtbot: Any, page: IntakePage) -> None:
    go_to(page, "job_title")
    type_and_enter(qtbot, page, "Pemetik teh")
    assert page.value("job_title") == "Pemetik teh"


def test_a_few_letters_and_enter_take_a_known_p3mi(
    qtbot: Any, page: IntakePage, workspace: Workspace, actor: Actor
) -> None:
    with workspace.database.write_session() as session:
        data = {
            "nik": "5203011205900001",
            "full_name": "LALU AHMAD",
            "birth_date": "12-05-1990",
            "sex": "L",
            "agency": "PT Maju Jaya Abadi",
            "job_title": "Pemetik teh",
        }
        intake.register_applicant(session, data, actor)
    page.reload_agencies()
    page.ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: "PT Maju Jaya Abadi" in page.agency_model.stringList())
    go_to(page, "agency")
    type_and_enter(qtbot, page, "maju")
    assert page.value("agency") == "PT Maju Jaya Abadi"


def test_job_titles_written_here_before_are_offered(
    qtbot: Any, ctx: Any, workspace: Workspace, actor: Actor, counter_font: None
) -> None:
    register_directly(workspace, actor, "5203011205900001", "LALU AHMAD")
    with workspace.database.write_session() as session:
        data = {
            "nik": "5203011205900005",
            "full_name": "LALU BAYU",
            "birth_date": "12-05-1990",
            "sex": "L",
            "job_title": "Pemetik teh",
        }
        intake.register_applicant(session, data, actor)
    made = IntakePage(ctx)
    qtbot.addWidget(made)
    qtbot.waitUntil(lambda: made.ready)
    offered = made.job_model.stringList()
    assert "Pemetik teh" in offered and "Operator produksi" in offered


def test_esc_closes_the_list_and_enter_keeps_what_was_typed(
    qtbot: Any, page: IntakePage, workspace: Workspace, actor: Actor
) -> None:
    """A new P3MI whose name starts like a known one: Esc, then Enter keeps the new name."""
    with workspace.database.write_session() as session:
        data = {
            "nik": "5203011205900001",
            "full_name": "LALU AHMAD",
            "birth_date": "12-05-1990",
            "sex": "L",
            "agency": "PT Maju Jaya Abadi",
        }
        intake.register_applicant(session, data, actor)
    page.reload_agencies()
    page.ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: "PT Maju Jaya Abadi" in page.agency_model.stringList())
    go_to(page, "agency")
    editor = page.editors["agency"]
    qtbot.keyClicks(editor, "PT Maju")
    completer = editor.completer()  # type: ignore[union-attr]
    assert completer is not None
    qtbot.waitUntil(completer.popup().isVisible)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Escape)
    assert not completer.popup().isVisible()
    type_and_enter(qtbot, page, "")
    assert page.value("agency") == "PT Maju"
