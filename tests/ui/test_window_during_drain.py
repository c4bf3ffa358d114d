"""The window while the queue drains: deliveries move the status, not the officer's search list.

During a drain the bridge's status changes at every poll (every 300 ms while items leave); the
search list shows nothing a delivery changes, so it is re-read when a record changes (a
registration, a correction, a status pulled from a remote: ``data_changed``), never because the
queue moved (``queue_moved``). Re-reading it at every poll reset the table under the officer's
eyes, threw away the pages scrolled in, and was the window's longest work during a drain
(issue 19, ``gui_stall``). Real parts: an ``ltsa-sim`` subprocess, a SQLite counter, the
production engine; no timing asserted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from test_sync_bridge import connect, fast_engines, register

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.main_window import PAGE_SEARCH, MainWindow
from ltsa_desk.ui.search_page import SearchPage
from ltsa_desk.ui.sync_bridge import SyncBridge
from ltsa_desk.ui.workers import Runner
from sync.sim.process import SimHandle, run_sim_process

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(tmp_path_factory.mktemp("sim-ui-drain"), seed=57) as handle:
        yield handle


@SQLITE
def test_deliveries_do_not_reread_the_search_list_but_a_new_record_does(
    qtbot: Any, workspace: Workspace, actor: Actor, sim: SimHandle
) -> None:
    for serial in range(1, 6):
        register(workspace, actor, serial)
    connect(workspace, sim)
    runner = Runner()
    bridge = SyncBridge(workspace, runner, engine_factory=fast_engines(), min_interval_ms=50)
    window = MainWindow(
        UiContext(workspace=workspace, actor=actor, runner=runner, bridge=bridge),
        start_bridge=False,
    )
    statuses: list[dict[str, Any]] = []
    moved: list[bool] = []
    bridge.status_changed.connect(statuses.append)
    bridge.queue_moved.connect(lambda: moved.append(True))
    window.show()
    window.focus_search()
    search = window.pages[PAGE_SEARCH]
    assert isinstance(search, SearchPage)
    reads: list[bool] = []
    search.model.loading_changed.connect(lambda loading: loading and reads.append(True))
    try:
        qtbot.waitUntil(
            lambda: search.model.rowCount() == 5 and not search.model.loading, timeout=10_000
        )
        reads.clear()
        bridge.start()
        # The five registrations leave; the bridge polls while they do and after.
        qtbot.waitUntil(
            lambda: bool(statuses) and statuses[-1]["totals"]["delivered"] == 5, timeout=20_000
        )
        polls = bridge.refresh_count
        bridge.request_refresh()
        qtbot.waitUntil(lambda: bridge.refresh_count > polls, timeout=5000)
        assert moved, "the deliveries moved the queue between two polls"
        assert reads == [], "a delivery re-read the search list"
        assert search.model.rowCount() == 5

        # A record written (as another desk or the CLI would): the list re-reads by itself.
        register(workspace, actor, 6, name="Siti Aminah")
        bridge.request_refresh()
        qtbot.waitUntil(lambda: search.model.rowCount() == 6, timeout=10_000)
        assert reads
    finally:
        bridge.stop()
        window.close()
        runner.wait_idle()
