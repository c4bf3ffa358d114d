"""The panels' message line: the answer to the officer's last action, in colour and with a sign.

The documents and letters panels answer every action on one line under their buttons; both
draw it the same way, so a success, a warning and a refusal look alike on every tab. Colour is
never alone (UX.md): each kind has its sign as well.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ltsa_desk.ui import style
from ltsa_desk.ui.fields import WARNING_SIGN, MessageKind

__all__ = ["show_message"]

_MESSAGE_COLOURS = {
    MessageKind.INFO: "#455a64",
    MessageKind.SUCCESS: style.DELIVERED,
    MessageKind.WARNING: style.PENDING,
    MessageKind.ERROR: style.ERROR_TEXT,
}
_MESSAGE_SIGNS = {
    MessageKind.SUCCESS: "\u2714 ",
    MessageKind.WARNING: WARNING_SIGN + " ",
    MessageKind.ERROR: WARNING_SIGN + " ",
}


def show_message(label: QLabel, kind: MessageKind, text: str) -> None:
    """Put ``text`` on a panel's message line in the colour and with the sign of its kind."""
    colour = _MESSAGE_COLOURS.get(kind)
    label.setStyleSheet(f"color: {colour};" if colour else "")
    label.setText(_MESSAGE_SIGNS.get(kind, "") + text if text else "")
