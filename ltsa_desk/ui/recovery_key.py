"""Showing a new recovery key once, so the office can write it down or print it and lock it away.

Without it a counter whose Windows account or PC is lost cannot open its own database again; with it
`ltsa-desk recover` restores access. The key is shown, never stored in clear by the application.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def choose_printer(parent: QWidget) -> QPrinter | None:
    """The print dialog; ``None`` when the officer cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("LTSA Desk - Kunci pemulihan"))
        self.setMinimumWidth(620)
        intro = QLabel(
            self.tr(
                "Ini kunci pemulihan basis data loket ini. Tulis atau cetak, lalu simpan di tempat "
                "aman di luar komputer ini. Kunci ini hanya ditampilkan sekali. Tanpa kunci ini, "
                "data CPMI tidak bisa dibuka lagi bila komputer atau akun Windows berganti."
            )
        )
        intro.setWordWrap(True)
        self.key_label = QLabel(recovery_key)
        font = QFont("Monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setPointSizeF(16)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("padding: 14px; border: 2px dashed #555; background: #fff;")
        # The intro says "tulis atau cetak": so there is a Print, and a Copy for a password safe
        # (issue 18).
        self.recovery_key = recovery_key
        self.choose_printer: Callable[[QWidget], QPrinter | None] = choose_printer
        self.copy_button = QPushButton(self.tr("Salin"))
        self.copy_button.setToolTip(self.tr("Salin kunci pemulihan ke papan klip"))
        self.copy_button.clicked.connect(self.copy_key)
        self.print_button = QPushButton(self.tr("Cetak..."))
        self.print_button.setToolTip(self.tr("Cetak kunci pemulihan untuk disimpan di tempat aman"))
        self.print_button.clicked.connect(self.print_key)
        self.status = QLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.status, 1)
        self.confirmed = QCheckBox(self.tr("Kunci pemulihan sudah saya catat dan simpan"))
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(
            self.tr("Selesai"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.done_button.setEnabled(False)
        self.confirmed.toggled.connect(self.done_button.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addLayout(actions)
        layout.addWidget(self.confirmed)
        layout.addWidget(buttons)

    def reject(self) -> None:
        """Esc must not lose the only showing of the key: it waits for the confirmation."""
        if self.confirmed.isChecked():
            super().reject()

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.status.setText(self.tr("Tersalin."))

    def page(self) -> QTextDocument:
        """The printed page: what the key is for, the key, and where it must not be kept."""
        document = QTextDocument(self)
        title = escape(self.tr("LTSA Desk - Kunci pemulihan basis data"))
        use = escape(
            self.tr(
                "Dengan kunci ini teknisi membuka kembali basis data loket bila komputer atau "
                "akun Windows berganti (ltsa-desk recover). Simpan kertas ini di tempat terkunci, "
                "jauh dari komputer loket."
            )
        )
        document.setHtml(
            f"<h2>{title}</h2><p>{use}</p>"
            # One line, never broken at a hyphen: a key split over two lines is misread.
            "<p style='font-family: monospace; font-size: 16pt; font-weight: bold; "
            "white-space: nowrap;'>"
            f"{escape(self.recovery_key)}</p>"
        )
        return document

    def print_key(self) -> None:
        printer = self.choose_printer(self)
        if printer is None:
            return
        self.page().print_(printer)
        self.status.setText(self.tr("Dicetak."))
