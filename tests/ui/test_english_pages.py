"""The window in English (``ui.language = "en"``): every page, every CPMI tab, with the longest
realistic data, and no Indonesian word of the window's own left in what the officer sees, nothing
cut (issue 18: "In English mode, check every page again").

What is looked at is what is visible: labels, buttons, tabs, group titles, placeholders, the
navigation, table and list headers. Data (names, regions, P3MI) stays as typed and is left out
by choosing words that data does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)
from test_real_display import SQLITE, _fits, _longest_cpmi
from uiscreen import activate

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.ui.applicant.page import ApplicantPage
from ltsa_desk.ui.i18n import install_translator
from ltsa_desk.ui.intake_page import IntakePage
from ltsa_desk.ui.main_window import MainWindow
from ltsa_desk.ui.workers import Runner

ROOT = Path(__file__).resolve().parents[2]

# Words of the window's own Indonesian (UX.md) that no English text and none of the test's data
# holds: function words and the common nouns and verbs of the counter.
INDONESIAN = re.compile(
    r"\b("
    r"dan|yang|atau|untuk|dengan|belum|sudah|tidak|dari|pada|sejak|semua|"
    r"Simpan|Batal|Cari|Kunci|Keluar|Masuk|Kembali|Lanjut|Kosongkan|Tutup|Buka|Pilih|Tambah|"
    r"Pendaftaran|Pencarian|Sinkronisasi|Laporan|Pengaturan|Pengguna|Petugas|Riwayat|Dokumen|"
    r"Surat|Kiriman|kiriman|Menunggu|menunggu|Terkirim|terkirim|Tanggal|Nama|Alamat|Jenis|"
    r"Status kasus|Negara tujuan|Jabatan|Rencana|Keberangkatan|Paspor|Ajukan|Cetak|Terbitkan|"
    r"Diterima|Diperiksa|Ditolak|Tolak|wajib|diisi|Loket|Kantor|Pesan|Memuat|Periksa|Ganti|"
    r"sekarang|menit|jam|hari|"
    # Dates written the Indonesian way (months, "02.50" for a time)
    r"Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember|\d{4} \d{2}\.\d{2}"
    r")\b"
)


def _visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(what, text) of everything the officer can read on ``root`` now."""
    found: list[tuple[str, str]] = []

    def seen(widget: QWidget) -> bool:
        return widget.isVisibleTo(root) and widget.isVisible()

    for label in root.findChildren(QLabel):
        if seen(label) and label.text().strip():
            found.append(
                (f"label {label.objectName() or type(label.parent()).__name__}", label.text())
            )
    for button in root.findChildren(QAbstractButton):
        if seen(button) and button.text().strip():
            found.append(("button", button.text()))
        if seen(button) and button.toolTip().strip():
            found.append(("button tooltip", button.toolTip()))
    for box in root.findChildren(QGroupBox):
        if seen(box) and box.title().strip():
            found.append(("group", box.title()))
    for tabs in root.findChildren(QTabWidget):
        if seen(tabs):
            found += [("tab", tabs.tabText(i)) for i in range(tabs.count())]
    for editor in root.findChildren(QLineEdit):
        if seen(editor) and editor.placeholderText().strip():
            found.append(("placeholder", editor.placeholderText()))
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if not seen(view) or model is None:
            continue
        header = None
        if isinstance(view, QTableView):
            header = view.horizontalHeader()
        elif isinstance(view, QTreeView):
            header = view.header()
        if header is not None and not header.isHidden():
            for column in range(header.count()):
                title = model.headerData(column, Qt.Orientation.Horizontal)
                if title:
                    found.append(("column", str(title)))
        if isinstance(view, QListWidget):
            found += [("list item", view.item(i).text()) for i in range(view.count())]
    return found


def _leaks(root: QWidget, where: str) -> list[str]:
    QApplication.processEvents()
    return [
        f"{where}: {what}: {text!r}"
        for what, text in _visible_texts(root)
        if INDONESIAN.search(text.replace("&", ""))
    ]


