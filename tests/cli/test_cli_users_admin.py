"""`ltsa-desk user disable | enable NAME`: an account is never deleted, a disabled one cannot sign
in nor be named with `--as`, and every change is in the audit log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import clitools
import pytest
from cliauth import TEST_ADMIN
from clitools import NIK_MALE, run, run_many, write_csv

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services import accounts


@pytest.fixture
def counter(copy_counter: Callable[[], Path]) -> Path:
    folder = copy_counter()
    made = run_many(
        [
            ["user", "add", "admin1", "--role", "admin", "--password-stdin"],
            ["user", "add", "petugas2", "--role", "officer", "--password-stdin"],
        ],
        data_dir=folder,
        inputs=["kunci-admin-2026\n", "sandi-petugas-2\n"],
    )
    assert all(result.code == 0 for result in made), "\n".join(map(str, made))
    return folder


def _active(data_dir: Path, username: str) -> bool:
    rows = clitools.query(data_dir, "SELECT active FROM officer WHERE username = ?", (username,))
    assert rows, f"no account {username}: accounts are never deleted"
    return bool(rows[0][0])


def test_disable_keeps_the_account_and_is_audited(counter: Path) -> None:
    result = run(
        "user", "disable", "Petugas2", "--as", "admin1", "--json", data_dir=counter,
        input="kunci-admin-2026\n",
    )
    assert result.code == 0, str(result)
    assert result.json() == {"user": {"username": "petugas2", "role": "officer", "active": False}}
    assert not _active(counter, "petugas2")
    listed = {
        u["username"]: u for u in run("user", "list", "--json", data_dir=counter).json()["users"]
    }
    assert listed["petugas2"]["active"] is False
    (entry,) = clitools.audit_entries(counter, "user.disable")
    assert entry["actor"] == "admin1"
    assert entry["before"] == {"username": "petugas2", "active": True}
    assert entry["after"] == {"username": "petugas2", "active": False}

    again = run("user", "disable", "petugas2", data_dir=counter)
    assert again.code == 0, "disabling twice is harmless"
    assert len(clitools.audit_entries(counter, "user.disable")) == 1


def test_a_disabled_account_cannot_be_named_for_work(counter: Path, tmp_path: Path) -> None:
    assert run("user", "disable", "petugas2", data_dir=counter).code == 0
    register = write_csv(
        tmp_path / "r.csv",
        [
            ["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin"],
            [NIK_MALE, "Budi Santoso", "12-05-1990", "L"],
        ],
    )
    refused = run(
        "import-register", register, "--as", "petugas2", "--json", data_dir=counter,
        input="sandi-petugas-2\n",
    )
    assert refused.error()["field"] == "as"
    assert clitools.count(counter, "applicant") == 0

    enabled = run("user", "enable", "petugas2", "--json", data_dir=counter)
    assert enabled.code == 0, str(enabled)
    assert _active(counter, "petugas2")
    (entry,) = clitools.audit_entries(counter, "user.enable")
    assert entry["actor"] == TEST_ADMIN  # the authenticated admin, not the OS account
    again = run(
        "import-register", register, "--as", "petugas2", data_dir=counter,
        input="sandi-petugas-2\n",
    )
    assert again.code == 0, str(again)


def test_unknown_account_and_own_account_are_refused(counter: Path) -> None:
    """The last active admin needs no rule of its own any more: only an active admin disables
    an account, never their own (services/test_accounts and the users page test the rule)."""
    before = clitools.db_state(counter)
    unknown = run("user", "disable", "tidak-ada", "--json", data_dir=counter)
    assert "tidak ditemukan" in unknown.error()["message"]
    own = run("user", "disable", TEST_ADMIN, "--json", data_dir=counter)
    assert "sedang dipakai" in own.error()["message"]
    assert clitools.db_state(counter) == before
    assert run("user", "disable", data_dir=counter).code == 2


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_disabled_account_cannot_sign_in_and_an_enabled_one_can(workspace: Workspace) -> None:
    with workspace.database.write_session() as session:
        accounts.create_user(session, "admin1", "admin", password="kunci-admin-2026", actor="os:t")
        accounts.create_user(
            session, "siti", "officer", password="sandi-kebun-2026", actor="admin1"
        )
        accounts.authenticate(session, "siti", "sandi-kebun-2026")
        accounts.disable_user(session, "siti", actor="admin1")
        with pytest.raises(accounts.SignInRefused, match="Nama pengguna atau kata sandi salah"):
            accounts.authenticate(session, "siti", "sandi-kebun-2026")
        with pytest.raises(accounts.AccountError, match="sedang dipakai"):
            accounts.disable_user(session, "admin1", actor="admin1")
        accounts.enable_user(session, "siti", actor="admin1")
        assert accounts.authenticate(session, "siti", "sandi-kebun-2026").username == "siti"
