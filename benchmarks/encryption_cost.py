"""What SQLCipher costs: the same work on an encrypted and on an unencrypted database file.

    python benchmarks/encryption_cost.py [--commits N] [--applicants M] [--searches K]
                                         [--drain D] [--concurrency C]

Both databases are made by the store itself (same schema, same engine hooks, same PRAGMAs: WAL,
synchronous=FULL, foreign keys, BEGIN IMMEDIATE for writers); the only difference is the key.
The unencrypted baseline is the store's plain engine (the Python build's sqlite3), as counters ran
before encryption. Measured, in this order, for each of the two:

- intake: N durable commits of `register_applicant` through the service (applicant, case event,
  outbox item and audit entry in one transaction), one commit each;
- search: M applicants bulk-loaded, then K searches by name fragment and K by NIK prefix through
  `search_applicants`;
- drain (D > 0): D queued registrations sent to `ltsa-sim` on loopback by the sync engine.

Prints p50/p95 (or rates) and the ratio encrypted / unencrypted for each.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

from sqlalchemy import insert

from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.store.database import Database, create_database, open_database
from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search import name_key, search_applicants

FIRST = ["Budi", "Siti", "Ahmad", "Nur", "Dewi", "Rina", "Agus", "Lalu", "Baiq", "Made", "Sri",
         "Muhammad", "Fitri", "Hasan", "Wayan", "Yuni", "Rahmat", "Indah", "Zainal", "Ayu"]
LAST = ["Santoso", "Aminah", "Zainuddin", "Hidayat", "Lestari", "Saputra", "Wahyuni", "Rahman",
        "Kurniawan", "Susanti", "Hakim", "Maulana", "Pratama", "Handayani", "Setiawan"]
ACTOR = Actor(username="bench", counter_id="BENCH-01", office_code="52.03")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def make_database(root: Path, label: str, key: bytes | None) -> Database:
    url = f"sqlite:///{(root / f'{label}.sqlite').as_posix()}"
    create_database(url, office_code="52.03", counter_id="BENCH-01", key=key)
    return open_database(url, key=key)


def intake(database: Database, commits: int) -> list[float]:
    """Milliseconds per durable registration (validation, numbering, outbox, audit, commit)."""
    times = []
    for i in range(commits):
        data = {
            "nik": f"520301120590{i + 1:04d}",
            "full_name": f"{random.choice(FIRST)} {random.choice(LAST)}",
            "birth_date": "12-05-1990",
            "sex": "L",
        }
        started = time.perf_counter()
        with database.write_session() as session:
            register_applicant(session, data, ACTOR, today=date(2025, 1, 15))
        times.append((time.perf_counter() - started) * 1000)
    return times


def bulk_load(database: Database, count: int, seed: int) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    rows = []
    for i in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
        rows.append(
            {
                "id": uuid.uuid4(),
                "tracking_code": f"BENCH-01-2025-{i:07d}",
                "nik": f"5203{i:012d}",
                "full_name": name,
                "name_key": name_key(name),
                "birth_date": date(1990, 5, 12),
                "sex": "L",
                "state": "registered",
                "regency_code": "52.03",
                "office_code": "52.03",
                "counter_id": "BENCH-01",
                "registered_at": now,
                "registered_by": "bench",
                "updated_at": now,
            }
        )
    with database.writer.begin() as connection:
        for start in range(0, count, 5000):
            connection.execute(insert(Applicant.__table__), rows[start : start + 5000])


def searches(database: Database, count: int, seed: int) -> tuple[list[float], list[float]]:
    rng = random.Random(seed)
    by_name, by_nik = [], []
    with database.session() as session:
        for _ in range(count):
            fragment = rng.choice(LAST)[1:5].lower()
            started = time.perf_counter()
            search_applicants(session, fragment, limit=100)
            by_name.append((time.perf_counter() - started) * 1000)
            prefix = f"5203{rng.randrange(10**6):06d}"
            started = time.perf_counter()
            search_applicants(session, prefix, limit=100)
            by_nik.append((time.perf_counter() - started) * 1000)
    return by_name, by_nik


def drain_rate(database: Database, sim: object, items: int, concurrency: int) -> float:
    """Items per second the sync engine delivers from this database to the simulator."""
    from drain import payload  # the same registrations benchmarks/drain.py sends

    from ltsa_desk.services.submissions import REGISTRY
    from ltsa_desk.services.sync_hooks import HOOKS
    from sync import outbox
    from sync.destinations import REGISTER
    from sync.engine import DestinationConfig, EngineSettings, SyncEngine

    with database.write_session() as session:
        for i in range(items):
            outbox.enqueue(session, REGISTRY, REGISTER, payload(i), chain=f"c{i}")
        session.commit()
    token = sim.token  # type: ignore[attr-defined]
    engine = SyncEngine(
        database.writer,
        [DestinationConfig(REGISTRY, sim.registry_url, lambda: token)],  # type: ignore[attr-defined]
        hooks=HOOKS,
        settings=EngineSettings(concurrency=concurrency, batch_size=64, retry_initial_s=0.05,
                                retry_max_s=0.5, probe_initial_s=0.05, idle_poll_s=0.05),
    )
    started = time.perf_counter()
    finished = engine.run_until_empty(600, poll_s=0.05)
    elapsed = time.perf_counter() - started
    assert finished, "drain did not finish"
    return items / elapsed


def row(label: str, plain: float, encrypted: float, unit: str) -> str:
    return (f"{label:<28} {plain:10.2f} {encrypted:10.2f} {unit:<8} "
            f"ratio {encrypted / plain:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--applicants", type=int, default=50_000)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--drain", type=int, default=1000, help="0 skips the drain figure")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent) as tmp:
        root = Path(tmp)
        sim_context: Callable[[], object] | None = None
        if args.drain:
            from sync.sim.testing import run_sim_process

            def sim_context() -> object:  # a fresh simulator (and state) per database
                return run_sim_process(root / f"sim-{secrets.token_hex(4)}")
        for label, key in (("unencrypted", None), ("encrypted", secrets.token_bytes(32))):
            database = make_database(root, label, key)
            try:
                commit_ms = intake(database, args.commits)
                bulk_load(database, args.applicants, seed=7)
                by_name, by_nik = searches(database, args.searches, seed=11)
                figures = {
                    "intake p50": statistics.median(commit_ms),
                    "intake p95": percentile(commit_ms, 0.95),
                    "search name p50": statistics.median(by_name),
                    "search name p95": percentile(by_name, 0.95),
                    "search NIK p50": statistics.median(by_nik),
                    "search NIK p95": percentile(by_nik, 0.95),
                }
                if sim_context is not None:
                    with sim_context() as sim:  # type: ignore[attr-defined]
                        figures["drain"] = drain_rate(database, sim, args.drain,
                                                      args.concurrency)
                results[label] = figures
            finally:
                database.close()
    plain, encrypted = results["unencrypted"], results["encrypted"]
    print(f"{args.commits} durable intake commits, search over {args.applicants} applicants "
          f"({args.searches} name + {args.searches} NIK searches)"
          + (f", drain of {args.drain} items" if args.drain else ""))
    print(f"{'':<28} {'plain':>10} {'SQLCipher':>10}")
    for name in plain:
        if name == "drain":
            print(row("drain (items/s)", plain[name], encrypted[name], "items/s")
                  + "  (rate: >1 is faster)")
        else:
            print(row(name, plain[name], encrypted[name], "ms"))


if __name__ == "__main__":
    main()
