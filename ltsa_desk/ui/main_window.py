"""The counter's main window: navigation on the left, the work area, the line's state at the bottom.

For now the work area greets the officer with the counter's identity and the register's size; the
intake, search, documents and sync screens are built into this frame by their own issues.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func
from sqlmodel import select

from ltsa_desk.store.models import Applicant
from ltsa_desk.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        config = workspace.config
        self.setWindowTitle(
            self.tr("LTSA Desk - Kantor {office} - Loket {counter}").format(
                office=config.office_code, counter=config.counter_id
            )
        )
        self.resize(1366, 768)

        self.navigation = QListWidget()
        self.navigation.setFixedWidth(180)
        self.navigation.setSpacing(6)
        for label in (
            self.tr("Pendaftaran"),
            self.tr("Pencarian"),
            self.tr("Sinkronisasi"),
            self.tr("Laporan"),
            self.tr("Pengaturan"),
        ):
            self.navigation.addItem(label)
        self.navigation.setCurrentRow(0)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._welcome_page())

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            self.tr("Basis data: {path}").format(path=self._database_label())
        )

    def _database_label(self) -> str:
        url = self.workspace.database.url
        return url.removeprefix("sqlite:///") if url.startswith("sqlite") else url.split("@")[-1]

    def applicant_count(self) -> int:
        with self.workspace.database.session() as session:
            return int(session.exec(select(func.count()).select_from(Applicant)).one())

    def _welcome_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(self.tr("Selamat datang di LTSA Desk"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        config = self.workspace.config
        details = QLabel(
            self.tr(
                "Kantor {office} - Loket {counter}\n{count} CPMI terdaftar di basis data ini."
            ).format(
                office=config.office_code, counter=config.counter_id, count=self.applicant_count()
            )
        )
        self.details_label = details
        layout.addWidget(title)
        layout.addWidget(details)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        return page
