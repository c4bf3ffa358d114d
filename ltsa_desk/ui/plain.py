"""Text that comes from data is shown as text, never interpreted as markup.

Qt guesses: a QLabel, a QMessageBox and every tooltip in the default AutoText mode render any
string that *looks like* HTML as HTML. A CPMI named ``<img src=file://host/share/x>`` (old data,
an imported register) would make the counter PC fetch that file, and on Windows a
``file://host/...`` source hands the Windows account's password hash to that host. So every
widget that may show a name, P3MI, address, reason or file name goes through these helpers.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

__all__ = ["plain", "plain_label", "plain_question", "plain_tip", "plain_warning"]

L = TypeVar("L", bound=QLabel)


def plain(label: L) -> L:
    """Make ``label`` show its text literally (no guessing), and hand it back."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A new label that shows ``text`` (and every later text) literally."""
    return plain(QLabel(text, parent))


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` literally.

    Tooltips have no format switch: Qt decides per string. A string Qt would take for markup
    is handed over already escaped (``<p>&lt;img...</p>``), which Qt then shows as the
    original characters; any other string is left as it is.
    """
    return GuiQt.convertFromPlainText(text) if GuiQt.mightBeRichText(text) else text


def _box(
    icon: QMessageBox.Icon,
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_question(parent: QWidget | None, title: str, text: str) -> bool:
    """``QMessageBox.question`` (Yes/No, Esc = No) with the text shown literally."""
    box = _box(
        QMessageBox.Icon.Question,
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def plain_warning(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.warning`` (OK) with the text shown literally."""
    _box(QMessageBox.Icon.Warning, parent, title, text, QMessageBox.StandardButton.Ok).exec()
