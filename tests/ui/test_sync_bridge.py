"""The line in the window: the bridge's signals, the status-bar words and the banner, against a real
`ltsa-sim` subprocess on 127.0.0.1 and a real SQLite office database (no mocks)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.services.sync_setup import destination_configs
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.banner import Banner, banner_messages
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.line_status import LineStatus, describe_line, format_duration
from ltsa_desk.ui.sync_bridge import SyncBridge
from ltsa_desk.ui.sync_page import SyncPage
from ltsa_desk.ui.workers import Runner
from sync.credentials import set_token
from sync.engine import EngineEvent, EngineSettings, SyncEngine
from sync.sim.process import SimHandle, run_sim_process

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

OFFICE = "52.03"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
FAST: dict[str, float] = {
    "lease_seconds": 2,
    "retry_initial_s": 0.05,
    "retry_max_s": 0.5,
    "probe_initial_s": 0.05,
    "probe_max_s": 0.5,
    "pull_interval_s": 0.2,
    "idle_poll_s": 0.05,
}


# -- helpers --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _counter_font() -> None:
    """The window's own application set-up (10 pt font, Indonesian locale) for true screenshots."""
    make_application()


@pytest.fixture(scope="module")
def _sim_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(tmp_path_factory.mktemp("sim-ui-bridge"), seed=55) as handle:
        yield handle


@pytest.fixture
def sim(_sim_process: SimHandle) -> SimHandle:
    assert _sim_process.running
    _sim_process.reset()
    return _sim_process


@pytest.fixture
def runner() -> Iterator[Runner]:
    made = Runner()
    yield made
    made.wait_idle()


def connect(workspace: Workspace, sim: SimHandle) -> None:
    config = workspace.config
    config.set("registry.url", sim.registry_url)
    config.set("immigration.url", sim.immigration_url)
    config.save()
    set_token("registry", OFFICE, sim.token)
    set_token("immigration", OFFICE, sim.token)


def fast_engines(**overrides: float) -> Callable[[Workspace], SyncEngine]:
    """The application's engine with waits short enough for a test (the logic is the same)."""

    def make(workspace: Workspace) -> SyncEngine:
        return SyncEngine(
            workspace.database.writer,
            destination_configs(workspace.config),
            hooks=HOOKS,
            settings=EngineSettings(**{**FAST, **overrides}),
        )

    return make


def register(workspace: Workspace, actor: Actor, serial: int, name: str | None = None) -> str:
    data = {
        "nik": f"520301120590{serial:04d}",  # Lombok Timur, born 12-05-1990, a man
        "full_name": name or "Budi Santoso",
        "birth_date": "12-05-1990",
        "sex": "L",
        "birth_place": "Selong",
    }
    with workspace.database.write_session() as session:
        return str(intake.register_applicant(session, data, actor).applicant.id)


def save(widget: QWidget, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path))
    return path


# -- the bridge -----------------------------------------------------------------------------------


@SQLITE
def test_bridge_reports_delivery_after_an_intake(
    qtbot, workspace: Workspace, actor: Actor, sim: SimHandle, runner: Runner
) -> None:
    connect(workspace, sim)
    bridge = SyncBridge(workspace, runner)  # the production engine (build_engine, keyring)
    statuses: list[dict[str, Any]] = []
    events: list[tuple[str, str, bool]] = []
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    bridge.status_changed.connect(statuses.append)
    bridge.engine_event.connect(
        lambda dest, kind, _detail: events.append((dest, kind, QThread.currentThread() is gui))
    )
    bridge.start()
    try:
        qtbot.waitUntil(lambda: bool(statuses), timeout=5000)
        assert statuses[0]["registry"]["delivered"] == 0
        register(workspace, actor, 1)
        bridge.wake()
        qtbot.waitUntil(
            lambda: (
                statuses[-1]["registry"]["delivered"] == 1
                and statuses[-1]["registry"]["pending"] == 0
            ),
            timeout=15_000,
        )
    finally:
        # True: the engine finished stopping within the bridge's own wait (no wall-clock bound
        # here; the box is shared and noisy).
        assert bridge.stop() is True
    assert statuses[-1]["registry"]["online"] is True
    assert bridge.last_query_thread not in (None, "MainThread")
    assert ("registry", "online", True) in events
    assert ("registry", "batch", True) in events
    assert all(on_gui for _d, _k, on_gui in events), "signals must arrive on the GUI thread"
    assert sim.stats()["registry"]["applied"] == 1


