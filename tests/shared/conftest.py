"""Fixtures for the shared-office tests: they need a real PostgreSQL (LTSA_TEST_POSTGRES_URL).

Each test gets a fresh schema (the root conftest's ``postgres_url``) that plays the office's
database; without the variable every test here is skipped, and nothing else changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from officetools import make_desk

from ltsa_desk.counter.workspace import Workspace

pytestmark = pytest.mark.postgres


@pytest.fixture
def office_url(postgres_url: str) -> str:
    """The office's shared database: a fresh PostgreSQL schema, dropped afterwards."""
    return postgres_url


@pytest.fixture
def two_desks(tmp_path: Path, office_url: str) -> Iterator[tuple[Workspace, Workspace]]:
    """Desk LOTIM-01 (it made the office's tables) and desk LOTIM-02 (it joined), both opened."""
    first = make_desk(tmp_path / "desk1", "LOTIM-01", office_url)
    second = make_desk(tmp_path / "desk2", "LOTIM-02", office_url)
    try:
        yield first, second
    finally:
        second.close()
        first.close()
