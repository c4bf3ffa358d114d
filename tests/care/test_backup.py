"""Backups: a consistent, still-encrypted snapshot taken while officers keep registering, one zip
per backup with a manifest of hashes, rotation, the daily backup, and pg_dump for PostgreSQL."""

from __future__ import annotations

import json
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from caretools import register, run

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.store import cipher
from ltsa_desk.technician.backup import (
    DB_ENTRY,
    MANIFEST,
    BackupError,
    backup_due,
    list_backups,
    make_backup,
    newest_backup,
    parse_backup_name,
    rotate,
    run_daily_backup,
    verify_archive,
)

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@contextmanager
def registering(workspace: Workspace, actor: Actor, first: int) -> Iterator[list[int]]:
    """A thread that keeps registering applicants (each with its outbox item) until the block
    ends; yields the list of serials committed so far."""
    done: list[int] = []
    stop = threading.Event()
    errors: list[BaseException] = []

    def work() -> None:
        serial = first
        try:
            while not stop.is_set():
                register(workspace, actor, serial)
                done.append(serial)
                serial += 1
        except BaseException as exc:  # surfaced in the test below
            errors.append(exc)

    thread = threading.Thread(target=work, name="intake-writer")
    thread.start()
    try:
        while len(done) < 3:  # the writer is really going before the backup starts
            time.sleep(0.005)
        yield done
    finally:
        stop.set()
        thread.join(30)
    assert not errors, errors


def snapshot_facts(workspace: Workspace, archive: Path, tmp_path: Path) -> dict[str, object]:
    """Open the database inside the archive with the counter's key, as a restore would."""
    target = tmp_path / "snapshot.sqlite"
    with zipfile.ZipFile(archive) as zf:
        target.write_bytes(zf.read(DB_ENTRY))
    assert not target.read_bytes().startswith(cipher.SQLITE_HEADER), "backup must stay encrypted"
    key = keyring_home.load_database_key(workspace.database.info.database_id)
    connection = cipher.connect(target, key)
    try:
        return {
            "integrity": connection.execute("PRAGMA integrity_check").fetchall(),
            "cipher": connection.execute("PRAGMA cipher_integrity_check").fetchall(),
            "applicants": connection.execute("SELECT count(*) FROM applicant").fetchone()[0],
            "registrations": connection.execute(
                "SELECT count(*) FROM outbox_item WHERE destination = 'registry'"
            ).fetchone()[0],
        }
    finally:
        connection.close()


