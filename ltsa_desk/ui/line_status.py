"""The short truth about the line, always visible in the status bar (UX.md).

Per destination a coloured dot and words: "Online - semua terkirim", "Offline sejak 3 hari - 37
kiriman menunggu", "Ditunda - hubungi teknisi" (with a key icon), "Perlu tindakan: 2". Colour is
never the only signal: every state has its words, and the paused state also has its key icon.

The words come from the status dict the sync bridge emits (`sync_setup.status` shape); the pure
helpers here (`describe_line`, `format_duration`, `dot_pixmap`) are shared with the banner and the
Sync page so the three never disagree about what the line is doing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ltsa_desk.domain.regions import resource_dir
from ltsa_desk.ui import style
from ltsa_desk.ui.plain import plain_tip

translate = QCoreApplication.translate

DESTINATIONS: tuple[str, ...] = ("registry", "immigration")

# Levels, most severe first where it matters (see describe_line).
UNSET = "unset"
CHECKING = "checking"
PAUSED = "paused"
ATTENTION = "attention"
OFFLINE = "offline"
PENDING = "pending"
DELIVERED = "delivered"

LEVEL_COLOURS: dict[str, str] = {
    UNSET: style.OFFLINE,
    CHECKING: style.OFFLINE,
    PAUSED: style.PAUSED,
    ATTENTION: style.ATTENTION,
    OFFLINE: style.OFFLINE,
    PENDING: style.PENDING,
    DELIVERED: style.DELIVERED,
}


def destination_label(name: str) -> str:
    """The destination as the officer knows it (UX.md words table)."""
    if name == "registry":
        return translate("LineStatus", "Registri pusat")
    if name == "immigration":
        return translate("LineStatus", "Imigrasi")
    return name


def format_duration(seconds: float) -> str:
    """A duration in Indonesian at counter precision: minutes, then hours, then days.

    Floors, never rounds up: "sejak 2 jam" for 2 h 50 min is true, "sejak 3 jam" would not be.
    Under a minute reads "kurang dari 1 menit": never "0 menit", and not "1 menit" after 20 s
    (the officer compares it with `doctor` and the clock; both must stay true).
    """
    seconds = max(0.0, float(seconds))
    minutes = int(seconds // 60)
    if minutes < 1:
        return translate("LineStatus", "kurang dari 1 menit")
    if minutes < 60:
        return translate("LineStatus", "{n} menit").format(n=minutes)
    hours = minutes // 60
    if hours < 24:
        return translate("LineStatus", "{n} jam").format(n=hours)
    return translate("LineStatus", "{n} hari").format(n=hours // 24)


def parse_time(value: str | None) -> datetime | None:
    """An ISO time from the status dict; SQLite hands back UTC without a zone, so assume UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def utc_now() -> datetime:
    return datetime.now(UTC)


def offline_seconds(info: dict[str, Any], now: datetime | None = None) -> float | None:
    """How long the destination has been offline, or None when it is not known to be offline."""
    if info.get("online"):
        return None
    since = parse_time(info.get("offline_since"))
    if since is None:
        return None
    return max(0.0, ((now or utc_now()) - since).total_seconds())


def waiting_count(info: dict[str, Any]) -> int:
    """Submissions that will still leave by themselves: waiting plus being sent right now."""
    return int(info.get("pending") or 0) + int(info.get("in_flight") or 0)


@dataclass(frozen=True)
class LineState:
    """What one destination's line is doing, in words, with its level and colour."""

    destination: str
    label: str
    level: str
    text: str
    tooltip: str

    @property
    def colour(self) -> str:
        return LEVEL_COLOURS[self.level]

    @property
    def key_icon(self) -> bool:
        return self.level == PAUSED

    @property
    def full_text(self) -> str:
        return f"{self.label}: {self.text}"


def describe_line(name: str, info: dict[str, Any] | None, now: datetime | None = None) -> LineState:
    """The short truth for one destination.

    The dot shows the most urgent thing (paused, then needs attention, then offline, then
    waiting); the words carry all of it, so "Offline sejak 3 hari - 37 kiriman menunggu -
    Perlu tindakan: 2" never hides the refusals behind the outage.
    """
    label = destination_label(name)
    info = info or {}
    if not info.get("configured", False):
        return LineState(
            name,
            label,
            UNSET,
            translate("LineStatus", "belum diatur"),
            translate(
                "LineStatus", "Alamat server {destination} belum diatur. Hubungi teknisi."
            ).format(destination=label),
        )
    waiting = waiting_count(info)
    attention = int(info.get("needs_attention") or 0)
    parts: list[str] = []
    tips: list[str] = []
    if info.get("paused"):
        level = PAUSED
        parts.append(translate("LineStatus", "Ditunda - hubungi teknisi"))
        tips.append(
            translate("LineStatus", "Server tujuan menolak kredensial (token).")
            + " "
            + translate("LineStatus", "Data tetap tersimpan; teknisi perlu memperbarui kredensial.")
        )
        if waiting:
            parts.append(translate("LineStatus", "{n} kiriman menunggu").format(n=waiting))
    else:
        away = offline_seconds(info, now)
        if away is not None:
            parts.append(
                translate("LineStatus", "Offline sejak {duration}").format(
                    duration=format_duration(away)
                )
            )
            level = OFFLINE
            tips.append(
                translate(
                    "LineStatus",
                    "Sambungan terputus. Kiriman akan berangkat sendiri saat tersambung.",
                )
            )
            parts.append(
                translate("LineStatus", "{n} kiriman menunggu").format(n=waiting)
                if waiting
                else translate("LineStatus", "tidak ada kiriman menunggu")
            )
        elif info.get("online"):
            parts.append(translate("LineStatus", "Online"))
            if waiting:
                level = PENDING
                parts.append(translate("LineStatus", "{n} kiriman menunggu").format(n=waiting))
            else:
                level = DELIVERED
                if not attention:
                    parts.append(translate("LineStatus", "semua terkirim"))
        else:
            # No probe answered yet since this database was set up (or the engine just started).
            level = CHECKING
            parts.append(translate("LineStatus", "Memeriksa sambungan"))
            if waiting:
                parts.append(translate("LineStatus", "{n} kiriman menunggu").format(n=waiting))
    if attention:
        parts.append(translate("LineStatus", "Perlu tindakan: {n}").format(n=attention))
        tips.append(
            translate(
                "LineStatus", "Ada kiriman yang ditolak. Buka Sinkronisasi untuk memperbaikinya."
            )
        )
        if level != PAUSED:
            level = ATTENTION
    age = info.get("oldest_pending_age_s")
    if waiting and age is not None:
        tips.append(
            translate("LineStatus", "Kiriman tertua menunggu {duration}.").format(
                duration=format_duration(age)
            )
        )
    return LineState(name, label, level, " - ".join(parts), " ".join(tips))


