"""Fixtures of the report tests: the admin who exports, and a Qt application for PDFs and charts."""

from __future__ import annotations

from typing import Any

import pytest

from ltsa_desk.services.context import Actor


@pytest.fixture
def admin() -> Actor:
    return Actor(username="admin1", counter_id="LOTIM-01", office_code="52.03", role="admin")


@pytest.fixture
def gui(qapp: Any) -> Any:
    """PDFs need a QGuiApplication (fonts); pytest-qt's application serves."""
    return qapp
