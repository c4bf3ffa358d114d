"""Pengaturan: the display language is saved through the same operation as `config set`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.settings_page import SettingsPage
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def page(qtbot: Any, workspace: Workspace) -> Iterator[SettingsPage]:
    admin = Actor(username="admin1", counter_id="LOTIM-01", office_code="52.03", role="admin")
    ctx = UiContext(workspace=workspace, actor=admin, runner=Runner())
    made = SettingsPage(ctx)
    qtbot.addWidget(made)
    yield made
    ctx.runner.wait_idle()


def test_choosing_english_saves_it_for_the_next_start(
    qtbot: Any, page: SettingsPage, workspace: Workspace
) -> None:
    assert page.language.currentData() == "id"
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.waitUntil(lambda: page.language_note.text() != "", timeout=10_000)
    assert "Tersimpan" in page.language_note.text()
    assert Config.load(workspace.data_dir).get("ui.language") == "en"
