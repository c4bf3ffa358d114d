"""Surat: issuing the SPR and the passport recommendation, the CPMI's receipt and the hand-carry.

Rules come from ``services.letters`` and are never re-decided here: whether a letter may be issued
is asked of the service's own check (read-only) when the panel loads, so a disabled button can say
why in the service's words ("SPR ditujukan kepada P3MI; isi P3MI pada data CPMI dulu").

Copies. A letter issued here is the original until it has been printed once through the print
dialog (Ctrl+P); every later print or "Buka PDF" goes through ``letters.reprint``, which records
the reprint in the audit log and marks the paper SALINAN, so an unmarked second original never
leaves the counter. A void letter opens with its DIBATALKAN watermark and cannot be printed.

Where PDFs go. They are written off the GUI thread into a private folder under the system's temp
folder (``ltsa-desk-cetak-<user>``), not into the data folder: they hold the CPMI's personal data in
the clear, the data folder is encrypted at rest and backed up, and a PDF is cheap to make again.
Files older than a day are removed when the panel starts. The PDF is then handed to the
desktop's viewer (``QDesktopServices``), which is where officers are used to printing from.

``open_file``, ``choose_printer`` and ``ask_reason`` are attributes so tests replace the
desktop, the print dialog and the reason dialog without running a modal event loop.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
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

from ltsa_desk import printing
from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.workflow import CaseState
from ltsa_desk.services import documents, letters
from ltsa_desk.services.letters import (
    LETTER_TITLES_ID,
    LetterKind,
    LetterRefused,
    LetterSummary,
    OfficeSettings,
)
from ltsa_desk.ui import style, words
from ltsa_desk.ui.applicant.documents import ask_reason, officer_message
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import WARNING_SIGN, MessageKind
from ltsa_desk.ui.plain import plain_label, plain_tip

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

__all__ = [
    "LettersPanel",
    "LettersView",
    "PrintedFile",
    "choose_printer",
    "default_output_dir",
    "load_letters",
    "open_with_desktop",
]

T = TypeVar("T")

#: How long a written PDF may stay in the temp folder. Receipts and letters carry a CPMI's name,
#: NIK and address, and the counter's Windows account is shared by every officer (and readable by
#: anyone at the PC): a paper is kept only while the viewer may still need it, and any copy can be
#: written again from the database. Older ones go when a panel opens; all go when the window
#: closes (a viewer still holding one open on Windows keeps it until the next start).
KEEP_SECONDS = 10 * 60
HAND_CARRY_DAYS = 7

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
# desktop seams (replaced in tests)
# --------------------------------------------------------------------------------------------


def default_output_dir() -> Path:
    """``<temp>/ltsa-desk-cetak-<user>``: one folder per system account, so a shared temp
    folder (Linux ``/tmp``) never mixes two officers' papers or refuses the second one."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) or no user variables
        user = "ltsa"
    safe = "".join(ch for ch in user if ch.isalnum() or ch in "-_") or "ltsa"
    return Path(tempfile.gettempdir()) / f"ltsa-desk-cetak-{safe}"


def open_with_desktop(path: Path) -> bool:
    """Open a PDF in the desktop's viewer; ``False`` when no viewer took it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_printer(parent: QWidget) -> QPrinter | None:
    """The print dialog (Esc cancels); the returned printer is then painted on the runner."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("LettersPanel", "Cetak"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


