"""First start of a counter with no configuration: ask for the office and counter, then create both.

This is the seam the technician's full set-up wizard grows from; it already refuses a bad office
code or counter id with the message under the field, as every form at the counter does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.config import Config, ConfigError
from ltsa_desk.store.database import DatabaseProblem
from ltsa_desk.workspace import initialise


class FirstRunDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("LTSA Desk - Pengaturan awal"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "Loket ini belum diatur. Isi kode kantor (kode kabupaten/kota Kemendagri, "
                "misalnya 52.03) dan kode loket (misalnya LOTIM-01)."
            )
        )
        intro.setWordWrap(True)
        self.office_code = QLineEdit()
        self.office_code.setPlaceholderText("52.03")
        self.office_error = self._error_label()
        self.counter_id = QLineEdit()
        self.counter_id.setPlaceholderText("LOTIM-01")
        self.counter_error = self._error_label()
        self.general_error = self._error_label()
        self.general_error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Kode kantor"), self._with_error(self.office_code, self.office_error))
        form.addRow(self.tr("Kode loket"), self._with_error(self.counter_id, self.counter_error))

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.office_code.returnPressed.connect(self.counter_id.setFocus)
        self.counter_id.returnPressed.connect(self._save)

    @staticmethod
    def _with_error(field: QLineEdit, error: QLabel) -> QWidget:
        """The field with its message right under it, as on every counter form."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(error)
        return box

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setStyleSheet("color: #b00020;")
        label.hide()
        return label

    def _show(self, label: QLabel, message: str) -> None:
        label.setText(message)
        label.setVisible(bool(message))

    def _save(self) -> None:
        probe = Config(self.data_dir)
        errors = {}
        for key, widget in (("office.code", self.office_code), ("counter.id", self.counter_id)):
            try:
                probe.set(key, widget.text())
            except ConfigError as exc:
                errors[key] = str(exc).split(": ", 1)[-1]
        self._show(self.office_error, errors.get("office.code", ""))
        self._show(self.counter_error, errors.get("counter.id", ""))
        if errors:
            (self.office_code if "office.code" in errors else self.counter_id).setFocus()
            return
        try:
            initialise(
                self.data_dir,
                office_code=self.office_code.text(),
                counter_id=self.counter_id.text(),
            )
        except (ConfigError, DatabaseProblem) as exc:
            self._show(self.general_error, str(exc))
            return
        self.accept()
