"""Encrypting an unencrypted database left by an earlier version, with a real kill -9 mid-way.

The first verb run on such a folder converts it. The run is stopped at each named step of the
conversion (the command announces the step on stderr and sleeps there, driven by
LTSA_DESK_TEST_PAUSE_AT), killed with SIGKILL, and then: either the old plaintext file or the new
encrypted one opens, with every row; a second run finishes the job and prints the recovery key;
and no file under the data folder (database, backups, leftovers) holds a NIK or a name in clear.
"""

from __future__ import annotations

import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import clitools
import pytest
from clitools import run

from ltsa_desk.counter.config import Config
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.store.cipher import PAUSE_ENV, SQLITE_HEADER
from ltsa_desk.store.database import create_database, open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

PEOPLE = [
    (clitools.NIK_MALE, "Budi Santoso", "12-05-1990", "L"),
    (clitools.NIK_FEMALE, "Siti Aminah", "12-05-1995", "P"),
    (clitools.NIK_MALE_2, "Ahmad Zainuddin", "12-05-1990", "L"),
]
NEEDLES = [p[0].encode() for p in PEOPLE] + [
    w.encode() for p in PEOPLE for w in (p[1], p[1].lower())
]
STEPS = ["keyed", "export", "exported", "verified", "replaced"]
KEY_PATTERN = re.compile(r"\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){6}\b")


def make_unencrypted_counter(folder: Path) -> None:
    """What an earlier LTSA Desk left: plaintext SQLite in WAL mode, no database.id, no keys."""
    folder.mkdir(parents=True)
    url = f"sqlite:///{(folder / 'ltsa.sqlite').as_posix()}"
    create_database(url, office_code="52.03", counter_id="LOTIM-01")
    database = open_database(url)
    actor = Actor(username="petugas1", counter_id="LOTIM-01", office_code="52.03")
    try:
        for nik, name, born, sex in PEOPLE:
            with database.write_session() as session:
                register_applicant(
                    session,
                    {"nik": nik, "full_name": name, "birth_date": born, "sex": sex},
                    actor,
                    today=date(2025, 1, 15),
                )
    finally:
        database.close()
    config = Config(folder)
    config.set("office.code", "52.03")
    config.set("counter.id", "LOTIM-01")
    config.save()
    clitools.seal_config(folder)  # the runs' account, as the old version's own writer left it


def leaks(folder: Path) -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            hits = [n for n in NEEDLES if n in data]
            if hits:
                found[path.relative_to(folder).as_posix()] = hits
    return found


def applicant_rows(folder: Path) -> tuple[str, list[tuple[Any, ...]]]:
    """Which file state is on disk, and its applicants, read without the application."""
    path = folder / "ltsa.sqlite"
    if path.read_bytes().startswith(SQLITE_HEADER):
        with closing(sqlite3.connect(path)) as plain:
            return "plaintext", sorted(plain.execute("SELECT nik, full_name FROM applicant"))
    with closing(clitools.connect(folder)) as encrypted:
        return "encrypted", sorted(encrypted.execute("SELECT nik, full_name FROM applicant"))


def _lines(stream: Any) -> Iterator[str]:
    yield from iter(stream.readline, "")


def kill_at(folder: Path, step: str, timeout: float = 60) -> str:
    """Run a verb that converts the folder, SIGKILL it at `step`; return what it said."""
    env = clitools.base_env()
    env[PAUSE_ENV] = step
    process = subprocess.Popen(
        [sys.executable, "-m", "ltsa_desk", "sync", "status", "--json",
         "--data-dir", str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stderr is not None
        for line in _lines(process.stderr):
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    said: list[str] = []
    try:
        while True:
            line = lines.get(timeout=timeout)
            if line is None:
                raise AssertionError(f"exited before step {step}:\n{''.join(said)}")
            said.append(line)
            if f"pause at {step}" in line:
                break
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return "".join(said)


@pytest.mark.parametrize("step", STEPS)
def test_kill_during_conversion_loses_nothing_and_a_rerun_finishes(
    tmp_path: Path, step: str
) -> None:
    folder = tmp_path / "counter"
    make_unencrypted_counter(folder)
    with closing(sqlite3.connect(folder / "ltsa.sqlite")) as plain:
        expected = sorted(plain.execute("SELECT nik, full_name FROM applicant"))
    assert len(expected) == len(PEOPLE)

    said = kill_at(folder, step)
    assert "KUNCI PEMULIHAN" not in said  # killed before the key was handed out

    state, rows = applicant_rows(folder)
    assert rows == expected, (step, state)
    assert state == ("encrypted" if step == "replaced" else "plaintext"), step

    # A verb free of a password (no account exists yet) finishes the conversion.
    result = run("sync", "status", "--json", data_dir=folder)
    assert result.code == 0, str(result)
    listed = run("applicant", "list", "--json", data_dir=folder)
    assert {r["nik"] for r in listed.json()["applicants"]} == {p[0] for p in PEOPLE}
    assert "KUNCI PEMULIHAN (recovery key)" in result.stderr
    (recovery,) = KEY_PATTERN.findall(result.stderr)

    assert applicant_rows(folder) == ("encrypted", expected)
    assert leaks(folder) == {}
    assert not list(folder.glob("*.encrypting*"))
    assert not (folder / "recovery-key.pending").exists()  # shown, so confirmed
    backups = sorted((folder / "backups").iterdir())
    assert backups and all("pre-encryption" in b.name for b in backups)

    # The key printed by the run that finished works on another PC.
    target = tmp_path / "pc2"
    target.mkdir()
    for name in ("ltsa.sqlite", "config.toml", "ltsa.key.sealed"):
        (target / name).write_bytes((folder / name).read_bytes())
    home = tmp_path / "home2"
    env = clitools.home_env(home)
    assert run("recover", "--recovery-key", recovery, data_dir=target, env=env).code == 0
    listing = run("applicant", "list", "--json", data_dir=target, env=env)
    assert len(listing.json()["applicants"]) == len(PEOPLE)


def test_conversion_without_a_kill_prints_the_recovery_key_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    make_unencrypted_counter(folder)
    result = run("sync", "status", "--json", data_dir=folder)
    assert result.code == 0, str(result)
    assert "totals" in result.json()  # stdout: still exactly one object
    listed = run("applicant", "list", "--json", data_dir=folder)
    assert len(listed.json()["applicants"]) == len(PEOPLE)
    assert "kunci pemulihan" in result.stderr.lower() and "recovery key" in result.stderr
    assert leaks(folder) == {}
    doctor = run("doctor", "--json", data_dir=folder)
    assert doctor.code == 0, str(doctor)
