"""`python dev.py start` says what the machine lacks before Qt or the set-up wizard fail on it
(issue 18): the Qt system libraries by Debian package, and a missing keyring with advice that
works as written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = "import sys, dev; sys.exit(0 if dev.check_start() else 1)"


def _check(backend: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": backend}
    return subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_start_stops_on_a_machine_without_a_keyring_and_says_what_works() -> None:
    done = _check("keyring.backends.fail.Keyring")
    assert done.returncode == 1
    assert "no usable keyring" in done.stdout
    assert "-m pip install keyrings.alt" in done.stdout
    assert "PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring" in done.stdout


def test_the_advice_works_as_written() -> None:
    # keyrings.alt is installed here (the test extra), as the advice's pip line installs it.
    done = _check("keyrings.alt.file.PlaintextKeyring")
    assert "keyring" not in done.stdout, done.stdout
    assert done.returncode == 0 or "Qt cannot open a window" in done.stdout
