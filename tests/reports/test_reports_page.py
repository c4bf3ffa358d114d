"""The Reports screen: preview charts before saving, export off the GUI thread with progress, and
Batal that leaves nothing behind. Real SQLite office database; the file dialog is injected."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from reportdata import Person, add_agencies, add_officer, add_outages, add_people, at
from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.reports import AUDIT_ACTION
from ltsa_desk.store.models import AuditLog
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.reports_page import ReportsPage
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TODAY = date(2026, 6, 3)  # so the default period is May 2026


@pytest.fixture(autouse=True)
def _counter_font() -> None:
    make_application()


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, admin: Actor) -> Iterator[UiContext]:
    made = UiContext(workspace=workspace, actor=admin, runner=Runner())
    yield made
    made.runner.wait_idle()


def fill_may(workspace: Workspace, count: int = 240) -> None:
    engine = workspace.database.engine
    agencies = add_agencies(
        engine, ["PT Bintang Mandiri", "PT Sinar Jaya", "PT Lombok Karya", "PT Rinjani Sejahtera"]
    )
    ids = list(agencies.values())
    countries = ["MY", "MY", "MY", "HK", "HK", "TW", "SA", "KR", "SG", "MY"]
    add_people(
        engine,
        [
            Person(
                index=i + 1,
                registered_at=at(2026, 5, 1 + i % 31, 8 + i % 9),
                sex="P" if i % 3 else "L",
                country=countries[i % len(countries)],
                sector="informal" if i % 4 else "formal",
                education=("SD", "SMP", "SMP", "SMA/SMK", "D3")[i % 5],
                marital=("single", "married", "married", "divorced")[i % 4],
                agency_id=ids[i % len(ids)],
            )
            for i in range(count)
        ],
    )
    add_officer(engine, "admin1", "Baiq Nurul Hidayati")
    add_outages(
        engine,
        [
            {
                "destination": "immigration",
                "started_at": at(2026, 5, 12),
                "ended_at": at(2026, 5, 15),
            }
        ],
    )


def test_preview_then_export_with_progress_and_audit(
    qtbot: Any, ctx: UiContext, workspace: Workspace, tmp_path: Path
) -> None:
    fill_may(workspace)
    asked: list[tuple[str, str]] = []

    def choose(_parent: Any, suggested: str, file_filter: str) -> str:
        asked.append((suggested, file_filter))
        return str(tmp_path / "laporan-mei")  # no suffix: the page adds .xlsx

    page = ReportsPage(ctx, choose_file=choose, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    assert page.date_from.date().toString("dd-MM-yyyy") == "01-05-2026"
    assert page.date_to.date().toString("dd-MM-yyyy") == "31-05-2026"
    assert not page.delimiter.isEnabled()  # only for CSV

    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.chart_views()) == 7, timeout=15_000)
    assert ctx.runner.last_thread_name not in (None, "MainThread")
    assert "Jumlah CPMI terdaftar pada periode ini: 240 orang." in page.summary_label.text()
    assert "Pratinjau siap" in page.message.text()
    with workspace.database.session() as session:  # a preview is not an export
        assert session.exec(select(AuditLog).where(AuditLog.action == AUDIT_ACTION)).all() == []

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=15_000)
    assert asked and asked[0][0].endswith("Laporan-placements-52.03-2026-05-01-2026-05-31.xlsx")
    assert ctx.runner.last_thread_name != "MainThread"
    out = tmp_path / "laporan-mei.xlsx"
    assert out.exists() and page.last_result is not None and page.last_result.out == out
    assert "Tersimpan" in page.message.text() and "240 baris" in page.message.text()
    assert not page.progress.isVisible() and page.export_button.isEnabled()
    with workspace.database.session() as session:
        entry = session.exec(select(AuditLog).where(AuditLog.action == AUDIT_ACTION)).one()
    assert entry.actor == "admin1"

    # The PDF too is painted off the GUI thread (QTextDocument, QPainter, QPdfWriter).
    page.fmt.setCurrentIndex(page.fmt.findData("pdf"))
    page.choose_file = lambda *_: str(tmp_path / "laporan-mei.pdf")
    page.last_result = None
    page.save()
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=15_000)
    assert (tmp_path / "laporan-mei.pdf").read_bytes().startswith(b"%PDF")


def test_batal_stops_the_export_and_leaves_no_file(
    qtbot: Any, ctx: UiContext, workspace: Workspace, tmp_path: Path
) -> None:
    add_people(
        workspace.database.engine,
        [Person(index=i + 1, registered_at=at(2026, 5, 2 + i % 28)) for i in range(6000)],
    )
    out = tmp_path / "out"
    out.mkdir()
    page = ReportsPage(ctx, choose_file=lambda *_: str(out / "batal.xlsx"), today=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=5_000)
    page.save()
    assert page.busy and page.cancel_button.isEnabled() and not page.export_button.isEnabled()
    page.cancel_button.setFocus()
    qtbot.keyClick(page.cancel_button, Qt.Key.Key_Escape)  # Esc does what Batal does
    qtbot.waitUntil(lambda: not page.busy, timeout=15_000)
    assert "Dibatalkan" in page.message.text()
    assert page.last_result is None
    assert list(out.iterdir()) == []
    with workspace.database.session() as session:
        assert session.exec(select(AuditLog).where(AuditLog.action == AUDIT_ACTION)).all() == []


def test_a_wrong_period_is_named_under_the_form(qtbot: Any, ctx: UiContext) -> None:
    page = ReportsPage(ctx, choose_file=lambda *_: pytest.fail("no dialog for a bad period"))
    qtbot.addWidget(page)
    page.date_from.setDate(page.date_to.date().addDays(1))
    page.save()
    assert "lebih awal" in page.message.text()
    assert not page.busy


def test_only_the_admin_sees_laporan_and_the_screen_at_1366x768(
    qtbot: Any, workspace: Workspace, admin: Actor
) -> None:
    fill_may(workspace)

    def labels(role: str) -> tuple[MainWindow, list[str]]:
        actor = Actor(
            username=admin.username, counter_id="LOTIM-01", office_code="52.03", role=role
        )
        window = MainWindow(
            UiContext(workspace=workspace, actor=actor, runner=Runner()), start_bridge=False
        )
        qtbot.addWidget(window)
        found = [window.navigation.item(r).text() for r in range(window.navigation.count())]
        return window, found

    officer_window, officer_labels = labels("officer")
    assert "Laporan" not in officer_labels
    technician_window, technician_labels = labels("technician")
    assert "Laporan" not in technician_labels
    window, admin_labels = labels("admin")
    assert admin_labels.index("Laporan") == admin_labels.index("Sinkronisasi") + 1
    window.resize(1366, 768)
    window.show()
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    page.date_from.setDate(page.date_from.date().fromString("01-05-2026", "dd-MM-yyyy"))
    page.date_to.setDate(page.date_to.date().fromString("31-05-2026", "dd-MM-yyyy"))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.chart_views()) == 7, timeout=15_000)
    qtbot.wait(50)
    SCREENSHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "reports-page.png"))
    for made in (officer_window, technician_window, window):
        made.ctx.runner.wait_idle()
