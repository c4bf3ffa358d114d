"""The Sync screen against a real `ltsa-sim` subprocess: a refusal shown in words, the record opened
to fix it, the corrected submission sent in its place, resend, send now, and a paused destination
shown as a credentials problem. Real SQLite office database; no mocks."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from uiscreen import activate

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.services.sync_setup import destination_configs
from ltsa_desk.store.models import Applicant
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.line_status import LineStatus
from ltsa_desk.ui.sync_bridge import SyncBridge
from ltsa_desk.ui.sync_page import SyncPage
from ltsa_desk.ui.sync_words import refusal_in_words
from ltsa_desk.ui.workers import Runner
from sync.credentials import set_token
from sync.engine import EngineSettings, SyncEngine
from sync.sim.process import SimHandle, run_sim_process

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

OFFICE = "52.03"
BUDI_NIK = "5203011205900001"
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


@pytest.fixture(autouse=True)
def _counter_font() -> None:
    make_application()


@pytest.fixture(scope="module")
def _sim_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(tmp_path_factory.mktemp("sim-ui-page"), seed=56) as handle:
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


def connect(workspace: Workspace, sim: SimHandle, token: str | None = None) -> None:
    config = workspace.config
    config.set("registry.url", sim.registry_url)
    config.set("immigration.url", sim.immigration_url)
    config.save()
    set_token("registry", OFFICE, token or sim.token)
    set_token("immigration", OFFICE, sim.token)


def fast_engines(**overrides: float) -> Callable[[Workspace], SyncEngine]:
    def make(workspace: Workspace) -> SyncEngine:
        return SyncEngine(
            workspace.database.writer,
            destination_configs(workspace.config),
            hooks=HOOKS,
            settings=EngineSettings(**{**FAST, **overrides}),
        )

    return make


def register(workspace: Workspace, actor: Actor, serial: int, name: str) -> str:
    data = {
        "nik": f"520301120590{serial:04d}",
        "full_name": name,
        "birth_date": "12-05-1990",
        "sex": "L",
        "birth_place": "Selong",
    }
    with workspace.database.write_session() as session:
        return str(intake.register_applicant(session, data, actor).applicant.id)


def seed_other_budi(sim: SimHandle) -> str:
    """The registry already holds Budi's NIK under a differently spelled name (a real mismatch)."""
    (seeded,) = sim.seed_registry(
        {"nik": BUDI_NIK, "full_name": "Budi Santosa", "birth_date": "1990-05-12", "sex": "L"}
    )
    assert seeded["status"] == 201
    return str(seeded["body"]["registry_id"])


def save(widget: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(SCREENSHOTS / name))


def page_for(qtbot, workspace: Workspace, actor: Actor, runner: Runner, bridge: SyncBridge | None):  # type: ignore[no-untyped-def]
    page = SyncPage(UiContext(workspace, actor, runner, bridge))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    activate(qtbot, page)  # on a real display keys reach only the active window
    return page


def visible_texts(widget: QWidget) -> str:
    from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget

    parts = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in widget.findChildren(QPushButton) if w.isVisible()]
    for table in widget.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                item = table.item(row, column)
                parts.append(item.text() if item else "")
    return "\n".join(parts)


