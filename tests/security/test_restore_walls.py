"""Finding 5: restore trusts nothing in the archive it cannot check.

A doctored archive (a file changed and its hash recomputed in the manifest) is refused because
the manifest is authenticated with a key derived from this office's database key; a doctored
database never ends in a traceback; a recovery key given to ``restore`` is checked even when the
keyring already has the key; another office's or counter's backup needs ``--move``; replaced
copies are private and only the last few are kept.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace
from ltsa_desk.technician.backup import (
    DB_ENTRY,
    MANIFEST,
    MANIFEST_MAC,
    BackupError,
    make_backup,
    stage_restore,
)


@pytest.fixture
def counter(tmp_path: Path) -> tuple[Path, str, Path]:
    """A counter with one backup: (data folder, recovery key, backup file)."""
    data_dir = tmp_path / "data"
    made = initialise(data_dir, office_code="52.03", counter_id="LOTIM-01")
    confirm_recovery_key_shown(data_dir)
    workspace = open_workspace(data_dir)
    try:
        backup = make_backup(workspace.config, tmp_path / "usb").path
    finally:
        workspace.close()
    return data_dir, made.recovery_key, backup


def doctored(
    backup: Path, target: Path, offset: int, entry: str = DB_ENTRY, new: bytes | None = None
) -> Path:
    """The backup with one byte of ``entry`` flipped (or ``entry`` replaced by ``new``) and the
    manifest's hash list recomputed, as anyone who can read the format can do."""
    with zipfile.ZipFile(backup) as source:
        manifest = json.loads(source.read(MANIFEST))
        files = {item.filename: source.read(item.filename) for item in source.infolist()}
    data = bytearray(files[entry] if new is None else new)
    if new is None:
        data[offset] ^= 0xFF
    files[entry] = bytes(data)
    manifest["files"][entry]["sha256"] = hashlib.sha256(data).hexdigest()
    manifest["files"][entry]["size"] = len(data)
    files[MANIFEST] = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
    with zipfile.ZipFile(target, "w") as out:
        for name, content in files.items():
            out.writestr(name, content)
    return target


@pytest.mark.parametrize("offset", [5000, 20, 4096 + 100, -100])
def test_a_flipped_database_byte_is_one_clear_refusal(
    counter: tuple[Path, str, Path], tmp_path: Path, offset: int
) -> None:
    data_dir, _recovery, backup = counter
    with pytest.raises(BackupError) as refused:
        stage_restore(data_dir, doctored(backup, tmp_path / "rusak.zip", offset))
    assert "tidak ada yang diubah" in str(refused.value).lower()
    assert not list(data_dir.glob(".restore-*"))


def test_an_edited_config_inside_a_backup_is_refused(
    counter: tuple[Path, str, Path], tmp_path: Path
) -> None:
    """config.toml changed inside the archive (a registry URL of someone else's) and its hash
    recomputed: the manifest's authentication fails, nothing is restored."""
    data_dir, _recovery, backup = counter
    with zipfile.ZipFile(backup) as source:
        config = source.read("config.toml").decode()
    evil = config + '\n[registry]\nurl = "https://pencuri.example/registry"\n'
    archive = doctored(backup, tmp_path / "ubah.zip", 0, "config.toml", evil.encode())
    before = (data_dir / "config.toml").read_bytes()
    with pytest.raises(BackupError, match="manifest"):
        stage_restore(data_dir, archive)
    assert (data_dir / "config.toml").read_bytes() == before
    assert not list(data_dir.glob(".restore-*"))


def test_a_backup_without_the_manifest_authentication_is_refused(
    counter: tuple[Path, str, Path], tmp_path: Path
) -> None:
    data_dir, _recovery, backup = counter
    stripped = tmp_path / "tanpa-mac.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(stripped, "w") as out:
        for item in source.infolist():
            if item.filename != MANIFEST_MAC:
                out.writestr(item, source.read(item.filename))
    with pytest.raises(BackupError, match="manifest"):
        stage_restore(data_dir, stripped)


def test_a_recovery_key_with_a_typo_is_not_accepted_in_silence(
    counter: tuple[Path, str, Path],
) -> None:
    """The key is in this PC's keyring, so the recovery key is not needed; given anyway with a
    wrong check character, it is refused rather than ignored."""
    data_dir, recovery, backup = counter
    last = recovery[-1]
    typo = recovery[:-1] + ("0" if last != "0" else "1")
    with pytest.raises(BackupError, match="pemulihan"):
        stage_restore(data_dir, backup, recovery_key=typo)
    assert not list(data_dir.glob(".restore-*"))

    staged = stage_restore(data_dir, backup, recovery_key=recovery)  # the right one: checked, fine
    try:
        assert staged.archive.database_id
    finally:
        staged.discard()


def test_another_counters_backup_is_refused_unless_it_is_a_move(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup of office 52.01 counter LOBAR-01 restored over 52.03/LOTIM-01 with --yes used to
    go through without a word."""
    from sqlmodel import select

    from ltsa_desk.cli import main
    from ltsa_desk.store.models import AuditLog

    lobar = tmp_path / "lobar"
    initialise(lobar, office_code="52.01", counter_id="LOBAR-01")
    confirm_recovery_key_shown(lobar)
    workspace = open_workspace(lobar)
    try:
        backup = make_backup(workspace.config, tmp_path / "usb").path
    finally:
        workspace.close()
    lotim = tmp_path / "lotim"
    initialise(lotim, office_code="52.03", counter_id="LOTIM-01")
    confirm_recovery_key_shown(lotim)
    before = (lotim / "config.toml").read_bytes()

    assert main(["restore", str(backup), "--yes", "--data-dir", str(lotim)]) == 2
    said = capsys.readouterr().err
    assert "52.01" in said and "LOBAR-01" in said and "--move" in said
    assert (lotim / "config.toml").read_bytes() == before
    assert not list(lotim.glob("replaced-*")) and not list(lotim.glob(".restore-*"))

    assert main(["restore", str(backup), "--yes", "--move", "--data-dir", str(lotim)]) == 0
    moved = open_workspace(lotim)
    try:
        assert moved.config.office_code == "52.01"
        with moved.database.session() as session:
            entry = session.exec(select(AuditLog).where(AuditLog.action == "restore.move")).one()
        assert "LOTIM-01" in (entry.before or "") and "LOBAR-01" in (entry.after or "")
    finally:
        moved.close()


def test_replaced_copies_are_private_and_only_the_last_few_are_kept(
    counter: tuple[Path, str, Path],
) -> None:
    """Every restore used to leave a full replaced-<time>/ copy, unmentioned and never cleaned."""
    import stat
    import sys
    from datetime import UTC, datetime, timedelta

    from ltsa_desk.technician.backup import KEEP_REPLACED, commit_restore

    data_dir, _recovery, backup = counter
    start = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    kept: list[Path] = []
    for number in range(KEEP_REPLACED + 2):
        result = commit_restore(
            stage_restore(data_dir, backup), now=start + timedelta(hours=number)
        )
        assert result.replaced_dir is not None  # said to the caller (the CLI prints it)
        kept.append(Path(result.replaced_dir))
    copies = sorted(data_dir.glob("replaced-*"))
    assert copies == sorted(kept[-KEEP_REPLACED:])
    assert KEEP_REPLACED <= 5
    if sys.platform != "win32":
        for copy in copies:
            assert stat.S_IMODE(copy.stat().st_mode) & 0o077 == 0
