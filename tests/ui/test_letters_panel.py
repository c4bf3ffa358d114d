"""The Surat tab: issuing both letters, copies, voiding, the receipt and the hand-carry, as PDFs.

Real SQLite, real PDFs written by Qt on the runner's threads and read back with pypdfium2: the
letter's PDF holds the applicant's name and the letter's number; a second print says SALINAN; a
void letter keeps its number and a new one gets the next; the receipt tells what still waits; the
hand-carry is offered only while the passport application waits and departure is near.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtPrintSupport import QPrinter

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import documents as docs
from ltsa_desk.services import letters
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import register_applicant, request_passport
from ltsa_desk.ui.app import make_application
from ltsa_desk.ui.applicant import letters_jobs as letters_module
from ltsa_desk.ui.applicant.letters import LettersPanel
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import MessageKind
from ltsa_desk.ui.workers import Runner

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TODAY = date(2026, 6, 1)
SPR_NUMBER = "562/0001/LTSA-LOTIM-01/VI/2026"
RECOMMENDATION_NUMBER = "562/0002/LTSA-LOTIM-01/VI/2026"
GUI_THREAD = "MainThread"


@pytest.fixture(autouse=True)
def _counter_application() -> None:
    make_application()


@pytest.fixture
def ctx(qtbot: Any, workspace: Workspace, actor: Actor) -> Iterator[UiContext]:
    made = UiContext(workspace=workspace, actor=actor, runner=Runner())
    yield made
    made.runner.wait_idle()


@pytest.fixture
def render_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where the PDFs were painted: never on the GUI thread."""
    seen: list[str] = []
    printing = letters_module.printing

    class Recording:
        def __getattr__(self, name: str) -> Any:
            real = getattr(printing, name)
            if not name.startswith(("render_", "print_")):
                return real

            def wrapped(*args: Any, **kwargs: Any) -> Any:
                seen.append(threading.current_thread().name)
                return real(*args, **kwargs)

            return wrapped

    monkeypatch.setattr(letters_module, "printing", Recording())
    return seen


def register(workspace: Workspace, actor: Actor, **overrides: Any) -> str:
    data: dict[str, Any] = {
        "nik": "5203015205950002",
        "full_name": "Siti Aminah",
        "birth_place": "Selong",
        "birth_date": "12-05-1995",
        "sex": "P",
        "marital_status": "Belum Kawin",
        "destination_country": "Malaysia",
        "agency": "PT Bintang Mandiri",
        "planned_departure": "05-06-2026",
    }
    data.update(overrides)
    with workspace.database.write_session() as session:
        return str(register_applicant(session, data, actor, today=TODAY).applicant.id)


def bring(workspace: Workspace, actor: Actor, applicant_id: str, *kinds: str, **dates: Any) -> None:
    store = docs.attachment_store(workspace)
    with workspace.database.write_session() as session:
        for kind in kinds:
            data = b"%PDF-1.4\n% " + kind.encode() + b"\n%%EOF\n"
            docs.attach(session, store, applicant_id, kind, data, actor, today=TODAY)
            docs.verify(session, applicant_id, kind, actor, today=TODAY, **dates)


def ready_for_letters(workspace: Workspace, actor: Actor, applicant_id: str) -> None:
    """Registration documents complete, and the recommendation's documents on file."""
    bring(workspace, actor, applicant_id, "ktp", "kk", "ijazah", "family_permission")
    with workspace.database.write_session() as session:
        docs.mark_documents_complete(session, applicant_id, actor, today=TODAY)
    bring(workspace, actor, applicant_id, "ak1_card", "placement_agreement")
    bring(workspace, actor, applicant_id, "medical_certificate", issued_on=date(2026, 5, 20))


def state_of(workspace: Workspace, applicant_id: str) -> str:
    with workspace.database.session() as session:
        return docs.get_applicant(session, applicant_id).state


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return re.sub(r"\s+", " ", text)


def make_panel(qtbot: Any, ctx: UiContext, applicant_id: str, tmp_path: Path) -> LettersPanel:
    panel = LettersPanel(ctx, today=lambda: TODAY, output_dir=tmp_path / "cetak")
    opened: list[Path] = []
    panel.open_file = lambda path: opened.append(path) or True
    panel.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(panel)
    panel.resize(1180, 560)
    panel.show()
    panel.load(applicant_id)
    settle(qtbot, panel)
    return panel


def settle(qtbot: Any, panel: LettersPanel) -> None:
    def idle() -> bool:
        panel.ctx.runner.wait_idle(2000)
        return (
            panel.view is not None
            and not panel.busy
            and panel.ctx.runner.pool.activeThreadCount() == 0
        )

    qtbot.waitUntil(idle, timeout=20_000)
    qtbot.wait(30)
    panel.ctx.runner.wait_idle(2000)
    qtbot.wait(30)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def numbers(panel: LettersPanel) -> list[str]:
    return [panel.table.item(row, 1).text() for row in range(panel.table.rowCount())]


def statuses(panel: LettersPanel) -> list[str]:
    return [panel.table.item(row, 3).text() for row in range(panel.table.rowCount())]


