"""Kelengkapan dokumen: the CPMI's papers for the current step, attached, checked and refused.

The officer works down the checklist with the CPMI's papers on the desk: select a line, attach the
scan (from the scanner's inbox, or from disk), look at the preview next to the paper, then
Verifikasi, or Tolak with the reason the CPMI will be told. When everything the registration step
needs is there, "Dokumen lengkap" moves the case on.

The checklist itself comes from ``services.documents.checklist`` (the domain's requirements
table), so this screen, the "documents complete" guard and the letters can never disagree about
what is missing. Every read and write runs on ``ctx.runner``; refusals come back with the
services' Indonesian sentences and are shown as they are.

``ReasonDialog`` / :func:`ask_reason` and :func:`officer_message` live here because the letters
panel and the applicant page need exactly the same: a reason typed before a refusal, a void or a
cancellation, and one way of turning a refusal into words.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.documents import DocumentKind, DocumentStatus
from ltsa_desk.domain.values import InvalidValue, parse_flexible_date
from ltsa_desk.domain.workflow import CaseState, IllegalTransition
from ltsa_desk.printing import PrintFailed
from ltsa_desk.services import documents
from ltsa_desk.services.applicants import ApplicantNotFound
from ltsa_desk.services.documents import (
    ChecklistRow,
    DocumentEntry,
    DocumentError,
    DocumentsIncomplete,
)
from ltsa_desk.services.intake import ApplicantClosed
from ltsa_desk.services.letters import LetterRefused
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.attachments import AttachmentRejected
from ltsa_desk.ui import style
from ltsa_desk.ui.applicant.preview import PreviewPane
from ltsa_desk.ui.applicant.scan_inbox import ScanInbox
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import WARNING_SIGN, MessageKind
from ltsa_desk.ui.plain import plain_label, plain_tip
from ltsa_desk.ui.words import (
    document_group_label,
    document_label,
    document_status_label,
    state_label,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

__all__ = [
    "ChecklistView",
    "DatesDialog",
    "DocumentsPanel",
    "ReasonDialog",
    "ask_dates",
    "ask_reason",
    "choose_file",
    "load_checklist",
    "officer_message",
]

T = TypeVar("T")

#: Kinds whose "berlaku sampai" date matters (an expired passport or visa does not count).
VALID_UNTIL_KINDS = frozenset({DocumentKind.PASSPORT.value, DocumentKind.VISA.value})

# Status look: colour AND a sign AND the word (UX.md: colour is never alone).
_STATUS_LOOK: dict[str, tuple[str, str]] = {
    DocumentStatus.MISSING.value: (style.OFFLINE, "\u25cb"),  # ○
    DocumentStatus.RECEIVED.value: (style.PENDING, "\u25d0"),  # ◐
    DocumentStatus.VERIFIED.value: (style.DELIVERED, "\u2714"),  # ✔
    DocumentStatus.REJECTED.value: (style.ATTENTION, "\u2716"),  # ✖
}

_MESSAGE_COLOURS = {
    MessageKind.INFO: "#455a64",
    MessageKind.SUCCESS: style.DELIVERED,
    MessageKind.WARNING: style.PENDING,
    MessageKind.ERROR: style.ERROR_TEXT,
}
_MESSAGE_SIGNS = {
    MessageKind.SUCCESS: "\u2714 ",
    MessageKind.WARNING: WARNING_SIGN + " ",
    MessageKind.ERROR: WARNING_SIGN + " ",
}


# --------------------------------------------------------------------------------------------
# shared helpers (also used by the letters panel and the applicant page)
# --------------------------------------------------------------------------------------------


def officer_message(exc: BaseException) -> str:
    """A refusal or failure in words for the officer; never a stack trace or an error code.

    The services' own refusals carry Indonesian sentences and are shown as they are; anything
    else (a locked database, a full disk) becomes one calm sentence that says what to do.
    """
    if isinstance(exc, ValidationFailed):
        return "; ".join(exc.errors.values())
    if isinstance(
        exc,
        AttachmentRejected
        | DocumentError
        | DocumentsIncomplete
        | LetterRefused
        | IllegalTransition,
    ):
        return exc.message
    if isinstance(exc, ApplicantClosed | ApplicantNotFound | InvalidValue | PrintFailed):
        return str(exc)
    log.error("action failed: %s", type(exc).__name__)
    return translate(
        "DocumentsPanel",
        "Tidak berhasil: data tidak dapat dibaca atau ditulis. Coba lagi; jika tetap gagal, "
        "hubungi teknisi.",
    )


class ReasonDialog(QDialog):
    """Asks for a reason (refusal, void, cancellation); Esc cancels, an empty reason is refused
    here so the officer fixes it without a round trip."""

    def __init__(
        self, title: str, prompt: str, ok_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.prompt = plain_label(prompt)  # names the CPMI, a letter's number
        self.prompt.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(90)
        self.error = QLabel()
        self.error.setStyleSheet(style.ERROR_LABEL_CSS)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip(self.tr("Batal (Esc)"))
        self.ok_button.setToolTip(self.tr("{action} (Ctrl+Enter)").format(action=ok_text))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._accept)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 240)

    def reason(self) -> str:
        return " ".join(self.editor.toPlainText().split())

    def _accept(self) -> None:
        if not self.reason():
            self.error.setText(self.tr("Alasan wajib diisi"))
            self.editor.setFocus()
            return
        self.accept()


def ask_reason(parent: QWidget, title: str, prompt: str, ok_text: str) -> str | None:
    """The default reason prompt (a modal dialog); screens hold it in an attribute so tests can
    put an answer in its place instead of running a dialog's event loop."""
    dialog = ReasonDialog(title, prompt, ok_text, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason()


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


# --------------------------------------------------------------------------------------------
# background work (runs on ctx.runner; plain data in and out)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistView:
    """What the panel shows for one applicant, read in one session."""

    applicant_id: str
    state: str
    rows: list[ChecklistRow]
    require_verified: bool

    @property
    def closed(self) -> bool:
        return self.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}

    @property
    def registration_complete(self) -> bool:
        """Whether every row the "documents complete" step needs is satisfied."""
        rows = [r for r in self.rows if r.needed_from_state == CaseState.DOCUMENTS_COMPLETE.value]
        return bool(rows) and all(r.satisfied for r in rows)


