"""Pencarian on a register of 1,200 CPMI: one box, pages fetched off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from sqlmodel import Session

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import STATE_LABELS_ID
from ltsa_desk.services import applicants
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.store.models import Applicant
from ltsa_desk.store.search import name_key
from ltsa_desk.ui import applicant_table
from ltsa_desk.ui.applicant_table import FIRST_PAGE_SIZE, PAGE_SIZE, ApplicantTableModel, Flag
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.search_page import SearchPage
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
REGISTER_SIZE = 1200
FIRST = ("Siti", "Budi", "Dewi", "Ahmad", "Nur", "Rina", "Agus", "Sri", "Eko", "Lalu", "Baiq")
LAST = ("Aminah", "Santoso", "Lestari", "Hidayat", "Rahmawati", "Saputra", "Wahyuni", "Hakim")
COUNTRIES = ("MY", "HK", "TW", "SA", "KR", "SG", "JP")
BASE_TIME = datetime(2025, 1, 5, 1, 0, tzinfo=UTC)


def person(i: int) -> dict[str, Any]:
    """The i-th CPMI of the demo register: distinct NIK, tracking code and time, plausible name."""
    female = i % 2 == 0
    born = date(1980, 1, 1) + timedelta(days=(i * 37) % 9000)
    day = born.day + (40 if female else 0)
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
    if i == 777:
        name = "Kartini Wulandari"  # one name that is in the register once
    return {
        "nik": f"520301{day:02d}{born:%m%y}{i + 1:04d}",
        "full_name": name,
        "birth_date": born,
        "sex": "P" if female else "L",
        "tracking_code": f"LOTIM-01-2025-{i + 1:06d}",
        "destination_country": COUNTRIES[i % len(COUNTRIES)],
        "registered_at": BASE_TIME + timedelta(minutes=i),
    }


def fill_register(workspace: Workspace, count: int = REGISTER_SIZE) -> list[dict[str, Any]]:
    """Rows straight into the table: a search test needs a big register, not 1,200 intakes."""
    people = [person(i) for i in range(count)]
    with Session(workspace.database.engine) as session:
        session.add_all(
            Applicant(
                **data,
                name_key=name_key(data["full_name"]),
                regency_code="52.03",
                office_code="52.03",
                counter_id="LOTIM-01",
                registered_by="petugas1",
            )
            for data in people
        )
        session.commit()
    return people


@pytest.fixture
def register(workspace: Workspace) -> list[dict[str, Any]]:
    return fill_register(workspace)


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = UiContext(workspace=workspace, actor=actor, runner=Runner())
    yield made
    made.runner.wait_idle()


@pytest.fixture
def query_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread of every page query the screen makes."""
    seen: list[str] = []
    real = applicants.search_page

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(applicants, "search_page", recording)
    return seen


@pytest.fixture
def page(qtbot: Any, ctx: UiContext, register: list[dict[str, Any]]) -> SearchPage:
    made = SearchPage(ctx, debounce_ms=50)
    qtbot.addWidget(made)
    made.resize(1160, 700)
    made.show()
    qtbot.waitExposed(made)
    qtbot.waitUntil(lambda: made.model.rowCount() > 0 and not made.model.loading)
    return made


def shown(page: SearchPage, column: int) -> list[str]:
    model = page.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def search(qtbot: Any, page: SearchPage, text: str) -> None:
    page.focus_search()
    qtbot.keyClicks(page.search_box, text)
    qtbot.waitUntil(lambda: page.model.text == text and not page.model.loading, timeout=5000)


def test_the_newest_page_comes_first_and_scrolling_fetches_more(
    qtbot: Any, page: SearchPage, query_threads: list[str]
) -> None:
    model = page.model
    assert model.rowCount() == FIRST_PAGE_SIZE  # a screenful and more: one is asked at each key
    assert shown(page, ApplicantTableModel.TRACKING)[:2] == [
        "LOTIM-01-2025-001200",
        "LOTIM-01-2025-001199",
    ]
    assert "gulir ke bawah" in page.status.text()

    bar = page.table.verticalScrollBar()
    bar.setValue(bar.maximum())  # the officer scrolls to the end of what is shown
    more = FIRST_PAGE_SIZE + PAGE_SIZE  # the next pages are bigger
    qtbot.waitUntil(lambda: model.rowCount() == more and not model.loading)
    codes = shown(page, ApplicantTableModel.TRACKING)
    end = FIRST_PAGE_SIZE
    assert codes[end - 1 : end + 1] == [
        f"LOTIM-01-2025-{REGISTER_SIZE - end + 1:06d}",
        f"LOTIM-01-2025-{REGISTER_SIZE - end:06d}",
    ]
    assert len(set(codes)) == more  # keyset paging: no row twice, none skipped

    while not model.complete:
        bar.setValue(bar.maximum())
        before = model.rowCount()
        qtbot.waitUntil(
            lambda before=before: model.rowCount() > before or model.complete, timeout=5000
        )
        qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == REGISTER_SIZE
    assert page.status.text() == f"{REGISTER_SIZE} CPMI ditemukan."
    # Never a query on the GUI thread: the first page and every scroll page ran on the pool.
    assert len(query_threads) >= 6
    assert "MainThread" not in query_threads
    assert "MainThread" not in model.fetch_threads
    assert page.ctx.runner.last_thread_name != "MainThread"


