"""The counter window as an officer meets it on a 1366x768 screen, driven by real key and mouse
events (QTest): tab switching never leaves the CPMI page, Enter never opens a record the officer
did not choose, nothing is larger than the screen. These run offscreen and, in `.ci/run`'s
real-display block, under Xvfb with the xcb platform (where focus and activation are real)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from uiscreen import activate

from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.ui.applicant_page import ApplicantPage
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.search_page import SearchPage
from ltsa_desk.ui.workers import Runner
from ltsa_desk.workspace import Workspace

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _register(workspace: Workspace, actor: Actor, nik: str, name: str) -> str:
    with workspace.database.write_session() as session:
        applicant = register_applicant(
            session, {"nik": nik, "full_name": name, "birth_date": "12-05-1990", "sex": "L"}, actor
        ).applicant
        return str(applicant.id)


@pytest.fixture
def window(qtbot: Any, workspace: Workspace) -> Any:
    runner = Runner()
    admin = Actor(username="admin1", counter_id="LOTIM-01", office_code="52.03", role="admin")
    ctx = UiContext(workspace=workspace, actor=admin, runner=runner)
    made = MainWindow(ctx, start_bridge=False)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    activate(qtbot, made)
    yield made
    runner.wait_idle()


def _search(qtbot: Any, window: MainWindow, text: str) -> SearchPage:
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F2)
    page = window.pages["search"]
    assert isinstance(page, SearchPage) and page.search_box.hasFocus()
    qtbot.keyClicks(page.search_box, text)
    return page


def _settled(page: SearchPage, text: str, rows: int) -> bool:
    """The search for ``text`` has answered with ``rows`` rows."""
    model = page.model
    return model.text == text and not model.loading and model.rowCount() == rows


@SQLITE
def test_switching_tabs_never_leaves_the_cpmi_page(
    qtbot: Any, workspace: Workspace, actor: Actor, window: MainWindow
) -> None:
    _register(workspace, actor, "5203011205900001", "AHMAD FAUZI")
    page = _search(qtbot, window, "AHMAD")
    qtbot.waitUntil(lambda: _settled(page, "AHMAD", 1), timeout=10_000)
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    applicant = window.pages["applicant"]
    assert isinstance(applicant, ApplicantPage)
    qtbot.waitUntil(lambda: applicant.name_label.text() == "AHMAD FAUZI", timeout=10_000)
    assert window.current_key() == "applicant"

    # The officer was in a field of the Data tab, then clicks the tabs, then uses Ctrl+1..4.
    applicant.editors["full_name"].setFocus(Qt.FocusReason.MouseFocusReason)
    bar = applicant.tabs.tabBar()
    for index in (ApplicantPage.TAB_DOCUMENTS, ApplicantPage.TAB_LETTERS, 3, 0, 2, 1):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert applicant.tabs.currentIndex() == index
        assert window.current_key() == "applicant", f"tab {index} left the CPMI page"
    applicant.editors["full_name"].setFocus(Qt.FocusReason.MouseFocusReason)
    for number in (2, 3, 1, 4, 1):
        key = getattr(Qt.Key, f"Key_{number}")
        focus = QApplication.focusWidget() or applicant
        qtbot.keyClick(focus, key, Qt.KeyboardModifier.ControlModifier)
        assert applicant.tabs.currentIndex() == number - 1
        assert window.current_key() == "applicant", f"Ctrl+{number} left the CPMI page"

    # The navigation still works from the CPMI page: a click on Pencarian goes there.
    item = window.navigation.item(1)
    qtbot.mouseClick(
        window.navigation.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.navigation.visualItemRect(item).center(),
    )
    assert window.current_key() == "search"


@SQLITE
def test_the_main_window_sets_its_tab_order_without_qt_warnings(
    qtbot: Any, qtlog: Any, window: MainWindow
) -> None:
    window.ctx.runner.wait_idle()
    warnings = [record.message for record in qtlog.records if "setTabOrder" in record.message]
    assert warnings == []
