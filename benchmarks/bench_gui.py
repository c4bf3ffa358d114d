"""The window under load: cold start to the first painted window, and event-loop stalls.

Both run the real window in a child process (Qt offscreen), so the measuring process never holds
Qt or the database:

- ``cold_start``: from process start to the main window's first paint, on the big register:
  interpreter, imports, the data-folder lock, the workspace (keyring key, sanity check, schema
  version), the window with a signed-in officer (the sign-in dialog itself is skipped), its sync
  bridge started. Baseline: ``python -c "import PySide6.QtWidgets"``, the floor any Qt window
  pays. Median of the repeats, after one warm-up run of each (the OS file cache, and the
  bytecode an installed app has: see ``cold_start``).
- ``gui_stall``: a 10 ms heartbeat timer on the GUI thread (the idle lock watching input, as in
  the real window) while the real ``SyncBridge`` drains
  the queued registrations to ``ltsa-sim``, the Pencarian screen searches (typed texts, pages
  scrolled in) and, when the reports service exists, a placements report is exported on the
  window's runner. The figure is the longest gap between two beats, less the 10 ms period.

Child mode: ``python benchmarks/bench_gui.py cold|stall DATA_DIR [...]`` prints one JSON line.
Diagnosis of a stall: ``LTSA_BENCH_STALL_TRACE=1`` (late beats, engine events, long garbage
collections and every thread's stack when a beat is 50 ms late, or ``LTSA_BENCH_STALL_AFTER``
seconds, on stderr; faulthandler dumps other threads unsafely, so a traced run may crash now and
then) and
``LTSA_BENCH_STALL_PARTS=drain,search,export`` (which loads run).
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import Figure, ratio

HERE = Path(__file__).resolve()
SHOWN = "LTSA-BENCH-SHOWN"


# ------------------------------------------------------------------------------------------------
# Parent side


def _child(args: list[str], timeout: float, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Run a child, return (seconds until the SHOWN line or the exit, its stdout).

    Its stderr goes to a file, not a pipe: stdout is read line by line as it comes, and a child
    that writes a lot on stderr (the stall trace) would otherwise block on a full pipe, holding
    the database's write lock, and never finish.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [sys.executable, *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env if env is not None else os.environ.copy(),
        )
        lines = []
        shown_at = None
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if line.startswith(SHOWN) and shown_at is None:
                shown_at = time.perf_counter() - started
        process.wait(timeout=timeout)
        elapsed = time.perf_counter() - started
        errors.seek(0)
        err = errors.read()
    if os.environ.get("LTSA_BENCH_STALL_TRACE"):
        sys.stderr.write(err)
    if process.returncode != 0:
        raise RuntimeError(f"child {args[:3]} exited {process.returncode}: {err.strip()[-800:]}")
    return (shown_at if shown_at is not None else elapsed), "".join(lines)


def cold_start(data_dir: Path, repeats: int) -> dict[str, Any]:
    """As installed: the modules run from bytecode (the installer ships it), written by the
    untimed warm-up run to a folder of this run. A shell with PYTHONDONTWRITEBYTECODE (as the
    sessions that run the suite have) otherwise compiled every module of the project at every
    start: about 0.45 s of the window's CPU time at start (benchmarks/bench_startup.py does the
    same for the verbs)."""
    with tempfile.TemporaryDirectory(prefix="ltsa-cold-pyc-") as pycache:
        env = os.environ.copy()
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
        return _cold_start(data_dir, repeats, env)


def _cold_start(data_dir: Path, repeats: int, env: dict[str, str]) -> dict[str, Any]:
    window_s, qt_s = [], []
    for index in range(repeats + 1):
        shown, _ = _child([str(HERE), "cold", str(data_dir)], timeout=180, env=env)
        bare, _ = _child(["-c", "import PySide6.QtWidgets"], timeout=60, env=env)
        if index > 0:  # the first pair warms the OS file cache
            window_s.append(shown)
            qt_s.append(bare)
    return {
        "value": statistics.median(window_s),
        "baseline": statistics.median(qt_s),
        "runs": window_s,
    }


def cold_figure(result: dict[str, Any], applicants: int) -> Figure:
    return Figure(
        name="cold_start",
        value=result["value"],
        unit="s",
        baseline=result["baseline"],
        ratio=ratio(result["value"], result["baseline"]),
        target="<= 2 s",
        ok=result["value"] <= 2.0,
        note=(
            f"median of {len(result['runs'])} starts with {applicants:,} applicants "
            f"({', '.join(f'{s:.2f}' for s in result['runs'])} s)"
        ),
    )


def stall(data_dir: Path, items: int, export_rows: int, timeout: float) -> dict[str, Any]:
    _, out = _child(
        [str(HERE), "stall", str(data_dir), str(items), str(export_rows)], timeout=timeout
    )
    return json.loads(out.strip().splitlines()[-1])


def stall_figure(result: dict[str, Any]) -> Figure:
    export = result.get("export") or "not available yet (ltsa_desk.services.reports)"
    return Figure(
        name="gui_stall",
        value=result["max_stall_ms"],
        unit="ms",
        target="<= 100 ms",
        ok=result["max_stall_ms"] <= 100.0 and result["delivered"] == result["items"],
        note=(
            f"{result['beats']} beats over {result['seconds']:.1f} s; p99 stall "
            f"{result['p99_stall_ms']:.1f} ms; drained {result['delivered']}/{result['items']}; "
            f"{result['searches']} searches, {result['pages']} pages; export: {export}"
        ),
    )


# ------------------------------------------------------------------------------------------------
# Child side: the window


def _open(data_dir: Path) -> tuple[Any, Any, Any]:
    """As `ui.app.run_app` does, without the dialogs: lock, workspace, signed-in officer."""
    from ltsa_desk.counter.workspace import open_workspace
    from ltsa_desk.services.context import Actor
    from ltsa_desk.store.lock import DataFolderLock
    from ltsa_desk.ui.app import make_application

    app = make_application("id")
    lock = DataFolderLock(data_dir)
    lock.acquire(timeout=5)
    workspace = open_workspace(data_dir)
    config = workspace.config
    actor = Actor(
        username="petugas1",
        counter_id=config.counter_id,
        office_code=config.office_code,
        role="admin",
    )
    return app, lock, (workspace, actor)


def child_cold(data_dir: Path) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    from ltsa_desk.ui.context import UiContext
    from ltsa_desk.ui.main_window import MainWindow
    from ltsa_desk.ui.sync_bridge import SyncBridge
    from ltsa_desk.ui.workers import Runner

    app, lock, (workspace, actor) = _open(data_dir)
    runner = Runner()
    bridge = SyncBridge(workspace, runner)
    window = MainWindow(UiContext(workspace=workspace, actor=actor, runner=runner, bridge=bridge))

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
            if event.type() == QEvent.Type.Paint:
                print(SHOWN, flush=True)
                QTimer.singleShot(0, app.quit)
                watched.removeEventFilter(self)
            return False

    spy = FirstPaint()
    window.installEventFilter(spy)
    window.show()
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    window.close()
    bridge.stop()
    runner.wait_idle(10_000)
    workspace.close()
    lock.release()


def child_stall(data_dir: Path, items: int, export_rows: int) -> None:
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    from ltsa_desk.ui.context import UiContext
    from ltsa_desk.ui.idle_lock import IdleLock
    from ltsa_desk.ui.main_window import PAGE_SEARCH, MainWindow
    from ltsa_desk.ui.search_page import SearchPage
    from ltsa_desk.ui.signin import SignedIn
    from ltsa_desk.ui.sync_bridge import SyncBridge
    from ltsa_desk.ui.workers import Runner

    app, lock, (workspace, actor) = _open(data_dir)
    runner = Runner()
    bridge = SyncBridge(workspace, runner)
    window = MainWindow(
        UiContext(workspace=workspace, actor=actor, runner=runner, bridge=bridge),
        start_bridge=False,
    )
    # The idle lock watches the officer's input as in `ui.app`: it sees the window's events too.
    idle = IdleLock(window, workspace, runner, SignedIn(actor=actor))
    window.show()
    idle.start()
    app.processEvents()

    clock = QElapsedTimer()
    beats: list[int] = []
    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(10)
    heart.timeout.connect(lambda: beats.append(clock.nsecsElapsed()))

    texts = ["aminah", "5203", "hida", "LOTIM-01-2026", "ti", "siti ra", "52030", "rahmawati"]
    state: dict[str, Any] = {
        "searches": 0,
        "pages": 0,
        "steps": 0,
        "export": None,
        "done": False,
    }
    search = window.pages[PAGE_SEARCH]
    assert isinstance(search, SearchPage)

    def search_step() -> None:
        if state["done"]:
            return
        if window.current_key() != PAGE_SEARCH:
            window.focus_search()
        model = search.model
        state["steps"] += 1
        if model.canFetchMore() and not model.loading and state["steps"] % 2:
            model.fetchMore()  # the officer scrolls to the end of the table
            state["pages"] += 1
        else:
            search.search_box.setText(texts[state["searches"] % len(texts)])
            state["searches"] += 1
        QTimer.singleShot(400, search_step)

    def export_report() -> None:
        """As the Reports screen would: the export on the window's runner, off the GUI."""
        if not _reports_available():
            return
        from bench_reports import export_placements

        target = data_dir.parent / "stall-report.xlsx"
        runner.run(
            lambda: export_placements(workspace, actor, target, export_rows)[0],
            lambda rows: state.update(export=f"placements xlsx, {rows:,} rows"),
            lambda error: state.update(export=f"error: {error}"),
        )

    started = time.perf_counter()

    def drained() -> bool:
        if "drain" not in parts:
            return time.perf_counter() - started > 4
        status = bridge.last_status or {}
        totals = status.get("totals") or {}
        return bool(totals) and totals.get("pending", 1) == 0 and totals.get("in_flight", 1) == 0

    def check() -> None:
        if (
            drained()
            and state["searches"] >= 6
            and (state["export"] is not None or not _reports_available())
        ) or time.perf_counter() - started > 900:
            state["done"] = True
            app.quit()
        else:
            bridge.request_refresh()
            QTimer.singleShot(250, check)

    if os.environ.get("LTSA_BENCH_STALL_TRACE"):
        _start_stall_tracer(heart, clock, beats, bridge)
    parts = set(os.environ.get("LTSA_BENCH_STALL_PARTS", "drain,search,export").split(","))
    clock.start()
    heart.start()
    if "drain" in parts:
        bridge.start()
    if "search" in parts:
        QTimer.singleShot(50, search_step)
    else:
        state["searches"] = 99
    if "export" in parts:
        QTimer.singleShot(100, export_report)
    else:
        state["export"] = "skipped"
    QTimer.singleShot(500, check)
    app.exec()
    heart.stop()
    idle.stop()
    seconds = time.perf_counter() - started
    gaps = [(b - a) / 1e6 for a, b in itertools.pairwise(beats)]
    stalls = sorted(max(0.0, g - 10.0) for g in gaps) or [0.0]
    worst = sorted(
        ((max(0.0, (b - a) / 1e6 - 10.0), a / 1e9) for a, b in itertools.pairwise(beats)),
        reverse=True,
    )[:5]
    from sqlmodel import Session

    from sync import ledger

    bridge.stop()
    runner.wait_idle(30_000)
    with Session(workspace.database.engine) as session:
        counts = ledger.counts(session, "registry")
    window.close()
    workspace.close()
    lock.release()
    print(
        json.dumps(
            {
                "max_stall_ms": stalls[-1],
                "p99_stall_ms": stalls[int(0.99 * (len(stalls) - 1))],
                "beats": len(beats),
                "seconds": seconds,
                "items": items,
                "delivered": counts["delivered"],
                "searches": state["searches"],
                "pages": state["pages"],
                "export": state["export"],
                "worst": [[round(ms, 1), round(at, 2)] for ms, at in worst],
            }
        ),
        flush=True,
    )