@SQLITE
def test_backup_while_registering_is_consistent_and_encrypted(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    for serial in range(1, 41):
        register(workspace, actor, serial)
    stored = workspace.attachments.put(PDF)
    with registering(workspace, actor, first=100) as done:
        before = len(done)
        result = make_backup(workspace.config)
        after = len(done)
    assert after > before, "the writer kept committing during the backup"
    parsed = parse_backup_name(result.path)
    assert parsed is not None and parsed.office_code == "52.03" and parsed.counter_id == "LOTIM-01"
    assert result.path.parent == workspace.data_dir / "backups"
    assert abs(parsed.created_at - datetime.now(UTC)) < timedelta(minutes=1)
    info = verify_archive(result.path)
    files = info.manifest["files"]
    assert {DB_ENTRY, "config.toml", "ltsa.key.sealed"} <= set(files)
    keyed = workspace.attachments.keyed_name(stored.sha256)  # type: ignore[union-attr]
    assert any(name.endswith(keyed) for name in files), "attachment store included"
    assert not any(stored.sha256 in name for name in files), "no plaintext digest (issue 17)"
    assert all(len(entry["sha256"]) == 64 for entry in files.values())
    facts = snapshot_facts(workspace, result.path, tmp_path)
    assert facts["integrity"] == [("ok",)] and facts["cipher"] == []
    # One commit carries an applicant and its registration: a consistent snapshot has both.
    assert facts["applicants"] == facts["registrations"]
    assert 40 + before <= facts["applicants"] <= 40 + after
    assert info.manifest["counts"]["applicants"] == facts["applicants"]


@SQLITE
def test_backup_verb_while_another_process_writes(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    """`ltsa-desk backup --out DIR` in its own process while this one keeps registering."""
    for serial in range(1, 21):
        register(workspace, actor, serial)
    usb = tmp_path / "usb"
    with registering(workspace, actor, first=500):
        result = run("backup", "--out", usb, "--json", data_dir=workspace.data_dir)
    assert result.code == 0, str(result)
    path = Path(result.json()["backup"]["path"])
    assert path.parent == usb and parse_backup_name(path) is not None
    facts = snapshot_facts(workspace, path, tmp_path)
    assert facts["integrity"] == [("ok",)]
    assert facts["applicants"] == facts["registrations"] >= 20
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(MANIFEST))
    assert manifest["office_code"] == "52.03" and manifest["engine"] == "sqlite"
    assert manifest["database_id"] == workspace.database.info.database_id


@SQLITE
def test_rotation_keeps_the_newest_of_this_counter_only(workspace: Workspace) -> None:
    workspace.config.set("backup.keep", "3")
    folder = workspace.data_dir / "backups"
    start = datetime(2026, 5, 1, 1, 0, tzinfo=UTC)
    made = [make_backup(workspace.config, now=start + timedelta(days=n)) for n in range(5)]
    kept = list_backups(folder, "52.03", "LOTIM-01")
    assert [b.path for b in kept] == [m.path for m in reversed(made[2:])]
    assert made[-1].removed == [made[1].path]
    # A USB drive shared by several counters: others' backups and other files stay.
    other = folder / "ltsa-backup-52.03-LOTIM-02-20200101T000000Z.zip"
    other.write_bytes(b"not ours")
    note = folder / "catatan.txt"
    note.write_text("jangan dihapus")
    assert rotate(folder, "52.03", "LOTIM-01", 1) == [kept[1].path, kept[2].path]
    assert other.exists() and note.exists()


@SQLITE
def test_daily_backup_is_due_once_a_day(workspace: Workspace, tmp_path: Path) -> None:
    config = workspace.config
    assert backup_due(config)
    first = run_daily_backup(config)
    assert first is not None and newest_backup(config) is not None
    assert run_daily_backup(config) is None, "a second check the same day makes nothing"
    assert backup_due(config, datetime.now(UTC) + timedelta(hours=25))
    config.set("backup.daily", "false")
    assert not backup_due(config, datetime.now(UTC) + timedelta(days=9))
    config.set("backup.daily", "true")
    config.set("backup.folder", str(tmp_path / "usb-not-plugged-in"))
    with pytest.raises(BackupError, match="tidak ada"):
        run_daily_backup(config)
    assert not (tmp_path / "usb-not-plugged-in").exists(), "a missing drive is not faked"


@SQLITE
def test_the_window_starts_the_daily_backup_off_the_gui_thread(qtbot, workspace: Workspace) -> None:
    from PySide6.QtCore import QObject

    from ltsa_desk.ui.app import start_daily_backup
    from ltsa_desk.ui.workers import Runner

    runner = Runner()
    owner = QObject()
    timer = start_daily_backup(workspace, runner, owner)
    assert timer.isActive()
    assert runner.wait_idle(30_000)
    qtbot.waitUntil(lambda: newest_backup(workspace.config) is not None, timeout=10_000)
    assert runner.last_thread_name not in (None, "MainThread")
    timer.stop()


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_postgres_backup_drives_pg_dump_or_says_it_is_missing(
    workspace: Workspace, actor: Actor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    register(workspace, actor, 1)
    result = make_backup(workspace.config)
    assert result.engine == "postgresql"
    with zipfile.ZipFile(result.path) as zf:
        dump = zf.read("database/ltsa.pgdump")
    assert dump.startswith(b"PGDMP"), "pg_dump custom format"
    verify_archive(result.path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(BackupError, match="pg_dump tidak tersedia"):
        make_backup(workspace.config)
