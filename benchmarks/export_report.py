"""Report export of N CPMI (default 100,000): time and peak memory per format.

    python benchmarks/export_report.py [--rows N] [--formats xlsx,csv,pdf] [--work DIR] [--json OUT]

A fresh encrypted counter database (SQLCipher, as a counter has it) is filled in bulk with N
varied CPMI over one semester, then each export runs in its own child process, so each peak RSS
is that export's alone (Linux/macOS: the child's ``ru_maxrss`` from ``wait4``). The time is the
``export_report`` call itself (query, rows, file, audit entry), measured inside the child.

Baseline, measured in the same run: a child that opens the same workspace and streams the same
rows of the same period with a plain ``SELECT`` into the ``csv`` module (no labels, no summary).
Each figure is printed with its ratio to the baseline. Target (DESIGN.md): XLSX of 100,000
applicants <= 10 s with peak RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests" / "reports"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

PERIOD = (date(2026, 1, 1), date(2026, 6, 30))
XLSX_TARGET_S = 10.0
XLSX_TARGET_MB = 300.0


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["HOME"] = str(home)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests" / "reports")])
    return env


def prepare(work: Path, rows: int) -> Path:
    """An initialised counter with ``rows`` CPMI in the period (runs in the parent)."""
    from reportdata import add_agencies, add_people, at, many_people

    from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace

    data_dir = work / "data"
    data_dir.mkdir(parents=True)
    initialise(data_dir, office_code="52.03", counter_id="LOTIM-01", office_name="LTSA Bench")
    confirm_recovery_key_shown(data_dir)
    workspace = open_workspace(data_dir)
    try:
        engine = workspace.database.engine
        agencies = add_agencies(engine, [f"PT Penempatan {n:02d}" for n in range(40)])
        started = time.perf_counter()
        add_people(
            engine,
            many_people(rows, at(2026, 1, 1, 7), at(2026, 6, 30, 16), list(agencies.values())),
        )
        print(f"seeded {rows:,} CPMI in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    finally:
        workspace.close()
    return data_dir


# --------------------------------------------------------------------------- children


def _pdf_writer(kind: str) -> Any:
    """The PDF writer the caller hands to export_report (services import no printing)."""
    if kind != "pdf":
        return None
    # Imported in the child, as everything of the product here, so the parent stays light.
    from ltsa_desk.printing.report_pdf import PdfReportWriter

    return PdfReportWriter


def child(kind: str, data_dir: Path, out: Path) -> dict[str, Any]:
    from ltsa_desk.counter.workspace import open_workspace
    from ltsa_desk.services.context import Actor

    workspace = open_workspace(data_dir)
    actor = Actor(username="bench", counter_id="LOTIM-01", office_code="52.03", role="admin")
    if kind == "pdf":
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts for the PDF
    before = _own_peak_mb()
    sampler = _RssSampler()
    try:
        sampler.start()
        if kind == "baseline":
            started = time.perf_counter()
            rows = _raw_csv(workspace, out)
        else:
            from ltsa_desk.services.reports import ExportRequest, Period, export_report

            request = ExportRequest("placements", Period(*PERIOD), kind, out)
            started = time.perf_counter()
            rows = export_report(workspace, request, actor, pdf_writer=_pdf_writer(kind)).total_rows
        seconds = time.perf_counter() - started
    finally:
        sampler.stop()
        workspace.close()
    return {
        "seconds": seconds,
        "rows": rows,
        "peak_before_mb": before,
        "rss_during_max_mb": sampler.max_mb,
    }


class _RssSampler:
    """The largest resident size seen during the export (Linux: /proc/self/statm every 10 ms).

    ``ru_maxrss`` alone cannot tell the export from the opening before it: opening the database
    (imports, SQLCipher's page cache) can set the process's high-water mark by itself.
    """

    def __init__(self) -> None:
        import threading

        self.max_mb: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        statm = Path("/proc/self/statm")
        if not statm.exists():
            return
        page = os.sysconf("SC_PAGE_SIZE")
        while True:
            resident = int(statm.read_text().split()[1]) * page / (1024 * 1024)
            self.max_mb = max(self.max_mb or 0.0, resident)
            if self._stop.wait(0.01):
                return

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _own_peak_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / (1024 * 1024)


def _raw_csv(workspace: Any, out: Path) -> int:
    """The same rows, plain: SELECT and csv.writer, nothing else."""
    from sqlalchemy import select

    from ltsa_desk.services.reports.base import Period, local_timezone
    from ltsa_desk.store.models import Agency, Applicant

    applicant, agency = Applicant.__table__, Agency.__table__  # type: ignore[attr-defined]
    start, end = Period(*PERIOD).bounds(local_timezone())
    statement = (
        select(
            applicant.c.tracking_code,
            applicant.c.nik,
            applicant.c.full_name,
            applicant.c.sex,
            applicant.c.birth_date,
            applicant.c.education,
            applicant.c.marital_status,
            applicant.c.destination_country,
            applicant.c.sector,
            applicant.c.job_title,
            agency.c.name,
            applicant.c.registered_at,
            applicant.c.state,
            applicant.c.counter_id,
        )
        .select_from(applicant.outerjoin(agency, applicant.c.agency_id == agency.c.id))
        .where(applicant.c.registered_at >= start, applicant.c.registered_at < end)
        .order_by(applicant.c.registered_at)
        .execution_options(yield_per=2000)
    )
    count = 0
    with workspace.database.session() as session, out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        for row in session.execute(statement):
            writer.writerow(row)
            count += 1
    return count


def run_child(kind: str, data_dir: Path, out: Path, env: dict[str, str]) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--data-dir",
        str(data_dir),
        "--out",
        str(out),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=ROOT)
    assert process.stdout is not None
    output = process.stdout.read()
    peak_mb: float | None = None
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(process.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
        peak_mb = usage.ru_maxrss * scale / (1024 * 1024)
        process.returncode = code
    else:  # Windows: no wait4; time only
        code = process.wait()
    if code != 0:
        raise SystemExit(f"{kind}: child failed with exit {code}")
    result: dict[str, Any] = json.loads(output)
    result["peak_mb"] = peak_mb
    result["size_mb"] = out.stat().st_size / (1024 * 1024)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--formats", default="xlsx,csv,pdf")
    parser.add_argument("--work", default=None, help="folder for the database (default: temp)")
    parser.add_argument("--json", dest="json_out", default=None, help="write the figures here")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, Path(args.data_dir), Path(args.out))))
        return 0

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="ltsa-bench-report-"))
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = _environment(home)
    os.environ.update({k: env[k] for k in ("HOME", "XDG_DATA_HOME", "PYTHON_KEYRING_BACKEND")})
    data_dir = prepare(work, args.rows)
    baseline = run_child("baseline", data_dir, work / "baseline.csv", env)
    figures = [{"name": "baseline (SELECT + csv.writer)", **baseline}]
    for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
        result = run_child(fmt, data_dir, work / f"report.{fmt}", env)
        figures.append({"name": f"placements -> {fmt}", **result})

    print(f"\nreport export, {args.rows:,} CPMI, period {PERIOD[0]} .. {PERIOD[1]}")
    print(
        f"{'':34} {'seconds':>8} {'x base':>7} {'peak MB':>8} {'x base':>7} "
        f"{'during MB':>10} {'file MB':>8}"
    )
    for figure in figures:
        time_ratio = figure["seconds"] / baseline["seconds"] if baseline["seconds"] else None
        figure["time_ratio"] = time_ratio
        peak, base_peak = figure["peak_mb"], baseline["peak_mb"]
        figure["peak_ratio"] = peak / base_peak if peak and base_peak else None
        print(
            f"{figure['name']:34} {figure['seconds']:8.2f} {time_ratio or 0:7.2f} "
            f"{peak or 0:8.1f} {figure['peak_ratio'] or 0:7.2f} "
            f"{figure['rss_during_max_mb'] or 0:10.1f} {figure['size_mb']:8.1f}"
        )
    print(
        "peak MB: the child process's peak RSS (wait4); during MB: the largest RSS sampled while "
        "the export ran"
    )
    xlsx = next((f for f in figures if f["name"].endswith("xlsx")), None)
    if xlsx is not None:
        ok = xlsx["seconds"] <= XLSX_TARGET_S and (xlsx["peak_mb"] or 0) <= XLSX_TARGET_MB
        print(
            f"target XLSX <= {XLSX_TARGET_S:.0f} s and <= {XLSX_TARGET_MB:.0f} MB: "
            f"{'met' if ok else 'NOT met'}"
        )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
