"""The documents panel's dialogs: the dates read off a paper while verifying it; the file chooser.

Both are reached through the panel's ``ask_dates`` and ``choose_file`` attributes, so tests (and
drag-and-drop) supply the answer without running a modal dialog's event loop.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.values import parse_flexible_date
from ltsa_desk.services.documents import DocumentEntry
from ltsa_desk.ui import style
from ltsa_desk.ui.words import document_label

translate = QCoreApplication.translate

__all__ = ["DatesDialog", "ask_dates", "choose_file", "file_dialog"]


class DatesDialog(QDialog):
    """The dates read off the original while verifying: issue date (the medical certificate may
    be at most three months old) and valid-until (passport, visa)."""

    def __init__(
        self,
        entry: DocumentEntry,
        *,
        needs_issued: bool,
        needs_until: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Verifikasi {document}").format(document=document_label(entry.kind))
        )
        self.setModal(True)
        self.needs_issued = needs_issued
        intro = QLabel(
            self.tr("Bandingkan dengan aslinya dan isi tanggal seperti tertulis (DD-MM-YYYY).")
        )
        intro.setWordWrap(True)
        self.issued = QLineEdit(format_dmy(entry.issued_on) if entry.issued_on else "")
        self.issued.setPlaceholderText("DD-MM-YYYY")
        self.until = QLineEdit(format_dmy(entry.valid_until) if entry.valid_until else "")
        self.until.setPlaceholderText("DD-MM-YYYY")
        self.error = QLabel()
        self.error.setStyleSheet(style.ERROR_LABEL_CSS)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.issued_label = QLabel(self.tr("Tanggal terbit") + (" *" if needs_issued else ""))
        self.until_label = QLabel(self.tr("Berlaku sampai"))
        for label, editor, shown in (
            (self.issued_label, self.issued, needs_issued),
            (self.until_label, self.until, needs_until),
        ):
            label.setBuddy(editor)
            label.setVisible(shown)
            editor.setVisible(shown)
            layout.addWidget(label)
            layout.addWidget(editor)
            editor.returnPressed.connect(self._accept)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Verifikasi"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.result_dates: tuple[date | None, date | None] = (None, None)

    def _parse(self, editor: QLineEdit, what: str) -> date | None:
        text = editor.text().strip()
        if not text or not editor.isVisibleTo(self):
            return None
        try:
            return parse_flexible_date(text, field="birth_date")
        except ValueError:
            raise ValueError(
                self.tr("{what} tidak sah: {text} (tulis DD-MM-YYYY)").format(what=what, text=text)
            ) from None

    def _accept(self) -> None:
        try:
            issued = self._parse(self.issued, self.tr("Tanggal terbit"))
            until = self._parse(self.until, self.tr("Tanggal berlaku"))
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        if self.needs_issued and issued is None:
            self.error.setText(self.tr("Tanggal terbit wajib diisi"))
            self.issued.setFocus()
            return
        self.result_dates = (issued, until)
        self.accept()


def ask_dates(
    parent: QWidget, entry: DocumentEntry, needs_issued: bool, needs_until: bool
) -> tuple[date | None, date | None] | None:
    """The default date prompt for verifying dated papers; ``None`` when the officer cancels."""
    dialog = DatesDialog(entry, needs_issued=needs_issued, needs_until=needs_until, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_dates


def file_dialog(parent: QWidget | None) -> QFileDialog:
    """The file chooser for a document: PDF, JPEG and PNG, the only types the store accepts.

    Windows' own dialog speaks the language of Windows. Elsewhere Qt draws its own, and Qt
    ships no Indonesian translation (no qtbase_id), so its words are set here: an English
    dialog in an Indonesian window confused officers (issue 18).
    """
    dialog = QFileDialog(
        parent,
        translate("DocumentsPanel", "Pilih berkas dokumen"),
        str(Path.home()),
        translate("DocumentsPanel", "Dokumen (*.pdf *.jpg *.jpeg *.png);;Semua berkas (*)"),
    )
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        labels = {
            QFileDialog.DialogLabel.LookIn: translate("DocumentsPanel", "Lihat di:"),
            QFileDialog.DialogLabel.FileName: translate("DocumentsPanel", "Nama berkas:"),
            QFileDialog.DialogLabel.FileType: translate("DocumentsPanel", "Jenis berkas:"),
            QFileDialog.DialogLabel.Accept: translate("DocumentsPanel", "Buka"),
            QFileDialog.DialogLabel.Reject: translate("DocumentsPanel", "Batal"),
        }
        for label, text in labels.items():
            dialog.setLabelText(label, text)
    return dialog


def choose_file(parent: QWidget) -> Path | None:
    """The default file chooser (see file_dialog); ``None`` when the officer cancels."""
    dialog = file_dialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen else None
