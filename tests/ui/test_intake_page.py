"""Pendaftaran driven as an officer drives it: keyboard only, on a real SQLite database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget
from sqlmodel import col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.values import (
    FIELD_LABELS_ID,
    MARITAL_STATUS_LABELS_ID,
    SECTOR_LABELS_ID,
    SEX_LABELS_ID,
)
from ltsa_desk.operations import intake as intake_desk
from ltsa_desk.services import intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.validation import FIELDS
from ltsa_desk.store.models import Agency, Applicant, AuditLog
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import MessageKind
from ltsa_desk.ui.intake_fields import CHOICES, FIELD_LABELS
from ltsa_desk.ui.intake_page import IntakePage
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.workers import Runner
from sync.models import OutboxItem

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
NIK_FEMALE = "5203015205950002"  # 12-05-1995, P, Lombok Timur (this office)
NIK_MALE = "5203011205900001"  # 12-05-1990, L
NIK_OTHER_REGENCY = "5201011205900004"  # Lombok Barat: needs the officer's confirmation


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = UiContext(workspace=workspace, actor=actor, runner=Runner())
    yield made
    made.runner.wait_idle()


@pytest.fixture
def counter_font() -> Iterator[None]:
    """The window's font (app.make_application): at least 10 pt, as on the counter."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSizeF(max(10.0, font.pointSizeF()))
    app.setFont(font)
    yield
    app.setFont(before)


class Host(QWidget):
    """Stands in for the main window: holds the page and owns Ctrl+S / Ctrl+N as it will."""

    def __init__(self, page: IntakePage) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(page)
        QShortcut(QKeySequence("Ctrl+S"), self, page.save)
        QShortcut(QKeySequence("Ctrl+N"), self, page.start_new)
        self.resize(1180, 720)


@pytest.fixture
def page(qtbot: Any, ctx: UiContext, counter_font: None) -> IntakePage:
    made = IntakePage(ctx)
    host = Host(made)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(lambda: made.ready)
    made.focus_first()
    made.test_host = host  # type: ignore[attr-defined]  # qtbot holds widgets only weakly
    return made


@pytest.fixture
def save_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = intake_desk.register_applicant

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(intake_desk, "register_applicant", recording)
    return seen


@pytest.fixture
def lookup_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = intake_desk.find_by_key

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(intake_desk, "find_by_key", recording)
    return seen


def focused(page: IntakePage) -> QWidget:
    # The window's own focus child: offscreen, a completer popup that closed stays the "active
    # window", where a real desktop gives activation back to the form.
    widget = page.window().focusWidget()
    assert widget is not None
    return widget


def type_and_enter(qtbot: Any, page: IntakePage, text: str) -> QWidget:
    """Type into whatever has the focus, then Enter: the officer never aims at a field."""
    widget = focused(page)
    if text:
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    return widget


def registered(workspace: Workspace) -> list[Applicant]:
    with workspace.database.session() as session:
        return list(session.exec(select(Applicant)).all())


def register_directly(workspace: Workspace, actor: Actor, nik: str, name: str) -> Applicant:
    with workspace.database.write_session() as session:
        data = {"nik": nik, "full_name": name, "birth_date": "12-05-1990", "sex": "L"}
        return intake.register_applicant(session, data, actor).applicant


