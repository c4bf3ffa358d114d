"""Finding 7: ``config.toml`` changed outside LTSA Desk is refused at start.

Any local Windows user may write the data folder. Pointing ``registry.url`` at someone else's
server (the token is bound to its address, but the CPMI data would follow a re-entered token) or
giving the idle lock four hours are values ``config set`` accepts, so judging single keys on read
cannot catch them: the file is sealed with an HMAC whose key lives in the counter account's
keyring, and only LTSA Desk's own writer makes a matching seal.

The command line runs as a technician would run it (a subprocess, the test's HOME and file
keyring); the window starts through ``run_app`` with the sign-in replaced, so a start that goes
through is seen instead of waiting for a person.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w
from sqlmodel import select

from ltsa_desk.cli.parser import build_parser
from ltsa_desk.counter import config_seal, keyring_home
from ltsa_desk.counter.config import Config, ConfigTampered
from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace
from ltsa_desk.services.accounts import create_user
from ltsa_desk.store.models import AuditLog
from ltsa_desk.technician.backup import commit_restore, make_backup, stage_restore

ADMIN_PASSWORD = "kopi-hujan-sepeda-biru"
OFFICER_PASSWORD = "mangga-pagi-lurah-tujuh"
REFUSED = "diubah di luar LTSA Desk"

# Values `config set` itself accepts: only the seal tells they did not come through it.
ATTACKS = [
    ("registry", "url", "https://penyerang.example/registry"),
    ("ui", "idle_lock_minutes", 240),
    ("backup", "folder", "/tmp/flashdisk-orang-lain"),
]


def cli(
    *args: str | Path, data_dir: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """``ltsa-desk ARGS --data-dir DIR`` with the test's HOME and file keyring (conftest)."""
    return subprocess.run(
        [sys.executable, "-m", "ltsa_desk", *map(str, args), "--data-dir", str(data_dir)],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
        timeout=120,
    )


@pytest.fixture
def counter(tmp_path: Path) -> Path:
    """A counter with an admin and an officer, made by LTSA Desk's own code."""
    data_dir = tmp_path / "data"
    initialise(data_dir, office_code="52.03", counter_id="LOTIM-01")
    confirm_recovery_key_shown(data_dir)
    workspace = open_workspace(data_dir)
    try:
        with workspace.database.write_session() as session:
            create_user(session, "admin1", "admin", password=ADMIN_PASSWORD, actor="setup")
            create_user(session, "off1", "officer", password=OFFICER_PASSWORD, actor="admin1")
            session.commit()
    finally:
        workspace.close()
    return data_dir


def hand_edit(data_dir: Path, section: str, key: str, value: object, *, keep_seal: bool) -> None:
    """What another local user does with Notepad: change one value, the rest as it was."""
    path = data_dir / "config.toml"
    text = path.read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    raw.setdefault(section, {})[key] = value
    edited = tomli_w.dumps(raw)
    if keep_seal:  # the old seal line copied under the new content
        edited += "".join(line for line in text.splitlines(True) if line.startswith("# ltsa"))
    path.write_text(edited, encoding="utf-8")


@pytest.mark.parametrize("keep_seal", [False, True], ids=["seal-dropped", "seal-kept"])
@pytest.mark.parametrize(("section", "key", "value"), ATTACKS, ids=[a[1] for a in ATTACKS])
def test_a_hand_edit_stops_the_command_line(
    counter: Path, section: str, key: str, value: object, keep_seal: bool
) -> None:
    hand_edit(counter, section, key, value, keep_seal=keep_seal)
    result = cli("sync", "status", data_dir=counter)
    assert result.returncode == 2, result.stdout + result.stderr
    assert REFUSED in result.stderr and "config accept" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(ConfigTampered):
        open_workspace(counter)


