"""The status query on a counter with years of history (issue 19, item 3).

    python benchmarks/bench_status.py [--delivered N] [--open N] [--repeats N] [--database-url URL]
    python benchmarks/bench_status.py --applicants N [--open N] [--repeats N]

The window asks for the sync status every 5 s when idle and every 300 ms during a drain, and
`sync status` asks once; a counter adds one or more outbox items per registration forever. This
builds a counter whose outbox holds ``--delivered`` delivered items (1,000,000 by default: a few
years of a busy office) and ``--open`` waiting ones, then times:

- ``status_query``: ``sync_status.status`` as the window and the CLI call it (counts from the
  counts table kept by triggers, migration 0006), p50 and p95 of ``--repeats`` calls;
- the baseline, in the same run on the same database: the query it replaced (counting
  ``outbox_item`` by state per destination, ``ledger.counts``), p50.

Target: <= 5 ms with 1M delivered items. ``--database-url`` runs it on a PostgreSQL database (which
must be empty; the counter is made there).

``benchmarks/run.py`` measures it on its big register instead, whose history a counter writes
(``history.py``: per CPMI a registration, passport application and correction items, case events,
audit entries); ``--applicants N`` does the same here (N CPMI, the newest ``--open``
registrations waiting). The outbox-only counter stays for PostgreSQL and for a quick look.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from benchlib import Figure, percentile, ratio

TARGET_MS = 5.0


_COLUMNS = (
    "key, destination, kind, payload, chain, chain_position, state, attempts, look_up_first, "
    "next_attempt_at, receipt, created_at, updated_at, delivered_at"
)

SQLITE_HISTORY = f"""
WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < :total - 1)
INSERT INTO outbox_item ({_COLUMNS})
SELECT printf('hist-%08d', i),
       CASE WHEN i % 4 THEN 'registry' ELSE 'immigration' END,
       CASE WHEN i % 4 THEN 'registration' ELSE 'passport.apply' END,
       '{{}}', 'hist-' || i, 1,
       CASE WHEN i >= :delivered THEN 'pending' ELSE 'delivered' END,
       CASE WHEN i >= :delivered THEN 0 ELSE 1 END, 0,
       datetime('2023-01-02', '+' || (i * 90) || ' seconds'),
       CASE WHEN i >= :delivered THEN NULL ELSE '{{"registry_id": "R' || i || '"}}' END,
       datetime('2023-01-02', '+' || (i * 90) || ' seconds'),
       datetime('2023-01-02', '+' || (i * 90 + 5) || ' seconds'),
       CASE WHEN i >= :delivered THEN NULL
            ELSE datetime('2023-01-02', '+' || (i * 90 + 5) || ' seconds') END
FROM s
"""

POSTGRESQL_HISTORY = f"""
INSERT INTO outbox_item ({_COLUMNS})
SELECT 'hist-' || lpad(i::text, 8, '0'),
       CASE WHEN i % 4 <> 0 THEN 'registry' ELSE 'immigration' END,
       CASE WHEN i % 4 <> 0 THEN 'registration' ELSE 'passport.apply' END,
       '{{}}', 'hist-' || i, 1,
       CASE WHEN i >= :delivered THEN 'pending' ELSE 'delivered' END,
       CASE WHEN i >= :delivered THEN 0 ELSE 1 END, false,
       timestamptz '2023-01-02 00:00:00+00' + i * interval '90 seconds',
       CASE WHEN i >= :delivered THEN NULL ELSE '{{"registry_id": "R' || i || '"}}' END,
       timestamptz '2023-01-02 00:00:00+00' + i * interval '90 seconds',
       timestamptz '2023-01-02 00:00:05+00' + i * interval '90 seconds',
       CASE WHEN i >= :delivered THEN NULL
            ELSE timestamptz '2023-01-02 00:00:05+00' + i * interval '90 seconds' END