# ------------------------------------------------------------------------------------------------


def test_issue_both_letters_writes_pdfs_with_name_and_number(
    qtbot: Any,
    ctx: UiContext,
    workspace: Workspace,
    actor: Actor,
    tmp_path: Path,
    render_threads: list[str],
) -> None:
    applicant_id = register(workspace, actor)
    ready_for_letters(workspace, actor, applicant_id)
    panel = make_panel(qtbot, ctx, applicant_id, tmp_path)
    assert panel.spr_button.isEnabled()
    assert panel.recommendation_button.isEnabled()
    assert not panel.open_button.isEnabled()  # nothing issued, nothing selected

    panel.spr_button.click()
    settle(qtbot, panel)
    spr_pdf = panel.opened[-1]  # type: ignore[attr-defined]
    assert spr_pdf.exists() and spr_pdf.parent == tmp_path / "cetak"
    text = pdf_text(spr_pdf)
    assert "Siti Aminah" in text
    assert SPR_NUMBER in text
    assert "SALINAN" not in text
    assert panel.message_kind == MessageKind.SUCCESS and SPR_NUMBER in panel.message.text()
    assert not panel.spr_button.isEnabled()  # one valid SPR at a time
    assert f"Sudah terbit dengan nomor {SPR_NUMBER}" in panel.spr_reason.text()

    panel.recommendation_button.click()
    settle(qtbot, panel)
    recommendation_pdf = panel.opened[-1]  # type: ignore[attr-defined]
    text = pdf_text(recommendation_pdf)
    assert "Siti Aminah" in text
    assert RECOMMENDATION_NUMBER in text
    assert "Rekomendasi" in text
    assert state_of(workspace, applicant_id) == CaseState.RECOMMENDED.value

    assert numbers(panel) == [RECOMMENDATION_NUMBER, SPR_NUMBER]  # newest first
    assert all(status.endswith("Berlaku") for status in statuses(panel))
    assert panel.selected_letter() is not None  # the new letter is selected: Ctrl+P next
    assert render_threads and GUI_THREAD not in render_threads
    assert panel.job_threads and GUI_THREAD not in panel.job_threads


def test_first_print_is_the_original_then_copies_say_salinan(
    qtbot: Any,
    ctx: UiContext,
    workspace: Workspace,
    actor: Actor,
    tmp_path: Path,
    render_threads: list[str],
) -> None:
    applicant_id = register(workspace, actor)
    ready_for_letters(workspace, actor, applicant_id)
    panel = make_panel(qtbot, ctx, applicant_id, tmp_path)
    panel.issue("spr")
    settle(qtbot, panel)
    printed = [tmp_path / "print-1.pdf", tmp_path / "print-2.pdf"]
    dialogs: list[int] = []

    def choose(_parent: Any) -> QPrinter:
        dialogs.append(1)
        return pdf_printer(printed[len(dialogs) - 1])

    panel.choose_printer = choose

    panel.print_current()  # Ctrl+P with the new letter selected
    settle(qtbot, panel)
    first = pdf_text(printed[0])
    assert SPR_NUMBER in first and "Siti Aminah" in first
    assert "SALINAN" not in first

    panel.print_current()
    settle(qtbot, panel)
    second = pdf_text(printed[1])
    assert "SALINAN" in second and SPR_NUMBER in second
    assert panel.table.item(0, 4).text() == "1"  # one reprint, audited
    assert "SALINAN" in panel.message.text()

    # A cancelled print dialog prints nothing and changes nothing.
    panel.choose_printer = lambda _parent: None
    panel.print_current()
    settle(qtbot, panel)
    assert panel.table.item(0, 4).text() == "1"
    assert render_threads.count(GUI_THREAD) == 0
    assert len(render_threads) == 3  # the issue's PDF and two prints


