"""The counter window as an officer meets it on a 1366x768 screen, driven by real key and mouse
events (QTest): tab switching never leaves the CPMI page, Enter never opens a record the officer
did not choose, nothing is larger than the screen. These run offscreen and, in `.ci/run`'s
real-display block, under Xvfb with the xcb platform (where focus and activation are real)."""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from uiscreen import SCREEN_HEIGHT, SCREEN_WIDTH, on_real_display

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.ui.applicant.page import ApplicantPage
from ltsa_desk.ui.intake_page import IntakePage
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.search_page import SearchPage

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _register(workspace: Workspace, actor: Actor, nik: str, name: str) -> str:
    with workspace.database.write_session() as session:
        applicant = register_applicant(
            session, {"nik": nik, "full_name": name, "birth_date": "12-05-1990", "sex": "L"}, actor
        ).applicant
        return str(applicant.id)


@pytest.fixture
def window(admin_window: MainWindow) -> MainWindow:
    return admin_window


def _search(qtbot: Any, window: MainWindow, text: str) -> SearchPage:
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F2)
    page = window.pages["search"]
    assert isinstance(page, SearchPage) and page.search_box.hasFocus()
    qtbot.keyClicks(page.search_box, text)
    return page


def _settled(page: SearchPage, text: str, rows: int) -> bool:
    """The search for ``text`` has answered with ``rows`` rows."""
    model = page.model
    return model.text == text and not model.loading and model.rowCount() == rows


@SQLITE
def test_switching_tabs_never_leaves_the_cpmi_page(
    qtbot: Any, workspace: Workspace, actor: Actor, window: MainWindow
) -> None:
    _register(workspace, actor, "5203011205900001", "AHMAD FAUZI")
    page = _search(qtbot, window, "AHMAD")
    qtbot.waitUntil(lambda: _settled(page, "AHMAD", 1), timeout=10_000)
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    applicant = window.pages["applicant"]
    assert isinstance(applicant, ApplicantPage)
    qtbot.waitUntil(lambda: applicant.header.name_label.text() == "AHMAD FAUZI", timeout=10_000)
    assert window.current_key() == "applicant"

    # The officer was in a field of the Data tab, then clicks the tabs, then uses Ctrl+1..4.
    applicant.data_tab.editors["full_name"].setFocus(Qt.FocusReason.MouseFocusReason)
    bar = applicant.tabs.tabBar()
    for index in (ApplicantPage.TAB_DOCUMENTS, ApplicantPage.TAB_LETTERS, 3, 0, 2, 1):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert applicant.tabs.currentIndex() == index
        assert window.current_key() == "applicant", f"tab {index} left the CPMI page"
    applicant.data_tab.editors["full_name"].setFocus(Qt.FocusReason.MouseFocusReason)
    for number in (2, 3, 1, 4, 1):
        key = getattr(Qt.Key, f"Key_{number}")
        focus = QApplication.focusWidget() or applicant
        qtbot.keyClick(focus, key, Qt.KeyboardModifier.ControlModifier)
        assert applicant.tabs.currentIndex() == number - 1
        assert window.current_key() == "applicant", f"Ctrl+{number} left the CPMI page"

    # The navigation still works from the CPMI page: a click on Pencarian goes there.
    item = window.navigation.item(1)
    qtbot.mouseClick(
        window.navigation.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.navigation.visualItemRect(item).center(),
    )
    assert window.current_key() == "search"


@SQLITE
def test_the_main_window_sets_its_tab_order_without_qt_warnings(
    qtbot: Any, qtlog: Any, window: MainWindow
) -> None:
    window.ctx.runner.wait_idle()
    warnings = [record.message for record in qtlog.records if "setTabOrder" in record.message]
    assert warnings == []


LONG_NAME = "Hj. Baiq Nurul Aini binti Lalu Muhammad Zainuddin Al-Hamidy Wirapraja"
LONG_AGENCY = "PT Bintang Mandiri Sejahtera Abadi Penempatan Pekerja Migran Indonesia Raya"


def _longest_cpmi(workspace: Workspace, actor: Actor) -> str:
    """A CPMI with every header item present and the longest realistic values."""
    import uuid
    from datetime import date

    from ltsa_desk.store.models import Applicant

    data = {
        "nik": "5203015205950002",
        "full_name": LONG_NAME,
        "birth_place": "Kecamatan Sambelia, Kabupaten Lombok Timur",
        "birth_date": "12-05-1995",
        "sex": "P",
        "address": "Dusun Lendang Bilik RT 003 RW 007, Desa Sukamulia Timur, Kecamatan Sukamulia",
        "phone": "081234567890",
        "education": "SMA",
        "marital_status": "Belum Kawin",
        "destination_country": "Malaysia",
        "job_title": "Penata laksana rumah tangga dan pengasuh lanjut usia",
        "sector": "informal",
        "agency": LONG_AGENCY,
        "planned_departure": "05-06-2027",
    }
    with workspace.database.write_session() as session:
        applicant_id = register_applicant(
            session, data, actor, today=date(2026, 12, 1)
        ).applicant.id
    with workspace.database.write_session() as session:
        record = session.get(Applicant, uuid.UUID(str(applicant_id)))
        assert record is not None
        record.registry_id = "REG-5203-2026-000000123456789"
        record.passport_application_no = "PPA-2026-LOTIM-01-0000000000123456"
        session.add(record)
        session.commit()
    return str(applicant_id)