@SQLITE
def test_refusal_in_words_then_fix_sends_the_corrected_submission(
    qtbot, workspace: Workspace, actor: Actor, sim: SimHandle, runner: Runner
) -> None:
    connect(workspace, sim)
    existing_id = seed_other_budi(sim)
    budi = register(workspace, actor, 1, "Budi Santoso")
    siti_id = register(workspace, actor, 2, "Siti Aminah")
    bridge = SyncBridge(workspace, runner, engine_factory=fast_engines(), min_interval_ms=100)
    page = page_for(qtbot, workspace, actor, runner, bridge)
    bridge.start()
    try:
        qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=15_000)
        qtbot.waitUntil(lambda: page.cards["registry"].delivered.text() == "1", timeout=10_000)
        (row,) = page.rows
        assert row.applicant_id == budi != siti_id
        assert row.applicant_name == "Budi Santoso"
        assert row.kind_label == "Pendaftaran"
        assert f"sudah terdaftar di Registri pusat (nomor {existing_id})" in row.reason
        assert "Periksa KTP" in row.reason
        assert page.table.item(0, 4).text() == row.reason
        assert page.attention_title.text() == "Perlu tindakan (1)"
        shown = visible_texts(page)
        assert "409" not in shown and "HTTP" not in shown
        assert page.cards["registry"].attention.text() == "1"
        assert "Perlu tindakan: 1" in page.cards["registry"].indicator.text.text()
        assert page.last_thread_name not in (None, "MainThread")
        qtbot.wait(100)
        save(page, "sync_page_attention.png")

        with qtbot.waitSignal(page.open_applicant, timeout=2000) as opened:
            qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
        assert opened.args == [budi]
        page.table.setFocus()
        with qtbot.waitSignal(page.open_applicant, timeout=2000) as by_key:
            qtbot.keyClick(page.table, Qt.Key.Key_Return)
        assert by_key.args == [budi]

        # The officer checks the KTP and corrects the name on the applicant page (its Save).
        with workspace.database.write_session() as session:
            record = session.get(Applicant, uuid.UUID(budi))
            assert record is not None
            intake.update_applicant(session, record, {"full_name": "Budi Santosa"}, actor)
        bridge.wake()
        qtbot.waitUntil(lambda: not page.rows, timeout=15_000)
        qtbot.waitUntil(lambda: page.cards["registry"].delivered.text() == "2", timeout=10_000)
    finally:
        bridge.stop()
    assert page.empty_label.isVisible() and not page.table.isVisible()
    assert page.cards["registry"].indicator.text.text() == "Online - semua terkirim"
    with workspace.database.session() as session:
        fixed = session.get(Applicant, uuid.UUID(budi))
        assert fixed is not None and fixed.registry_id == existing_id  # adopted: same person now
    assert [r["nik"] for r in sim.records("registry")].count(BUDI_NIK) == 1


@SQLITE
def test_resend_after_the_remote_side_was_fixed(
    qtbot, workspace: Workspace, actor: Actor, sim: SimHandle, runner: Runner
) -> None:
    connect(workspace, sim)
    seed_other_budi(sim)
    budi = register(workspace, actor, 1, "Budi Santoso")
    bridge = SyncBridge(workspace, runner, engine_factory=fast_engines(), min_interval_ms=100)
    page = page_for(qtbot, workspace, actor, runner, bridge)
    bridge.start()
    try:
        qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=15_000)
        sim.reset()  # the registry removed the wrong record on its side
        page.table.selectRow(0)
        assert page.retry_button.isEnabled()
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.rows, timeout=15_000)
        qtbot.waitUntil(lambda: page.cards["registry"].delivered.text() == "1", timeout=10_000)
    finally:
        bridge.stop()
    assert page.message.text() == "Kiriman dikirim ulang."
    (record,) = sim.records("registry")
    assert record["full_name"] == "Budi Santoso"
    with workspace.database.session() as session:
        sent = session.get(Applicant, uuid.UUID(budi))
        assert sent is not None and sent.registry_id == record["registry_id"]


@SQLITE
def test_send_now_wakes_the_engine(
    qtbot, workspace: Workspace, actor: Actor, sim: SimHandle, runner: Runner
) -> None:
    connect(workspace, sim)
    # An engine that would otherwise look again only after a minute.
    engines = fast_engines(idle_poll_s=60, pull_interval_s=3600)
    bridge = SyncBridge(workspace, runner, engine_factory=engines, min_interval_ms=100)
    page = page_for(qtbot, workspace, actor, runner, bridge)
    bridge.start()
    try:
        qtbot.waitUntil(
            lambda: page.cards["registry"].indicator.text.text() == "Online - semua terkirim",
            timeout=10_000,
        )
        qtbot.wait(300)  # the workers are now asleep for a minute
        register(workspace, actor, 3, "Ahmad Fauzi")
        page.reload()
        qtbot.waitUntil(lambda: page.cards["registry"].waiting.text() == "1", timeout=5000)
        qtbot.mouseClick(page.send_now_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.cards["registry"].delivered.text() == "1", timeout=5000)
    finally:
        bridge.stop()
    assert page.cards["registry"].last_delivery.text() not in ("", "-", "belum ada")