@SQLITE
def test_events_from_worker_threads_are_forwarded_and_refreshes_throttled(
    qtbot, workspace: Workspace, runner: Runner
) -> None:
    """A draining backlog reports thousands of batches; the window redraws a few times a second."""
    bridge = SyncBridge(workspace, runner, poll_interval_ms=60_000, min_interval_ms=300)
    statuses: list[float] = []
    events: list[bool] = []
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    bridge.status_changed.connect(lambda _s: statuses.append(time.monotonic()))
    bridge.engine_event.connect(lambda *_a: events.append(QThread.currentThread() is gui))
    bridge.start()  # no destination configured: an engine without workers
    try:
        qtbot.waitUntil(lambda: len(statuses) == 1, timeout=5000)
        engine = bridge.engine
        assert engine is not None

        def flood() -> None:
            for n in range(300):
                engine.emit(EngineEvent("registry", "batch", {"handled": n}))
                time.sleep(0.003)

        began = time.monotonic()
        workers = [threading.Thread(target=flood, name=f"fake-worker-{i}") for i in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        qtbot.waitUntil(lambda: len(events) == 600, timeout=5000)
        qtbot.wait(700)  # let the trailing refresh land
        elapsed = time.monotonic() - began
    finally:
        bridge.stop()
    assert all(events)
    refreshes = len(statuses) - 1
    assert 1 <= refreshes <= elapsed / 0.3 + 2, (refreshes, elapsed)


@SQLITE
def test_offline_banner_and_status_bar_when_the_line_dies(
    qtbot, workspace: Workspace, actor: Actor, sim: SimHandle, runner: Runner
) -> None:
    connect(workspace, sim)
    bridge = SyncBridge(workspace, runner, engine_factory=fast_engines(), min_interval_ms=100)
    ctx = UiContext(workspace, actor, runner, bridge)
    window = QMainWindow()
    qtbot.addWidget(window)
    banner = Banner(offline_threshold_s=0)  # injectable: the rule is "> 1 hour"
    hour_banner = Banner()  # the production threshold
    page = SyncPage(ctx)
    central = QWidget()
    column = QVBoxLayout(central)
    column.addWidget(banner)
    column.addWidget(page, 1)
    window.setCentralWidget(central)
    line = LineStatus()
    window.statusBar().addPermanentWidget(line)
    for listener in (banner.update_status, hour_banner.update_status, line.update_status):
        bridge.status_changed.connect(listener)
    window.resize(1366, 768)
    window.show()
    opened: list[bool] = []
    banner.open_sync.connect(lambda: opened.append(True))
    bridge.start()
    try:
        qtbot.waitUntil(
            lambda: line.texts()["registry"] == "Registri pusat: Online - semua terkirim",
            timeout=10_000,
        )
        assert not banner.isVisible()

        sim.set_faults(offline=True)
        register(workspace, actor, 2)
        bridge.wake()
        qtbot.waitUntil(
            lambda: banner.isVisible() and "Registri pusat" in banner.text(), timeout=15_000
        )
        text = banner.text()
        assert "terputus" in text and "1 kiriman akan terkirim sendiri" in text
        assert "HTTP" not in text and "Error" not in text
        assert not hour_banner.messages, "an outage of seconds is not yet worth a banner"
        qtbot.waitUntil(
            lambda: (
                line.texts()["registry"]
                == "Registri pusat: Offline sejak kurang dari 1 menit - 1 kiriman menunggu"
            ),
            timeout=5000,
        )
        qtbot.waitUntil(lambda: page.cards["registry"].waiting.text() == "1", timeout=5000)
        words = line.indicators["registry"].text
        # The status bar makes room for the words (never cuts them), once its layout has run.
        qtbot.waitUntil(lambda: words.width() >= words.sizeHint().width(), timeout=2000)
        save(window, "line_offline_frame.png")
        save(line, "line_status_offline.png")
        qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
        assert opened == [True]

        sim.set_faults(offline=False)
        bridge.wake()
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=15_000)
        qtbot.waitUntil(
            lambda: line.texts()["registry"] == "Registri pusat: Online - semua terkirim",
            timeout=15_000,
        )
    finally:
        bridge.stop()
    assert bridge.last_query_thread not in (None, "MainThread")


# -- the words ------------------------------------------------------------------------------------

NOW = datetime(2025, 6, 12, 9, 0, tzinfo=UTC)


def info(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "configured": True,
        "online": True,
        "offline_since": None,
        "paused": False,
        "paused_reason": None,
        "pending": 0,
        "in_flight": 0,
        "needs_attention": 0,
        "delivered": 0,
        "superseded": 0,
        "withdrawn": 0,
        "oldest_pending_age_s": None,
    }
    base.update(values)
    return base


def ago(**delta: float) -> str:
    # As SQLite hands it back: UTC without a zone.
    return (NOW - timedelta(**delta)).replace(tzinfo=None).isoformat(timespec="seconds")


