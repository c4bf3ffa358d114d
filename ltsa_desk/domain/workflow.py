"""The CPMI case workflow: which status may follow which.

The transitions are a table, not code branches, so the rule an officer meets at the counter and
the rule a report or a test reads are the same data. Moves only go forward: a case that must go
back (a wrong recommendation, a refused passport) is cancelled and registered again, which keeps
the history and the outbox items already sent truthful. ``departed`` and ``cancelled`` are final.

The order is the real one (issue 16): registered -> documents complete -> recommended (the
Disnaker's Surat Rekomendasi Paspor) -> passport requested -> passport issued -> departed. The
passport is never requested straight from registration: the documents come first in every office.
``require_recommendation`` (default ``True``) is the one office choice left: an office whose
immigration takes the request without the recommendation sets it to ``False`` and may then request
the passport from ``documents_complete``.

Anything else out of order is an admin's decision with a reason (a CPMI who already holds a
passport, a case moved in from an old register): :func:`check_skip` says which forward jumps an
admin may make; the service records the reason.

Pure module: standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

__all__ = [
    "HAPPY_PATH",
    "SKIP_TARGETS",
    "STATE_LABELS_EN",
    "STATE_LABELS_ID",
    "TERMINAL_STATES",
    "CaseState",
    "IllegalTransition",
    "allowed_skips",
    "allowed_transitions",
    "check_skip",
    "check_transition",
    "is_terminal",
    "step_index",
]


class CaseState(StrEnum):
    """Status of a CPMI case; the values are stored in the database and sent to remote systems."""

    REGISTERED = "registered"
    DOCUMENTS_COMPLETE = "documents_complete"
    RECOMMENDED = "recommended"
    PASSPORT_REQUESTED = "passport_requested"
    PASSPORT_ISSUED = "passport_issued"
    DEPARTED = "departed"
    CANCELLED = "cancelled"


STATE_LABELS_ID: Final[Mapping[CaseState, str]] = {
    CaseState.REGISTERED: "Terdaftar",
    CaseState.DOCUMENTS_COMPLETE: "Dokumen lengkap",
    CaseState.RECOMMENDED: "Direkomendasikan",
    CaseState.PASSPORT_REQUESTED: "Paspor diajukan",
    CaseState.PASSPORT_ISSUED: "Paspor terbit",
    CaseState.DEPARTED: "Berangkat",
    CaseState.CANCELLED: "Dibatalkan",
}

STATE_LABELS_EN: Final[Mapping[CaseState, str]] = {
    CaseState.REGISTERED: "Registered",
    CaseState.DOCUMENTS_COMPLETE: "Documents complete",
    CaseState.RECOMMENDED: "Recommended",
    CaseState.PASSPORT_REQUESTED: "Passport requested",
    CaseState.PASSPORT_ISSUED: "Passport issued",
    CaseState.DEPARTED: "Departed",
    CaseState.CANCELLED: "Cancelled",
}

#: The placement steps in order; ``cancelled`` is not a step.
HAPPY_PATH: Final[tuple[CaseState, ...]] = (
    CaseState.REGISTERED,
    CaseState.DOCUMENTS_COMPLETE,
    CaseState.RECOMMENDED,
    CaseState.PASSPORT_REQUESTED,
    CaseState.PASSPORT_ISSUED,
    CaseState.DEPARTED,
)

TERMINAL_STATES: Final[frozenset[CaseState]] = frozenset({CaseState.DEPARTED, CaseState.CANCELLED})

#: Where an admin may move a case over the order (see :func:`check_skip`): never to ``departed``
#: (the departure has its own documents and service) nor ``cancelled`` (it needs no skip).
SKIP_TARGETS: Final[frozenset[CaseState]] = frozenset(
    {
        CaseState.DOCUMENTS_COMPLETE,
        CaseState.RECOMMENDED,
        CaseState.PASSPORT_REQUESTED,
        CaseState.PASSPORT_ISSUED,
    }
)

# Forward moves (cancellation is added for every non-terminal state below). The passport may be
# requested from documents_complete only when the office does not require the recommendation:
# that row is the only one the option removes.
_FORWARD: Final[Mapping[CaseState, frozenset[CaseState]]] = {
    CaseState.REGISTERED: frozenset({CaseState.DOCUMENTS_COMPLETE}),
    CaseState.DOCUMENTS_COMPLETE: frozenset({CaseState.RECOMMENDED, CaseState.PASSPORT_REQUESTED}),
    CaseState.RECOMMENDED: frozenset({CaseState.PASSPORT_REQUESTED}),
    CaseState.PASSPORT_REQUESTED: frozenset({CaseState.PASSPORT_ISSUED}),
    CaseState.PASSPORT_ISSUED: frozenset({CaseState.DEPARTED}),
    CaseState.DEPARTED: frozenset(),
    CaseState.CANCELLED: frozenset(),
}

_NEEDS_RECOMMENDATION: Final[frozenset[tuple[CaseState, CaseState]]] = frozenset(
    {(CaseState.DOCUMENTS_COMPLETE, CaseState.PASSPORT_REQUESTED)}
)


class IllegalTransition(ValueError):
    """A status change the workflow forbids; the message (Indonesian) names both statuses.

    ``reason`` is a stable code: ``"terminal"``, ``"same_state"``, ``"needs_documents"`` (a jump
    over ``documents_complete``), ``"needs_recommendation"``, ``"not_allowed"`` or, for
    :func:`check_skip`, ``"not_skippable"``. Screens turn the code into their own words.
    """

    def __init__(
        self, from_: CaseState, to: CaseState, message: str, reason: str = "not_allowed"
    ) -> None:
        super().__init__(message)
        self.from_ = from_
        self.to = to
        self.message = message
        self.reason = reason

    def __reduce__(
        self,
    ) -> tuple[type[IllegalTransition], tuple[CaseState, CaseState, str, str]]:
        """Survive pickling (errors may cross a thread or process boundary)."""
        return (type(self), (self.from_, self.to, self.message, self.reason))


def is_terminal(state: CaseState | str) -> bool:
    """True for ``departed`` and ``cancelled``: nothing may follow them."""
    return CaseState(state) in TERMINAL_STATES


def step_index(state: CaseState | str) -> int | None:
    """Position of ``state`` on the placement path (0 = registered), ``None`` for cancelled.

    Lets callers compare progress ("is this case at least recommended?") without listing states.
    """
    state = CaseState(state)
    return HAPPY_PATH.index(state) if state in HAPPY_PATH else None


def allowed_transitions(
    state: CaseState | str, *, require_recommendation: bool = True
) -> frozenset[CaseState]:
    """Every status the case may move to from ``state`` (empty for a final status)."""
    state = CaseState(state)
    if state in TERMINAL_STATES:
        return frozenset()
    targets = set(_FORWARD[state])
    if require_recommendation:
        targets = {to for to in targets if (state, to) not in _NEEDS_RECOMMENDATION}
    targets.add(CaseState.CANCELLED)
    return frozenset(targets)


def check_transition(
    from_: CaseState | str, to: CaseState | str, *, require_recommendation: bool = True
) -> None:
    """Raise :class:`IllegalTransition` unless the case may move from ``from_`` to ``to``.

    Status strings are accepted (values as stored); an unknown status string raises ``ValueError``
    from :class:`CaseState`, a programming error rather than an officer's.
    """
    from_, to = CaseState(from_), CaseState(to)
    if to in allowed_transitions(from_, require_recommendation=require_recommendation):
        return
    src, dst = STATE_LABELS_ID[from_], STATE_LABELS_ID[to]
    if from_ in TERMINAL_STATES:
        code, reason = "terminal", f"status '{src}' sudah final"
    elif from_ == to:
        code, reason = "same_state", f"kasus sudah berstatus '{src}'"
    elif _jumps_over(from_, to, CaseState.DOCUMENTS_COMPLETE):
        code = "needs_documents"
        reason = (
            f"'{dst}' hanya dapat dicatat setelah dokumen pendaftaran lengkap dan terverifikasi"
        )
    elif (from_, to) in _NEEDS_RECOMMENDATION or (
        to is CaseState.PASSPORT_REQUESTED and _jumps_over(from_, to, CaseState.RECOMMENDED)
    ):
        code = "needs_recommendation"
        reason = "paspor hanya dapat diajukan setelah Surat Rekomendasi Paspor terbit"
    else:
        allowed = sorted(
            allowed_transitions(from_, require_recommendation=require_recommendation),
            key=lambda s: (step_index(s) is None, step_index(s) or 0),
        )
        code = "not_allowed"
        reason = "yang diperbolehkan: " + ", ".join(f"'{STATE_LABELS_ID[s]}'" for s in allowed)
    raise IllegalTransition(
        from_, to, f"Status tidak dapat diubah dari '{src}' ke '{dst}': {reason}", code
    )


def _jumps_over(from_: CaseState, to: CaseState, step: CaseState) -> bool:
    """True when a forward move from ``from_`` to ``to`` passes over ``step`` without it."""
    start, end, middle = step_index(from_), step_index(to), step_index(step)
    if start is None or end is None or middle is None:
        return False
    return start < middle < end


def allowed_skips(state: CaseState | str) -> frozenset[CaseState]:
    """Every status an admin may move the case to over the order (empty for a final status)."""
    state = CaseState(state)
    start = step_index(state)
    if state in TERMINAL_STATES or start is None:
        return frozenset()
    return frozenset(to for to in SKIP_TARGETS if (step_index(to) or 0) > start)


def check_skip(from_: CaseState | str, to: CaseState | str) -> None:
    """Raise :class:`IllegalTransition` unless an admin may move the case from ``from_`` to ``to``
    over the order: forward only, to a step up to ``passport_issued``, never from a final status.

    A skip does not check documents or letters; that is its point, and why it needs an admin and
    a reason (the service records both).
    """
    from_, to = CaseState(from_), CaseState(to)
    if to in allowed_skips(from_):
        return
    src, dst = STATE_LABELS_ID[from_], STATE_LABELS_ID[to]
    if from_ in TERMINAL_STATES:
        code, reason = "terminal", f"status '{src}' sudah final"
    elif from_ == to:
        code, reason = "same_state", f"kasus sudah berstatus '{src}'"
    elif to not in SKIP_TARGETS:
        code, reason = "not_skippable", f"status '{dst}' tidak dapat dicapai dengan melewati urutan"
    else:
        code, reason = "not_allowed", "urutan hanya dapat dilewati ke depan"
    raise IllegalTransition(
        from_, to, f"Urutan tidak dapat dilewati dari '{src}' ke '{dst}': {reason}", code
    )
