"""Finding 2: the command line trusts nobody by name. A verb that needs a role asks `--as USER`
and that account's password (first line of stdin), with the window's sign-in and lock-out; the
services check the role themselves; the audit names the account that authenticated.

Each attack of the finding is run three ways: without a password (no `--as`), with a wrong
password, and with an officer's right password where the admin is needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlite3
from keyrings.alt.file import PlaintextKeyring

ADMIN_PASSWORD = "kopi-hujan-sepeda-biru"
OFFICER_PASSWORD = "mangga-sawah-perahu-hijau"
WRONG = "bukan-kata-sandinya-9"


class Counter:
    """A counter set up as a technician does: init, the first admin, an officer, an admin."""

    def __init__(self, root: Path) -> None:
        self.home = root / "home"
        self.data_dir = root / "data"
        self.home.mkdir()

    def run(self, *args: str, input: str = "") -> subprocess.CompletedProcess[str]:
        env = dict(os.environ)
        env.pop("LTSA_DATA_DIR", None)
        env.update(
            HOME=str(self.home),
            USERPROFILE=str(self.home),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
            QT_QPA_PLATFORM="offscreen",
            PYTHONIOENCODING="utf-8",
        )
        return subprocess.run(
            [sys.executable, "-m", "ltsa_desk", *args, "--data-dir", str(self.data_dir)],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
        )

    def query(self, sql: str) -> list[tuple[object, ...]]:
        config = tomllib.loads((self.data_dir / "config.toml").read_text(encoding="utf-8"))
        keyring = PlaintextKeyring()
        keyring.file_path = str(
            self.home / ".local" / "share" / "python_keyring" / "keyring_pass.cfg"
        )
        key = keyring.get_password("ltsa-desk", f"db-key@{config['database']['id']}")
        connection = sqlite3.connect(str(self.data_dir / "ltsa.sqlite"))
        try:
            connection.execute(f"PRAGMA key = \"x'{key}'\"")
            return list(connection.execute(sql).fetchall())
        finally:
            connection.close()

    def users(self) -> dict[str, tuple[str, int]]:
        rows = self.query("SELECT username, role, active FROM officer")
        return {str(name): (str(role), int(active)) for name, role, active in rows}  # type: ignore[call-overload]


def _ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Counter:
    made = Counter(tmp_path_factory.mktemp("walls"))
    _ok(made.run("init", "--office-code", "52.03", "--counter-id", "LOTIM-01"))
    # The first account is free: nobody could authenticate before it exists.
    _ok(
        made.run(
            "user",
            "add",
            "admin1",
            "--role",
            "admin",
            "--password-stdin",
            input=f"{ADMIN_PASSWORD}\n",
        )
    )
    _ok(
        made.run(
            "user",
            "add",
            "off1",
            "--role",
            "officer",
            "--password-stdin",
            "--as",
            "admin1",
            input=f"{ADMIN_PASSWORD}\n{OFFICER_PASSWORD}\n",
        )
    )
    # A second admin: disabling admin1 is then refused for the caller's sake, not because the
    # office would lose its last admin.
    _ok(
        made.run(
            *("user", "add", "admin2", "--role", "admin", "--password-stdin", "--as", "admin1"),
            input=f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}-2\n",
        )
    )
    return made


@pytest.fixture
def counter(template: Counter, tmp_path: Path) -> Counter:
    """A private copy of the template (its folder and its HOME with the keyring)."""
    copy = Counter.__new__(Counter)
    copy.home, copy.data_dir = tmp_path / "home", tmp_path / "data"
    shutil.copytree(template.home, copy.home)
    shutil.copytree(template.data_dir, copy.data_dir)
    return copy


# What each attack types after the verb, and what its stdin carries after the password.
ATTACKS = {
    "add an admin": (
        ["user", "add", "evil", "--role", "admin", "--password-stdin"],
        "jahat-sekali-kuda-terbang\n",
    ),
    "reset the admin's password": (
        ["user", "reset-password", "admin1", "--password-stdin"],
        "jahat-sekali-kuda-terbang\n",
    ),
    "disable the admin": (["user", "disable", "admin1"], ""),
}


def _unchanged(counter: Counter) -> None:
    users = counter.users()
    assert "evil" not in users
    assert users["admin1"] == ("admin", 1)
    # The admin's password still works (it was not reset).
    _ok(counter.run("user", "list", "--as", "admin1", input=f"{ADMIN_PASSWORD}\n"))


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, f"{result.args}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_without_a_password_the_attack_is_refused(counter: Counter, attack: str) -> None:
    args, rest = ATTACKS[attack]
    _refused(counter.run(*args, input=rest), "--as", "admin")
    _unchanged(counter)


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_with_a_wrong_password_the_attack_is_refused(counter: Counter, attack: str) -> None:
    args, rest = ATTACKS[attack]
    _refused(
        counter.run(*args, "--as", "admin1", input=f"{WRONG}\n{rest}"),
        "Nama pengguna atau kata sandi salah",
    )
    _unchanged(counter)


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_officer_cannot_do_the_admins_work(counter: Counter, attack: str) -> None:
    args, rest = ATTACKS[attack]
    _refused(
        counter.run(*args, "--as", "off1", input=f"{OFFICER_PASSWORD}\n{rest}"),
        "'off1' (Petugas) tidak boleh",
    )
    _unchanged(counter)


def test_the_admin_with_the_password_may_and_the_audit_names_the_admin(counter: Counter) -> None:
    args, rest = ATTACKS["add an admin"]
    _ok(counter.run(*args, "--as", "admin1", input=f"{ADMIN_PASSWORD}\n{rest}"))
    assert counter.users()["evil"] == ("admin", 1)
    _ok(counter.run("user", "disable", "off1", "--as", "admin1", input=f"{ADMIN_PASSWORD}\n"))
    added = counter.query("SELECT actor FROM audit_log WHERE action = 'user.add' ORDER BY rowid")
    assert [actor for (actor,) in added][1:] == ["admin1"] * 3  # off1, admin2, then evil
    assert str(added[0][0]).startswith("os:")  # the first admin, at set-up
    disabled = counter.query("SELECT actor FROM audit_log WHERE action = 'user.disable'")
    assert disabled == [("admin1",)]


REPORT = [
    "report",
    "export",
    "--kind",
    "placements",
    "--from",
    "2026-01-01",
    "--to",
    "2026-12-31",
    "--format",
    "csv",
]


def test_report_export_needs_the_admins_password(counter: Counter, tmp_path: Path) -> None:
    out = tmp_path / "laporan.csv"
    report = [*REPORT, "--out", str(out)]
    _refused(counter.run(*report), "--as")
    _refused(counter.run(*report, "--as", "admin1", input=f"{WRONG}\n"), "kata sandi salah")
    _refused(counter.run(*report, "--as", "off1", input=f"{OFFICER_PASSWORD}\n"), "Petugas")
    assert not out.exists()
    _ok(counter.run(*report, "--as", "admin1", input=f"{ADMIN_PASSWORD}\n"))
    assert out.is_file()
    assert counter.query("SELECT actor FROM audit_log WHERE action = 'report.export'") == [
        ("admin1",)
    ]


def test_wrong_passwords_on_the_command_line_lock_the_account_as_in_the_window(
    counter: Counter,
) -> None:
    for _ in range(5):
        _refused(counter.run("user", "list", "--as", "admin1", input=f"{WRONG}\n"), "salah")
    locked = counter.run("user", "list", "--as", "admin1", input=f"{ADMIN_PASSWORD}\n")
    _refused(locked, "dikunci sementara")


def test_unknown_and_disabled_accounts_and_an_empty_stdin_are_refused(counter: Counter) -> None:
    _refused(
        counter.run("user", "list", "--as", "siapa", input=f"{ADMIN_PASSWORD}\n"),
        "Nama pengguna atau kata sandi salah",
    )
    _ok(counter.run("user", "disable", "off1", "--as", "admin1", input=f"{ADMIN_PASSWORD}\n"))
    _refused(
        counter.run("applicant", "list", "--as", "off1", input=f"{OFFICER_PASSWORD}\n"),
        "Nama pengguna atau kata sandi salah",
    )
    _refused(counter.run("user", "list", "--as", "admin1"), "tidak terbaca")


def test_the_first_account_is_free_only_before_any_account_exists(counter: Counter) -> None:
    """`user add` without `--as` made admin1 (fixture); now the same is refused."""
    _refused(
        counter.run(
            "user",
            "add",
            "admin2",
            "--role",
            "admin",
            "--password-stdin",
            input="jahat-sekali-kuda-terbang\n",
        ),
        "sudah punya akun",
    )
    assert "admin3" not in counter.users()


def test_the_scheduled_sync_and_the_health_checks_need_no_password(counter: Counter) -> None:
    for args in (["sync", "run"], ["sync", "status"], ["doctor", "--json"], ["--version"]):
        result = counter.run(*args)
        assert result.returncode in (0, 1), f"{args}\n{result.stderr}"
        assert "--as" not in result.stderr


STDIN = "isi-yang-dibaca-verb-itu-sendiri-123\n"
"""What a verb that reads stdin itself (a token, a new password) finds there."""


def _every_verb(tmp: Path) -> dict[str, list[str]]:
    """A command line of each verb that needs an account (the files it names exist)."""
    file = tmp / "berkas.csv"
    file.write_text("nik;nama\n", encoding="utf-8")
    return {
        "migrate-to": ["migrate-to", "--database-url", "postgresql+psycopg://ltsa@127.0.0.1:9/x"],
        "new-recovery-key": ["new-recovery-key"],
        "config set": ["config", "set", "ui.idle_lock_minutes", "5"],
        "config accept": ["config", "accept"],
        "credentials set": ["credentials", "set", "registry", "--token-stdin"],
        "backup": ["backup", "--out", str(tmp)],
        "restore": ["restore", str(file), "--yes"],
        "user add": ["user", "add", "evil", "--role", "admin"],
        "user list": ["user", "list"],
        "user reset-password": ["user", "reset-password", "admin1", "--password-stdin"],
        "user disable": ["user", "disable", "admin1"],
        "user enable": ["user", "enable", "admin1"],
        "report export": [*REPORT, "--out", str(tmp / "r.csv")],
        "import-register": ["import-register", str(file)],
        "applicant list": ["applicant", "list"],
        "applicant show": ["applicant", "show", "5203011205900001"],
        "applicant update": ["applicant", "update", "5203011205900001", "--set", "phone=0812"],
        "applicant cancel": ["applicant", "cancel", "5203011205900001", "--reason", "x"],
        "applicant request-passport": ["applicant", "request-passport", "5203011205900001"],
        "sync list": ["sync", "list"],
        "sync retry": ["sync", "retry", "--all"],
        "sync export-bundle": ["sync", "export-bundle", str(tmp / "b.ltsab")],
        "sync upload-bundle": ["sync", "upload-bundle", str(file), "--receipts", str(tmp / "r")],
        "sync import-receipts": ["sync", "import-receipts", str(file)],
    }


def test_every_verb_of_the_table_asks_and_checks_the_password(
    counter: Counter, tmp_path: Path
) -> None:
    """No verb that needs a role runs on a name alone: each is refused without `--as`, and
    each checks the password (an unknown name with any password is refused as at sign-in)."""
    from concurrent.futures import ThreadPoolExecutor

    from ltsa_desk.domain.permissions import VERB_OPERATIONS

    commands = _every_verb(tmp_path)
    gated = {verb for verb, operation in VERB_OPERATIONS.items() if operation is not None}
    assert set(commands) == gated
    before = counter.users()
    with ThreadPoolExecutor(max_workers=3) as pool:
        bare = dict(
            zip(
                commands,
                pool.map(lambda c: counter.run(*c, input=STDIN), commands.values()),
                strict=True,
            )
        )
        guessed = dict(
            zip(
                commands,
                pool.map(
                    lambda item: counter.run(
                        *item[1],
                        "--as",
                        f"tamu{sorted(commands).index(item[0])}",
                        input=f"tebakan-asal-saja-1\n{STDIN}",
                    ),
                    commands.items(),
                ),
                strict=True,
            )
        )
    for verb in commands:
        _refused(bare[verb], "--as")
        _refused(guessed[verb], "Nama pengguna atau kata sandi salah")
    assert counter.users() == before
    assert not (tmp_path / "r.csv").exists() and not (tmp_path / "b.ltsab").exists()


def test_a_new_counter_is_set_up_without_an_account_and_only_then(tmp_path: Path) -> None:
    """Before the first account nobody could authenticate: the technician's set-up verbs run
    (the bundle secret reaches its service as the technician's); after it, they need `--as`."""
    fresh = Counter(tmp_path)
    _ok(fresh.run("init", "--office-code", "52.03", "--counter-id", "LOTIM-01"))
    secret = "rahasia-bundel-kantor-lotim\n"
    _ok(fresh.run("config", "set", "backup.keep", "5"))
    _ok(fresh.run("credentials", "set", "bundle", "--token-stdin", input=secret))
    _ok(
        fresh.run(
            *("user", "add", "admin1", "--role", "admin", "--password-stdin"),
            input=f"{ADMIN_PASSWORD}\n",
        )
    )
    _refused(fresh.run("config", "set", "backup.keep", "6"), "sudah punya akun")
    _refused(fresh.run("credentials", "set", "bundle", "--token-stdin", input=secret), "--as")
    _ok(
        fresh.run(
            *("credentials", "set", "bundle", "--token-stdin", "--as", "admin1"),
            input=f"{ADMIN_PASSWORD}\n{secret}",
        )
    )
