"""Finding 6 (accounts): common and trivial passwords are refused; sign-in never tells which
account names exist, not even through the pause after repeated failures."""

from __future__ import annotations

import pytest

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.accounts import (
    MAX_FAILED_ATTEMPTS,
    AccountError,
    SignInRefused,
    authenticate,
    check_password,
    create_user,
    disable_user,
    set_password,
)

GOOD = "kopi-hujan-sepeda-biru"

WEAK = [
    "password",  # the world's most common
    "aaaaaaaa",  # a repeat
    "12345678",  # a sequence
    "qwertyuiop",  # a keyboard row
    "P@ssw0rd",  # l33t of a common one
    "rahasia123",  # an Indonesian word and digits
    "bismillah",
    "indonesia1",
    "sayangku2024",
    "jakarta2024",
    "persija1928",
]


@pytest.mark.parametrize("password", WEAK)
def test_common_and_trivial_passwords_are_refused(password: str) -> None:
    with pytest.raises(AccountError, match="mudah ditebak") as refused:
        check_password(password)
    assert refused.value.field == "password"


def test_the_accounts_own_name_is_not_a_password() -> None:
    check_password("dewi-lestari-lotim")  # unrelated to the account below: fine
    with pytest.raises(AccountError, match="mudah ditebak"):
        check_password("dewilestari1", context=("dewi.lestari", "Dewi Lestari"))


@pytest.mark.parametrize("password", [GOOD, "sandi-petugas-2", "Kebun Mangga Pak Lurah 7"])
def test_unrelated_words_pass(password: str) -> None:
    check_password(password)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_creating_or_resetting_an_account_with_a_weak_password_is_refused(
    workspace: Workspace,
) -> None:
    with workspace.database.write_session() as session:
        create_user(session, "admin", "admin", password=GOOD, actor="setup-wizard")
        with pytest.raises(AccountError, match="mudah ditebak"):
            create_user(session, "petugas1", "officer", password="password", actor="admin")
        create_user(session, "petugas1", "officer", password=GOOD, actor="admin")
        with pytest.raises(AccountError, match="mudah ditebak"):
            set_password(session, "petugas1", "aaaaaaaa", actor="admin")


def _messages(workspace: Workspace, username: str, password: str, times: int) -> list[str]:
    said = []
    for _ in range(times):
        with workspace.database.write_session() as session, pytest.raises(SignInRefused) as no:
            authenticate(session, username, password)
        said.append(str(no.value))
    return said


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_lock_out_does_not_reveal_which_names_exist(workspace: Workspace) -> None:
    """Six wrong tries on a real account, on a made-up name and on a disabled account: the
    officer at the keyboard reads the same words each time, pause included."""
    with workspace.database.write_session() as session:
        create_user(session, "admin1", "admin", password=GOOD, actor="tek")
        create_user(session, "petugas1", "officer", password=GOOD, actor="admin1")
        create_user(session, "petugas2", "officer", password=GOOD, actor="admin1")
        disable_user(session, "petugas2", actor="admin1")

    tries = MAX_FAILED_ATTEMPTS + 1
    real = _messages(workspace, "petugas1", "salah-salah-salah", tries)
    unknown = _messages(workspace, "kepala.dinas", "salah-salah-salah", tries)
    disabled = _messages(workspace, "petugas2", "salah-salah-salah", tries)

    assert real[-1].startswith("Akun dikunci sementara")  # the pause is still said
    assert unknown == real
    assert disabled == real