def test_search_by_name_fragment(
    qtbot: Any, page: SearchPage, register: list[dict[str, Any]], query_threads: list[str]
) -> None:
    search(qtbot, page, "aminah")
    names = shown(page, ApplicantTableModel.NAME)
    expected = [p for p in register if "aminah" in p["full_name"].lower()]
    assert len(expected) > 100  # enough to need a second page later
    assert names and all("aminah" in name.lower() for name in names)
    assert len(names) == min(FIRST_PAGE_SIZE, len(expected))

    page.search_box.clear()
    search(qtbot, page, "WULAN")
    assert shown(page, ApplicantTableModel.NAME) == ["Kartini Wulandari"]
    assert page.status.text() == "1 CPMI ditemukan."
    assert query_threads and "MainThread" not in query_threads


def test_search_by_nik_prefix_and_tracking_code(
    qtbot: Any, page: SearchPage, register: list[dict[str, Any]]
) -> None:
    target = register[777]
    search(qtbot, page, target["nik"])
    assert shown(page, ApplicantTableModel.NIK) == [target["nik"]]
    assert shown(page, ApplicantTableModel.BIRTH_DATE) == [f"{target['birth_date']:%d-%m-%Y}"]

    prefix = target["nik"][:8]
    page.search_box.clear()
    search(qtbot, page, prefix)
    niks = shown(page, ApplicantTableModel.NIK)
    assert niks and all(nik.startswith(prefix) for nik in niks)
    assert target["nik"] in niks

    page.search_box.clear()
    search(qtbot, page, target["tracking_code"].lower())
    assert shown(page, ApplicantTableModel.TRACKING) == [target["tracking_code"]]
    assert shown(page, ApplicantTableModel.STATE) == ["Terdaftar"]

    page.search_box.clear()
    search(qtbot, page, "tidak ada orang ini")
    assert page.model.rowCount() == 0
    assert page.status.text() == 'Tidak ada CPMI yang cocok dengan "tidak ada orang ini".'


def test_enter_goes_to_the_results_and_opens_the_cpmi(
    qtbot: Any, page: SearchPage, ctx: UiContext, register: list[dict[str, Any]]
) -> None:
    with ctx.workspace.database.session() as session:
        found = applicants.find_by_key(session, register[777]["nik"])
    assert found is not None
    page.focus_search()
    qtbot.keyClicks(page.search_box, "Kartini")
    # One hit: Enter opens it at once, no need to wait for the pause (UX.md, issue 18).
    with qtbot.waitSignal(page.open_applicant, timeout=5000) as at_once:
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert at_once.args == [str(found.id)]
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)  # Down goes to the results, opens nothing
    qtbot.waitUntil(lambda: page.table.hasFocus() or page.window().focusWidget() is page.table)
    assert page.table.currentIndex().row() == 0
    with qtbot.waitSignal(page.open_applicant, timeout=1000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [str(found.id)]

    index = page.model.index(0, ApplicantTableModel.NAME)
    with qtbot.waitSignal(page.open_applicant, timeout=1000) as clicked:
        rect = page.table.visualRect(index)
        # QTest's double click needs the press before it, as a real double click has.
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clicked.args == [str(found.id)]

    page.focus_search()
    assert page.search_box.hasFocus() or page.window().focusWidget() is page.search_box
    assert page.search_box.selectedText() == "Kartini"  # F2 then typing replaces the search
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert page.search_box.text() == ""


def test_fast_typing_never_shows_an_older_search(
    qtbot: Any, page: SearchPage, ctx: UiContext
) -> None:
    model = page.model
    for text in ("a", "am", "ami", "amin", "aminah", "Kartini"):
        model.set_query(text)  # each new text drops the pages of the one before
    ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: not model.loading)
    qtbot.wait(50)
    assert shown(page, ApplicantTableModel.NAME) == ["Kartini Wulandari"]


