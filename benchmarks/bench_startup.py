"""Start-up of the command line, per verb (issue 19, item 4).

    python benchmarks/bench_startup.py [--repeats N] [--folder DATA_DIR]

A technician runs dozens of verbs and the scheduled sync starts `sync run` every 15 minutes, so a
verb's start-up is what a user waits for. Each verb runs as the technician runs it: a new Python
process (`python -m ltsa_desk ...`, the console script does the same), timed from spawn to exit,
`--repeats` times, interleaved with a bare interpreter (`python -c pass`) so that a busy machine
slows both alike: the figure is the verb's median, the baseline the bare interpreter's median, and
the ratio between them is what compares between runs. With ``--folder`` the verbs run on that
counter (e.g. the big register with its history: `sync status` there must still be fast); without
it, on a new counter made here.
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
    ("startup_applicant_list", ("applicant", "list", "--limit", "1", "--json"), None),
)


def _once(argv: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    started = time.perf_counter()
    completed = subprocess.run(
        argv,
        env=env,
        input=stdin.encode() if stdin is not None else None,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv[3:])} exited {completed.returncode}: "
            f"{completed.stderr.decode(errors='replace')[-500:]}"
        )
    return elapsed


def measure(folder: Path, repeats: int) -> dict[str, dict[str, float]]:
    """Median seconds per verb and of the bare interpreter, each run `repeats` times."""
    env = dict(os.environ)
    env.pop("LTSA_DATA_DIR", None)
    benchlib.ensure_admin(folder)
    bare: list[float] = []
    times: dict[str, list[float]] = {name: [] for name, _, _ in VERBS}
    for _ in range(repeats):
        for name, args, _target in VERBS:
            bare.append(_once([sys.executable, "-c", "pass"], env))
            argv = [sys.executable, "-m", "ltsa_desk", *args]
            stdin = None
            if args[0] != "--version" and args[0] != "--help":
                argv += ["--data-dir", str(folder)]
            if name == "startup_applicant_list":  # a verb that checks an account's password
                argv, stdin = benchlib.as_admin(argv)
            times[name].append(_once(argv, env, stdin))
    base = statistics.median(bare)
    return {
        name: {"median": statistics.median(values), "min": min(values), "bare": base}
        for name, values in times.items()
    }


def figures(result: dict[str, dict[str, float]]) -> list[Figure]:
    out = []
    for name, _args, target in VERBS:
        row = result[name]
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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ltsa-startup-") as tmp:
        root = Path(tmp)
        benchlib.prepare_environment(root)
        folder = Path(args.folder) if args.folder else root / "counter"
        if not args.folder:
            benchlib.make_workspace(folder).close()
        for figure in figures(measure(folder, args.repeats)):
            print(
                f"{figure.name:<24} {figure.value:.3f} s  bare {figure.baseline:.3f} s  "
                f"ratio {figure.ratio:.1f}  target {figure.target}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
