"""Showing a new recovery key once, so the office can write it down or print it and lock it away.

Without it a counter whose Windows account or PC is lost cannot open its own database again; with it
`ltsa-desk recover` restores access. The key is shown, never stored in clear by the application.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


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
        layout.addWidget(self.confirmed)
        layout.addWidget(buttons)

    def reject(self) -> None:
        """Esc must not lose the only showing of the key: it waits for the confirmation."""
        if self.confirmed.isChecked():
            super().reject()