def test_full_intake_with_the_keyboard_only(
    qtbot: Any, page: IntakePage, ctx: UiContext, save_threads: list[str]
) -> None:
    departure = date.today() + timedelta(days=60)
    assert focused(page) is page.editors["nik"]

    # NIK first: Enter moves on, and the NIK has already filled birth date and sex.
    assert type_and_enter(qtbot, page, NIK_FEMALE) is page.editors["nik"]
    assert page.value("birth_date") == "12-05-1995"
    assert page.value("sex") == "P"
    assert "Lombok Timur" in page.fields["nik"].message_text()
    assert page.fields["nik"].kind == MessageKind.INFO
    steps: list[tuple[str, str]] = [
        ("full_name", "SITI AMINAH"),
        ("birth_place", "Selong"),
        ("birth_date", ""),  # filled from the NIK: Enter just passes it
        ("sex", ""),
        ("kk", "5203010101200001"),
        ("address", "Jl. Pejanggik No. 12, Selong"),
        ("phone", "0812 3456 7890"),
        ("education", "SMA"),  # a closed list: typing picks "SMA/SMK"
        ("marital_status", "Belum"),
        ("destination_country", "Malaysia"),
        ("job_title", "Operator produksi"),
        ("sector", "F"),
        ("agency", "PT Maju Jaya Abadi"),
        ("planned_departure", departure.strftime("%d-%m-%Y")),
    ]
    for name, text in steps:
        assert focused(page) is page.editors[name], name
        type_and_enter(qtbot, page, text)
    assert focused(page) is page.save_button  # after the last field, Simpan
    assert all(field.kind != MessageKind.ERROR for field in page.fields.values())
    SCREENSHOTS.mkdir(exist_ok=True)
    qtbot.wait(100)  # let the layout settle, as the event loop does between key presses
    page.window().grab().save(str(SCREENSHOTS / "intake_filled.png"))

    with qtbot.waitSignal(page.registered, timeout=5000) as saved:
        qtbot.keyClick(focused(page), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    applicant_id = saved.args[0]

    assert save_threads and "MainThread" not in save_threads  # the write left the GUI thread
    [applicant] = registered(ctx.workspace)
    assert str(applicant.id) == applicant_id
    assert applicant.nik == NIK_FEMALE
    assert applicant.full_name == "SITI AMINAH"
    assert applicant.birth_date == date(1995, 5, 12)
    assert applicant.sex == "P"
    assert applicant.kk == "5203010101200001"
    assert applicant.phone == "+6281234567890"
    assert applicant.education == "SMA/SMK"
    assert applicant.marital_status == "single"
    assert applicant.destination_country == "MY"
    assert applicant.sector == "formal"
    assert applicant.planned_departure == departure
    assert applicant.registered_by == "petugas1"
    with ctx.workspace.database.session() as session:
        agency = session.exec(select(Agency)).one()
        assert agency.name == "PT Maju Jaya Abadi" and applicant.agency_id == agency.id
        items = session.exec(select(OutboxItem)).all()
        assert [item.chain for item in items] == [applicant_id]  # the registry submission

    # Saved: the tracking code is shown, the form is empty for the next CPMI, and Enter opens
    # the one just registered.
    assert applicant.tracking_code in page.notice.text.text()
    assert page.notice.kind == MessageKind.SUCCESS
    assert not page.has_unsaved_input()
    qtbot.wait(100)
    page.window().grab().save(str(SCREENSHOTS / "intake_saved.png"))
    assert focused(page) is page.notice.button, focused(page).text()
    with qtbot.waitSignal(page.open_applicant, timeout=1000) as opened:
        qtbot.keyClick(page.notice.button, Qt.Key.Key_Return)
    assert opened.args == [applicant_id]


def test_validation_messages_appear_under_their_fields(
    qtbot: Any, page: IntakePage, ctx: UiContext, save_threads: list[str]
) -> None:
    type_and_enter(qtbot, page, NIK_FEMALE[:15])  # one digit short, then Enter
    assert page.fields["nik"].message_text() == "NIK harus 16 angka (sekarang 15)."
    assert page.fields["nik"].kind == MessageKind.ERROR
    assert page.fields["nik"].message.isVisible()

    # Completing the NIK clears its message at once and fills the birth date and sex.
    qtbot.keyClicks(page.editors["nik"], NIK_FEMALE[15:])
    assert page.fields["nik"].kind == MessageKind.INFO
    birth = page.editors["birth_date"]
    assert isinstance(birth, QLineEdit)
    birth.setFocus()
    birth.selectAll()
    type_and_enter(qtbot, page, "13-05-1995")
    assert page.fields["birth_date"].message_text() == (
        "Tanggal lahir tidak sesuai dengan NIK (NIK: 12-05-1995)"
    )
    sex = page.editors["sex"]
    assert isinstance(sex, QComboBox)
    sex.setFocus()
    type_and_enter(qtbot, page, "L")
    assert page.fields["sex"].message_text() == (
        "Jenis kelamin tidak sesuai dengan NIK (NIK: Perempuan)"
    )
    page.editors["phone"].setFocus()
    type_and_enter(qtbot, page, "12345")
    assert page.fields["phone"].kind == MessageKind.ERROR
    assert "Nomor HP" in page.fields["phone"].message_text()
    # Untouched fields stay quiet until a save is tried.
    assert page.fields["full_name"].message_text() == ""

    page.save()
    assert page.fields["full_name"].message_text() == "Nama lengkap wajib diisi"
    assert "perbaiki 4 kolom" in page.form_message.text()
    assert focused(page) is page.editors["full_name"]  # the first field to fix, in form order
    type_and_enter(qtbot, page, "Siti Aminah")
    assert "perbaiki 3 kolom" in page.form_message.text()  # the summary follows the fixes
    assert save_threads == [] and registered(ctx.workspace) == []


def test_an_under_age_nik_is_named_at_once(qtbot: Any, page: IntakePage) -> None:
    young = date.today().replace(year=date.today().year - 17)
    nik = f"520301{young:%d%m%y}0003"
    qtbot.keyClicks(page.editors["nik"], nik)
    message = page.fields["birth_date"].message_text()
    assert message.startswith("Umur CPMI harus minimal 18 tahun pada tanggal pendaftaran")


def test_a_registered_nik_opens_that_cpmi_instead_of_a_twin(
    qtbot: Any, page: IntakePage, ctx: UiContext, actor: Actor, lookup_threads: list[str]
) -> None:
    existing = register_directly(ctx.workspace, actor, NIK_MALE, "Budi Santoso")
    qtbot.keyClicks(page.editors["nik"], NIK_MALE)
    qtbot.waitUntil(lambda: page.duplicate is not None)

    assert lookup_threads and "MainThread" not in lookup_threads
    assert page.notice.isVisible()
    assert existing.tracking_code in page.notice.text.text()
    assert "Budi Santoso" in page.notice.text.text()
    assert page.fields["nik"].message_text() == (
        f"NIK sudah terdaftar dengan kode {existing.tracking_code}"
    )
    # The officer's habitual Enter neither opens the old record unread nor moves on (issue 18).
    assert focused(page) is page.editors["nik"]
    opened_early: list[str] = []
    page.open_applicant.connect(opened_early.append)
    page.open_duplicate.connect(lambda applicant_id, _why: opened_early.append(applicant_id))
    qtbot.keyClick(page.editors["nik"], Qt.Key.Key_Return)
    assert focused(page) is page.editors["nik"] and opened_early == []
    page.save()  # and saving a twin is not even tried
    assert len(registered(ctx.workspace)) == 1
    assert focused(page) is page.editors["nik"] and opened_early == []

    with qtbot.waitSignal(page.open_duplicate, timeout=1000) as opened:
        qtbot.keyClick(page.notice.button, Qt.Key.Key_Return)  # chosen: Tab to it, then Enter
    assert opened.args[0] == str(existing.id)
    assert NIK_MALE in opened.args[1] and "sudah terdaftar" in opened.args[1]  # the page says why
    assert not page.has_unsaved_input()  # the half-typed twin is gone


def test_a_nik_registered_at_another_desk_meanwhile_is_caught_on_save(
    qtbot: Any, page: IntakePage, ctx: UiContext, actor: Actor
) -> None:
    qtbot.keyClicks(page.editors["nik"], NIK_MALE)
    qtbot.keyClicks(page.editors["full_name"], "Budi Santoso")
    ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: page.editors["birth_date"].text() == "12-05-1990")
    other_desk = register_directly(ctx.workspace, actor, NIK_MALE, "Budi Santoso")

    page.save()
    qtbot.waitUntil(lambda: page.duplicate is not None)
    assert page.duplicate.id == str(other_desk.id)
    assert other_desk.tracking_code in page.notice.text.text()
    assert len(registered(ctx.workspace)) == 1


