"""The admin's "Lewati urutan..." dialog: to which step, and why (issue 16, item 2).

Skipping the case order is an admin's decision with a reason (``services.case_order``): a CPMI
who already holds a passport, a case moved in from an old register. The dialog asks both; the
reason cannot be left empty (the service refuses it too) and lands in the case's history.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QWidget

from ltsa_desk.ui.applicant.reason_dialog import ReasonDialog
from ltsa_desk.ui.words import state_label

__all__ = ["SkipOrderDialog", "ask_skip"]


class SkipOrderDialog(ReasonDialog):
    """A reason dialog with the step to move to above the reason (the nearest step first)."""

    def __init__(self, name: str, targets: list[str], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Lewati urutan kasus"),
            self.tr(
                "Pindahkan kasus {name} ke langkah berikut tanpa menunggu dokumen atau surat "
                "sebelumnya. Ini keputusan admin: tulis alasannya (mis. CPMI sudah memegang "
                "paspor, atau pindahan dari register lama); alasan tercatat di Riwayat."
            ).format(name=name),
            self.tr("Lewati urutan"),
            parent,
        )
        self.target = QComboBox()
        for state in targets:
            self.target.addItem(state_label(state), state)
        self.target.setAccessibleName(self.tr("Langkah tujuan"))
        caption = QLabel(self.tr("Langkah tujuan:"))
        caption.setBuddy(self.target)
        layout = self.layout()
        layout.insertWidget(1, caption)  # type: ignore[attr-defined]
        layout.insertWidget(2, self.target)  # type: ignore[attr-defined]
        self.resize(520, 300)

    def chosen(self) -> str:
        return str(self.target.currentData())


def ask_skip(parent: QWidget, name: str, targets: list[str]) -> tuple[str, str] | None:
    """The default skip prompt (modal): ``(step, reason)``, or ``None`` when cancelled. Screens
    hold it in an attribute so tests answer it without a dialog's event loop."""
    dialog = SkipOrderDialog(name, targets, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen(), dialog.reason()
