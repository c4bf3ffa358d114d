"""The set-up wizard's connection step: one row per destination, naming the layer that failed.

DNS, TLS, refused, timeout, wrong path, token refused: each in words and with a sign (never colour
alone), with the server's own detail below. A failed test does not block the set-up: the line may
well be down on set-up day, and the outbox is made for that; the note under the rows says so. The
test itself runs on the wizard's runner; this step only shows it. Words in the "SetupWizard"
translation context, where they have always been.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from ltsa_desk.technician.connection_test import DestinationCheck
from ltsa_desk.ui import style
from ltsa_desk.ui.plain import plain_label
from ltsa_desk.ui.wizard_steps import SetupStep, destination_titles

translate = QCoreApplication.translate


class ConnectionRow(QFrame):
    """One destination's test: its name, a sign and a word (never colour alone), the detail."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.state = QLabel()
        self.state.setFont(bold)
        self.detail = plain_label()  # a server's answer, a host name
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QGridLayout(self)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.state, 0, 1, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.detail, 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)

    def show_state(self, sign: str, word: str, colour: str, detail: str) -> None:
        self.state.setText(f"{sign} {word}")
        self.state.setStyleSheet(f"color: {colour};")
        self.detail.setText(detail)


def problem_words() -> dict[str, str]:
    """Each failed layer in a word or two, as the row shows it."""
    return {
        "dns": translate("SetupWizard", "Gagal: DNS"),
        "tls": translate("SetupWizard", "Gagal: TLS"),
        "refused": translate("SetupWizard", "Gagal: ditolak"),
        "unreachable": translate("SetupWizard", "Gagal: tak terjangkau"),
        "timeout": translate("SetupWizard", "Gagal: batas waktu"),
        "cut": translate("SetupWizard", "Gagal: terputus"),
        "wrong_path": translate("SetupWizard", "Gagal: alamat salah (404)"),
        "server": translate("SetupWizard", "Gagal: gangguan server"),
        "auth": translate("SetupWizard", "Gagal: token ditolak (401)"),
        "no_token": translate("SetupWizard", "Token kosong"),
        "no_url": translate("SetupWizard", "Belum diatur"),
        "bad_url": translate("SetupWizard", "Alamat tidak sah"),
        "no_keyring": translate("SetupWizard", "Gagal: keyring"),
    }


class ConnectionStep(SetupStep):
    """The rows, 'Uji ulang', 'Perbaiki token' after a refused token (401), and the note."""

    def __init__(self) -> None:
        super().__init__(
            translate(
                "SetupWizard",
                "Uji koneksi ke setiap tujuan: nama server (DNS), sambungan, TLS, alamat dan "
                "token. Bila gagal, keterangannya menyebut bagian yang gagal.",
            )
        )
        titles = destination_titles()
        self.connection_rows = {
            "registry": ConnectionRow(titles["registry"]),
            "immigration": ConnectionRow(titles["immigration"]),
        }
        for row in self.connection_rows.values():
            self.column.addWidget(row)
        self.retest_button = QPushButton(translate("SetupWizard", "&Uji ulang"))
        self.retest_button.setToolTip(translate("SetupWizard", "Uji koneksi sekali lagi (Alt+U)"))
        self.retest_button.setAutoDefault(False)
        # After a refused token (401): back to the token, not to a command line (issue 18).
        self.fix_token_button = QPushButton(translate("SetupWizard", "Perbaiki &token"))
        self.fix_token_button.setToolTip(
            translate(
                "SetupWizard",
                "Kembali ke langkah alamat dan token untuk mengetik ulang token (Alt+T)",
            )
        )
        self.fix_token_button.setAutoDefault(False)
        self.fix_token_button.hide()
        retest = QHBoxLayout()
        retest.addWidget(self.retest_button)
        retest.addWidget(self.fix_token_button)
        retest.addStretch(1)
        self.column.addLayout(retest)
        self.connection_note = plain_label()
        self.connection_note.setWordWrap(True)
        self.column.addWidget(self.connection_note)
        self.column.addStretch(1)

    def show_testing(self) -> None:
        self.retest_button.setEnabled(False)
        self.fix_token_button.hide()
        for row in self.connection_rows.values():
            row.show_state(
                "\u2026",
                translate("SetupWizard", "Menguji"),
                style.OFFLINE,
                translate("SetupWizard", "Menghubungi server..."),
            )
        self.connection_note.setText("")

    def show_results(self, results: dict[str, DestinationCheck], refused: list[str]) -> None:
        """Each row's outcome, and the note: all ready, a token to fix, or go on anyway."""
        words = problem_words()
        for name, row in self.connection_rows.items():
            result = results.get(name)
            if result is None:
                continue
            if result.ok:
                row.show_state(
                    "\u2714", translate("SetupWizard", "Berhasil"), style.DELIVERED, result.detail
                )
            elif result.problem == "no_url":
                row.show_state(
                    "\u2013",
                    words["no_url"],
                    style.OFFLINE,
                    translate(
                        "SetupWizard",
                        "Alamat kosong: kiriman ke tujuan ini menunggu sampai diatur.",
                    ),
                )
            else:
                detail = result.detail
                if result.problem == "auth":
                    # The service's detail names a CLI command; here the way is one step back.
                    detail = translate(
                        "SetupWizard",
                        "Token ditolak server (HTTP 401): salah ketik, kedaluwarsa atau dicabut.",
                    )
                row.show_state(
                    "\u2716",
                    words.get(result.problem, translate("SetupWizard", "Gagal")),
                    style.ATTENTION,
                    detail,
                )
        self.fix_token_button.setVisible(bool(refused))
        if all(result.ok for result in results.values()):
            self.connection_note.setText(translate("SetupWizard", "Kedua tujuan siap."))
        elif refused:
            self.connection_note.setText(
                translate(
                    "SetupWizard",
                    "Token ditolak server (401). Tekan 'Perbaiki token' untuk kembali dan "
                    "mengetik ulang token dari pengelola sistem. Anda tetap bisa melanjutkan: "
                    "kiriman menunggu sampai token diperbaiki.",
                )
            )
        else:
            self.connection_note.setText(
                translate(
                    "SetupWizard",
                    "Anda tetap bisa melanjutkan: pendaftaran berjalan tanpa koneksi dan kiriman "
                    "menunggu sampai koneksi pulih. Perbaiki dengan 'Kembali', atau uji lagi "
                    "nanti dengan 'ltsa-desk credentials test'.",
                )
            )
        self.retest_button.setEnabled(True)

    def show_failure(self, exc: BaseException) -> None:
        self.connection_note.setText(
            translate("SetupWizard", "Uji koneksi tidak bisa dijalankan: {error}").format(error=exc)
        )
        self.retest_button.setEnabled(True)
