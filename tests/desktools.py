"""What the tests of a desk share, whichever folder they are in: the office code, valid NIKs and
names, waiting for something to happen, and the real ``ltsa-desk`` command in a fresh process.

The sync scenarios (tests/sync/synctools.py, also used by tests/bundle) and the shared-office
tests (tests/shared/officetools.py) both build on this; it lives at the top of tests/, which is on
``sys.path`` for every test folder (as tests/cliauth.py and tests/cliresult.py are).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cliauth import add_admin_command, admin_line, as_admin
from cliresult import CliResult

OFFICE = "52.03"


def home_env(home: Path) -> dict[str, str]:
    """The variables that make `home` an account's home on Linux and on Windows: the data folder
    and the file keyring live under XDG_DATA_HOME on Linux, under %LOCALAPPDATA% on Windows."""
    return {
        "HOME": str(home),
        "USERPROFILE": str(home),
        "LOCALAPPDATA": str(home / "AppData" / "Local"),
        "APPDATA": str(home / "AppData" / "Roaming"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }


def nik(
    serial: int, *, day: int = 12, month: int = 5, year: int = 1990, female: bool = False
) -> str:
    """A valid NIK of Lombok Timur (52.03), district 01: `5203 01 DDMMYY SSSS`, women day + 40."""
    assert 1 <= serial <= 9999
    return f"520301{day + (40 if female else 0):02d}{month:02d}{year % 100:02d}{serial:04d}"


def letters(n: int) -> str:
    """Names may not carry digits: 1 -> 'A', 27 -> 'AA'."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def wait_until(
    predicate: Callable[[], Any], timeout: float, what: str, interval: float = 0.05
) -> Any:
    """Poll until `predicate()` is truthy (and return it), or fail the test after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for: {what}")
        time.sleep(interval)


def cli_command(data_dir: Path, *args: str) -> list[str]:
    """The real ``ltsa-desk`` command line on `data_dir`, for a test that starts it itself."""
    return [sys.executable, "-m", "ltsa_desk", *args, "--data-dir", str(data_dir)]


def run_cli(
    data_dir: Path,
    *args: str,
    input: str | None = None,
    timeout: float = 120,
    auth: bool = True,
) -> CliResult:
    """The real ``ltsa-desk`` in a fresh process, with this test's HOME and keyring file; a
    verb that needs an account runs as the test admin (tests/cliauth.py) unless ``auth=False``
    or the test names its own `--as`."""
    if auth:
        argv, input = as_admin(
            args,
            input,
            data_dir,
            lambda: run_cli(data_dir, *add_admin_command(), input=admin_line(None), auth=False),
        )
        args = tuple(argv)
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("LTSA_DATA_DIR", None)
    started = time.monotonic()
    completed = subprocess.run(
        cli_command(data_dir, *args),
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
    )
    return CliResult(
        tuple(args),
        completed.returncode,
        completed.stdout,
        completed.stderr,
        time.monotonic() - started,
    )
