"""The letters panel's issued letters: title, number, date, whether it stands, reprints; and
the buttons that act on the selected one (open as PDF, print, void).

A void letter stays in the list, struck through and marked with its reason, because its number
is never used again and the officer must be able to say why it went. The table keeps the
letters it shows, so the panel asks it for the selected one instead of reading cells back.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.services.letters import LetterSummary
from ltsa_desk.ui import style
from ltsa_desk.ui.plain import plain_tip

translate = QCoreApplication.translate

__all__ = ["IssuedLetters", "LettersTable"]


class LettersTable(QTableWidget):
    """The issued letters; ``letters`` holds the one each line shows.

    The words keep the letters panel's translation context, where they were first translated.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.letters: list[LetterSummary] = []
        self.setAccessibleName(translate("LettersPanel", "Surat yang sudah terbit"))
        self.setAccessibleDescription(
            translate("LettersPanel", "Pilih surat untuk melihat atau mencetaknya.")
        )
        self.setHorizontalHeaderLabels(
            [
                translate("LettersPanel", "Surat"),
                translate("LettersPanel", "Nomor"),
                translate("LettersPanel", "Tanggal"),
                translate("LettersPanel", "Status"),
                translate("LettersPanel", "Dicetak ulang"),
            ]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT + 2)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def fill(self, letters: list[LetterSummary]) -> None:
        """Show ``letters``, one line each."""
        self.letters = letters
        self.setRowCount(len(letters))
        for row, letter in enumerate(letters):
            title = QTableWidgetItem(letter.title)
            title.setData(Qt.ItemDataRole.UserRole, letter.id)
            number = QTableWidgetItem(letter.number)
            day = QTableWidgetItem(format_dmy(letter.issued_on))
            if letter.revoked:
                text = "\u2716 " + translate("LettersPanel", "Dibatalkan")
                if letter.void_reason:
                    text += ": " + letter.void_reason
                status = QTableWidgetItem(text)
                status.setForeground(QBrush(QColor(style.ATTENTION)))
                status.setToolTip(plain_tip(text))
                font = QFont(number.font())
                font.setStrikeOut(True)
                number.setFont(font)
            else:
                status = QTableWidgetItem("\u2714 " + translate("LettersPanel", "Berlaku"))
                status.setForeground(QBrush(QColor(style.DELIVERED)))
            copies = QTableWidgetItem(str(letter.copies) if letter.copies else "-")
            copies.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for column, item in enumerate((title, number, day, status, copies)):
                self.setItem(row, column, item)

    def selected(self) -> LetterSummary | None:
        """The letter of the selected line, if a line is selected."""
        row = self.currentRow()
        if not 0 <= row < len(self.letters):
            return None
        if not self.selectionModel().isRowSelected(row):
            return None
        return self.letters[row]

    def select(self, letter_id: str) -> bool:
        """Select the line of letter ``letter_id``; ``False`` when it is not listed."""
        for row, letter in enumerate(self.letters):
            if letter.id == letter_id:
                self.selectRow(row)
                return True
        return False


class IssuedLetters(QGroupBox):
    """ "Surat yang sudah terbit": the table, a line when there is none yet, and Buka PDF, Cetak
    and Batalkan surat for the selected letter.

    The words keep the letters panel's translation context, where they were first translated.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("LettersPanel", "Surat yang sudah terbit"), parent)
        self.table = LettersTable()
        self.empty = QLabel(translate("LettersPanel", "Belum ada surat untuk CPMI ini."))
        self.empty.setStyleSheet("color: #555;")
        self.open_button = QPushButton(translate("LettersPanel", "&Buka PDF"))
        self.open_button.setToolTip(
            translate(
                "LettersPanel",
                "Buka surat terpilih sebagai PDF; surat lama dibuka sebagai SALINAN (Enter)",
            )
        )
        self.print_button = QPushButton(translate("LettersPanel", "&Cetak..."))
        self.print_button.setToolTip(
            translate("LettersPanel", "Cetak surat terpilih lewat dialog cetak (Ctrl+P)")
        )
        self.void_button = QPushButton(translate("LettersPanel", "Batalkan &surat..."))
        self.void_button.setToolTip(
            translate("LettersPanel", "Batalkan surat dengan alasan; nomornya tidak dipakai lagi")
        )
        actions = QHBoxLayout()
        for button in (self.open_button, self.print_button, self.void_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(style.ROW_HEIGHT + 2)
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def fill(self, letters: list[LetterSummary]) -> None:
        """Show ``letters``; say so when there is none."""
        self.table.fill(letters)
        self.empty.setVisible(not letters)

    def enable_for(self, letter: LetterSummary | None, *, ready: bool) -> None:
        """Enable what may be done to ``letter`` (a void one is opened, never printed again)."""
        self.open_button.setEnabled(ready and letter is not None)
        self.print_button.setEnabled(ready and letter is not None and not letter.revoked)
        self.void_button.setEnabled(ready and letter is not None and not letter.revoked)