def _fits(window: MainWindow, where: str) -> None:
    QApplication.processEvents()
    if on_real_display():  # offscreen invents a 2 px frame around a window of any size
        frame = window.frameGeometry()
        assert frame.width() <= SCREEN_WIDTH and frame.height() <= SCREEN_HEIGHT, (where, frame)
    size = window.size()
    assert size.width() <= SCREEN_WIDTH and size.height() <= SCREEN_HEIGHT, (where, size)
    hint = window.minimumSizeHint()  # what the window grows to when it gets the chance
    assert hint.width() <= SCREEN_WIDTH and hint.height() <= SCREEN_HEIGHT, (where, hint)


@SQLITE
def test_no_page_grows_past_the_screen_whatever_the_data(
    qtbot: Any, workspace: Workspace, actor: Actor, window: MainWindow
) -> None:
    applicant_id = _longest_cpmi(workspace, actor)
    _fits(window, "start")
    window.open_applicant(applicant_id)
    applicant = window.pages["applicant"]
    assert isinstance(applicant, ApplicantPage)
    qtbot.waitUntil(lambda: applicant.header.name_label.text() == LONG_NAME, timeout=10_000)
    assert "PPA-2026" in applicant.header.ids_label.text()
    window.ctx.runner.wait_idle()
    for index in range(applicant.tabs.count()):
        applicant.show_tab(index)
        window.ctx.runner.wait_idle()
        _fits(window, f"CPMI tab {index}")
    for row in range(window.navigation.count()):
        key = window.navigation.item(row).data(Qt.ItemDataRole.UserRole)
        window.show_page(key)
        window.ctx.runner.wait_idle()
        qtbot.wait(50)
        _fits(window, key)
    window.open_applicant(applicant_id)  # opening it again must not grow the window either
    qtbot.wait(200)
    window.ctx.runner.wait_idle()
    _fits(window, "CPMI again")


@SQLITE
def test_enter_opens_only_what_the_officer_chose(
    qtbot: Any, workspace: Workspace, actor: Actor, window: MainWindow
) -> None:
    _register(workspace, actor, "5203011205900001", "AHMAD FAUZI")
    _register(workspace, actor, "5203011205900002", "AHMAD YANI")
    applicant = window.pages["applicant"]
    assert isinstance(applicant, ApplicantPage)

    # A NIK that is already registered: Enter, Enter - the form stays, the warning is read.
    intake = window.pages["intake"]
    assert isinstance(intake, IntakePage)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_N, ctrl)
    nik = intake.editors["nik"]
    assert nik.hasFocus()
    qtbot.keyClicks(nik, "5203011205900001")
    qtbot.waitUntil(lambda: intake.duplicate is not None, timeout=10_000)
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert window.current_key() == "intake", "Enter opened a record the officer had not read"
    # Chosen: the officer clicks the notice's button; the page opened says why.
    qtbot.mouseClick(intake.notice.button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "applicant"
    qtbot.waitUntil(lambda: applicant.header.name_label.text() == "AHMAD FAUZI", timeout=10_000)
    assert applicant.opened_notice.isVisible()
    assert "5203011205900001 sudah terdaftar" in applicant.opened_notice.text.text()

    # Pencarian: two hits - Enter goes to the table and opens nothing by itself.
    page = _search(qtbot, window, "AHMAD")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _settled(page, "AHMAD", 2), timeout=10_000)
    qtbot.waitUntil(page.table.hasFocus, timeout=5_000)
    assert window.current_key() == "search"
    # One hit: Enter in the box opens it at once, and that page has no "why" notice.
    page = _search(qtbot, window, "YANI")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_key() == "applicant", timeout=10_000)
    qtbot.waitUntil(lambda: applicant.header.name_label.text() == "AHMAD YANI", timeout=10_000)
    assert not applicant.opened_notice.isVisible()