# --------------------------------------------------------------------------------------------
# background work (runs on ctx.runner; plain data in and out)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Why a letter cannot be issued yet, as the service decided it: its stable ``code`` and
    ``detail`` (``LetterRefused``), or ``documents`` for missing papers as (kinds, reason)
    pairs; ``message`` is the service's Indonesian sentence, said as is only for a code this
    window has no words for. Plain data across threads."""

    code: str
    message: str
    detail: tuple[tuple[str, str], ...] = ()
    documents: tuple[tuple[tuple[str, ...], str], ...] = ()


# A missing document's reason, after its name (documents.MissingReason values).
_MISSING_REASONS = {
    "rejected": QT_TRANSLATE_NOOP("LettersPanel", "ditolak"),
    "not_verified": QT_TRANSLATE_NOOP("LettersPanel", "belum diperiksa"),
    "undated": QT_TRANSLATE_NOOP("LettersPanel", "tanpa tanggal terbit"),
    "too_old": QT_TRANSLATE_NOOP("LettersPanel", "terlalu lama"),
    "expired": QT_TRANSLATE_NOOP("LettersPanel", "kedaluwarsa"),
}


def refusal_text(refusal: Refusal) -> str:
    """The refusal in the window's language (issue 18: the Surat tab said the service's
    Indonesian sentence in English mode too). Shown beside the letter's own button, so the
    sentence does not repeat the letter's title."""
    detail = dict(refusal.detail)
    if refusal.code == "documents":
        named = []
        for kinds, reason in refusal.documents:
            name = words.document_group_label(kinds)
            if reason in _MISSING_REASONS:
                name += " ({})".format(translate("LettersPanel", _MISSING_REASONS[reason]))
            named.append(name)
        return translate("LettersPanel", "Dokumen belum lengkap: {documents}").format(
            documents="; ".join(named)
        )
    if refusal.code == "wrong_state" and "state" in detail:
        return translate(
            "LettersPanel",
            "Baru dapat diterbitkan setelah dokumen lengkap (status sekarang: {state})",
        ).format(state=words.state_label(detail["state"]))
    if refusal.code == "already_issued" and "number" in detail:
        return translate(
            "LettersPanel",
            "Sudah terbit dengan nomor {number}; cetak ulang surat itu, atau batalkan dulu bila "
            "harus diganti",
        ).format(number=detail["number"])
    if refusal.code == "missing_data" and detail.get("field") == "agency":
        return translate(
            "LettersPanel", "Surat ini ditujukan kepada P3MI; isi P3MI pada data CPMI dulu"
        )
    if refusal.code == "missing_data" and detail.get("field") == "destination_country":
        return translate(
            "LettersPanel",
            "Surat ini menyebut negara tujuan; isi negara tujuan pada data CPMI dulu",
        )
    return refusal.message


@dataclass(frozen=True)
class LettersView:
    """The letters of one applicant and what may be done next, read in one session.

    ``*_refusal`` is ``None`` when the letter may be issued now, otherwise the service's reason.
    """

    applicant_id: str
    state: str
    full_name: str
    letters: list[LetterSummary]
    spr_refusal: Refusal | None
    recommendation_refusal: Refusal | None
    hand_carry_queued: bool = False
    hand_carry_urgent: bool = False
    days_to_departure: int | None = None

    @property
    def closed(self) -> bool:
        return self.state in {CaseState.CANCELLED.value, CaseState.DEPARTED.value}

    @property
    def hand_carry_allowed(self) -> bool:
        return self.hand_carry_queued and self.hand_carry_urgent and not self.closed


@dataclass(frozen=True)
class PrintedFile:
    """A PDF written for the officer, and what it is (for the message line)."""

    path: Path
    title: str
    number: str = ""
    copy: bool = False
    letter_id: str | None = None
    warnings: list[str] = field(default_factory=list)


def _refusal(
    session: Any, applicant: Any, kind: LetterKind, settings: OfficeSettings, today: date
) -> Refusal | None:
    """The service's own verdict on issuing now: the same check ``issue_letter`` runs first, and
    it only reads, so the buttons and the issuing can never disagree."""
    try:
        letters.check_can_issue(session, applicant, kind, settings, today)
    except LetterRefused as exc:
        return Refusal(exc.code, exc.message, tuple(sorted(exc.detail.items())))
    except documents.DocumentsIncomplete as exc:
        missing = tuple(
            (tuple(str(k) for k in gap.requirement.kinds), str(gap.reason)) for gap in exc.missing
        )
        return Refusal("documents", exc.message, documents=missing)
    return None


def load_letters(workspace: Any, applicant_id: str, today: date) -> LettersView:
    """Letters, issue verdicts and the hand-carry state, off the GUI thread."""
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        applicant = documents.get_applicant(session, applicant_id)
        state, name = applicant.state, applicant.full_name
        issued = letters.letters_of(session, applicant_id)
        spr = _refusal(session, applicant, LetterKind.SPR, settings, today)
        recommendation = _refusal(
            session, applicant, LetterKind.PASSPORT_RECOMMENDATION, settings, today
        )
        hand_carry = letters.hand_carry_data(
            session, applicant_id, settings, today=today, days=HAND_CARRY_DAYS
        )
    return LettersView(
        applicant_id=applicant_id,
        state=state,
        full_name=name,
        letters=issued,
        spr_refusal=spr,
        recommendation_refusal=recommendation,
        hand_carry_queued=hand_carry is not None,
        hand_carry_urgent=bool(hand_carry and hand_carry.urgent),
        days_to_departure=hand_carry.days_to_departure if hand_carry else None,
    )