LEVEL_ICONS: dict[str, str] = {
    UNSET: "dot-grey",
    CHECKING: "dot-grey",
    PAUSED: "key",
    ATTENTION: "dot-red",
    OFFLINE: "dot-grey",
    PENDING: "dot-amber",
    DELIVERED: "dot-green",
}


def icons_dir() -> Path:
    return resource_dir("icons")


@functools.lru_cache(maxsize=64)
def icon_pixmap(name: str, size: int = 16) -> QPixmap | None:
    """A shared icon from ``resources/icons`` (tiny SVGs, read once), or None when missing.

    Cached: the status bar asks again at every status refresh while a backlog drains, and each
    SVG rendering hands the interpreter lock to the busy sync threads and waits to get it back.
    """
    path = icons_dir() / f"{name}.svg"
    if not path.exists():
        return None
    pixmap = QIcon(str(path)).pixmap(size, size)
    return None if pixmap.isNull() else pixmap


def level_pixmap(level: str, size: int = 16) -> QPixmap:
    """The level's icon from resources (dot, or key for paused); painted if the file is absent."""
    found = icon_pixmap(LEVEL_ICONS[level], size)
    if found is not None:
        return found
    return dot_pixmap(LEVEL_COLOURS[level], key=level == PAUSED, size=size)


def dot_pixmap(colour: str, *, key: bool = False, size: int = 14) -> QPixmap:
    """A filled dot, or for the paused state a small key drawn in the same grey (UX.md)."""
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour_value = QColor(colour)
    if key:
        pen = QPen(colour_value)
        pen.setWidthF(size / 7)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = size * 0.42
        painter.drawEllipse(QRectF(size * 0.06, size * 0.29, ring, ring))
        mid_y = size * 0.29 + ring / 2
        painter.drawLine(QPointF(size * 0.06 + ring, mid_y), QPointF(size * 0.95, mid_y))
        painter.drawLine(QPointF(size * 0.80, mid_y), QPointF(size * 0.80, mid_y + size * 0.22))
        painter.drawLine(QPointF(size * 0.66, mid_y), QPointF(size * 0.66, mid_y + size * 0.16))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour_value)
        painter.drawEllipse(QRectF(size * 0.1, size * 0.1, size * 0.8, size * 0.8))
    painter.end()
    return pixmap


class LineIndicator(QWidget):
    """One destination: its dot (or key) and its words."""

    def __init__(self, destination: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.destination = destination
        self.dot = QLabel()
        self.dot.setFixedSize(16, 16)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.dot)
        layout.addWidget(self.text)
        self.state: LineState | None = None
        self.show_state(describe_line(destination, None))

    def show_state(self, state: LineState) -> None:
        if state == self.state:
            return
        self.state = state
        self.dot.setPixmap(level_pixmap(state.level))
        self.dot.setAccessibleName(state.level)
        self.text.setText(state.full_text)
        # The words are the point: a crowded status bar squeezes its message, never these.
        self.text.setMinimumWidth(self.text.sizeHint().width())
        self.text.setStyleSheet(f"color: {state.colour};" if state.level == ATTENTION else "")
        self.setToolTip(plain_tip(state.tooltip))  # may quote a server's answer


class LineStatus(QFrame):
    """The status-bar widget: one indicator per destination. Click to open the Sync screen.

    Feed it with `update_status(status)`; connect the bridge's `status_changed` to it.
    """

    open_sync = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicators: dict[str, LineIndicator] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for index, name in enumerate(DESTINATIONS):
            if index:
                separator = QFrame()
                separator.setFrameShape(QFrame.Shape.VLine)
                separator.setFrameShadow(QFrame.Shadow.Sunken)
                layout.addWidget(separator)
            indicator = LineIndicator(name, self)
            self.indicators[name] = indicator
            layout.addWidget(indicator)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Klik untuk membuka Sinkronisasi"))
        self.last_status: dict[str, Any] | None = None

    def update_status(self, status: dict[str, Any], now: datetime | None = None) -> None:
        self.last_status = status
        for name, indicator in self.indicators.items():
            indicator.show_state(describe_line(name, status.get(name), now))

    def texts(self) -> dict[str, str]:
        """What each indicator says (for tests and the tour)."""
        return {name: ind.text.text() for name, ind in self.indicators.items()}

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.open_sync.emit()
        super().mousePressEvent(event)