def _start_stall_tracer(heart: Any, clock: Any, beats: list[int], bridge: Any) -> None:
    """Diagnosis only (LTSA_BENCH_STALL_TRACE=1), on stderr: late beats, engine events and
    status refreshes with their times, garbage collections longer than 5 ms, and, when no beat
    comes for 50 ms, every Python thread's stack (faulthandler's own C thread needs no GIL).
    This is how the 60-80 ms full collections were found (see ``ui.app.make_application``)."""
    import faulthandler
    import gc

    def note(label: str) -> None:
        print(f"{clock.nsecsElapsed() / 1e9:7.3f} {label}", file=sys.stderr, flush=True)

    after_s = float(os.environ.get("LTSA_BENCH_STALL_AFTER", "0.05"))

    def rearm() -> None:
        faulthandler.cancel_dump_traceback_later()
        faulthandler.dump_traceback_later(after_s, repeat=False, file=sys.stderr)
        if len(beats) > 1 and beats[-1] - beats[-2] > 30e6:
            note(f"late beat {(beats[-1] - beats[-2]) / 1e6:.0f} ms")

    started = [0.0]

    def collected(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif time.perf_counter() - started[0] > 0.005:
            spent = (time.perf_counter() - started[0]) * 1000
            note(f"gc generation {info['generation']}: {spent:.0f} ms")

    heart.timeout.connect(rearm)
    gc.callbacks.append(collected)
    bridge.engine_event.connect(lambda name, kind, detail: note(f"engine {name} {kind} {detail}"))
    bridge.status_changed.connect(lambda status: note(f"status {status.get('totals')}"))


def _reports_available() -> bool:
    try:
        import ltsa_desk.services.reports  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    mode, folder = sys.argv[1], Path(sys.argv[2])
    if mode == "cold":
        child_cold(folder)
    elif mode == "stall":
        child_stall(folder, int(sys.argv[3]), int(sys.argv[4]))
    else:
        raise SystemExit(f"unknown mode {mode}")
