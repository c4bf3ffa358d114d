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


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"start", "test"}:
        print(__doc__)
        return 2
    verb, rest = argv[0], argv[1:]
    if verb == "start":
        _install("")
        return subprocess.call([str(PYTHON), "-m", "ltsa_desk", *rest], cwd=ROOT)
    _install("test")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