def test_line_words_say_the_short_truth(qtbot) -> None:
    # Issue 18, finding 9: the window said "1 menit" after 20 s while `doctor` said "0 menit".
    assert format_duration(5) == "kurang dari 1 menit"
    assert format_duration(20) == "kurang dari 1 menit"
    assert format_duration(60) == "1 menit"
    assert format_duration(119) == "1 menit"  # floored, never rounded up
    assert format_duration(59 * 60) == "59 menit"
    assert format_duration(2 * 3600 + 50 * 60) == "2 jam"
    assert format_duration(3 * 86400 + 7200) == "3 hari"

    online = describe_line("registry", info(delivered=12), NOW)
    assert (online.text, online.level) == ("Online - semua terkirim", "delivered")
    assert online.full_text == "Registri pusat: Online - semua terkirim"

    offline = describe_line(
        "immigration",
        info(online=False, offline_since=ago(days=3, hours=2), pending=35, in_flight=2),
        NOW,
    )
    assert offline.text == "Offline sejak 3 hari - 37 kiriman menunggu"
    assert offline.full_text.startswith("Imigrasi: ")
    assert offline.level == "offline"

    paused = describe_line("registry", info(paused=True, pending=4), NOW)
    assert paused.text == "Ditunda - hubungi teknisi - 4 kiriman menunggu"
    assert paused.key_icon and paused.level == "paused"

    refused = describe_line("registry", info(needs_attention=2, delivered=9), NOW)
    assert refused.text == "Online - Perlu tindakan: 2"
    assert refused.level == "attention"

    both = describe_line(
        "registry",
        info(online=False, offline_since=ago(hours=5), pending=3, needs_attention=1),
        NOW,
    )
    assert both.text == "Offline sejak 5 jam - 3 kiriman menunggu - Perlu tindakan: 1"

    waiting = describe_line("registry", info(pending=3, oldest_pending_age_s=600), NOW)
    assert waiting.text == "Online - 3 kiriman menunggu"
    assert "10 menit" in waiting.tooltip

    unset = describe_line("immigration", info(configured=False), NOW)
    assert unset.full_text == "Imigrasi: belum diatur"

    unknown = describe_line("registry", info(online=False), NOW)
    assert unknown.text == "Memeriksa sambungan"

    line = LineStatus()
    qtbot.addWidget(line)
    line.update_status(
        {
            "registry": info(needs_attention=2),
            "immigration": info(online=False, offline_since=ago(days=3), pending=37),
        },
        NOW,
    )
    line.resize(line.sizeHint())
    assert line.texts() == {
        "registry": "Registri pusat: Online - Perlu tindakan: 2",
        "immigration": "Imigrasi: Offline sejak 3 hari - 37 kiriman menunggu",
    }
    save(line, "line_status_words.png")
    line.update_status({"registry": info(paused=True), "immigration": info(configured=False)}, NOW)
    assert line.indicators["registry"].state is not None
    assert line.indicators["registry"].state.key_icon
    save(line, "line_status_paused.png")


def test_banner_rules(qtbot) -> None:
    status = {
        "registry": info(online=False, offline_since=ago(minutes=59), pending=3),
        "immigration": info(configured=False),
    }
    assert banner_messages(status, now=NOW) == []
    status["registry"] = info(online=False, offline_since=ago(minutes=61), pending=3)
    (message,) = banner_messages(status, now=NOW)
    assert (message.kind, message.level) == ("offline", "warning")
    assert "sejak 1 jam lalu" in message.text
    status["immigration"] = info(online=False, offline_since=ago(hours=3), pending=0)
    (message,) = banner_messages(status, now=NOW)
    assert message.destinations == ("registry", "immigration")
    assert message.text.startswith("Sambungan ke Registri pusat dan Imigrasi terputus sejak 3 jam")
    assert "3 kiriman akan terkirim sendiri" in message.text
    status["immigration"] = info(configured=False)
    status["registry"] = info(needs_attention=2)
    (message,) = banner_messages(status, now=NOW)
    assert message.kind == "attention" and "2 kiriman ditolak oleh Registri pusat" in message.text
    status["registry"] = info(paused=True, pending=5)
    (message,) = banner_messages(status, now=NOW)
    assert message.kind == "paused" and "Hubungi teknisi" in message.text

    banner = Banner()
    qtbot.addWidget(banner)
    banner.update_status(
        {
            "registry": info(needs_attention=2),
            "immigration": info(online=False, offline_since=ago(days=3), pending=37),
        },
        NOW,
    )
    banner.resize(1150, banner.layout().totalHeightForWidth(1150))
    banner.show()
    assert banner.isVisible()
    assert banner.title.text() == "Perlu tindakan"
    assert "37 kiriman akan terkirim sendiri" in banner.text()
    save(banner, "banner_attention_offline.png")
    banner.update_status({"registry": info(), "immigration": info()}, NOW)
    assert not banner.isVisible()
