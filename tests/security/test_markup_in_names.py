"""Finding 3: markup in a CPMI's name must never be interpreted by the window.

A name such as ``<img src=file:///...>`` (old data, an imported register) made the CPMI page's
header load that file: QLabel's AutoText mode treats anything that looks like HTML as HTML. On
Windows a ``file://host/share/...`` source makes the counter PC connect to that share and hand
over the Windows account's password hash. These tests put hostile text into every data field a
page shows (written straight into the database, as old data would be, so no intake rule can
save the day), open every page and dialog, and walk every label, tooltip and message box:
whatever shows the hostile text must show it as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from PySide6.QtCore import QAbstractItemModel, Qt, QTimer
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMessageBox,
    QWidget,
)

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import documents as docs
from ltsa_desk.services import letters
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.applicant.page import ApplicantPage
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

TODAY = date(2026, 6, 1)
# The marker every hostile value carries: if it reaches a rich-text renderer unescaped, the
# renderer would fetch it. No digit, so even today's name rules take it.
MARK = "<img src=file:///tmp/ltsa-evil/x.png>"
HOSTILE_NAME = f"{MARK}Siti <b>Aminah</b>"
HOSTILE_AGENCY = f"PT {MARK} Bintang"
HOSTILE_REASON = f"Foto buram {MARK}<a href='file://host/share'>klik</a>"


def _rich(text: str, text_format: Qt.TextFormat) -> bool:
    """Would Qt render ``text`` as markup in this format (AutoText guesses, as QLabel does)?"""
    if text_format in (Qt.TextFormat.RichText, Qt.TextFormat.MarkdownText):
        return True
    return text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)


def _tooltip_interpreted(tip: str) -> bool:
    return MARK in tip and GuiQt.mightBeRichText(tip)


def interpreted(root: QWidget) -> list[str]:
    """Every place under ``root`` where the hostile mark would be rendered as markup."""
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}({widget.objectName() or '?'})"
        shown = widget.text() if isinstance(widget, QLabel) else ""
        if MARK in shown and _rich(shown, widget.textFormat()):  # type: ignore[attr-defined]
            found.append(f"{name}: {widget.text()!r}")
        if _tooltip_interpreted(widget.toolTip()):
            found.append(f"{name} tooltip: {widget.toolTip()!r}")
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            found.extend(f"{name} {where}" for where in _model_tooltips(widget.model()))
    return found


def assert_plain(root: QWidget) -> None:
    found = interpreted(root)
    assert not found, "interpreted as markup:\n" + "\n".join(found)


def _model_tooltips(model: QAbstractItemModel) -> Iterator[str]:
    for row in range(model.rowCount()):
        for column in range(_columns(model)):
            tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and _tooltip_interpreted(tip):
                yield f"cell {row},{column} tooltip: {tip!r}"


def _columns(model: QAbstractItemModel) -> int:
    """A list model has one column (and keeps ``columnCount`` private in PySide6)."""
    from PySide6.QtCore import QAbstractListModel

    return 1 if isinstance(model, QAbstractListModel) else model.columnCount()


def shown_lines(root: QWidget) -> list[str]:
    return [label.text() for label in root.findChildren(QLabel) if MARK in label.text()]


# ------------------------------------------------------------------------------------------------
# fixtures


@pytest.fixture(autouse=True)
def _counter_application() -> None:
    make_application()


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = UiContext(workspace=workspace, actor=actor, runner=Runner())
    yield made
    made.runner.wait_idle()


def hostile_applicant(workspace: Workspace, actor: Actor, *, reject: bool = True) -> str:
    """A CPMI whose name, P3MI, birth place and a document refusal carry markup.

    Registered with clean values and then overwritten in the database, as a name imported or
    saved before any intake rule refused ``<`` would be.
    """
    data: dict[str, Any] = {
        "nik": "5203015205950002",
        "full_name": "Siti Aminah",
        "birth_place": "Selong",
        "birth_date": "12-05-1995",
        "sex": "P",
        "address": "Jl. Pahlawan No. 3, Selong",
        "phone": "081234567890",
        "education": "SMA",
        "marital_status": "Belum Kawin",
        "destination_country": "Malaysia",
        "job_title": "Penata laksana rumah tangga",
        "sector": "informal",
        "agency": "PT Bintang Mandiri",
        "planned_departure": "05-08-2026",
    }
    with workspace.database.write_session() as session:
        applicant_id = str(register_applicant(session, data, actor, today=TODAY).applicant.id)
    if reject:
        store = docs.attachment_store(workspace)
        with workspace.database.write_session() as session:
            docs.attach(session, store, applicant_id, "ktp", _pdf(), actor, today=TODAY)
            docs.reject(session, applicant_id, "ktp", HOSTILE_REASON, actor)
    with workspace.database.write_session() as session:
        session.connection().execute(
            sqlalchemy.text(
                "UPDATE applicant SET full_name = :name, birth_place = :place WHERE id = :id"
            ),
            {"name": HOSTILE_NAME, "place": f"Selong {MARK}", "id": _stored_id(workspace)},
        )
        session.connection().execute(
            sqlalchemy.text("UPDATE agency SET name = :agency"), {"agency": HOSTILE_AGENCY}
        )
        session.commit()
    return applicant_id


def _stored_id(workspace: Workspace) -> Any:
    """The id as the table stores it (SQLAlchemy's Uuid is a hex string on SQLite)."""
    with workspace.database.session() as session:
        return (
            session.connection().execute(sqlalchemy.text("SELECT id FROM applicant")).scalar_one()
        )


def _recommended(workspace: Workspace, actor: Actor, applicant_id: str) -> None:
    """Documents verified and the passport recommendation issued: the real order (issue 16)."""
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        for kind in ("ktp", "kk", "ijazah", "family_permission"):
            docs.attach(session, store, applicant_id, kind, _pdf(), actor, today=TODAY)
            docs.verify(session, applicant_id, kind, actor, today=TODAY)
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    with workspace.database.write_session() as session:
        for kind in ("ak1_card", "placement_agreement", "medical_certificate"):
            docs.attach(session, store, applicant_id, kind, _pdf(), actor, today=TODAY)
            docs.verify(session, applicant_id, kind, actor, today=TODAY, issued_on=TODAY)
    settings = letters.OfficeSettings.from_config(workspace.config)
    with workspace.database.write_session() as session:
        letters.issue_passport_recommendation(session, applicant_id, actor, settings, today=TODAY)


def _pdf() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10))
    painter = QPainter(writer)
    painter.drawText(200, 400, "KTP")
    painter.end()
    del writer
    return bytes(buffer.data())


