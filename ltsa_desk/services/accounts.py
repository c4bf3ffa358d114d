"""Officer accounts: roles, argon2 password hashes, sign-in with a pause after repeated failures."""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, col, select

from ltsa_desk.services import audit
from ltsa_desk.store.models import Officer, utc_now

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 8
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


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            "password",
            f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter (sekarang {len(password)})",
        )
    if password.strip() != password:
        raise AccountError("password", "Kata sandi tidak boleh diawali atau diakhiri spasi")


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
    """Add an account. Without a password the account cannot sign in until one is set."""
    name = normalize_username(username)
    parsed_role = parse_role(role)
    if password is not None:
        check_password(password)
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
    officer = find_user(session, username)
    if officer is None:
        raise AccountError("username", f"Pengguna '{username}' tidak ditemukan")
    check_password(password)
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
    window (a technician still can, with `ltsa-desk user enable`).
    """
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


def authenticate(session: Session, username: str, password: str) -> Officer:
    """Check a password; after five failures in a row the account waits a few minutes."""
    officer = find_user(session, username)
    now = utc_now()
    if officer is None or not officer.active or officer.password_hash is None:
        raise SignInRefused("Nama pengguna atau kata sandi salah")
    if officer.locked_until is not None and officer.locked_until > now:
        minutes = max(1, int((officer.locked_until - now).total_seconds() // 60) + 1)
        raise SignInRefused(f"Akun dikunci sementara; coba lagi dalam {minutes} menit")
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
    audit.record(
        session,
        actor=officer.username,
        action="user.signin",
        entity="officer",
        entity_id=officer.id,
    )
    session.commit()
    return officer
