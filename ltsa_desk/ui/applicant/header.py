"""The applicant page's header: who is this, where is the case, has the data reached its place.

These are the questions an officer is asked across the desk, so they sit above the tabs: the
name, the numbers (NIK, tracking code, registry id, passport application), the placement path as
words, and each submission with its state. The strings keep the translation context of the page
("ApplicantPage"), where they were first translated.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ltsa_desk.domain.applicant import format_dmy
from ltsa_desk.domain.regions import resource_dir
from ltsa_desk.domain.workflow import HAPPY_PATH, STATE_LABELS_ID, CaseState, step_index
from ltsa_desk.services.documents import HistoryRow
from ltsa_desk.services.letters import SubmissionLine
from ltsa_desk.ui import style
from ltsa_desk.ui.applicant.view import ApplicantView
from ltsa_desk.ui.elided import ElidedLabel
from ltsa_desk.ui.line_status import destination_label
from ltsa_desk.ui.sync_words import kind_label
from ltsa_desk.ui.words import datetime_label, item_state_label, state_label

translate = QCoreApplication.translate

__all__ = ["ApplicantHeader", "StepIndicator", "passed_steps", "submissions_html"]

# Submission state -> (colour, icon in resources/icons): colour always next to the word (UX.md);
# a paused destination shows the key, as on the status bar.
_ITEM_LOOK: dict[str, tuple[str, str]] = {
    "delivered": (style.DELIVERED, "dot-green"),
    "pending": (style.PENDING, "dot-amber"),
    "in_flight": (style.PENDING, "dot-amber"),
    "needs_attention": (style.ATTENTION, "dot-red"),
    "paused": (style.PAUSED, "key"),
}


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


def passed_steps(rows: list[HistoryRow]) -> set[int] | None:
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


class ApplicantHeader(QFrame):
    """Name, numbers, path and submissions of the CPMI shown, with the way back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantHeader")
        self.setStyleSheet(
            "#applicantHeader { background: #f7f9fb; border: 1px solid #dde3ea; "
            "border-radius: 4px; }"
        )
        self.back_button = QPushButton(translate("ApplicantPage", "\u2039 Kembali"))
        self.back_button.setToolTip(translate("ApplicantPage", "Kembali ke layar sebelumnya"))
        self.back_button.setAutoDefault(False)
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
        self.submissions_title = QLabel(translate("ApplicantPage", "Kiriman:"))
        self.submissions_title.setStyleSheet("color: #555;")
        self.submissions_title.setAlignment(Qt.AlignmentFlag.AlignTop)

        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        sent = QHBoxLayout()
        sent.setSpacing(8)
        sent.addWidget(self.submissions_title)
        sent.addWidget(self.submissions_label, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(3)
        box.addLayout(top)
        box.addWidget(self.ids_label)
        box.addWidget(self.steps)
        box.addLayout(sent)

    def show_view(self, view: ApplicantView) -> None:
        """Name, numbers, path (from the history) and submissions of ``view``."""
        self.name_label.setText(view.full_name)
        parts = [
            translate("ApplicantPage", "NIK {nik}").format(nik=html.escape(view.nik)),
            translate("ApplicantPage", "Kode {code}").format(
                code=f"<b>{html.escape(view.tracking_code)}</b>"
            ),
        ]
        if view.registry_id:
            parts.append(
                translate("ApplicantPage", "ID registri {id}").format(
                    id=html.escape(view.registry_id)
                )
            )
        if view.passport_application_no:
            parts.append(
                translate("ApplicantPage", "No. permohonan paspor {no}").format(
                    no=html.escape(view.passport_application_no)
                )
            )
        if view.planned_departure:
            parts.append(
                translate("ApplicantPage", "Rencana keberangkatan {day}").format(
                    day=format_dmy(view.planned_departure)
                )
            )
        self.ids_label.setText(" &nbsp;\u00b7&nbsp; ".join(parts))
        self.steps.set_state(view.state, view.cancelled_reason, passed_steps(view.history))
        self._show_submissions(view.submissions)

    def _show_submissions(self, lines: list[SubmissionLine]) -> None:
        if lines:
            self.submissions_label.setText(submissions_html(lines))
        else:
            self.submissions_label.setText(
                "<span style='color:#555;'>"
                + html.escape(translate("ApplicantPage", "belum ada kiriman"))
                + "</span>"
            )
