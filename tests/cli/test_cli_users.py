"""`ltsa-desk user add | list | reset-password`, run as a technician would from a script."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import clitools
import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from cliauth import TEST_ADMIN
from clitools import run, run_many

ADMIN_PASSWORD = "kunci-admin-2026"


def _password_hash(data_dir: Path, username: str) -> str | None:
    rows = clitools.query(data_dir, "SELECT password_hash FROM officer WHERE username = ?",
                          (username,))
    assert rows, f"no account {username}"
    return rows[0][0]


def _verifies(password_hash: str | None, password: str) -> bool:
    assert password_hash is not None
    try:
        return PasswordHasher().verify(password_hash, password)
    except VerifyMismatchError:
        return False


@pytest.fixture(scope="module")
def counter(copy_counter: Callable[[], Path]) -> Path:
    """A counter with an admin (with a password) and an officer (without); tests only read it."""
    folder = copy_counter()
    admin, officer = run_many(
        [
            ["user", "add", "admin1", "--role", "admin", "--password-stdin"],
            ["user", "add", "petugas2", "--role", "officer", "--full-name", "Siti Rahma"],
        ],
        data_dir=folder,
        inputs=[f"{ADMIN_PASSWORD}\n", None],
    )
    assert admin.code == 0, str(admin)
    assert officer.code == 0, str(officer)
    return folder


def test_user_add_reads_the_password_from_the_first_line_of_stdin(fresh_counter: Path) -> None:
    result = run("user", "add", "Petugas1", "--role", "officer", "--full-name", "Budi Santoso",
                 "--password-stdin", "--json", data_dir=fresh_counter,
                 input="rahasia-kebun-123\nsecond-line-is-not-read\n")
    assert result.code == 0, str(result)
    assert result.json() == {
        "user": {"username": "petugas1", "role": "officer", "has_password": True}
    }
    stored = _password_hash(fresh_counter, "petugas1")
    assert _verifies(stored, "rahasia-kebun-123")
    assert "rahasia" not in (stored or "")
    added = [
        entry
        for entry in clitools.audit_entries(fresh_counter, "user.add")
        if entry["after"]["username"] == "petugas1"
    ]
    assert len(added) == 1
    assert added[0]["actor"] == TEST_ADMIN  # the account that authenticated
    assert "rahasia" not in str(added[0])  # no password in the audit log


def test_user_list_json(counter: Path) -> None:
    result = run("user", "list", "--json", data_dir=counter)
    assert result.code == 0, str(result)
    users = result.json()
    assert set(users) == {"users"}
    by_name = {user["username"]: user for user in users["users"]}
    assert list(by_name) == [TEST_ADMIN, "admin1", "petugas2"]
    assert by_name["admin1"]["role"] == "admin"
    assert by_name["admin1"]["has_password"] is True
    assert by_name["petugas2"]["has_password"] is False
    assert by_name["petugas2"]["full_name"] == "Siti Rahma"
    assert "password_hash" not in by_name["admin1"]


def test_user_add_refusals_change_nothing(counter: Path) -> None:
    before = clitools.db_state(counter)
    commands = [
        ["user", "add", "kasir", "--role", "officer", "--password-stdin", "--json"],
        ["user", "add", "ADMIN1", "--role", "officer", "--json"],  # names ignore case
        ["user", "add", "a b", "--role", "officer", "--json"],
        ["user", "add", "kasir", "--role", "officer", "--password-stdin", "--json"],
        ["user", "add", "kasir", "--role", "boss"],
    ]
    inputs = ["pendek\n", None, None, "", None]
    short, duplicate, bad_name, no_password, bad_role = run_many(
        commands, data_dir=counter, inputs=inputs
    )
    error = short.error()
    assert error["field"] == "password"
    assert "8" in error["message"]
    assert duplicate.error()["field"] == "username"
    assert bad_name.error()["field"] == "username"
    assert "stdin" in no_password.error()["message"]
    bad_role.usage_error()
    assert "boss" in bad_role.stderr
    assert clitools.db_state(counter) == before


def test_user_reset_password(fresh_counter: Path) -> None:
    added = run("user", "add", "admin1", "--role", "admin", "--password-stdin",
                data_dir=fresh_counter, input="first-pass-1\n")
    assert added.code == 0, str(added)
    old_hash = _password_hash(fresh_counter, "admin1")

    reset = run("user", "reset-password", "admin1", "--password-stdin",
                data_dir=fresh_counter, input="second-pass-2\r\nignored\n")
    assert reset.code == 0, str(reset)
    assert reset.stdout == ""
    new_hash = _password_hash(fresh_counter, "admin1")
    assert new_hash != old_hash
    assert _verifies(new_hash, "second-pass-2")
    assert not _verifies(new_hash, "first-pass-1")
    entries = clitools.audit_entries(fresh_counter, "user.password")
    assert len(entries) == 1 and entries[0]["actor"] == TEST_ADMIN

    before = clitools.db_state(fresh_counter)
    ghost, short = run_many(
        [["user", "reset-password", "ghost", "--password-stdin"],
         ["user", "reset-password", "admin1", "--password-stdin"]],
        data_dir=fresh_counter,
        inputs=["another-pass-3\n", "kecil\n"],
    )
    for result in (ghost, short):
        assert result.code == 2, str(result)
        assert result.stdout == "", str(result)
        assert "Traceback" not in result.stderr, str(result)
    assert "ghost" in ghost.stderr
    assert "8" in short.stderr
    assert clitools.db_state(fresh_counter) == before
