"""The documents panel's row of buttons, and which of them the officer may press now.

Which action is possible follows from the case and the selected paper alone: attach while the
case is open and a line is chosen (a scan only when one is chosen in the inbox too), verify a
received paper, refuse a received or verified one, and "Dokumen lengkap" once the registration's
papers are all there. Keeping that rule beside the buttons keeps the panel to its flows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ltsa_desk.domain.documents import DocumentStatus
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.operations.documents import Checklist
from ltsa_desk.ui import style

translate = QCoreApplication.translate

__all__ = ["ChecklistButtons"]


class ChecklistButtons(QWidget):
    """Lampirkan scan, Lampirkan berkas, Verifikasi, Tolak and (apart) Dokumen lengkap.

    The words keep the documents panel's translation context, where they were first translated.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attach_file_button = QPushButton(translate("DocumentsPanel", "&Lampirkan berkas..."))
        self.attach_file_button.setToolTip(
            translate(
                "DocumentsPanel", "Lampirkan berkas PDF, JPEG atau PNG dari komputer ini (Alt+L)"
            )
        )
        self.attach_scan_button = QPushButton(translate("DocumentsPanel", "Lampirkan &scan"))
        self.attach_scan_button.setToolTip(
            translate("DocumentsPanel", "Lampirkan scan yang dipilih di daftar pemindai (Alt+S)")
        )
        self.verify_button = QPushButton(translate("DocumentsPanel", "&Verifikasi"))
        self.verify_button.setToolTip(
            translate(
                "DocumentsPanel", "Dokumen sudah dibandingkan dengan aslinya dan sesuai (Alt+V)"
            )
        )
        self.reject_button = QPushButton(translate("DocumentsPanel", "&Tolak..."))
        self.reject_button.setToolTip(
            translate("DocumentsPanel", "Tolak dokumen dengan alasan (Alt+T)")
        )
        self.complete_button = QPushButton(translate("DocumentsPanel", "Dokumen lengkap"))
        self.complete_button.setToolTip(
            translate(
                "DocumentsPanel",
                "Semua dokumen pendaftaran ada: ubah status menjadi Dokumen lengkap",
            )
        )
        bold = QFont(self.complete_button.font())
        bold.setBold(True)
        self.complete_button.setFont(bold)
        for button in (
            self.attach_file_button,
            self.attach_scan_button,
            self.verify_button,
            self.reject_button,
            self.complete_button,
        ):
            button.setAutoDefault(False)
            button.setMinimumHeight(style.ROW_HEIGHT + 2)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for button in (
            self.attach_scan_button,
            self.attach_file_button,
            self.verify_button,
            self.reject_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.complete_button)

    def enable_for(
        self,
        view: Checklist | None,
        status: str | None,
        *,
        chosen: bool,
        scan_chosen: bool,
        busy: bool,
    ) -> None:
        """Enable what may be done to the selected paper (``status``) of the case in ``view``."""
        open_case = view is not None and not view.closed and not busy
        self.attach_file_button.setEnabled(open_case and chosen)
        self.attach_scan_button.setEnabled(open_case and chosen and scan_chosen)
        self.verify_button.setEnabled(open_case and status == DocumentStatus.RECEIVED.value)
        self.reject_button.setEnabled(
            open_case and status in {DocumentStatus.RECEIVED.value, DocumentStatus.VERIFIED.value}
        )
        can_complete = (
            open_case
            and view is not None
            and view.state == CaseState.REGISTERED.value
            and view.registration_complete
        )
        self.complete_button.setEnabled(can_complete)
        self.complete_button.setVisible(view is None or view.state == CaseState.REGISTERED.value)
