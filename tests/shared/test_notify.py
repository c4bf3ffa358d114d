"""A desk sees what the other desks do within seconds, and says so plainly when the server is gone.

The triggers NOTIFY ``ltsa_changes`` on each committed change; a listener at another desk hears it
(and nothing from another schema), the window's bridge turns it into ``data_changed`` at once, and
its poll does the same when the listener is down. Between a desk and the server sits a TCP proxy:
cutting it is the server PC switched off, and the bridge reports the server unreachable, keeps
polling, and reports it back when the proxy lets connections through again. No local file appears.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from desktools import wait_until
from officetools import TcpProxy, actor, make_desk, person
from sqlalchemy.engine import make_url

from ltsa_desk.counter.workspace import Workspace, open_workspace
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.store.notify import RECONNECTED, ChangeListener, notify_change
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.banner import Banner
from ltsa_desk.ui.sync_bridge import SyncBridge
from ltsa_desk.ui.workers import Runner


@pytest.fixture(autouse=True)
def _application() -> None:
    make_application()


@pytest.fixture
def runner() -> Iterator[Runner]:
    made = Runner()
    yield made
    made.wait_idle()


def test_a_change_at_one_desk_reaches_a_listener_at_the_other(
    two_desks: tuple[Workspace, Workspace], office_url: str, postgres_url: str
) -> None:
    desk1, desk2 = two_desks
    heard: list[tuple[float, set[str]]] = []
    lock = threading.Lock()

    def on_change(tables: set[str]) -> None:
        with lock:
            heard.append((time.monotonic(), set(tables)))

    listener = ChangeListener(desk2.database.engine, on_change)
    listener.start()
    try:
        wait_until(lambda: listener.connected, 5, "the listener to connect")
        wait_until(lambda: any(RECONNECTED in t for _, t in heard), 5, "the first full refresh")
        committed = time.monotonic()
        with desk1.database.write_session() as session:
            register_applicant(session, person(3), actor("LOTIM-01"))
        # The listener has no poll of its own: whatever it hears after the commit came by NOTIFY.
        wait_until(
            lambda: any("applicant" in t and at > committed for at, t in heard),
            30,
            "the registration's notification",
        )
        with lock:
            tables = set().union(*(t for at, t in heard if at > committed))
        assert {"applicant", "outbox_item", "case_event"} <= tables

        # Another schema of the same server (another office) is not this desk's business.
        other = make_url(office_url).set(query={})
        from sqlalchemy import create_engine

        foreign = create_engine(other)
        try:
            mark = time.monotonic()
            notify_change(foreign, "applicant")
            time.sleep(0.6)
            assert not [t for at, t in heard if at > mark]
        finally:
            foreign.dispose()
    finally:
        listener.stop()
    assert not listener.running


def test_the_window_bridge_refreshes_on_a_notification_and_by_polling_without_one(
    qtbot, two_desks: tuple[Workspace, Workspace], runner: Runner, monkeypatch
) -> None:
    desk1, desk2 = two_desks
    # A long poll: only the notification can make this refresh quick.
    bridge = SyncBridge(desk2, runner, poll_interval_ms=60_000, min_interval_ms=100)
    changes: list[float] = []
    bridge.data_changed.connect(lambda: changes.append(time.monotonic()))
    bridge.start()
    try:
        qtbot.waitUntil(lambda: bridge.refresh_count >= 1, timeout=5000)
        assert bridge.listener is not None
        qtbot.waitUntil(lambda: bool(bridge.listener and bridge.listener.connected), timeout=5000)
        qtbot.wait(300)
        committed = time.monotonic()
        with desk1.database.write_session() as session:
            register_applicant(session, person(4), actor("LOTIM-01"))
        # Well inside the 60 s poll: only the notification can have brought this refresh.
        qtbot.waitUntil(lambda: bool(changes), timeout=30_000)
        assert changes[0] > committed
    finally:
        bridge.stop()

    # The fallback: no listener at all (as when LISTEN is not possible), a short poll.
    monkeypatch.setattr(ChangeListener, "start", lambda self: None)
    polling = SyncBridge(desk2, runner, poll_interval_ms=500, min_interval_ms=100)
    changes.clear()
    polling.data_changed.connect(lambda: changes.append(time.monotonic()))
    polling.start()
    try:
        qtbot.waitUntil(lambda: polling.refresh_count >= 1, timeout=5000)
        with desk1.database.write_session() as session:
            register_applicant(session, person(5), actor("LOTIM-01"))
        qtbot.waitUntil(lambda: bool(changes), timeout=4000)
    finally:
        polling.stop()


def test_an_unreachable_server_is_reported_and_the_desk_reconnects_by_itself(
    qtbot, tmp_path: Path, office_url: str, runner: Runner, caplog: pytest.LogCaptureFixture
) -> None:
    make_desk(tmp_path / "desk1", "LOTIM-01", office_url).close()
    url = make_url(office_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    try:
        behind = make_desk(tmp_path / "desk2", "LOTIM-02", proxy.url_for(office_url))
        bridge = SyncBridge(behind, runner, poll_interval_ms=300, min_interval_ms=100)
        banner = Banner()
        states: list[tuple[bool, str]] = []
        bridge.office_server_changed.connect(lambda ok, where: states.append((ok, where)))
        bridge.office_server_changed.connect(banner.set_office_server)
        bridge.start()
        try:
            qtbot.waitUntil(lambda: bridge.refresh_count >= 1, timeout=5000)
            before = bridge.refresh_count
            proxy.cut()
            down = (False, f"127.0.0.1:{proxy.port}/{url.database}")
            qtbot.waitUntil(lambda: down in states, timeout=15000)
            assert not bridge.office_server_ok
            assert "Server basis data kantor" in banner.text()
            assert "menyambung lagi sendiri" in banner.text()
            assert banner.messages[0].kind == "server"
            # Polls go on every 300 ms while it is down; the log gets each failure's traceback
            # once (status query, sync workers, lease heartbeat), not once per poll.
            caplog.set_level(logging.WARNING)
            qtbot.wait(1500)
            tracebacks = len([r for r in caplog.records if r.exc_info])
            qtbot.wait(1500)
            assert len([r for r in caplog.records if r.exc_info]) == tracebacks
            proxy.restore()
            qtbot.waitUntil(lambda: bool(states) and states[-1][0] is True, timeout=15000)
            assert bridge.office_server_ok
            assert bridge.refresh_count > before
            assert "Server basis data kantor" not in banner.text()
        finally:
            bridge.stop()
            behind.close()
        names = {p.name for p in (tmp_path / "desk2").iterdir()}
        assert "ltsa.sqlite" not in names, names  # never a private local copy
        # And a fresh start while it is down says so, then works once it is back.
        proxy.cut()
        from ltsa_desk.store.problems import OfficeServerUnreachable

        with pytest.raises(OfficeServerUnreachable):
            open_workspace(tmp_path / "desk2")
        proxy.restore()
        open_workspace(tmp_path / "desk2").close()
    finally:
        proxy.close()