def _write_pdf(render: Callable[[Path], Path], directory: Path, filename: str) -> Path:
    """Write with ``render``; when a viewer still holds the same name open (Windows locks it),
    write beside it under a numbered name instead of failing."""
    directory.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(directory, 0o700)  # personal data: this user only, where the system allows
    stem, suffix = os.path.splitext(filename)
    for number in range(0, 50):
        name = filename if number == 0 else f"{stem}-{number}{suffix}"
        try:
            return render(directory / name)
        except PermissionError:
            continue
    raise PermissionError(filename)


def clean_output_dir(directory: Path, keep_seconds: float = KEEP_SECONDS) -> int:
    """Remove PDFs older than ``keep_seconds`` (runs on the runner); returns how many."""
    removed = 0
    cutoff = time.time() - keep_seconds
    try:
        entries = list(directory.iterdir())
    except OSError:
        return 0
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.suffix.lower() == ".pdf" and entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed += 1
    return removed


_CLEANED_AT_QUIT: set[Path] = set()


def _clean_at_quit(directory: Path) -> None:
    """Remove every PDF of ``directory`` when the application quits (once per folder)."""
    app = QCoreApplication.instance()
    if app is None or directory in _CLEANED_AT_QUIT:
        return
    _CLEANED_AT_QUIT.add(directory)
    app.aboutToQuit.connect(partial(clean_output_dir, directory, 0.0))


