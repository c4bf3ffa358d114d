"""The applicant page driven as an officer drives it, on a real SQLite database, offscreen.

Covers the header (status along the path, submissions, departure warning), the Data tab (save
with messages under the fields, passport request, cancellation), the documents panel (attach a
real PDF and PNG, refuse a fake and an oversized file with the store's words, preview, verify,
reject with a reason, "Dokumen lengkap"), the scan inbox (a file dropped into the folder shows up
and attaches) and the history. Every test also checks that the work ran off the GUI thread.
Screenshots of each tab at 1366x768 go to screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QWidget

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import documents as docs
from ltsa_desk.services import letters
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.applicant.page import ApplicantPage
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import MessageKind
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TODAY = date(2026, 6, 1)
GUI_THREAD = "MainThread"


# ------------------------------------------------------------------------------------------------
# files an officer would attach


def pdf_bytes(text: str = "KTP SITI AMINAH") -> bytes:
    """A real one-page PDF written by Qt (what a scanner's PDF looks like to the store)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10))
    painter = QPainter(writer)
    font = painter.font()
    font.setPointSize(18)
    painter.setFont(font)
    painter.drawText(200, 400, text)
    painter.end()
    del writer
    return bytes(buffer.data())


def pdf_file(path: Path, text: str = "KTP SITI AMINAH") -> Path:
    path.write_bytes(pdf_bytes(text))
    return path


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#88aacc"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def png_file(path: Path) -> Path:
    path.write_bytes(png_bytes())
    return path


# ------------------------------------------------------------------------------------------------
# fixtures


@pytest.fixture(autouse=True)
def _counter_application() -> None:
    """The window's own set-up (10 pt font, Indonesian locale), so screenshots are true."""
    make_application()


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = UiContext(workspace=workspace, actor=actor, runner=Runner())
    yield made
    made.runner.wait_idle()


def register(workspace: Workspace, actor: Actor, **overrides: Any) -> str:
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
        "planned_departure": "05-06-2026",
    }
    data.update(overrides)
    with workspace.database.write_session() as session:
        return str(register_applicant(session, data, actor, today=TODAY).applicant.id)


def bring(
    workspace: Workspace, actor: Actor, applicant_id: str, *kinds: str, verify: bool = True
) -> None:
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        for kind in kinds:
            data = pdf_bytes(f"{kind.upper()} - SITI AMINAH")
            docs.attach(session, store, applicant_id, kind, data, actor, today=TODAY)
            if verify:
                docs.verify(session, applicant_id, kind, actor, today=TODAY)


def recommended(workspace: Workspace, actor: Actor, applicant_id: str) -> None:
    """The order up to the passport request: documents verified, then the recommendation."""
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah", "family_permission")
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    bring(workspace, actor, applicant_id, "ak1_card", "placement_agreement")
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        medical = pdf_bytes("SURAT KETERANGAN SEHAT")
        docs.attach(
            session, store, applicant_id, "medical_certificate", medical, actor, today=TODAY
        )
        docs.verify(
            session, applicant_id, "medical_certificate", actor, today=TODAY,
            issued_on=date(2026, 5, 20),
        )  # fmt: skip
    office = letters.OfficeSettings.from_config(workspace.config)
    with workspace.database.write_session() as session:
        letters.issue_passport_recommendation(session, applicant_id, actor, office, today=TODAY)


def state_of(workspace: Workspace, applicant_id: str) -> str:
    with workspace.database.session() as session:
        return docs.get_applicant(session, applicant_id).state


class Host(QWidget):
    """Stands in for the main window at the counter's 1366x768: navigation column and page."""

    def __init__(self, page: ApplicantPage) -> None:
        super().__init__()
        navigation = QListWidget()
        navigation.addItems(["Pendaftaran", "Pencarian", "Sinkronisasi"])
        navigation.setFixedWidth(180)
        layout = QHBoxLayout(self)
        layout.addWidget(navigation)
        layout.addWidget(page, 1)
        self.resize(1366, 768)


def open_page(qtbot: Any, ctx: UiContext, applicant_id: str, tmp_path: Path) -> ApplicantPage:
    inbox = tmp_path / "scan-inbox"
    inbox.mkdir(exist_ok=True)
    page = ApplicantPage(ctx, today=lambda: TODAY, scan_folder=inbox, output_dir=tmp_path / "cetak")
    page.letters.open_file = lambda _path: True  # no desktop viewer offscreen
    host = Host(page)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    page.test_host = host  # type: ignore[attr-defined]  # qtbot holds widgets only weakly
    page.load(applicant_id)
    settle(qtbot, page)
    return page


