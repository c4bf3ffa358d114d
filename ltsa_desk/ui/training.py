"""Training mode in the window: the banner on every screen, the watermark, and the switch.

The main window calls these; the training data folder and its simulator are
`ltsa_desk.services.training`. Only a technician or an admin may switch (a new officer must not be
able to leave training by accident, nor an officer enter it in the middle of real work).

Switching in:
    switch = TrainingSwitch(runner, base_data_dir)
    switch.started.connect(lambda env: ...)   # env.workspace: the training Workspace
    switch.start(actor)                        # starts ltsa-sim and opens the database off the GUI
    bridge = make_training_bridge(env, runner) # the training sync engine, never the real tokens
Switching out: `bridge.stop()`, then `switch.stop()` (closes the database, stops the simulator;
emits `stopped`). Put `TrainingBanner()` at the top of the window while `ctx.training` is True.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ltsa_desk.services.context import Actor
from ltsa_desk.services.training import TrainingEnvironment, open_training
from ltsa_desk.ui import style
from ltsa_desk.ui.sync_bridge import SyncBridge
from ltsa_desk.ui.workers import Runner

translate = QCoreApplication.translate

SWITCH_ROLES = frozenset({"technician", "admin"})


def training_text() -> str:
    return translate("Training", "MODE LATIHAN - data tidak nyata")


def watermark_text() -> str:
    """Printed across every letter and receipt made in training mode."""
    return translate("Training", "LATIHAN - TIDAK SAH")


def may_switch_training(actor: Actor) -> bool:
    """Only a technician or an admin turns training mode on or off."""
    return actor.role in SWITCH_ROLES


class TrainingBanner(QLabel):
    """The purple bar across every screen while training mode is on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(training_text(), parent)
        self.setObjectName("trainingBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.font()
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.15)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        self.setFont(font)
        self.setMinimumHeight(32)
        self.setStyleSheet(
            f"QLabel#trainingBanner {{ background: {style.TRAINING_BG}; color: white;"
            " padding: 4px; }"
        )
        self.setToolTip(
            translate(
                "Training",
                "Semua yang dibuat di sini hanya latihan: tidak dikirim ke Registri pusat atau "
                "Imigrasi dan tidak tercampur dengan data kantor.",
            )
        )


def paint_watermark(painter: QPainter, rect: QRectF, text: str | None = None) -> None:
    """Translucent text along the page's diagonal (letters, receipts, hand-carry PDFs).

    Sized to the diagonal, so it reads whole on any page size and cannot be cropped off.
    """
    text = text or watermark_text()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(style.TRAINING_BG)
    colour.setAlpha(60)
    painter.setPen(colour)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(100)
    diagonal = math.hypot(rect.width(), rect.height())
    width = QFontMetricsF(font).horizontalAdvance(text) or 1.0
    font.setPixelSize(max(8, int(100 * 0.72 * diagonal / width)))
    painter.setFont(font)
    painter.translate(rect.center())
    painter.rotate(-math.degrees(math.atan2(rect.height(), rect.width())))
    box = QRectF(-diagonal / 2, -rect.height() / 4, diagonal, rect.height() / 2)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def confirm_switch(parent: QWidget | None, entering: bool) -> bool:
    """Ask before switching: the window's work in progress belongs to the other database."""
    if entering:
        title = translate("Training", "Masuk Mode latihan?")
        text = translate(
            "Training",
            "Aplikasi akan memakai basis data latihan dan server tiruan. Data kantor tidak "
            "tersentuh. Pekerjaan yang belum disimpan di layar ini akan ditutup.",
        )
    else:
        title = translate("Training", "Keluar dari Mode latihan?")
        text = translate(
            "Training",
            "Aplikasi kembali ke data kantor yang sebenarnya. Data latihan tetap tersimpan "
            "untuk latihan berikutnya.",
        )
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def make_training_bridge(
    environment: TrainingEnvironment, runner: Runner, parent: QObject | None = None
) -> SyncBridge:
    """The sync bridge for the training workspace, with the training engine (training tokens)."""
    return SyncBridge(
        environment.workspace,
        runner,
        parent,
        engine_factory=environment.session.engine_factory,
    )


class TrainingSwitch(QObject):
    """Turns training mode on and off without blocking the window.

    Signals: `started(TrainingEnvironment)`, `stopped()`, `failed(str)` (a message for the
    technician, in Indonesian).
    """

    started = Signal(object)
    stopped = Signal()
    failed = Signal(str)

    def __init__(
        self, runner: Runner, base_data_dir: Path, parent: QObject | None = None, **options: object
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.base_data_dir = Path(base_data_dir)
        self.options = options
        self.environment: TrainingEnvironment | None = None
        self.busy = False
        self.last_thread_name: str | None = None

    @property
    def active(self) -> bool:
        return self.environment is not None

    def start(self, actor: Actor) -> None:
        """Start the simulator and open the training database on the runner."""
        if not may_switch_training(actor):
            raise PermissionError(
                translate("Training", "Hanya Teknisi atau Admin yang dapat mengubah Mode latihan")
            )
        if self.busy or self.environment is not None:
            return
        self.busy = True
        base, options = self.base_data_dir, dict(self.options)

        def job() -> TrainingEnvironment:
            self.last_thread_name = threading.current_thread().name
            return open_training(base, **options)  # type: ignore[arg-type]

        self.runner.run(job, self._started, self._failed)

    def _started(self, environment: TrainingEnvironment) -> None:
        self.busy = False
        self.environment = environment
        self.started.emit(environment)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.failed.emit(
            translate("Training", "Mode latihan tidak bisa dimulai: {reason}").format(
                reason=str(exc)
            ),
        )

    def stop(self) -> None:
        """Close the training database and stop the simulator (stop its bridge first)."""
        environment, self.environment = self.environment, None
        if environment is None:
            return
        self.busy = True
        self.runner.run(environment.close, lambda _r: self._stopped(), self._stop_failed)

    def _stopped(self) -> None:
        self.busy = False
        self.stopped.emit()

    def _stop_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.failed.emit(
            translate("Training", "Mode latihan tidak berhenti dengan rapi: {reason}").format(
                reason=str(exc)
            ),
        )
        self.stopped.emit()
