"""Group actions: one officer's step applied to many CPMI, each CPMI by the same rules as alone.

A P3MI brings forty CPMI at once; the outage drill queued 3,000 passport requests. Requesting them
one command (or one page) at a time cost 1.3 s each and 27 minutes in all (issue 19). Here each
CPMI goes through exactly the service a single request uses (``intake.request_passport``: the case
order, the recommendation rule, the outbox item) in its own transaction, so a refusal names that
CPMI and its reason and the others go on, and what was requested stays requested if the run stops
half-way. The command line and the search page share this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ltsa_desk.domain.workflow import IllegalTransition
from ltsa_desk.services.applicants import find_by_key
from ltsa_desk.services.context import Actor
from ltsa_desk.services.intake import request_passport
from ltsa_desk.services.validation import ValidationFailed
from ltsa_desk.store.database import Database


@dataclass(frozen=True)
class Outcome:
    """What became of one CPMI of the group: requested, or refused with the reason in words."""

    key: str
    ok: bool
    tracking_code: str | None = None
    full_name: str | None = None
    state: str | None = None
    reason: str | None = None
    reason_code: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "ok": self.ok,
            "tracking_code": self.tracking_code,
            "full_name": self.full_name,
            "state": self.state,
            "reason": self.reason,
            "reason_code": self.reason_code,
        }


def read_keys(lines: Iterable[str]) -> list[str]:
    """NIKs or tracking codes, one a line; blank lines and ``#`` comments skipped."""
    keys = []
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            keys.append(text)
    return keys


def request_passports(
    database: Database,
    keys: Iterable[str],
    officer: Actor,
    *,
    require_recommendation: bool = True,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Request the passport of each CPMI named by ``keys`` (NIK or tracking code), in order.

    Each request commits on its own; a refusal (unknown key, a case not at the right step, the
    recommendation missing) is recorded as that CPMI's outcome and the next one goes on.
    """
    outcomes: list[Outcome] = []
    with database.write_session() as session:
        for index, key in enumerate(keys, start=1):
            applicant = find_by_key(session, key)
            if applicant is None:
                outcomes.append(
                    Outcome(
                        key, False, reason=f"CPMI tidak ditemukan: {key}", reason_code="not_found"
                    )
                )
            else:
                try:
                    request_passport(
                        session, applicant, officer, require_recommendation=require_recommendation
                    )
                except (IllegalTransition, ValidationFailed) as exc:  # rolled back
                    # ValidationFailed: old data immigration's contract refuses (issue 16).
                    code = exc.reason if isinstance(exc, IllegalTransition) else "contract"
                    outcomes.append(
                        Outcome(
                            key,
                            False,
                            tracking_code=applicant.tracking_code,
                            full_name=applicant.full_name,
                            state=applicant.state,
                            reason=str(exc),
                            reason_code=code,
                        )
                    )
                else:
                    outcomes.append(
                        Outcome(
                            key,
                            True,
                            tracking_code=applicant.tracking_code,
                            full_name=applicant.full_name,
                            state=applicant.state,
                        )
                    )
            if progress is not None:
                progress(index)
    return outcomes
