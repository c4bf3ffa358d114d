"""The recovery key as a technician meets it: printed by `init`, typed into `recover` on a new PC
(or a new Windows account: a fresh keyring), replaced with `new-recovery-key`.

A "second PC" is a new folder holding only what travels (the database file, config.toml and the
sealed key) and a new HOME, hence an empty file keyring.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import clitools
import pytest
from clitools import run

from ltsa_desk.store import recovery_key as rk

PEOPLE = [
    (clitools.NIK_MALE, "Budi Santoso", "12-05-1990", "L"),
    (clitools.NIK_FEMALE, "Siti Aminah", "12-05-1995", "P"),
    (clitools.NIK_MALE_2, "Ahmad Zainuddin", "12-05-1990", "L"),
]
TRAVELS = ("ltsa.sqlite", "config.toml", "ltsa.key.sealed")
KEY_PATTERN = re.compile(r"\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){6}\b")


def new_home(tmp_path: Path, name: str = "pc2") -> dict[str, str]:
    home = tmp_path / name
    home.mkdir()
    return clitools.home_env(home)


def init_counter(folder: Path) -> str:
    result = run("init", "--office-code", "52.03", "--counter-id", "LOTIM-01", "--json",
                 data_dir=folder)
    assert result.code == 0, str(result)
    return str(result.json()["recovery_key"])


def import_people(folder: Path, tmp_path: Path) -> None:
    source = clitools.write_csv(
        tmp_path / "register.csv",
        [["nik", "nama", "tanggal_lahir", "jenis_kelamin"], *map(list, PEOPLE)],
    )
    result = run("import-register", source, data_dir=folder)
    assert result.code == 0, str(result)


def move_to_second_pc(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "pc2-data"
    target.mkdir()
    for name in TRAVELS:
        shutil.copy2(folder / name, target / name)
    return target


def test_init_prints_the_recovery_key_once_and_never_waits(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    read_end, write_end = os.pipe()
    try:
        with os.fdopen(read_end, "rb") as stdin:  # an open, silent stdin: must not be read
            result = run("init", "--office-code", "5203", "--counter-id", "LOTIM-01",
                         data_dir=folder, stdin=stdin, timeout=30)
    finally:
        os.close(write_end)
    assert result.code == 0, str(result)
    assert "recovery key" in result.stdout.lower()
    assert "kunci pemulihan" in result.stdout.lower()
    (key,) = KEY_PATTERN.findall(result.stdout)
    rk.parse(key)
    # shown, so not pending; and written nowhere in the data folder (nor in its log)
    assert not (folder / "recovery-key.pending").exists()
    for path in folder.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert key.encode() not in content, path
            assert rk.parse(key).secret.encode() not in content, path


def test_recovery_on_a_second_pc_with_only_the_recovery_key(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    recovery = init_counter(folder)
    import_people(folder, tmp_path)
    target = move_to_second_pc(folder, tmp_path)
    pc2 = new_home(tmp_path)
    home2 = Path(pc2["HOME"])
    before = clitools.files(target)

    # Without the key: a clear refusal naming `recover`, nothing touched.
    listing = run("applicant", "list", "--json", data_dir=target, env=pc2)
    message = listing.error()["message"]
    assert "ltsa-desk recover" in message
    doctor = run("doctor", "--json", data_dir=target, env=pc2)
    assert doctor.code == 1, str(doctor)
    # The carried config.toml bears the first PC's seal: doctor stops at it, naming `recover`.
    config_check = {c["name"]: c for c in doctor.json()["checks"]}["config"]
    assert not config_check["ok"] and "ltsa-desk recover" in config_check["detail"]
    assert clitools.files(target) == before

    # A typo in one group is caught before anything else, and the group is named.
    groups = recovery.split("-")
    wrong_symbol = next(s for s in rk.ALPHABET if s != groups[2][1])
    groups[2] = groups[2][0] + wrong_symbol + groups[2][2:]
    typo = run("recover", "--recovery-key", "-".join(groups), "--json", data_dir=target, env=pc2)
    error = typo.error()
    assert error["field"] == "recovery_key"
    assert "kelompok ke-3" in error["message"]
    # A well-formed key of another counter: wrong, exit 2, nothing stored.
    other = run("recover", "--recovery-key", str(rk.generate()), "--json", data_dir=target,
                env=pc2)
    assert "Kunci pemulihan salah" in other.error()["message"]
    assert clitools.database_key(target, home2) is None
    assert clitools.files(target) == before

    restored = run("recover", "--recovery-key-stdin", "--json", data_dir=target, env=pc2,
                   input=recovery.lower().replace("-", " ") + "\n")
    assert restored.code == 0, str(restored)
    assert restored.json()["already_present"] is False
    assert clitools.database_key(target, home2) == clitools.database_key(folder)

    listing = run("applicant", "list", "--json", data_dir=target, env=pc2)
    assert listing.code == 0, str(listing)
    assert {row["nik"] for row in listing.json()["applicants"]} == {p[0] for p in PEOPLE}
    again = run("recover", "--recovery-key", recovery, "--json", data_dir=target, env=pc2)
    assert again.code == 0 and again.json()["already_present"] is True

    # The bytes that travelled hold no NIK and no name.
    for path in target.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for nik, name, _, _ in PEOPLE:
                assert nik.encode() not in content, path
                assert name.encode() not in content, path
                assert name.lower().encode() not in content, path


def test_new_recovery_key_replaces_the_old_one(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    old = init_counter(folder)
    made = run("new-recovery-key", "--json", data_dir=folder)
    assert made.code == 0, str(made)
    new = made.json()["recovery_key"]
    assert new != old
    target = move_to_second_pc(folder, tmp_path)
    pc2 = new_home(tmp_path)
    assert "Kunci pemulihan salah" in run(
        "recover", "--recovery-key", old, "--json", data_dir=target, env=pc2
    ).error()["message"]
    assert run("recover", "--recovery-key", new, data_dir=target, env=pc2).code == 0


def test_recover_refuses_a_sealed_key_of_another_database(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    init_counter(first)
    recovery_b = init_counter(second)
    shutil.copy2(second / "ltsa.key.sealed", first / "ltsa.key.sealed")
    result = run("recover", "--recovery-key", recovery_b, "--json", data_dir=first,
                 env=new_home(tmp_path))
    assert "milik basis data" in result.error()["message"]


def test_recover_without_the_sealed_key_says_which_file_is_missing(
    fresh_counter: Path, tmp_path: Path
) -> None:
    (fresh_counter / "ltsa.key.sealed").unlink()
    result = run("recover", "--recovery-key", str(rk.generate()), "--json",
                 data_dir=fresh_counter, env=new_home(tmp_path))
    assert "ltsa.key.sealed" in result.error()["message"]


def test_a_wrong_key_in_the_keyring_is_a_clear_error(
    copy_counter: Callable[[], Path], tmp_path: Path
) -> None:
    folder = copy_counter()
    pc2 = new_home(tmp_path)
    keyring = clitools.PlaintextKeyring()
    keyring.file_path = str(clitools.keyring_file(Path(pc2["HOME"])))
    database_id = re.search(r'id = "([0-9a-f-]{36})"', (folder / "config.toml").read_text())
    assert database_id is not None
    keyring.set_password("ltsa-desk", f"db-key@{database_id.group(1)}", os.urandom(32).hex())
    clitools.seal_config(folder, Path(pc2["HOME"]))  # past the seal, to the database key
    before = clitools.files(folder)
    result = run("applicant", "list", "--json", data_dir=folder, env=pc2)
    message = result.error()["message"]
    assert "kunci basis data salah / berkas rusak" in message.lower()
    assert "recover" in message
    assert clitools.files(folder) == before


@pytest.mark.parametrize("bad", ["", "ABCDE"])
def test_recover_usage(fresh_counter: Path, bad: str) -> None:
    run("recover", data_dir=fresh_counter).usage_error()  # the key is required
    result = run("recover", "--recovery-key", bad, "--json", data_dir=fresh_counter)
    assert result.error()["field"] == "recovery_key"
