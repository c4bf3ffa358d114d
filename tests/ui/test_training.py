"""Training mode: a separate database, a real `ltsa-sim` the app starts itself, training tokens
that never touch the real ones, the switch off the GUI thread, the banner and the watermark."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from sqlalchemy import func
from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace, open_workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.training import (
    TrainingSession,
    credential_scope,
    is_training_dir,
)
from ltsa_desk.store.models import Applicant
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.training import (
    TrainingBanner,
    TrainingSwitch,
    make_training_bridge,
    may_switch_training,
    paint_watermark,
)
from ltsa_desk.ui.workers import Runner
from sync.credentials import get_token, set_token

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
OFFICE = "52.03"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
REAL_TOKEN = "token-kantor-yang-asli"


@pytest.fixture(autouse=True)
def _counter_font() -> None:
    make_application()


@pytest.fixture
def runner() -> Iterator[Runner]:
    made = Runner()
    yield made
    made.wait_idle()


def count_applicants(workspace: Workspace) -> int:
    with workspace.database.session() as session:
        return int(session.exec(select(func.count()).select_from(Applicant)).one())


@SQLITE
def test_training_session_runs_apart_from_the_real_counter(workspace: Workspace) -> None:
    set_token("registry", OFFICE, REAL_TOKEN)
    real_id = workspace.database.info.database_id
    session = TrainingSession(workspace.data_dir)
    try:
        data_dir, sim = session.start()
        assert data_dir == workspace.data_dir / "training"
        assert is_training_dir(data_dir) and not is_training_dir(workspace.data_dir)
        assert sim.running and session.running
        training = open_workspace(data_dir)
        try:
            info = training.database.info
            assert info.database_id != real_id
            assert (info.office_code, info.counter_id) == ("52.03", "LOTIM-01")
            assert training.database.url.endswith("training/ltsa.sqlite")
            assert training.config.get("registry.url") == sim.registry_url
            assert training.config.get("immigration.url") == sim.immigration_url
            assert count_applicants(training) == 5, "demo CPMI to practise on"
            # The training tokens sit beside the real ones, never over them.
            assert get_token("registry", OFFICE) == REAL_TOKEN
            assert get_token("registry", credential_scope(OFFICE)) == sim.token != REAL_TOKEN
            engine = session.engine_factory(training)
            assert engine.run_until_empty(30, poll_s=0.05)
            with training.database.session() as db:
                registered = db.exec(
                    select(func.count())
                    .select_from(Applicant)
                    .where(Applicant.registry_id.is_not(None))  # type: ignore[union-attr]
                ).one()
            assert registered == 5
            assert len(sim.records("registry")) == 5
        finally:
            training.close()
    finally:
        session.stop()
    assert sim.process is not None and sim.process.poll() is not None, "the simulator must stop"
    assert not session.running
    session.stop()  # twice is harmless
    assert count_applicants(workspace) == 0, "the real database never saw training work"
    assert workspace.config.get("registry.url") == ""

    again = TrainingSession(workspace.data_dir)
    try:
        data_dir, sim2 = again.start()
        assert not again.created
        reopened = open_workspace(data_dir)
        try:
            assert count_applicants(reopened) == 5, "practice data is kept for the next session"
            assert reopened.config.get("registry.url") == sim2.registry_url
        finally:
            reopened.close()
    finally:
        again.stop()
    assert not sim2.running


@SQLITE
def test_switch_starts_off_the_gui_thread_and_stops_cleanly(
    qtbot, workspace: Workspace, actor: Actor, runner: Runner
) -> None:
    technician = Actor("teknisi1", actor.counter_id, actor.office_code, role="technician")
    assert may_switch_training(technician)
    assert may_switch_training(Actor("admin1", "LOTIM-01", OFFICE, role="admin"))
    assert not may_switch_training(actor)
    switch = TrainingSwitch(runner, workspace.data_dir)
    with pytest.raises(PermissionError):
        switch.start(actor)

    with qtbot.waitSignal(switch.started, timeout=30_000) as started:
        switch.start(technician)
    environment = started.args[0]
    assert switch.active
    assert switch.last_thread_name not in (None, "MainThread")
    assert environment.workspace.data_dir == workspace.data_dir / "training"
    sim = environment.session.sim
    assert sim is not None and sim.running
    bridge = make_training_bridge(environment, runner)
    statuses: list[dict] = []
    bridge.status_changed.connect(statuses.append)
    bridge.start()
    try:
        qtbot.waitUntil(
            lambda: bool(statuses) and statuses[-1]["registry"]["delivered"] == 5, timeout=30_000
        )
    finally:
        assert bridge.stop()
    with qtbot.waitSignal(switch.stopped, timeout=30_000):
        switch.stop()
    assert not switch.active
    assert not sim.running


def test_training_banner_and_watermark(qtbot) -> None:
    banner = TrainingBanner()
    qtbot.addWidget(banner)
    assert banner.text() == "MODE LATIHAN - data tidak nyata"
    assert banner.font().bold() and banner.font().pointSizeF() >= 10
    banner.resize(1366, banner.sizeHint().height())
    SCREENSHOTS.mkdir(exist_ok=True)
    assert banner.grab().save(str(SCREENSHOTS / "training_banner.png"))

    page = QImage(595, 842, QImage.Format.Format_ARGB32)  # A4 at 72 dpi
    page.fill(QColor("white"))
    painter = QPainter(page)
    paint_watermark(painter, QRectF(0, 0, 595, 842))
    painter.end()
    assert page.save(str(SCREENSHOTS / "training_watermark.png"))
    tinted = sum(
        1
        for x in range(0, 595, 5)
        for y in range(300, 540, 5)
        if page.pixelColor(x, y) != QColor("white")
    )
    assert tinted > 50, "the watermark must cross the middle of the page"
