"""Where the letters panel's papers go: a private folder under the system's temp folder, kept clean.

PDFs are written off the GUI thread into ``ltsa-desk-cetak-<user>`` under the system's temp
folder, not into the data folder: they hold the CPMI's personal data in the clear, the data
folder is encrypted at rest and backed up, and a PDF is cheap to make again. Old ones are
removed when a panel opens and all of them when the window closes. The written PDF is handed to
the desktop's viewer, which is where officers are used to printing from; the print dialog is
the other way out.

``open_with_desktop`` and ``choose_printer`` are the panel's defaults for its ``open_file`` and
``choose_printer`` attributes, which tests replace.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

translate = QCoreApplication.translate

__all__ = [
    "KEEP_SECONDS",
    "choose_printer",
    "clean_at_quit",
    "clean_output_dir",
    "default_output_dir",
    "open_with_desktop",
    "write_pdf",
]

#: How long a written PDF may stay in the temp folder. Receipts and letters carry a CPMI's name,
#: NIK and address, and the counter's Windows account is shared by every officer (and readable by
#: anyone at the PC): a paper is kept only while the viewer may still need it, and any copy can be
#: written again from the database. Older ones go when a panel opens; all go when the window
#: closes (a viewer still holding one open on Windows keeps it until the next start).
KEEP_SECONDS = 10 * 60


def default_output_dir() -> Path:
    """``<temp>/ltsa-desk-cetak-<user>``: one folder per system account, so a shared temp
    folder (Linux ``/tmp``) never mixes two officers' papers or refuses the second one."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) or no user variables
        user = "ltsa"
    safe = "".join(ch for ch in user if ch.isalnum() or ch in "-_") or "ltsa"
    return Path(tempfile.gettempdir()) / f"ltsa-desk-cetak-{safe}"


def open_with_desktop(path: Path) -> bool:
    """Open a PDF in the desktop's viewer; ``False`` when no viewer took it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_printer(parent: QWidget) -> QPrinter | None:
    """The print dialog (Esc cancels); the returned printer is then painted on the runner."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("LettersPanel", "Cetak"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def write_pdf(render: Callable[[Path], Path], directory: Path, filename: str) -> Path:
    """Write with ``render``; when a viewer still holds the same name open (Windows locks it),
    write beside it under a numbered name instead of failing."""
    directory.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(directory, 0o700)  # personal data: this user only, where the system allows
    stem, suffix = os.path.splitext(filename)
    for number in range(0, 50):
        name = filename if number == 0 else f"{stem}-{number}{suffix}"
        try:
            return render(directory / name)
        except PermissionError:
            continue
    raise PermissionError(filename)


def clean_output_dir(directory: Path, keep_seconds: float = KEEP_SECONDS) -> int:
    """Remove PDFs older than ``keep_seconds`` (runs on the runner); returns how many."""
    removed = 0
    cutoff = time.time() - keep_seconds
    try:
        entries = list(directory.iterdir())
    except OSError:
        return 0
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.suffix.lower() == ".pdf" and entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed += 1
    return removed


_CLEANED_AT_QUIT: set[Path] = set()


def clean_at_quit(directory: Path) -> None:
    """Remove every PDF of ``directory`` when the application quits (once per folder)."""
    app = QCoreApplication.instance()
    if app is None or directory in _CLEANED_AT_QUIT:
        return
    _CLEANED_AT_QUIT.add(directory)
    app.aboutToQuit.connect(partial(clean_output_dir, directory, 0.0))
