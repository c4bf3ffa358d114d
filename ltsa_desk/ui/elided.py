"""A one-line label that never widens its page: text too long for the room it gets is cut with
"..." and shown whole in the tooltip (and to screen readers).

A plain QLabel's minimum width is its whole text, so one long name ("Hj. Baiq Nurul Aini binti
Lalu Muhammad Zainuddin") beside the case numbers made the counter window wider than the
1366 px screen (issue 18). The text is data, so it is always shown literally. ``text()`` stays
the whole text; only the painting is cut.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ltsa_desk.ui.plain import plain_tip


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt
        super().setText(text)
        self.setAccessibleName(text)
        self._update_tip()

    def shown_text(self) -> str:
        """What fits: the text itself, or its start and "..."."""
        room = max(0, self.contentsRect().width() - 2 * self.margin())
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt
        height = super().minimumSizeHint().height()
        return QSize(self.fontMetrics().horizontalAdvance("M") * 6, height)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt
        super().resizeEvent(event)
        self._update_tip()

    def _update_tip(self) -> None:
        self.setToolTip(plain_tip(self.text()) if self.is_elided() else "")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        rect = self.contentsRect().adjusted(
            self.margin(), self.margin(), -self.margin(), -self.margin()
        )
        painter.drawText(rect, int(self.alignment()), self.shown_text())
        painter.end()
