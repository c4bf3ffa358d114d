"""The office scanner's output folder, watched: a new scan shows up here, ready to attach.

Offices scan the CPMI's papers on a shared scanner that drops PDF/JPEG files into one folder
(config ``scan.inbox``). Without this list the officer would hunt for "the newest file" in a file
dialog for every paper; here the newest scan is on top and already selected, so attaching is one
key press.

Why both a watcher and a slow poll: ``QFileSystemWatcher`` is instant on a local disk but does not
fire reliably for network shares (where scanners often write), and a folder that does not exist
yet (scanner not set up) cannot be watched at all. The folder is listed on the runner, never on
the GUI thread: a share on a sleeping NAS can take seconds to answer.

Why files "still being written" are held back: a scanner writes a multi-page PDF over several
seconds; attaching it half-way would be refused as incomplete (or, worse, a PDF with its end
marker already written but pages missing). A file whose size or time changed within the last
moments is listed as such and listed again shortly after.

After a scan is attached it is moved into a ``terlampir`` sub-folder, so the list shows only what
still waits and nobody attaches the same paper to the next CPMI by mistake.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ltsa_desk.services.attachment_files import format_size
from ltsa_desk.ui import style
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.operation import Failure, Operation
from ltsa_desk.ui.plain import plain_label

log = logging.getLogger(__name__)

__all__ = [
    "ATTACHED_FOLDER",
    "SCAN_SUFFIXES",
    "ScanFile",
    "ScanInbox",
    "ScanListing",
    "file_away",
    "list_scans",
]

SCAN_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png"})
ATTACHED_FOLDER = "terlampir"
#: A file touched more recently than this is taken to be still written by the scanner.
SETTLE_SECONDS = 2.0
#: Debounce of watcher events: a scanner writing one file fires many of them.
DEBOUNCE_MS = 300
#: The backstop poll for shares where the watcher stays silent.
POLL_MS = 15_000
_MAX_LISTED = 200


@dataclass(frozen=True)
class ScanFile:
    """One scan in the inbox, as plain data read on the runner."""

    path: Path
    size: int
    modified: float  # seconds since the epoch
    settled: bool

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def kind(self) -> str:
        suffix = self.path.suffix.lower()
        return "PDF" if suffix == ".pdf" else ("PNG" if suffix == ".png" else "JPEG")


@dataclass(frozen=True)
class ScanListing:
    """The folder's scans, newest first; ``problem`` says why there are none to show."""

    folder: Path | None
    files: list[ScanFile] = field(default_factory=list)
    problem: str | None = None

    @property
    def unsettled(self) -> bool:
        return any(not scan.settled for scan in self.files)


def list_scans(folder: Path, *, now: float | None = None) -> ScanListing:
    """List the PDF/JPEG/PNG files of ``folder`` (not its sub-folders), newest first.

    Runs on the runner. Hidden files and the temporary files scanners and Office write
    (``.name``, ``~name``) are skipped.
    """
    moment = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return ScanListing(folder, problem="missing")
    except OSError:
        return ScanListing(folder, problem="unreadable")
    files: list[ScanFile] = []
    for entry in entries:
        name = entry.name
        if name.startswith((".", "~")) or Path(name).suffix.lower() not in SCAN_SUFFIXES:
            continue
        try:
            if not entry.is_file():
                continue
            info = entry.stat()
        except OSError:
            continue  # removed while listing
        settled = moment - info.st_mtime >= SETTLE_SECONDS and info.st_size > 0
        files.append(ScanFile(Path(entry.path), info.st_size, info.st_mtime, settled))
    files.sort(key=lambda scan: (scan.modified, scan.name), reverse=True)
    return ScanListing(folder, files[:_MAX_LISTED])


def file_away(path: Path) -> Path | None:
    """Move an attached scan into the ``terlampir`` sub-folder (runs on the runner).

    The scan is already safe in the attachment store; moving it only tidies the inbox. A name
    already taken there gets a number; a move that fails (read-only share, file open in a
    viewer) leaves the scan where it is and returns ``None``: never worth an error message.
    """
    target_dir = path.parent / ATTACHED_FOLDER
    try:
        target_dir.mkdir(exist_ok=True)
        target = target_dir / path.name
        number = 1
        while target.exists():
            target = target_dir / f"{path.stem}-{number}{path.suffix}"
            number += 1
        path.replace(target)
    except OSError:
        log.info("scan could not be moved out of the inbox", exc_info=True)
        return None
    return target


