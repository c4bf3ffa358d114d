"""`ltsa-desk` set-up verbs as a technician uses them: --version/--help, init, doctor, config.

Every test runs the real command in a subprocess and checks the exit code (0 done, 1 a check found
problems, 2 bad input or usage), that `--json` prints exactly one JSON object on stdout, and that a
refused command changes nothing already saved.
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Callable
from functools import partial
from pathlib import Path

import clitools
import pytest
from cliauth import TEST_ADMIN, admin_line
from clitools import parallel, run, run_many

import ltsa_desk


@pytest.fixture(scope="module")
def counter(copy_counter: Callable[[], Path]) -> Path:
    """An initialised counter the tests of this module only read."""
    return copy_counter()


# --- the command itself ---------------------------------------------------------------------------


def test_version_and_help() -> None:
    version, helped = run_many([["--version"], ["--help"]])
    assert version.code == 0, str(version)
    assert version.stdout.strip() == f"ltsa-desk {ltsa_desk.__version__}"
    assert helped.code == 0, str(helped)
    for verb in ("init", "doctor", "config", "user", "import-register", "applicant"):
        assert verb in helped.stdout
    assert "--data-dir" in helped.stdout
    assert helped.stderr == ""


def test_unknown_verb_and_missing_arguments_are_usage_errors(counter: Path) -> None:
    commands = [
        ["bogus"],
        ["init", "--office-code", "5203", "--json"],  # --counter-id missing
        ["user", "add", "petugas1"],  # --role missing
        ["import-register", "--json"],  # FILE missing
        ["applicant", "cancel", clitools.NIK_MALE],  # --reason missing
    ]
    before = clitools.files(counter)
    for result in run_many(commands, data_dir=counter):
        result.usage_error()
    assert clitools.files(counter) == before


def test_data_dir_before_or_after_the_verb_and_from_the_environment(counter: Path,
                                                                    tmp_path: Path) -> None:
    elsewhere = tmp_path / "not-this-one"
    results = parallel(
        partial(run, "--data-dir", str(counter), "doctor", "--json"),
        partial(run, "doctor", "--json", data_dir=counter),
        partial(run, "doctor", "--json", env_data_dir=counter),
        partial(run, "doctor", "--json", data_dir=counter, env_data_dir=elsewhere),
    )
    for result in results:
        assert result.code == 0, str(result)
        payload = result.json()
        assert payload["ok"] is True, str(result)
        assert Path(payload["data_dir"]) == counter.resolve()
    assert not elsewhere.exists()


def test_default_data_folder_is_the_users_data_folder(tmp_path: Path) -> None:
    if sys.platform in {"win32", "darwin"}:
        pytest.skip("the XDG data folder is the Linux default")
    xdg = tmp_path / "xdg-data"
    result = run("init", "--office-code", "5203", "--counter-id", "LOTIM-02", "--json",
                 env={"XDG_DATA_HOME": str(xdg)})
    assert result.code == 0, str(result)
    expected = xdg / "ltsa-desk"
    assert Path(result.json()["data_dir"]) == expected.resolve()
    assert (expected / clitools.CONFIG_FILE).is_file()
    assert (expected / clitools.DATABASE_FILE).is_file()


# --- init -----------------------------------------------------------------------------------------


def test_init_creates_configuration_and_database(tmp_path: Path) -> None:
    folder = tmp_path / "new-counter"
    result = run("init", "--office-code", "5203", "--counter-id", "lotim-01", "--json",
                 data_dir=folder)
    assert result.code == 0, str(result)
    payload = result.json()
    assert set(payload) == {"data_dir", "database_id", "office_code", "counter_id",
                            "recovery_key"}
    assert len(payload["recovery_key"].split("-")) == 7  # shown once; see test_cli_recover.py
    assert payload["office_code"] == "52.03"  # 5203 accepted and stored in the 52.03 form
    assert payload["counter_id"] == "LOTIM-01"
    assert Path(payload["data_dir"]) == folder.resolve()

    config = tomllib.loads((folder / clitools.CONFIG_FILE).read_text(encoding="utf-8"))
    assert config["office"]["code"] == "52.03"
    assert config["counter"]["id"] == "LOTIM-01"
    assert config["database"]["id"] == payload["database_id"]  # finds the key before opening
    meta = dict(clitools.query(folder, "SELECT key, value FROM meta"))
    assert meta["database_id"] == payload["database_id"]
    assert meta["office_code"] == "52.03"
    assert clitools.count(folder, "applicant") == 0


def test_second_init_refuses_and_changes_nothing(fresh_counter: Path) -> None:
    before = clitools.files(fresh_counter)
    result = run("init", "--office-code", "52.01", "--counter-id", "LOBAR-09", "--json",
                 data_dir=fresh_counter)
    result.error()
    assert clitools.files(fresh_counter) == before


def test_init_refuses_a_folder_holding_a_database_without_configuration(
    fresh_counter: Path,
) -> None:
    (fresh_counter / clitools.CONFIG_FILE).unlink()
    before = clitools.files(fresh_counter)
    result = run("init", "--office-code", "5203", "--counter-id", "LOTIM-01", "--json",
                 data_dir=fresh_counter)
    result.error()
    assert clitools.files(fresh_counter) == before  # no config written, database untouched


@pytest.mark.parametrize(
    ("office", "counter_id", "field"),
    [
        ("99.99", "LOTIM-01", "office.code"),  # no such province
        ("abc", "LOTIM-01", "office.code"),
        ("52.03", "LOTIM 01!", "counter.id"),
    ],
)
def test_init_bad_values_exit_2_naming_the_field(
    tmp_path: Path, office: str, counter_id: str, field: str
) -> None:
    folder = tmp_path / "new-counter"
    result = run("init", "--office-code", office, "--counter-id", counter_id, "--json",
                 data_dir=folder)
    error = result.error()
    assert field in error["message"]
    assert field in result.stderr
    assert not folder.exists() or clitools.files(folder) == {}


# --- doctor ---------------------------------------------------------------------------------------


def test_doctor_on_a_fresh_counter(counter: Path) -> None:
    as_json, as_text = run_many([["doctor", "--json"], ["doctor"]], data_dir=counter)
    assert as_json.code == 0, str(as_json)
    payload = as_json.json()
    assert payload["ok"] is True
    assert isinstance(payload["checks"], list)
    names = {check["name"] for check in payload["checks"]}
    assert {"config", "database", "integrity", "migrations"} <= names
    for check in payload["checks"]:
        assert set(check) >= {"name", "ok", "detail"}
        assert check["ok"] is True, check
    assert as_text.code == 0, str(as_text)
    assert "integrity" in as_text.stdout
    assert not as_text.stdout.lstrip().startswith("{")


def _doctor_fails(data_dir: Path, failing: str) -> dict[str, object]:
    result = run("doctor", "--json", data_dir=data_dir)
    assert result.code == 1, str(result)
    assert "Traceback" not in result.stderr, str(result)
    payload = result.json()
    assert payload["ok"] is False
    checks = {check["name"]: check for check in payload["checks"]}
    assert checks[failing]["ok"] is False, payload
    assert checks[failing]["detail"], payload
    return checks[failing]


def test_doctor_without_configuration(fresh_counter: Path) -> None:
    (fresh_counter / clitools.CONFIG_FILE).unlink()
    before = clitools.files(fresh_counter)
    check = _doctor_fails(fresh_counter, "config")
    assert "init" in str(check["detail"])
    assert clitools.files(fresh_counter) == before


def test_doctor_with_a_damaged_header_reports_and_keeps_the_file(fresh_counter: Path) -> None:
    database = fresh_counter / clitools.DATABASE_FILE
    damaged = b"this is not sql!" + database.read_bytes()[16:]
    database.write_bytes(damaged)
    check = _doctor_fails(fresh_counter, "database")
    assert "rusak" in str(check["detail"]) or "header" in str(check["detail"])
    assert database.read_bytes() == damaged  # neither recreated nor deleted
    # Other verbs refuse too, with the same clear words instead of a traceback.
    listing = run("applicant", "list", "--json", data_dir=fresh_counter)
    assert "header" in listing.error()["message"]
    assert database.read_bytes() == damaged


def test_doctor_with_a_truncated_database(fresh_counter: Path) -> None:
    database = fresh_counter / clitools.DATABASE_FILE
    truncated = database.read_bytes()[:5000]
    database.write_bytes(truncated)
    _doctor_fails(fresh_counter, "database")
    assert database.read_bytes() == truncated


def test_doctor_with_a_damaged_table_page(fresh_counter: Path) -> None:
    """The header and schema are fine (start-up's cheap check passes); integrity_check is not."""
    ((page_size,),) = clitools.query(fresh_counter, "PRAGMA page_size")
    page_size = int(page_size)  # SQLCipher answers this pragma as text
    ((root,),) = clitools.query(
        fresh_counter, "SELECT rootpage FROM sqlite_master WHERE name = 'applicant'"
    )
    database = fresh_counter / clitools.DATABASE_FILE
    with open(database, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    damaged = database.read_bytes()
    _doctor_fails(fresh_counter, "integrity")
    assert database.read_bytes() == damaged


def test_doctor_without_database_file_does_not_create_one(fresh_counter: Path) -> None:
    database = fresh_counter / clitools.DATABASE_FILE
    database.unlink()
    check = _doctor_fails(fresh_counter, "database")
    assert "init" in str(check["detail"]) or "restore" in str(check["detail"])
    assert not database.exists()


def test_doctor_without_data_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    _doctor_fails(missing, "data_dir")
    assert not missing.exists()


# --- config ---------------------------------------------------------------------------------------


def test_config_show(counter: Path) -> None:
    as_json = run("config", "show", "--json", data_dir=counter)
    assert as_json.code == 0, str(as_json)
    payload = as_json.json()
    assert payload["config"]["office.code"] == "52.03"
    assert payload["config"]["counter.id"] == "LOTIM-01"
    assert payload["config"]["registry.url"] == ""


def test_config_set_a_valid_url(fresh_counter: Path) -> None:
    result = run("config", "set", "registry.url", "https://registry.example.go.id/api/",
                 data_dir=fresh_counter)
    assert result.code == 0, str(result)
    config = tomllib.loads((fresh_counter / clitools.CONFIG_FILE).read_text(encoding="utf-8"))
    assert config["registry"]["url"] == "https://registry.example.go.id/api"
    assert config["office"]["code"] == "52.03"  # the rest is kept


def test_config_set_refusals_change_nothing(fresh_counter: Path) -> None:
    before = clitools.files(fresh_counter)
    commands = [
        ["config", "set", "registry.url", "ftp://registry.example"],
        ["config", "set", "no.such.key", "1"],
        ["config", "set", "registry.token", "s3cret-t0ken"],
        ["config", "set", "office.code", "52.01"],  # fixed at init
        ["config", "set", "database.url", "postgresql+psycopg://ltsa:pw@server/ltsa"],
    ]
    results = run_many(commands, data_dir=fresh_counter)
    for command, result in zip(commands, results, strict=True):
        assert result.code == 2, str(result)
        assert result.stdout == "", str(result)
        assert command[2] in result.stderr, str(result)  # the message names the key
        assert "Traceback" not in result.stderr, str(result)
    token = results[2]
    assert "keyring" in token.stderr or "kredensial" in token.stderr, str(token)
    assert clitools.files(fresh_counter) == before
    assert b"s3cret" not in (fresh_counter / clitools.CONFIG_FILE).read_bytes()


def test_no_verb_reads_stdin_unless_asked(fresh_counter: Path) -> None:
    """A verb run from a script or the installer must not wait on an open, silent stdin: with
    `--as`, it reads the password's line and nothing more."""
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, admin_line(None).encode())  # the admin's password, then silence
        with os.fdopen(read_end, "rb") as stdin:
            result = run("user", "add", "petugas9", "--role", "officer", "--json",
                         "--as", TEST_ADMIN, data_dir=fresh_counter, stdin=stdin, timeout=30)
    finally:
        os.close(write_end)
    assert result.code == 0, str(result)
    assert result.json()["user"]["has_password"] is False
