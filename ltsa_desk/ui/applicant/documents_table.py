"""The documents panel's checklist table: one line per paper, its status, its stage and a remark.

A line's status is shown by colour, a sign and the word (UX.md: colour is never alone); the remark
says why a line is not yet good or who did what when. The table remembers which entry each line
shows, so the panel asks it for the selected paper instead of reading cells back.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.documents import DocumentStatus
from ltsa_desk.operations.documents import Checklist
from ltsa_desk.services import documents
from ltsa_desk.services.documents import ChecklistRow, DocumentEntry
from ltsa_desk.ui import style
from ltsa_desk.ui.plain import plain_tip
from ltsa_desk.ui.words import (
    document_group_label,
    document_label,
    document_status_label,
    state_label,
)

translate = QCoreApplication.translate

__all__ = ["ChecklistTable"]

# Status look: colour AND a sign AND the word (UX.md: colour is never alone).
_STATUS_LOOK: dict[str, tuple[str, str]] = {
    DocumentStatus.MISSING.value: (style.OFFLINE, "\u25cb"),  # ○
    DocumentStatus.RECEIVED.value: (style.PENDING, "\u25d0"),  # ◐
    DocumentStatus.VERIFIED.value: (style.DELIVERED, "\u2714"),  # ✔
    DocumentStatus.REJECTED.value: (style.ATTENTION, "\u2716"),  # ✖
}


class ChecklistTable(QTableWidget):
    """The checklist's lines; ``entries`` holds the (requirement, document) of each line.

    The words keep the documents panel's translation context, where they were first translated.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        titles = [
            translate("DocumentsPanel", "Dokumen"),
            translate("DocumentsPanel", "Status"),
            translate("DocumentsPanel", "Untuk tahap"),
            translate("DocumentsPanel", "Keterangan"),
        ]
        super().__init__(0, len(titles), parent)
        self.entries: list[tuple[ChecklistRow, DocumentEntry]] = []
        self.setHorizontalHeaderLabels(titles)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT + 2)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName(translate("DocumentsPanel", "Kelengkapan dokumen"))
        self.setAccessibleDescription(
            translate(
                "DocumentsPanel",
                "Pilih dokumen untuk melihat berkasnya, lalu lampirkan, verifikasi atau tolak.",
            )
        )

    def fill(self, view: Checklist) -> None:
        """Show the checklist of ``view``, one line per document (a group's papers each)."""
        self.entries = [(row, entry) for row in view.rows for entry in row.entries]
        self.setSortingEnabled(False)
        self.setRowCount(len(self.entries))
        for index, (row, entry) in enumerate(self.entries):
            name = QTableWidgetItem(document_label(entry.kind))
            name.setData(Qt.ItemDataRole.UserRole, entry.kind)
            if row.is_group:
                name.setToolTip(
                    translate("DocumentsPanel", "Cukup salah satu: {group}").format(
                        group=document_group_label(row.kinds)
                    )
                )
            colour, sign = _STATUS_LOOK.get(entry.status, (style.OFFLINE, "?"))
            status = QTableWidgetItem(f"{sign} {document_status_label(entry.status)}")
            status.setForeground(QBrush(QColor(colour)))
            bold = QFont(status.font())
            bold.setBold(True)
            status.setFont(bold)
            stage = QTableWidgetItem(
                state_label(row.needed_from_state)
                if row.needed_from_state
                else translate("DocumentsPanel", "Tambahan")
            )
            note, warn = self.note(row, entry)
            remark = QTableWidgetItem(note)
            remark.setToolTip(plain_tip(note))
            if warn:
                remark.setForeground(QBrush(QColor(style.ATTENTION)))
            for column, item in enumerate((name, status, stage, remark)):
                self.setItem(index, column, item)

    def note(self, row: ChecklistRow, entry: DocumentEntry) -> tuple[str, bool]:
        """The remark column: why a line is not yet good, or who did what when."""
        if entry.status == DocumentStatus.MISSING.value:
            if row.is_group and row.satisfied:
                return translate("DocumentsPanel", "Tidak perlu: {other} sudah ada").format(
                    other=document_label(row.entry.kind)
                ), False
            if row.is_group:
                return translate("DocumentsPanel", "Cukup salah satu: {group}").format(
                    group=document_group_label(row.kinds)
                ), False
            return "", False
        if entry.status == DocumentStatus.REJECTED.value:
            return (
                translate("DocumentsPanel", "Alasan: {reason}").format(
                    reason=entry.rejection_reason or "-"
                ),
                True,
            )
        parts: list[str] = []
        problem = (
            not row.satisfied
            and row.entry.kind == entry.kind
            and row.missing_reason not in {None, "missing", "not_verified", "rejected"}
        )
        if problem and row.missing_message:
            parts.append(row.missing_message)
        if entry.status == DocumentStatus.VERIFIED.value and entry.verified_at:
            parts.append(
                translate("DocumentsPanel", "Diverifikasi {when} oleh {who}").format(
                    when=format_dmy(documents.local_date(entry.verified_at)),
                    who=entry.verified_by or "-",
                )
            )
        elif entry.received_at:
            parts.append(
                translate("DocumentsPanel", "Diterima {when} oleh {who}").format(
                    when=format_dmy(documents.local_date(entry.received_at)),
                    who=entry.received_by or "-",
                )
            )
        if entry.issued_on:
            parts.append(
                translate("DocumentsPanel", "terbit {day}").format(day=format_dmy(entry.issued_on))
            )
        if entry.valid_until:
            parts.append(
                translate("DocumentsPanel", "berlaku s.d. {day}").format(
                    day=format_dmy(entry.valid_until)
                )
            )
        return " - ".join(parts), problem

    # ------------------------------------------------------------------------------ selection

    def selected(self) -> tuple[ChecklistRow, DocumentEntry] | None:
        """The (requirement, document) of the current line, if any."""
        row = self.currentRow()
        if 0 <= row < len(self.entries):
            return self.entries[row]
        return None

    def select_kind(self, kind: str | None) -> bool:
        """Make the line of document ``kind`` current; ``False`` when there is none."""
        if kind is None:
            return False
        for index, (_row, entry) in enumerate(self.entries):
            if entry.kind == kind:
                self.setCurrentCell(index, 0)
                return True
        return False

    def select_first_open(self) -> None:
        """Start where the work is: the first line not yet verified."""
        for index, (_row, entry) in enumerate(self.entries):
            if entry.status != DocumentStatus.VERIFIED.value:
                self.setCurrentCell(index, 0)
                return
        self.setCurrentCell(0, 0)

    def select_next_waiting(self) -> None:
        """After a verification, move to the next paper still waiting: the officer's next step."""
        current = self.currentRow()
        for index in list(range(current + 1, len(self.entries))) + list(range(current)):
            if self.entries[index][1].status == DocumentStatus.RECEIVED.value:
                self.setCurrentCell(index, 0)
                return
