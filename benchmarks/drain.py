"""Drain: queued registry registrations delivered to a real ``ltsa-sim`` on loopback.

- ``drain``: the counter's own sync engine (``sync_setup.build_engine``: destinations, tokens and
  settings from the configuration, batching, keep-alive) sends N queued registrations (made by
  ``submissions.queue_registration`` for N applicants of the register) to a simulator without
  faults. Baseline: raw ``httpx`` POSTs of payloads of the same shape, one per request, from
  ``concurrency`` threads over one keep-alive client to the same server -- half before the engine
  runs and half after, so a change in the machine's load falls on both.
- ``drain_vs_raw_batched``: the same drain against the honest limit (issue 19): raw ``httpx`` POSTs
  to the ``:batch`` endpoint with the engine's own batch size (``sync.batch_size``) and
  ``concurrency``, to a second simulator of the same build, half before and half after the engine
  like the first baseline. The engine sends batches too; a baseline of one item per request
  flatters it (the simulator commits once per request).
- ``drain_faulty``: the same against a simulator that fails 20% of requests, commits and then
  drops 20% of responses, and ignores ``Idempotency-Key``, with the default settings; every item
  must be delivered with zero duplicate effects, at >= 0.3 of the clean drain's rate (issue 19:
  one failing request must not slow the others). The note gives the attempts per item.

Also a standalone script: ``python benchmarks/drain.py [--items N] [--concurrency C]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (
    Figure,
    make_workspace,
    point_at_sim,
    prepare_environment,
    ratio,
    seed_applicants,
)

FAULTY_TARGET = 0.3


def queue_registrations(database: Any) -> int:
    """A registration in the outbox for every applicant, as intake would have queued it."""
    from sqlmodel import select

    from ltsa_desk.services import submissions
    from ltsa_desk.store.models import Applicant

    with database.write_session() as session:
        applicants = session.exec(select(Applicant)).all()
        for applicant in applicants:
            applicant.registry_id = None
            session.add(applicant)
            submissions.queue_registration(session, applicant, opens_chain=True)
        session.commit()
        return len(applicants)


def queued_payloads(database: Any, limit: int) -> list[dict[str, Any]]:
    from sqlmodel import select

    from sync.models import OutboxItem

    with database.session() as session:
        rows = session.exec(select(OutboxItem.payload).limit(limit)).all()
    return [json.loads(row) for row in rows]


def raw_posts(sim: Any, payloads: list[dict[str, Any]], concurrency: int, tag: str) -> float:
    """Seconds to POST every payload once, `concurrency` at a time, over keep-alive HTTP/1.1.

    The NIKs and references are changed (regency 99, never a real one) so the raw people never
    collide with the engine's in the simulator's register.
    """
    import httpx

    bodies = [
        {**p, "nik": "99" + p["nik"][2:], "client_reference": f"raw-{tag}-{i}"}
        for i, p in enumerate(payloads)
    ]
    client = httpx.Client(
        base_url=sim.registry_url,
        headers={"Authorization": f"Bearer {sim.token}"},
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        timeout=30.0,
    )

    def post(body: dict[str, Any]) -> int:
        return client.post(
            "/v1/workers", json=body, headers={"Idempotency-Key": body["client_reference"]}
        ).status_code

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            statuses = list(pool.map(post, bodies))
        elapsed = time.perf_counter() - started
    finally:
        client.close()
    bad = [s for s in statuses if s >= 300]
    if bad:
        raise RuntimeError(f"raw baseline got {len(bad)} non-2xx answers, e.g. {bad[0]}")
    return elapsed


def raw_batched_posts(
    sim: Any, payloads: list[dict[str, Any]], concurrency: int, batch_size: int, tag: str
) -> float:
    """Seconds to POST every payload once in ``batch_size`` batches to ``/v1/workers:batch``,
    `concurrency` batches at a time over keep-alive HTTP/1.1, as the engine sends them (one
    ``Idempotency-Key`` per batch). Every item of every answer must be accepted."""
    import httpx

    bodies = [
        {**p, "nik": "99" + p["nik"][2:], "client_reference": f"rawb-{tag}-{i}"}
        for i, p in enumerate(payloads)
    ]
    batches = [bodies[i : i + batch_size] for i in range(0, len(bodies), batch_size)]
    client = httpx.Client(
        base_url=sim.registry_url,
        headers={"Authorization": f"Bearer {sim.token}"},
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        timeout=60.0,
    )

    def post(index_batch: tuple[int, list[dict[str, Any]]]) -> list[int]:
        index, batch = index_batch
        answer = client.post(
            "/v1/workers:batch",
            json={"items": batch},
            headers={"Idempotency-Key": f"rawb-{tag}-batch-{index}"},
        )
        if answer.status_code >= 300:
            return [answer.status_code]
        return [int(result["status"]) for result in answer.json()["results"]]

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            statuses = [s for answer in pool.map(post, enumerate(batches)) for s in answer]
        elapsed = time.perf_counter() - started
    finally:
        client.close()
    bad = [s for s in statuses if s >= 300]
    if bad or len(statuses) != len(bodies):
        raise RuntimeError(
            f"raw batched baseline: {len(bad)} refused of {len(statuses)}, {bad[:3]}"
        )
    return elapsed


def engine_drain(workspace: Any, items: int, timeout_s: float = 1800) -> dict[str, Any]:
    """Run the counter's engine until nothing can leave; seconds and the ledger's counts."""
    from sqlalchemy import func
    from sqlmodel import Session, select

    from ltsa_desk.services.sync_setup import build_engine
    from sync import ledger
    from sync.models import OutboxItem

    engine = build_engine(workspace.config, workspace.database)
    started = time.perf_counter()
    finished = engine.run_until_empty(timeout_s, poll_s=0.05)
    elapsed = time.perf_counter() - started
    with Session(workspace.database.engine) as session:
        counts = ledger.counts(session, "registry")
        attempts = dict(
            session.exec(
                select(OutboxItem.attempts, func.count()).group_by(OutboxItem.attempts)
            ).all()
        )
    if not finished:
        raise RuntimeError(f"the drain did not finish in {timeout_s:.0f} s: {counts}")
    return {"seconds": elapsed, "rate": items / elapsed, "counts": counts, "attempts": attempts}


def prepared_counter(folder: Path, count: int, sim: Any, concurrency: int, seed: int) -> Any:
    workspace = make_workspace(folder)
    seed_applicants(workspace.database, count, seed=seed)
    queue_registrations(workspace.database)
    point_at_sim(workspace, sim, concurrency)
    return workspace


def clean(root: Path, items: int, concurrency: int) -> dict[str, Any]:
    from sync.sim.process import run_sim_process

    with (
        run_sim_process(root / "sim-clean") as sim,
        run_sim_process(root / "sim-raw-batched") as batched_sim,
    ):
        workspace = prepared_counter(root / "drain-counter", items, sim, concurrency, seed=71)
        try:
            batch_size = int(workspace.config.get("sync.batch_size"))
            payloads = queued_payloads(workspace.database, items)
            half = len(payloads) // 2
            raw_s = raw_posts(sim, payloads[:half], concurrency, "a")
            batched_s = raw_batched_posts(
                batched_sim, payloads[:half], concurrency, batch_size, "a"
            )
            result = engine_drain(workspace, items)
            raw_s += raw_posts(sim, payloads[half:], concurrency, "b")
            batched_s += raw_batched_posts(
                batched_sim, payloads[half:], concurrency, batch_size, "b"
            )
            stats = sim.stats()["registry"]
        finally:
            workspace.close()
    result["raw_rate"] = len(payloads) / raw_s
    result["raw_batched_rate"] = len(payloads) / batched_s
    result["batch_size"] = batch_size
    result["stats"] = stats
    return result


def faulty(root: Path, items: int, concurrency: int) -> dict[str, Any]:
    from sync.sim.process import run_sim_process

    with run_sim_process(
        root / "sim-faulty", fail_rate=0.2, drop_after_commit=0.2, no_idempotency=True, seed=5
    ) as sim:
        workspace = prepared_counter(root / "faulty-counter", items, sim, concurrency, seed=72)
        try:
            result = engine_drain(workspace, items)
            result["stats"] = sim.stats()["registry"]
        finally:
            workspace.close()
    return result


def plain_rate(root: Path, items: int, concurrency: int) -> float:
    """The clean drain from an unencrypted database (same store, no key): encryption's cost."""
    from ltsa_desk.services.sync_hooks import HOOKS
    from ltsa_desk.services.sync_setup import destination_configs, engine_settings
    from ltsa_desk.store.database import create_database, open_database
    from sync.engine import SyncEngine
    from sync.sim.process import run_sim_process

    url = f"sqlite:///{(root / 'drain-plain.sqlite').as_posix()}"
    create_database(url, office_code="52.03", counter_id="LOTIM-01")
    database = open_database(url)
    try:
        seed_applicants(database, items, seed=71)
        queue_registrations(database)
        with run_sim_process(root / "sim-plain") as sim:
            config_home = make_workspace(root / "drain-plain-config")
            try:
                point_at_sim(config_home, sim, concurrency)
                engine = SyncEngine(
                    database.writer,
                    destination_configs(config_home.config),
                    hooks=HOOKS,
                    settings=engine_settings(config_home.config),
                    reader=database.engine,
                )
            finally:
                config_home.close()
            started = time.perf_counter()
            if not engine.run_until_empty(1800, poll_s=0.05):
                raise RuntimeError("the unencrypted drain did not finish")
            return items / (time.perf_counter() - started)
    finally:
        database.close()


