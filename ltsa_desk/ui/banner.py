"""The banner across the top of the work area when the line needs someone's attention (UX.md).

It appears when a destination has been offline longer than an hour, when submissions were refused
and need the officer, or when a destination is paused because its credentials were refused. It
says what that means for the work at the counter and what to do, in words, never an error code,
with one button to the Sync screen. A short outage (minutes) shows only in the status bar: the
queue handles it by itself and a banner would teach officers to ignore banners.

A desk of a shared office also shows it at once when the office's own database server stops
answering: unlike the internet line, nothing can be saved meanwhile, so the officer must know now
(and that the desk reconnects by itself, so nobody restarts it or starts a private copy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ltsa_desk.ui import style
from ltsa_desk.ui.line_status import (
    DESTINATIONS,
    destination_label,
    dot_pixmap,
    format_duration,
    icon_pixmap,
    offline_seconds,
    waiting_count,
)

translate = QCoreApplication.translate

OFFLINE_THRESHOLD_S = 3600.0

WARNING = "warning"
ERROR = "error"


@dataclass(frozen=True)
class BannerMessage:
    level: str  # warning (offline) or error (refusals, credentials)
    kind: str  # offline, attention, paused
    destinations: tuple[str, ...]
    text: str


def _offline_message(offline: list[tuple[str, float, int]]) -> BannerMessage:
    """One sentence for every destination that is down: the line is usually one line."""
    names = [destination_label(name) for name, _away, _waiting in offline]
    joined = (
        names[0]
        if len(names) == 1
        else translate("Banner", "{first} dan {second}").format(
            first=", ".join(names[:-1]), second=names[-1]
        )
    )
    longest = max(away for _name, away, _waiting in offline)
    waiting = sum(count for _name, _away, count in offline)
    text = translate(
        "Banner", "Sambungan ke {destinations} terputus sejak {duration} lalu."
    ).format(destinations=joined, duration=format_duration(longest))
    if waiting:
        text += " " + translate(
            "Banner",
            "Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan {n} kiriman akan "
            "terkirim sendiri saat sambungan kembali.",
        ).format(n=waiting)
    else:
        text += " " + translate(
            "Banner",
            "Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan akan terkirim "
            "sendiri saat sambungan kembali.",
        )
    text += " " + translate("Banner", "Periksa internet kantor bila berlangsung lama.")
    return BannerMessage(WARNING, "offline", tuple(n for n, _a, _w in offline), text)


def banner_messages(
    status: dict[str, Any] | None,
    *,
    now: datetime | None = None,
    offline_threshold_s: float = OFFLINE_THRESHOLD_S,
) -> list[BannerMessage]:
    """What the banner must say for this status, most serious first; empty when all is well."""
    paused: list[BannerMessage] = []
    refused: list[BannerMessage] = []
    offline: list[tuple[str, float, int]] = []
    for name in DESTINATIONS:
        info = (status or {}).get(name) or {}
        if not info.get("configured"):
            continue
        label = destination_label(name)
        waiting = waiting_count(info)
        if info.get("paused"):
            paused.append(
                BannerMessage(
                    ERROR,
                    "paused",
                    (name,),
                    translate(
                        "Banner",
                        "Pengiriman ke {destination} ditunda: server menolak kredensial kantor. "
                        "Pekerjaan tetap tersimpan ({n} kiriman menunggu). Hubungi teknisi "
                        "untuk memperbarui kredensial.",
                    ).format(destination=label, n=waiting),
                )
            )
        else:
            away = offline_seconds(info, now)
            if away is not None and away > offline_threshold_s:
                offline.append((name, away, waiting))
        attention = int(info.get("needs_attention") or 0)
        if attention:
            refused.append(
                BannerMessage(
                    ERROR,
                    "attention",
                    (name,),
                    translate(
                        "Banner",
                        "{n} kiriman ditolak oleh {destination} dan perlu tindakan. Buka "
                        "Sinkronisasi untuk melihat alasannya, lalu perbaiki data CPMI.",
                    ).format(n=attention, destination=label),
                )
            )
    messages = paused + refused
    if offline:
        messages.append(_offline_message(offline))
    return messages


class Banner(QFrame):
    """Shown above the work area while `banner_messages` has something to say.

    Connect the bridge's `status_changed` to `update_status`; `open_sync` asks the window to
    show the Sync screen. `offline_threshold_s` is injectable so tests need not wait an hour.
    """

    open_sync = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, offline_threshold_s: float = OFFLINE_THRESHOLD_S
    ) -> None:
        super().__init__(parent)
        self.offline_threshold_s = offline_threshold_s
        self.messages: list[BannerMessage] = []
        self.last_status: dict[str, Any] | None = None
        self.server_down: tuple[str, datetime] | None = None
        self.setObjectName("syncBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel()
        self.icon.setFixedSize(20, 20)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton(self.tr("Buka Sinkronisasi"))
        self.button.setToolTip(self.tr("Lihat apa yang menunggu dan apa yang perlu diperbaiki"))
        self.button.clicked.connect(lambda: self.open_sync.emit())
        text_column = QVBoxLayout()
        text_column.setSpacing(2)
        text_column.addWidget(self.title)
        text_column.addWidget(self.body)
        text_column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text_column, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def set_office_server(self, reachable: bool, server: str) -> None:
        """The shared office database server stopped (or started again) answering."""
        if reachable:
            self.server_down = None
        elif self.server_down is None:
            self.server_down = (server, datetime.now())
        self.update_status(self.last_status or {})

    def _server_message(self) -> BannerMessage | None:
        if self.server_down is None:
            return None
        server, since = self.server_down
        return BannerMessage(
            ERROR,
            "server",
            (),
            self.tr(
                "Server basis data kantor ({server}) tidak menjawab sejak {time}. Data loket "
                "disimpan di server itu, jadi pendaftaran dan pencarian menunggu sampai server "
                "kembali; LTSA Desk menyambung lagi sendiri, tidak perlu ditutup. Periksa PC "
                "server dan jaringan kantor."
            ).format(server=server, time=since.strftime("%H:%M")),
        )

    def update_status(self, status: dict[str, Any], now: datetime | None = None) -> None:
        self.last_status = status
        self.messages = banner_messages(
            status, now=now, offline_threshold_s=self.offline_threshold_s
        )
        server = self._server_message()
        if server is not None:
            self.messages.insert(0, server)
        if not self.messages:
            self.hide()
            return
        serious = any(m.level == ERROR for m in self.messages)
        background = style.BANNER_ERROR_BG if serious else style.BANNER_WARNING_BG
        accent = style.ATTENTION if serious else style.PENDING
        self.setStyleSheet(
            f"QFrame#syncBanner {{ background: {background}; border: 1px solid {accent};"
            " border-radius: 4px; }"
        )
        icon = icon_pixmap("warning" if serious else "dot-amber", 20)
        self.icon.setPixmap(icon if icon is not None else dot_pixmap(accent, size=18))
        self.title.setStyleSheet(f"color: {accent};")
        kinds = {m.kind for m in self.messages}
        if "server" in kinds:
            self.title.setText(self.tr("Server kantor tidak menjawab"))
        elif "attention" in kinds or "paused" in kinds:
            self.title.setText(self.tr("Perlu tindakan"))
        else:
            self.title.setText(self.tr("Sambungan terputus - pekerjaan tetap tersimpan"))
        if len(self.messages) == 1:
            self.body.setText(self.messages[0].text)
        else:
            self.body.setText("\n".join(f"\u2022 {m.text}" for m in self.messages))
        self.show()

    def text(self) -> str:
        """Everything the banner says (for tests and screen readers)."""
        return f"{self.title.text()}\n{self.body.text()}" if self.messages else ""
