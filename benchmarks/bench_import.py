"""Register import: an N-row CSV through ``ltsa-desk import-register``; rows per second.

The command runs as a technician would run it (its own process, on a counter with an encrypted
database); the rate is rows imported over the command's wall time, interpreter start included.
The baseline is the same command's start alone (``ltsa-desk --version``), so the note can say
what the import itself cost.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchlib import Figure, add_admin, as_admin, make_workspace

COLUMNS = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "phone",
    "education",
    "marital_status",
    "destination_country",
    "job_title",
    "sector",
    "agency",
    "planned_departure",
)


def command() -> list[str]:
    """`ltsa-desk` beside this interpreter (the venv's console script), else `-m ltsa_desk`."""
    folder = Path(sys.executable).parent
    for name in ("ltsa-desk", "ltsa-desk.exe"):
        script = folder / name
        if script.exists():
            return [str(script)]
    found = shutil.which("ltsa-desk")
    return [found] if found else [sys.executable, "-m", "ltsa_desk"]


def write_register(path: Path, rows: int, seed: int = 99) -> None:
    from ltsa_desk import demo

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for record in demo.applicants(rows, seed=seed, today=date.today()):
            writer.writerow([record.get(column) or "" for column in COLUMNS])


def _run(args: list[str], timeout: float, input: str | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        args, capture_output=True, text=True, timeout=timeout, env=os.environ.copy(), input=input
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{args[-4:]} exited {done.returncode}: {done.stderr.strip()[-800:]}")
    return elapsed, done.stdout


def run(root: Path, rows: int) -> dict[str, Any]:
    folder = root / "import-counter"
    workspace = make_workspace(folder)
    try:
        add_admin(workspace)
    finally:
        workspace.close()
    register = root / "register.csv"
    write_register(register, rows)
    start_s, _ = _run([*command(), "--version"], timeout=120)
    argv, password = as_admin(
        [*command(), "import-register", str(register), "--json", "--data-dir", str(folder)]
    )
    seconds, out = _run(argv, timeout=1800, input=password)
    report = json.loads(out)
    return {"seconds": seconds, "start_s": start_s, "report": report, "rows": rows}


def figure(result: dict[str, Any]) -> Figure:
    report = result["report"]
    imported = int(report.get("imported", 0))
    seconds = result["seconds"]
    return Figure(
        name="import_register",
        value=imported / seconds,
        unit="rows/s",
        target="report",
        ok=None,
        note=(
            f"{result['rows']:,}-row CSV: imported {imported:,}, skipped "
            f"{report.get('skipped', 0)}, rejected {report.get('rejected', 0)} in {seconds:.1f} s "
            f"(command start alone {result['start_s']:.2f} s)"
        ),
    )
