"""Helpers for window tests that must mean the same on Qt's offscreen platform and on a real X
display (Xvfb with the xcb platform, run by `.ci/run`'s real-display block).

On a real display a widget has keyboard focus only while its window is the active one, and the
window manager (or the X server) decides that after `show()`; offscreen every shown window counts
as active at once. Tests that type into a window therefore wait until it is really active.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

#: The laptop screen of most LTSA counters (UX.md): nothing may be larger than this.
SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768


def on_real_display() -> bool:
    """True under the xcb platform (Xvfb in CI, or a developer's own X session)."""
    return QApplication.platformName() == "xcb"


def activate(qtbot: Any, window: QWidget) -> QWidget:
    """Show ``window`` and wait until it is the active window, so focus and key events are real."""
    window.show()
    qtbot.waitExposed(window)
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    return window

