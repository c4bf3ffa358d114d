"""Drain rate to the simulator on loopback: the engine against raw httpx POSTs at the same
concurrency.

    python benchmarks/drain.py [--items N] [--concurrency C] [--faults]

Prints items per second for the engine and for the raw baseline, and their ratio. It builds its own
counter and simulator in a temporary folder on disk.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

from ltsa_desk.services.submissions import REGISTRY
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.services.sync_setup import destination_configs
from ltsa_desk.workspace import initialise, open_workspace
from sync import outbox
from sync.credentials import set_token
from sync.destinations import REGISTER
from sync.engine import EngineSettings, SyncEngine
from sync.sim.testing import run_sim_process


def payload(index: int) -> dict[str, str]:
    day, month = 1 + index % 28, 1 + index // 28 % 12
    return {
        "nik": f"5203{index % 100:02d}{day:02d}{month:02d}90{index % 10000 + 1:04d}",
        "full_name": "CPMI BENCH",
        "birth_date": f"1990-{month:02d}-{day:02d}",
        "sex": "L",
    }


def raw_rate(url: str, token: str, count: int, concurrency: int) -> float:
    client = httpx.Client(
        base_url=url,
        headers={"Authorization": f"Bearer {token}"},
        limits=httpx.Limits(max_connections=concurrency),
    )
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(
            pool.map(
                lambda i: client.post(
                    "/v1/workers", json={**payload(i), "client_reference": f"raw{i}"}
                ),
                range(count),
            )
        )
    elapsed = time.perf_counter() - started
    client.close()
    return count / elapsed


def engine_rate(root: Path, sim, count: int, concurrency: int, offset: int) -> float:
    data_dir = root / f"data{offset}"
    initialise(data_dir, office_code="52.03", counter_id="BENCH-01")
    workspace = open_workspace(data_dir)
    workspace.config.set("registry.url", sim.registry_url)
    set_token("registry", "52.03", sim.token)
    with workspace.database.write_session() as session:
        for i in range(count):
            outbox.enqueue(session, REGISTRY, REGISTER, payload(offset + i), chain=f"c{offset + i}")
        session.commit()
    engine = SyncEngine(
        workspace.database.writer,
        destination_configs(workspace.config),
        hooks=HOOKS,
        settings=EngineSettings(concurrency=concurrency, batch_size=64, retry_initial_s=0.05,
                                retry_max_s=0.5, probe_initial_s=0.05, idle_poll_s=0.05),
    )
    started = time.perf_counter()
    finished = engine.run_until_empty(600, poll_s=0.05)
    elapsed = time.perf_counter() - started
    workspace.close()
    assert finished
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent) as tmp:
        root = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(root / "xdg")
        with run_sim_process(root / "sim") as sim:
            raw = raw_rate(sim.registry_url, sim.token, args.items, args.concurrency)
            clean = engine_rate(root, sim, args.items, args.concurrency, 100_000)
            stats = sim.stats()["registry"]
        with run_sim_process(root / "sim2", no_idempotency=True, fail_rate=0.2,
                             drop_after_commit=0.2) as sim:
            faulty = engine_rate(root, sim, args.items, args.concurrency, 200_000)
            faulty_stats = sim.stats()["registry"]
    print(f"raw httpx POST     {raw:8.1f} items/s")
    print(f"engine, no faults  {clean:8.1f} items/s  ratio {clean / raw:.2f}")
    print(f"engine, 20% fail + 20% drop-after-commit, no idempotency: {faulty:8.1f} items/s "
          f"ratio {faulty / raw:.2f}; duplicate effects {faulty_stats['duplicate_effects']}")
    print(f"(no-fault run duplicate effects {stats['duplicate_effects']})")


if __name__ == "__main__":
    main()
