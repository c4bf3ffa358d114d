"""The benchmarks' big register looks like a counter's after years, so no figure is flattered by
a register a real counter never has: rows out of time order (a clock once set back, forms entered
late). Shape only: nothing here times anything.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))

import benchlib  # noqa: E402


def _rows(count: int, **options: Any) -> list[dict[str, Any]]:
    return list(benchlib.applicant_rows(count, **options))


def test_a_few_percent_of_rows_are_older_than_rows_inserted_before_them() -> None:
    rows = _rows(3000)
    newest_so_far = rows[0]["registered_at"]
    older = 0
    for row in rows:
        older += row["registered_at"] < newest_so_far
        newest_so_far = max(newest_so_far, row["registered_at"])
    assert 0.01 * len(rows) <= older <= 0.06 * len(rows)
    assert len({row["tracking_code"] for row in rows}) == len(rows)
    assert len({row["id"] for row in rows}) == len(rows)


def test_the_shifts_reach_from_hours_to_months_and_never_overlap() -> None:
    shifts = benchlib.time_shifts(1_000_000)
    backs = sorted(back.total_seconds() for _first, _end, back in shifts)
    assert backs[0] < 2 * 86_400 and backs[-1] > 60 * 86_400
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(shifts))


def test_time_order_can_be_asked_for_and_the_rest_is_the_same() -> None:
    ordered, disordered = _rows(500, time_disorder=False), _rows(500)
    times = [row["registered_at"] for row in ordered]
    assert times == sorted(times)
    assert [row["nik"] for row in ordered] == [row["nik"] for row in disordered]
