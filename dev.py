"""Two commands for a newcomer, the same on Windows and Linux:

    python dev.py start      install into .venv (first time) and open the counter window
    python dev.py test       install the test needs into .venv and run the whole test suite

Only the standard library is used here, so it runs on a fresh machine with nothing but Python 3.11+.
Extra arguments are passed on: `python dev.py start --data-dir D`, `python dev.py test -k nik`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _install(extra: str) -> None:
    """Create .venv once and (re)install only when pyproject.toml changed since the last install."""
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'app'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing LTSA Desk{f' [{extra}]' if extra else ''} into .venv ...", flush=True)
    target = f".[{extra}]" if extra else "."
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target], check=True, cwd=ROOT
    )
    stamp.write_text(digest)


# What Qt's xcb plugin (the window on a Linux X display) loads, by the Debian/Ubuntu package that
# ships it. Qt only says "could not load the Qt platform plugin" and suggests reinstalling.
QT_XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def missing_qt_libraries() -> list[str]:
    """Libraries Qt's xcb plugin needs that this Linux machine lacks (``ldd`` on the plugin)."""
    if not sys.platform.startswith("linux"):
        return []
    pattern = "lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so"
    plugins = sorted(VENV.glob(pattern))
    if not plugins:
        return []
    try:
        output = subprocess.run(
            ["ldd", str(plugins[0])], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return []
    return sorted(
        line.split("=>")[0].strip() for line in output.splitlines() if "not found" in line
    )


def keyring_problem() -> str | None:
    """Why LTSA Desk could not keep its keys here (no usable keyring backend), or None."""
    probe = (
        "import keyring\n"
        "k = keyring.get_keyring()\n"
        "print(type(k).__module__ + '.' + type(k).__name__)\n"
    )
    done = subprocess.run([str(PYTHON), "-c", probe], capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return f"keyring cannot start: {last}"
    name = done.stdout.strip()
    if name.startswith(("keyring.backends.fail", "keyring.backends.null")) or not name:
        return f"no usable keyring on this machine (keyring chose {name})"
    return None


def check_start() -> bool:
    """Before opening the window, say plainly what this machine lacks (issue 18)."""
    ok = True
    missing = missing_qt_libraries()
    if missing:
        packages = sorted({QT_XCB_PACKAGES.get(lib, lib) for lib in missing})
        print("Qt cannot open a window here; missing system libraries: " + ", ".join(missing))
        print("Install them (Debian/Ubuntu):  sudo apt-get install " + " ".join(packages))
        ok = False
    problem = keyring_problem()
    if problem:
        print(f"LTSA Desk keeps its database key and tokens in the keyring: {problem}.")
        print(
            "On a Linux desktop start GNOME Keyring or KWallet (Secret Service). To try LTSA Desk "
            "on a machine without one (never on a real counter: the file is not encrypted):\n"
            f"  {PYTHON} -m pip install keyrings.alt\n"
            "  PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring python dev.py start"
        )
        ok = False
    return ok


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"start", "test"}:
        print(__doc__)
        return 2
    verb, rest = argv[0], argv[1:]
    if verb == "start":
        _install("")
        if not check_start():
            return 1
        return subprocess.call([str(PYTHON), "-m", "ltsa_desk", *rest], cwd=ROOT)
    _install("test")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(PYTHON), "-m", "pytest", *parallel(rest), *rest], cwd=ROOT, env=env)


def parallel(rest: list[str]) -> list[str]:
    """The suite on every core (pytest-xdist), a test file per worker.

    Why whole files: a file's tests share session fixtures (one ltsa-sim, one initialised counter)
    and the bad-line test's namespaces have fixed names, so a file never runs on two
    workers at once.
    Not when the caller chose otherwise (``-n``, ``-p no:xdist``) or debugs (``--pdb``, ``-s``).
    """
    chosen = {
        "-n",
        "--numprocesses",
        "--pdb",
        "-s",
        "--capture=no",
        "no:xdist",
        "--collect-only",
        "--co",
    }
    workers = os.environ.get("LTSA_TEST_WORKERS", "auto")
    if workers == "0" or any(
        arg in chosen or arg.startswith(("-n", "--numprocesses=")) for arg in rest
    ):
        return []
    return ["-n", workers, "--dist", "loadfile"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