@SQLITE
def test_a_field_is_judged_when_left_not_at_each_key(
    qtbot: Any, workspace: Workspace, window: MainWindow
) -> None:
    intake = window.pages["intake"]
    assert isinstance(intake, IntakePage)
    qtbot.waitUntil(lambda: intake.ready, timeout=10_000)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_N, ctrl)
    country = intake.editors["destination_country"]
    field = intake.fields["destination_country"]
    below = [intake.editors[name] for name in ("job_title", "sector", "agency")]
    country.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(country.hasFocus, timeout=5_000)
    places = [editor.mapTo(window, editor.rect().topLeft()) for editor in below]
    for letter in "Taiw":  # the completion list opens on the way: that is not leaving the field
        qtbot.keyClicks(QApplication.focusWidget(), letter)
        qtbot.wait(50)
        assert field.message_text() == "", f"judged while typing: {field.message_text()!r}"
        assert [e.mapTo(window, e.rect().topLeft()) for e in below] == places
    qtbot.keyClicks(QApplication.focusWidget(), "xx")
    completer = country.completer()
    if completer is not None and completer.popup().isVisible():
        completer.popup().hide()
    qtbot.keyClick(country, Qt.Key.Key_Tab)  # leaving it: now it is judged
    qtbot.waitUntil(lambda: field.message_text() != "", timeout=5_000)
    assert "Negara tujuan" in field.message_text()
    assert [e.mapTo(window, e.rect().topLeft()) for e in below] == places, "the form jumped"


@SQLITE
def test_a_date_typed_as_six_digits_is_that_day(window: MainWindow) -> None:
    intake = window.pages["intake"]
    assert isinstance(intake, IntakePage)
    birth = intake.editors["birth_date"]
    birth.setFocus()
    QTest.keyClicks(birth, "150599")
    QTest.keyClick(birth, Qt.Key.Key_Return)  # leaving it tidies it
    assert birth.text() == "15-05-1999"
    assert intake.value("birth_date") == "15-05-1999"


@pytest.mark.skipif(sys.platform == "win32", reason="Windows' own dialog speaks Windows' language")
def test_the_file_dialog_speaks_the_windows_language(qapp: Any) -> None:
    from PySide6.QtWidgets import QFileDialog, QPushButton

    from ltsa_desk.ui.applicant.documents_dialogs import file_dialog

    dialog = file_dialog(None)
    try:
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        assert dialog.labelText(QFileDialog.DialogLabel.FileName) == "Nama berkas:"
        assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "Buka"
        buttons = {button.text() for button in dialog.findChildren(QPushButton)}
        assert "Batal" in buttons and "Cancel" not in buttons and "&Open" not in buttons
    finally:
        dialog.deleteLater()


@SQLITE
def test_a_field_message_longer_than_its_line_moves_nothing(
    qtbot: Any, workspace: Workspace, window: MainWindow
) -> None:
    """Issue 18: a message that wrapped to two lines pushed every field below it down."""
    intake = window.pages["intake"]
    assert isinstance(intake, IntakePage)
    qtbot.waitUntil(lambda: intake.ready, timeout=10_000)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_N, ctrl)
    nik, field = intake.editors["nik"], intake.fields["nik"]
    assert nik.hasFocus()
    names = [name for name in intake.editors if name != "nik"]
    others = [intake.editors[name] for name in names]
    places = [editor.mapTo(window, editor.rect().topLeft()) for editor in others]
    # An Aceh NIK with a regency the table lacks, at a Lombok Timur counter: the two longest
    # warnings the NIK field says, together.
    qtbot.keyClicks(nik, "1199015205950002")
    qtbot.keyClick(nik, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "Periksa kembali NIK" in field.message_text(), timeout=5_000)
    QApplication.processEvents()
    text = field.message_text()
    width = field.message.width()
    assert field.message.fontMetrics().horizontalAdvance(text) > width, "not longer than a line"
    now = [editor.mapTo(window, editor.rect().topLeft()) for editor in others]
    moved = [name for name, was, is_ in zip(names, places, now, strict=True) if was != is_]
    assert moved == [], f"the long message moved {moved}"
    assert text in field.message.toolTip(), "the whole message is one hover away"
    assert nik.accessibleDescription() == text, "and read whole by a screen reader"
    _fits(window, "long NIK message")
    # Saving asks to confirm the warnings: there, at the foot of the form, they are said whole.
    qtbot.keyClicks(intake.editors["full_name"], "Cut Nyak Dhien")
    intake.save()
    said = intake.form_message.text()
    assert text.removeprefix("\u26a0 ") in said and "centang konfirmasi" in said
    assert [e.mapTo(window, e.rect().topLeft()) for e in others] == places
    QApplication.processEvents()
    if os.environ.get("LTSA_SHOTS"):  # a folder to look at the window in
        window.grab().save(os.path.join(os.environ["LTSA_SHOTS"], "intake-long-message.png"))
