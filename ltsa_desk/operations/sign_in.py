"""Signing in: the window's sign-in dialog and lock screen, and the command line's `--as USER`.

Both used to open their own write session around ``services.accounts.authenticate`` and build
the acting account from the officer and the counter's configuration; the operation does it once,
so a wrong password typed at either counts toward the same pause and the actor is stamped the
same way.

A refused sign-in is handed on as the service raised it (``accounts.SignInRefused``, its words
safe to show): the window shows them under the password, the command line adds that nothing was
changed. It is not a :class:`~ltsa_desk.operations.refused.Refused` because nothing about it is
a field of a form the caller could mark, and both callers word it already.
"""

from __future__ import annotations

from dataclasses import dataclass

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import accounts
from ltsa_desk.services.context import Actor

__all__ = ["SignInRefused", "SignedIn", "sign_in"]

SignInRefused = accounts.SignInRefused


@dataclass(frozen=True)
class SignedIn:
    """Who signed in: the actor stamped on their work, and the name the window greets them with."""

    actor: Actor
    full_name: str = ""

    @property
    def display_name(self) -> str:
        name = self.full_name or self.actor.username
        return f"{name} ({self.actor.username})" if self.full_name else name


def sign_in(
    counter: Workspace, username: str, password: str, *, record_success: bool = True
) -> SignedIn:
    """Check the password (argon2, about 50 ms: a worker thread's job in the window).

    A write session because a sign-in writes: the audit entry, the failure count, the pause
    after five failures. ``record_success=False`` for a command: its own audit entry names the
    account, so its success is not also recorded as a sign-in.
    """
    config = counter.config
    with counter.database.write_session() as session:
        officer = accounts.authenticate(session, username, password, record_success=record_success)
        return SignedIn(
            actor=Actor(
                username=officer.username,
                counter_id=config.counter_id,
                office_code=config.office_code,
                role=officer.role,
            ),
            full_name=officer.full_name,
        )
