"""The office's accounts as the admin manages them: the Pengguna screen and the `user` verbs.

Both used to open their own session around ``services.accounts`` (the window in four runner
functions of its page, the command line in each verb). The operations do it once; the rules (an
admin acts, no account is deleted, the last active admin stays) are the service's, and a refusal
reaches both as :class:`~ltsa_desk.operations.refusal.Refused` with the field at fault
(``username``, ``password``, ``role``, or ``as`` for an actor without the role).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.domain.permissions import NotPermitted
from ltsa_desk.operations.refused import Refused
from ltsa_desk.services import accounts
from ltsa_desk.services.context import Actor

__all__ = [
    "AccountBrief",
    "add_account",
    "list_accounts",
    "refusals",
    "reset_password",
    "set_active",
]


@dataclass(frozen=True)
class AccountBrief:
    """An account as the caller words it after a change; plain data across threads."""

    username: str
    role: str
    active: bool


@contextmanager
def refusals() -> Iterator[None]:
    """The accounts' refusals as :class:`Refused`: the service's own (``reason`` "account",
    the field it names) and an actor without the role (field ``as``), as
    ``operations.refusal.refusals`` words it; that module's other services are not loaded."""
    try:
        yield
    except accounts.AccountError as exc:
        raise Refused(str(exc), field=exc.field, reason="account") from exc
    except NotPermitted as exc:
        raise Refused(str(exc), field="as", reason="not_permitted") from exc


def _brief(officer: Any) -> AccountBrief:
    return AccountBrief(username=officer.username, role=officer.role, active=officer.active)


def list_accounts(counter: Workspace) -> list[dict[str, Any]]:
    """Every account, disabled ones included, as the service's plain rows."""
    with counter.database.session() as session:
        return accounts.list_users(session)


def add_account(
    counter: Workspace,
    actor: Actor,
    username: str,
    role: str,
    *,
    password: str | None,
    full_name: str = "",
) -> AccountBrief:
    """Add an account (without a password it cannot sign in until one is set)."""
    with refusals(), counter.database.write_session() as session:
        officer = accounts.create_user(
            session, username, role, password=password, full_name=full_name, actor=actor.username
        )
        return _brief(officer)


def reset_password(counter: Workspace, actor: Actor, username: str, password: str) -> str:
    """A new password for an account; the account's name as stored."""
    with refusals(), counter.database.write_session() as session:
        return accounts.set_password(session, username, password, actor=actor.username).username


def set_active(counter: Workspace, actor: Actor, username: str, active: bool) -> AccountBrief:
    """Disable or enable an account (never deleted: the audit log keeps its name)."""
    with refusals(), counter.database.write_session() as session:
        return _brief(accounts.set_active(session, username, active, actor=actor.username))
