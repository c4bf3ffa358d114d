"""Fixtures of the window tests; see uiscreen.py for what differs on a real display."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from uiscreen import on_real_display


@pytest.fixture
def real_display(qapp: QApplication) -> None:
    """For tests that only mean something on a real display (frame geometry, window activation
    by the X server): skipped offscreen, where Qt fakes a screen of any size. `.ci/run` runs
    tests/ui a second time under Xvfb with the xcb platform, where they run."""
    if not on_real_display():
        pytest.skip("needs a real X display (QT_QPA_PLATFORM=xcb, e.g. under Xvfb); offscreen here")
