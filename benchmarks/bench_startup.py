"""Start-up of the command line, per verb (issue 19, item 4).

    python benchmarks/bench_startup.py [--repeats N] [--folder DATA_DIR] [--against TREE]

A technician runs dozens of verbs and the scheduled sync starts `sync run` every 15 minutes, so a
verb's start-up is what a user waits for. Each verb runs as the technician runs it: a new Python
process (`python -m ltsa_desk ...`, the console script does the same), timed from spawn to exit,
`--repeats` times, interleaved with a bare interpreter (`python -c pass`) so that a busy machine
slows both alike: the figure is the verb's median, the baseline the bare interpreter's median, and
the ratio between them is what compares between runs. With ``--folder`` the verbs run on that
counter (e.g. the big register with its history: `sync status` there must still be fast); without
it, on a new counter made here. With ``--against`` each verb also runs, interleaved, from another
checkout of the project (e.g. ``git worktree add /tmp/before <commit>``), so a change is measured
before and after under the same load (its medians are printed, not written as figures).

The verbs are those a technician and the scheduled task run most. `sync run` is measured on a
counter with no destination configured: its start-up (opening, building the engine), not the
network. `doctor` is report-only: its checks (integrity, disk, keyring, clock) are most of it.
The project's modules run from bytecode written by an untimed first run of each verb (as installed;
see ``_measure``), whatever PYTHONDONTWRITEBYTECODE the calling shell has.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from benchlib import Figure, ratio

#: (figure name, arguments after `ltsa-desk`, target in seconds or None to report only)
VERBS: tuple[tuple[str, tuple[str, ...], float | None], ...] = (
    ("startup_version", ("--version",), 0.2),
    ("startup_help", ("--help",), None),
    ("startup_config_show", ("config", "show", "--json"), None),
    ("startup_sync_status", ("sync", "status", "--json"), 0.5),
    ("startup_sync_run", ("sync", "run", "--json"), None),
    ("startup_doctor", ("doctor", "--json"), None),
    ("startup_applicant_list", ("applicant", "list", "--limit", "1", "--json"), None),
)
#: Exit codes that are a verb's answer, not a failure (doctor: 1 = a check found problems; sync
#: run: 3 = items wait, 4 = items need attention, as on a register with a backlog and no
#: destination configured).
ANSWERS = {"startup_doctor": (0, 1), "startup_sync_run": (0, 3, 4)}
#: Verbs whose own work grows with the register (doctor checks every page of the file): measured
#: only on a counter whose database file is smaller than this, so the big history register
#: measures start-up, not minutes of integrity checks.
SIZE_BOUND = {"startup_doctor": 200 * 1024 * 1024}


def _once(
    argv: list[str],
    env: dict[str, str],
    stdin: str | None = None,
    ok: tuple[int, ...] = (0,),
    cwd: Path | None = None,
) -> float:
    started = time.perf_counter()
    completed = subprocess.run(
        argv,
        env=env,
        cwd=cwd,
        input=stdin.encode() if stdin is not None else None,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode not in ok:
        raise RuntimeError(
            f"{' '.join(argv[3:])} exited {completed.returncode}: "
            f"{completed.stderr.decode(errors='replace')[-500:]}"
        )
    return elapsed


def _verb(name: str, args: tuple[str, ...], folder: Path) -> tuple[list[str], str | None]:
    argv = [sys.executable, "-m", "ltsa_desk", *args]
    stdin = None
    if args[0] != "--version" and args[0] != "--help":
        argv += ["--data-dir", str(folder)]
    if name == "startup_applicant_list":  # a verb that checks an account's password
        argv, stdin = benchlib.as_admin(argv)
    return argv, stdin


def measure(folder: Path, repeats: int, against: Path | None = None) -> dict[str, dict[str, float]]:
    """Median seconds per verb and of the bare interpreter, each run `repeats` times (and of
    each verb run from the ``against`` checkout, interleaved, when given)."""
    with tempfile.TemporaryDirectory(prefix="ltsa-startup-pyc-") as pycache:
        return _measure(folder, repeats, against, Path(pycache))


def _measure(
    folder: Path, repeats: int, against: Path | None, pycache: Path
) -> dict[str, dict[str, float]]:
    env = dict(os.environ)
    env.pop("LTSA_DATA_DIR", None)
    # As installed: the app's modules compiled once (the installer ships bytecode). A shell with
    # PYTHONDONTWRITEBYTECODE would compile every module of the project at every start; the
    # bytecode goes to a folder of this run, not beside the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    other_env = dict(env)
    if against is not None:
        other_env["PYTHONPATH"] = os.pathsep.join(
            [str(against), *filter(None, [env.get("PYTHONPATH")])]
        )
    benchlib.ensure_admin(folder)
    bare: list[float] = []
    times: dict[str, list[float]] = {name: [] for name, _, _ in VERBS}
    other: dict[str, list[float]] = {name: [] for name, _, _ in VERBS}
    database = folder / "ltsa.sqlite"
    size = database.stat().st_size if database.exists() else 0
    skipped = {name for name, bound in SIZE_BOUND.items() if size >= bound}
    for name, args, _target in VERBS:  # untimed: writes the bytecode
        if name not in skipped:
            argv, stdin = _verb(name, args, folder)
            ok = ANSWERS.get(name, (0,))
            if against is not None:
                _once(argv, other_env, stdin, ok, cwd=against)
            _once(argv, env, stdin, ok)
    for _ in range(repeats):
        for name, args, _target in VERBS:
            if name in skipped:
                continue
            argv, stdin = _verb(name, args, folder)
            ok = ANSWERS.get(name, (0,))
            bare.append(_once([sys.executable, "-c", "pass"], env))
            if against is not None:
                # From inside the other checkout: `-m` puts the working folder first on the path.
                other[name].append(_once(argv, other_env, stdin, ok, cwd=against))
            times[name].append(_once(argv, env, stdin, ok))
    base = statistics.median(bare)
    result = {
        name: {"median": statistics.median(values), "min": min(values), "bare": base}
        for name, values in times.items()
        if values
    }
    if against is not None:
        for name, values in other.items():
            if values:
                result[name]["against"] = statistics.median(values)
    return result


def figures(result: dict[str, dict[str, float]]) -> list[Figure]:
    out = []
    for name, _args, target in VERBS:
        row = result.get(name)
        if row is None:  # SIZE_BOUND: not measured on a register this big
            out.append(
                Figure(
                    name,
                    None,
                    "s",
                    target="report",
                    note="not measured: its own checks grow with the register (SIZE_BOUND)",
                )
            )
            continue
        out.append(
            Figure(
                name,
                row["median"],
                "s",
                baseline=row["bare"],
                ratio=ratio(row["median"], row["bare"]),
                target="report" if target is None else f"<= {target:g} s",
                ok=None if target is None else row["median"] <= target,
                note=f"median of new processes (min {row['min']:.3f} s); "
                "baseline: bare interpreter `python -c pass` in the same run",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--folder", help="an existing counter's data folder (default: a new one)")
    parser.add_argument(
        "--against", help="another checkout of the project, run interleaved (before/after)"
    )
    args = parser.parse_args(argv)
    against = Path(args.against).resolve() if args.against else None
    with tempfile.TemporaryDirectory(prefix="ltsa-startup-") as tmp:
        root = Path(tmp)
        benchlib.prepare_environment(root)
        folder = Path(args.folder) if args.folder else root / "counter"
        if not args.folder:
            benchlib.make_workspace(folder).close()
        result = measure(folder, args.repeats, against)
        for figure in figures(result):
            if figure.value is None:
                print(f"{figure.name:<24} -  {figure.note}")
                continue
            other = result[figure.name].get("against")
            print(
                f"{figure.name:<24} {figure.value:.3f} s  bare {figure.baseline:.3f} s  "
                f"ratio {figure.ratio:.1f}  target {figure.target}"
                + ("" if other is None else f"  against {other:.3f} s")
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
