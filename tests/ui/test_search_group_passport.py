"""Pencarian: several CPMI selected, their passports requested in one step (issue 19, item 6).

One confirmation for the group; each CPMI still checked by the same service as a single request:
a refusal names the CPMI and its reason, the others are requested.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from sqlalchemy import text
from test_search_page import fill_register

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import applicants
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import cancel_applicant
from ltsa_desk.ui.applicant_table import ApplicantTableModel
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.search_page import SearchPage
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = UiContext(workspace=workspace, actor=actor, runner=Runner())
    yield made
    made.runner.wait_idle()


@pytest.fixture
def page(qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor) -> SearchPage:
    people = fill_register(workspace, count=4)
    with workspace.database.engine.begin() as connection:
        # Rows straight into the table, as cases whose documents and recommendation are done
        # (the passport is requested from "Direkomendasikan": issue 16).
        connection.execute(text("UPDATE applicant SET state = 'recommended'"))
    with workspace.database.write_session() as session:
        one = applicants.get_by_key(session, people[2]["tracking_code"])
        cancel_applicant(session, one, "Mengundurkan diri", actor)
    made = SearchPage(ctx, debounce_ms=50)
    qtbot.addWidget(made)
    made.resize(1160, 700)
    made.show()
    qtbot.waitExposed(made)
    qtbot.waitUntil(lambda: made.model.rowCount() == 4 and not made.model.loading)
    return made


def select_rows(page: SearchPage, rows: list[int]) -> None:
    selection = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(page.model.index(row, 0), flags)


def states(workspace: Workspace) -> dict[str, str]:
    with workspace.database.engine.connect() as connection:
        return dict(connection.execute(text("SELECT tracking_code, state FROM applicant")).all())


def passport_items(workspace: Workspace) -> int:
    with workspace.database.engine.connect() as connection:
        return int(
            connection.execute(
                text("SELECT count(*) FROM outbox_item WHERE kind = 'passport.apply'")
            ).scalar_one()
        )


def test_one_confirmation_then_each_cpmi_alone_and_a_refusal_named(
    qtbot: Any, page: SearchPage, workspace: Workspace
) -> None:
    assert not page.passport_button.isEnabled()  # nothing selected yet
    codes = [page.model.rows[row].cells[ApplicantTableModel.TRACKING] for row in range(4)]
    cancelled = next(code for code, state in states(workspace).items() if state == "cancelled")
    names = [page.model.rows[row].cells[ApplicantTableModel.NAME] for row in range(4)]
    chosen = [*[row for row in range(4) if codes[row] != cancelled][:2], codes.index(cancelled)]
    select_rows(page, chosen)
    assert page.passport_button.isEnabled()
    assert "3 CPMI" in page.passport_button.text()
    asked: list[str] = []

    def yes(_parent: Any, _title: str, question: str, _ok: str) -> bool:
        asked.append(question)
        return True

    page.confirm = yes
    page.passport_button.click()
    qtbot.waitUntil(lambda: not page.group_busy and page.group_result.isVisible(), timeout=10000)
    page.ctx.runner.wait_idle()
    assert len(asked) == 1 and "3 CPMI" in asked[0]  # one confirmation for the group
    result = page.group_result.text()
    assert "2 paspor diajukan; 1 ditolak." in result
    assert f"Ditolak: {names[codes.index(cancelled)]} ({cancelled})" in result
    after = states(workspace)
    assert after[cancelled] == "cancelled"
    assert [after[codes[row]] for row in chosen[:2]] == ["passport_requested"] * 2
    assert passport_items(workspace) == 2
    # The CPMI not selected is untouched.
    untouched = next(code for row, code in enumerate(codes) if row not in chosen)
    assert after[untouched] == "recommended"


def test_declined_confirmation_changes_nothing(
    qtbot: Any, page: SearchPage, workspace: Workspace
) -> None:
    select_rows(page, [0, 1])
    before = states(workspace)
    page.confirm = lambda *_args: False
    page.passport_button.click()
    page.ctx.runner.wait_idle()
    assert states(workspace) == before
    assert passport_items(workspace) == 0
    assert not page.group_result.isVisible()
