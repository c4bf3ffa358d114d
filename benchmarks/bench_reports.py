"""Report export: the ``placements`` report of the newest N applicants as XLSX; time and peak RSS.

The export is ``services.reports.export_report`` (what ``ltsa-desk report export`` and the Reports
screen run) in a child process, so its peak memory is its own: the parent samples the child's RSS
with psutil every 20 ms and the child samples itself every 10 ms (on Windows also the OS's peak
working set); the larger of the two counts. The child's peak includes its interpreter, imports
and the opened database, as the admin's process would. The period is chosen so the report holds
about N rows of the big register (the newest ones); the real row count is in the note.

While the reports service (issue 6) is not in the tree, the figure says "not available yet".

Child mode: ``python benchmarks/bench_reports.py DATA_DIR OUT.xlsx ROWS`` prints one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import TODAY, Figure

HERE = Path(__file__).resolve()
TARGET_S = 10.0
TARGET_MB = 300.0


def available() -> bool:
    try:
        from ltsa_desk.services.reports import ExportRequest, Period, export_report  # noqa: F401
    except ImportError:
        return False
    return True


def export_placements(workspace: Any, actor: Any, out: Path, rows: int) -> tuple[int, float]:
    """Export the placements report covering about the newest `rows` applicants; (rows, s)."""
    from sqlmodel import col, select

    from ltsa_desk.services.reports import ExportRequest, Period, export_report
    from ltsa_desk.services.reports.base import local_timezone
    from ltsa_desk.store.models import Applicant

    with workspace.database.session() as session:
        oldest = session.exec(
            select(Applicant.registered_at)
            .order_by(col(Applicant.registered_at).desc())
            .offset(max(rows - 1, 0))
            .limit(1)
        ).first()
    zone = local_timezone()
    start = oldest.astimezone(zone).date() if oldest is not None else TODAY
    end = max(TODAY, start)
    request = ExportRequest(kind="placements", period=Period(start, end), fmt="xlsx", out=out)
    started = time.perf_counter()
    result = export_report(workspace, request, actor)
    return result.total_rows, time.perf_counter() - started


class _Sampler:
    """The child's own largest resident size, sampled every 10 ms on a thread (psutil).

    Not ``ru_maxrss``: on Linux it survives ``fork``/``exec``, so a child of a parent that held a
    million-row register would report the parent's peak as its own.
    """

    def __init__(self) -> None:
        import threading

        import psutil

        self.process = psutil.Process()
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            info = self.process.memory_info()
            self.peak_mb = max(self.peak_mb, info.rss / 1024 / 1024)
            peak_wset = getattr(info, "peak_wset", None)  # Windows: the OS's own peak
            if peak_wset:
                self.peak_mb = max(self.peak_mb, peak_wset / 1024 / 1024)
            if self._stop.wait(0.01):
                return

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def child(data_dir: Path, out: Path, rows: int) -> None:
    from ltsa_desk.counter.workspace import open_workspace
    from ltsa_desk.services.context import Actor

    sampler = _Sampler()
    workspace = open_workspace(data_dir)
    try:
        config = workspace.config
        actor = Actor("admin1", config.counter_id, config.office_code, role="admin")
        written, seconds = export_placements(workspace, actor, out, rows)
    finally:
        workspace.close()
    peak = sampler.stop()
    print(json.dumps({"rows": written, "seconds": seconds, "peak_mb": peak}), flush=True)


def measure(data_dir: Path, out: Path, rows: int, timeout: float = 900) -> dict[str, Any]:
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(HERE), str(data_dir), str(out), str(rows)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    watched = psutil.Process(process.pid)
    sampled = 0.0
    while process.poll() is None:
        try:
            sampled = max(sampled, watched.memory_info().rss / 1024 / 1024)
        except psutil.Error:
            break
        if time.perf_counter() - started > timeout:
            process.kill()
            raise RuntimeError("the report export did not finish in time")
        time.sleep(0.02)
    out_text, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"report export failed: {err.strip()[-800:]}")
    result = json.loads(out_text.strip().splitlines()[-1])
    result["peak_mb"] = max(sampled, result.get("peak_mb") or 0.0)
    result["wall_s"] = time.perf_counter() - started
    return result


def figures(result: dict[str, Any] | None, rows: int) -> list[Figure]:
    if result is None:
        note = "not available yet: ltsa_desk.services.reports is not in this tree"
        return [
            Figure("export_xlsx_time", None, "s", target=f"<= {TARGET_S:g} s", note=note),
            Figure("export_xlsx_peak_rss", None, "MB", target=f"<= {TARGET_MB:g} MB", note=note),
        ]
    note = (
        f"placements, {result['rows']:,} rows (asked {rows:,}); process wall time "
        f"{result['wall_s']:.1f} s"
    )
    return [
        Figure(
            "export_xlsx_time",
            result["seconds"],
            "s",
            target=f"<= {TARGET_S:g} s",
            ok=result["seconds"] <= TARGET_S,
            note=note,
        ),
        Figure(
            "export_xlsx_peak_rss",
            result["peak_mb"],
            "MB",
            target=f"<= {TARGET_MB:g} MB",
            ok=result["peak_mb"] <= TARGET_MB,
            note=note,
        ),
    ]


if __name__ == "__main__":
    child(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