class ScanInbox(QWidget):
    """The list of scans waiting in the office's scan folder.

    Signals: ``scan_selected(path or None)`` when the highlighted scan changes (the panel shows
    its preview); ``scan_activated(path)`` on Enter or double-click (the panel attaches it);
    ``listed(ScanListing)`` after every refresh.
    """

    scan_selected = Signal(object)
    scan_activated = Signal(object)
    listed = Signal(object)

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        configured = folder if folder is not None else ctx.workspace.config.get("scan.inbox")
        self.folder: Path | None = Path(configured) if configured else None
        self.listing = ScanListing(self.folder)
        self.last_thread: str | None = None
        self._known: set[Path] = set()
        self._first_listing = True
        self._in_flight = False
        self._again = False

        self.title = QLabel(self.tr("Scan baru di folder pemindai"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.status = plain_label()  # names scanned files
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Scan baru di folder pemindai"))
        self.list.setAccessibleDescription(
            self.tr("Enter atau klik dua kali: lampirkan scan ini ke dokumen yang dipilih")
        )
        self.list.setAlternatingRowColors(True)
        self.list.setStyleSheet(f"QListWidget::item {{ min-height: {style.ROW_HEIGHT}px; }}")
        self.list.setToolTip(
            self.tr("Enter atau klik dua kali: lampirkan scan ini ke dokumen yang dipilih")
        )
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(self._activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)

        if self.folder is None:
            self._show_problem(
                self.tr(
                    "Folder pemindai belum diatur. Admin dapat mengaturnya di Pengaturan "
                    "(scan.inbox); sementara itu lampirkan dari berkas."
                )
            )
        else:
            self.refresh()

    # ------------------------------------------------------------------------------ visibility

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt
        """Poll only while the officer can see the list; the watcher keeps working regardless."""
        super().showEvent(event)
        if self.folder is not None:
            self._poll.start()
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt
        super().hideEvent(event)
        self._poll.stop()

    # ------------------------------------------------------------------------------ listing

    def refresh(self) -> None:
        """List the folder again on the runner (one listing at a time; a later ask re-runs)."""
        if self.folder is None or not shiboken6.isValid(self):
            return
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        folder = self.folder

        def job() -> ScanListing:
            self.last_thread = threading.current_thread().name
            return list_scans(folder)

        Operation(self, self.ctx.runner, job).success(self._listed).failure(
            self._list_failed
        ).run_in_background()

    def _folder_changed(self, _path: str) -> None:
        self._debounce.start()

    def _listed(self, listing: ScanListing) -> None:
        self._in_flight = False
        self.listing = listing
        self._watch()
        if listing.problem == "missing":
            self._show_problem(
                self.tr("Folder pemindai tidak ditemukan: {folder}").format(folder=listing.folder)
            )
        elif listing.problem:
            self._show_problem(
                self.tr("Folder pemindai tidak dapat dibaca: {folder}").format(
                    folder=listing.folder
                )
            )
        else:
            self._show(listing)
        if self._again:
            self._again = False
            self.refresh()
        elif listing.unsettled:
            QTimer.singleShot(int(SETTLE_SECONDS * 1000), self, self.refresh)
        self.listed.emit(listing)

    def _list_failed(self, failure: Failure) -> None:
        self._in_flight = False
        log.warning("scan inbox listing failed: %s", type(failure.error).__name__)
        self._show_problem(self.tr("Folder pemindai tidak dapat dibaca"))

    def _watch(self) -> None:
        """(Re)watch the folder: it may have appeared since, or been re-created by the scanner."""
        if self.folder is None:
            return
        path = str(self.folder)
        if path not in self.watcher.directories() and self.folder.is_dir():
            self.watcher.addPath(path)

    def _show_problem(self, text: str) -> None:
        self.list.clear()
        self.list.setEnabled(False)
        self.status.setStyleSheet(f"color: {style.PENDING};")
        self.status.setText("\u26a0 " + text)

    def _show(self, listing: ScanListing) -> None:
        selected = self.selected_path()
        ready = [scan.path for scan in listing.files if scan.settled]
        fresh = [path for path in ready if path not in self._known]
        self._known = set(ready)
        self.list.setEnabled(True)
        self.list.blockSignals(True)
        self.list.clear()
        for scan in listing.files:
            when = datetime.fromtimestamp(scan.modified).strftime("%d-%m %H.%M")
            if scan.settled:
                text = self.tr("{name}  -  {kind}, {size}  -  {when}").format(
                    name=scan.name, kind=scan.kind, size=format_size(scan.size), when=when
                )
            else:
                text = self.tr("{name}  -  sedang disimpan pemindai...").format(name=scan.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(scan.path))
            if not scan.settled:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.list.blockSignals(False)
        # A scan that just arrived is what the officer wants next: select it. Otherwise keep
        # the officer's choice.
        newest = fresh[0] if fresh else None
        keep = selected if selected in self._known else None
        target = keep if (self._first_listing or newest is None) else newest
        self._first_listing = False
        self._select(target)
        count = sum(1 for scan in listing.files if scan.settled)
        self.status.setStyleSheet("color: #555;")
        if count:
            self.status.setText(
                self.tr("{count} scan menunggu di {folder}").format(
                    count=count, folder=listing.folder
                )
            )
        else:
            self.status.setText(
                self.tr("Belum ada scan baru di {folder}").format(folder=listing.folder)
            )
        if self.selected_path() != selected:
            self.scan_selected.emit(self.selected_path())

    def _select(self, path: Path | None) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        if path is not None:
            for row in range(self.list.count()):
                if self.list.item(row).data(Qt.ItemDataRole.UserRole) == str(path):
                    self.list.setCurrentRow(row)
                    break
        self.list.blockSignals(False)

    # ------------------------------------------------------------------------------ choosing

    def selected_path(self) -> Path | None:
        """The highlighted scan, if it is complete (ready to attach)."""
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return Path(value) if value else None

    def _current_changed(self, *_: object) -> None:
        self.scan_selected.emit(self.selected_path())

    def _activated(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.scan_activated.emit(Path(item.data(Qt.ItemDataRole.UserRole)))

    def mark_attached(self, path: Path) -> None:
        """The scan is stored now: move it out of the inbox (on the runner) and list again."""
        Operation(self, self.ctx.runner, partial(file_away, Path(path))).success(
            self._filed
        ).failure(self._filed).run_in_background()

    def _filed(self, _result: object) -> None:
        """Moved or not (a failure is logged by the runner), the folder is listed again."""
        self.refresh()

    def stop(self) -> None:
        """Stop watching and polling (page closed)."""
        self._poll.stop()
        self._debounce.stop()
        with contextlib.suppress(RuntimeError):
            directories = self.watcher.directories()
            if directories:
                self.watcher.removePaths(directories)