def load_checklist(workspace: Any, applicant_id: str, today: date) -> ChecklistView:
    """The checklist and the case's state, off the GUI thread."""
    require_verified = bool(workspace.config.get("documents.require_verified"))
    with workspace.database.session() as session:
        applicant = documents.get_applicant(session, applicant_id)
        rows = documents.checklist(session, applicant_id, today, require_verified=require_verified)
        return ChecklistView(str(applicant.id), applicant.state, rows, require_verified)


def _attach(
    workspace: Any, actor: Any, applicant_id: str, kind: str, path: Path, today: date
) -> DocumentEntry:
    store = documents.attachment_store(workspace)
    with workspace.database.write_session() as session:
        return documents.attach(session, store, applicant_id, kind, path, actor, today=today)


def _verify(
    workspace: Any,
    actor: Any,
    applicant_id: str,
    kind: str,
    issued_on: date | None,
    valid_until: date | None,
    today: date,
) -> DocumentEntry:
    with workspace.database.write_session() as session:
        return documents.verify(
            session,
            applicant_id,
            kind,
            actor,
            issued_on=issued_on,
            valid_until=valid_until,
            today=today,
        )


def _reject(workspace: Any, actor: Any, applicant_id: str, kind: str, reason: str) -> DocumentEntry:
    with workspace.database.write_session() as session:
        return documents.reject(session, applicant_id, kind, reason, actor)


def _mark_complete(
    workspace: Any, actor: Any, applicant_id: str, today: date, require_verified: bool
) -> None:
    with workspace.database.write_session() as session:
        documents.mark_documents_complete(
            session, applicant_id, actor, today=today, require_verified=require_verified
        )


# --------------------------------------------------------------------------------------------
# the panel
# --------------------------------------------------------------------------------------------