def test_a_ktp_from_another_region_needs_confirmation_before_saving(
    qtbot: Any, page: IntakePage, ctx: UiContext
) -> None:
    qtbot.keyClicks(page.editors["nik"], NIK_OTHER_REGENCY)
    assert page.fields["nik"].kind == MessageKind.WARNING
    assert "Kabupaten Lombok Barat (52.01)" in page.fields["nik"].message_text()
    assert page.confirm_warnings.isVisible() and not page.confirm_warnings.isChecked()
    qtbot.keyClicks(page.editors["full_name"], "Budi Santoso")

    page.save()
    assert "centang konfirmasi" in page.form_message.text()
    assert focused(page) is page.confirm_warnings
    ctx.runner.wait_idle()
    assert registered(ctx.workspace) == []

    qtbot.keyClick(page.confirm_warnings, Qt.Key.Key_Space)
    assert page.confirm_warnings.isChecked()
    qtbot.keyClick(page.confirm_warnings, Qt.Key.Key_Return)
    assert focused(page) is page.save_button
    with qtbot.waitSignal(page.registered, timeout=5000):
        qtbot.keyClick(page.save_button, Qt.Key.Key_Return)
    [applicant] = registered(ctx.workspace)
    assert applicant.regency_code == "52.01"
    with ctx.workspace.database.session() as session:
        entry = session.exec(
            select(AuditLog)
            .where(AuditLog.action == "applicant.register")
            .order_by(col(AuditLog.id).desc())
        ).first()
    assert entry is not None and "warnings_confirmed" in (entry.after or "")