def _issue_and_render(
    workspace: Any,
    actor: Any,
    applicant_id: str,
    kind: LetterKind,
    out_dir: Path,
    training: bool,
    today: date,
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.write_session() as session:
        data = letters.issue_letter(session, applicant_id, kind, actor, settings, today=today)
    path = _write_pdf(
        lambda target: printing.render_letter_pdf(data, target, training=training),
        out_dir,
        printing.letter_filename(data),
    )
    return PrintedFile(path, data.title, data.number, False, data.letter.id)


def _letter_for_output(
    workspace: Any, actor: Any, letter_id: str, fresh: bool
) -> letters.LetterData:
    """The letter as it may leave the counter: original while fresh, else an audited SALINAN;
    a void letter as it is (its DIBATALKAN watermark comes with it)."""
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        data = letters.letter_data(session, letter_id, settings)
    if data.letter.revoked or fresh:
        return data
    with workspace.database.write_session() as session:
        return letters.reprint(session, letter_id, actor, settings)


def _open_letter(
    workspace: Any, actor: Any, letter_id: str, fresh: bool, out_dir: Path, training: bool
) -> PrintedFile:
    data = _letter_for_output(workspace, actor, letter_id, fresh)
    path = _write_pdf(
        lambda target: printing.render_letter_pdf(data, target, training=training),
        out_dir,
        printing.letter_filename(data),
    )
    return PrintedFile(path, data.title, data.number, data.copy, data.letter.id)


def _print_letter(
    workspace: Any, actor: Any, letter_id: str, fresh: bool, printer: Any, training: bool
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        if letters.letter_data(session, letter_id, settings).letter.revoked:
            raise LetterRefused(
                "revoked",
                translate("LettersPanel", "Surat yang dibatalkan tidak dicetak"),
            )
    data = _letter_for_output(workspace, actor, letter_id, fresh)
    printing.print_letter(data, printer, training=training)
    return PrintedFile(Path(), data.title, data.number, data.copy, data.letter.id)


def _render_receipt(
    workspace: Any, actor: Any, applicant_id: str, out_dir: Path, training: bool, today: date
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        data = letters.receipt_data(session, applicant_id, settings, today=today, officer=actor)
    path = _write_pdf(
        lambda target: printing.render_receipt_pdf(data, target, training=training),
        out_dir,
        printing.receipt_filename(data),
    )
    return PrintedFile(path, translate("LettersPanel", "Tanda terima"))


def _print_receipt(
    workspace: Any, actor: Any, applicant_id: str, printer: Any, training: bool, today: date
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        data = letters.receipt_data(session, applicant_id, settings, today=today, officer=actor)
    printing.print_receipt(data, printer, training=training)
    return PrintedFile(Path(), translate("LettersPanel", "Tanda terima"))


def _render_hand_carry(
    workspace: Any, applicant_id: str, out_dir: Path, training: bool, today: date
) -> PrintedFile:
    settings = OfficeSettings.from_config(workspace.config)
    with workspace.database.session() as session:
        data = letters.hand_carry_data(
            session, applicant_id, settings, today=today, days=HAND_CARRY_DAYS
        )
    if data is None:
        raise LetterRefused(
            "not_found",
            translate(
                "LettersPanel",
                "Tidak ada permohonan paspor yang menunggu dikirim; hand-carry tidak diperlukan",
            ),
        )
    path = _write_pdf(
        lambda target: printing.render_hand_carry_pdf(data, target, training=training),
        out_dir,
        printing.hand_carry_filename(data),
    )
    return PrintedFile(path, translate("LettersPanel", "Permohonan paspor (hand-carry)"))


def _void(workspace: Any, actor: Any, letter_id: str, reason: str) -> LetterSummary:
    with workspace.database.write_session() as session:
        return letters.void_letter(session, letter_id, reason, actor)


# --------------------------------------------------------------------------------------------
# the panel
# --------------------------------------------------------------------------------------------


class LettersPanel(QWidget):
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
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.output_dir = output_dir or default_output_dir()
        self.applicant_id: str | None = None
        self.view: LettersView | None = None
        self.busy = False
        self.job_threads: list[str] = []
        self.last_file: PrintedFile | None = None
        self._fresh: set[str] = set()
        self._select_after_load: str | None = None
        self._generation = 0
        self.open_file: Callable[[Path], bool] = open_with_desktop
        self.choose_printer: Callable[[QWidget], Any] = choose_printer
        self.ask_reason: Callable[[QWidget, str, str, str], str | None] = ask_reason

        self.spr_button = QPushButton(self.tr("Terbitkan SPR"))
        self.recommendation_button = QPushButton(self.tr("Terbitkan Rekomendasi Paspor"))
        self.spr_reason = plain_label()  # names the CPMI
        self.recommendation_reason = plain_label()
        for label in (self.spr_reason, self.recommendation_reason):
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")

        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Surat yang sudah terbit"))
        self.table.setAccessibleDescription(self.tr("Pilih surat untuk melihat atau mencetaknya."))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Surat"),
                self.tr("Nomor"),
                self.tr("Tanggal"),
                self.tr("Status"),
                self.tr("Dicetak ulang"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT + 2)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.empty = QLabel(self.tr("Belum ada surat untuk CPMI ini."))
        self.empty.setStyleSheet("color: #555;")

        self.open_button = QPushButton(self.tr("&Buka PDF"))
        self.open_button.setToolTip(
            self.tr("Buka surat terpilih sebagai PDF; surat lama dibuka sebagai SALINAN (Enter)")
        )
        self.print_button = QPushButton(self.tr("&Cetak..."))
        self.print_button.setToolTip(self.tr("Cetak surat terpilih lewat dialog cetak (Ctrl+P)"))
        self.void_button = QPushButton(self.tr("Batalkan &surat..."))
        self.void_button.setToolTip(
            self.tr("Batalkan surat dengan alasan; nomornya tidak dipakai lagi")
        )
        self.receipt_button = QPushButton(self.tr("Cetak &tanda terima"))
        self.receipt_button.setToolTip(
            self.tr(
                "Tanda terima untuk CPMI: kode pelacakan, yang dikerjakan hari ini dan kiriman "
                "yang masih menunggu (Ctrl+P bila tidak ada surat terpilih)"
            )
        )
        self.hand_carry_button = QPushButton(self.tr("Permohonan paspor (&hand-carry)"))
        self.hand_carry_reason = plain_label()
        self.hand_carry_reason.setWordWrap(True)
        self.hand_carry_reason.setStyleSheet("color: #555;")

        for button in (
            self.spr_button,
            self.recommendation_button,
            self.open_button,
            self.print_button,
            self.void_button,
            self.receipt_button,
            self.hand_carry_button,
        ):
            button.setAutoDefault(False)
            button.setMinimumHeight(style.ROW_HEIGHT + 2)
        bold = QFont(self.spr_button.font())
        bold.setBold(True)
        self.spr_button.setFont(bold)
        self.recommendation_button.setFont(bold)
        self.spr_button.clicked.connect(partial(self.issue, LetterKind.SPR))
        self.recommendation_button.clicked.connect(
            partial(self.issue, LetterKind.PASSPORT_RECOMMENDATION)
        )
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.void_button.clicked.connect(self.void_selected)
        self.receipt_button.clicked.connect(self.open_receipt)
        self.hand_carry_button.clicked.connect(self.open_hand_carry)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_kind = MessageKind.NONE

        self._build_layout()
        self._update_buttons()
        self.ctx.runner.run(partial(clean_output_dir, self.output_dir))
        _clean_at_quit(self.output_dir)

    def _build_layout(self) -> None:
        issue_box = QGroupBox(self.tr("Terbitkan surat"))
        grid = QGridLayout(issue_box)
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.spr_button, 0, 0)
        grid.addWidget(self.spr_reason, 0, 1)
        grid.addWidget(self.recommendation_button, 1, 0)
        grid.addWidget(self.recommendation_reason, 1, 1)
        grid.setColumnStretch(1, 1)

        for_cpmi = QGroupBox(self.tr("Untuk dibawa CPMI"))
        cpmi = QGridLayout(for_cpmi)
        cpmi.setHorizontalSpacing(12)
        cpmi.addWidget(self.receipt_button, 0, 0)
        cpmi.addWidget(self.hand_carry_button, 1, 0)
        cpmi.addWidget(self.hand_carry_reason, 1, 1)
        cpmi.setColumnStretch(1, 1)

        top = QHBoxLayout()
        top.addWidget(issue_box, 3)
        top.addWidget(for_cpmi, 2)

        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.void_button)
        actions.addStretch(1)

        listed = QGroupBox(self.tr("Surat yang sudah terbit"))
        listed_layout = QVBoxLayout(listed)
        listed_layout.addWidget(self.empty)
        listed_layout.addWidget(self.table, 1)
        listed_layout.addLayout(actions)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(listed, 1)
        layout.addWidget(self.message)

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

    def say(self, kind: MessageKind, text: str) -> None:
        self.message_kind = kind if text else MessageKind.NONE
        colour = _MESSAGE_COLOURS.get(kind)
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        self.message.setText(_MESSAGE_SIGNS.get(kind, "") + text if text else "")

    def _action_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.say(MessageKind.ERROR, officer_message(exc))

    # ------------------------------------------------------------------------------ loading

    def load(self, applicant_id: str) -> None:
        """Show this applicant's letters (read on the runner)."""
        if applicant_id != self.applicant_id:
            self._fresh.clear()
            self.say(MessageKind.NONE, "")
        self.applicant_id = applicant_id
        self.reload()

    def reload(self) -> None:
        if self.applicant_id is None:
            return
        self._generation += 1
        generation = self._generation
        self._run(
            partial(load_letters, self.ctx.workspace, self.applicant_id, self.today()),
            partial(self._loaded, generation),
            partial(self._load_failed, generation),
        )

    def _loaded(self, generation: int, view: LettersView) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        selected = self.selected_letter()
        self.view = view
        self._fill(view)
        if self._select_after_load:
            self.select_letter(self._select_after_load)  # the letter just issued: Ctrl+P next
            self._select_after_load = None
        elif selected is not None:
            self.select_letter(selected.id)
        self._explain(view)
        self._update_buttons()
        self.loaded.emit()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self.say(MessageKind.ERROR, officer_message(exc))

    def _fill(self, view: LettersView) -> None:
        self.table.setRowCount(len(view.letters))
        for row, letter in enumerate(view.letters):
            title = QTableWidgetItem(letter.title)
            title.setData(Qt.ItemDataRole.UserRole, letter.id)
            number = QTableWidgetItem(letter.number)
            day = QTableWidgetItem(format_dmy(letter.issued_on))
            if letter.revoked:
                text = "\u2716 " + self.tr("Dibatalkan")
                if letter.void_reason:
                    text += ": " + letter.void_reason
                status = QTableWidgetItem(text)
                status.setForeground(QBrush(QColor(style.ATTENTION)))
                status.setToolTip(plain_tip(text))
                font = QFont(number.font())
                font.setStrikeOut(True)
                number.setFont(font)
            else:
                status = QTableWidgetItem("\u2714 " + self.tr("Berlaku"))
                status.setForeground(QBrush(QColor(style.DELIVERED)))
            copies = QTableWidgetItem(str(letter.copies) if letter.copies else "-")
            copies.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for column, item in enumerate((title, number, day, status, copies)):
                self.table.setItem(row, column, item)
        self.empty.setVisible(not view.letters)

    def _explain(self, view: LettersView) -> None:
        """Say beside each disabled button why, the service's verdict in the window's words."""
        self.spr_reason.setText(
            refusal_text(view.spr_refusal)
            if view.spr_refusal
            else self.tr("Siap diterbitkan untuk {name}").format(name=view.full_name)
        )
        self.recommendation_reason.setText(
            refusal_text(view.recommendation_refusal)
            if view.recommendation_refusal
            else self.tr("Siap diterbitkan; status menjadi Direkomendasikan")
        )
        for label, refusal in (
            (self.spr_reason, view.spr_refusal),
            (self.recommendation_reason, view.recommendation_refusal),
        ):
            label.setStyleSheet("color: #555;" if refusal else f"color: {style.DELIVERED};")
        if view.hand_carry_allowed:
            days = view.days_to_departure
            if days is not None and days < 0:
                text = self.tr("Permohonan paspor belum terkirim dan tanggal berangkat sudah lewat")
            elif days == 0:
                text = self.tr("Permohonan paspor belum terkirim dan CPMI berangkat hari ini")
            else:
                text = self.tr(
                    "Permohonan paspor belum terkirim dan CPMI berangkat {days} hari lagi: "
                    "cetak agar dibawa ke Imigrasi"
                ).format(days=days)
            self.hand_carry_reason.setStyleSheet(f"color: {style.PENDING};")
            self.hand_carry_reason.setText(WARNING_SIGN + " " + text)
        else:
            if not view.hand_carry_queued:
                text = self.tr("Tidak ada permohonan paspor yang menunggu dikirim")
            else:
                text = self.tr(
                    "Permohonan paspor masih menunggu dikirim; keberangkatan lebih dari {days} "
                    "hari lagi"
                ).format(days=HAND_CARRY_DAYS)
            self.hand_carry_reason.setStyleSheet("color: #555;")
            self.hand_carry_reason.setText(text)

    # ------------------------------------------------------------------------------ selection

    def selected_letter(self) -> LetterSummary | None:
        row = self.table.currentRow()
        if self.view is None or not 0 <= row < len(self.view.letters):
            return None
        if not self.table.selectionModel().isRowSelected(row):
            return None
        return self.view.letters[row]

    def select_letter(self, letter_id: str) -> bool:
        if self.view is None:
            return False
        for row, letter in enumerate(self.view.letters):
            if letter.id == letter_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        view = self.view
        ready = view is not None and not self.busy
        letter = self.selected_letter()
        self.spr_button.setEnabled(ready and view is not None and view.spr_refusal is None)
        self.recommendation_button.setEnabled(
            ready and view is not None and view.recommendation_refusal is None
        )
        self.open_button.setEnabled(ready and letter is not None)
        self.print_button.setEnabled(ready and letter is not None and not letter.revoked)
        self.void_button.setEnabled(ready and letter is not None and not letter.revoked)
        self.receipt_button.setEnabled(ready)
        self.hand_carry_button.setEnabled(ready and view is not None and view.hand_carry_allowed)

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
                _issue_and_render,
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
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
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
                _open_letter,
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
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
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
                _render_receipt,
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
                _render_hand_carry,
                self.ctx.workspace,
                self.applicant_id,
                self.output_dir,
                self.ctx.training,
                self.today(),
            ),
            self._opened,
        )

    def _opened(self, printed: PrintedFile) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
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
                _print_letter,
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
                _print_receipt,
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
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
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
            partial(_void, self.ctx.workspace, self.ctx.actor, letter.id, reason),
            self._voided,
        )

    def _voided(self, summary: LetterSummary) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self._fresh.discard(summary.id)
        self.say(
            MessageKind.WARNING,
            self.tr("{title} nomor {number} dibatalkan").format(
                title=summary.title, number=summary.number
            ),
        )
        self.reload()
        self.changed.emit()
