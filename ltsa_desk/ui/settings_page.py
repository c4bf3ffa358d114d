"""Pengaturan: what an admin or technician may change from the window (language, training mode),
and the counter's identity for the record. Everything else is the technician's command line."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk import __version__
from ltsa_desk.operations.settings import change_setting
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.plain import plain_label


class SettingsPage(QWidget):
    training_requested = Signal()

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, training_allowed: bool = False
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        config = ctx.workspace.config

        identity = QGroupBox(self.tr("Loket ini"))
        form = QFormLayout(identity)
        form.addRow(self.tr("Kantor"), QLabel(config.office_code))
        form.addRow(self.tr("Nama kantor"), plain_label(str(config.get("office.name") or "-")))
        form.addRow(self.tr("Loket"), QLabel(config.counter_id))
        form.addRow(self.tr("Folder data"), plain_label(str(ctx.workspace.data_dir)))
        form.addRow(self.tr("Versi"), QLabel(__version__))

        language_box = QGroupBox(self.tr("Bahasa"))
        language_form = QFormLayout(language_box)
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(config.get("ui.language"))))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_note = plain_label()
        language_form.addRow(self.tr("Bahasa tampilan"), self.language)
        language_form.addRow("", self.language_note)

        training_box = QGroupBox(self.tr("Mode latihan"))
        training_layout = QVBoxLayout(training_box)
        explanation = QLabel(
            self.tr(
                "Mode latihan memakai basis data terpisah dan server tiruan, sehingga petugas baru "
                "dapat berlatih tanpa menyentuh data CPMI yang nyata."
            )
        )
        explanation.setWordWrap(True)
        self.training_button = QPushButton(
            self.tr("Keluar dari mode latihan") if ctx.training else self.tr("Masuk mode latihan")
        )
        self.training_button.setEnabled(training_allowed)
        self.training_button.clicked.connect(self.training_requested.emit)
        training_layout.addWidget(explanation)
        training_layout.addWidget(self.training_button)

        layout = QVBoxLayout(self)
        layout.addWidget(identity)
        layout.addWidget(language_box)
        layout.addWidget(training_box)
        layout.addStretch(1)

    def _language_changed(self) -> None:
        language = str(self.language.currentData())
        config = self.ctx.workspace.config
        self.ctx.runner.run(
            lambda: change_setting(config, "ui.language", language),
            lambda _r: self.language_note.setText(
                self.tr("Tersimpan; berlaku saat LTSA Desk dibuka lagi.")
            ),
            lambda exc: self.language_note.setText(str(exc)),
        )
