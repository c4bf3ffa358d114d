"""The CPMI page keeps the case order and says why a button is disabled (issue 16, item 2).

Driven offscreen on a real SQLite database: "Ajukan paspor" is disabled with its reason on the
tooltip and the line under the buttons; an admin's "Lewati urutan..." asks the step and a reason,
and the reason shows in the history. A screenshot of the page with the reason goes to
screenshots/ (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from test_applicant_page import (
    assert_off_gui_thread,
    bring,
    history_texts,
    open_page,
    register,
    settle,
    shot,
    state_of,
)

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services.context import Actor
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import MessageKind
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

REASON = "CPMI sudah memegang paspor dari penempatan sebelumnya"


@pytest.fixture(autouse=True)
def _counter_application() -> None:
    make_application()


def _context(workspace: Workspace, actor: Actor) -> UiContext:
    return UiContext(workspace=workspace, actor=actor, runner=Runner())


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = _context(workspace, actor)
    yield made
    made.runner.wait_idle()


@pytest.fixture
def admin_ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = _context(workspace, replace(actor, username="admin1", role="admin"))
    yield made
    made.runner.wait_idle()


def test_a_disabled_passport_button_says_why(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)

    assert not page.actions.passport_button.isEnabled()
    why = "Ajukan paspor: dokumen pendaftaran belum lengkap dan terverifikasi"
    assert page.actions.passport_reason.text() == why
    assert why in page.actions.passport_button.toolTip()
    assert not page.actions.skip_button.isVisible()  # an officer does not skip the order

    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah", "family_permission")
    page.reload()  # the papers came in elsewhere (another desk)
    settle(qtbot, page)
    page.documents.complete_button.click()
    settle(qtbot, page)
    assert state_of(workspace, applicant_id) == CaseState.DOCUMENTS_COMPLETE.value
    assert not page.actions.passport_button.isEnabled()
    why = "Ajukan paspor: Surat Rekomendasi Paspor belum terbit"
    assert page.actions.passport_reason.text() == why
    assert why in page.actions.passport_button.toolTip()
    shot(page, "applicant-passport-needs-recommendation")
    page.window().grab().save("/tmp/caseorder_shot.png")
    assert_off_gui_thread(page)


def test_an_admin_skip_asks_a_reason_and_shows_in_the_history(
    qtbot: Any, admin_ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, admin_ctx, applicant_id, tmp_path)
    assert page.actions.skip_button.isVisible() and page.actions.skip_button.isEnabled()
    asked: list[tuple[str, list[str]]] = []

    def cancelled(_parent: Any, name: str, targets: list[str]) -> tuple[str, str] | None:
        asked.append((name, targets))
        return None

    page.actions.ask_skip = cancelled
    page.actions.skip_button.click()
    settle(qtbot, page)
    assert asked == [
        (
            "Siti Aminah",
            ["documents_complete", "recommended", "passport_requested", "passport_issued"],
        )
    ]
    assert state_of(workspace, applicant_id) == CaseState.REGISTERED.value

    page.actions.ask_skip = lambda _parent, _name, _targets: ("passport_issued", REASON)
    page.actions.skip_button.click()
    settle(qtbot, page)
    assert state_of(workspace, applicant_id) == CaseState.PASSPORT_ISSUED.value
    assert page.data_tab.message_kind == MessageKind.SUCCESS
    table = page.history_table
    rows = {
        table.item(row, 2).text(): (table.item(row, 1).text(), table.item(row, 3).text())
        for row in range(table.rowCount())
    }
    assert rows["Status: Terdaftar \u2192 Paspor terbit"] == (
        "admin1",
        f"Urutan dilewati oleh admin: {REASON}",
    )
    assert "Status: Terdaftar \u2192 Paspor terbit" in history_texts(page)
    # The steps jumped over read as skipped, never ticked.
    assert "Direkomendasikan (dilewati)" in page.header.steps.text()
    assert not page.actions.skip_button.isEnabled()  # nothing further to skip to
    assert_off_gui_thread(page)
