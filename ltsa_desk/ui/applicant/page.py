"""The applicant page: one CPMI, everything the counter does for them, and the truth about the line.

The header answers the questions an officer is asked across the desk: who is this, where is the
case on the placement path, has the data reached the central registry and immigration, and is the
CPMI about to leave while something is still stuck (then a warning with the one button that
helps: the hand-carry print). Below it four tabs, each a page of work that fits 1366x768:

* **Data** - the record, corrected with the same rules as the intake form (the service's
  ``check_applicant``, live under each field); "Ajukan paspor" and "Batalkan CPMI". A disabled
  "Ajukan paspor" says why, on its tooltip and on the line under the buttons ("Ajukan paspor:
  Surat Rekomendasi Paspor belum terbit"); an admin also gets "Lewati urutan...", which asks the
  step and the reason (``services.case_order``; the reason shows in the history).
* **Dokumen** - the checklist, attachments, preview and the scan inbox (``documents_panel``).
* **Surat** - letters, receipt and hand-carry (``letters_panel``).
* **Riwayat** - the history from the audit log and case events, newest first.

Nothing touches the database or the disk on the GUI thread: the page's view is read by one job
on ``ctx.runner`` (plain dataclasses back), every change is one job, and the panels do the same.
After any change the whole page reads itself again, so the header, the checklist, the letter
buttons and the history can never show different truths.

Main window keys: ``save()`` is Ctrl+S (saves the Data tab), ``print_current()`` is Ctrl+P (the
selected letter on the Surat tab, otherwise the CPMI's receipt).
"""

from __future__ import annotations

import html
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.regions import resource_dir
from ltsa_desk.domain.values import (
    EDUCATION_LEVELS,
    MARITAL_STATUS_LABELS_ID,
    SECTOR_LABELS_ID,
    SEX_LABELS_ID,
    field_label,
)
from ltsa_desk.domain.workflow import (
    HAPPY_PATH,
    STATE_LABELS_ID,
    CaseState,
    step_index,
)
from ltsa_desk.services import case_order, departures, documents, intake, letters
from ltsa_desk.services.applicants import applicant_dict
from ltsa_desk.services.documents import HistoryRow
from ltsa_desk.services.intake import DuplicateNik, WarningsNotConfirmed
from ltsa_desk.services.intake_desk import Lookups, load_lookups
from ltsa_desk.services.letters import SubmissionLine
from ltsa_desk.services.validation import (
    FIELDS,
    REQUIRED,
    ValidationFailed,
    check_applicant,
)
from ltsa_desk.ui import style
from ltsa_desk.ui.applicant.documents import DocumentsPanel
from ltsa_desk.ui.applicant.letters import LettersPanel
from ltsa_desk.ui.applicant.reason_dialog import ask_reason
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.elided import ElidedLabel
from ltsa_desk.ui.fields import WARNING_SIGN, FormNotice, LabelledField, MessageKind
from ltsa_desk.ui.intake_fields import LEFT_COLUMN, RIGHT_COLUMN, choice_label
from ltsa_desk.ui.line_status import destination_label
from ltsa_desk.ui.operation import officer_message
from ltsa_desk.ui.plain import plain_label, plain_tip
from ltsa_desk.ui.skip_order import ask_skip
from ltsa_desk.ui.sync_words import kind_label
from ltsa_desk.ui.words import country_label, datetime_label, item_state_label, state_label

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

__all__ = [
    "ApplicantPage",
    "ApplicantView",
    "StepIndicator",
    "form_values",
    "load_view",
    "submissions_html",
]

T = TypeVar("T")

DEPARTURE_DAYS = 7
_EDITOR_HEIGHT = 28
_CLOSED = {CaseState.CANCELLED.value, CaseState.DEPARTED.value}

_CHOICES: dict[str, list[tuple[str, str]]] = {
    "sex": [(str(sex), label) for sex, label in SEX_LABELS_ID.items()],
    "education": [(level, level) for level in EDUCATION_LEVELS],
    "marital_status": [(str(value), label) for value, label in MARITAL_STATUS_LABELS_ID.items()],
    "sector": [(str(sector), label) for sector, label in SECTOR_LABELS_ID.items()],
}

# Submission state -> (colour, icon in resources/icons): colour always next to the word (UX.md);
# a paused destination shows the key, as on the status bar.
_ITEM_LOOK: dict[str, tuple[str, str]] = {
    "delivered": (style.DELIVERED, "dot-green"),
    "pending": (style.PENDING, "dot-amber"),
    "in_flight": (style.PENDING, "dot-amber"),
    "needs_attention": (style.ATTENTION, "dot-red"),
    "paused": (style.PAUSED, "key"),
}


# --------------------------------------------------------------------------------------------
# reading the page (runs on ctx.runner)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantView:
    """Everything the page shows about one CPMI except the checklist and the letters (their
    panels read those), as plain values read in one session."""

    id: str
    tracking_code: str
    full_name: str
    nik: str
    state: str
    registry_id: str | None
    passport_application_no: str | None
    cancelled_reason: str | None
    planned_departure: date | None
    form: dict[str, str]
    submissions: list[SubmissionLine] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)
    warning: departures.WarningInfo | None = None
    passport_refusal: str | None = None
    passport_refusal_code: str | None = None
    skip_targets: list[str] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.state in _CLOSED


