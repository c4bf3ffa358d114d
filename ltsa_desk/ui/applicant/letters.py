"""Surat: issuing the SPR and the passport recommendation, the CPMI's receipt and the hand-carry.

Rules come from ``services.letters`` and are never re-decided here: whether a letter may be issued
is asked of the service's own check (read-only) when the panel loads, so a disabled button can say
why in the service's words ("SPR ditujukan kepada P3MI; isi P3MI pada data CPMI dulu").

Copies. A letter issued here is the original until it has been printed once through the print
dialog (Ctrl+P); every later print or "Buka PDF" goes through ``letters.reprint``, which records
the reprint in the audit log and marks the paper SALINAN, so an unmarked second original never
leaves the counter. A void letter opens with its DIBATALKAN watermark and cannot be printed.

Where PDFs go: a private folder under the system's temp folder, never the data folder
(``letters_output``). The panel is built from its neighbours in this package: the reads, writes
and painting on the runner (``letters_jobs``), the issue and hand-carry buttons with their
reasons (``letters_buttons``) and the list of issued letters (``letters_table``); its jobs, busy
state and message line are the ones every panel of the page shares (``panel_jobs``).

``open_file``, ``choose_printer`` and ``ask_reason`` are attributes so tests replace the
desktop, the print dialog and the reason dialog without running a modal event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ltsa_desk.operations.letters import CaseLetters
from ltsa_desk.services.letters import LETTER_TITLES_ID, LetterKind, LetterSummary
from ltsa_desk.ui.applicant.letters_buttons import LetterButtons
from ltsa_desk.ui.applicant.letters_jobs import (
    PrintedFile,
    issue_and_render,
    load_letters,
    open_letter,
    print_letter,
    print_receipt,
    render_hand_carry,
    render_receipt,
    void_letter,
)
from ltsa_desk.ui.applicant.letters_output import (
    choose_printer,
    clean_at_quit,
    clean_output_dir,
    default_output_dir,
    open_with_desktop,
)
from ltsa_desk.ui.applicant.letters_table import IssuedLetters
from ltsa_desk.ui.applicant.panel_jobs import PanelJobs
from ltsa_desk.ui.applicant.reason_dialog import ask_reason
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import MessageKind

__all__ = ["LettersPanel"]


class LettersPanel(PanelJobs[CaseLetters]):
    """The Surat tab of the applicant page.

    Public: ``load(applicant_id)``, ``issue(kind)``, ``open_selected()``, ``print_selected()``,
    ``void_selected()``, ``open_receipt()``, ``print_receipt()``, ``open_hand_carry()`` and
    ``print_current(prefer_letter)`` (Ctrl+P). Signals: ``changed`` after an issue or a void
    (the page refreshes its header and history), ``file_ready(path)`` after a PDF is written,
    ``printed(PrintedFile)`` after a print, ``loaded`` after each load.
    """

    changed = Signal()
    loaded = Signal()
    file_ready = Signal(object)
    printed = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        output_dir: Path | None = None,
    ) -> None:
        super().__init__(ctx, parent, today=today)
        self.output_dir = output_dir or default_output_dir()
        self.last_file: PrintedFile | None = None
        self._fresh: set[str] = set()
        self._select_after_load: str | None = None
        self.open_file: Callable[[Path], bool] = open_with_desktop
        self.choose_printer: Callable[[QWidget], Any] = choose_printer
        self.ask_reason: Callable[[QWidget, str, str, str], str | None] = ask_reason

        self.letter_buttons = LetterButtons()
        self.spr_button = self.letter_buttons.spr_button
        self.recommendation_button = self.letter_buttons.recommendation_button
        self.spr_reason = self.letter_buttons.spr_reason
        self.recommendation_reason = self.letter_buttons.recommendation_reason
        self.receipt_button = self.letter_buttons.receipt_button
        self.hand_carry_button = self.letter_buttons.hand_carry_button
        self.hand_carry_reason = self.letter_buttons.hand_carry_reason

        self.listed = IssuedLetters()
        self.table = self.listed.table
        self.empty = self.listed.empty
        self.open_button = self.listed.open_button
        self.print_button = self.listed.print_button
        self.void_button = self.listed.void_button
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.spr_button.clicked.connect(partial(self.issue, LetterKind.SPR))
        self.recommendation_button.clicked.connect(
            partial(self.issue, LetterKind.PASSPORT_RECOMMENDATION)
        )
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.void_button.clicked.connect(self.void_selected)
        self.receipt_button.clicked.connect(self.open_receipt)
        self.hand_carry_button.clicked.connect(self.open_hand_carry)

        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build_layout()
        self._update_buttons()
        self.ctx.runner.run(partial(clean_output_dir, self.output_dir))
        clean_at_quit(self.output_dir)

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.letter_buttons)
        layout.addWidget(self.listed, 1)
        layout.addWidget(self.message)

    # ------------------------------------------------------------------------------ loading

    def _read(self, applicant_id: str) -> Callable[[], CaseLetters]:
        """This applicant's letters (``load``/``reload`` run it on the runner)."""
        return partial(load_letters, self.ctx.workspace, applicant_id, self.today())

    def _forget_applicant(self) -> None:
        self._fresh.clear()

    def _loaded(self, view: CaseLetters) -> None:
        selected = self.selected_letter()
        self.view = view
        self.listed.fill(view.letters)
        if self._select_after_load:
            self.select_letter(self._select_after_load)  # the letter just issued: Ctrl+P next
            self._select_after_load = None
        elif selected is not None:
            self.select_letter(selected.id)
        self.letter_buttons.explain(view)
        self._update_buttons()
        self.loaded.emit()

    # ------------------------------------------------------------------------------ selection

    def selected_letter(self) -> LetterSummary | None:
        return self.table.selected()

    def select_letter(self, letter_id: str) -> bool:
        return self.table.select(letter_id)

    def _update_buttons(self) -> None:
        view = self.view
        ready = view is not None and not self.busy
        letter = self.selected_letter()
        self.letter_buttons.enable_for(view, ready=ready)
        self.listed.enable_for(letter, ready=ready)

    # ------------------------------------------------------------------------------ actions

    def issue(self, kind: LetterKind | str) -> None:
        """Issue a letter (number, row, audit, status change) and open its PDF."""
        if self.busy or self.applicant_id is None:
            return
        letter_kind = LetterKind(kind)
        self._set_busy(True)
        self.say(
            MessageKind.INFO,
            self.tr("Menerbitkan {title}...").format(title=LETTER_TITLES_ID[letter_kind]),
        )
        self._run(
            partial(
                issue_and_render,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                letter_kind,
                self.output_dir,
                self.ctx.training,
                self.today(),
            ),
            self._issued,
        )

    def _issued(self, printed: PrintedFile) -> None:
        if printed.letter_id:
            self._fresh.add(printed.letter_id)
        self.say(
            MessageKind.SUCCESS,
            self.tr("{title} terbit dengan nomor {number}. Ctrl+P untuk mencetak.").format(
                title=printed.title, number=printed.number
            ),
        )
        self._deliver(printed, announce=False)
        self._select_after_load = printed.letter_id
        self.reload()
        self.changed.emit()

    def open_selected(self) -> None:
        """Open the selected letter as a PDF (a SALINAN unless it was just issued here)."""
        letter = self.selected_letter()
        if letter is None or self.busy:
            return
        self._set_busy(True)
        fresh = letter.id in self._fresh
        self._run(
            partial(
                open_letter,
                self.ctx.workspace,
                self.ctx.actor,
                letter.id,
                fresh,
                self.output_dir,
                self.ctx.training,
            ),
            self._opened_letter,
        )

    def _opened_letter(self, printed: PrintedFile) -> None:
        self._deliver(printed)
        if printed.copy:
            self.reload()  # the reprint count changed
            self.changed.emit()

    def open_receipt(self) -> None:
        """Write the CPMI's receipt as a PDF and open it."""
        if self.busy or self.applicant_id is None:
            return
        self._set_busy(True)
        self._run(
            partial(
                render_receipt,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                self.output_dir,
                self.ctx.training,
                self.today(),
            ),
            self._opened,
        )

    def open_hand_carry(self) -> None:
        """Write the queued passport application for the CPMI to carry, and open it."""
        if self.busy or self.applicant_id is None:
            return
        self._set_busy(True)
        self._run(
            partial(
                render_hand_carry,
                self.ctx.workspace,
                self.applicant_id,
                self.output_dir,
                self.ctx.training,
                self.today(),
            ),
            self._opened,
        )

    def _opened(self, printed: PrintedFile) -> None:
        self._deliver(printed)

    def _deliver(self, printed: PrintedFile, *, announce: bool = True) -> None:
        """Hand the PDF to the desktop's viewer, and say where it is if none took it."""
        self.last_file = printed
        self.file_ready.emit(printed.path)
        opened = self.open_file(printed.path)
        if not opened:
            self.say(
                MessageKind.WARNING,
                self.tr("PDF dibuat tetapi tidak ada penampil PDF yang membukanya: {path}").format(
                    path=printed.path
                ),
            )
        elif announce:
            what = printed.title + (f" {printed.number}" if printed.number else "")
            if printed.copy:
                what += " (" + self.tr("SALINAN") + ")"
            self.say(MessageKind.SUCCESS, self.tr("{what} dibuka").format(what=what))

    # -- printing through the dialog -------------------------------------------------------

    def print_current(self, prefer_letter: bool = True) -> None:
        """Ctrl+P: the selected letter when there is one (and ``prefer_letter``), else the
        receipt."""
        letter = self.selected_letter() if prefer_letter else None
        if letter is not None and not letter.revoked:
            self.print_selected()
        else:
            self.print_receipt()

    def print_selected(self) -> None:
        letter = self.selected_letter()
        if letter is None or self.busy:
            return
        if letter.revoked:
            self.say(MessageKind.WARNING, self.tr("Surat yang dibatalkan tidak dicetak"))
            return
        printer = self.choose_printer(self)
        if printer is None:
            return
        fresh = letter.id in self._fresh
        self._set_busy(True)
        self._run(
            partial(
                print_letter,
                self.ctx.workspace,
                self.ctx.actor,
                letter.id,
                fresh,
                printer,
                self.ctx.training,
            ),
            partial(self._printed, printer),
        )

    def print_receipt(self) -> None:
        if self.busy or self.applicant_id is None:
            return
        printer = self.choose_printer(self)
        if printer is None:
            return
        self._set_busy(True)
        self._run(
            partial(
                print_receipt,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                printer,
                self.ctx.training,
                self.today(),
            ),
            partial(self._printed, printer),
        )

    def _printed(self, _printer: Any, printed: PrintedFile) -> None:
        """``_printer`` is held by the callback until here so it outlives the painting job."""
        if printed.letter_id:
            self._fresh.discard(printed.letter_id)  # the original has left the counter
        what = printed.title + (f" {printed.number}" if printed.number else "")
        if printed.copy:
            what += " (" + self.tr("SALINAN") + ")"
        self.say(MessageKind.SUCCESS, self.tr("{what} dikirim ke printer").format(what=what))
        self.printed.emit(printed)
        if printed.copy:
            self.reload()
            self.changed.emit()

    def void_selected(self) -> None:
        """Void the selected letter with a reason (kept, marked, its number never reused)."""
        letter = self.selected_letter()
        if letter is None or self.busy or letter.revoked:
            return
        reason = self.ask_reason(
            self,
            self.tr("Batalkan surat"),
            self.tr(
                "Batalkan {title} nomor {number}? Surat tetap tercatat sebagai dibatalkan dan "
                "nomornya tidak dipakai lagi. Tulis alasannya."
            ).format(title=letter.title, number=letter.number),
            self.tr("Batalkan surat"),
        )
        if reason is None:
            return
        self._set_busy(True)
        self._run(
            partial(void_letter, self.ctx.workspace, self.ctx.actor, letter.id, reason),
            self._voided,
        )

    def _voided(self, summary: LetterSummary) -> None:
        self._fresh.discard(summary.id)
        self.say(
            MessageKind.WARNING,
            self.tr("{title} nomor {number} dibatalkan").format(
                title=summary.title, number=summary.number
            ),
        )
        self.reload()
        self.changed.emit()