def test_opening_an_older_letter_gives_a_marked_copy(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    ready_for_letters(workspace, actor, applicant_id)
    first = make_panel(qtbot, ctx, applicant_id, tmp_path)
    first.issue("spr")
    settle(qtbot, first)

    panel = make_panel(qtbot, ctx, applicant_id, tmp_path / "later")  # another day, another visit
    assert panel.select_letter(panel.view.letters[0].id)  # type: ignore[union-attr]
    panel.open_button.click()
    settle(qtbot, panel)
    copy = panel.opened[-1]  # type: ignore[attr-defined]
    assert copy.name.endswith("-SALINAN.pdf")
    assert "SALINAN" in pdf_text(copy)
    assert panel.table.item(0, 4).text() == "1"


def test_void_keeps_the_number_and_the_next_letter_gets_a_new_one(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    ready_for_letters(workspace, actor, applicant_id)
    panel = make_panel(qtbot, ctx, applicant_id, tmp_path)
    panel.issue("spr")
    settle(qtbot, panel)
    asked: list[str] = []

    def reason(_parent: Any, _title: str, prompt: str, _ok: str) -> str:
        asked.append(prompt)
        return "Salah nama P3MI"

    panel.ask_reason = reason
    assert panel.void_button.isEnabled()
    panel.void_button.click()
    settle(qtbot, panel)

    assert asked and SPR_NUMBER in asked[0]
    assert statuses(panel) == ["\u2716 Dibatalkan: Salah nama P3MI"]
    panel.select_letter(panel.view.letters[0].id)  # type: ignore[union-attr]
    assert not panel.print_button.isEnabled()
    assert not panel.void_button.isEnabled()
    panel.open_button.click()  # a void letter opens with its watermark, for the record
    settle(qtbot, panel)
    assert "DIBATALKAN" in pdf_text(panel.opened[-1])  # type: ignore[attr-defined]

    assert panel.spr_button.isEnabled()
    panel.issue("spr")
    settle(qtbot, panel)
    assert numbers(panel)[0] == "562/0002/LTSA-LOTIM-01/VI/2026"
    assert SPR_NUMBER in numbers(panel)


def test_refusal_reasons_are_shown_beside_disabled_buttons(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor, agency="")
    ready_for_letters(workspace, actor, applicant_id)
    panel = make_panel(qtbot, ctx, applicant_id, tmp_path)
    assert not panel.spr_button.isEnabled()
    assert "P3MI" in panel.spr_reason.text()
    assert panel.recommendation_button.isEnabled()


def test_receipt_pdf_tells_what_still_waits(
    qtbot: Any,
    ctx: UiContext,
    workspace: Workspace,
    actor: Actor,
    tmp_path: Path,
    render_threads: list[str],
) -> None:
    applicant_id = register(workspace, actor)
    panel = make_panel(qtbot, ctx, applicant_id, tmp_path)
    assert panel.receipt_button.isEnabled()
    panel.receipt_button.click()
    settle(qtbot, panel)
    receipt = panel.opened[-1]  # type: ignore[attr-defined]
    assert receipt.name.startswith("Tanda-Terima-")
    text = pdf_text(receipt)
    assert "LOTIM-01-2026-000001" in text
    assert "Siti Aminah" in text
    assert "Menunggu" in text
    assert render_threads == [render_threads[0]] and render_threads[0] != GUI_THREAD

    # Ctrl+P with no letter selected prints the receipt through the dialog.
    target = tmp_path / "receipt-print.pdf"
    panel.choose_printer = lambda _parent: pdf_printer(target)
    panel.print_current()
    settle(qtbot, panel)
    assert "LOTIM-01-2026-000001" in pdf_text(target)


def test_hand_carry_only_while_the_application_waits_and_departure_is_near(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    near = register(workspace, actor)
    far = register(
        workspace, actor, nik="5203011205900001", full_name="Ahmad Fauzi", sex="L",
        birth_date="12-05-1990", planned_departure="01-09-2026",
    )  # fmt: skip
    panel = make_panel(qtbot, ctx, near, tmp_path)
    assert not panel.hand_carry_button.isEnabled()
    assert "Tidak ada permohonan paspor" in panel.hand_carry_reason.text()

    office = letters.OfficeSettings.from_config(workspace.config)
    for applicant_id in (near, far):  # the whole order: documents, recommendation, request
        ready_for_letters(workspace, actor, applicant_id)
        with workspace.database.write_session() as session:
            letters.issue_passport_recommendation(session, applicant_id, actor, office, today=TODAY)
        with workspace.database.write_session() as session:
            request_passport(session, docs.get_applicant(session, applicant_id), actor)
    panel.reload()
    settle(qtbot, panel)
    assert panel.hand_carry_button.isEnabled()
    assert "4 hari lagi" in panel.hand_carry_reason.text()
    panel.hand_carry_button.click()
    settle(qtbot, panel)
    paper = panel.opened[-1]  # type: ignore[attr-defined]
    assert paper.name.startswith("Permohonan-Paspor-")
    text = pdf_text(paper)
    assert "Siti Aminah" in text and "5203015205950002" in text

    panel.load(far)
    settle(qtbot, panel)
    assert not panel.hand_carry_button.isEnabled()
    assert "lebih dari 7 hari" in panel.hand_carry_reason.text()


def test_screenshot_of_the_letters_tab(
    qtbot: Any, ctx: UiContext, workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    applicant_id = register(workspace, actor)
    ready_for_letters(workspace, actor, applicant_id)
    panel = make_panel(qtbot, ctx, applicant_id, tmp_path)
    panel.issue("spr")
    settle(qtbot, panel)
    panel.ask_reason = lambda *_args: "Salah ketik nama P3MI"
    panel.void_selected()
    settle(qtbot, panel)
    panel.issue("spr")
    settle(qtbot, panel)
    panel.issue("passport_recommendation")
    settle(qtbot, panel)
    with workspace.database.write_session() as session:
        request_passport(session, docs.get_applicant(session, applicant_id), actor)
    panel.reload()
    settle(qtbot, panel)
    assert panel.hand_carry_button.isEnabled()
    panel.resize(1180, 560)
    SCREENSHOTS.mkdir(exist_ok=True)
    panel.grab().save(str(SCREENSHOTS / "applicant-surat-letters.png"))
