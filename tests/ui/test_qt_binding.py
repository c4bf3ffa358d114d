"""The installed Qt binding survives a counter's day of signal emits.

PySide6 6.12.0 on Python 3.11 loses a reference to `True` on every Python-side emit and aborts the
interpreter after a few thousand; pyproject.toml excludes it. This guards against a regression, in a
subprocess so a crash fails this test instead of killing the test run.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Probe(QObject):
    ping = Signal(object)
probe = Probe()
probe.ping.connect(lambda value: None)
before = sys.getrefcount(True)
for number in range(20000):
    probe.ping.emit(number)
print(before - sys.getrefcount(True))
"""


def test_twenty_thousand_emits_leak_no_reference_and_do_not_crash() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert abs(int(done.stdout.strip())) < 50
