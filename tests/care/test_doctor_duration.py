"""doctor says a wait the way the window's status bar does (issue 18: the window said "1 menit"
after 20 s while doctor said "0 menit")."""

from __future__ import annotations

import pytest

from ltsa_desk.technician.doctor.check import duration
from ltsa_desk.ui.line_status import format_duration


@pytest.mark.parametrize("seconds", [0, 20, 59, 60, 89, 90, 119, 120, 3_599])
def test_doctor_and_window_say_the_same_minutes(seconds: int) -> None:
    assert duration(seconds) == format_duration(seconds)