def test_changing_the_nik_takes_back_a_confirmation(qtbot: Any, page: IntakePage) -> None:
    qtbot.keyClicks(page.editors["nik"], NIK_OTHER_REGENCY)
    page.confirm_warnings.setChecked(True)
    page.editors["nik"].setFocus()
    qtbot.keyClick(page.editors["nik"], Qt.Key.Key_Backspace)
    qtbot.keyClicks(page.editors["nik"], "5")  # another serial of the same region
    assert page.confirm_warnings.isVisible() and not page.confirm_warnings.isChecked()
    page.editors["nik"].clear()
    qtbot.keyClicks(page.editors["nik"], NIK_MALE)
    assert not page.confirm_warnings.isVisible()


def test_start_new_empties_the_form_and_returns_to_the_nik(qtbot: Any, page: IntakePage) -> None:
    qtbot.keyClicks(page.editors["nik"], NIK_FEMALE)
    qtbot.keyClicks(page.editors["full_name"], "Siti")
    assert page.has_unsaved_input()
    qtbot.keyClick(page.editors["full_name"], Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not page.has_unsaved_input()
    assert all(field.message_text() == "" for field in page.fields.values())
    assert focused(page) is page.editors["nik"]


def test_the_form_fits_a_1366x768_window_without_scrolling(
    qtbot: Any, ctx: UiContext, counter_font: None
) -> None:
    window = MainWindow(ctx, start_bridge=False)
    qtbot.addWidget(window)
    page = window.show_page("intake")
    assert isinstance(page, IntakePage)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: page.ready)
    # The worst case: a message under every field at once.
    page.save()
    qtbot.keyClicks(page.editors["nik"], NIK_OTHER_REGENCY)
    qtbot.wait(100)
    assert page.minimumSizeHint().height() <= page.height()
    assert page.minimumSizeHint().width() <= page.width()
    for name, field in page.fields.items():
        bottom = field.mapTo(page, field.rect().bottomRight())
        assert bottom.y() <= page.height() and bottom.x() <= page.width(), name
    assert page.save_button.mapTo(page, page.save_button.rect().bottomRight()).y() <= page.height()
    SCREENSHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "intake_messages.png"))
    page.start_new()
    qtbot.wait(100)
    window.grab().save(str(SCREENSHOTS / "intake_empty.png"))


def test_the_form_speaks_the_domains_words(database_url: str) -> None:
    """The labels are repeated in the UI only so the translation tools can see them.

    (`database_url` only because the whole module is parametrised on SQLite.)
    """
    assert {name: FIELD_LABELS_ID[name] for name in FIELDS} == FIELD_LABELS
    assert [label for _, label in CHOICES["sex"]] == list(SEX_LABELS_ID.values())
    assert [label for _, label in CHOICES["sector"]] == list(SECTOR_LABELS_ID.values())
    assert [label for _, label in CHOICES["marital_status"]] == list(
        MARITAL_STATUS_LABELS_ID.values()
    )
