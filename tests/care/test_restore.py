"""Restore: checked before anything is replaced, refused while the app runs or without a yes, the
replaced data kept aside, and nothing restored into the outbox is ever sent blind."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from caretools import ROOT, add_test_admin, connect, env, register, run
from sqlmodel import select

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.workspace import (
    Workspace,
    confirm_recovery_key_shown,
    initialise,
    open_workspace,
)
from ltsa_desk.services.context import Actor
from ltsa_desk.services.sync_hooks import HOOKS
from ltsa_desk.services.sync_setup import destination_configs
from ltsa_desk.store import cipher
from ltsa_desk.store.lock import DataFolderLock
from ltsa_desk.store.models import Applicant
from ltsa_desk.technician.backup import DB_ENTRY, make_backup
from sync.engine import EngineSettings, SyncEngine
from sync.models import OutboxItem
from sync.sim.process import SimHandle

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
FAST = {
    "lease_seconds": 2,
    "retry_initial_s": 0.05,
    "retry_max_s": 0.5,
    "probe_initial_s": 0.05,
    "probe_max_s": 0.5,
    "pull_interval_s": 0.2,
    "idle_poll_s": 0.05,
}


def drain(workspace: Workspace) -> None:
    engine = SyncEngine(
        workspace.database.writer,
        destination_configs(workspace.config),
        hooks=HOOKS,
        settings=EngineSettings(**FAST),
    )
    assert engine.run_until_empty(30, poll_s=0.05), "not drained"


def fingerprint(data_dir: Path) -> dict[str, bytes]:
    """What a refused restore must leave exactly as it was."""
    found = {
        name: (data_dir / name).read_bytes()
        for name in ("config.toml", "ltsa.sqlite", "ltsa.key.sealed")
        if (data_dir / name).exists()
    }
    found["extra"] = ",".join(
        sorted(p.name for p in data_dir.iterdir() if p.name.startswith(("replaced-", ".restore")))
    ).encode()
    return found


def new_counter(data_dir: Path) -> tuple[Workspace, str]:
    made = initialise(data_dir, office_code="52.03", counter_id="LOTIM-01")
    confirm_recovery_key_shown(data_dir)
    return open_workspace(data_dir), made.recovery_key


def test_restore_keeps_the_old_data_and_never_sends_restored_items_blind(
    data_path: Path, actor: Actor, sim: SimHandle
) -> None:
    workspace, _ = new_counter(data_path)
    try:
        connect(workspace, sim)
        register(workspace, actor, 1)
        drain(workspace)
        register(workspace, actor, 2)
        register(workspace, actor, 3)
        backup = make_backup(workspace.config).path  # 1 delivered, 2 and 3 waiting
        register(workspace, actor, 4)
        drain(workspace)  # after the backup, 2, 3 and 4 reach the registry
    finally:
        workspace.close()
    before = sim.stats()["registry"]
    assert before["applied"] == 4

    result = run("restore", backup, "--yes", "--json", data_dir=data_path)
    assert result.code == 0, str(result)
    restored = result.json()["restore"]
    assert restored["marked_look_up_first"] == 2
    replaced = Path(restored["replaced_dir"])
    assert replaced.parent == data_path and replaced.name.startswith("replaced-")
    assert {"config.toml", "ltsa.sqlite", "ltsa.key.sealed"} <= {p.name for p in replaced.iterdir()}
    assert "ditanyakan dulu" in result.stderr
    # The replaced database is whole and still holds what came after the backup.
    key = keyring_home.load_database_key(restored["database_id"])
    old = cipher.connect(replaced / "ltsa.sqlite", key)
    try:
        assert old.execute("SELECT count(*) FROM applicant").fetchone()[0] == 4
    finally:
        old.close()

    workspace = open_workspace(data_path)
    try:
        with workspace.database.session() as session:
            assert len(session.exec(select(Applicant)).all()) == 3
            items = session.exec(select(OutboxItem).order_by(OutboxItem.seq)).all()
        flags = [(item.state, item.look_up_first) for item in items]
        assert flags == [("delivered", False), ("pending", True), ("pending", True)]
        # A sender of the replaced data may still have had them on the line: a "not found"
        # proves nothing until the longest send and the quiet period are over.
        restored_at = datetime.now(UTC)
        for item in items[1:]:
            assert item.in_doubt_until is not None
            doubt = item.in_doubt_until.replace(tzinfo=UTC)
            assert restored_at < doubt < restored_at + timedelta(seconds=200)
        assert items[0].in_doubt_until is None
        drain(workspace)
        with workspace.database.session() as session:
            states = {item.state for item in session.exec(select(OutboxItem)).all()}
        assert states == {"delivered"}
    finally:
        workspace.close()
    after = sim.stats()["registry"]
    # Looked up and found: not one POST more, no duplicate suppressed, no duplicate effect.
    assert after["received"] == before["received"]
    assert after["duplicates_suppressed"] == before["duplicates_suppressed"] == 0
    assert after["duplicate_effects"] == 0 and after["applied"] == 4


@SQLITE
def test_restore_refusals_change_nothing(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    register(workspace, actor, 1)
    backup = make_backup(workspace.config, tmp_path / "usb").path
    data_dir = workspace.data_dir
    workspace.close()
    add_test_admin(data_dir)  # restore needs an admin here: made before the fingerprint
    before = fingerprint(data_dir)

    no_tty = run("restore", backup, data_dir=data_dir)
    assert no_tty.code == 2 and "--yes" in no_tty.stderr, str(no_tty)

    with DataFolderLock(data_dir, windows_mutex=False):
        running = run("restore", backup, "--yes", "--json", data_dir=data_dir)
    assert running.code == 2, str(running)
    assert "sudah berjalan" in running.stderr and f"pid {os.getpid()}" in running.stderr
    assert "sudah berjalan" in running.json()["error"]["message"]

    damaged = tmp_path / "rusak.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == DB_ENTRY:
                data = data[:5000] + bytes([data[5000] ^ 0xFF]) + data[5001:]
            target.writestr(item, data)
    bad = run("restore", damaged, "--yes", data_dir=data_dir)
    assert bad.code == 1 and "sha256" in bad.stderr, str(bad)

    not_zip = tmp_path / "bukan.zip"
    not_zip.write_bytes(b"bukan cadangan")
    assert run("restore", not_zip, "--yes", data_dir=data_dir).code == 2
    assert run("restore", tmp_path / "tidak-ada.zip", "--yes", data_dir=data_dir).code == 2
    assert fingerprint(data_dir) == before


@pytest.mark.skipif(
    sys.platform == "win32",
    reason="plays another PC by changing HOME; on Windows the test keyring lives in the "
    "profile's AppData, which platformdirs asks Windows for (HOME does not move it)",
)
def test_restore_onto_another_pc_needs_the_recovery_key(
    data_path: Path, actor: Actor, tmp_path: Path
) -> None:
    workspace, recovery = new_counter(data_path)
    try:
        register(workspace, actor, 1)
        register(workspace, actor, 2)
        backup = make_backup(workspace.config, tmp_path / "usb").path
    finally:
        workspace.close()
    home = tmp_path / "pc2-home"
    pc2 = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    target = tmp_path / "pc2-data"

    refused = run("restore", backup, "--yes", data_dir=target, extra_env=pc2)
    assert refused.code == 2, str(refused)
    assert "--recovery-key" in refused.stderr and "keyring" in refused.stderr
    assert not (target / "ltsa.sqlite").exists()

    typo = recovery[:-1] + ("0" if recovery[-1] != "0" else "1")
    wrong = run("restore", backup, "--yes", "--recovery-key", typo, data_dir=target, extra_env=pc2)
    assert wrong.code == 2 and not (target / "ltsa.sqlite").exists(), str(wrong)

    done = run(
        "restore", backup, "--yes", "--recovery-key-stdin",
        data_dir=target, input=recovery + "\n", extra_env=pc2,
    )  # fmt: skip
    assert done.code == 0, str(done)
    assert "keyring" in done.stderr
    listing = run("applicant", "list", "--json", data_dir=target, extra_env=pc2)
    assert listing.code == 0, str(listing)
    assert len(listing.json()["applicants"]) == 2


def _restore_on_a_terminal(backup: Path, data_dir: Path, answer: str) -> tuple[int, str]:
    import pty  # POSIX only; the test is skipped on Windows

    command = [sys.executable, "-m", "ltsa_desk", "restore", str(backup)]
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [*command, "--data-dir", str(data_dir)],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env(),
            cwd=ROOT,
        )
        os.close(slave)
        os.write(master, answer.encode() + b"\n")
        _, stderr = process.communicate(timeout=60)
    finally:
        os.close(master)
    return process.returncode, stderr.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@SQLITE
def test_restore_asks_on_a_terminal(workspace: Workspace, actor: Actor, tmp_path: Path) -> None:
    register(workspace, actor, 1)
    backup = make_backup(workspace.config, tmp_path / "usb").path
    data_dir = workspace.data_dir
    workspace.close()
    before = fingerprint(data_dir)
    code, stderr = _restore_on_a_terminal(backup, data_dir, "tidak")
    assert code == 2 and "Ketik 'ya'" in stderr and "Dibatalkan" in stderr, stderr
    assert fingerprint(data_dir) == before
    code, stderr = _restore_on_a_terminal(backup, data_dir, "ya")
    assert code == 0, stderr
    assert [p.name.startswith("replaced-") for p in data_dir.iterdir()].count(True) == 1


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_postgres_backup_is_not_restored_from_a_counter(
    workspace: Workspace, tmp_path: Path
) -> None:
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    backup = make_backup(workspace.config, tmp_path / "usb").path
    result = run("restore", backup, "--yes", data_dir=workspace.data_dir)
    assert result.code == 2 and "pg_restore" in result.stderr, str(result)


@SQLITE
def test_a_failed_swap_puts_everything_back(
    workspace: Workspace, actor: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be moved mid-way (Windows: still open elsewhere): every move is undone."""
    from ltsa_desk.technician.backup import restore as backup_module

    register(workspace, actor, 1)
    archive = make_backup(workspace.config, tmp_path / "usb").path
    data_dir = workspace.data_dir
    workspace.close()
    before = fingerprint(data_dir)
    staged = backup_module.stage_restore(data_dir, archive)
    real_replace = os.replace

    def flaky(source: object, target: object) -> None:
        if Path(str(source)).as_posix().endswith(DB_ENTRY):  # Windows paths have backslashes
            raise PermissionError("berkas sedang dipakai")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_module.os, "replace", flaky)
    with pytest.raises(PermissionError):
        backup_module.commit_restore(staged)
    monkeypatch.undo()
    assert fingerprint(data_dir) == before
    assert not staged.staging.exists()
