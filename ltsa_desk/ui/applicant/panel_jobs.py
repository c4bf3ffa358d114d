"""What the applicant page's working panels (Dokumen, Surat) share: their jobs and their message.

Both panels load one applicant's view on the runner, run the officer's changes one at a time,
and answer each on a line under their buttons. That is written here once, so the busy state
(buttons off while a change runs, back on with its answer or its refusal), the officer's
message line and the superseding load (a slow old read never overwrites a newer screen) behave
the same on every tab. A panel says only what is its own: what it reads (:meth:`_read`), how it
shows it (:meth:`_loaded`), which buttons a state allows (:meth:`_update_buttons`) and what it
forgets when another applicant is opened (:meth:`_forget_applicant`).

No user text lives here: ``self.tr`` strings stay in the panels, under their own contexts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ltsa_desk.ui.applicant.message_line import show_message
from ltsa_desk.ui.context import UiContext
from ltsa_desk.ui.fields import MessageKind
from ltsa_desk.ui.operation import Failure, Generation, Operation

__all__ = ["PanelJobs"]

T = TypeVar("T")
V = TypeVar("V")


class PanelJobs(QWidget, Generic[V]):
    """A panel of the applicant page that reads a view of type ``V`` and runs changes.

    Public: ``applicant_id``, ``view``, ``busy``, ``message`` (the line) and ``message_kind``,
    ``job_threads`` (the threads its jobs ran on; tests assert none is the GUI thread),
    ``load(applicant_id)``, ``reload()`` and ``say(kind, text)``.
    """

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.applicant_id: str | None = None
        self.view: V | None = None
        self.busy = False
        self.job_threads: list[str] = []
        self._loads = Generation()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message_kind = MessageKind.NONE

    # ------------------------------------------------------------------------------ the panel's own

    def _read(self, applicant_id: str) -> Callable[[], V]:
        """The read of this applicant's view, to run on the runner (touches no widget)."""
        raise NotImplementedError

    def _loaded(self, view: V) -> None:
        """Show a freshly read view."""
        raise NotImplementedError

    def _update_buttons(self) -> None:
        """Enable what the view, the selection and ``busy`` allow."""
        raise NotImplementedError

    def _forget_applicant(self) -> None:
        """Drop what belonged to the previous applicant (another one is being opened)."""

    # ------------------------------------------------------------------------------ jobs

    def _run(self, function: Callable[[], T], on_done: Callable[[T], None]) -> None:
        """One change on the runner; the panel stays busy until its answer (or the officer's
        message) comes back, which arrives only while the panel lives."""
        operation = Operation(self, self.ctx.runner, function, threads=self.job_threads)
        operation.success(partial(self._finished, on_done)).failure(self._action_failed)
        operation.run_in_background()

    def _finished(self, on_done: Callable[[T], None], result: T) -> None:
        self._set_busy(False)
        on_done(result)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    def _action_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self.say(MessageKind.ERROR, failure.message)

    # ------------------------------------------------------------------------------ loading

    def load(self, applicant_id: str) -> None:
        """Show this applicant's view (read on the runner)."""
        if applicant_id != self.applicant_id:
            self._forget_applicant()
            self.say(MessageKind.NONE, "")
        self.applicant_id = applicant_id
        self.reload()

    def reload(self) -> None:
        """Read the current applicant's view again; an answer still on its way is dropped."""
        if self.applicant_id is None:
            return
        read = self._read(self.applicant_id)
        operation = Operation(self, self.ctx.runner, read, threads=self.job_threads)
        operation.superseding(self._loads).success(self._loaded).failure(self._load_failed)
        operation.run_in_background()

    def _load_failed(self, failure: Failure) -> None:
        self.say(MessageKind.ERROR, failure.message)

    # ------------------------------------------------------------------------------ messages

    def say(self, kind: MessageKind, text: str) -> None:
        """The panel's one message line (coloured, with a sign: never colour alone)."""
        self.message_kind = kind if text else MessageKind.NONE
        show_message(self.message, kind, text)
