"""Waiting for the office's shared database server when a desk starts while it is down.

A desk of a shared office has no data of its own: everything is on the office server. When that
server does not answer at start, the desk says so in words, keeps trying by itself every few
seconds, and opens as soon as the server is back. It never offers to work on a private local copy:
two copies of the office's register would have to be merged later, and a CPMI registered in one
would be missing at every other desk meanwhile.

The attempts run on a helper thread (an unreachable server takes up to the connect timeout to
fail), so the dialog stays responsive and can be closed at any time.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ltsa_desk.counter.workspace import Workspace, open_workspace
from ltsa_desk.services.counter_start import OfficeServerUnreachable
from ltsa_desk.ui.plain import plain_label

Opener = Callable[[Path], Workspace]


class ServerWaitDialog(QDialog):
    """Tries to open the data folder again every ``retry_ms`` until the server answers.

    ``workspace`` holds the opened workspace once accepted; closing the dialog gives up (the
    application then ends, nothing changed).
    """

    _attempted = Signal(object)

    def __init__(
        self,
        data_dir: Path,
        reason: str,
        parent: QWidget | None = None,
        *,
        opener: Opener = open_workspace,
        retry_ms: int = 3000,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.opener = opener
        self.workspace: Workspace | None = None
        self.attempts = 0
        self._busy = False
        self._finished = False
        self.setWindowTitle(self.tr("Menunggu server kantor"))
        self.setMinimumWidth(520)
        self.title = QLabel(
            self.tr(
                "Server basis data kantor belum menjawab. LTSA Desk mencoba lagi sendiri dan "
                "terbuka begitu server kembali; tidak perlu menutup atau memasang ulang apa pun."
            )
        )
        self.title.setWordWrap(True)
        self.detail = plain_label(reason)  # the driver's words, a host name
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counter = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.counter)
        layout.addWidget(buttons)
        self._attempted.connect(self._on_attempt, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setInterval(retry_ms)
        self._timer.timeout.connect(self.try_now)
        self._timer.start()

    def try_now(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.attempts += 1
        self.counter.setText(self.tr("Percobaan ke-{n}...").format(n=self.attempts))

        def attempt() -> None:
            try:
                outcome: object = self.opener(self.data_dir)
            except BaseException as exc:  # handed to the GUI thread, judged there
                outcome = exc
            with contextlib.suppress(RuntimeError):  # the dialog is already gone
                self._attempted.emit(outcome)

        threading.Thread(target=attempt, name="office-server-wait", daemon=True).start()

    @Slot(object)
    def _on_attempt(self, outcome: object) -> None:
        self._busy = False
        if isinstance(outcome, Workspace):
            if self._finished:
                outcome.close()  # closed meanwhile: nobody will use it
                return
            self.workspace = outcome
            self._timer.stop()
            self.accept()
            return
        if isinstance(outcome, OfficeServerUnreachable):
            self.detail.setText(str(outcome))
            return
        # Anything else is not a waiting matter (a refused desk, a damaged configuration).
        self._timer.stop()
        self.detail.setText(str(outcome))
        self.title.setText(self.tr("LTSA Desk tidak bisa dibuka:"))

    def done(self, result: int) -> None:
        self._finished = True
        self._timer.stop()
        super().done(result)


def wait_for_office_server(data_dir: Path, reason: str) -> Workspace | None:
    """Show the waiting dialog; the workspace once the server answers, None when closed."""
    dialog = ServerWaitDialog(data_dir, reason)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.workspace
    return None
