"""The role wall inside the services: an operation runs only for an active account of a role the
table (``domain.permissions``) allows, whoever calls it (the window or the command line).

Why the services look the account up instead of trusting the caller's role: an actor is a name
that any caller can write (`--as` used to be a label); the database knows the account's role and
whether it is still active, so a made-up or disabled actor is refused here however it got in.
"""

from __future__ import annotations

from typing import Protocol

from sqlmodel import Session, col, select

from ltsa_desk.domain.permissions import ROLE_WORDS_ID, NotPermitted, allowed, roles_in_words
from ltsa_desk.store.models import Officer

__all__ = ["NotPermitted", "has_any_account", "operation_words", "require", "require_role"]

_OPERATION_WORDS = {
    "user.manage": "mengelola akun",
    "report.export": "mengekspor laporan",
    "settings.change": "mengubah pengaturan loket",
    "settings.accept": "menyetujui perubahan config.toml",
    "credentials.set": "menyimpan kredensial",
    "backup.make": "membuat cadangan",
    "backup.restore": "memulihkan cadangan",
    "bundle.upload": "mengunggah bundel USB",
    "bundle.export": "mengekspor bundel USB",
    "bundle.receipts": "mengimpor tanda terima bundel",
    "register.import": "mengimpor register",
    "applicant.read": "melihat data CPMI",
    "applicant.change": "mengubah data CPMI",
    "sync.manage": "mengatur antrean kiriman",
}


class _HasRole(Protocol):
    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...


def require_role(actor: _HasRole, operation: str) -> None:
    """For services handed an ``Actor``: its role, which only a sign-in (the window's, or
    `--as` with the password on the command line) gives, must be one the operation allows.
    The operating-system actor of a password-free command has no such role."""
    if not allowed(actor.role, operation):
        role = ROLE_WORDS_ID.get(actor.role, actor.role)
        raise NotPermitted(
            f"Pengguna '{actor.username}' ({role}) tidak boleh {operation_words(operation)}; "
            f"hanya {roles_in_words(operation)}"
        )


def operation_words(operation: str) -> str:
    return _OPERATION_WORDS.get(operation, operation)


def has_any_account(session: Session) -> bool:
    """An account that can sign in exists: from then on nothing that needs a role is free."""
    statement = select(Officer.id).where(col(Officer.password_hash).is_not(None)).limit(1)
    return session.exec(statement).first() is not None


def require(
    session: Session, actor: str, operation: str, *, free_before_first_account: bool = False
) -> Officer | None:
    """The active account named ``actor`` if its role may do ``operation``, else NotPermitted.

    With ``free_before_first_account`` a counter with no account that can sign in yet lets the
    operation through (None is returned): the set-up wizard's or the technician's first admin.
    """
    if free_before_first_account and not has_any_account(session):
        return None
    name = actor.strip().lower()
    officer = session.exec(select(Officer).where(Officer.username == name)).first()
    what = operation_words(operation)
    if officer is None or not officer.active:
        raise NotPermitted(
            f"'{actor}' bukan akun aktif di loket ini; {what} hanya untuk "
            f"{roles_in_words(operation)}"
        )
    if not allowed(officer.role, operation):
        role = ROLE_WORDS_ID.get(officer.role, officer.role)
        raise NotPermitted(
            f"Pengguna '{officer.username}' ({role}) tidak boleh {what}; hanya "
            f"{roles_in_words(operation)}"
        )
    return officer
