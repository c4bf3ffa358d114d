"""Pencarian's group actions: one step for many CPMI, each CPMI still checked on its own.

A P3MI brings forty CPMI at once. The officer selects rows (Ctrl/Shift-click), or one row and
"Pilih semua CPMI P3MI ini" for every open case of that CPMI's P3MI (read from the register, not
from the table: the first page shows 50 rows and a P3MI's group reaches past it), then requests
their passports or verifies one kind of paper for all of them, with one question naming the
count. Each CPMI goes through the single action's service (``services.group_actions``) on the
runner; the answer lists each refusal with the CPMI and its reason, and the others went on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.services.group_actions import (
    DATED_KINDS,
    GROUP_VERIFY_KINDS,
    AgencyGroup,
    Outcome,
    agency_group,
    request_passports,
    verify_documents,
)
from ltsa_desk.ui import style
from ltsa_desk.ui.applicant.case_actions import confirm
from ltsa_desk.ui.applicant_table import ApplicantTableModel, ApplicantTableView
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.operation import Failure, Operation
from ltsa_desk.ui.plain import plain_label
from ltsa_desk.ui.words import document_label

AskKind = Callable[[QWidget, str, list[str]], str | None]
"""``ask_kind(parent, question, kinds)``: the kind chosen and confirmed, or None (cancelled)."""
NAMES_SHOWN = 5
RESULT_MAX_HEIGHT = 130  # about six lines; more scroll
DONE_CSS = f"color: {style.DELIVERED};"
BUSY_CSS = "color: #555;"


class KindDialog(QDialog):
    """Which paper to verify for the whole group, and the one confirmation naming the count."""

    def __init__(self, question: str, kinds: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verifikasi dokumen"))
        self.setModal(True)
        text = plain_label(question)
        text.setWordWrap(True)
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(document_label(kind), kind)
        label = QLabel(self.tr("&Jenis dokumen"))
        label.setBuddy(self.kind)
        self.kind.setAccessibleName(self.tr("Jenis dokumen"))
        dated = ", ".join(document_label(kind.value) for kind in sorted(DATED_KINDS))
        note = plain_label(
            self.tr(
                "{documents} diverifikasi satu per satu di data CPMI: tanggalnya dibaca dari "
                "aslinya."
            ).format(documents=dated)
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Verifikasi"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(label)
        layout.addWidget(self.kind)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMaximumWidth(640)


def ask_kind(parent: QWidget, question: str, kinds: list[str]) -> str | None:
    """The default kind question (Esc = cancel); tests replace it."""
    dialog = KindDialog(question, kinds, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return str(dialog.kind.currentData())


class GroupActions(QWidget):
    """The group buttons of the search page (placed by it), the P3MI choice and the answer.

    ``confirm`` and ``ask_kind`` are the questions (tests replace them); ``busy`` is true while a
    group runs; ``done`` is emitted after one ran, so the page reads its results again.
    """

    done = Signal()

    def __init__(
        self, ctx: UiContext, table: ApplicantTableView, model: ApplicantTableModel
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = table
        self.model = model
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.ask_kind: AskKind = ask_kind
        self.today: Callable[[], date] = date.today
        self.busy = False
        self.agency: AgencyGroup | None = None
        self.threads: list[str] = []

        self.passport_button = QPushButton(self.tr("Ajukan paspor yang dipilih"))
        self.passport_button.setObjectName("group_passport")
        self.passport_button.setToolTip(
            self.tr(
                "Pilih beberapa CPMI (Ctrl atau Shift + klik), lalu ajukan paspor mereka sekaligus."
            )
        )
        self.passport_button.clicked.connect(self.request_passports)
        self.verify_button = QPushButton(self.tr("Verifikasi dokumen..."))
        self.verify_button.setObjectName("group_verify")
        self.verify_button.setToolTip(
            self.tr("Verifikasi satu jenis dokumen untuk semua CPMI yang dipilih sekaligus.")
        )
        self.verify_button.clicked.connect(self.verify_documents)
        self.agency_button = QPushButton(self.tr("Pilih semua CPMI P3MI ini"))
        self.agency_button.setObjectName("group_agency")
        self.agency_button.setToolTip(
            self.tr(
                "Pilih semua CPMI dari P3MI CPMI yang dipilih, juga yang tidak tampil di tabel "
                "(kecuali yang sudah berangkat atau batal)."
            )
        )
        self.agency_button.clicked.connect(self.choose_agency)
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.agency_button, self.passport_button, self.verify_button):
            row.addWidget(button)

        self.agency_label = plain_label()
        self.agency_label.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("Batalkan pilihan"))
        self.clear_button.setObjectName("group_agency_clear")
        self.clear_button.clicked.connect(self.clear_agency)
        self.result = plain_label()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Forty refusals must not push the results off a 768-pixel screen: the answer scrolls.
        self.result.setAccessibleName(self.tr("Hasil tindakan kelompok"))
        self.result_area = QScrollArea()
        self.result_area.setWidget(self.result)
        self.result_area.setWidgetResizable(True)
        self.result_area.setFrameShape(QFrame.Shape.NoFrame)
        self.result_area.setMaximumHeight(RESULT_MAX_HEIGHT)
        self.result_area.hide()
        banner = QHBoxLayout()
        banner.setContentsMargins(0, 0, 0, 0)
        banner.addWidget(self.agency_label, 1)
        banner.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(banner)
        layout.addWidget(self.result_area)

        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        model.modelReset.connect(self.update_buttons)
        self._show_agency()
        self.update_buttons()

    # ------------------------------------------------------------------------------ the group

    def selected_rows(self) -> list[tuple[str, str]]:
        """(tracking code, name) of each selected row, in table order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        out = []
        for row in rows:
            if 0 <= row < len(self.model.rows):
                cells = self.model.rows[row].cells
                out.append((cells[ApplicantTableModel.TRACKING], cells[ApplicantTableModel.NAME]))
        return out

    def chosen(self) -> list[tuple[str, str]]:
        """The CPMI a group action applies to: the P3MI's group when chosen, else the rows."""
        return list(self.agency.members) if self.agency is not None else self.selected_rows()

    def _who(self, chosen: list[tuple[str, str]]) -> str:
        names = ", ".join(name for _code, name in chosen[:NAMES_SHOWN])
        if len(chosen) > NAMES_SHOWN:
            names += self.tr(" dan {count} lainnya").format(count=len(chosen) - NAMES_SHOWN)
        if self.agency is not None:
            return self.tr("semua {count} CPMI P3MI {agency} ({names})").format(
                count=len(chosen), agency=self.agency.agency_name or "", names=names
            )
        return self.tr("{count} CPMI ({names})").format(count=len(chosen), names=names)

    def choose_agency(self) -> None:
        """Every open case of the selected CPMI's P3MI, read on the runner."""
        rows = self.selected_rows()
        if len(rows) != 1 or self.busy:
            return
        self.busy = True
        self.update_buttons()
        Operation(
            self, self.ctx.runner, partial(agency_group, self.ctx.workspace.database, rows[0][0])
        ).success(self._agency_read).failure(self._failed).run_in_background()

    def _agency_read(self, group: AgencyGroup) -> None:
        self.busy = False
        if group.agency_name is None:
            self._say(self.tr("CPMI ini tidak tercatat dengan P3MI."), error=True)
        else:
            self.agency = group
            self.result_area.hide()
        self._show_agency()
        self.update_buttons()

    def clear_agency(self) -> None:
        self.agency = None
        self._show_agency()
        self.update_buttons()

    def _show_agency(self) -> None:
        shown = self.agency is not None
        self.agency_label.setVisible(shown)
        self.clear_button.setVisible(shown)
        if self.agency is not None:
            self.agency_label.setText(
                self.tr(
                    "Dipilih: semua {count} CPMI P3MI {agency} yang belum berangkat atau batal, "
                    "juga yang tidak tampil di tabel. Tombol di atas berlaku untuk semuanya."
                ).format(count=len(self.agency.members), agency=self.agency.agency_name or "")
            )
            self.agency_label.setStyleSheet(f"background: {style.BANNER_WARNING_BG}; padding: 6px;")

    def _selection_changed(self, *_: object) -> None:
        # A row chosen by hand ends the P3MI's choice: the group is what was chosen last.
        if self.agency is not None and self.table.selectionModel().selectedRows():
            rows = self.selected_rows()
            if len(rows) != 1 or rows[0][0] not in {code for code, _ in self.agency.members}:
                self.agency = None
                self._show_agency()
        self.update_buttons()

    def update_buttons(self, *_: object) -> None:
        count = len(self.chosen())
        idle = not self.busy
        self.passport_button.setEnabled(count > 0 and idle)
        self.verify_button.setEnabled(count > 0 and idle)
        self.agency_button.setEnabled(len(self.selected_rows()) == 1 and idle)
        if count > 1:
            self.passport_button.setText(self.tr("Ajukan paspor {count} CPMI").format(count=count))
            self.verify_button.setText(
                self.tr("Verifikasi dokumen {count} CPMI...").format(count=count)
            )
        else:
            self.passport_button.setText(self.tr("Ajukan paspor yang dipilih"))
            self.verify_button.setText(self.tr("Verifikasi dokumen..."))

    def _context_menu(self, point: QPoint) -> None:
        """A right-click on the results offers the same group actions as the buttons."""
        menu = QMenu(self.table)
        for button in (self.agency_button, self.passport_button, self.verify_button):
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.exec(self.table.viewport().mapToGlobal(point))

    # ------------------------------------------------------------------------------ the actions

    def request_passports(self) -> None:
        """One confirmation for the whole group; each CPMI is then checked on its own."""
        chosen = self.chosen()
        if not chosen or self.busy:
            return
        if not self.confirm(
            self,
            self.tr("Ajukan paspor"),
            self.tr(
                "Ajukan paspor untuk {who}? Tiap CPMI diperiksa sendiri: yang ditolak disebut "
                "dengan alasannya, yang lain tetap diajukan dan menunggu dikirim ke Imigrasi."
            ).format(who=self._who(chosen)),
            self.tr("Ajukan paspor"),
        ):
            return
        workspace, actor = self.ctx.workspace, self.ctx.actor
        codes = [code for code, _ in chosen]
        self._start(partial(_passports, workspace, actor, codes), None, len(codes))

    def verify_documents(self) -> None:
        """Which paper, one confirmation naming the count; each CPMI is then checked alone."""
        chosen = self.chosen()
        if not chosen or self.busy:
            return
        kind = self.ask_kind(
            self,
            self.tr(
                "Verifikasi dokumen untuk {who}? Pilih jenis dokumen yang sudah Anda bandingkan "
                "dengan aslinya. Tiap CPMI diperiksa sendiri: yang tidak dapat diverifikasi "
                "disebut dengan alasannya, yang lain tetap diverifikasi."
            ).format(who=self._who(chosen)),
            [kind.value for kind in GROUP_VERIFY_KINDS],
        )
        if kind is None:
            return
        codes = [code for code, _ in chosen]
        job = partial(
            verify_documents,
            self.ctx.workspace.database,
            codes,
            kind,
            self.ctx.actor,
            today=self.today(),
        )
        self._start(job, kind, len(codes))

    def _start(self, job: Callable[[], list[Outcome]], kind: str | None, count: int) -> None:
        self.busy = True
        self.update_buttons()
        # Forty CPMI take a few seconds: the officer sees the work is under way.
        self._say(self.tr("Sedang memproses {count} CPMI...").format(count=count), css=BUSY_CSS)
        Operation(self, self.ctx.runner, job, threads=self.threads).success(
            partial(self._done, kind)
        ).failure(self._failed).run_in_background()

    def _done(self, kind: str | None, outcomes: list[Outcome]) -> None:
        self.busy = False
        ok = sum(1 for outcome in outcomes if outcome.ok)
        refused = len(outcomes) - ok
        if kind is None:
            lines = [
                self.tr("{requested} paspor diajukan; {refused} ditolak.").format(
                    requested=ok, refused=refused
                )
            ]
            refusal = self.tr("Ditolak: {name} ({code}): {reason}")
        else:
            lines = [
                self.tr("{document}: {verified} CPMI terverifikasi; {refused} tidak.").format(
                    document=document_label(kind), verified=ok, refused=refused
                )
            ]
            refusal = self.tr("Tidak diverifikasi: {name} ({code}): {reason}")
        for outcome in outcomes:
            if not outcome.ok:
                lines.append(
                    refusal.format(
                        name=outcome.full_name or "",
                        code=outcome.tracking_code or outcome.key,
                        reason=outcome.reason or "",
                    )
                )
        self._say("\n".join(lines), error=refused > 0)
        self.update_buttons()
        self.done.emit()

    def _failed(self, failure: Failure) -> None:
        self.busy = False
        self._say(self.tr("Tidak tersimpan: {error}").format(error=failure.message), error=True)
        self.update_buttons()

    def _say(self, text: str, *, error: bool = False, css: str | None = None) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(css or (style.ERROR_LABEL_CSS if error else DONE_CSS))
        width = self.result_area.viewport().width() if self.result_area.isVisible() else 0
        needed = self.result.heightForWidth(max(width, self.width() - 24, 400))
        self.result_area.setFixedHeight(min(RESULT_MAX_HEIGHT, max(needed, 0) + 4))
        self.result_area.show()
        self.result_area.verticalScrollBar().setValue(0)


def _passports(workspace: Any, actor: Any, codes: list[str]) -> list[Outcome]:
    """On the runner: the group request by the same service as the command line."""
    require = bool(workspace.config.get("workflow.require_recommendation"))
    return request_passports(workspace.database, codes, actor, require_recommendation=require)