FROM generate_series(0, :total - 1) AS i
"""


def seed_history(database: Any, delivered: int, open_items: int) -> float:
    """Delivered items (a receipt each) and some waiting ones, made by the database itself in one
    statement; returns seconds. The rows go through the table's triggers like any insert, so the
    counts table is what the counter would have after years."""
    from sqlalchemy import text

    statement = SQLITE_HISTORY if database.engine.dialect.name == "sqlite" else POSTGRESQL_HISTORY
    started = time.perf_counter()
    with database.writer.begin() as connection:
        connection.execute(
            text(statement), {"total": delivered + open_items, "delivered": delivered}
        )
    return time.perf_counter() - started


def old_status_counts(database: Any) -> dict[str, dict[str, int]]:
    """The status query before issue 19: every outbox row counted by state, per destination."""
    from sqlmodel import Session

    from sync import ledger

    with Session(database.engine) as session:
        return {name: ledger.counts(session, name) for name in ("registry", "immigration")}


def measure(workspace: Any, repeats: int) -> dict[str, Any]:
    from ltsa_desk.services.sync_status import status

    database = workspace.database
    new: list[float] = []
    old: list[float] = []
    first = status(workspace.config, database)  # warm caches the way a running window has them
    expected = old_status_counts(database)
    for name, counts in expected.items():
        for state, n in counts.items():
            assert first[name][state] == n, (name, state, first[name][state], n)
    for _ in range(repeats):
        started = time.perf_counter()
        status(workspace.config, database)
        new.append((time.perf_counter() - started) * 1000)
    for _ in range(max(3, repeats // 5)):
        started = time.perf_counter()
        old_status_counts(database)
        old.append((time.perf_counter() - started) * 1000)
    return {
        "min": min(new),
        "p50": percentile(new, 0.5),
        "p95": percentile(new, 0.95),
        "old_p50": percentile(old, 0.5),
        "delivered": expected["registry"]["delivered"] + expected["immigration"]["delivered"],
        "waiting": sum(
            counts.get(state, 0)
            for counts in expected.values()
            for state in ("pending", "in_flight")
        ),
    }


def figures(result: dict[str, Any], engine_name: str) -> list[Figure]:
    suffix = "" if engine_name == "sqlite" else f"_{engine_name}"
    note = (
        f"{result['delivered']:,} delivered and {result.get('waiting', 0):,} waiting items in "
        "the outbox; baseline: counting outbox_item "
        "by state (the query it replaced) on the same database"
    )
    return [
        Figure(
            f"status_query_p95{suffix}",
            result["p95"],
            "ms",
            baseline=result["old_p50"],
            ratio=ratio(result["p95"], result["old_p50"]),
            target=f"<= {TARGET_MS:g} ms",
            ok=result["p95"] <= TARGET_MS,
            note=note,
        ),
        Figure(
            f"status_query_p50{suffix}",
            result["p50"],
            "ms",
            target="report",
            note=f"fastest {result['min']:.2f} ms; {note}",
        ),
    ]


def run(
    root: Path,
    delivered: int,
    open_items: int,
    repeats: int,
    url: str | None,
    applicants: int = 0,
) -> list[Figure]:
    """On a counter with `delivered` + `open_items` synthetic outbox items, or with `applicants`
    CPMI and their history (SQLite)."""
    workspace = benchlib.make_workspace(root / "history-counter", database_url=url)
    try:
        started = time.perf_counter()
        if applicants:
            benchlib.seed_applicants(
                workspace.database, applicants, history=True, pending=open_items
            )
            what = f"{applicants:,} CPMI with their history"
        else:
            seed_history(workspace.database, delivered, open_items)
            what = f"{delivered + open_items:,} outbox items"
        seconds = time.perf_counter() - started
        print(f"seeded {what} in {seconds:.1f} s", file=sys.stderr)
        result = measure(workspace, repeats)
        return figures(result, workspace.database.engine.dialect.name)
    finally:
        workspace.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delivered", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--database-url", default=None, help="an empty PostgreSQL database")
    parser.add_argument("--applicants", type=int, default=0, help="CPMI with their history")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ltsa-status-", dir=benchlib.work_parent(None)) as tmp:
        root = Path(tmp)
        benchlib.prepare_environment(root)
        figures_ = run(
            root, args.delivered, args.open, args.repeats, args.database_url, args.applicants
        )
        for figure in figures_:
            base = "" if figure.baseline is None else f"  baseline {figure.baseline:.2f} ms"
            print(f"{figure.name:<24} {figure.value:.2f} ms{base}  target {figure.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
