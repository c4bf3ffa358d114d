"""Changing a setting (`operations.settings.change_setting`): the one rule of the window's
Pengaturan page and `config set`. A value the configuration refuses, or a key fixed at `init`,
is refused with the key named, and the file on disk stays as it was."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.operations.settings import FIXED_AT_INIT, change_setting

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _file(workspace: Workspace) -> bytes:
    return (workspace.data_dir / "config.toml").read_bytes()


def test_a_setting_is_judged_and_saved(workspace: Workspace) -> None:
    stored = change_setting(workspace.config, "ui.language", "en")
    assert stored == "en"
    assert Config.load(workspace.data_dir).get("ui.language") == "en"


@pytest.mark.parametrize("key", sorted(FIXED_AT_INIT))
def test_what_init_fixed_is_refused(workspace: Workspace, key: str) -> None:
    before = _file(workspace)
    with pytest.raises(ConfigError, match=re.escape(key)):
        change_setting(workspace.config, key, "52.04")
    assert _file(workspace) == before


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=12).filter(lambda text: text.strip().lower() not in {"id", "en"}))
def test_a_language_the_window_cannot_show_is_refused(workspace: Workspace, text: str) -> None:
    before = _file(workspace)
    with pytest.raises(ConfigError, match=r"ui\.language"):
        change_setting(workspace.config, "ui.language", text)
    assert _file(workspace) == before
