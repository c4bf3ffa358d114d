"""The reason asked before a refusal, a void or a cancellation, shared by every applicant screen.

The documents panel (Tolak), the letters panel (Batalkan surat), the applicant page (Batalkan
CPMI) and the skip-the-order dialog all need the same thing: a reason typed before the change,
refused here when empty so the officer fixes it without a round trip to the service.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.ui import style
from ltsa_desk.ui.plain import plain_label

__all__ = ["ReasonDialog", "ask_reason"]


class ReasonDialog(QDialog):
    """Asks for a reason (refusal, void, cancellation); Esc cancels, an empty reason is refused
    here so the officer fixes it without a round trip."""

    def __init__(
        self, title: str, prompt: str, ok_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.prompt = plain_label(prompt)  # names the CPMI, a letter's number
        self.prompt.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(90)
        self.error = QLabel()
        self.error.setStyleSheet(style.ERROR_LABEL_CSS)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip(self.tr("Batal (Esc)"))
        self.ok_button.setToolTip(self.tr("{action} (Ctrl+Enter)").format(action=ok_text))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._accept)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 240)

    def reason(self) -> str:
        return " ".join(self.editor.toPlainText().split())

    def _accept(self) -> None:
        if not self.reason():
            self.error.setText(self.tr("Alasan wajib diisi"))
            self.editor.setFocus()
            return
        self.accept()


def ask_reason(parent: QWidget, title: str, prompt: str, ok_text: str) -> str | None:
    """The default reason prompt (a modal dialog); screens hold it in an attribute so tests can
    put an answer in its place instead of running a dialog's event loop."""
    dialog = ReasonDialog(title, prompt, ok_text, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason()
