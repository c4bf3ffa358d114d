"""Officer accounts: roles, argon2 password hashes, sign-in with a pause after repeated failures.

Passwords are judged by zxcvbn (a maintained estimator that knows the world's common passwords,
words, names, dates, sequences and repeats) with this office's context and Indonesian words
added (:mod:`ltsa_desk.services.password_words`): ``password``, ``aaaaaaaa`` or ``rahasia123``
are refused, a few unrelated words are not.

Sign-in never tells which account names exist: an unknown or disabled name is refused with the
same words as a wrong password, and after the same number of failures it is "locked" the same
way (the failures of a name without an account are counted from the audit log), so trying five
times cannot tell a real account from a made-up one.
"""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, col, select

from ltsa_desk.services import audit
from ltsa_desk.services.permissions import require
from ltsa_desk.store.models import AuditLog, Officer, utc_now

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 8
# zxcvbn's score (0-4): 2 means at least a million guesses even for a guesser who knows every
# common password and word of the lists; a sign-in pauses after five wrong tries.
MIN_PASSWORD_SCORE = 2
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,49}$")

_hasher = PasswordHasher()


class Role(StrEnum):
    OFFICER = "officer"
    ADMIN = "admin"
    TECHNICIAN = "technician"


ROLE_LABELS_ID = {Role.OFFICER: "Petugas", Role.ADMIN: "Admin", Role.TECHNICIAN: "Teknisi"}


class AccountError(ValueError):
    """A refused account operation; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def normalize_username(text: str) -> str:
    username = text.strip().lower()
    if not _USERNAME.match(username):
        raise AccountError(
            "username",
            "Nama pengguna harus 2-50 karakter: huruf kecil, angka, titik, '-' atau '_'",
        )
    return username


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        raise AccountError("role", "Peran harus officer, admin atau technician") from None


def check_password(password: str, *, context: tuple[str, ...] = ()) -> None:
    """Refuse short, padded and guessable passwords; ``context`` holds the account's own words
    (user name, full name), which a guesser tries first."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            "password",
            f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter (sekarang {len(password)})",
        )
    if password.strip() != password:
        raise AccountError("password", "Kata sandi tidak boleh diawali atau diakhiri spasi")
    if password_score(password, context) < MIN_PASSWORD_SCORE or _own_name_in(password, context):
        raise AccountError(
            "password",
            "Kata sandi terlalu mudah ditebak (kata sandi umum, kata biasa dengan angka, nama, "
            "urutan atau pengulangan). Gabungkan tiga atau empat kata yang tidak berhubungan.",
        )


def _name_parts(context: tuple[str, ...]) -> list[str]:
    return [
        part for text in context for part in re.split(r"[^a-z0-9]+", text.lower()) if len(part) > 2
    ]


def _own_name_in(password: str, context: tuple[str, ...]) -> bool:
    """The account's own user name or a part of its full name (4 letters or more) inside the
    password: the first thing anyone who knows the officer tries."""
    lowered = password.lower()
    return any(len(part) >= 4 and part in lowered for part in _name_parts(context))


def password_score(password: str, context: tuple[str, ...] = ()) -> int:
    """zxcvbn's score (0 weakest - 4), with Indonesian and this account's words known to it;
    0 as well for one dictionary word dressed with digits or marks (``jakarta2024``,
    ``!Persija1928``), the pattern every guesser tries right after the bare word.

    zxcvbn is imported here, not at the top: its word lists cost a tenth of a second that no
    command but a password change needs.
    """
    from zxcvbn import zxcvbn

    from ltsa_desk.services.password_words import WORDS

    words = [*WORDS, *_name_parts(context)]
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", password.lower())
    if core:
        sequence = zxcvbn(core[:100], user_inputs=words)["sequence"]
        if len(sequence) == 1 and sequence[0]["pattern"] == "dictionary":
            return 0
    # zxcvbn looks at 100 characters; a longer password is long enough.
    return int(zxcvbn(password[:100], user_inputs=words)["score"])


def find_user(session: Session, username: str) -> Officer | None:
    return session.exec(select(Officer).where(Officer.username == username.strip().lower())).first()


def create_user(
    session: Session,
    username: str,
    role: str,
    *,
    password: str | None,
    full_name: str = "",
    actor: str,
) -> Officer:
    """Add an account. Without a password the account cannot sign in until one is set.

    ``actor`` must be an active admin, except on a counter with no account that can sign in yet
    (the set-up wizard's or the technician's first admin).
    """
    require(session, actor, "user.manage", free_before_first_account=True)
    name = normalize_username(username)
    parsed_role = parse_role(role)
    if password is not None:
        check_password(password, context=(name, full_name))
    if find_user(session, name) is not None:
        raise AccountError("username", f"Nama pengguna '{name}' sudah dipakai")
    officer = Officer(
        username=name,
        role=parsed_role.value,
        full_name=full_name.strip(),
        password_hash=_hasher.hash(password) if password is not None else None,
        password_changed_at=utc_now() if password is not None else None,
    )
    session.add(officer)
    audit.record(
        session,
        actor=actor,
        action="user.add",
        entity="officer",
        entity_id=officer.id,
        after={"username": name, "role": parsed_role.value, "full_name": officer.full_name},
    )
    session.commit()
    return officer


def set_password(session: Session, username: str, password: str, *, actor: str) -> Officer:
    """A new password for an account, set by an active admin (``actor``)."""
    require(session, actor, "user.manage", free_before_first_account=True)
    officer = find_user(session, username)
    if officer is None:
        raise AccountError("username", f"Pengguna '{username}' tidak ditemukan")
    check_password(password, context=(officer.username, officer.full_name or ""))
    officer.password_hash = _hasher.hash(password)
    officer.password_changed_at = utc_now()
    officer.failed_attempts = 0
    officer.locked_until = None
    session.add(officer)
    audit.record(
        session, actor=actor, action="user.password", entity="officer", entity_id=officer.id
    )
    session.commit()
    return officer