def settle(qtbot: Any, page: ApplicantPage) -> None:
    """Wait until the page, both panels and every job they started are done."""

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
    qtbot.wait(30)  # queued callbacks of the last jobs
    page.ctx.runner.wait_idle(2000)
    qtbot.wait(30)


def row_of(page: ApplicantPage, kind: str) -> int:
    for index, (_row, entry) in enumerate(page.documents._entries):
        if entry.kind == kind:
            return index
    raise AssertionError(f"{kind} not on the checklist")


def status_text(page: ApplicantPage, kind: str) -> str:
    return page.documents.table.item(row_of(page, kind), 1).text()


def remark_text(page: ApplicantPage, kind: str) -> str:
    return page.documents.table.item(row_of(page, kind), 3).text()


def preview(qtbot: Any, page: ApplicantPage, kind: str) -> Any:
    """Select a document's line and wait for its preview (rendered on the runner)."""
    panel = page.documents
    other = next(e.kind for _r, e in panel._entries if e.kind != kind)
    with qtbot.waitSignal(panel.preview.shown, timeout=10_000) as shown:
        panel.select_kind(other)
        panel.select_kind(kind)
    return shown.args[0]


def history_texts(page: ApplicantPage) -> list[str]:
    table = page.history_table
    return [table.item(row, 2).text() for row in range(table.rowCount())]


def assert_off_gui_thread(page: ApplicantPage) -> None:
    threads = page.all_job_threads()
    assert threads, "no background job ran"
    assert GUI_THREAD not in threads
    assert threading.main_thread().name == GUI_THREAD