def _date_text(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_dmy(date.fromisoformat(value))
    except ValueError:
        return value


def form_values(record: dict[str, Any]) -> dict[str, str]:
    """A stored record (``applicant_dict``) as the form shows it: dates DD-MM-YYYY, the country
    by its name in the window's language, choices by their stored value. Saving sends back only
    the fields whose text the officer changed, so these display forms never reach the database
    unasked."""
    values: dict[str, str] = {}
    for name in FIELDS:
        raw = record.get(name)
        if name in {"birth_date", "planned_departure"}:
            values[name] = _date_text(raw)
        elif name == "destination_country":
            values[name] = country_label(raw)
        else:
            values[name] = "" if raw is None else str(raw)
    return values


def load_view(workspace: Any, applicant_id: str, today: date, actor: Any = None) -> ApplicantView:
    """Read the page's view of one applicant (runs on the runner); ``actor`` decides whether the
    order may be skipped (an admin)."""
    settings = letters.OfficeSettings.from_config(workspace.config)
    require_recommendation = bool(workspace.config.get("workflow.require_recommendation"))
    with workspace.database.session() as session:
        applicant = documents.get_applicant(session, applicant_id)
        record = applicant_dict(session, applicant)
        receipt = letters.receipt_data(session, applicant.id, settings, today=today)
        history = documents.history(session, applicant.id)
        warning = departures.departure_warnings(
            session, today, DEPARTURE_DAYS, applicant_ids=[applicant.id]
        ).get(str(applicant.id))
        blocker = case_order.passport_blocker(
            applicant, require_recommendation=require_recommendation
        )
        targets = case_order.skip_targets(applicant, actor) if actor is not None else []
        return ApplicantView(
            id=str(applicant.id),
            tracking_code=applicant.tracking_code,
            full_name=applicant.full_name,
            nik=applicant.nik,
            state=applicant.state,
            registry_id=applicant.registry_id,
            passport_application_no=applicant.passport_application_no,
            cancelled_reason=applicant.cancelled_reason,
            planned_departure=applicant.planned_departure,
            form=form_values(record),
            submissions=list(receipt.waiting) + list(receipt.delivered),
            history=history,
            warning=warning,
            passport_refusal=blocker.text if blocker else None,
            passport_refusal_code=blocker.code if blocker else None,
            skip_targets=[state.value for state in targets],
        )


def _save(
    workspace: Any,
    actor: Any,
    applicant_id: str,
    changes: dict[str, str],
    confirm_warnings: bool,
    today: date,
) -> list[str]:
    with workspace.database.write_session() as session:
        applicant = documents.get_applicant(session, applicant_id)
        result = intake.update_applicant(
            session, applicant, changes, actor, confirm_warnings=confirm_warnings, today=today
        )
        return list(result.warnings)


def _request_passport(workspace: Any, actor: Any, applicant_id: str) -> None:
    require = bool(workspace.config.get("workflow.require_recommendation"))
    with workspace.database.write_session() as session:
        applicant = documents.open_applicant(session, applicant_id)
        intake.request_passport(session, applicant, actor, require_recommendation=require)


def _skip(workspace: Any, actor: Any, applicant_id: str, target: str, reason: str) -> None:
    with workspace.database.write_session() as session:
        case_order.skip_order(session, applicant_id, target, actor, reason)


def _cancel(workspace: Any, actor: Any, applicant_id: str, reason: str) -> None:
    with workspace.database.write_session() as session:
        applicant = documents.open_applicant(session, applicant_id)
        intake.cancel_applicant(session, applicant, reason, actor)


def confirm(parent: QWidget, title: str, text: str, ok_text: str) -> bool:
    """The default yes/no question (Esc = no); tests replace it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text names the CPMI
    yes = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("ApplicantPage", "Batal"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


# --------------------------------------------------------------------------------------------
# header widgets
# --------------------------------------------------------------------------------------------


class StepIndicator(QLabel):
    """The placement path as words: done steps ticked, the current one bold, the rest grey.

    A cancelled case shows where it stopped and that it is cancelled, with the reason.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.state: str | None = None

    def set_state(
        self, state: str, cancelled_reason: str | None = None, passed: set[int] | None = None
    ) -> None:
        """Show ``state``. ``passed`` holds the step indices the case really went through (from
        its history); ``None`` when unknown (an imported case), then every earlier step counts.

        A step the case jumped over (the passport requested straight after registration) is
        shown as skipped, never ticked: a tick would claim a recommendation that never existed.
        """
        self.state = state
        current = step_index(state)
        # A cancelled case has no current step: it stopped at the last one it reached.
        frontier = current if current is not None else max(passed or {0})
        parts: list[str] = []
        for index, step in enumerate(HAPPY_PATH):
            label = html.escape(state_label(step))
            done = index < frontier and (passed is None or index in passed or index == 0)
            if current is not None and index == current:
                parts.append(
                    f"<span style='color:#0d47a1; font-weight:bold;'>\u25cf {label}</span>"
                )
            elif done or (current is None and index == frontier):
                parts.append(f"<span style='color:{style.DELIVERED};'>\u2714 {label}</span>")
            elif index < frontier:
                skipped = html.escape(translate("ApplicantPage", "dilewati"))
                parts.append(
                    f"<span style='color:#757575; font-style:italic;'>\u2013 {label} "
                    f"({skipped})</span>"
                )
            else:
                parts.append(f"<span style='color:#9e9e9e;'>\u25cb {label}</span>")
        text = " <span style='color:#9e9e9e;'>\u203a</span> ".join(parts)
        if state == CaseState.CANCELLED.value:
            reason = html.escape(cancelled_reason or "")
            cancelled = html.escape(state_label(CaseState.CANCELLED))
            text += (
                f" &nbsp; <span style='color:{style.ATTENTION}; font-weight:bold;'>"
                f"\u2716 {cancelled}" + (f": {reason}" if reason else "") + "</span>"
            )
        self.setText(text)
        self.setAccessibleDescription(
            translate("ApplicantPage", "Status: {state}").format(state=state_label(state))
        )


def submissions_html(lines: list[SubmissionLine]) -> str:
    """The applicant's submissions on one wrapping line: icon, destination, kind, state, and
    since when it waits (or the remote's number once delivered).

    Rich text in one label rather than a row of widgets, so three or four submissions wrap
    instead of pushing the page wider than a 1366 px screen.
    """
    icons = resource_dir("icons")
    items: list[str] = []
    for line in lines:
        colour, icon_name = _ITEM_LOOK.get(line.state, (style.OFFLINE, "dot-grey"))
        text = (
            f"{destination_label(line.destination)} - {kind_label(line.kind)}: "
            f"{item_state_label(line.state)}"
        )
        if line.remote_number and not line.waiting:
            text += f" ({line.remote_number})"
        elif line.waiting:
            text += " " + translate("ApplicantPage", "sejak {when}").format(
                when=datetime_label(line.since)
            )
        if line.reason:
            text += f" - {line.reason}"
        source = html.escape((icons / f"{icon_name}.svg").as_posix())
        tint = "" if line.state == "delivered" else f"color:{colour};"
        items.append(
            f"<span style='white-space:nowrap; {tint}'><img src='{source}' width='12' "
            f"height='12'> {html.escape(text)}</span>"
        )
    return " &nbsp;&nbsp; ".join(items)


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------


class ApplicantPage(QWidget):
    """One CPMI. ``load(applicant_id)`` shows them; the main window calls ``save()`` (Ctrl+S)
    and ``print_current()`` (Ctrl+P).

    Signals: ``back_requested`` (the officer wants the previous screen), ``changed(id)`` after
    any change that other screens list (search results, the sync screen), ``loaded(id)`` after
    the page has read itself.
    """

    back_requested = Signal()
    changed = Signal(str)
    loaded = Signal(str)

    TAB_DATA, TAB_DOCUMENTS, TAB_LETTERS, TAB_HISTORY = range(4)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        scan_folder: Path | None = None,
        output_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.applicant_id: str | None = None
        self.view: ApplicantView | None = None
        self.saving = False
        self.job_threads: list[str] = []
        self._generation = 0
        self._touched: set[str] = set()
        self.message_kind = MessageKind.NONE
        self.ask_reason: Callable[[QWidget, str, str, str], str | None] = ask_reason
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.ask_skip: Callable[[QWidget, str, list[str]], tuple[str, str] | None] = ask_skip

        self._build_header()
        self._build_data_tab()
        self.documents = DocumentsPanel(ctx, today=today, scan_folder=scan_folder)
        self.letters = LettersPanel(ctx, today=today, output_dir=output_dir)
        self._build_history_tab()

        self.tabs = QTabWidget()
        self.tabs.addTab(self.data_tab, self.tr("Data"))
        self.tabs.addTab(self.documents, self.tr("Dokumen"))
        self.tabs.addTab(self.letters, self.tr("Surat"))
        self.tabs.addTab(self.history_tab, self.tr("Riwayat"))
        for index, tip in enumerate(
            (
                self.tr("Data CPMI (Ctrl+1)"),
                self.tr("Kelengkapan dokumen (Ctrl+2)"),
                self.tr("Surat, tanda terima, hand-carry (Ctrl+3)"),
                self.tr("Riwayat (Ctrl+4)"),
            )
        ):
            self.tabs.setTabToolTip(index, tip)
            QShortcut(
                QKeySequence(f"Ctrl+{index + 1}"),
                self,
                partial(self.tabs.setCurrentIndex, index),
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        self.opened_notice = FormNotice()
        self.opened_notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.opened_notice)
        layout.addWidget(self.departure_banner)
        layout.addWidget(self.tabs, 1)

        self.documents.changed.connect(partial(self._panel_changed, "documents"))
        self.letters.changed.connect(partial(self._panel_changed, "letters"))
        self.departure_banner.action.connect(self._banner_action)
        self.letters.loaded.connect(self._letters_loaded)

        self._sync_refresh = QTimer(self)
        self._sync_refresh.setSingleShot(True)
        self._sync_refresh.setInterval(1000)
        self._sync_refresh.timeout.connect(self._refresh_view)
        if ctx.bridge is not None:
            ctx.bridge.engine_event.connect(self._engine_event)

        self._set_form_enabled(False)
        self.ctx.runner.run(partial(load_lookups, ctx.workspace), self._lookups_loaded)

    # ------------------------------------------------------------------------------ building

    def _build_header(self) -> None:
        self.header = QFrame()
        self.header.setObjectName("applicantHeader")
        self.header.setStyleSheet(
            "#applicantHeader { background: #f7f9fb; border: 1px solid #dde3ea; "
            "border-radius: 4px; }"
        )
        self.back_button = QPushButton(self.tr("\u2039 Kembali"))
        self.back_button.setToolTip(self.tr("Kembali ke layar sebelumnya"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back_requested)
        # Header items never widen the page: an unwrapped label's minimum width is its whole
        # text, and a long name beside "No. permohonan paspor ..." made the window 1514 px wide
        # on a 1366 px screen, for good (issue 18). The name is cut with "...", the numbers wrap.
        self.name_label = ElidedLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(max(font.pointSizeF(), style.MIN_POINT_SIZE) * 1.45)
        font.setBold(True)
        self.name_label.setFont(font)
        self.ids_label = QLabel()
        self.ids_label.setTextFormat(Qt.TextFormat.RichText)
        self.ids_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ids_label.setWordWrap(True)
        self.steps = StepIndicator()
        self.submissions_label = QLabel()
        self.submissions_label.setTextFormat(Qt.TextFormat.RichText)
        self.submissions_label.setWordWrap(True)
        self.submissions_title = QLabel(self.tr("Kiriman:"))
        self.submissions_title.setStyleSheet("color: #555;")
        self.submissions_title.setAlignment(Qt.AlignmentFlag.AlignTop)

        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        sent = QHBoxLayout()
        sent.setSpacing(8)
        sent.addWidget(self.submissions_title)
        sent.addWidget(self.submissions_label, 1)
        box = QVBoxLayout(self.header)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(3)
        box.addLayout(top)
        box.addWidget(self.ids_label)
        box.addWidget(self.steps)
        box.addLayout(sent)

        self.departure_banner = FormNotice()
        self.departure_banner.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
        )

    def _build_data_tab(self) -> None:
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.fields: dict[str, LabelledField] = {}
        for name in FIELDS:
            editor = self._make_editor(name)
            editor.setObjectName(name)
            editor.setMinimumHeight(_EDITOR_HEIGHT)
            self.editors[name] = editor
            self.fields[name] = LabelledField(
                translate("IntakePage", field_label(name)), editor, required=name in REQUIRED
            )
            editor.installEventFilter(self)
            if isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(partial(self._edited, name))
            else:
                editor.textEdited.connect(partial(self._edited, name))
        self.country_model = QStringListModel(self)
        self.agency_model = QStringListModel(self)
        for name, model in (
            ("destination_country", self.country_model),
            ("agency", self.agency_model),
        ):
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor = self.editors[name]
            assert isinstance(editor, QLineEdit)
            editor.setCompleter(completer)

        self.confirm_warnings = QCheckBox(
            self.tr("Peringatan NIK sudah saya periksa; simpan tetap")
        )
        self.confirm_warnings.hide()
        self.form_message = QLabel()
        self.form_message.setWordWrap(True)
        self.form_message.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self.tr("Simpan perubahan"))
        self.save_button.setToolTip(self.tr("Simpan perubahan data CPMI (Ctrl+S)"))
        bold = QFont(self.save_button.font())
        bold.setBold(True)
        self.save_button.setFont(bold)
        self.passport_button = QPushButton(self.tr("&Ajukan paspor"))
        self.passport_button.setToolTip(
            self.tr("Catat pengajuan paspor dan kirim permohonannya ke Imigrasi (Alt+A)")
        )
        self.cancel_button = QPushButton(self.tr("Batalkan C&PMI..."))
        self.cancel_button.setToolTip(
            self.tr("Batalkan kasus CPMI ini dengan alasan; kiriman yang belum terkirim ditarik")
        )
        self.passport_tip = self.passport_button.toolTip()
        self.skip_button = QPushButton(self.tr("Lewati &urutan..."))
        self.skip_button.setToolTip(
            self.tr(
                "Admin: pindahkan kasus ke langkah berikut tanpa dokumen atau surat sebelumnya, "
                "dengan alasan (tercatat di Riwayat)"
            )
        )
        self.skip_button.setVisible(self.ctx.role == case_order.ADMIN)
        self.skip_button.clicked.connect(self.skip_order)
        for button in (
            self.save_button,
            self.passport_button,
            self.cancel_button,
            self.skip_button,
        ):
            button.setAutoDefault(False)
            button.setMinimumHeight(_EDITOR_HEIGHT + 4)
        self.save_button.clicked.connect(self.save)
        self.passport_button.clicked.connect(self.request_passport)
        self.cancel_button.clicked.connect(self.cancel_case)
        self.passport_reason = plain_label()
        self.passport_reason.setWordWrap(True)
        self.passport_reason.setStyleSheet("color: #555;")

        columns = QHBoxLayout()
        columns.setSpacing(24)
        width = max(self.fields[name].label.sizeHint().width() for name in FIELDS)
        for names in (LEFT_COLUMN, RIGHT_COLUMN):
            column = QVBoxLayout()
            column.setSpacing(2)
            for name in names:
                self.fields[name].set_label_width(width)
                column.addWidget(self.fields[name])
            column.addStretch(1)
            columns.addLayout(column, 1)

        bottom = QHBoxLayout()
        messages = QVBoxLayout()
        messages.addWidget(self.confirm_warnings)
        messages.addWidget(self.form_message)
        messages.addWidget(self.passport_reason)
        bottom.addLayout(messages, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.skip_button)
        bottom.addWidget(self.passport_button)
        bottom.addWidget(self.save_button)

        self.data_tab = QWidget()
        layout = QVBoxLayout(self.data_tab)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        chain: list[QWidget] = [self.editors[name] for name in FIELDS]
        chain += [
            self.confirm_warnings,
            self.save_button,
            self.passport_button,
            self.skip_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _make_editor(self, name: str) -> QLineEdit | QComboBox:
        if name in _CHOICES:
            combo = QComboBox()
            combo.addItem("\u2014", "")
            for value, label in _CHOICES[name]:
                combo.addItem(choice_label(name, label), value)
            return combo
        line = QLineEdit()
        if name in {"birth_date", "planned_departure"}:
            line.setPlaceholderText("DD-MM-YYYY")
        return line

    def _build_history_tab(self) -> None:
        self.history_table = QTableWidget(0, 4)
        self.history_table.setAccessibleName(self.tr("Riwayat CPMI"))
        self.history_table.setAccessibleDescription(
            self.tr("Setiap perubahan kasus ini: kapan, siapa, apa.")
        )
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("Waktu"), self.tr("Petugas"), self.tr("Kejadian"), self.tr("Keterangan")]
        )
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT)
        self.history_table.setAlternatingRowColors(True)
        self.history_table.setWordWrap(False)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.history_table.setColumnWidth(3, 320)
        self.history_tab = QWidget()
        layout = QVBoxLayout(self.history_tab)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.history_table)

    # ------------------------------------------------------------------------------ jobs

    def _run(
        self,
        function: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.ctx.runner.run(function, on_done, on_error, threads=self.job_threads)

    def all_job_threads(self) -> list[str]:
        """Every thread the page and its panels did work on (tests assert none is the GUI's)."""
        return [*self.job_threads, *self.documents.job_threads, *self.letters.job_threads]

    def _lookups_loaded(self, lookups: Lookups) -> None:
        if shiboken6.isValid(self):
            self.country_model.setStringList(lookups.countries)
            self.agency_model.setStringList(lookups.agencies)

    # ------------------------------------------------------------------------------ loading

    def load(self, applicant_id: str, reason: str = "") -> None:
        """Show this CPMI: the page and both panels read themselves on the runner. ``reason``
        says why the page opened when the officer did not choose it (a registered NIK)."""
        if reason:
            self.opened_notice.show_message(MessageKind.INFO, reason)
        else:
            self.opened_notice.clear()
        if applicant_id != self.applicant_id:
            self.view = None
            self._touched.clear()
            self._say(MessageKind.NONE, "")
            self.name_label.setText(self.tr("Memuat..."))
            self.tabs.setCurrentIndex(self.TAB_DATA)
        self.applicant_id = applicant_id
        self._refresh_view()
        self.documents.load(applicant_id)
        self.letters.load(applicant_id)

    def reload(self) -> None:
        """Read everything again (after a change elsewhere, e.g. the sync screen's fix)."""
        if self.applicant_id is not None:
            self.load(self.applicant_id)

    def _refresh_view(self) -> None:
        if self.applicant_id is None:
            return
        self._generation += 1
        generation = self._generation
        self._run(
            partial(load_view, self.ctx.workspace, self.applicant_id, self.today(), self.ctx.actor),
            partial(self._view_loaded, generation),
            partial(self._view_failed, generation),
        )

    def _view_loaded(self, generation: int, view: ApplicantView) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        previous = self.view
        dirty = self.has_unsaved_changes()
        self.view = view
        self._show_header(view)
        if not dirty or previous is None or previous.id != view.id:
            self._fill_form(view.form)
        self._show_history(view.history)
        self._update_actions()
        self.loaded.emit(view.id)

    def _view_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.name_label.setText(self.tr("CPMI tidak dapat dibuka"))
        self._say(MessageKind.ERROR, officer_message(exc))

    # ------------------------------------------------------------------------------ header

    def _show_header(self, view: ApplicantView) -> None:
        self.name_label.setText(view.full_name)
        parts = [
            self.tr("NIK {nik}").format(nik=html.escape(view.nik)),
            self.tr("Kode {code}").format(code=f"<b>{html.escape(view.tracking_code)}</b>"),
        ]
        if view.registry_id:
            parts.append(self.tr("ID registri {id}").format(id=html.escape(view.registry_id)))
        if view.passport_application_no:
            parts.append(
                self.tr("No. permohonan paspor {no}").format(
                    no=html.escape(view.passport_application_no)
                )
            )
        if view.planned_departure:
            parts.append(
                self.tr("Rencana keberangkatan {day}").format(
                    day=format_dmy(view.planned_departure)
                )
            )
        self.ids_label.setText(" &nbsp;\u00b7&nbsp; ".join(parts))
        self.steps.set_state(view.state, view.cancelled_reason, self._passed_steps(view.history))
        self._show_submissions(view.submissions)
        self._show_departure(view)

    @staticmethod
    def _passed_steps(rows: list[HistoryRow]) -> set[int] | None:
        """The steps the case really went through, from its status history (``None`` when the
        history has no status change at all, e.g. a case imported from the old register)."""
        passed = {0}
        seen = False
        for row in rows:
            if row.action != "case.state":
                continue
            seen = True
            for step in HAPPY_PATH:
                if row.text.endswith(f"\u2192 {STATE_LABELS_ID[step]}"):
                    index = step_index(step)
                    if index is not None:
                        passed.add(index)
        return passed if seen else None

    def _show_submissions(self, lines: list[SubmissionLine]) -> None:
        if lines:
            self.submissions_label.setText(submissions_html(lines))
        else:
            self.submissions_label.setText(
                "<span style='color:#555;'>" + html.escape(self.tr("belum ada kiriman")) + "</span>"
            )

    def _show_departure(self, view: ApplicantView) -> None:
        warning = view.warning
        if warning is None:
            self.departure_banner.clear()
            return
        hand_carry = self.letters.view is not None and self.letters.view.hand_carry_allowed
        text = (
            warning.message
            + ". "
            + self.tr(
                "Pastikan data sampai sebelum CPMI berangkat: periksa Sinkronisasi, atau cetak "
                "permohonan paspor untuk dibawa ke Imigrasi."
            )
        )
        self.departure_banner.show_message(
            MessageKind.ERROR if warning.needs_attention else MessageKind.WARNING,
            text,
            self.tr("Cetak permohonan paspor (hand-carry)") if hand_carry else None,
        )

    def _letters_loaded(self) -> None:
        """The hand-carry verdict arrives with the letters: offer it in the banner too."""
        if self.view is not None:
            self._show_departure(self.view)

    def _banner_action(self) -> None:
        self.tabs.setCurrentWidget(self.letters)
        self.letters.open_hand_carry()

    def departure_warning(self) -> str | None:
        """The banner's text while a departure warning is shown (for tests and the tour)."""
        if self.departure_banner.kind == MessageKind.NONE:
            return None
        return self.departure_banner.text.text() or None

    # ------------------------------------------------------------------------------ data form

    def _fill_form(self, values: dict[str, str]) -> None:
        for name, editor in self.editors.items():
            value = values.get(name, "")
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                index = editor.findData(value)
                if index < 0 and value:
                    editor.addItem(value, value)  # an imported value outside today's list
                    index = editor.count() - 1
                editor.setCurrentIndex(max(index, 0))
            else:
                editor.setText(value)
                editor.setCursorPosition(0)
            editor.blockSignals(False)
            self.fields[name].clear_message()
        self._touched.clear()
        self.confirm_warnings.setChecked(False)
        self.confirm_warnings.hide()

    def value(self, name: str) -> str:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return str(editor.currentData() or "")
        return editor.text().strip()

    def form_data(self) -> dict[str, str]:
        return {name: self.value(name) for name in FIELDS}

    def changes(self) -> dict[str, str]:
        """Only the fields whose text differs from what was loaded."""
        if self.view is None:
            return {}
        loaded = self.view.form
        return {
            name: value
            for name, value in self.form_data().items()
            if value != (loaded.get(name) or "").strip()
        }

    def has_unsaved_changes(self) -> bool:
        """Whether leaving now would lose corrections (for the window's close guard)."""
        return bool(self.changes())

    def _edited(self, name: str, *_: object) -> None:
        self._touched.add(name)
        self._check_form()
        self._update_actions()

    def _check_form(self) -> dict[str, str]:
        try:
            check_applicant(
                self.form_data(),
                office_code=self.ctx.actor.office_code,
                registration_date=self.today(),
            )
        except ValidationFailed as exc:
            errors = exc.errors
        else:
            errors = {}
        for name, field_widget in self.fields.items():
            if name in errors and name in self._touched:
                field_widget.set_error(errors[name])
            else:
                field_widget.clear_message()
        return errors

    def _set_form_enabled(self, enabled: bool) -> None:
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.setReadOnly(not enabled)
            else:
                editor.setEnabled(enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
        """Enter moves to the next field, as on the intake form."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, QWidget)
        ):
            if isinstance(watched, QLineEdit):
                completer = watched.completer()
                if completer is not None and completer.popup().isVisible():
                    return False
            watched.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------------------ messages

    def _say(self, kind: MessageKind, text: str) -> None:
        colours = {
            MessageKind.ERROR: style.ERROR_TEXT,
            MessageKind.WARNING: style.PENDING,
            MessageKind.SUCCESS: style.DELIVERED,
            MessageKind.INFO: "#455a64",
        }
        signs = {
            MessageKind.ERROR: WARNING_SIGN + " ",
            MessageKind.WARNING: WARNING_SIGN + " ",
            MessageKind.SUCCESS: "\u2714 ",
        }
        colour = colours.get(kind)
        self.form_message.setStyleSheet(f"color: {colour};" if colour else "")
        self.form_message.setText(signs.get(kind, "") + text if text else "")
        self.message_kind = kind if text else MessageKind.NONE

    def _update_actions(self) -> None:
        view = self.view
        open_case = view is not None and not view.closed and not self.saving
        self._set_form_enabled(open_case)
        self.save_button.setEnabled(open_case and bool(self.changes()))
        self.passport_button.setEnabled(
            open_case and view is not None and not view.passport_refusal
        )
        self.cancel_button.setEnabled(open_case)
        self.skip_button.setEnabled(open_case and view is not None and bool(view.skip_targets))
        blocker = self.passport_blocker_text()
        self.passport_button.setToolTip(
            self.passport_tip if not blocker else WARNING_SIGN + " " + blocker
        )
        if view is None:
            self.passport_reason.clear()
        elif view.closed:
            self.passport_reason.setText(
                self.tr("CPMI ini sudah {state}; data hanya dapat dilihat.").format(
                    state=state_label(view.state).lower()
                )
            )
        elif (step_index(view.state) or 0) >= (step_index(CaseState.PASSPORT_REQUESTED) or 0):
            self.passport_reason.setText(self.tr("Paspor sudah diajukan."))
        else:
            self.passport_reason.setText(blocker)

    def passport_blocker_text(self) -> str:
        """Why "Ajukan paspor" is disabled, in the window's language ("" when it is not)."""
        view = self.view
        if view is None or view.closed or not view.passport_refusal:
            return ""
        if (step_index(view.state) or 0) >= (step_index(CaseState.PASSPORT_REQUESTED) or 0):
            return self.tr("Paspor sudah diajukan.")
        if view.passport_refusal_code == "needs_documents":
            return self.tr("Ajukan paspor: dokumen pendaftaran belum lengkap dan terverifikasi")
        if view.passport_refusal_code == "needs_recommendation":
            return self.tr("Ajukan paspor: Surat Rekomendasi Paspor belum terbit")
        return view.passport_refusal

    # ------------------------------------------------------------------------------ actions

    def save(self) -> None:
        """Ctrl+S: save corrections of the Data tab (the service checks again and audits)."""
        if self.saving or self.view is None or self.applicant_id is None:
            return
        if self.view.closed:
            self._say(MessageKind.WARNING, self.tr("CPMI ini tidak dapat diubah lagi."))
            return
        changes = self.changes()
        if not changes:
            self._say(MessageKind.INFO, self.tr("Tidak ada perubahan untuk disimpan."))
            return
        self._touched.update(changes)
        errors = self._check_form()
        if errors:
            # The service checks the whole record, so a gap anywhere blocks the save: show it.
            self._touched.update(errors)
            self._check_form()
            first = next(name for name in FIELDS if name in errors)
            self.tabs.setCurrentWidget(self.data_tab)
            self.editors[first].setFocus()
            self._say(
                MessageKind.ERROR,
                self.tr("Belum tersimpan: perbaiki {count} kolom yang bertanda merah.").format(
                    count=len(errors)
                ),
            )
            return
        self.saving = True
        self._update_actions()
        self._say(MessageKind.INFO, self.tr("Menyimpan..."))
        self._run(
            partial(
                _save,
                self.ctx.workspace,
                self.ctx.actor,
                self.applicant_id,
                changes,
                self.confirm_warnings.isChecked(),
                self.today(),
            ),
            self._saved,
            self._save_failed,
        )

    def _saved(self, _warnings: list[str]) -> None:
        if not shiboken6.isValid(self):
            return
        self.saving = False
        self._say(
            MessageKind.SUCCESS,
            self.tr("Perubahan tersimpan; perbaikan data akan dikirim ke Registri pusat."),
        )
        if self.view is not None:
            # What was saved is now the loaded state, so the reload replaces the form.
            self.view = _with_form(self.view, self.form_data())
        self._after_change()

    def _save_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.saving = False
        self._update_actions()
        if isinstance(exc, ValidationFailed):
            for name, message in exc.errors.items():
                if name in self.fields:
                    self.fields[name].set_error(message)
            self._say(
                MessageKind.ERROR, self.tr("Belum tersimpan: perbaiki kolom yang bertanda merah.")
            )
        elif isinstance(exc, DuplicateNik):
            self.fields["nik"].set_error(
                self.tr("NIK sudah terdaftar dengan kode {code}").format(code=exc.tracking_code)
            )
            self._say(MessageKind.ERROR, self.tr("Belum tersimpan: NIK milik CPMI lain."))
        elif isinstance(exc, WarningsNotConfirmed):
            self.fields["nik"].set_warning(" ".join(exc.warnings))
            self.confirm_warnings.show()
            self.confirm_warnings.setFocus()
            self._say(
                MessageKind.WARNING,
                self.tr("Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi."),
            )
        else:
            self._say(MessageKind.ERROR, officer_message(exc))

    def request_passport(self) -> None:
        """Record the passport request; the application is queued for immigration."""
        view = self.view
        if view is None or self.saving or view.closed or view.passport_refusal:
            return
        if not self.confirm(
            self,
            self.tr("Ajukan paspor"),
            self.tr(
                "Ajukan paspor untuk {name}? Permohonan dikirim ke Imigrasi; bila sambungan "
                "terputus, permohonan menunggu dan terkirim sendiri."
            ).format(name=view.full_name),
            self.tr("Ajukan paspor"),
        ):
            return
        self.saving = True
        self._update_actions()
        self._run(
            partial(_request_passport, self.ctx.workspace, self.ctx.actor, view.id),
            partial(
                self._done, self.tr("Paspor diajukan; permohonan menunggu dikirim ke Imigrasi.")
            ),
            self._action_failed,
        )

    def skip_order(self) -> None:
        """Admin: move the case over the order, to the step and with the reason asked."""
        view = self.view
        if view is None or self.saving or view.closed or not view.skip_targets:
            return
        answer = self.ask_skip(self, view.full_name, list(view.skip_targets))
        if answer is None:
            return
        target, reason = answer
        self.saving = True
        self._update_actions()
        self._run(
            partial(_skip, self.ctx.workspace, self.ctx.actor, view.id, target, reason),
            partial(
                self._done,
                self.tr("Urutan dilewati: status {state}; alasan tercatat di Riwayat.").format(
                    state=state_label(target)
                ),
            ),
            self._action_failed,
        )

    def cancel_case(self) -> None:
        """Cancel the case with a reason; unsent submissions are withdrawn by the service."""
        view = self.view
        if view is None or self.saving or view.closed:
            return
        reason = self.ask_reason(
            self,
            self.tr("Batalkan CPMI"),
            self.tr(
                "Batalkan kasus {name} ({code})? Kasus yang dibatalkan tidak dapat dilanjutkan; "
                "tulis alasannya."
            ).format(name=view.full_name, code=view.tracking_code),
            self.tr("Batalkan CPMI"),
        )
        if reason is None:
            return
        self.saving = True
        self._update_actions()
        self._run(
            partial(_cancel, self.ctx.workspace, self.ctx.actor, view.id, reason),
            partial(self._done, self.tr("Kasus CPMI dibatalkan.")),
            self._action_failed,
        )

    def _done(self, message: str, _result: object) -> None:
        if not shiboken6.isValid(self):
            return
        self.saving = False
        self._say(MessageKind.SUCCESS, message)
        self._after_change()

    def _action_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.saving = False
        self._update_actions()
        self._say(MessageKind.ERROR, officer_message(exc))

    def _after_change(self) -> None:
        """Something changed: read everything again, wake the line, tell the other screens."""
        if self.ctx.bridge is not None:
            self.ctx.bridge.wake()
        self.reload()
        if self.applicant_id is not None:
            self.changed.emit(self.applicant_id)

    def _panel_changed(self, source: str) -> None:
        """A panel changed the case: the other panel, the header and the history follow."""
        self._refresh_view()
        if source == "documents":
            self.letters.reload()
        else:
            self.documents.reload()
        if self.ctx.bridge is not None:
            self.ctx.bridge.wake()
        if self.applicant_id is not None:
            self.changed.emit(self.applicant_id)

    def _engine_event(self, _destination: str, kind: str, _detail: dict[str, Any]) -> None:
        """Deliveries and pulled statuses change the header's truth: refresh it, calmly."""
        if self.applicant_id is not None and kind in {"batch", "pulled", "online", "offline"}:
            self._sync_refresh.start()

    # ------------------------------------------------------------------------------ history

    def _show_history(self, rows: list[HistoryRow]) -> None:
        self.history_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = (
                datetime_label(row.at),
                row.actor,
                row.text,
                row.note or "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setToolTip(plain_tip(text))
                self.history_table.setItem(index, column, item)

    # ------------------------------------------------------------------------------ window keys

    def print_current(self) -> None:
        """Ctrl+P: the selected letter when the Surat tab is open, otherwise the receipt."""
        on_letters = self.tabs.currentWidget() is self.letters
        self.letters.print_current(prefer_letter=on_letters)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def stop(self) -> None:
        """The page is closing: stop watching the scan folder."""
        self.documents.stop()


def _with_form(view: ApplicantView, form: dict[str, str]) -> ApplicantView:
    return replace(view, form=dict(form))
