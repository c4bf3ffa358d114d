"""The admin's screens: Pengguna (add, reset a password, disable/enable, never delete) and Log
audit (filters, pages, details), and the USB bundle buttons of the Sync screen. Real SQLite office
databases, a real `ltsa-sim` for the bundle; every query is checked to run off the GUI thread."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget
from sqlmodel import col, select
from uiscreen import activate

from ltsa_desk.counter.workspace import (
    Workspace,
    confirm_recovery_key_shown,
    initialise,
    open_workspace,
)
from ltsa_desk.operations.sign_in import sign_in
from ltsa_desk.services import accounts, audit, bundles, intake
from ltsa_desk.services.context import Actor
from ltsa_desk.services.permissions import NotPermitted
from ltsa_desk.store.models import AuditLog
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.audit_page import AuditPage
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.sync_page import SyncPage
from ltsa_desk.ui.users_page import UsersPage
from ltsa_desk.ui.workers import Runner
from sync.credentials import set_token
from sync.engine import EngineSettings
from sync.sim.process import SimHandle, run_sim_process

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
OFFICE = "52.03"
ADMIN_PASSWORD = "kunci-admin-2026"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(autouse=True)
def _counter_font() -> None:
    make_application()


@pytest.fixture
def runner() -> Iterator[Runner]:
    made = Runner()
    yield made
    made.wait_idle()


@pytest.fixture
def admin(workspace: Workspace) -> Actor:
    with workspace.database.write_session() as session:
        accounts.create_user(
            session,
            "admin1",
            "admin",
            password=ADMIN_PASSWORD,
            full_name="Rina Wati",
            actor="os:teknisi",
        )
        accounts.create_user(
            session,
            "petugas2",
            "officer",
            password="sandi-petugas-2",
            full_name="Siti Rahma",
            actor="admin1",
        )
    return Actor(username="admin1", counter_id="LOTIM-01", office_code=OFFICE, role="admin")


def save(widget: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(SCREENSHOTS / name))


def window_for(qtbot, workspace: Workspace, actor: Actor, runner: Runner) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(UiContext(workspace, actor, runner), start_bridge=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    activate(qtbot, window)  # on a real display keys reach only the active window
    return window


def audit_actions(workspace: Workspace, action: str) -> list[AuditLog]:
    with workspace.database.session() as session:
        return list(
            session.exec(
                select(AuditLog).where(AuditLog.action == action).order_by(col(AuditLog.id))
            ).all()
        )


def can_sign_in(workspace: Workspace, username: str, password: str) -> bool:
    try:
        sign_in(workspace, username, password)
    except accounts.SignInRefused:
        return False
    return True


# --- Pengguna -------------------------------------------------------------------------------------


@SQLITE
def test_admin_adds_an_officer_resets_a_password_and_disables_without_deleting(
    qtbot, workspace: Workspace, admin: Actor, runner: Runner
) -> None:
    window = window_for(qtbot, workspace, admin, runner)
    page = window.show_page("users")
    assert isinstance(page, UsersPage)
    qtbot.waitUntil(lambda: len(page.users) == 2, timeout=5000)
    assert page.last_thread_name not in (None, "MainThread")
    assert page.table.item(0, 0).text() == "admin1"
    assert page.table.item(1, 3).text() == "\u2713 Aktif"

    # A mistake first: the password typed twice differently, then too short.
    page.username.setFocus()
    qtbot.keyClicks(page.username, "Siti.Aminah")
    qtbot.keyClick(page.username, Qt.Key.Key_Return)
    assert page.full_name.hasFocus(), "Enter moves to the next field"
    qtbot.keyClicks(page.full_name, "Siti Aminah")
    page.role.setCurrentIndex(page.role.findData("officer"))
    qtbot.keyClicks(page.password, "sandi-kebun-2026")
    qtbot.keyClicks(page.repeat, "sandi-kebun-2025")
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    assert "tidak sama" in page.fields["repeat"].message_text()
    page.password.clear()
    page.repeat.clear()
    qtbot.keyClicks(page.password, "pendek")
    qtbot.keyClicks(page.repeat, "pendek")
    page.save()
    assert "minimal 8" in page.fields["password"].message_text()
    assert len(page.users) == 2

    page.password.clear()
    page.repeat.clear()
    qtbot.keyClicks(page.password, "sandi-kebun-2026")
    qtbot.keyClicks(page.repeat, "sandi-kebun-2026")
    qtbot.keyClick(page.repeat, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(page.users) == 3, timeout=5000)
    assert "siti.aminah ditambahkan" in page.message.text()
    assert page.selected_user() is not None and page.selected_user()["username"] == "siti.aminah"
    assert page.username.text() == "" and page.password.text() == ""
    assert can_sign_in(workspace, "siti.aminah", "sandi-kebun-2026")
    (added,) = [e for e in audit_actions(workspace, "user.add") if "siti" in (e.after or "")]
    assert added.actor == "admin1"
    assert "sandi" not in (added.after or "")

    # The same name again is refused under the field.
    qtbot.keyClicks(page.username, "siti.aminah")
    qtbot.keyClicks(page.password, "sandi-lain-2026")
    qtbot.keyClicks(page.repeat, "sandi-lain-2026")
    page.save()
    qtbot.waitUntil(lambda: "sudah dipakai" in page.fields["username"].message_text(), timeout=5000)

    # Reset a forgotten password.
    page.select_user("siti.aminah")
    asked: list[str] = []
    page.ask_password = lambda username: asked.append(username) or "sandi-baru-kebun-1"
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "diganti" in page.message.text(), timeout=5000)
    assert asked == ["siti.aminah"]
    assert can_sign_in(workspace, "siti.aminah", "sandi-baru-kebun-1")
    assert not can_sign_in(workspace, "siti.aminah", "sandi-kebun-2026")

    # Disable: confirmed, audited, the row stays, and the account cannot sign in.
    questions: list[str] = []
    page.confirm = lambda _title, question: questions.append(question) or True
    page.select_user("siti.aminah")
    assert page.toggle_button.text() == "Nonaktifkan"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(u["username"] == "siti.aminah" and not u["active"] for u in page.users),
        timeout=5000,
    )
    assert "tidak dihapus" in questions[0]
    assert len(page.users) == 3, "never deleted"
    page.select_user("siti.aminah")
    row = [u["username"] for u in page.users].index("siti.aminah")
    assert page.table.item(row, 3).text() == "\u2715 Nonaktif"
    assert page.toggle_button.text() == "Aktifkan"
    assert not can_sign_in(workspace, "siti.aminah", "sandi-baru-kebun-1")
    (disabled,) = audit_actions(workspace, "user.disable")
    assert disabled.actor == "admin1"
    assert json.loads(disabled.after or "{}") == {"username": "siti.aminah", "active": False}
    qtbot.wait(50)
    save(window, "users_page.png")

    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(u["active"] for u in page.users), timeout=5000)
    assert can_sign_in(workspace, "siti.aminah", "sandi-baru-kebun-1")

    # Nobody disables their own account.
    page.select_user("admin1")
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sedang dipakai" in page.message.text(), timeout=5000)
    assert all(u["active"] for u in page.users)


@SQLITE
def test_an_officer_sees_neither_users_nor_the_audit_log(
    qtbot, workspace: Workspace, admin: Actor, runner: Runner
) -> None:
    officer = Actor(username="petugas2", counter_id="LOTIM-01", office_code=OFFICE)
    window = window_for(qtbot, workspace, officer, runner)
    assert window.show_page("users") is None
    assert window.show_page("audit") is None
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert "Pengguna" not in labels and "Log audit" not in labels


def test_the_last_active_admin_cannot_be_disabled(workspace: Workspace) -> None:
    with workspace.database.write_session() as session:
        accounts.create_user(session, "admin1", "admin", password=None, actor="os:t")
        # Only an active admin disables an account, and never their own: so the last active
        # admin is out of anyone's reach (the set-up's OS account included).
        with pytest.raises(NotPermitted):
            accounts.disable_user(session, "admin1", actor="os:t")
        with pytest.raises(accounts.AccountError, match="sedang dipakai"):
            accounts.disable_user(session, "admin1", actor="admin1")
        accounts.create_user(session, "admin2", "admin", password=None, actor="os:t")
        assert accounts.disable_user(session, "admin1", actor="admin2").active is False


# --- Log audit ------------------------------------------------------------------------------------


def _seed_audit(workspace: Workspace) -> None:
    """250 entries: three actors, two actions, a month apart for the older half."""
    old = datetime.now(UTC) - timedelta(days=40)
    with workspace.database.write_session() as session:
        for n in range(250):
            actor = ("siti.aminah", "budi", "os:teknisi")[n % 3]
            audit.record(
                session,
                actor=actor,
                action="document.verify" if n % 2 else "applicant.update",
                entity="document" if n % 2 else "applicant",
                entity_id=f"ID-{n:04d}",
                before={"status": "received"} if n % 2 else {"full_name": "Budi Santosa"},
                after={"status": "verified"} if n % 2 else {"full_name": "Budi Santoso"},
                counter_id="LOTIM-01",
                at=old + timedelta(minutes=n) if n < 125 else None,
            )
        session.commit()


@SQLITE
def test_audit_log_filters_pages_newest_first_off_the_gui_thread(
    qtbot, workspace: Workspace, admin: Actor, runner: Runner
) -> None:
    _seed_audit(workspace)
    window = window_for(qtbot, workspace, admin, runner)
    page = window.show_page("audit")
    assert isinstance(page, AuditPage)
    qtbot.waitUntil(lambda: page.total > 0 and not page._loading, timeout=5000)
    assert page.last_thread_name not in (None, "MainThread")
    total = page.total

    def shows(position: str) -> bool:
        return not page._loading and page.position.text() == position

    assert total == 252  # the two accounts made by the fixture, and the 250
    assert page.position.text() == f"1-100 dari {total}"
    first = page.entries[0]
    assert first.at >= page.entries[-1].at, "newest first"
    assert page.table.item(0, 2).text() in ("Data CPMI diperbaiki", "Dokumen diperiksa")

    qtbot.keyClick(page.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shows(f"101-200 dari {total}"), timeout=5000)
    page.next_page()
    qtbot.waitUntil(lambda: shows(f"201-{total} dari {total}"), timeout=5000)
    assert not page.next_button.isEnabled()
    page.previous_page()
    qtbot.waitUntil(lambda: shows(f"101-200 dari {total}"), timeout=5000)

    qtbot.keyClicks(page.actor, "SITI")
    qtbot.waitUntil(lambda: page.total == 84 and page.offset == 0, timeout=5000)
    assert {e.actor for e in page.entries} == {"siti.aminah"}
    page.action.setCurrentIndex(page.action.findData("document.verify"))
    qtbot.waitUntil(lambda: page.total == 42, timeout=5000)
    assert page.action.currentText() == "Dokumen diperiksa"

    page.use_since.setChecked(True)
    page.since.setDate(QDate.currentDate().addDays(-7))
    qtbot.waitUntil(lambda: page.total == 21, timeout=5000)  # the older half is 40 days old
    page.use_until.setChecked(True)
    page.until.setDate(QDate.currentDate().addDays(-30))
    qtbot.waitUntil(lambda: page.total == 0, timeout=5000)
    assert "Tidak ada catatan" in page.message.text()

    page.clear_filters()
    qtbot.waitUntil(lambda: page.total == total, timeout=5000)
    page.entity.setCurrentIndex(page.entity.findData("applicant"))
    qtbot.waitUntil(lambda: page.total == 125, timeout=5000)
    page.table.selectRow(0)
    assert "Nama lengkap: Budi Santosa \u2192 Budi Santoso" in page.detail.toPlainText()
    assert "Data CPMI diperbaiki oleh" in page.detail.toPlainText()
    page.clear_filters()
    qtbot.waitUntil(lambda: page.total == total and not page._loading, timeout=5000)
    page.table.selectRow(1)
    qtbot.wait(50)
    save(window, "audit_page.png")


@SQLITE
def test_audit_log_speaks_the_windows_words_not_codes(
    qtbot, workspace: Workspace, admin: Actor, runner: Runner
) -> None:
    """Issue 18, finding 9: a report export showed `report.export` and `counters: []`."""
    with workspace.database.write_session() as session:
        audit.record(  # the entry reports.export writes, field for field
            session,
            actor="admin",
            action="report.export",
            entity="report",
            entity_id="monthly",
            after={
                "kind": "monthly",
                "from": "2026-11-01",
                "to": "2026-11-30",
                "format": "xlsx",
                "rows": 3,
                "sections": {"detail": 3},
                "file": "laporan.xlsx",
                "counters": [],
            },
            counter_id="LOTIM-01",
        )
        session.commit()
    window = window_for(qtbot, workspace, admin, runner)
    page = window.show_page("audit")
    assert isinstance(page, AuditPage)
    qtbot.waitUntil(lambda: page.total > 0 and not page._loading, timeout=5000)
    row = next(n for n, e in enumerate(page.entries) if e.action == "report.export")
    assert page.table.item(row, 2).text() == "Laporan diekspor"
    page.table.selectRow(row)
    detail = page.detail.toPlainText()
    assert detail.startswith("Laporan diekspor oleh admin")
    for code in ("report.export", "counters", "rows", "file", "[]", "{"):
        assert code not in detail, (code, detail)
    assert "Loket: -" in detail and "Jumlah baris: 3" in detail
    assert "Berkas: laporan.xlsx" in detail
    assert "report.export" in page.detail.toolTip()  # the raw entry, for a technician


# --- the USB bundle on the Sync screen ------------------------------------------------------------


@pytest.fixture(scope="module")
def _bundle_sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(
        tmp_path_factory.mktemp("sim-ui-bundle"), seed=63, no_idempotency=True
    ) as handle:
        yield handle


@SQLITE
def test_sync_screen_exports_a_bundle_and_imports_its_receipts(
    qtbot,
    workspace: Workspace,
    admin: Actor,
    runner: Runner,
    tmp_path: Path,
    _bundle_sim: SimHandle,
) -> None:
    sim = _bundle_sim
    sim.reset()
    set_token("bundle", OFFICE, "rahasia-bundel-lotim-2026")
    officer = Actor(username="petugas2", counter_id="LOTIM-01", office_code=OFFICE)
    for serial, name in ((1, "Budi Santoso"), (2, "Ahmad Fauzi")):
        with workspace.database.write_session() as session:
            intake.register_applicant(
                session,
                {
                    "nik": f"520301120590{serial:04d}",
                    "full_name": name,
                    "birth_date": "12-05-1990",
                    "sex": "L",
                    "birth_place": "Selong",
                },
                officer,
            )
    page = SyncPage(UiContext(workspace, officer, runner))
    qtbot.addWidget(page)
    page.resize(1176, 700)
    page.show()
    qtbot.waitUntil(lambda: page.overview is not None, timeout=5000)

    usb = tmp_path / "usb"
    usb.mkdir()
    page.ask_export_path = lambda: str(usb / "lotim.ltsab")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2 kiriman ditulis" in page.message.text(), timeout=10_000)
    assert runner.last_thread_name not in (None, "MainThread")
    assert (usb / "lotim.ltsab").is_file()

    # The district office uploads it (its own data folder).
    folder = tmp_path / "district"
    folder.mkdir()
    initialise(folder, office_code=OFFICE, counter_id="DISTRIK-01")
    confirm_recovery_key_shown(folder)
    district = open_workspace(folder)
    try:
        district.config.set("registry.url", sim.registry_url)
        district.config.set("immigration.url", sim.immigration_url)
        district.config.save()
        set_token("registry", OFFICE, sim.token)
        set_token("immigration", OFFICE, sim.token)
        uploaded = bundles.upload_bundle(
            district,
            usb / "lotim.ltsab",
            usb / "lotim.ltsar",
            Actor("teknisi1", "DISTRIK-01", OFFICE, "admin"),
            timeout_s=30,
            settings=EngineSettings(retry_initial_s=0.05, probe_initial_s=0.05, idle_poll_s=0.05),
        )
    finally:
        district.close()
    assert uploaded.delivered == 2

    # A damaged copy first: refused in words, in red, nothing changed.
    damaged = usb / "rusak.ltsar"
    data = bytearray((usb / "lotim.ltsar").read_bytes())
    data[-5] ^= 1
    damaged.write_bytes(bytes(data))
    page.ask_receipts_path = lambda: str(damaged)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "keasliannya tidak bisa dibuktikan" in page.message.text(), timeout=10_000
    )
    assert "Tidak ada yang diubah" in page.message.text()
    assert "b00020" in page.message.styleSheet()
    assert page.cards["registry"].waiting.text() == "2"
    save(page, "sync_page_bundle_refused.png")

    page.ask_receipts_path = lambda: str(usb / "lotim.ltsar")
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2 kiriman kini terkirim" in page.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: page.cards["registry"].delivered.text() == "2", timeout=10_000)
    assert page.cards["registry"].waiting.text() == "0"
    assert sim.stats()["registry"]["duplicate_effects"] == 0
    qtbot.wait(50)
    save(page, "sync_page_bundle.png")

    page.ask_export_path = lambda: None  # the officer pressed Esc in the file dialog
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.export_button.isEnabled()
