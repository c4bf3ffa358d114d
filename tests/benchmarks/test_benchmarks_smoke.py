"""The benchmark suite runs end to end (tiny sizes) and writes its JSON: a smoke check, not a
measurement. Nothing here looks at how fast anything was: a slow or loaded machine must never
fail this test, only a benchmark that cannot run at all (the suite then exits 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"name", "value", "unit", "baseline", "ratio", "target", "ok"}
EXPECTED = {
    "intake_commit_p50",
    "intake_commit_p99",
    "intake_commit_p50_history",
    "intake_commit_p99_history",
    "search_name_p95",
    "search_nik_p95",
    "search_tracking_p95",
    "search_keys_first_page_p95",
    "search_keys_first_page_p50",
    "search_keys_queries_per_key",
    "drain",
    "drain_faulty",
    "gui_stall",
    "cold_start",
    "export_xlsx_time",
    "export_xlsx_peak_rss",
    "import_register",
    "encryption_cost_intake_p50",
    "encryption_cost_search_name_p95",
    "encryption_cost_search_nik_p95",
    "encryption_cost_search_tracking_p95",
    "encryption_cost_drain",
    "drain_vs_raw_batched",
    "status_query_p95",
    "status_query_p50",
    "startup_version",
    "startup_sync_status",
    "group_passport_requests",
    "drill_drain",
    "drill_tail",
    "drill_duplicates",
}


@pytest.mark.timeout(600)
def test_quick_run_with_smoke_sizes_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {**os.environ, "LTSA_BENCH_SIZES": "smoke", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--json",
            str(out),
            "--workdir",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(figures, list)
    names = [figure["name"] for figure in figures]
    assert len(names) == len(set(names))
    assert set(names) >= EXPECTED, sorted(EXPECTED - set(names))
    for figure in figures:
        assert set(figure) >= KEYS, figure
        assert isinstance(figure["name"], str) and isinstance(figure["unit"], str)
        assert isinstance(figure["target"], str)
        for key in ("value", "baseline", "ratio"):
            assert figure[key] is None or isinstance(figure[key], int | float), figure
        assert figure["ok"] in (True, False, None), figure
        # a figure without a value is one that is not available yet, never a silent error
        assert not str(figure.get("note", "")).startswith("error"), figure
    # the printed table names every figure too
    for name in EXPECTED:
        assert name in done.stdout
    # the work folder is cleaned up
    assert not any((tmp_path / "work").iterdir())
