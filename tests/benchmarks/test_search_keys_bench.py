"""The keys benchmark (`benchmarks/bench_search_keys.py`) runs standalone on a tiny register and
writes its figures: a smoke check, not a measurement (how fast is never looked at here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(300)
def test_typing_into_the_real_screen_gives_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "keys.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_search_keys.py"),
            "--applicants",
            "1500",
            "--texts",
            "3",
            "--workdir",
            str(tmp_path),
            "--json",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: a target missed on a busy box
    figures = {figure["name"]: figure for figure in json.loads(out.read_text(encoding="utf-8"))}
    assert set(figures) == {
        "search_keys_first_page_p95",
        "search_keys_first_page_p50",
        "search_keys_queries_per_key",
    }
    first = figures["search_keys_first_page_p95"]
    assert first["value"] is not None and first["baseline"] is not None
    assert "0 without a page" in first["note"] and "GUI thread: 0" in first["note"]
    assert figures["search_keys_queries_per_key"]["ok"] is True
    assert not list(tmp_path.glob("ltsa-keys-*"))  # the temporary register is removed
