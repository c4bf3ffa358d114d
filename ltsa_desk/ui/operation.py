"""One user action run off the GUI thread, its answer delivered only where it still matters.

In the manner of Anki's ``CollectionOp(parent, op).success(...).failure(...).run_in_background()``
(``qt/aqt/operations/``)::

    Operation(self, self.ctx.runner, partial(load_view, ...), threads=self.job_threads)
        .superseding(self._loads)
        .success(self._view_loaded)
        .failure(self._view_failed)
        .run_in_background()

Every panel used to write the same three checks by hand around ``Runner.run``; they live here once:

* **liveness** - the answer comes back on the GUI thread some time later; when the widget that
  asked has been deleted meanwhile (the page closed), the answer is dropped instead of touching a
  dead C++ object;
* **generation** - loads that share a :class:`Generation` supersede each other: only the newest
  one's answer (or error) is delivered, so a slow old read never overwrites a newer screen;
* **the officer's message** - a failure reaches the screen as a :class:`Failure` whose ``message``
  is :func:`officer_message` of the error: the services' own Indonesian refusals as they are,
  anything else one calm sentence that says what to do. Never a stack trace or an error code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from ltsa_desk.domain.values import InvalidValue
from ltsa_desk.domain.workflow import IllegalTransition
from ltsa_desk.operations.refusal import Refused
from ltsa_desk.printing import PrintFailed
from ltsa_desk.services.applicants import ApplicantNotFound
from ltsa_desk.services.attachment_files import AttachmentRejected
from ltsa_desk.services.documents import DocumentError, DocumentsIncomplete
from ltsa_desk.services.intake import ApplicantClosed
from ltsa_desk.services.letters import LetterRefused
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.ui.workers import Runner

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

__all__ = ["Failure", "Generation", "Operation", "officer_message"]

T = TypeVar("T")


def officer_message(exc: BaseException) -> str:
    """A refusal or failure in words for the officer; never a stack trace or an error code.

    The services' own refusals, and an operation's :class:`Refused`, carry Indonesian sentences
    and are shown as they are; anything else (a locked database, a full disk) becomes one calm
    sentence that says what to do. A :class:`Refused` made of a record's failed rules is said
    as the window always said them: the rules' sentences without the field labels the command
    line prints.
    """
    if isinstance(exc, Refused) and isinstance(exc.__cause__, ValidationFailed):
        return officer_message(exc.__cause__)
    if isinstance(exc, ValidationFailed):
        return "; ".join(exc.errors.values())
    if isinstance(
        exc,
        AttachmentRejected
        | DocumentError
        | DocumentsIncomplete
        | LetterRefused
        | IllegalTransition
        | Refused,
    ):
        return exc.message
    if isinstance(exc, ApplicantClosed | ApplicantNotFound | InvalidValue | PrintFailed):
        return str(exc)
    log.error("action failed: %s", type(exc).__name__)
    # The context stays the documents panel's, where this sentence was first translated.
    return translate(
        "DocumentsPanel",
        "Tidak berhasil: data tidak dapat dibaca atau ditulis. Coba lagi; jika tetap gagal, "
        "hubungi teknisi.",
    )


class Failure:
    """An operation that failed: the ``error`` for screens that treat some refusals specially
    (a duplicate NIK marks its field), and the ``message`` every other screen simply shows.

    The message is worked out on first use, so an error a screen handles itself is not logged
    as an unexpected failure.
    """

    def __init__(self, error: BaseException) -> None:
        self.error = error

    @cached_property
    def message(self) -> str:
        return officer_message(self.error)


class Generation:
    """The loads of one view: each run takes a ticket, and only the newest ticket is answered."""

    def __init__(self) -> None:
        self.current = 0

    def take(self) -> int:
        """A ticket for a new run; every earlier run is superseded."""
        self.current += 1
        return self.current

    def supersede(self) -> None:
        """Drop whatever is still running (the view was cleared) without starting anything."""
        self.current += 1


class Operation(Generic[T]):
    """``function`` run on ``runner``'s pool; ``success``/``failure`` called on the GUI thread,
    and only while ``parent`` lives (and, with :meth:`superseding`, is still the newest run).

    ``function`` must not touch widgets: it runs on a pool thread. ``threads`` collects the name
    of the thread it ran on (tests assert that none is the GUI thread).
    """

    def __init__(
        self,
        parent: QObject,
        runner: Runner,
        function: Callable[[], T],
        *,
        threads: list[str] | None = None,
        log_errors: bool = True,
    ) -> None:
        self._parent = parent
        self._runner = runner
        self._function = function
        self._threads = threads
        self._log_errors = log_errors
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[Failure], object] | None = None
        self._generation: Generation | None = None
        self._ticket = 0

    def success(self, callback: Callable[[T], object]) -> Operation[T]:
        """Called with the function's result."""
        self._success = callback
        return self

    def failure(self, callback: Callable[[Failure], object]) -> Operation[T]:
        """Called with the :class:`Failure` when the function raised. Without it the error is
        only logged (by the runner)."""
        self._failure = callback
        return self

    def superseding(self, generation: Generation) -> Operation[T]:
        """This run supersedes every earlier run of ``generation``; a later one supersedes it."""
        self._generation = generation
        return self

    def run_in_background(self) -> None:
        """Start the function on the pool; returns at once."""
        if self._generation is not None:
            self._ticket = self._generation.take()
        self._runner.run(
            self._function,
            self._succeeded,
            self._failed if self._failure is not None else None,
            threads=self._threads,
            log_errors=self._log_errors,
        )

    def _wanted(self) -> bool:
        """Whether an answer arriving now still has someone to tell (on the GUI thread)."""
        if not shiboken6.isValid(self._parent):
            return False
        return self._generation is None or self._generation.current == self._ticket

    def _succeeded(self, result: T) -> None:
        if self._success is not None and self._wanted():
            self._success(result)

    def _failed(self, error: BaseException) -> None:
        if self._failure is not None and self._wanted():
            self._failure(Failure(error))
