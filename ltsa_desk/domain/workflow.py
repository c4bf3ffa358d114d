"""The CPMI case workflow: which status may follow which.

The transitions are a table, not code branches, so the rule an officer meets at the counter and
the rule a report or a test reads are the same data. Moves only go forward: a case that must go
back (a wrong recommendation, a refused passport) is cancelled and registered again, which keeps
the history and the outbox items already sent truthful. ``departed`` and ``cancelled`` are final.

Whether the passport may be requested before the passport recommendation (Surat Rekomendasi
Paspor) differs between offices, hence ``require_recommendation``.

Pure module: standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

__all__ = [
    "HAPPY_PATH",
    "STATE_LABELS_EN",
    "STATE_LABELS_ID",
    "TERMINAL_STATES",
    "CaseState",
    "IllegalTransition",
    "allowed_transitions",
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

# Forward moves (cancellation is added for every non-terminal state below). The passport may be
# requested straight from registration or documents_complete, unless the office requires the
# recommendation first: those two shortcuts are the only rows that option removes.
_FORWARD: Final[Mapping[CaseState, frozenset[CaseState]]] = {
    CaseState.REGISTERED: frozenset({CaseState.DOCUMENTS_COMPLETE, CaseState.PASSPORT_REQUESTED}),
    CaseState.DOCUMENTS_COMPLETE: frozenset({CaseState.RECOMMENDED, CaseState.PASSPORT_REQUESTED}),
    CaseState.RECOMMENDED: frozenset({CaseState.PASSPORT_REQUESTED}),
    CaseState.PASSPORT_REQUESTED: frozenset({CaseState.PASSPORT_ISSUED}),
    CaseState.PASSPORT_ISSUED: frozenset({CaseState.DEPARTED}),
    CaseState.DEPARTED: frozenset(),
    CaseState.CANCELLED: frozenset(),
}

_NEEDS_RECOMMENDATION: Final[frozenset[tuple[CaseState, CaseState]]] = frozenset(
    {
        (CaseState.REGISTERED, CaseState.PASSPORT_REQUESTED),
        (CaseState.DOCUMENTS_COMPLETE, CaseState.PASSPORT_REQUESTED),
    }
)


class IllegalTransition(ValueError):
    """A status change the workflow forbids; the message (Indonesian) names both statuses.

    ``reason`` is a stable code: ``"terminal"``, ``"same_state"``, ``"needs_recommendation"`` or
    ``"not_allowed"``.
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
    state: CaseState | str, *, require_recommendation: bool = False
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
    from_: CaseState | str, to: CaseState | str, *, require_recommendation: bool = False
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
    elif require_recommendation and (from_, to) in _NEEDS_RECOMMENDATION:
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
