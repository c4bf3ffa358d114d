"""Screen readers (NVDA at the counter): every input, button, list and table of every page has an
accessible name, read from Qt's accessibility tree as a screen reader reads it; lists and tables
also say what Enter or a selection does. Names go through tr(), so test_translations holds them
to an English translation too."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from test_real_display import SQLITE, _longest_cpmi

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.ui.applicant.page import ApplicantPage
from ltsa_desk.ui.main_window import MainWindow

CONTROLS = {
    QAccessible.Role.EditableText,
    QAccessible.Role.PushButton,
    QAccessible.Role.ComboBox,
    QAccessible.Role.CheckBox,
    QAccessible.Role.RadioButton,
    QAccessible.Role.SpinBox,
    QAccessible.Role.List,
    QAccessible.Role.Table,
}
# Lists and tables say what to do with them, not only what they are.
DESCRIBED = {QAccessible.Role.List, QAccessible.Role.Table}


def _controls(interface: QAccessibleInterface | None, found: list[QAccessibleInterface]) -> None:
    if interface is None or not interface.isValid():
        return
    if interface.state().invisible:
        return  # a hidden page's controls are not read out
    if interface.role() in CONTROLS:
        found.append(interface)
    for index in range(interface.childCount()):
        _controls(interface.child(index), found)


def _unnamed(window: MainWindow, where: str) -> list[str]:
    window.ctx.runner.wait_idle()
    found: list[QAccessibleInterface] = []
    _controls(QAccessible.queryAccessibleInterface(window), found)
    assert found, f"{where}: the accessibility tree is empty"
    problems = []
    for interface in found:
        role = interface.role()
        what = f"{where}: {role.name} {type(interface.object()).__name__}"
        if not interface.text(QAccessible.Text.Name).strip():
            problems.append(f"{what} has no name")
        elif role in DESCRIBED and not interface.text(QAccessible.Text.Description).strip():
            problems.append(f"{what} {interface.text(QAccessible.Text.Name)!r} has no description")
    return problems


@SQLITE
def test_every_control_of_every_page_has_a_name_for_screen_readers(
    qtbot: Any, workspace: Workspace, actor: Actor, admin_window: MainWindow
) -> None:
    window = admin_window
    applicant_id = _longest_cpmi(workspace, actor)
    problems: list[str] = []
    for row in range(window.navigation.count()):
        key = window.navigation.item(row).data(Qt.ItemDataRole.UserRole)
        window.show_page(key)
        qtbot.wait(50)
        problems += _unnamed(window, key)
    window.open_applicant(applicant_id)
    page = window.pages["applicant"]
    assert isinstance(page, ApplicantPage)
    qtbot.waitUntil(lambda: page.view is not None, timeout=10_000)
    for index in range(page.tabs.count()):
        page.show_tab(index)
        qtbot.wait(50)
        problems += _unnamed(window, f"CPMI tab {page.tabs.tabText(index)}")
    assert problems == [], "\n".join(sorted(set(problems)))

