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


def test_the_history_register_has_what_a_counter_writes_and_its_counts_agree(
    tmp_path: Path,
) -> None:
    """An outbox item per registration (and per passport application), a case event and an audit
    entry per step; the counts kept by triggers equal COUNT(*) after the bulk load."""
    import history
    from sqlalchemy import text

    workspace = benchlib.make_workspace(tmp_path / "counter")
    try:
        benchlib.seed_applicants(workspace.database, 400, history=True, pending=20)
        assert history.counts_agree(workspace.database) == {}
        with workspace.database.writer.connect() as connection:

            def one(sql: str) -> Any:
                return connection.execute(text(sql)).scalar()

            assert one("SELECT count(*) FROM applicant") == 400
            registrations = "kind = 'worker.register'"
            assert (
                one(f"SELECT count(DISTINCT chain) FROM outbox_item WHERE {registrations}") == 400
            )
            assert one("SELECT count(*) FROM outbox_item WHERE kind = 'passport.apply'") == one(
                "SELECT count(*) FROM applicant WHERE state IN "
                "('passport_requested', 'passport_issued', 'departed')"
            )
            waiting = one(
                f"SELECT count(*) FROM outbox_item WHERE {registrations} AND "
                "state IN ('pending', 'withdrawn')"
            )
            assert waiting == 20
            assert (
                one(
                    "SELECT count(*) FROM outbox_item WHERE state = 'delivered' AND "
                    "(receipt IS NULL OR delivered_at IS NULL)"
                )
                == 0
            )
            assert (
                one(
                    "SELECT count(*) FROM applicant a WHERE NOT EXISTS (SELECT 1 FROM case_event e "
                    "WHERE e.applicant_id = a.id AND e.to_state = a.state)"
                )
                == 0
            )
            assert (
                one(
                    "SELECT count(DISTINCT entity_id) FROM audit_log "
                    "WHERE action = 'applicant.register'"
                )
                == 400
            )
            assert one("SELECT count(*) FROM case_event") >= 400
        from ltsa_desk.services.sync_status import status

        totals = status(workspace.config, workspace.database)["totals"]
        with workspace.database.writer.connect() as connection:
            delivered = connection.execute(
                text("SELECT count(*) FROM outbox_item WHERE state = 'delivered'")
            ).scalar()
        assert totals["delivered"] == delivered
    finally:
        workspace.close()