def test_departure_soon_with_unsent_items_is_flagged(
    qtbot: Any, ctx: UiContext, actor: Actor, register: list[dict[str, Any]]
) -> None:
    soon = date.today() + timedelta(days=3)
    with ctx.workspace.database.write_session() as session:
        data = {
            "nik": "5203011205900001",
            "full_name": "Zainal Arifin",
            "birth_date": "12-05-1990",
            "sex": "L",
            "planned_departure": soon.strftime("%d-%m-%Y"),
        }
        flagged = register_applicant(session, data, actor).applicant  # its registration waits
        later = register_applicant(
            session,
            {
                **data,
                "nik": "5203011205900002",
                "full_name": "Zainal Abidin",
                "planned_departure": (soon + timedelta(days=30)).strftime("%d-%m-%Y"),
            },
            actor,
        ).applicant
    page = SearchPage(ctx, debounce_ms=50)
    qtbot.addWidget(page)
    page.show()
    search(qtbot, page, "zainal")
    model = page.model
    by_name = {
        model.index(row, ApplicantTableModel.NAME).data(): row for row in range(model.rowCount())
    }
    row = by_name["Zainal Arifin"]
    flag_cell = model.index(row, ApplicantTableModel.FLAG)
    assert flag_cell.data() == "\u26a0 3 hari"
    tooltip = flag_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Berangkat 3 hari lagi" in tooltip and "1 kiriman belum terkirim" in tooltip
    assert model.index(by_name["Zainal Abidin"], ApplicantTableModel.FLAG).data() == ""
    assert model.applicant_id(row) == str(flagged.id)
    assert str(later.id) in {model.applicant_id(r) for r in range(model.rowCount())}

    assert flag_cell.data(Qt.ItemDataRole.FontRole).bold()
    assert flag_cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    tracking = model.index(row, ApplicantTableModel.TRACKING).data(Qt.ItemDataRole.FontRole)
    assert tracking.styleHint() == QFont.StyleHint.Monospace
    assert model.index(row, ApplicantTableModel.NAME).data(Qt.ItemDataRole.ToolTipRole) == tooltip
    assert not model.flags(flag_cell) & Qt.ItemFlag.ItemIsEditable

    # The window can wire its own rule; the hook runs on the worker with the page's session.
    seen: list[str] = []

    def everyone(session: Session, rows: Any) -> dict[str, Flag]:
        seen.append(threading.current_thread().name)
        return {row.id: Flag(text="!", tooltip="uji") for row in rows}

    page.set_flagger(everyone)
    page.refresh()
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 2)
    assert {model.index(r, 0).data() for r in range(2)} == {"!"}
    assert seen and "MainThread" not in seen


def test_painting_the_table_calls_no_python(database_url: str) -> None:
    """Every role the view paints is answered by Qt's own model: a Python ``data()`` or
    ``rowCount()`` would be called for each visible cell and wait for the interpreter lock behind
    the sync engine's threads (50-80 ms stalls of the window in the gui_stall benchmark)."""
    for name in ("data", "rowCount", "columnCount", "index", "parent", "flags", "headerData"):
        assert name not in ApplicantTableModel.__dict__, name


def test_state_words_are_the_workflows(database_url: str) -> None:
    """(`database_url` only because the whole module is parametrised on SQLite.)"""
    for state, label in STATE_LABELS_ID.items():
        assert applicant_table.state_label(state) == label


def test_search_screenshot_at_1366x768(
    qtbot: Any, ctx: UiContext, actor: Actor, register: list[dict[str, Any]]
) -> None:
    with ctx.workspace.database.write_session() as session:
        data = {
            "nik": "5203015205950002",
            "full_name": "Siti Aminah",
            "birth_date": "12-05-1995",
            "sex": "P",
            "destination_country": "Hong Kong",
            "planned_departure": (date.today() + timedelta(days=4)).strftime("%d-%m-%Y"),
        }
        register_applicant(session, data, actor)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSizeF(max(10.0, font.pointSizeF()))
    app.setFont(font)
    try:
        window = MainWindow(ctx, start_bridge=False)
        qtbot.addWidget(window)
        page = window.show_page("search")
        assert isinstance(page, SearchPage)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: page.model.rowCount() == FIRST_PAGE_SIZE and not page.model.loading)
        page.table.selectRow(0)
        SCREENSHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SCREENSHOTS / "search.png"))
        search(qtbot, page, "aminah")
        window.grab().save(str(SCREENSHOTS / "search_name.png"))
    finally:
        app.setFont(before)
