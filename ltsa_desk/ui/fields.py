"""A form field as every counter form shows it: label, input, and the message right under the input;
and the notice strip for what concerns a whole form (not the line-status banner of banner.py).

Officers fix a form by reading down it, so a problem is written under the input it concerns, in
Indonesian, never in a dialog that hides the form. The message line keeps one line's height, empty
or full, so the form never jumps while messages come and go: a message longer than its line is cut
with "..." and shown whole in its tooltip and to screen readers (a two-line message pushed every
field below it down, issue 18).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ltsa_desk.ui import style
from ltsa_desk.ui.elided import ElidedLabel

INFO_TEXT = "#455a64"  # blue-grey: facts derived from the input (region of a NIK), not problems


class MessageKind(StrEnum):
    NONE = "none"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    SUCCESS = "success"


_COLOURS = {
    MessageKind.INFO: INFO_TEXT,
    MessageKind.WARNING: style.PENDING,
    MessageKind.ERROR: style.ERROR_TEXT,
}

# Colour is never the only signal (UX.md): a warning also carries this sign in its text.
WARNING_SIGN = "\u26a0"


class _MessageLine(ElidedLabel):
    """The message under an editor: exactly one line high, in whatever font it ends up with."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit_font()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a style sheet or a larger system font
            self._fit_font()

    def _fit_font(self) -> None:
        self.setFixedHeight(self.fontMetrics().height() + 2 * self.margin())


class LabelledField(QWidget):
    """Label on the left, the editor, and one message line under the editor.

    `set_label_width` lets a column of fields line their editors up; the form decides the width
    because only it knows its longest label.
    """

    def __init__(
        self, label: str, editor: QWidget, *, required: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.required = required
        self.label = QLabel(label + (" *" if required else ""))
        self.label.setBuddy(editor)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # One line, always: the fields below stay where the officer's eyes and mouse expect.
        self.message = _MessageLine()
        self._kind = MessageKind.NONE

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(1)
        layout.addWidget(self.label, 0, 0)
        layout.addWidget(editor, 0, 1)
        layout.addWidget(self.message, 1, 1)
        layout.setColumnStretch(1, 1)

    def set_label_width(self, width: int) -> None:
        """A minimum, not a fixed width: a larger font later widens the label, never clips it."""
        self.label.setMinimumWidth(width)

    @property
    def kind(self) -> MessageKind:
        return self._kind

    def message_text(self) -> str:
        return self.message.text()

    def set_error(self, text: str) -> None:
        self._show(MessageKind.ERROR, text)

    def set_warning(self, text: str) -> None:
        self._show(MessageKind.WARNING, f"{WARNING_SIGN} {text}" if text else "")

    def set_info(self, text: str) -> None:
        self._show(MessageKind.INFO, text)

    def clear_message(self) -> None:
        self._show(MessageKind.NONE, "")

    def _show(self, kind: MessageKind, text: str) -> None:
        if not text:
            kind = MessageKind.NONE
        self._kind = kind
        self.message.setText(text)
        colour = _COLOURS.get(kind)
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        # Screen readers announce the editor with its problem, whole, not only its label.
        self.editor.setAccessibleDescription(text)


_NOTICE_LOOK = {
    MessageKind.INFO: ("#e3f2fd", INFO_TEXT, "\u2139"),
    MessageKind.WARNING: (style.BANNER_WARNING_BG, style.PENDING, WARNING_SIGN),
    MessageKind.ERROR: (style.BANNER_ERROR_BG, style.ATTENTION, WARNING_SIGN),
    MessageKind.SUCCESS: ("#e8f5e9", style.DELIVERED, "\u2714"),
}


class FormNotice(QFrame):
    """A strip across the top of a screen: what happened, in words, and the one button that acts.

    Used for outcomes that concern the whole form (saved, already registered), which have no
    single field to sit under. The sign before the text means the colour is never the only cue.
    """

    action = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formNotice")
        self.sign = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.setSpacing(10)
        layout.addWidget(self.sign)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.kind = MessageKind.NONE
        self.hide()

    def show_message(
        self, kind: MessageKind, text: str, action: str | None = None, *, rich: bool = False
    ) -> None:
        """Show `text` (plain, unless `rich`: then the caller has escaped what it inserted)."""
        background, accent, sign = _NOTICE_LOOK.get(kind, _NOTICE_LOOK[MessageKind.INFO])
        self.kind = kind
        self.setStyleSheet(
            f"#formNotice {{ background: {background}; border: 1px solid {accent}; "
            "border-radius: 4px; }"
        )
        self.sign.setText(sign)
        self.sign.setStyleSheet(f"color: {accent}; font-weight: bold;")
        self.text.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.text.setText(text)
        self.button.setVisible(bool(action))
        self.button.setText(action or "")
        self.show()

    def clear(self) -> None:
        self.kind = MessageKind.NONE
        self.text.clear()
        self.hide()