@SQLITE
def test_refused_credentials_show_as_paused_call_the_technician(
    qtbot, workspace: Workspace, actor: Actor, sim: SimHandle, runner: Runner
) -> None:
    connect(workspace, sim, token="token-lama-yang-dicabut")
    register(workspace, actor, 4, "Lalu Ahmad")
    bridge = SyncBridge(workspace, runner, engine_factory=fast_engines(), min_interval_ms=100)
    page = page_for(qtbot, workspace, actor, runner, bridge)
    line = LineStatus()
    qtbot.addWidget(line)
    bridge.status_changed.connect(line.update_status)
    bridge.start()
    try:
        card = page.cards["registry"]
        qtbot.waitUntil(
            lambda: card.indicator.text.text().startswith("Ditunda - hubungi teknisi"),
            timeout=15_000,
        )
        qtbot.waitUntil(lambda: line.indicators["registry"].state.key_icon, timeout=5000)  # type: ignore[union-attr]
    finally:
        bridge.stop()
    assert card.technician.isVisible()
    assert "credentials set registry" in card.technician.text()
    assert card.indicator.state is not None and card.indicator.state.key_icon
    assert "401" not in visible_texts(page)
    assert line.texts()["registry"].startswith("Registri pusat: Ditunda - hubungi teknisi")
    # Lalu Ahmad's registration is listed as held back by the refused credentials.
    qtbot.waitUntil(lambda: bool(page.waiting_rows), timeout=5000)
    assert page.waiting_table.item(0, 0).text().startswith("Lalu Ahmad")
    assert page.waiting_table.item(0, 4).text().startswith("Ditunda: kredensial")
    qtbot.wait(100)
    save(page, "sync_page_paused.png")


@SQLITE
def test_page_without_a_configured_line(qtbot, workspace: Workspace, actor: Actor) -> None:
    runner = Runner()
    page = page_for(qtbot, workspace, actor, runner, None)
    qtbot.waitUntil(lambda: page.overview is not None, timeout=5000)
    runner.wait_idle()
    assert page.cards["registry"].indicator.text.text() == "belum diatur"
    assert page.cards["immigration"].indicator.text.text() == "belum diatur"
    assert "config set immigration.url" in page.cards["immigration"].technician.text()
    assert page.empty_label.isVisible()
    assert not page.open_button.isVisible()
    assert page.last_thread_name not in (None, "MainThread")
    qtbot.wait(100)
    save(page, "sync_page_unset.png")


@SQLITE
def test_page_lists_which_cpmi_wait_and_why(qtbot, workspace: Workspace, actor: Actor) -> None:
    """Issue 18, finding 9: the page gave counts, not which CPMI wait (the officer is asked
    about one). Read off the GUI thread; Enter on a line opens that CPMI."""
    first = register(workspace, actor, 7, "Baiq Nurul Aini")
    second = register(workspace, actor, 8, "Lalu Muhammad Zainuddin")
    runner = Runner()
    page = page_for(qtbot, workspace, actor, runner, None)
    qtbot.waitUntil(lambda: page.overview is not None, timeout=5000)
    runner.wait_idle()
    assert page.last_thread_name not in (None, "MainThread")
    assert [row.applicant_id for row in page.waiting_rows] == [first, second]  # oldest first
    assert page.waiting_table.isVisible() and not page.waiting_empty.isVisible()
    assert page.waiting_title.text() == "Menunggu dikirim (2)"
    cells = [page.waiting_table.item(0, column).text() for column in range(6)]
    with workspace.database.session() as session:
        code = session.get(Applicant, uuid.UUID(first)).tracking_code  # type: ignore[union-attr]
    assert cells[0] == "Baiq Nurul Aini\n5203011205900007"
    assert cells[1] == code
    assert cells[2:5] == ["Registri pusat", "Pendaftaran", "Dalam antrean"]
    assert cells[5] != "-"
    page.waiting_table.setFocus()
    page.waiting_table.selectRow(1)
    with qtbot.waitSignal(page.open_applicant, timeout=2000) as opened:
        qtbot.keyClick(page.waiting_table, Qt.Key.Key_Return)
    assert opened.args == [second]


def test_refusals_are_put_in_words() -> None:
    conflict = refusal_in_words(
        "registry", 409, "nik: already registered under registry id REG-52-000123"
    )
    assert "nomor REG-52-000123" in conflict and "409" not in conflict
    fields = refusal_in_words(
        "registry", 422, "full_name: must not contain digits; birth_date: is required"
    )
    assert fields == (
        "Data ditolak. Periksa dan perbaiki: Nama lengkap (must not contain digits), "
        "Tanggal lahir (is required)."
    )
    bare = refusal_in_words("immigration", 400, "ditolak oleh server (HTTP 400)")
    assert "HTTP" not in bare and "400" not in bare
    waiting = refusal_in_words("immigration", None, "registry_id dari registri pusat belum ada")
    assert "nomor Registri pusat" in waiting