def shot(page: ApplicantPage, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.window().grab().save(str(SCREENSHOTS / f"{name}.png"))


# ------------------------------------------------------------------------------------------------
# loading and the header


def test_load_shows_who_where_and_what_is_still_waiting(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)

    assert page.header.name_label.text() == "Siti Aminah"
    ids = page.header.ids_label.text()
    assert "5203015205950002" in ids
    assert "LOTIM-01-2026-000001" in ids
    assert page.header.steps.state == CaseState.REGISTERED.value
    assert "Terdaftar" in page.header.steps.text() and "Dokumen lengkap" in page.header.steps.text()
    words = page.header.submissions_label.text()
    assert "Registri pusat" in words and "Menunggu" in words
    # Leaving in 4 days with the registration still unsent: the page says so.
    warning = page.departure_warning()
    assert warning is not None and "Berangkat 4 hari lagi" in warning
    assert history_texts(page) == ["Didaftarkan dengan kode LOTIM-01-2026-000001"]
    assert page.data_tab.editors["full_name"].text() == "Siti Aminah"
    assert page.data_tab.editors["destination_country"].text() == "Malaysia"
    assert page.data_tab.editors["birth_date"].text() == "12-05-1995"
    assert not page.has_unsaved_changes()
    assert_off_gui_thread(page)


def test_no_departure_warning_when_departure_is_far(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor, planned_departure="01-09-2026")
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    assert page.departure_warning() is None
    assert page.departure_banner.isHidden()


# ------------------------------------------------------------------------------------------------
# the Data tab


def test_save_shows_errors_under_fields_then_saves_and_audits(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    phone = page.data_tab.editors["phone"]

    phone.selectAll()
    qtbot.keyClicks(phone, "12")  # the officer types over it
    assert page.has_unsaved_changes()
    page.save()
    assert page.data_tab.fields["phone"].kind == MessageKind.ERROR
    assert "Nomor HP" in page.data_tab.fields["phone"].message_text()
    assert page.data_tab.message_kind == MessageKind.ERROR
    assert page.view is not None and page.view.form["phone"] == "+6281234567890"
    shot(page, "applicant-data-error")

    phone.selectAll()
    qtbot.keyClicks(phone, "081299998888")
    assert page.data_tab.fields["phone"].kind == MessageKind.NONE
    page.save()
    settle(qtbot, page)

    assert page.data_tab.message_kind == MessageKind.SUCCESS
    assert page.view.form["phone"] == "+6281299998888"
    assert not page.has_unsaved_changes()
    assert any(text.startswith("Data diubah: Nomor HP") for text in history_texts(page))
    assert_off_gui_thread(page)


def test_request_passport_queues_immigration_and_offers_hand_carry(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    recommended(workspace, actor, applicant_id)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    asked: list[str] = []

    def yes(_parent: Any, _title: str, text: str, _ok: str) -> bool:
        asked.append(text)
        return True

    page.actions.confirm = yes
    assert page.actions.passport_button.isEnabled()
    page.actions.passport_button.click()
    settle(qtbot, page)

    assert asked and "Siti Aminah" in asked[0]
    assert state_of(workspace, applicant_id) == CaseState.PASSPORT_REQUESTED.value
    assert page.header.steps.state == CaseState.PASSPORT_REQUESTED.value
    # The whole order went by: every step before is ticked (a skip shows "dilewati":
    # tests/ui/test_case_order_page.py).
    assert "\u2714 Direkomendasikan" in page.header.steps.text()
    assert "\u2714 Terdaftar" in page.header.steps.text()
    assert "dilewati" not in page.header.steps.text()
    words = page.header.submissions_label.text()
    assert "Imigrasi - Permohonan paspor: Menunggu" in words
    # Departure in 4 days and the application is queued: the hand-carry is offered twice.
    assert page.letters.hand_carry_button.isEnabled()
    assert page.departure_banner.button.isVisible()
    assert not page.actions.passport_button.isEnabled()
    shot(page, "applicant-departure-warning")
    assert_off_gui_thread(page)


def test_cancel_asks_a_reason_and_closes_the_case(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    page.actions.ask_reason = lambda *_args: None  # Esc: nothing happens
    page.actions.cancel_button.click()
    settle(qtbot, page)
    assert state_of(workspace, applicant_id) == CaseState.REGISTERED.value

    page.actions.ask_reason = lambda *_args: "CPMI mengundurkan diri"
    page.actions.cancel_button.click()
    settle(qtbot, page)

    assert state_of(workspace, applicant_id) == CaseState.CANCELLED.value
    assert "Dibatalkan: CPMI mengundurkan diri" in page.header.steps.text()
    assert "\u2714 Terdaftar" in page.header.steps.text()
    assert not page.data_tab.save_button.isEnabled()
    assert not page.actions.cancel_button.isEnabled()
    assert page.data_tab.editors["full_name"].isReadOnly()
    assert not page.documents.attach_file_button.isEnabled()
    assert_off_gui_thread(page)


# ------------------------------------------------------------------------------------------------
# documents


def test_attach_real_pdf_and_png_with_preview(
    qtbot: Any,
    ctx: UiContext,
    workspace: Workspace,
    actor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attach_threads: list[str] = []
    real_attach = docs.attach

    def recording(*args: Any, **kwargs: Any) -> Any:
        attach_threads.append(threading.current_thread().name)
        return real_attach(*args, **kwargs)

    monkeypatch.setattr(docs, "attach", recording)
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    panel = page.documents
    page.tabs.setCurrentWidget(panel)
    chosen = [pdf_file(tmp_path / "ktp.pdf"), png_file(tmp_path / "kk.png")]
    panel.choose_file = lambda _parent: chosen.pop(0)

    assert panel.select_kind("ktp")
    panel.attach_file_button.click()
    settle(qtbot, page)
    assert status_text(page, "ktp").endswith("Diterima")
    assert panel.message_kind == MessageKind.SUCCESS
    assert "KTP dilampirkan" in panel.message.text()

    # The attached PDF is rendered (pypdfium2) on a worker thread and shown.
    shown = preview(qtbot, page, "ktp")
    assert shown.image is not None and shown.pages == 1
    assert "PDF" in panel.preview.caption.text()
    assert panel.preview.last_thread not in (None, GUI_THREAD)

    assert panel.select_kind("kk")
    panel.attach_file_button.click()
    settle(qtbot, page)
    assert status_text(page, "kk").endswith("Diterima")
    assert preview(qtbot, page, "kk").image is not None
    assert "PNG" in panel.preview.caption.text()

    assert any("dilampirkan" in text for text in history_texts(page))
    assert attach_threads and GUI_THREAD not in attach_threads
    assert_off_gui_thread(page)


def test_the_preview_shows_a_document_as_soon_as_it_is_attached(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    """Issue 18: after attaching, the preview said "Pilih dokumen untuk melihat" until the
    officer clicked another line and back."""
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    panel = page.documents
    page.tabs.setCurrentWidget(panel)
    panel.choose_file = lambda _parent: pdf_file(tmp_path / "ktp.pdf")
    assert panel.select_kind("ktp")
    panel.attach_file_button.click()
    settle(qtbot, page)
    assert status_text(page, "ktp").endswith("Diterima")
    qtbot.waitUntil(lambda: panel.preview.current is not None, timeout=10_000)
    assert panel.preview.current.image is not None
    assert "PDF" in panel.preview.caption.text()


def test_wrong_and_oversized_files_are_refused_with_the_stores_words(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    workspace.config.set("attachments.max_mb", "1")
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    panel = page.documents
    fake = tmp_path / "ktp.pdf"
    fake.write_bytes(b"this is a word document renamed to pdf")
    big = tmp_path / "scan-besar.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 512) + b"\n%%EOF\n")
    chosen = [fake, big]
    panel.choose_file = lambda _parent: chosen.pop(0)

    panel.select_kind("ktp")
    panel.attach_file_button.click()
    settle(qtbot, page)
    assert panel.message_kind == MessageKind.ERROR
    assert "Berkas bukan PDF, JPEG atau PNG" in panel.message.text()
    assert status_text(page, "ktp").endswith("Belum ada")

    panel.select_kind("ktp")
    panel.attach_file_button.click()
    settle(qtbot, page)
    assert panel.message_kind == MessageKind.ERROR
    assert "Berkas terlalu besar" in panel.message.text()
    assert "batas 1 MB" in panel.message.text()
    assert status_text(page, "ktp").endswith("Belum ada")
    assert_off_gui_thread(page)


def test_verify_then_reject_with_reason(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    bring(workspace, actor, applicant_id, "ktp", "kk", verify=False)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    panel = page.documents
    page.tabs.setCurrentWidget(panel)

    panel.select_kind("ktp")
    assert panel.verify_button.isEnabled()
    panel.verify_button.click()
    settle(qtbot, page)
    assert status_text(page, "ktp").endswith("Terverifikasi")
    assert "Diverifikasi" in remark_text(page, "ktp")
    assert panel.message_kind == MessageKind.SUCCESS
    # The next paper still waiting is selected for the officer.
    assert panel.selected_kind() == "kk"

    prompts: list[str] = []

    def reason(_parent: Any, title: str, prompt: str, _ok: str) -> str:
        prompts.append(title)
        return "Foto buram, nomor KK tidak terbaca"

    panel.ask_reason = reason
    assert panel.reject_button.isEnabled()
    panel.reject_button.click()
    settle(qtbot, page)

    assert prompts == ["Tolak Kartu Keluarga"]
    assert status_text(page, "kk").endswith("Ditolak")
    assert "Foto buram, nomor KK tidak terbaca" in remark_text(page, "kk")
    assert panel.message_kind == MessageKind.WARNING
    panel.select_kind("kk")
    assert not panel.verify_button.isEnabled()  # a refused paper needs a new file first
    history = history_texts(page)
    assert history[0] == "Kartu Keluarga ditolak"
    assert "KTP diverifikasi" in history
    assert_off_gui_thread(page)


def test_verifying_a_dated_paper_asks_for_its_issue_date(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah", "family_permission")
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    bring(workspace, actor, applicant_id, "medical_certificate", verify=False)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    panel = page.documents
    asked: list[tuple[str, bool, bool]] = []
    answers: list[tuple[date | None, date | None] | None] = [None, (date(2026, 5, 20), None)]

    def dates(_parent: Any, entry: Any, needs_issued: bool, needs_until: bool) -> Any:
        asked.append((entry.kind, needs_issued, needs_until))
        return answers.pop(0)

    panel.ask_dates = dates
    panel.select_kind("medical_certificate")
    panel.verify_button.click()  # Esc in the dialog: nothing is verified
    settle(qtbot, page)
    assert status_text(page, "medical_certificate").endswith("Diterima")

    panel.select_kind("medical_certificate")
    panel.verify_button.click()
    settle(qtbot, page)
    assert asked == [("medical_certificate", True, False)] * 2
    assert status_text(page, "medical_certificate").endswith("Terverifikasi")
    assert "terbit 20-05-2026" in remark_text(page, "medical_certificate")
    assert_off_gui_thread(page)


def test_documents_complete_moves_the_case_on(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah")
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    panel = page.documents
    assert not panel.complete_button.isEnabled()  # family permission still missing

    bring(workspace, actor, applicant_id, "family_permission")
    page.reload()
    settle(qtbot, page)
    assert panel.complete_button.isEnabled()
    panel.complete_button.click()
    settle(qtbot, page)

    assert state_of(workspace, applicant_id) == CaseState.DOCUMENTS_COMPLETE.value
    assert page.header.steps.state == CaseState.DOCUMENTS_COMPLETE.value
    assert panel.complete_button.isHidden()
    # The letters follow at once: the SPR may be issued now.
    assert page.letters.spr_button.isEnabled()
    assert any("Dokumen lengkap" in text for text in history_texts(page))
    assert_off_gui_thread(page)


# ------------------------------------------------------------------------------------------------
# the scan inbox


def test_scan_dropped_into_the_folder_appears_and_attaches(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    panel = page.documents
    inbox = panel.inbox
    assert inbox.folder is not None
    assert inbox.list.count() == 0

    scan = pdf_file(tmp_path / "scan.tmp", "KTP SCAN")
    target = inbox.folder / "SCAN_0001.pdf"
    os.replace(scan, target)
    past = time.time() - 10  # the scanner finished writing a moment ago
    os.utime(target, (past, past))
    (inbox.folder / "notes.txt").write_text("not a scan")

    def listed() -> bool:
        return any(
            inbox.list.item(row).text().startswith("SCAN_0001.pdf")
            for row in range(inbox.list.count())
        )

    qtbot.waitUntil(listed, timeout=20_000)
    assert inbox.list.count() == 1  # the .txt is not offered
    assert inbox.selected_path() == target  # the new scan is selected, ready
    assert inbox.last_thread not in (None, GUI_THREAD)

    panel.select_kind("ktp")
    assert panel.attach_scan_button.isEnabled()
    panel.attach_scan_button.click()
    settle(qtbot, page)
    assert status_text(page, "ktp").endswith("Diterima")
    # Filed away so nobody attaches it to the next CPMI.
    qtbot.waitUntil(lambda: not target.exists(), timeout=5000)
    assert (inbox.folder / "terlampir" / "SCAN_0001.pdf").exists()
    qtbot.waitUntil(lambda: inbox.list.count() == 0, timeout=5000)
    assert_off_gui_thread(page)


def test_scan_inbox_explains_a_missing_folder(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    from ltsa_desk.ui.applicant.scan_inbox import ScanInbox

    inbox = ScanInbox(ctx, folder=tmp_path / "belum-ada")
    qtbot.addWidget(inbox)
    with qtbot.waitSignal(inbox.listed, timeout=5000):
        pass
    assert "tidak ditemukan" in inbox.status.text()
    unset = ScanInbox(ctx)  # scan.inbox is empty in a new workspace
    qtbot.addWidget(unset)
    assert "belum diatur" in unset.status.text()


# ------------------------------------------------------------------------------------------------
# screenshots


def test_screenshots_of_every_tab(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah", "family_permission")
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    bring(workspace, actor, applicant_id, "ak1_card")
    bring(workspace, actor, applicant_id, "placement_agreement", verify=False)
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        docs.attach(session, store, applicant_id, "medical_certificate", png_bytes(), actor)
        docs.reject(session, applicant_id, "medical_certificate", "Cap klinik tidak ada", actor)
    page = open_page(qtbot, ctx, applicant_id, tmp_path)
    page.letters.issue("spr")
    settle(qtbot, page)
    inbox = page.documents.inbox
    assert inbox.folder is not None
    for number in (1, 2):
        target = inbox.folder / f"SCAN_000{number}.pdf"
        pdf_file(target, f"Halaman {number}")
        os.utime(target, (time.time() - 60 * number, time.time() - 60 * number))
    inbox.refresh()
    qtbot.waitUntil(lambda: inbox.list.count() == 2, timeout=10_000)

    for index, name in enumerate(("data", "dokumen", "surat", "riwayat")):
        page.tabs.setCurrentIndex(index)
        if name == "dokumen":
            preview(qtbot, page, "placement_agreement")
        settle(qtbot, page)
        assert page.window().size().width() == 1366
        shot(page, f"applicant-{name}")
    assert_off_gui_thread(page)
