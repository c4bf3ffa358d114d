"""Officer accounts on a real database: argon2 hashes, roles, sign-in, the pause after failures."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.accounts import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    AccountError,
    SignInRefused,
    authenticate,
    create_user,
    find_user,
    set_password,
)
from ltsa_desk.store.database import Database
from ltsa_desk.store.models import AuditLog, Officer, utc_now

PASSWORD = "rahasia-loket-1"


def officers(database: Database) -> list[Officer]:
    with database.session() as session:
        return list(session.exec(select(Officer)).all())


def actions(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.exec(select(AuditLog.action).order_by(col(AuditLog.id))).all())


def fresh(database: Database, username: str) -> Officer:
    """The account as stored, read back through a new session (not the writer's cached object)."""
    with database.session() as session:
        officer = find_user(session, username)
        assert officer is not None
        return officer


def add(database: Database, username: str = "petugas1", role: str = "officer") -> Officer:
    """An account added by the office's admin (made first, at set-up, when none exists)."""
    with database.write_session() as session:
        if username != "admin" and find_user(session, "admin") is None:
            create_user(session, "admin", "admin", password=PASSWORD, actor="setup-wizard")
        return create_user(session, username, role, password=PASSWORD, actor="admin")


def sign_in(database: Database, username: str, password: str) -> Officer:
    with database.write_session() as session:
        return authenticate(session, username, password)


def test_create_user_stores_an_argon2_hash_not_the_password(workspace: Workspace) -> None:
    with workspace.database.write_session() as session:
        created = create_user(
            session, "  Petugas1 ", "Admin", password=PASSWORD, full_name=" Dewi ", actor="tek"
        )
    assert created.username == "petugas1"
    stored = fresh(workspace.database, "PETUGAS1")
    assert stored.role == "admin"
    assert stored.full_name == "Dewi"
    assert stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert PasswordHasher().verify(stored.password_hash, PASSWORD)
    assert stored.password_changed_at is not None

    with workspace.database.session() as session:
        (entry,) = session.exec(select(AuditLog).where(AuditLog.action == "user.add")).all()
    assert entry.actor == "tek"
    assert entry.entity_id == str(stored.id)
    assert entry.after is not None
    assert json.loads(entry.after) == {"username": "petugas1", "role": "admin", "full_name": "Dewi"}
    # the password appears nowhere in the audit trail
    with workspace.database.engine.connect() as connection:
        dump = (
            connection.exec_driver_sql(
                "SELECT COALESCE(before, '') || COALESCE(after, '') FROM audit_log"
            )
            .scalars()
            .all()
        )
    assert all(PASSWORD not in text for text in dump)


def test_two_users_with_one_password_get_different_hashes(workspace: Workspace) -> None:
    add(workspace.database, "petugas1")
    add(workspace.database, "petugas2")
    first, second = (fresh(workspace.database, n) for n in ("petugas1", "petugas2"))
    assert first.password_hash != second.password_hash


def test_duplicate_username_is_refused_case_insensitively(workspace: Workspace) -> None:
    add(workspace.database, "petugas1")
    before = (len(officers(workspace.database)), len(actions(workspace.database)))
    with (
        workspace.database.write_session() as session,
        pytest.raises(AccountError, match="sudah dipakai") as refused,
    ):
        create_user(session, "PETUGAS1", "officer", password=PASSWORD, actor="admin")
    assert refused.value.field == "username"
    assert (len(officers(workspace.database)), len(actions(workspace.database))) == before


BAD_INPUT: list[tuple[str, str, str, str]] = [
    ("petugas1", "supervisor", PASSWORD, "role"),
    ("petugas1", "", PASSWORD, "role"),
    ("petugas1", "officer", "pendek", "password"),
    ("petugas1", "officer", " spasi-di-depan", "password"),
    ("a", "officer", PASSWORD, "username"),
    ("nama dengan spasi", "officer", PASSWORD, "username"),
    ("", "officer", PASSWORD, "username"),
]


def test_bad_account_input_is_refused_under_its_field(workspace: Workspace) -> None:
    for username, role, password, field in BAD_INPUT:
        with (
            workspace.database.write_session() as session,
            pytest.raises(AccountError) as refused,
        ):
            create_user(session, username, role, password=password, actor="admin")
        assert refused.value.field == field, (username, role, password)
        assert str(refused.value)
    assert officers(workspace.database) == []
    assert actions(workspace.database) == []


def test_account_without_password_cannot_sign_in(workspace: Workspace) -> None:
    with workspace.database.write_session() as session:
        create_user(session, "baru", "officer", password=None, actor="admin")
    assert fresh(workspace.database, "baru").password_hash is None
    with pytest.raises(SignInRefused):
        sign_in(workspace.database, "baru", "")
    with pytest.raises(SignInRefused):
        sign_in(workspace.database, "baru", PASSWORD)


def test_inactive_account_cannot_sign_in(workspace: Workspace) -> None:
    add(workspace.database)
    with workspace.database.write_session() as session:
        officer = find_user(session, "petugas1")
        assert officer is not None
        officer.active = False
        session.add(officer)
        session.commit()
    with pytest.raises(SignInRefused):
        sign_in(workspace.database, "petugas1", PASSWORD)


def test_authenticate_ok_and_wrong(workspace: Workspace) -> None:
    add(workspace.database)
    officer = sign_in(workspace.database, " Petugas1 ", PASSWORD)
    assert officer.username == "petugas1"
    assert actions(workspace.database)[-1] == "user.signin"

    with pytest.raises(SignInRefused) as wrong:
        sign_in(workspace.database, "petugas1", PASSWORD + "x")
    with pytest.raises(SignInRefused) as unknown:
        sign_in(workspace.database, "tidak-ada", PASSWORD)
    # the message never tells which part was wrong
    assert str(wrong.value) == str(unknown.value)
    assert fresh(workspace.database, "petugas1").failed_attempts == 1
    assert actions(workspace.database)[-1] == "user.signin_failed"

    # a good sign-in resets the count of failures in a row
    sign_in(workspace.database, "petugas1", PASSWORD)
    assert fresh(workspace.database, "petugas1").failed_attempts == 0


def test_lockout_after_five_failures_then_set_password_clears_it(workspace: Workspace) -> None:
    add(workspace.database)
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(SignInRefused):
            sign_in(workspace.database, "petugas1", "salah-salah")
    assert fresh(workspace.database, "petugas1").locked_until is None

    started = utc_now()
    with pytest.raises(SignInRefused):
        sign_in(workspace.database, "petugas1", "salah-salah")
    locked = fresh(workspace.database, "petugas1")
    assert locked.locked_until is not None
    assert started + LOCKOUT - timedelta(seconds=5) <= locked.locked_until
    assert locked.locked_until <= utc_now() + LOCKOUT
    assert actions(workspace.database).count("user.locked") == 1
    assert actions(workspace.database).count("user.signin_failed") == MAX_FAILED_ATTEMPTS - 1

    # even the right password waits until the pause is over
    with pytest.raises(SignInRefused, match="dikunci"):
        sign_in(workspace.database, "petugas1", PASSWORD)
    assert "user.signin" not in actions(workspace.database)

    with workspace.database.write_session() as session:
        set_password(session, "petugas1", "kata-sandi-baru", actor="admin")
    cleared = fresh(workspace.database, "petugas1")
    assert cleared.locked_until is None
    assert cleared.failed_attempts == 0
    assert actions(workspace.database)[-1] == "user.password"
    assert sign_in(workspace.database, "petugas1", "kata-sandi-baru").username == "petugas1"
    with pytest.raises(SignInRefused):
        sign_in(workspace.database, "petugas1", PASSWORD)


def test_lock_expires_by_itself(workspace: Workspace) -> None:
    add(workspace.database)
    with workspace.database.write_session() as session:
        officer = find_user(session, "petugas1")
        assert officer is not None
        officer.locked_until = utc_now() - timedelta(seconds=1)
        session.add(officer)
        session.commit()
    assert sign_in(workspace.database, "petugas1", PASSWORD).username == "petugas1"
    assert fresh(workspace.database, "petugas1").locked_until is None


def test_set_password_checks_user_and_length(workspace: Workspace) -> None:
    add(workspace.database)
    before = fresh(workspace.database, "petugas1").password_hash
    with workspace.database.write_session() as session:
        with pytest.raises(AccountError) as unknown:
            set_password(session, "tidak-ada", "kata-sandi-baru", actor="admin")
        with pytest.raises(AccountError) as short:
            set_password(session, "petugas1", "pendek", actor="admin")
    assert unknown.value.field == "username"
    assert short.value.field == "password"
    assert fresh(workspace.database, "petugas1").password_hash == before
