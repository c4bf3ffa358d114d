"""Kelengkapan dokumen: the CPMI's papers for the current step, attached, checked and refused.

The officer works down the checklist with the CPMI's papers on the desk: select a line, attach the
scan (from the scanner's inbox, or from disk), look at the preview next to the paper, then
Verifikasi, or Tolak with the reason the CPMI will be told. When everything the registration step
needs is there, "Dokumen lengkap" moves the case on.

The checklist itself comes from ``services.documents.checklist`` (the domain's requirements
table), so this screen, the "documents complete" guard and the letters can never disagree about
what is missing. Every read and write is the checklist's operation
(:mod:`ltsa_desk.operations.documents`, the same the command line runs: it reads the office's
flag, opens the session and loads the CPMI) on ``ctx.runner``; refusals come back with the
services' Indonesian sentences and are shown as they are.

The panel is built from its neighbours in this package: the checklist table
(``documents_table``), the buttons (``documents_buttons``), the dates and
file dialogs (``documents_dialogs``), the reason dialog shared with the other applicant screens
(``reason_dialog``); its jobs, its busy state and its message line are the ones every panel of
the page shares (``panel_jobs``, over ``ui.operation``, which drops an answer the panel no longer
wants and words a failure once).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ltsa_desk.domain.documents import DocumentKind
from ltsa_desk.operations import documents as document_ops
from ltsa_desk.operations.documents import Checklist
from ltsa_desk.services.documents import ChecklistRow, DocumentEntry
from ltsa_desk.ui.applicant.documents_buttons import ChecklistButtons
from ltsa_desk.ui.applicant.documents_dialogs import ask_dates, choose_file
from ltsa_desk.ui.applicant.documents_table import ChecklistTable
from ltsa_desk.ui.applicant.panel_jobs import PanelJobs
from ltsa_desk.ui.applicant.preview import PreviewPane
from ltsa_desk.ui.applicant.reason_dialog import ask_reason
from ltsa_desk.ui.applicant.scan_inbox import ScanInbox
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import MessageKind
from ltsa_desk.ui.words import document_label, document_status_label

translate = QCoreApplication.translate

__all__ = ["DocumentsPanel"]

#: Kinds whose "berlaku sampai" date matters (an expired passport or visa does not count).
VALID_UNTIL_KINDS = frozenset({DocumentKind.PASSPORT.value, DocumentKind.VISA.value})


# --------------------------------------------------------------------------------------------
# the panel
# --------------------------------------------------------------------------------------------


class DocumentsPanel(PanelJobs[Checklist]):
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
        super().__init__(ctx, parent, today=today)
        self._advance_after_load = False
        self.choose_file: Callable[[QWidget], Path | None] = choose_file
        # What the preview shows: a stored document's hash, "file:" + a scan's path, or None
        # (nothing yet / must be refreshed). A reload re-selects the same line without Qt
        # telling anyone, so the panel itself notices a newly attached file (issue 18).
        self._previewed: str | None = None
        self.ask_reason: Callable[[QWidget, str, str, str], str | None] = ask_reason
        self.ask_dates: Callable[
            [QWidget, DocumentEntry, bool, bool], tuple[date | None, date | None] | None
        ] = ask_dates

        self.table = ChecklistTable()
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.buttons = ChecklistButtons()
        self.attach_file_button = self.buttons.attach_file_button
        self.attach_scan_button = self.buttons.attach_scan_button
        self.verify_button = self.buttons.verify_button
        self.reject_button = self.buttons.reject_button
        self.complete_button = self.buttons.complete_button
        self.attach_file_button.clicked.connect(self.attach_from_disk)
        self.attach_scan_button.clicked.connect(self.attach_from_inbox)
        self.verify_button.clicked.connect(self.verify_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.complete_button.clicked.connect(self.mark_complete)

        self.message.setMinimumHeight(self.message.fontMetrics().height() * 2)
        self.message.setAccessibleName(translate("DocumentsPanel", "Pesan dokumen"))

        self.preview = PreviewPane(ctx)
        self.inbox = ScanInbox(ctx, folder=scan_folder)
        self.inbox.scan_selected.connect(self._scan_selected)
        self.inbox.scan_activated.connect(lambda _path: self.attach_from_inbox())

        self._build_layout()
        self._update_buttons()

    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.buttons)
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

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self.busy_changed.emit(busy)

    # ------------------------------------------------------------------------------ loading

    def _read(self, applicant_id: str) -> Callable[[], Checklist]:
        """This applicant's checklist (``load``/``reload`` run it on the runner)."""
        return partial(document_ops.checklist, self.ctx.workspace, applicant_id, self.today())

    def _forget_applicant(self) -> None:
        self.preview.clear()

    def _loaded(self, view: Checklist) -> None:
        kind = self.selected_kind()
        self.view = view
        self.table.fill(view)
        self.table.select_kind(kind)
        if self.table.currentRow() < 0 and self.table.rowCount():
            self.table.select_first_open()
        if self._advance_after_load:
            self._advance_after_load = False
            self.table.select_next_waiting()
        chosen = self.selected()
        showing_scan = (self._previewed or "").startswith("file:")
        stale = chosen is not None and chosen[1].attachment_sha256 != self._previewed
        if stale and not showing_scan:
            self._selection_changed()
        self._update_buttons()
        self.loaded.emit()

    # ------------------------------------------------------------------------------ selection

    @property
    def _entries(self) -> list[tuple[ChecklistRow, DocumentEntry]]:
        """The (requirement, document) of each line, as the checklist table shows them."""
        return self.table.entries

    def selected(self) -> tuple[ChecklistRow, DocumentEntry] | None:
        return self.table.selected()

    def selected_kind(self) -> str | None:
        chosen = self.selected()
        return chosen[1].kind if chosen else None

    def select_kind(self, kind: str) -> bool:
        """Select a document's line (tests, and the page after an action)."""
        return self.table.select_kind(kind)

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
        self.buttons.enable_for(
            self.view,
            chosen[1].status if chosen else None,
            chosen=chosen is not None,
            scan_chosen=self.inbox.selected_path() is not None,
            busy=self.busy,
        )

    # ------------------------------------------------------------------------------ messages

    def say(self, kind: MessageKind, text: str) -> None:
        """The message line, its text also its accessible description (a screen reader reads
        the answer to the action just taken)."""
        super().say(kind, text)
        self.message.setAccessibleDescription(text)

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
        if self.table.select_kind(kind):
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
                document_ops.attach,
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
                document_ops.verify,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                entry.kind,
                self.today(),
                issued_on=issued,
                valid_until=until,
            ),
            self._verified,
        )

    def _verified(self, entry: DocumentEntry) -> None:
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
                document_ops.reject,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                entry.kind,
                reason,
            ),
            self._rejected,
        )

    def _rejected(self, entry: DocumentEntry) -> None:
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
                document_ops.mark_complete,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                self.today(),
            ),
            self._marked_complete,
        )

    def _marked_complete(self, _result: None) -> None:
        self.say(
            MessageKind.SUCCESS,
            self.tr("Status CPMI sekarang: Dokumen lengkap. Surat dapat diterbitkan."),
        )
        self._after_change(None)

    def _after_change(self, kind: str | None, *, next_open: bool = False) -> None:
        self._advance_after_load = next_open
        self.reload()
        self.changed.emit()

    def stop(self) -> None:
        """Stop background watching (the page is closing)."""
        self.inbox.stop()
