"""Helpers for the care tests: applicants through the real intake service, the real `ltsa-desk`
command in a subprocess, and reading what is inside a zip or a log.

Subprocesses inherit the test's environment (its isolated HOME and file keyring, set by the
autouse fixture in tests/conftest.py), so a key or token stored in-process is the one the command
finds, exactly as on one Windows account.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cliauth import add_admin_command, admin_line, as_admin, remember
from cliresult import CliResult as Result

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import intake
from ltsa_desk.services.context import Actor
from ltsa_desk.store.models import Applicant
from sync.credentials import set_token
from sync.sim.process import SimHandle

ROOT = Path(__file__).resolve().parents[2]


def nik(serial: int) -> str:
    """A valid NIK of Lombok Timur (52.03), district 01, man born 12-05-1990."""
    assert 1 <= serial <= 9999
    return f"520301120590{serial:04d}"


def letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def register(workspace: Workspace, actor: Actor, serial: int, **extra: Any) -> Applicant:
    data = {
        "nik": nik(serial),
        "full_name": f"Budi Santoso {letters(serial)}",
        "birth_date": "12-05-1990",
        "sex": "L",
        "birth_place": "Selong",
        **extra,
    }
    with workspace.database.write_session() as session:
        return intake.register_applicant(session, data, actor).applicant


def env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    full = dict(os.environ)
    full.pop("LTSA_DATA_DIR", None)
    full["PYTHONIOENCODING"] = "utf-8"
    full["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), full.get("PYTHONPATH")) if p)
    full.update(extra or {})
    return full


def run(
    *args: str | Path,
    data_dir: Path,
    input: str | None = None,
    extra_env: Mapping[str, str] | None = None,
    timeout: float = 120,
    auth: bool = True,
) -> Result:
    """A verb that needs an account runs as the test admin (tests/cliauth.py) unless the
    test names its own `--as` or says ``auth=False``."""
    argv = [str(a) for a in args]
    if auth:
        argv, input = as_admin(
            argv,
            input,
            data_dir,
            lambda: run(
                *add_admin_command(),
                data_dir=data_dir,
                input=admin_line(None),
                extra_env=extra_env,
                auth=False,
            ),
        )
    argv += ["--data-dir", str(data_dir)]
    done = subprocess.run(
        [sys.executable, "-m", "ltsa_desk", *argv],
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env(extra_env),
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    return Result(tuple(argv), done.returncode, done.stdout, done.stderr)


def add_test_admin(data_dir: Path) -> None:
    """The test admin (tests/cliauth.py) on a counter with no account yet, as a technician
    makes the first one; later `run` calls of verbs that need an account use it."""
    made = run(*add_admin_command(), data_dir=data_dir, input=admin_line(None), auth=False)
    assert made.code == 0, str(made)
    remember(data_dir)


def zip_texts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Every file under ``folder`` whose bytes contain ``needle`` (UTF-8)."""
    data = needle.encode("utf-8")
    return [p for p in folder.rglob("*") if p.is_file() and data in p.read_bytes()]


def connect(workspace: Workspace, sim: SimHandle) -> None:
    """Point both destinations at ``sim`` and keep its token in the (file) keyring."""
    config = workspace.config
    config.set("registry.url", sim.registry_url)
    config.set("immigration.url", sim.immigration_url)
    config.save()
    set_token("registry", config.office_code, sim.token)
    set_token("immigration", config.office_code, sim.token)