class DocumentsPanel(QWidget):
    """The Dokumen tab of the applicant page.

    ``load(applicant_id)`` reads the checklist; ``changed`` is emitted after every successful
    attach / verify / reject / "documents complete" so the page refreshes its header and history.
    ``choose_file``, ``ask_reason`` and ``ask_dates`` are attributes so tests (and a future
    drag-and-drop) can supply the answer without a modal dialog.
    """

    changed = Signal()
    loaded = Signal()
    busy_changed = Signal(bool)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        scan_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.applicant_id: str | None = None
        self.view: ChecklistView | None = None
        self.busy = False
        self.job_threads: list[str] = []
        self._generation = 0
        self._advance_after_load = False
        self._entries: list[tuple[ChecklistRow, DocumentEntry]] = []
        self.choose_file: Callable[[QWidget], Path | None] = choose_file
        # What the preview shows: a stored document's hash, "file:" + a scan's path, or None
        # (nothing yet / must be refreshed). A reload re-selects the same line without Qt
        # telling anyone, so the panel itself notices a newly attached file (issue 18).
        self._previewed: str | None = None
        self.ask_reason: Callable[[QWidget, str, str, str], str | None] = ask_reason
        self.ask_dates: Callable[
            [QWidget, DocumentEntry, bool, bool], tuple[date | None, date | None] | None
        ] = ask_dates

        titles = [
            self.tr("Dokumen"),
            self.tr("Status"),
            self.tr("Untuk tahap"),
            self.tr("Keterangan"),
        ]
        self.table = QTableWidget(0, len(titles))
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT + 2)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.setAccessibleName(translate("DocumentsPanel", "Kelengkapan dokumen"))
        self.table.setAccessibleDescription(
            translate(
                "DocumentsPanel",
                "Pilih dokumen untuk melihat berkasnya, lalu lampirkan, verifikasi atau tolak.",
            )
        )

        self.attach_file_button = QPushButton(self.tr("&Lampirkan berkas..."))
        self.attach_file_button.setToolTip(
            self.tr("Lampirkan berkas PDF, JPEG atau PNG dari komputer ini (Alt+L)")
        )
        self.attach_scan_button = QPushButton(self.tr("Lampirkan &scan"))
        self.attach_scan_button.setToolTip(
            self.tr("Lampirkan scan yang dipilih di daftar pemindai (Alt+S)")
        )
        self.verify_button = QPushButton(self.tr("&Verifikasi"))
        self.verify_button.setToolTip(
            self.tr("Dokumen sudah dibandingkan dengan aslinya dan sesuai (Alt+V)")
        )
        self.reject_button = QPushButton(self.tr("&Tolak..."))
        self.reject_button.setToolTip(self.tr("Tolak dokumen dengan alasan (Alt+T)"))
        self.complete_button = QPushButton(self.tr("Dokumen lengkap"))
        self.complete_button.setToolTip(
            self.tr("Semua dokumen pendaftaran ada: ubah status menjadi Dokumen lengkap")
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
        self.attach_file_button.clicked.connect(self.attach_from_disk)
        self.attach_scan_button.clicked.connect(self.attach_from_inbox)
        self.verify_button.clicked.connect(self.verify_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.complete_button.clicked.connect(self.mark_complete)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMinimumHeight(self.message.fontMetrics().height() * 2)
        self.message.setAccessibleName(translate("DocumentsPanel", "Pesan dokumen"))
        self.message_kind = MessageKind.NONE

        self.preview = PreviewPane(ctx)
        self.inbox = ScanInbox(ctx, folder=scan_folder)
        self.inbox.scan_selected.connect(self._scan_selected)
        self.inbox.scan_activated.connect(lambda _path: self.attach_from_inbox())

        self._build_layout()
        self._update_buttons()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (
            self.attach_scan_button,
            self.attach_file_button,
            self.verify_button,
            self.reject_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.complete_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.message)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.preview)
        right.addWidget(self.inbox)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([700, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # ------------------------------------------------------------------------------ jobs

    def _run(
        self,
        function: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.ctx.runner.run(
            function, on_done, on_error or self._action_failed, threads=self.job_threads
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()
        self.busy_changed.emit(busy)

    # ------------------------------------------------------------------------------ loading

    def load(self, applicant_id: str) -> None:
        """Show this applicant's checklist (read on the runner)."""
        if applicant_id != self.applicant_id:
            self.say(MessageKind.NONE, "")
            self.preview.clear()
        self.applicant_id = applicant_id
        self.reload()

    def reload(self) -> None:
        if self.applicant_id is None:
            return
        self._generation += 1
        generation = self._generation
        self._run(
            partial(load_checklist, self.ctx.workspace, self.applicant_id, self.today()),
            partial(self._loaded, generation),
            partial(self._load_failed, generation),
        )

    def _loaded(self, generation: int, view: ChecklistView) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        kind = self.selected_kind()
        self.view = view
        self._fill(view)
        self._select_kind(kind)
        if self.table.currentRow() < 0 and self.table.rowCount():
            self._select_first_open()
        if self._advance_after_load:
            self._advance_after_load = False
            self._select_next_waiting()
        chosen = self.selected()
        showing_scan = (self._previewed or "").startswith("file:")
        stale = chosen is not None and chosen[1].attachment_sha256 != self._previewed
        if stale and not showing_scan:
            self._selection_changed()
        self._update_buttons()
        self.loaded.emit()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.say(MessageKind.ERROR, officer_message(exc))

    def _fill(self, view: ChecklistView) -> None:
        self._entries = [(row, entry) for row in view.rows for entry in row.entries]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self._entries))
        for index, (row, entry) in enumerate(self._entries):
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
            note, warn = self._note(row, entry)
            remark = QTableWidgetItem(note)
            remark.setToolTip(plain_tip(note))
            if warn:
                remark.setForeground(QBrush(QColor(style.ATTENTION)))
            for column, item in enumerate((name, status, stage, remark)):
                self.table.setItem(index, column, item)

    def _note(self, row: ChecklistRow, entry: DocumentEntry) -> tuple[str, bool]:
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
        row = self.table.currentRow()
        if 0 <= row < len(self._entries):
            return self._entries[row]
        return None

    def selected_kind(self) -> str | None:
        chosen = self.selected()
        return chosen[1].kind if chosen else None

    def select_kind(self, kind: str) -> bool:
        """Select a document's line (tests, and the page after an action)."""
        return self._select_kind(kind)

    def _select_kind(self, kind: str | None) -> bool:
        if kind is None:
            return False
        for index, (_row, entry) in enumerate(self._entries):
            if entry.kind == kind:
                self.table.setCurrentCell(index, 0)
                return True
        return False

    def _select_first_open(self) -> None:
        """Start where the work is: the first line not yet verified."""
        for index, (_row, entry) in enumerate(self._entries):
            if entry.status != DocumentStatus.VERIFIED.value:
                self.table.setCurrentCell(index, 0)
                return
        self.table.setCurrentCell(0, 0)

    def _selection_changed(self) -> None:
        self._update_buttons()
        chosen = self.selected()
        if chosen is None:
            return
        _row, entry = chosen
        self._previewed = entry.attachment_sha256
        if entry.attachment_sha256:
            self.preview.show_stored(entry.attachment_sha256, entry.media_type)
        else:
            self.preview.clear(
                translate("DocumentsPanel", "{document}: belum ada berkas").format(
                    document=document_label(entry.kind)
                )
            )

    def _scan_selected(self, path: Path | None) -> None:
        self._update_buttons()
        if path is not None:
            self._previewed = f"file:{path}"
            self.preview.show_file(path)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        view = self.view
        open_case = view is not None and not view.closed and not self.busy
        status = chosen[1].status if chosen else None
        self.attach_file_button.setEnabled(open_case and chosen is not None)
        self.attach_scan_button.setEnabled(
            open_case and chosen is not None and self.inbox.selected_path() is not None
        )
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

    # ------------------------------------------------------------------------------ messages

    def say(self, kind: MessageKind, text: str) -> None:
        """The panel's one message line (coloured, with a sign: never colour alone)."""
        self.message_kind = kind if text else MessageKind.NONE
        colour = _MESSAGE_COLOURS.get(kind)
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        self.message.setText(_MESSAGE_SIGNS.get(kind, "") + text if text else "")
        self.message.setAccessibleDescription(text)

    def _action_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.say(MessageKind.ERROR, officer_message(exc))

    # ------------------------------------------------------------------------------ actions

    def attach_from_disk(self) -> None:
        """Attach a file chosen on disk to the selected document."""
        chosen = self._chosen_for_action()
        if chosen is None:
            return
        path = self.choose_file(self)
        if path is None:
            return
        self._attach(chosen[1], Path(path), from_inbox=False)

    def attach_from_inbox(self) -> None:
        """Attach the scan selected in the inbox list to the selected document."""
        chosen = self._chosen_for_action()
        if chosen is None:
            return
        path = self.inbox.selected_path()
        if path is None:
            self.say(MessageKind.WARNING, self.tr("Pilih scan di daftar pemindai dulu"))
            return
        self._attach(chosen[1], path, from_inbox=True)

    def attach_path(self, kind: str, path: Path) -> None:
        """Attach ``path`` to the document ``kind`` (drag-and-drop, tests)."""
        if self._select_kind(kind):
            chosen = self.selected()
            assert chosen is not None
            self._attach(chosen[1], Path(path), from_inbox=False)

    def _chosen_for_action(self) -> tuple[ChecklistRow, DocumentEntry] | None:
        if self.busy or self.applicant_id is None:
            return None
        chosen = self.selected()
        if chosen is None:
            self.say(MessageKind.WARNING, self.tr("Pilih dokumen di daftar dulu"))
        return chosen

    def _attach(self, entry: DocumentEntry, path: Path, *, from_inbox: bool) -> None:
        assert self.applicant_id is not None
        self._set_busy(True)
        self.say(
            MessageKind.INFO,
            self.tr("Melampirkan {file} sebagai {document}...").format(
                file=path.name, document=document_label(entry.kind)
            ),
        )
        self._run(
            partial(
                _attach,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                entry.kind,
                path,
                self.today(),
            ),
            partial(self._attached, path, from_inbox),
        )

    def _attached(self, path: Path, from_inbox: bool, entry: DocumentEntry) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.say(
            MessageKind.SUCCESS,
            self.tr(
                "{document} dilampirkan (status: {status}). Bandingkan dengan aslinya, lalu "
                "Verifikasi."
            ).format(
                document=document_label(entry.kind), status=document_status_label(entry.status)
            ),
        )
        if from_inbox:
            self.inbox.mark_attached(path)
        self._previewed = None  # show what was just attached once the checklist is read again
        self._after_change(entry.kind)

    def verify_selected(self) -> None:
        """Verify the selected document (asking for its dates when they matter)."""
        chosen = self._chosen_for_action()
        if chosen is None or self.applicant_id is None:
            return
        row, entry = chosen
        needs_issued = row.max_age_months is not None
        needs_until = entry.kind in VALID_UNTIL_KINDS
        issued: date | None = None
        until: date | None = None
        if needs_issued or needs_until:
            answer = self.ask_dates(self, entry, needs_issued, needs_until)
            if answer is None:
                return
            issued, until = answer
        self._set_busy(True)
        self._run(
            partial(
                _verify,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                entry.kind,
                issued,
                until,
                self.today(),
            ),
            self._verified,
        )

    def _verified(self, entry: DocumentEntry) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.say(
            MessageKind.SUCCESS,
            self.tr("{document} terverifikasi").format(document=document_label(entry.kind)),
        )
        self._after_change(entry.kind, next_open=True)

    def reject_selected(self) -> None:
        """Refuse the selected document with a reason the CPMI will be told."""
        chosen = self._chosen_for_action()
        if chosen is None or self.applicant_id is None:
            return
        entry = chosen[1]
        reason = self.ask_reason(
            self,
            self.tr("Tolak {document}").format(document=document_label(entry.kind)),
            self.tr(
                "Tulis alasan penolakan {document}. Alasan ini disampaikan kepada CPMI dan "
                "dicatat di riwayat."
            ).format(document=document_label(entry.kind)),
            self.tr("Tolak dokumen"),
        )
        if reason is None:
            return
        self._set_busy(True)
        self._run(
            partial(
                _reject,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                entry.kind,
                reason,
            ),
            self._rejected,
        )

    def _rejected(self, entry: DocumentEntry) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.say(
            MessageKind.WARNING,
            self.tr("{document} ditolak: {reason}").format(
                document=document_label(entry.kind), reason=entry.rejection_reason or ""
            ),
        )
        self._after_change(entry.kind)

    def mark_complete(self) -> None:
        """Move the case to "Dokumen lengkap" (refused with the gaps listed if anything is
        missing)."""
        if self.busy or self.applicant_id is None or self.view is None:
            return
        self._set_busy(True)
        self._run(
            partial(
                _mark_complete,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                self.today(),
                self.view.require_verified,
            ),
            self._marked_complete,
        )

    def _marked_complete(self, _result: None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.say(
            MessageKind.SUCCESS,
            self.tr("Status CPMI sekarang: Dokumen lengkap. Surat dapat diterbitkan."),
        )
        self._after_change(None)

    def _after_change(self, kind: str | None, *, next_open: bool = False) -> None:
        self._advance_after_load = next_open
        self.reload()
        self.changed.emit()

    def _select_next_waiting(self) -> None:
        """After a verification, move to the next paper still waiting: the officer's next step."""
        current = self.table.currentRow()
        for index in list(range(current + 1, len(self._entries))) + list(range(current)):
            if self._entries[index][1].status == DocumentStatus.RECEIVED.value:
                self.table.setCurrentCell(index, 0)
                return

    def stop(self) -> None:
        """Stop background watching (the page is closing)."""
        self.inbox.stop()