def test_a_hand_edit_stops_the_window_with_the_message(
    counter: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    from ltsa_desk.ui import app as app_module

    hand_edit(counter, "registry", "url", "https://penyerang.example/registry", keep_seal=False)
    shown: list[str] = []
    signed_in: list[object] = []
    monkeypatch.setattr(app_module, "_show_error", lambda _title, text: shown.append(text))
    monkeypatch.setattr(
        app_module.SignInDialog, "ask", staticmethod(lambda *a, **k: signed_in.append(a))
    )
    assert app_module.run_app(counter) == 1
    assert not signed_in, "the window went on to the sign-in with the edited values"
    assert len(shown) == 1 and REFUSED in shown[0]


def test_doctor_reports_the_changed_file(counter: Path) -> None:
    hand_edit(counter, "ui", "idle_lock_minutes", 240, keep_seal=True)
    result = cli("doctor", "--json", data_dir=counter)
    assert result.returncode == 1, result.stdout + result.stderr
    assert '"config"' in result.stdout and REFUSED in result.stdout


def as_admin(*verb: str) -> list[str]:
    """``--as admin1`` where the verb takes it (the authenticated command line of finding 2
    asks `config set` for an account once the counter has one); the password goes on stdin."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.suppress(SystemExit):
        build_parser().parse_args([*verb, "--as", "admin1"])
        return ["--as", "admin1"]
    return []


def test_config_set_keeps_the_counter_working(counter: Path) -> None:
    verb = ("config", "set", "ui.idle_lock_minutes", "15")
    changed = cli(*verb, *as_admin(*verb), data_dir=counter, stdin=ADMIN_PASSWORD)
    assert changed.returncode == 0, changed.stderr
    listed = cli("sync", "status", data_dir=counter)
    assert listed.returncode == 0, listed.stderr
    assert Config.load(counter).get("ui.idle_lock_minutes") == 15


def test_config_set_does_not_seal_a_hand_edit(counter: Path) -> None:
    """Saving through `config set` would otherwise bless whatever else the file now says."""
    hand_edit(counter, "registry", "url", "https://penyerang.example/registry", keep_seal=False)
    verb = ("config", "set", "ui.idle_lock_minutes", "15")
    result = cli(*verb, *as_admin(*verb), data_dir=counter, stdin=ADMIN_PASSWORD)
    assert result.returncode == 2 and REFUSED in result.stderr, result.stderr
    with pytest.raises(ConfigTampered):
        Config.load(counter)


def test_an_admin_accepts_a_deliberate_edit(counter: Path) -> None:
    hand_edit(counter, "ui", "idle_lock_minutes", 30, keep_seal=False)
    officer = cli("config", "accept", "--as", "off1", data_dir=counter, stdin=OFFICER_PASSWORD)
    assert officer.returncode == 2 and "admin" in officer.stderr, officer.stderr
    nobody = cli("config", "accept", data_dir=counter)
    assert nobody.returncode == 2 and "--as" in nobody.stderr, nobody.stderr
    with pytest.raises(ConfigTampered):
        Config.load(counter)

    accepted = cli("config", "accept", "--as", "admin1", data_dir=counter, stdin=ADMIN_PASSWORD)
    assert accepted.returncode == 0, accepted.stderr
    assert cli("sync", "status", data_dir=counter).returncode == 0
    assert Config.load(counter).get("ui.idle_lock_minutes") == 30
    workspace = open_workspace(counter)
    try:
        with workspace.database.session() as session:
            entries = session.exec(select(AuditLog).where(AuditLog.action == "config.accept"))
            assert [entry.actor for entry in entries] == ["admin1"]
    finally:
        workspace.close()


def test_accept_judges_the_values_as_config_set_does(counter: Path) -> None:
    hand_edit(counter, "ui", "idle_lock_minutes", 99999999, keep_seal=False)
    result = cli("config", "accept", "--as", "admin1", data_dir=counter, stdin=ADMIN_PASSWORD)
    assert result.returncode == 2 and "ui.idle_lock_minutes" in result.stderr, result.stderr
    with pytest.raises(ConfigTampered):
        Config.load(counter)


def _forget_seal_key() -> None:
    keyring_home.backend().delete_password(keyring_home.SERVICE, keyring_home.SEAL_KEY_ENTRY)


def test_the_first_start_after_the_upgrade_adopts_the_file_once(counter: Path) -> None:
    """A folder of a version without seals: no seal line, no key in the account's keyring."""
    path = counter / "config.toml"
    body, _ = config_seal.split(path.read_bytes())
    path.write_bytes(body)
    _forget_seal_key()
    workspace = open_workspace(counter)
    try:
        assert workspace.config.adopted
        with workspace.database.session() as session:
            actions = session.exec(select(AuditLog.action)).all()
        assert actions.count("config.adopt") == 1
    finally:
        workspace.close()
    assert not Config.load(counter).adopted  # once
    hand_edit(counter, "ui", "idle_lock_minutes", 240, keep_seal=False)
    with pytest.raises(ConfigTampered):
        Config.load(counter)


def test_without_a_keyring_the_command_line_says_so(counter: Path) -> None:
    for verb in (("sync", "status"), ("config", "set", "ui.idle_lock_minutes", "15")):
        result = cli(
            *verb, data_dir=counter, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
        )
        assert result.returncode == 2, result.stdout + result.stderr
        assert "keyring" in result.stderr.lower()
        assert "Traceback" not in result.stderr


def test_a_restore_onto_another_account_is_sealed_there(
    counter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup's manifest is authenticated with the database key, so the restored
    configuration is trusted and sealed with the new account's own key."""
    workspace = open_workspace(counter)
    try:
        backup = make_backup(workspace.config, tmp_path / "usb").path
    finally:
        workspace.close()
    entry = _db_key_entry(counter)
    database_key = keyring_home.backend().get_password("ltsa-desk", entry)
    other_home = tmp_path / "other-account"
    monkeypatch.setenv("HOME", str(other_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(other_home / ".local" / "share"))
    config_seal.key_for_sealing()  # this account already seals its own folders
    keyring_home.backend().set_password("ltsa-desk", entry, database_key)
    target = tmp_path / "new-pc"
    commit_restore(stage_restore(target, backup))
    assert not Config.load(target).adopted
    open_workspace(target).close()


def _db_key_entry(data_dir: Path) -> str:
    return f"db-key@{Config.load(data_dir).get('database.id')}"


def _another_account(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same folder seen from another Windows account: its own (file) keyring."""
    home = tmp_path / "another-account"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))


def test_another_account_never_reseals_the_file(
    counter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A technician (or the one who edited the file) starting LTSA Desk under their own Windows
    account: that keyring has no seal key, but the file is sealed, so it is not adopted."""
    hand_edit(counter, "registry", "url", "https://penyerang.example/registry", keep_seal=True)
    before = (counter / "config.toml").read_bytes()
    _another_account(tmp_path, monkeypatch)
    with pytest.raises(ConfigTampered, match="akun Windows atau PC lain"):
        Config.load(counter)
    assert (counter / "config.toml").read_bytes() == before
    assert config_seal.find_key() is None


def test_recover_on_a_new_pc_seals_the_carried_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    made = initialise(data_dir, office_code="52.03", counter_id="LOTIM-01")
    confirm_recovery_key_shown(data_dir)
    _another_account(tmp_path, monkeypatch)
    config_seal.key_for_sealing()  # the new account already seals a folder of its own
    refused = cli("sync", "status", data_dir=data_dir)
    assert refused.returncode == 2 and "recover" in refused.stderr, refused.stderr
    recovered = cli("recover", "--recovery-key-stdin", "--json", data_dir=data_dir,
                    stdin=made.recovery_key + "\n")  # fmt: skip
    assert recovered.returncode == 0, recovered.stderr
    assert '"config_resealed": true' in recovered.stdout
    assert cli("sync", "status", data_dir=data_dir).returncode == 0


def test_the_audit_page_names_both_entries_in_words() -> None:
    """Issue 18: the audit page says what happened, not `config.accept`."""
    from ltsa_desk.ui.audit_words import ACTION_LABELS, FIELD_LABELS

    assert {"config.adopt", "config.accept"} <= set(ACTION_LABELS)
    assert "keys" in FIELD_LABELS


@pytest.mark.postgres
def test_a_desk_without_a_keyring_is_refused_before_it_joins_the_office(
    tmp_path: Path, postgres_url: str
) -> None:
    """A server that lets the desk in without a password (trust) needs no keyring to connect,
    but the configuration could not be sealed: nothing may be made on the server first."""
    import keyring
    import sqlalchemy
    from keyring.backends import fail

    from ltsa_desk.counter.config import ConfigKeyringUnavailable

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(ConfigKeyringUnavailable, match="keyring"):
            initialise(
                tmp_path / "desk", office_code="52.03", counter_id="LOTIM-05",
                database_url=postgres_url,
            )  # fmt: skip
    finally:
        keyring.set_keyring(previous)
    engine = sqlalchemy.create_engine(postgres_url)
    try:
        assert sqlalchemy.inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    assert not (tmp_path / "desk" / "config.toml").exists()
