"""Running Windows programs under Debian's wine for the Windows lane (wine_check.py).

The loader and server, a prefix's environment, Linux paths as Windows sees them, and running a
program with its output streamed through a pipe (Windows python under wine cannot write to a
plain file). The lane's two outcomes other than success are here too: :class:`Unavailable`
(this machine cannot provide something) and :class:`Broken` (a Windows break).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]


class Unavailable(Exception):
    """This machine cannot provide something the lane needs (not a Windows break)."""


class Broken(Exception):
    """A Windows break: the step ran and failed."""


def say(message: str) -> None:
    print(f"wine_check: {message}", flush=True)


# --- wine ----------------------------------------------------------------------------------------


def wine64() -> str:
    """Debian's wine64 loader (the package puts it outside PATH unless `wine` is installed too)."""
    for candidate in (shutil.which("wine64"), "/usr/lib/wine/wine64"):
        if candidate and Path(candidate).exists():
            return candidate
    raise Unavailable("wine64 is not installed (Debian package wine64; wine_check.sh installs it)")


def wineserver() -> str:
    for candidate in (shutil.which("wineserver"), "/usr/lib/wine/wineserver"):
        if candidate and Path(candidate).exists():
            return candidate
    raise Unavailable("wineserver is not installed (Debian package wine64)")


def wine_env(prefix: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # No wine debug chatter; no offer to download Mono or Gecko (no network but the registries).
    env.update(WINEPREFIX=str(prefix), WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=")
    env["PYTHONUNBUFFERED"] = "1"  # output as it comes, through the pipe
    env.pop("DISPLAY", None)
    env.update(extra)
    return env


def windows_path(path: Path) -> str:
    """Wine maps the Linux root to drive Z:."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def run_streamed(
    command: Sequence[str],
    *,
    env: dict[str, str],
    log: Path,
    cwd: Path = ROOT,
    timeout: float | None = None,
) -> int:
    """Run a (wine) program with its output through a pipe, echoed and logged.

    Windows python under wine aborts at start ("init_sys_streams ... Invalid handle") when its
    stdout or stderr is a plain file; a pipe works. So output is never redirected to a file here.

    The program's end, not the pipe's, ends the wait: a process it started and left behind (a
    test's ``ltsa-sim`` when a pytest worker died) inherits the pipe and holds it open, and
    waiting for end-of-file then hung the lane until CI's own limit (seen 2026-12-07).
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8", errors="replace") as sink:
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        assert process.stdout is not None
        lock = threading.Lock()
        done = threading.Event()

        def pump(stream: IO[bytes]) -> None:
            for raw in stream:
                line = raw.decode("utf-8", errors="replace")
                with lock:
                    if done.is_set():
                        return
                    sys.stdout.write(line)
                    sys.stdout.flush()
                    sink.write(line)

        reader = threading.Thread(target=pump, args=(process.stdout,), daemon=True)
        reader.start()
        try:
            status = process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            status = process.wait()
            with lock:
                sink.write(f"\nwine_check: killed after {timeout:.0f} s\n")
        reader.join(30)  # the rest of its output; a leftover holding the pipe is not waited for
        with lock:
            done.set()
            if reader.is_alive():
                say("a process the program left behind still holds its output pipe")
        return status


def wait_wineserver(prefix: Path) -> None:
    """Let the prefix's wineserver finish writing the registry before its files are reused."""
    subprocess.run(
        [wineserver(), "-w"],
        env=wine_env(prefix),
        check=False,
        timeout=120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def end_wineserver(prefix: Path) -> None:
    """Stop every process of the prefix and its wineserver, so the next step starts on a new one.

    Why: after the tests (two pytest-xdist workers, each starting ltsa-sim and CLI processes)
    the build's first CreateProcess with an inherited-handle list failed with WinError 1359
    ("Internal error") in CI; the same call works on a fresh wineserver.
    """
    subprocess.run(
        [wineserver(), "-k"],
        env=wine_env(prefix),
        check=False,
        timeout=120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_wineserver(prefix)


def make_prefix(prefix: Path, loader: str | None = None) -> None:
    """A new wine prefix (about 20 s): Windows 10 as wine 8 presents it, nothing installed."""
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [loader or wine64(), "wineboot", "--init"],
        env=wine_env(prefix),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    # A prefix made with 32-bit wine says Windows 7, which installer.iss (MinVersion=10.0)
    # rightly refuses: present Windows 10, as the counter PCs run.
    subprocess.run(
        [loader or wine64(), "winecfg", "/v", "win10"],
        env=wine_env(prefix),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    wait_wineserver(prefix)
    if not (prefix / "drive_c" / "windows" / "system32").is_dir():
        raise Unavailable(f"wineboot did not create a prefix in {prefix}")
