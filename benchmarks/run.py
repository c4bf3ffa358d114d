"""LTSA Desk's measured performance: every figure with a baseline measured in the same run.

    python benchmarks/run.py [--quick | --smoke] [--json OUT.json] [--only NAMES] [--workdir DIR]

Builds its own data in a temporary folder on disk (never tmpfs: fsync must cost what it costs):
realistic generated CPMI (``ltsa_desk.demo``, fixed seed) bulk-loaded into a counter's encrypted
database, a real ``ltsa-sim`` on loopback, the real window offscreen. Prints a table (figure,
value, baseline, ratio, target, result) and with ``--json`` writes an array of
``{"name", "value", "unit", "baseline", "ratio", "target", "ok"}`` (plus a ``note``).

Sizes: the full run uses the issue's (1,000,000 applicants, 10,000 queued items, 100,000 report
rows, 10,000 import rows); ``--quick`` a tenth (under 3 minutes on two cores); ``--smoke`` (or
``LTSA_BENCH_SIZES=smoke``) tiny ones, for CI: it checks that every benchmark runs, not how fast.

The big register is a counter after years: a few percent of its rows out of time order (a clock
once set back, forms entered late), and the history a counter writes (``history.py``: an outbox
item per registration, correction and passport application, nearly all delivered with their
receipts; a case event and an audit entry per step). Intake (``intake_commit_*_history``),
search, cold start, export, the window's stall, the status query and start-up run on it.

A missed target is reported, never an error: the exit status is 1 only when a benchmark could not
run at all. Timings on a shared machine are noisy; the ratios against the baselines measured in
the same run are the figures to compare between runs.

Groups for ``--only`` (comma-separated): intake, search, search_keys (the Pencarian box typed key
by key: the last key to the first page shown, against the screen as it was), drain, cold_start,
export_xlsx, gui_stall, import_register, status (the status query on the big register's history,
about 1.4 delivered outbox items per CPMI), startup (each verb's start-up against a bare
interpreter, on the big register), group_passport (passport requests for many CPMI from one
command), drill (the outage drill: queued registrations and passport applications drained over the
harshest line, SIGKILLed and restored on the way). The cost of encryption is reported for the
intake, search and drain groups (the same work on an unencrypted database of the same store).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from bench_search import KINDS as SEARCH_KINDS
from bench_startup import VERBS as STARTUP_VERBS
from benchlib import FULL, QUICK, SMOKE, Figure, Sizes, ratio
from tables import markdown, table

GROUPS = (
    "intake",
    "search",
    "search_keys",
    "drain",
    "cold_start",
    "export_xlsx",
    "gui_stall",
    "import_register",
    "status",
    "startup",
    "group_passport",
    "drill",
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Suite:
    def __init__(self, root: Path, sizes: Sizes, only: set[str]) -> None:
        self.root = root
        self.sizes = sizes
        self.only = only
        self.figures: list[Figure] = []
        self.errors: list[str] = []
        self.big: dict[str, Any] | None = None

    def wanted(self, group: str) -> bool:
        return group in self.only

    def guarded(self, group: str, names: list[str], body: Callable[[], list[Figure]]) -> None:
        """Run one group; a failure becomes its figures' note and the run's exit status."""
        if not self.wanted(group):
            return
        log(f"{group} ...")
        started = time.perf_counter()
        try:
            self.figures.extend(body())
        except Exception as exc:
            self.errors.append(f"{group}: {exc!r}")
            traceback.print_exc(file=sys.stderr)
            note = f"error: {exc!r}"[:300]
            self.figures.extend(Figure(name, None, "", ok=False, note=note) for name in names)
        log(f"{group} done in {time.perf_counter() - started:.1f} s")

    # -- the big register ------------------------------------------------------------------------

    def big_register(self) -> dict[str, Any]:
        """The counter with the big register and its years of history (built once; intake,
        search, start, report, GUI, status and start-up use it).

        Rows are not all in time order (``benchlib.time_shifts``), and every CPMI has the outbox
        items, case events and audit entries a counter writes (``history``): all delivered but
        the newest ``gui_drain`` registrations, a backlog the window's stall drains."""
        if self.big is None:
            folder = self.root / "big-counter"
            workspace = benchlib.make_workspace(folder)
            count = self.sizes.applicants
            started = time.perf_counter()
            marks: dict[str, float] = {}

            def progress(done: int, total: int) -> None:
                if done % 100_000 == 0 or done == total:
                    log(f"  seeded {done:,}/{total:,} applicants")
                if done == total:
                    marks["applicants"] = time.perf_counter() - started

            def history_progress(done: int, total: int, seconds: float) -> None:
                if done % 100_000 < 20_000 or done == total:
                    log(f"  history of {done:,}/{total:,} applicants in {seconds:.1f} s")

            sample = benchlib.seed_applicants(
                workspace.database,
                count,
                progress=progress,
                history=True,
                pending=min(self.sizes.gui_drain, count),
                history_progress=history_progress,
            )
            elapsed = time.perf_counter() - started
            applicants = marks.get("applicants", elapsed)
            log(
                f"  register of {count:,} with history built in {elapsed:.1f} s "
                f"(applicants {applicants:.1f} s, history {elapsed - applicants:.1f} s)"
            )
            self.big = {
                "folder": folder,
                "workspace": workspace,
                "sample": sample,
                "build_s": elapsed,
            }
        return self.big

    def big_workspace(self) -> Any:
        """The big register's counter, open (reopened after a group closed it)."""
        big = self.big_register()
        if big["workspace"] is None:
            big["workspace"] = benchlib.open_workspace_at(big["folder"])
        return big["workspace"]

    def close_big(self) -> None:
        if self.big is not None and self.big.get("workspace") is not None:
            self.big["workspace"].close()
            self.big["workspace"] = None

    # -- groups ----------------------------------------------------------------------------------

    def intake(self) -> list[Figure]:
        """Simpan on a new counter (encrypted and not) and on the big history counter, all three
        against the raw driver on a twin, taking turns registration by registration."""
        import secrets

        import bench_intake

        from ltsa_desk.counter import keyring_home

        size = self.sizes
        workspace = self.big_workspace()
        key = keyring_home.load_database_key(workspace.database.info.database_id)
        results = bench_intake.run(
            self.root,
            size.intake,
            size.intake_warmup,
            {"encrypted": secrets.token_bytes(32), "plain": None},
            history=(workspace.database, key),
        )
        encrypted, plain = results["encrypted"], results["plain"]
        register = f"the {size.applicants:,}-CPMI register with its history"
        return [
            *bench_intake.figures(encrypted),
            *bench_intake.figures(results["history"], suffix="_history", register=register),
            Figure(
                "encryption_cost_intake_p50",
                encrypted["p50"],
                "ms",
                baseline=plain["p50"],
                ratio=ratio(encrypted["p50"], plain["p50"]),
                target="report",
                note="service commit p50: SQLCipher over the same store without a key",
            ),
        ]

    def search(self) -> list[Figure]:
        import bench_search

        big = self.big_register()
        texts = bench_search.texts_for(big["sample"], self.sizes.searches, seed=11)
        times, reference = bench_search.run_queries(big["workspace"].database, texts)
        out = bench_search.figures(times, self.sizes.applicants, reference)
        plain = self.root / "big-plain.sqlite"
        started = time.perf_counter()
        plain_copy(big["workspace"], plain)
        log(f"  unencrypted copy made in {time.perf_counter() - started:.1f} s")
        from ltsa_desk.store.database import open_database

        database = open_database(f"sqlite:///{plain.as_posix()}")
        try:
            plain_times, _ = bench_search.run_queries(database, texts)
        finally:
            database.close()
        plain.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{plain}{suffix}").unlink(missing_ok=True)
        for kind in bench_search.KINDS:
            enc = benchlib.percentile(times[kind], 0.95)
            base = benchlib.percentile(plain_times[kind], 0.95)
            out.append(
                Figure(
                    f"encryption_cost_search_{kind}_p95",
                    enc,
                    "ms",
                    baseline=base,
                    ratio=ratio(enc, base),
                    target="report",
                    note="SQLCipher over an unencrypted copy of the same register",
                )
            )
        return out

    def search_keys(self) -> list[Figure]:
        """The Pencarian box typed key by key on the big register: last key to first page."""
        import bench_search_keys

        big = self.big_register()
        texts = min(50, max(3, self.sizes.searches // 2))
        return bench_search_keys.figures(big["workspace"], big["sample"], texts, log=log)

    def drain(self) -> list[Figure]:
        import drain

        size = self.sizes
        clean = drain.clean(self.root, size.drain, size.concurrency)
        log(
            f"  clean drain {clean['rate']:.0f} items/s (raw {clean['raw_rate']:.0f}, "
            f"raw batched {clean['raw_batched_rate']:.0f})"
        )
        faulty = drain.faulty(self.root, size.faulty_drain, size.concurrency)
        log(f"  faulty drain {faulty['rate']:.1f} items/s")
        plain = drain.plain_rate(self.root, size.drain, size.concurrency)
        return [
            *drain.figures(clean, faulty),
            Figure(
                "encryption_cost_drain",
                clean["rate"],
                "items/s",
                baseline=plain,
                ratio=ratio(clean["rate"], plain),
                target="report",
                note="engine drain rate, SQLCipher over an unencrypted database (< 1: slower)",
            ),
        ]

    def cold_start(self) -> list[Figure]:
        import bench_gui

        big = self.big_register()
        self.close_big()
        result = bench_gui.cold_start(big["folder"], self.sizes.cold_repeats)
        return [bench_gui.cold_figure(result, self.sizes.applicants)]

    def export_xlsx(self) -> list[Figure]:
        import bench_reports

        if not bench_reports.available():
            return bench_reports.figures(None, self.sizes.export_rows)
        big = self.big_register()
        self.close_big()
        rows = min(self.sizes.export_rows, self.sizes.applicants)
        result = bench_reports.measure(big["folder"], self.root / "placements.xlsx", rows)
        return bench_reports.figures(result, rows)

    def gui_stall(self) -> list[Figure]:
        import bench_gui
        import drain

        from sync.sim.process import run_sim_process

        big = self.big_register()
        workspace = self.big_workspace()
        # The backlog: the newest registrations the history left undelivered (and any the
        # intake group added), with their passport applications; the rest is years delivered.
        before = registry_counts(workspace.database)
        items = before["pending"]
        with run_sim_process(self.root / "sim-gui") as sim:
            benchlib.point_at_sim(workspace, sim, self.sizes.concurrency)
            workspace.close()
            big["workspace"] = None
            rows = min(self.sizes.export_rows, self.sizes.applicants)
            result = bench_gui.stall(big["folder"], items, rows, timeout=1800)
        del drain
        result["delivered"] -= before["delivered"]  # the child counts every delivered item
        return [bench_gui.stall_figure(result)]

    def import_register(self) -> list[Figure]:
        import bench_import

        return [bench_import.figure(bench_import.run(self.root, self.sizes.import_rows))]

    def status(self) -> list[Figure]:
        """The status query on the big history counter (an outbox item per registration, per
        correction and per passport application, nearly all delivered), against counting the
        outbox by state on the same database; the counts kept by triggers must agree."""
        import bench_status
        import history

        repeats = 10 if self.sizes is SMOKE else 50
        workspace = self.big_workspace()
        wrong = history.counts_agree(workspace.database)
        if wrong:
            raise AssertionError(f"outbox_count disagrees with COUNT(*): {wrong}")
        result = bench_status.measure(workspace, repeats)
        return bench_status.figures(result, workspace.database.engine.dialect.name)

    def startup(self) -> list[Figure]:
        """Each verb's start-up, on the big history counter (closed: the verbs open it)."""
        import bench_startup

        big = self.big_register()
        self.close_big()
        result = bench_startup.measure(big["folder"], max(2, self.sizes.cold_repeats))
        return bench_startup.figures(result)

    def group_passport(self) -> list[Figure]:
        """3,000 passport requests from one command (a tenth in --quick, 100 in --smoke)."""
        import bench_group

        count = {"full": 3000, "quick": 300, "smoke": 100}.get(self.sizes.label, 3000)
        return [bench_group.figure(bench_group.run(self.root, count + 5))]

    def drill(self) -> list[Figure]:
        """The outage drill (10,000 + 3,000 with 50 kills in the full run)."""
        import bench_drill

        size = bench_drill.SIZES.get(self.sizes.label, bench_drill.SIZES["full"])
        return bench_drill.figures(bench_drill.run(self.root, size, log=log))

    def run(self) -> None:
        self.guarded(
            "intake",
            [
                "intake_commit_p50",
                "intake_commit_p99",
                "intake_commit_p50_history",
                "intake_commit_p99_history",
                "encryption_cost_intake_p50",
            ],
            self.intake,
        )
        self.guarded(
            "search",
            [f"search_{kind}_p95" for kind in SEARCH_KINDS],
            self.search,
        )
        self.guarded(
            "search_keys",
            [
                "search_keys_first_page_p95",
                "search_keys_first_page_p50",
                "search_keys_queries_per_key",
            ],
            self.search_keys,
        )
        self.guarded(
            "drain",
            ["drain", "drain_vs_raw_batched", "drain_faulty", "encryption_cost_drain"],
            self.drain,
        )
        self.guarded("cold_start", ["cold_start"], self.cold_start)
        self.guarded("export_xlsx", ["export_xlsx_time", "export_xlsx_peak_rss"], self.export_xlsx)
        self.guarded("gui_stall", ["gui_stall"], self.gui_stall)
        self.guarded("import_register", ["import_register"], self.import_register)
        self.guarded("status", ["status_query_p95", "status_query_p50"], self.status)
        self.guarded("startup", [name for name, _args, _target in STARTUP_VERBS], self.startup)
        self.guarded("group_passport", ["group_passport_requests"], self.group_passport)
        self.guarded("drill", ["drill_drain", "drill_tail", "drill_duplicates"], self.drill)
        self.close_big()


def plain_copy(workspace: Any, target: Path) -> None:
    """An unencrypted copy of an encrypted counter database (``sqlcipher_export``)."""
    from ltsa_desk.counter import keyring_home
    from ltsa_desk.store import cipher

    path = benchlib.database_path(workspace)
    key = keyring_home.load_database_key(workspace.database.info.database_id)
    connection = cipher.connect(path, key, isolation_level=None)
    try:
        connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
        connection.execute("SELECT sqlcipher_export('plain')")
        connection.execute("DETACH DATABASE plain")
    finally:
        connection.close()


def registry_counts(database: Any) -> dict[str, int]:
    """The registry's outbox items by state, counted (not the kept counts)."""
    from sqlmodel import Session

    from sync import ledger

    with Session(database.engine) as session:
        return dict(ledger.counts(session, "registry"))


def choose_sizes(args: argparse.Namespace) -> Sizes:
    if args.smoke or os.environ.get("LTSA_BENCH_SIZES", "").lower() == "smoke":
        return SMOKE
    return QUICK if args.quick else FULL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (< 3 minutes)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: does everything run?")
    parser.add_argument("--json", metavar="OUT", help="write the figures as a JSON array")
    parser.add_argument("--markdown", metavar="OUT", help="write the table as Markdown")
    parser.add_argument("--only", help=f"comma-separated groups: {', '.join(GROUPS)}")
    parser.add_argument("--workdir", help="parent of the temporary folder (default: temp, on disk)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sizes = choose_sizes(args)
    only = set(GROUPS)
    if args.only:
        only = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = only - set(GROUPS)
        if unknown:
            parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    root = Path(tempfile.mkdtemp(prefix="ltsa-bench-", dir=benchlib.work_parent(args.workdir)))
    benchlib.prepare_environment(root)
    log(
        f"LTSA Desk benchmarks, {sizes.label} sizes, in {root} "
        f"(Python {platform.python_version()}, {os.cpu_count()} CPUs)"
    )
    started = time.perf_counter()
    suite = Suite(root, sizes, only)
    try:
        suite.run()
    finally:
        suite.close_big()
        if args.keep:
            log(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print(table(suite.figures))
    print(f"\n{sizes.label} run, {elapsed:.0f} s; ratios are value / baseline of the same run.")
    if args.json:
        benchlib.write_json(Path(args.json), suite.figures)
    if args.markdown:
        Path(args.markdown).write_text(markdown(suite.figures) + "\n", encoding="utf-8")
    for error in suite.errors:
        print(f"ERROR {error}", file=sys.stderr)
    return 1 if suite.errors else 0


if __name__ == "__main__":
    sys.exit(main())
