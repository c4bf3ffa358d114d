"""The USB bundle on the Sync page, for when the line stays down for days (``services.bundles``).

"Ekspor bundel USB" writes every waiting submission to a drive (encrypted) for an office with a
line to upload; "Impor tanda terima" marks them delivered from the upload's receipts file. The
scrypt and the file work run on the runner; the page shows the outcome in its message line.
The words keep the page's translation context ("SyncPage"): the .ts files key on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from shiboken6 import isValid

from ltsa_desk.services import bundles
from ltsa_desk.ui.context import UiContext

translate = QCoreApplication.translate


class BundleHost(Protocol):
    """What the bundle needs of its page."""

    ctx: UiContext
    last_error: str | None

    def reload(self) -> None: ...

    def say(self, text: str, error: bool = False) -> None: ...


class UsbBundle(QObject):
    """The two bundle buttons and what they do; the file dialogs are attributes so tests can
    answer them."""

    def __init__(self, host: BundleHost, page: QWidget) -> None:
        super().__init__(page)
        self.host = host
        self.page = page
        self.ask_export_path: Callable[[], str | None] = self._ask_export_path
        self.ask_receipts_path: Callable[[], str | None] = self._ask_receipts_path
        self.busy = False
        self.export_button = QPushButton(translate("SyncPage", "Ekspor bundel USB"))
        self.export_button.setToolTip(
            translate(
                "SyncPage",
                "Saat sambungan mati berhari-hari: tulis semua kiriman yang menunggu ke flashdisk "
                "(terenkripsi), untuk diunggah dari kantor yang punya sambungan",
            )
        )
        self.export_button.clicked.connect(self.export)
        self.import_button = QPushButton(translate("SyncPage", "Impor tanda terima"))
        self.import_button.setToolTip(
            translate(
                "SyncPage",
                "Tandai kiriman bundel sebagai terkirim, dari berkas tanda terima unggahan",
            )
        )
        self.import_button.clicked.connect(self.import_receipts)

    def export(self) -> None:
        """Write the waiting submissions to a chosen drive (scrypt and the write run off-thread)."""
        if self.busy:
            return
        chosen = self.ask_export_path()
        if not chosen:
            return
        workspace, actor, path = self.host.ctx.workspace, self.host.ctx.actor, Path(chosen)
        self._started(translate("SyncPage", "Menulis bundel..."))
        self.host.ctx.runner.run(
            lambda: bundles.export_bundle(workspace, path, actor),
            self._exported,
            self._failed,
        )

    def _exported(self, report: Any) -> None:
        if not isValid(self):
            return
        self._done()
        if not report.items:
            self.host.say(
                translate(
                    "SyncPage",
                    "Tidak ada kiriman yang bisa diekspor: semua terkirim atau perlu tindakan.",
                )
            )
            return
        self.host.say(
            translate(
                "SyncPage",
                "{n} kiriman ditulis ke {file}. Kiriman tetap menunggu di sini dan tidak akan "
                "terkirim dua kali. Setelah diunggah, impor tanda terimanya.",
            ).format(n=report.items, file=str(report.path))
        )
        self.host.reload()

    def import_receipts(self) -> None:
        if self.busy:
            return
        chosen = self.ask_receipts_path()
        if not chosen:
            return
        workspace, actor, path = self.host.ctx.workspace, self.host.ctx.actor, Path(chosen)
        self._started(translate("SyncPage", "Memeriksa tanda terima..."))
        self.host.ctx.runner.run(
            lambda: bundles.import_receipts(workspace, path, actor),
            self._imported,
            self._failed,
        )

    def _imported(self, report: Any) -> None:
        if not isValid(self):
            return
        self._done()
        applied = report.applied
        self.host.say(
            translate(
                "SyncPage",
                "Tanda terima diimpor: {delivered} kiriman kini terkirim, {already} sudah "
                "terkirim sebelumnya, {refused} ditolak (perlu tindakan), "
                "{waiting} masih menunggu.",
            ).format(
                delivered=applied.delivered,
                already=applied.already_delivered,
                refused=applied.refused,
                waiting=applied.still_waiting,
            )
        )
        if self.host.ctx.bridge is not None:
            self.host.ctx.bridge.refresh()
        self.host.reload()

    def _started(self, text: str) -> None:
        self.busy = True
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.host.say(text)

    def _done(self) -> None:
        self.busy = False
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._done()
        self.host.last_error = str(exc)
        if isinstance(exc, bundles.BundleError):
            text = str(exc)  # already in words for the officer, naming what to do
        else:
            text = translate(
                "SyncPage",
                "Bundel tidak bisa diproses. Coba lagi; jika tetap gagal, hubungi teknisi.",
            )
        self.host.say(text, error=True)

    def _ask_export_path(self) -> str | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self.page,
            translate("SyncPage", "Ekspor bundel USB"),
            bundles.default_bundle_name(self.host.ctx.workspace.config),
            translate("SyncPage", "Bundel LTSA (*.ltsab)"),
        )
        return chosen or None

    def _ask_receipts_path(self) -> str | None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self.page,
            translate("SyncPage", "Impor tanda terima"),
            "",
            translate("SyncPage", "Tanda terima bundel (*.ltsar);;Semua berkas (*)"),
        )
        return chosen or None
