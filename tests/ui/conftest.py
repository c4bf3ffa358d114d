"""Fixtures of the window tests; see uiscreen.py for what differs on a real display."""

from __future__ import annotations

from typing import Any

import pytest
from uiscreen import activate

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.intake_page import IntakePage
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.workers import Runner


@pytest.fixture
def admin_window(qtbot: Any, workspace: Workspace) -> Any:
    """The main window of an admin (every page), active at 1366x768."""
    runner = Runner()
    admin = Actor(username="admin1", counter_id="LOTIM-01", office_code="52.03", role="admin")
    ctx = UiContext(workspace=workspace, actor=admin, runner=runner)
    made = MainWindow(ctx, start_bridge=False)
    made.resize(1366, 768)
    activate(qtbot, made)
    yield made
    # Closed here, not by qtbot: an unsaved intake form makes closing ask (a modal box).
    intake = made.pages.get("intake")
    if isinstance(intake, IntakePage):
        intake.start_new()
    made.close()
    made.deleteLater()
    runner.wait_idle()
