"""Finding the CPMI an operation acts on, as either front end names it.

The window knows the row it shows (its id); the command line knows what an officer types (a NIK
or a tracking code). Every operation loads through :func:`load` inside its own session, so a
CPMI not found is refused the same way (``ApplicantNotFound``, turned into ``Refused`` with the
field ``key`` by :func:`~ltsa_desk.operations.refusal.refusals`) for both.
"""

from __future__ import annotations

from uuid import UUID

from sqlmodel import Session

from ltsa_desk.services.applicants import get_by_key
from ltsa_desk.services.documents import get_applicant
from ltsa_desk.store.models import Applicant

__all__ = ["ApplicantChoice", "load"]

ApplicantChoice = UUID | str
"""A CPMI as the caller knows it: the window its row id, the command line a NIK or a tracking
code (as officers type them)."""


def load(session: Session, which: ApplicantChoice) -> Applicant:
    """The applicant ``which`` names, read through ``session``.

    A closed case is loaded too: the workflow itself refuses a step from a final status, in
    its own words, for the window and the command line alike.
    """
    if isinstance(which, str):
        try:
            which = UUID(which)
        except ValueError:
            return get_by_key(session, which)
    return get_applicant(session, which)