def _cut_buttons(root: QWidget, where: str) -> list[str]:
    """Buttons narrower than their own text (English words are often longer)."""
    cut = []
    for button in root.findChildren(QAbstractButton):
        shown = button.isVisible() and button.text().strip()
        if shown and button.width() < button.minimumSizeHint().width():
            cut.append(f"{where}: button {button.text()!r} {button.width()} px")
    return cut


@pytest.fixture
def english_window(qtbot: Any, qapp: QApplication, workspace: Workspace) -> Iterator[MainWindow]:
    translator = install_translator(qapp, "en")
    assert translator is not None, "the compiled English translation is committed"
    runner = Runner()
    admin = Actor(username="admin1", counter_id="LOTIM-01", office_code="52.03", role="admin")
    from ltsa_desk.ui.context import UiContext

    window = MainWindow(
        UiContext(workspace=workspace, actor=admin, runner=runner), start_bridge=False
    )
    window.resize(1366, 768)
    activate(qtbot, window)
    try:
        yield window
    finally:
        intake = window.pages.get("intake")
        if isinstance(intake, IntakePage):
            intake.start_new()
        window.close()
        window.deleteLater()
        runner.wait_idle()
        qapp.removeTranslator(translator)
        install_translator(qapp, "id")


@SQLITE
def test_every_page_in_english_shows_no_indonesian_and_nothing_cut(
    qtbot: Any, workspace: Workspace, actor: Actor, english_window: MainWindow, tmp_path: Path
) -> None:
    window = english_window
    applicant_id = _longest_cpmi(workspace, actor)
    problems: list[str] = []
    shots = ROOT / "screenshots" if (ROOT / "screenshots").is_dir() else tmp_path
    for row in range(window.navigation.count()):
        key = window.navigation.item(row).data(Qt.ItemDataRole.UserRole)
        window.show_page(key)
        window.ctx.runner.wait_idle()
        qtbot.wait(50)
        window.ctx.runner.wait_idle()
        problems += _leaks(window, key)
        problems += _cut_buttons(window, key)
        _fits(window, f"en {key}")
        window.grab().save(str(shots / f"en-{key}.png"))
    window.open_applicant(applicant_id)
    page = window.pages["applicant"]
    assert isinstance(page, ApplicantPage)
    qtbot.waitUntil(lambda: page.view is not None, timeout=10_000)
    for index in range(page.tabs.count()):
        page.show_tab(index)
        window.ctx.runner.wait_idle()
        qtbot.wait(50)
        window.ctx.runner.wait_idle()
        problems += _leaks(window, f"CPMI tab {index}")
        problems += _cut_buttons(window, f"CPMI tab {index}")
        _fits(window, f"en CPMI tab {index}")
        window.grab().save(str(shots / f"en-cpmi-{index}.png"))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("refusal", "expected"),
    [
        (("wrong_state", {"state": "registered"}), "status now: Registered"),
        (("missing_data", {"field": "agency"}), "addressed to the P3MI"),
        (("missing_data", {"field": "destination_country"}), "names the destination country"),
        (("already_issued", {"number": "562/0001"}), "Already issued as number 562/0001"),
        (("documents", {}), "Documents incomplete:"),
    ],
)
def test_every_reason_a_letter_waits_is_said_in_english(
    qapp: QApplication, refusal: tuple[str, dict[str, str]], expected: str
) -> None:
    """The Surat tab's reasons come from the service's codes, not its Indonesian sentences."""
    from ltsa_desk.operations.letters import IssueRefusal
    from ltsa_desk.ui.applicant.letters_buttons import refusal_text

    code, detail = refusal
    missing = ((("passport",), "expired"),) if code == "documents" else ()
    made = IssueRefusal(code, "Kalimat layanan", tuple(detail.items()), missing)
    translator = install_translator(qapp, "en")
    try:
        text = refusal_text(made)
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)
        install_translator(qapp, "id")
    assert expected in text and not INDONESIAN.search(text), text
