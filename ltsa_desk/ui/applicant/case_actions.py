"""What the Data tab's case buttons do: request the passport, cancel the case, skip the order.

Each is a status change of the whole case, asked first (a yes/no, a reason, or the step and the
reason for an admin's skip), then the case's operation (:mod:`ltsa_desk.operations.case`, the
same the command line runs) on the runner through the operation helper, and on success the
whole page reads itself again (``done``). A disabled "Ajukan paspor" says why, on its
tooltip and on the line under the buttons ("Ajukan paspor: Surat Rekomendasi Paspor belum
terbit"). The questions are attributes (``confirm``, ``ask_reason``, ``ask_skip``) so tests answer
them without a dialog's event loop.

The strings keep the translation context of the page ("ApplicantPage"), where they were first
translated.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ltsa_desk.domain.workflow import CaseState, step_index
from ltsa_desk.operations import case as case_operations
from ltsa_desk.services import case_order
from ltsa_desk.ui.applicant.data_tab import BUTTON_HEIGHT, DataTab
from ltsa_desk.ui.applicant.reason_dialog import ask_reason
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import WARNING_SIGN, MessageKind
from ltsa_desk.ui.operation import Failure, Operation
from ltsa_desk.ui.plain import plain_label
from ltsa_desk.ui.skip_order import ask_skip
from ltsa_desk.ui.words import state_label

translate = QCoreApplication.translate

__all__ = ["CaseActions", "confirm"]


def confirm(parent: QWidget, title: str, text: str, ok_text: str) -> bool:
    """The default yes/no question (Esc = no); tests replace it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text names the CPMI
    yes = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("ApplicantPage", "Batal"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


class CaseActions(QObject):
    """The case buttons of ``tab`` (made here, placed by the tab) and their work.

    Uses the tab's ``view`` (the CPMI shown), its ``saving`` flag (one change at a time, the form
    read-only meanwhile) and its message line. ``done`` is emitted after a change succeeded.
    """

    done = Signal()

    def __init__(self, ctx: UiContext, tab: DataTab, job_threads: list[str]) -> None:
        super().__init__(tab)
        self.ctx = ctx
        self.tab = tab
        self.job_threads = job_threads
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.ask_reason: Callable[[QWidget, str, str, str], str | None] = ask_reason
        self.ask_skip: Callable[[QWidget, str, list[str]], tuple[str, str] | None] = ask_skip

        self.passport_button = QPushButton(translate("ApplicantPage", "&Ajukan paspor"))
        self.passport_button.setToolTip(
            translate(
                "ApplicantPage",
                "Catat pengajuan paspor dan kirim permohonannya ke Imigrasi (Alt+A)",
            )
        )
        self.cancel_button = QPushButton(translate("ApplicantPage", "Batalkan C&PMI..."))
        self.cancel_button.setToolTip(
            translate(
                "ApplicantPage",
                "Batalkan kasus CPMI ini dengan alasan; kiriman yang belum terkirim ditarik",
            )
        )
        self.passport_tip = self.passport_button.toolTip()
        self.skip_button = QPushButton(translate("ApplicantPage", "Lewati &urutan..."))
        self.skip_button.setToolTip(
            translate(
                "ApplicantPage",
                "Admin: pindahkan kasus ke langkah berikut tanpa dokumen atau surat sebelumnya, "
                "dengan alasan (tercatat di Riwayat)",
            )
        )
        self.skip_button.setVisible(self.ctx.role == case_order.ADMIN)
        self.skip_button.clicked.connect(self.skip_order)
        for button in (self.passport_button, self.cancel_button, self.skip_button):
            button.setAutoDefault(False)
            button.setMinimumHeight(BUTTON_HEIGHT)
        self.passport_button.clicked.connect(self.request_passport)
        self.cancel_button.clicked.connect(self.cancel_case)
        self.passport_reason = plain_label()
        self.passport_reason.setWordWrap(True)
        self.passport_reason.setStyleSheet("color: #555;")
        tab.add_case_buttons(
            [self.cancel_button, self.skip_button, self.passport_button], self.passport_reason
        )
        # Like the form, the buttons take their state from the first read of the CPMI.
        tab.actions_updated.connect(self._update_buttons)

    # ------------------------------------------------------------------------------ state

    def _update_buttons(self) -> None:
        view = self.tab.view
        open_case = self.tab.open_case()
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
                translate(
                    "ApplicantPage", "CPMI ini sudah {state}; data hanya dapat dilihat."
                ).format(state=state_label(view.state).lower())
            )
        elif (step_index(view.state) or 0) >= (step_index(CaseState.PASSPORT_REQUESTED) or 0):
            self.passport_reason.setText(translate("ApplicantPage", "Paspor sudah diajukan."))
        else:
            self.passport_reason.setText(blocker)

    def passport_blocker_text(self) -> str:
        """Why "Ajukan paspor" is disabled, in the window's language ("" when it is not)."""
        view = self.tab.view
        if view is None or view.closed or not view.passport_refusal:
            return ""
        if (step_index(view.state) or 0) >= (step_index(CaseState.PASSPORT_REQUESTED) or 0):
            return translate("ApplicantPage", "Paspor sudah diajukan.")
        if view.passport_refusal_code == "needs_documents":
            return translate(
                "ApplicantPage",
                "Ajukan paspor: dokumen pendaftaran belum lengkap dan terverifikasi",
            )
        if view.passport_refusal_code == "needs_recommendation":
            return translate(
                "ApplicantPage", "Ajukan paspor: Surat Rekomendasi Paspor belum terbit"
            )
        return view.passport_refusal

    # ------------------------------------------------------------------------------ actions

    def request_passport(self) -> None:
        """Record the passport request; the application is queued for immigration."""
        view = self.tab.view
        if view is None or self.tab.saving or view.closed or view.passport_refusal:
            return
        if not self.confirm(
            self.tab,
            translate("ApplicantPage", "Ajukan paspor"),
            translate(
                "ApplicantPage",
                "Ajukan paspor untuk {name}? Permohonan dikirim ke Imigrasi; bila sambungan "
                "terputus, permohonan menunggu dan terkirim sendiri.",
            ).format(name=view.full_name),
            translate("ApplicantPage", "Ajukan paspor"),
        ):
            return
        self._run(
            partial(case_operations.request_passport, self.ctx.workspace, self.ctx.actor, view.id),
            translate("ApplicantPage", "Paspor diajukan; permohonan menunggu dikirim ke Imigrasi."),
        )

    def skip_order(self) -> None:
        """Admin: move the case over the order, to the step and with the reason asked."""
        view = self.tab.view
        if view is None or self.tab.saving or view.closed or not view.skip_targets:
            return
        answer = self.ask_skip(self.tab, view.full_name, list(view.skip_targets))
        if answer is None:
            return
        target, reason = answer
        self._run(
            partial(
                case_operations.skip_order,
                self.ctx.workspace,
                self.ctx.actor,
                view.id,
                target,
                reason,
            ),
            translate(
                "ApplicantPage", "Urutan dilewati: status {state}; alasan tercatat di Riwayat."
            ).format(state=state_label(target)),
        )

    def cancel_case(self) -> None:
        """Cancel the case with a reason; unsent submissions are withdrawn by the service."""
        view = self.tab.view
        if view is None or self.tab.saving or view.closed:
            return
        reason = self.ask_reason(
            self.tab,
            translate("ApplicantPage", "Batalkan CPMI"),
            translate(
                "ApplicantPage",
                "Batalkan kasus {name} ({code})? Kasus yang dibatalkan tidak dapat dilanjutkan; "
                "tulis alasannya.",
            ).format(name=view.full_name, code=view.tracking_code),
            translate("ApplicantPage", "Batalkan CPMI"),
        )
        if reason is None:
            return
        self._run(
            partial(
                case_operations.cancel_case, self.ctx.workspace, self.ctx.actor, view.id, reason
            ),
            translate("ApplicantPage", "Kasus CPMI dibatalkan."),
        )

    def _run(self, job: Callable[[], object], success_text: str) -> None:
        """One change at a time: the form is read-only until the job has answered."""
        self.tab.saving = True
        self.tab.update_actions()
        Operation(self.tab, self.ctx.runner, job, threads=self.job_threads).success(
            partial(self._done, success_text)
        ).failure(self._failed).run_in_background()

    def _done(self, message: str, _result: object) -> None:
        self.tab.saving = False
        self.tab.say(MessageKind.SUCCESS, message)
        self.done.emit()

    def _failed(self, failure: Failure) -> None:
        self.tab.saving = False
        self.tab.update_actions()
        self.tab.say(MessageKind.ERROR, failure.message)
