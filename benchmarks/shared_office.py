"""The shared office on PostgreSQL: three desks draining one backlog, and search over a million.

    python benchmarks/shared_office.py [--quick] [--json OUT.json] [--database-url URL]
                                       [--items N] [--applicants N] [--skip-drain] [--skip-search]

Needs a PostgreSQL server where it may create (and afterwards drops) schemas: ``--database-url``,
else ``LTSA_TEST_POSTGRES_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/test``).

- ``drain_3_desks``: the same backlog of registry items (queued at once, as after an outage) is
  drained against a real ``ltsa-sim`` on loopback, first by one desk, then by three desks at once,
  each a real ``ltsa-desk sync run --until-empty`` process of its own data folder sharing the
  outbox (leases taken with ``SELECT ... FOR UPDATE SKIP LOCKED``). The figure is the three-desk
  rate over the one-desk rate, each measured over the delivery window (first to last
  ``delivered_at``, so process start-up is not counted); wall times are in the note, and the
  simulator's counters must show every item applied once.
- ``search_*_postgres``: the Pencarian box's query (``applicants.search_page``, first page of 200)
  for every kind of text an officer types (``bench_search.KINDS``: 3+ letters of a name, one and
  two letters, typos, rare pieces, texts nothing matches, NIK prefixes of every length 1-16,
  tracking codes; drawn by ``bench_search.texts_for``) over ``--applicants`` rows bulk-loaded with
  ``COPY``, of which ``--out-of-order`` (3%) carry an earlier registration time than their place
  in the table (a PC clock set back); p95 per kind against the 30 ms target, each figure naming
  its slowest text, NIK's also its slowest prefix length.

Everything is built in a temporary folder and in fresh schemas; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchlib import (
    OFFICE,
    Figure,
    percentile,
    prepare_environment,
    work_parent,
    write_json,
)
from pg_register import seed_with_copy

DESKS = ("LOTIM-01", "LOTIM-02", "LOTIM-03")


# --- schemas --------------------------------------------------------------------------------------


def schema_url(server_url: str, schema: str) -> str:
    separator = "&" if "?" in server_url else "?"
    return f"{server_url}{separator}options=-csearch_path%3D{schema}"


class Schemas:
    """Fresh schemas on the server, dropped at the end whatever happened."""

    def __init__(self, server_url: str) -> None:
        from sqlalchemy import create_engine

        self.server_url = server_url
        self.engine = create_engine(server_url)
        self.made: list[str] = []

    def new(self, label: str) -> str:
        name = f"bench_{label}_{uuid.uuid4().hex[:8]}"
        with self.engine.begin() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {name}")
        self.made.append(name)
        return schema_url(self.server_url, name)

    def drop_all(self) -> None:
        with self.engine.begin() as connection:
            for name in self.made:
                connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        self.engine.dispose()


# --- drain_3_desks --------------------------------------------------------------------------------


def _payload(index: int) -> dict[str, str]:
    """A valid registry payload; NIKs unique for up to 999,900 items (district x serial)."""
    day, month = 1 + index % 28, 1 + index // 28 % 12
    return {
        "nik": f"5203{index % 100:02d}{day:02d}{month:02d}90{index // 100 + 1:04d}",
        "full_name": "CPMI BENCH",
        "birth_date": f"1990-{month:02d}-{day:02d}",
        "sex": "L",
    }


def _desks(root: Path, url: str, sim: Any, concurrency: int) -> list[Path]:
    from ltsa_desk.counter.workspace import initialise, open_workspace
    from sync.credentials import set_token

    folders = []
    for counter in DESKS:
        folder = root / counter.lower()
        initialise(folder, office_code=OFFICE, counter_id=counter, database_url=url)
        workspace = open_workspace(folder)
        config = workspace.config
        config.set("registry.url", sim.registry_url)
        config.set("sync.concurrency", str(concurrency))
        config.set("sync.retry_max_s", "2")
        config.save()
        workspace.close()
        folders.append(folder)
    set_token("registry", OFFICE, sim.token)
    return folders


def _queue(folder: Path, count: int, offset: int) -> None:
    from ltsa_desk.counter.workspace import open_workspace
    from ltsa_desk.services.submissions import REGISTRY
    from sync import outbox
    from sync.destinations import REGISTER

    workspace = open_workspace(folder)
    try:
        with workspace.database.write_session() as session:
            for index in range(offset, offset + count):
                outbox.enqueue(
                    session, REGISTRY, REGISTER, _payload(index), chain=f"c{index}", position=1
                )
            session.commit()
    finally:
        workspace.close()


def _drain(folders: list[Path], url: str) -> tuple[float, float, int]:
    """Run `sync run --until-empty` at the given desks at once; (window s, wall s, delivered)."""
    from sqlalchemy import create_engine, func, select

    from sync.models import OutboxItem

    started = time.perf_counter()
    command = [sys.executable, "-m", "ltsa_desk", "sync", "run", "--until-empty"]
    processes = [
        subprocess.Popen(
            [*command, "--timeout", "1800", "--data-dir", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for folder in folders
    ]
    for process in processes:
        _, err = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"sync run failed ({process.returncode}): {err.decode()[-2000:]}")
    wall = time.perf_counter() - started
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            first, last, delivered = connection.execute(
                select(
                    func.min(OutboxItem.delivered_at),
                    func.max(OutboxItem.delivered_at),
                    func.count(),
                ).where(OutboxItem.state == "delivered")
            ).one()
    finally:
        engine.dispose()
    return (last - first).total_seconds(), wall, int(delivered)


def drain_3_desks(root: Path, schemas: Schemas, items: int, concurrency: int, say: Any) -> Figure:
    from sync.sim.process import run_sim_process

    rates: dict[int, tuple[float, float, float]] = {}
    with run_sim_process(root / "sim") as sim:
        for desks in (1, 3):
            sim.reset()
            url = schemas.new(f"drain{desks}")
            folders = _desks(root / f"office{desks}", url, sim, concurrency)
            _queue(folders[0], items, 0)
            window, wall, delivered = _drain(folders[:desks], url)
            stats = sim.stats()["registry"]
            if delivered != items or stats["applied"] != items or stats["duplicate_effects"]:
                raise RuntimeError(f"{desks} desk(s): delivered {delivered}, sim {stats}")
            rates[desks] = (items / window, window, wall)
            say(
                f"drain, {desks} desk(s): {items} items in {window:.1f} s "
                f"({items / window:.0f}/s; wall {wall:.1f} s with start-up)"
            )
    one, three = rates[1][0], rates[3][0]
    return Figure(
        name="drain_3_desks",
        value=three,
        unit="items/s",
        baseline=one,
        ratio=three / one,
        target="report; every item applied once",
        ok=True,
        note=(
            f"{items} registry items, sync.concurrency {concurrency} per desk; "
            f"window 1 desk {rates[1][1]:.1f} s, 3 desks {rates[3][1]:.1f} s; "
            f"wall {rates[1][2]:.1f} s / {rates[3][2]:.1f} s; duplicate effects 0"
        ),
    )


# --- search on PostgreSQL -------------------------------------------------------------------------

TARGET_MS = 30.0
OUT_OF_ORDER = 0.03


def _texts_of_every_kind(sample: list[dict[str, Any]], count: int) -> dict[str, list[str]]:
    """The texts of ``bench_search`` (every kind an officer types), by name: that module grows
    kinds; a kind it does not have yet is drawn here the simple way."""
    import random

    import bench_search

    texts: dict[str, list[str]] = dict(bench_search.texts_for(sample, count, seed=7))
    rng = random.Random(8)
    rare = ("x", "kw", "oe", "xa", "v", "q", "zz", "qy", "fx")
    fallback = {
        "one": lambda: [
            rng.choice(sample)["full_name"][rng.randrange(3)].lower() for _ in range(count)
        ],
        "two": lambda: [rng.choice(sample)["full_name"].split()[-1][:2] for _ in range(count)],
        "rare": lambda: [rare[i % len(rare)] for i in range(count)],
        "nomatch": lambda: [f"qz{i}xv" if i % 2 else "99" + str(i) for i in range(count)],
        "nik": lambda: [rng.choice(sample)["nik"][: 1 + i % 16] for i in range(count)],
    }
    for kind, draw in fallback.items():
        if kind not in texts:
            texts[kind] = draw()
    return texts


def time_searches(database: Any, texts: dict[str, list[str]]) -> dict[str, list[float]]:
    """Milliseconds per first page (200 rows), per kind, as the Pencarian box asks on its worker
    thread; kinds interleaved so the machine's load falls on each alike; a warm-up first. The
    baseline kind ``exact`` is the cheapest question: one applicant by its whole NIK."""
    from ltsa_desk.services import applicants

    def one(text: str) -> float:
        started = time.perf_counter()
        with database.session() as session:
            applicants.search_page(session, text, limit=200)
        return (time.perf_counter() - started) * 1000

    def exact(nik: str) -> float:
        started = time.perf_counter()
        with database.session() as session:
            applicants.find_by_key(session, nik)
        return (time.perf_counter() - started) * 1000

    kinds = list(texts)
    for kind in kinds:
        for text in texts[kind][:5]:
            one(text)
    times: dict[str, list[float]] = {kind: [] for kind in (*kinds, "exact")}
    whole = [t for t in texts["nik"] if len(t) == 16] or [texts["nik"][0].ljust(16, "0")]
    for index in range(max(len(v) for v in texts.values())):
        for kind in kinds:
            if index < len(texts[kind]):
                times[kind].append(one(texts[kind][index]))
        times["exact"].append(exact(whole[index % len(whole)]))
    return times


def _slowest(kind: str, texts: list[str], times: list[float]) -> str:
    """The slowest text of a kind; for NIK prefixes also the prefix length with the worst p95."""
    worst = max(range(len(times)), key=times.__getitem__)
    note = f"slowest {texts[worst]!r} {times[worst]:.1f} ms"
    if kind == "nik":
        by_length: dict[int, list[float]] = {}
        for text, ms in zip(texts, times, strict=True):
            by_length.setdefault(len(text), []).append(ms)
        length, values = max(by_length.items(), key=lambda item: percentile(item[1], 0.95))
        note += f"; worst length {length} (p95 {percentile(values, 0.95):.1f} ms)"
    return note


def search_postgres(
    root: Path,
    schemas: Schemas,
    applicants: int,
    searches: int,
    say: Any,
    out_of_order: float = OUT_OF_ORDER,
) -> list[Figure]:
    from ltsa_desk.store.database import create_database, open_database

    url = schemas.new("search")
    create_database(url, office_code=OFFICE, counter_id="LOTIM-01")
    started = time.perf_counter()
    sample = seed_with_copy(url, applicants, say, out_of_order=out_of_order)
    took = time.perf_counter() - started
    say(f"search: {applicants:,} applicants loaded with COPY in {took:.0f} s")
    texts = _texts_of_every_kind(sample, searches)
    database = open_database(url)
    try:
        times = time_searches(database, texts)
    finally:
        database.close()
    base = percentile(times["exact"], 0.95) if times["exact"] else None
    figures = []
    for kind in texts:
        p95 = percentile(times[kind], 0.95)
        figures.append(
            Figure(
                name=f"search_{kind}_p95_postgres",
                value=p95,
                unit="ms",
                baseline=base,
                ratio=p95 / base if base else None,
                target=f"p95 <= {TARGET_MS:g} ms",
                ok=p95 <= TARGET_MS,
                note=(
                    f"{len(times[kind])} first pages over {applicants:,} applicants (COPY, "
                    f"{out_of_order:.0%} out of time order); "
                    f"p50 {percentile(times[kind], 0.5):.1f} ms; "
                    f"{_slowest(kind, texts[kind], times[kind])}; "
                    "baseline: p95 of an exact-NIK look-up"
                ),
            )
        )
    return figures


# --- main -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("LTSA_TEST_POSTGRES_URL", ""))
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a few minutes)")
    parser.add_argument("--items", type=int, default=None, help="backlog size (default 10,000)")
    parser.add_argument("--applicants", type=int, default=None, help="default 1,000,000")
    parser.add_argument("--searches", type=int, default=None, help="texts per kind (default 100)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--out-of-order",
        type=float,
        default=OUT_OF_ORDER,
        help="share of applicants registered earlier than their place (default 0.03)",
    )
    parser.add_argument("--skip-drain", action="store_true")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--json", default=None, metavar="OUT.json")
    parser.add_argument("--work-dir", default=None, help="parent of the temporary folder")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("no server: --database-url or LTSA_TEST_POSTGRES_URL")
    items = args.items or (1_000 if args.quick else 10_000)
    applicants = args.applicants or (100_000 if args.quick else 1_000_000)
    searches = args.searches or (40 if args.quick else 100)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(dir=work_parent(args.work_dir)) as tmp:
        root = Path(tmp)
        prepare_environment(root)
        schemas = Schemas(args.database_url)
        try:
            if not args.skip_drain:
                figures.append(drain_3_desks(root, schemas, items, args.concurrency, say))
            if not args.skip_search:
                figures.extend(
                    search_postgres(root, schemas, applicants, searches, say, args.out_of_order)
                )
        finally:
            schemas.drop_all()
    print(f"{'figure':<26} {'value':>10} {'unit':<8} {'baseline':>10} {'ratio':>6}  target / note")
    for figure in figures:
        baseline = "" if figure.baseline is None else f"{figure.baseline:10.1f}"
        ratio_text = "" if figure.ratio is None else f"{figure.ratio:6.2f}"
        value = "" if figure.value is None else f"{figure.value:10.1f}"
        print(
            f"{figure.name:<26} {value:>10} {figure.unit:<8} {baseline:>10} {ratio_text:>6}  "
            f"{figure.target} {'ok' if figure.ok else 'MISSED'}; {figure.note}"
        )
    if args.json:
        write_json(Path(args.json), figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
