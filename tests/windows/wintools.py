"""Running the real `ltsa-desk` the way a Windows PC does, for the Windows-semantics tests.

Unlike the other folders' helpers, nothing here forces UTF-8 (no PYTHONIOENCODING): on Windows the
command's output is then in the code page a technician's pipe or file really gets.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from cliauth import add_admin_command, admin_line, as_admin
from cliresult import CliResult
from desktools import home_env

WINDOWS = sys.platform == "win32"
LANE_ONLY = "Windows semantics: runs in the Windows lane (packaging/windows/wine_check.py)"

# Valid NIKs for office 52.03 (Lombok Timur).
NIK_MALE = "5203011205900001"
NIK_FEMALE = "5203015205950002"
REGISTER_HEADER = ["NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "No HP",
                   "Status Perkawinan", "Negara Tujuan", "P3MI", "Catatan"]


def under_wine() -> bool:
    """Whether this Windows is wine (ntdll exports wine_get_version there)."""
    if not WINDOWS:
        return False
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")  # type: ignore[attr-defined]


def user_home(root: Path) -> Path:
    """A Windows profile folder with a space and a typographic apostrophe in the name."""
    home = root / "Users" / "Baiq Nur’aini"
    (home / "AppData" / "Roaming").mkdir(parents=True, exist_ok=True)
    (home / "AppData" / "Local").mkdir(parents=True, exist_ok=True)
    return home


def env_for(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("PYTHONIOENCODING", "PYTHONUTF8", "LTSA_DATA_DIR"):
        env.pop(name, None)
    env.update(
        home_env(home),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        QT_QPA_PLATFORM="offscreen",
    )
    env.update(extra or {})
    return env


def run(
    home: Path,
    *args: str | Path,
    data_dir: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    input: str | None = None,
    auth: bool = True,
) -> tuple[CliResult, bytes]:
    """`python -m ltsa_desk ARGS --data-dir DIR`; the result decoded as the code page would be,
    and stdout's raw bytes. A verb that needs an account runs as the test admin
    (tests/cliauth.py), its password on stdin, unless ``auth=False``."""
    argv = [str(a) for a in args]
    if auth:
        argv, input = as_admin(
            argv,
            input,
            data_dir,
            lambda: run(
                home,
                *add_admin_command(),
                data_dir=data_dir,
                env=env,
                input=admin_line(None),
                auth=False,
            )[0],
        )
    argv += ["--data-dir", str(data_dir)]
    completed = subprocess.run(
        [sys.executable, "-m", "ltsa_desk", *argv],
        input=input.encode("utf-8") if input is not None else None,
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
        env=env_for(home, env),
        timeout=timeout,
    )
    encoding = "mbcs" if WINDOWS else "utf-8"
    result = CliResult(
        tuple(argv),
        completed.returncode,
        completed.stdout.decode(encoding, errors="replace"),
        completed.stderr.decode(encoding, errors="replace"),
    )
    return result, completed.stdout


def register_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A register as Excel on Windows saves "CSV UTF-8": BOM, `;`, CRLF line ends."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([REGISTER_HEADER, *rows])
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path