def figures(clean_result: dict[str, Any], faulty_result: dict[str, Any] | None) -> list[Figure]:
    rate, raw = clean_result["rate"], clean_result["raw_rate"]
    drain_ratio = ratio(rate, raw)
    counts = clean_result["counts"]
    out = [
        Figure(
            name="drain",
            value=rate,
            unit="items/s",
            baseline=raw,
            ratio=drain_ratio,
            target="ratio >= 0.7",
            ok=drain_ratio is not None
            and drain_ratio >= 0.7
            and counts["delivered"] == sum(counts.values()),
            note=(
                f"{counts['delivered']:,} delivered in {clean_result['seconds']:.1f} s; "
                f"duplicate effects {clean_result['stats'].get('duplicate_effects')}"
            ),
        )
    ]
    if "raw_batched_rate" in clean_result:
        batched = clean_result["raw_batched_rate"]
        batched_ratio = ratio(rate, batched)
        out.append(
            Figure(
                name="drain_vs_raw_batched",
                value=rate,
                unit="items/s",
                baseline=batched,
                ratio=batched_ratio,
                target="ratio >= 0.5",
                ok=batched_ratio is not None and batched_ratio >= 0.5,
                note=(
                    f"baseline: raw httpx POSTs to :batch, {clean_result['batch_size']} items per "
                    "request, same concurrency, same simulator build (the honest limit); the "
                    "'drain' figure's baseline is one item per request"
                ),
            )
        )
    if faulty_result is not None:
        counts = faulty_result["counts"]
        stats = faulty_result["stats"]
        all_delivered = counts["delivered"] == sum(counts.values())
        duplicates = int(stats.get("duplicate_effects", -1))
        faulty_ratio = ratio(faulty_result["rate"], rate)
        attempts = ", ".join(
            f"{n}: {count:,}" for n, count in sorted(faulty_result.get("attempts", {}).items())
        )
        out.append(
            Figure(
                name="drain_faulty",
                value=faulty_result["rate"],
                unit="items/s",
                baseline=rate,
                ratio=faulty_ratio,
                target=f"ratio >= {FAULTY_TARGET}, all delivered, 0 duplicate effects",
                ok=faulty_ratio is not None
                and faulty_ratio >= FAULTY_TARGET
                and all_delivered
                and duplicates == 0,
                note=(
                    "20% failures + 20% drop-after-commit, no idempotency, default settings: "
                    f"{counts['delivered']:,}/{sum(counts.values()):,} delivered in "
                    f"{faulty_result['seconds']:.1f} s, duplicate effects {duplicates}; "
                    f"attempts per item {attempts}"
                ),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--no-faults", action="store_true", help="skip drain_faulty")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ltsa-drain-") as tmp:
        root = Path(tmp)
        prepare_environment(root)
        result = clean(root, args.items, args.concurrency)
        faulty_result = None if args.no_faults else faulty(root, args.items, args.concurrency)
    for figure in figures(result, faulty_result):
        print(
            f"{figure.name:<14} {figure.value:9.1f} {figure.unit}  baseline {figure.baseline:9.1f}"
            f"  ratio {figure.ratio:.2f}  {'ok' if figure.ok else 'MISSED'}  {figure.note}"
        )


if __name__ == "__main__":
    main()