def open_page(qtbot: Any, ctx: UiContext, applicant_id: str, tmp_path: Path) -> ApplicantPage:
    inbox = tmp_path / "scan-inbox"
    inbox.mkdir(exist_ok=True)
    page = ApplicantPage(ctx, today=lambda: TODAY, scan_folder=inbox, output_dir=tmp_path / "cetak")
    page.letters.open_file = lambda _path: True
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.load(applicant_id)
    settle(qtbot, page)
    return page


def settle(qtbot: Any, page: ApplicantPage) -> None:
    def idle() -> bool:
        page.ctx.runner.wait_idle(2000)
        return (
            page.view is not None
            and page.documents.view is not None
            and page.letters.view is not None
            and not page.data_tab.saving
            and not page.documents.busy
            and not page.letters.busy
            and page.ctx.runner.pool.activeThreadCount() == 0
        )

    qtbot.waitUntil(idle, timeout=15_000)
    qtbot.wait(30)
    page.ctx.runner.wait_idle(2000)
    qtbot.wait(30)


def inspect_next_dialog(found: list[str], seen: list[str]) -> None:
    """When the next modal dialog opens, record what it interprets, then close it (Esc)."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        seen.extend(shown_lines(dialog))
        found.extend(interpreted(dialog))
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
            if MARK in dialog.text() and _rich(dialog.text(), dialog.textFormat()):
                found.append(f"QMessageBox: {dialog.text()!r}")
        dialog.reject()

    QTimer.singleShot(0, look)


# ------------------------------------------------------------------------------------------------
# the tests


def test_the_applicant_page_shows_a_hostile_name_as_text(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = hostile_applicant(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)

    # The hostile text is really on screen (header, SPR line, refusal), so the walk means something.
    assert page.header.name_label.text() == HOSTILE_NAME
    assert any(HOSTILE_NAME in text for text in shown_lines(page))
    assert_plain(page)


def test_a_cancelled_case_with_a_hostile_reason_is_shown_as_text(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = hostile_applicant(workspace, actor, reject=False)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    page.actions.ask_reason = lambda *_args: HOSTILE_REASON
    page.actions.cancel_case()
    settle(qtbot, page)
    assert MARK in page.header.steps.text() or "&lt;img" in page.header.steps.text()
    assert_plain(page)


@pytest.mark.parametrize("action", ["passport", "cancel"])
def test_the_confirmation_dialogs_show_the_name_as_text(
    qtbot: Any,
    ctx: UiContext,
    workspace: Workspace,
    actor: Actor,
    tmp_path: Path,
    action: str,
) -> None:
    """The real dialogs (not the tests' stand-ins) that name the CPMI: passport request and
    cancellation."""
    applicant_id = hostile_applicant(workspace, actor, reject=False)
    if action == "passport":  # the passport is requested once the case is recommended
        _recommended(workspace, actor, applicant_id)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    found: list[str] = []
    seen: list[str] = []
    inspect_next_dialog(found, seen)
    start: Callable[[], None] = (
        page.actions.request_passport if action == "passport" else page.actions.cancel_case
    )
    start()
    settle(qtbot, page)
    assert any(HOSTILE_NAME in text for text in seen), seen
    assert not found, "\n".join(found)


def test_a_voided_letter_with_a_hostile_reason_is_shown_as_text(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = hostile_applicant(workspace, actor, reject=False)
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        for kind in ("ktp", "kk", "ijazah", "family_permission"):
            docs.attach(session, store, applicant_id, kind, _pdf(), actor, today=TODAY)
            docs.verify(session, applicant_id, kind, actor, today=TODAY)
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    settings = letters.OfficeSettings.from_config(workspace.config)
    with workspace.database.write_session() as session:
        issued = letters.issue_spr(session, applicant_id, actor, settings, today=TODAY)
        letters.void_letter(session, issued.letter.id, HOSTILE_REASON, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    assert_plain(page)


def test_every_page_of_the_window_shows_hostile_data_as_text(
    qtbot: Any, workspace: Workspace, actor: Actor
) -> None:
    """Search hits, a refused submission (the remote's reason quoted), the audit log, users:
    every page of the main window, visited as an admin, with the hostile CPMI in the data."""
    from ltsa_desk.ui.main_window import MainWindow

    applicant_id = hostile_applicant(workspace, actor)
    with workspace.database.write_session() as session:
        session.connection().execute(
            sqlalchemy.text(
                "UPDATE outbox_item SET state = 'needs_attention', last_status = 422, "
                "last_error = :reason"
            ),
            {"reason": HOSTILE_REASON},
        )
        session.commit()
    admin = Actor(
        username="admin1", counter_id=actor.counter_id, office_code=actor.office_code, role="admin"
    )
    window = MainWindow(
        UiContext(workspace=workspace, actor=admin, runner=Runner()), start_bridge=False
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        window.ctx.runner.wait_idle(5000)
        qtbot.wait(50)
        window.ctx.runner.wait_idle(5000)
        qtbot.wait(50)
        if window.current_key() == "search":
            window.pages["search"].search_box.setText("Siti")
            qtbot.waitUntil(lambda: MARK in _all_text(window.pages["search"]), timeout=10_000)
        assert_plain(window)
    sync = window.pages["sync"]
    qtbot.waitUntil(lambda: MARK in _all_text(sync), timeout=10_000)
    assert_plain(window)
    window.open_applicant(applicant_id)
    page = window.pages["applicant"]
    qtbot.waitUntil(lambda: page.header.name_label.text() == HOSTILE_NAME, timeout=10_000)
    window.ctx.runner.wait_idle(5000)
    qtbot.wait(50)
    assert_plain(window)
    window.ctx.runner.wait_idle()


def _all_text(root: QWidget) -> str:
    """Labels, tooltips and item texts under ``root``, to wait for data to arrive."""
    parts = [label.text() for label in root.findChildren(QLabel)]
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for row in range(model.rowCount()):
            for column in range(_columns(model)):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(model.index(row, column), role)
                    if isinstance(value, str):
                        parts.append(value)
    return "\n".join(parts)
