"""The outage drill (issue 19, finding 5): a counter that queued work while the line was down
drains it over the worst line the simulator can be, killed and restored on the way.

    python benchmarks/bench_drill.py [--registrations N] [--passports M] [--kills K] [--quick]

The counter (``benchlib.make_workspace``, encrypted) holds N CPMI whose registrations wait in the
outbox, and M of them whose passport applications wait behind their registration (queued by the
admin's skip ``services.case_order.skip_order``, as a case moved in from an old register is: one
transaction per CPMI, the application in the outbox as a request queues it). Then the line comes
back as ``ltsa-sim`` in its harshest mode: no idempotency, 20% 5xx, 20% of the answers dropped
after the commit. ``ltsa-desk sync run --until-empty`` is started K times and SIGKILLed at a
random moment each time; a backup is written after a third of the kills and restored after two
thirds, as ``restore FILE --yes`` does it (the same service calls under the data folder's lock;
the outbox goes back to what it was then: what was delivered since is looked up first, never
resent blind); then one final ``sync run --until-empty`` drains what is left. A thread polls
the simulator's counters to learn when the remote first held every record.

Figures: ``drill_drain`` (seconds from the first ``sync run`` to the end of the final one;
target 10 minutes), ``drill_tail`` (seconds from the moment the remote held the last record to the
drain's end, or from the last kill when the drill went on killing after that: a killed run's
claims wait out their lease whatever the engine does; target 30 s; the note gives both moments),
``drill_duplicates`` (duplicate effects at the remote; must be 0). The note carries the attempts
histogram of the outbox.

The full size is the issue's (10,000 + 3,000, 50 kills) with the product's default settings.
``--quick`` and ``--smoke`` are smaller and shorten the lease and the read timeout (2 s and 5 s):
a SIGKILLed run's lease and the quiet period after it are set by those, and with the defaults a
small drill would measure one 60 s lease plus a 70 s hold instead of the engine. A restore marks
every unfinished item in doubt for the engine's takeover hold at the default read timeout (150 s,
whatever the configuration says: the restore cannot know how the replaced data's sender was
set), so the drain with a restore lasts at least that long; ``--smoke`` (the suite's smoke test)
leaves the restore out.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from benchlib import Figure

DRAIN_TARGET_S = 600.0
TAIL_TARGET_S = 30.0
HARSH = {"fail_rate": 0.2, "drop_after_commit": 0.2, "no_idempotency": True}


@dataclass(frozen=True)
class DrillSize:
    registrations: int
    passports: int
    kills: int
    kill_after_s: tuple[float, float]  # a run is killed this long after its start (uniform)
    fast_settings: bool  # short lease and read timeout (see the module's docstring)
    restore: bool = True  # a restore holds what it marks for the takeover hold (150 s)


SIZES = {
    "full": DrillSize(10_000, 3_000, 50, (1.0, 6.0), fast_settings=False),
    "quick": DrillSize(1_000, 300, 10, (1.0, 4.0), fast_settings=True),
    "smoke": DrillSize(120, 40, 3, (1.0, 2.5), fast_settings=True, restore=False),
}


def _ltsa(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "ltsa_desk", *args, "--data-dir", str(folder)]


def make_backup_of(folder: Path, out_dir: Path) -> Path:
    """A backup zip of the counter, as ``ltsa-desk backup`` writes it (no run is alive)."""
    from ltsa_desk.technician.backup import make_backup

    workspace = benchlib.open_workspace_at(folder)
    try:
        return Path(make_backup(workspace.config, out_dir).path)
    finally:
        workspace.close()


def restore_from(folder: Path, archive: Path) -> int:
    """What ``ltsa-desk restore FILE --yes`` does to the data, under the data folder's lock:
    checked, swapped in, unfinished items marked to be looked up first. Called in-process so the
    drill does not depend on how the command line signs a technician in. Items marked."""
    from ltsa_desk.store.lock import DataFolderLock
    from ltsa_desk.technician.backup import commit_restore, stage_restore

    lock = DataFolderLock(folder, windows_mutex=False)
    lock.acquire(timeout=30)
    try:
        return int(commit_restore(stage_restore(folder, archive)).marked)
    finally:
        lock.release()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("LTSA_DATA_DIR", None)
    return env


def prepare(folder: Path, size: DrillSize) -> None:
    """The counter after the outage: N registrations, then M passport applications, waiting."""
    from sqlalchemy import text
    from sqlmodel import select

    from ltsa_desk.services import submissions
    from ltsa_desk.services.case_order import skip_order
    from ltsa_desk.store.models import Applicant

    workspace = benchlib.make_workspace(folder)
    try:
        database = workspace.database
        benchlib.seed_applicants(database, size.registrations, seed=113)
        with database.write_session() as session:
            for applicant in session.exec(select(Applicant)).all():
                applicant.registry_id = None
                session.add(applicant)
                submissions.queue_registration(session, applicant, opens_chain=True)
            session.commit()
        with database.engine.connect() as connection:
            eligible = [
                row[0]
                for row in connection.execute(
                    text(
                        "SELECT id FROM applicant WHERE state IN "
                        "('registered', 'documents_complete', 'recommended') ORDER BY tracking_code"
                    )
                )
            ]
        if len(eligible) < size.passports:
            raise RuntimeError(f"only {len(eligible)} CPMI may ask for a passport")
        admin = replace(benchlib.actor(), role="admin")
        with database.write_session() as session:
            for applicant_id in eligible[: size.passports]:
                skip_order(session, applicant_id, "passport_requested", admin, "Drill pemadaman")
    finally:
        workspace.close()


class RemoteWatch:
    """Polls the simulator until it holds every record; remembers when that first happened."""

    def __init__(self, sim: Any, registrations: int, passports: int) -> None:
        self.sim = sim
        self.wanted = {"registry": registrations, "immigration": passports}
        self.complete_at: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="drill-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def held(self) -> dict[str, int]:
        stats = self.sim.stats()
        return {
            system: int(stats[system]["applied"]) - int(stats[system]["duplicate_effects"])
            for system in self.wanted
        }

    def _poll(self) -> None:
        while not self._stop.is_set():
            try:
                held = self.held()
            except Exception:  # the simulator busy or restarting: ask again
                held = {}
            if held and all(held[s] >= n for s, n in self.wanted.items()):
                self.complete_at = time.perf_counter()
                return
            self._stop.wait(0.25)


def attempts_histogram(folder: Path) -> tuple[dict[int, int], dict[str, int]]:
    from sqlalchemy import text

    workspace = benchlib.open_workspace_at(folder)
    try:
        with workspace.database.engine.connect() as connection:
            attempts = dict(
                connection.execute(
                    text("SELECT attempts, count(*) FROM outbox_item GROUP BY attempts")
                ).all()
            )
            states = dict(
                connection.execute(
                    text("SELECT state, count(*) FROM outbox_item GROUP BY state")
                ).all()
            )
    finally:
        workspace.close()
    return {int(k): int(v) for k, v in sorted(attempts.items())}, states


def run(root: Path, size: DrillSize, *, seed: int = 19, log: Any = None) -> dict[str, Any]:
    """The drill; seconds, the tail, the remote's counters and the outbox's attempts."""
    from sync.sim.process import run_sim_process

    say = log or (lambda message: None)
    folder = root / "drill-counter"
    started = time.perf_counter()
    prepare(folder, size)
    say(
        f"  drill counter: {size.registrations:,} + {size.passports:,} queued in "
        f"{time.perf_counter() - started:.0f} s"
    )
    rng = random.Random(seed)
    env = _env()
    with run_sim_process(root / "sim-drill", seed=seed, **HARSH) as sim:
        workspace = benchlib.open_workspace_at(folder)
        try:
            benchlib.point_at_sim(workspace, sim, 4)
            if size.fast_settings:
                workspace.config.set("sync.lease_seconds", "2")
                workspace.config.set("sync.read_timeout_s", "5")
                workspace.config.save()
        finally:
            workspace.close()
        watch = RemoteWatch(sim, size.registrations, size.passports)
        backup_at, restore_at = size.kills // 3, (2 * size.kills) // 3
        backup: Path | None = None
        restored: int | None = None
        drain_started = time.perf_counter()
        watch.start()
        try:
            for kill in range(size.kills):
                if kill == backup_at and size.restore:
                    backup = make_backup_of(folder, root / "drill-backups")
                if kill == restore_at and backup is not None:
                    restored = restore_from(folder, backup)
                process = subprocess.Popen(
                    _ltsa(folder, "sync", "run", "--until-empty", "--timeout", "3600"),
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                time.sleep(rng.uniform(*size.kill_after_s))
                process.send_signal(signal.SIGKILL)
                process.wait(30)
            kills_done = time.perf_counter()
            say(f"  {size.kills} kills done after {kills_done - drain_started:.0f} s")
            final = subprocess.run(
                _ltsa(folder, "sync", "run", "--until-empty", "--timeout", "3000", "--json"),
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=3600,
            )
            ended = time.perf_counter()
        finally:
            watch.stop()
        stats = sim.stats()
        held = watch.held()
    attempts, states = attempts_histogram(folder)
    complete_at = watch.complete_at
    return {
        "seconds": ended - drain_started,
        # From the later of the remote holding the last record and the last kill: a run killed
        # after the remote is complete still leaves its claims under a live lease for the next
        # run to wait out, so while the drill goes on killing, no engine could finish.
        "tail": None if complete_at is None else max(0.0, ended - max(complete_at, kills_done)),
        "remote_tail": None if complete_at is None else max(0.0, ended - complete_at),
        "remote_complete_s": None if complete_at is None else complete_at - drain_started,
        "kills_done_s": kills_done - drain_started,
        "final_code": final.returncode,
        "final_stderr": final.stderr[-2000:],
        "duplicates": sum(int(stats[s]["duplicate_effects"]) for s in ("registry", "immigration")),
        "dropped": int(stats["registry"].get("dropped_after_commit", 0)),
        "held": held,
        "attempts": attempts,
        "states": states,
        "restored": restored,
        "size": size,
    }


def figures(result: dict[str, Any]) -> list[Figure]:
    size: DrillSize = result["size"]
    everything = size.registrations + size.passports
    delivered = result["states"].get("delivered", 0)
    all_there = delivered == everything and result["held"] == {
        "registry": size.registrations,
        "immigration": size.passports,
    }
    histogram = ", ".join(f"{k}: {v:,}" for k, v in result["attempts"].items())
    shape = (
        f"{size.registrations:,} registrations + {size.passports:,} passport applications, "
        f"{size.kills} SIGKILLs, "
        + (
            "no restore"
            if result["restored"] is None
            else f"restore mid-drain ({result['restored']:,} items to look up first)"
        )
        + ", "
        "no idempotency + 20% 5xx + 20% drop-after-commit"
        + (", lease 2 s, read timeout 5 s" if size.fast_settings else ", default settings")
    )
    tail = result["tail"]
    return [
        Figure(
            "drill_drain",
            result["seconds"],
            "s",
            target=f"<= {DRAIN_TARGET_S:.0f} s, all delivered",
            ok=all_there and result["final_code"] == 0 and result["seconds"] <= DRAIN_TARGET_S,
            note=(
                f"{shape}; {delivered:,}/{everything:,} delivered, remote complete after "
                f"{result['remote_complete_s'] or 0:.1f} s; attempts per item: {histogram}"
            ),
        ),
        Figure(
            "drill_tail",
            tail,
            "s",
            target=(
                f"<= {TAIL_TARGET_S:.0f} s after the remote held the last record (or after the "
                "last kill, when the drill killed on after that)"
            ),
            ok=tail is not None and tail <= TAIL_TARGET_S,
            note=(
                f"remote complete after {result['remote_complete_s'] or 0:.1f} s, last kill at "
                f"{result['kills_done_s']:.1f} s, drain ended "
                f"{result['remote_tail'] or 0:.1f} s after the remote was complete; "
                f"outbox states {result['states']}"
            ),
        ),
        Figure(
            "drill_duplicates",
            float(result["duplicates"]),
            "",
            target="0",
            ok=result["duplicates"] == 0,
            note=f"responses dropped after commit: {result['dropped']:,}",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--registrations", type=int)
    parser.add_argument("--passports", type=int)
    parser.add_argument("--kills", type=int)
    parser.add_argument("--workdir")
    args = parser.parse_args()
    size = SIZES["smoke" if args.smoke else "quick" if args.quick else "full"]
    size = replace(
        size,
        registrations=args.registrations or size.registrations,
        passports=args.passports if args.passports is not None else size.passports,
        kills=args.kills if args.kills is not None else size.kills,
    )
    with tempfile.TemporaryDirectory(
        prefix="ltsa-drill-", dir=benchlib.work_parent(args.workdir)
    ) as tmp:
        root = Path(tmp)
        benchlib.prepare_environment(root)
        result = run(root, size, log=lambda m: print(m, file=sys.stderr, flush=True))
    for figure in figures(result):
        value = "-" if figure.value is None else f"{figure.value:.1f}"
        print(
            f"{figure.name:<17} {value:>8} {figure.unit:<2} {figure.target}: "
            f"{'ok' if figure.ok else 'MISSED'}  {figure.note}"
        )
    if result["final_code"] != 0:
        print(result["final_stderr"], file=sys.stderr)


if __name__ == "__main__":
    main()
