"""The Sync page's destination cards: one remote system each, the line in words and the numbers.

Per destination: online or offline and since when, what waits, the oldest wait, the last
delivery, and a paused or unset destination shown as a task for the technician, with the command
that fixes it. Painted from the status dict (``services.sync_status``) the page already read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ltsa_desk.ui import style
from ltsa_desk.ui.line_status import (
    PAUSED,
    UNSET,
    LineIndicator,
    describe_line,
    destination_label,
    format_duration,
    offline_seconds,
    parse_time,
    waiting_count,
)
from ltsa_desk.ui.plain import plain_label


def local_time(value: str | None) -> str:
    """An ISO UTC time from the database as the counter's local date and time."""
    when = parse_time(value)
    return "-" if when is None else when.astimezone().strftime("%d-%m-%Y %H:%M")


class DestinationCard(QGroupBox):
    """One remote system: the line in words and the numbers behind it."""

    def __init__(self, destination: str, parent: QWidget | None = None) -> None:
        super().__init__(destination_label(destination), parent)
        self.destination = destination
        self.indicator = LineIndicator(destination, self)
        self.indicator.text.setWordWrap(True)
        bold = self.indicator.text.font()
        bold.setBold(True)
        self.indicator.text.setFont(bold)
        self.offline_since = QLabel("-")
        self.waiting = QLabel("-")
        self.in_flight = QLabel("-")
        self.attention = QLabel("-")
        self.delivered = QLabel("-")
        self.oldest = QLabel("-")
        self.last_delivery = QLabel("-")
        self.technician = plain_label()
        self.technician.setWordWrap(True)
        self.technician.setStyleSheet(f"color: {style.PAUSED};")
        self.technician.hide()
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        form.addRow(self.tr("Offline sejak"), self.offline_since)
        form.addRow(self.tr("Menunggu"), self.waiting)
        form.addRow(self.tr("Sedang dikirim"), self.in_flight)
        form.addRow(self.tr("Perlu tindakan"), self.attention)
        form.addRow(self.tr("Terkirim"), self.delivered)
        form.addRow(self.tr("Kiriman tertua menunggu"), self.oldest)
        form.addRow(self.tr("Pengiriman terakhir"), self.last_delivery)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.indicator)
        layout.addWidget(self.technician)
        layout.addLayout(form)
        layout.addStretch(1)  # cards side by side share a height; keep the words at the top

    def show_info(
        self, info: dict[str, Any], last_delivered: str | None, now: datetime | None
    ) -> None:
        state = describe_line(self.destination, info, now)
        # The card's title already names the destination: the words alone.
        self.indicator.show_state(state)
        self.indicator.text.setText(state.text)
        self.indicator.text.setMinimumWidth(0)  # the card wraps long words instead
        away = offline_seconds(info, now)
        if away is None:
            self.offline_since.setText("-")
        else:
            self.offline_since.setText(
                self.tr("{when} ({duration})").format(
                    when=local_time(info.get("offline_since")), duration=format_duration(away)
                )
            )
        self.waiting.setText(str(int(info.get("pending") or 0)))
        self.in_flight.setText(str(int(info.get("in_flight") or 0)))
        attention = int(info.get("needs_attention") or 0)
        self.attention.setText(str(attention))
        self.attention.setStyleSheet(
            f"color: {style.ATTENTION}; font-weight: bold;" if attention else ""
        )
        self.delivered.setText(str(int(info.get("delivered") or 0)))
        age = info.get("oldest_pending_age_s")
        self.oldest.setText(
            format_duration(age) if age is not None and waiting_count(info) else "-"
        )
        self.last_delivery.setText(
            local_time(last_delivered) if last_delivered else self.tr("belum ada")
        )
        if state.level == PAUSED:
            self.technician.setText(
                self.tr(
                    "Server menolak kredensial kantor; kiriman disimpan dan menunggu. Teknisi: "
                    "perbarui dengan 'ltsa-desk credentials set {destination} --token-stdin'."
                ).format(destination=self.destination)
            )
            self.technician.show()
        elif state.level == UNSET:
            self.technician.setText(
                self.tr(
                    "Alamat server belum diatur; kiriman disimpan dan menunggu. Teknisi: atur "
                    "dengan 'ltsa-desk config set {destination}.url ALAMAT'."
                ).format(destination=self.destination)
            )
            self.technician.show()
        else:
            self.technician.hide()
