"""Fixtures for the command-line tests: initialised data folders made by the real `ltsa-desk init`.

`init` runs once per session into a template folder; tests that write get their own copy of it
(a copy is a valid counter folder, and copying costs far less than starting another process).
Tests that only read share a module-scoped folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import clitools
import pytest
from cliauth import add_admin_command, admin_line, remember


@pytest.fixture(scope="session", autouse=True)
def _cli_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli-home")
    clitools.isolated_home = home
    return home


@pytest.fixture(scope="session")
def template_counter(_cli_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A counter of office 52.03, made once by `ltsa-desk init`, with the test admin
    (tests/cliauth.py); never modified."""
    folder = tmp_path_factory.mktemp("template") / "data"
    result = clitools.run("init", "--office-code", "52.03", "--counter-id", "LOTIM-01",
                          data_dir=folder)
    assert result.code == 0, str(result)
    # The test admin, as a technician makes the first account; every copy has it.
    admin = clitools.run(*add_admin_command(), data_dir=folder, input=admin_line(None),
                         auth=False)
    assert admin.code == 0, str(admin)
    remember(folder)
    return folder


@pytest.fixture(scope="session")
def copy_counter(
    template_counter: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[], Path]:
    """Make a new, private copy of the initialised template counter."""

    def make() -> Path:
        target = tmp_path_factory.mktemp("counter") / "data"
        shutil.copytree(template_counter, target)
        return target

    return make


@pytest.fixture
def fresh_counter(copy_counter: Callable[[], Path]) -> Path:
    """An initialised counter this test may change."""
    return copy_counter()