def list_users(session: Session) -> list[dict[str, Any]]:
    """Every account, disabled ones included (accounts are never deleted), as plain data."""
    officers = session.exec(select(Officer).order_by(col(Officer.username))).all()
    return [
        {
            "username": o.username,
            "role": o.role,
            "full_name": o.full_name,
            "active": o.active,
            "has_password": o.password_hash is not None,
            "created_at": o.created_at.isoformat(timespec="seconds") if o.created_at else None,
        }
        for o in officers
    ]


def _active_admins(session: Session) -> int:
    return len(
        session.exec(
            select(Officer.id).where(Officer.role == Role.ADMIN.value, col(Officer.active))
        ).all()
    )


def set_active(session: Session, username: str, active: bool, *, actor: str) -> Officer:
    """Disable or enable an account; it is never deleted, so the audit log keeps its name.

    A disabled account cannot sign in (`authenticate` checks it). Nobody may disable their own
    account, nor the last active admin: the office would lose the only one who can undo it in the
    window. ``actor`` must be an active admin.
    """
    require(session, actor, "user.manage")
    officer = find_user(session, username)
    if officer is None:
        raise AccountError("username", f"Pengguna '{username}' tidak ditemukan")
    if officer.active == active:
        return officer
    if not active:
        if officer.username == actor.strip().lower():
            raise AccountError("username", "Akun yang sedang dipakai tidak bisa dinonaktifkan")
        if officer.role == Role.ADMIN.value and _active_admins(session) <= 1:
            raise AccountError(
                "username",
                f"'{officer.username}' adalah admin aktif terakhir; tambahkan admin lain dulu",
            )
    officer.active = active
    officer.failed_attempts = 0
    officer.locked_until = None
    session.add(officer)
    audit.record(
        session,
        actor=actor,
        action="user.enable" if active else "user.disable",
        entity="officer",
        entity_id=officer.id,
        before={"username": officer.username, "active": not active},
        after={"username": officer.username, "active": active},
    )
    session.commit()
    return officer


def disable_user(session: Session, username: str, *, actor: str) -> Officer:
    return set_active(session, username, False, actor=actor)


def enable_user(session: Session, username: str, *, actor: str) -> Officer:
    return set_active(session, username, True, actor=actor)


class SignInRefused(Exception):
    """Sign-in failed; the message is safe to show (it never says which part was wrong)."""


def _locked_message(locked_until: Any, now: Any) -> str:
    minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
    return f"Akun dikunci sementara; coba lagi dalam {minutes} menit"


def _refuse_without_account(session: Session, username: str, now: Any) -> None:
    """A name with no usable account (unknown, disabled, no password yet) is refused exactly as a
    wrong password is, pause included: its failures are audited under the typed name (the admin
    sees the attempts) and counted from the log, since there is no account row to count on."""
    name = username.strip().lower()[:100] or "-"
    recent = list(
        session.exec(
            select(AuditLog.at)
            .where(
                AuditLog.at > now - LOCKOUT,
                col(AuditLog.action).in_(["user.signin_failed", "user.locked"]),
                AuditLog.entity == "officer",
                col(AuditLog.entity_id).is_(None),
                AuditLog.actor == name,
            )
            .order_by(col(AuditLog.at))
        ).all()
    )
    if len(recent) >= MAX_FAILED_ATTEMPTS:
        last = recent[-1]
        if last.tzinfo is None and now.tzinfo is not None:
            last = last.replace(tzinfo=now.tzinfo)
        raise SignInRefused(_locked_message(last + LOCKOUT, now))
    action = "user.locked" if len(recent) + 1 >= MAX_FAILED_ATTEMPTS else "user.signin_failed"
    audit.record(session, actor=name, action=action, entity="officer", entity_id=None)
    session.commit()
    raise SignInRefused("Nama pengguna atau kata sandi salah")


def authenticate(
    session: Session, username: str, password: str, *, record_success: bool = True
) -> Officer:
    """Check a password; after five failures in a row the account waits a few minutes.

    The window and the command line (``--as USER``) both sign in here, so a wrong password
    typed at either counts toward the same pause. A command's success is not audited as a
    sign-in (``record_success=False``): the command's own entry names the account.
    """
    officer = find_user(session, username)
    now = utc_now()
    if officer is None or not officer.active or officer.password_hash is None:
        _refuse_without_account(session, username, now)
    assert officer is not None and officer.password_hash is not None
    if officer.locked_until is not None and officer.locked_until > now:
        raise SignInRefused(_locked_message(officer.locked_until, now))
    try:
        _hasher.verify(officer.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        officer.failed_attempts += 1
        action = "user.signin_failed"
        if officer.failed_attempts >= MAX_FAILED_ATTEMPTS:
            officer.locked_until = now + LOCKOUT
            officer.failed_attempts = 0
            action = "user.locked"
        session.add(officer)
        audit.record(
            session, actor=officer.username, action=action, entity="officer", entity_id=officer.id
        )
        session.commit()
        raise SignInRefused("Nama pengguna atau kata sandi salah") from None
    if officer.failed_attempts or officer.locked_until:
        officer.failed_attempts = 0
        officer.locked_until = None
        session.add(officer)
    if _hasher.check_needs_rehash(officer.password_hash):
        officer.password_hash = _hasher.hash(password)
        session.add(officer)
    if record_success:
        audit.record(
            session,
            actor=officer.username,
            action="user.signin",
            entity="officer",
            entity_id=officer.id,
        )
    session.commit()
    return officer
