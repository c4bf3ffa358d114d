"""Finding 6 (part): an attachment's file name must not say which scan it holds.

The attacker can read the data folder (a shared Windows account, a copied backup, a support
bundle) and holds a scan they suspect is stored here (a KTP photo they took, a passport page).
They hash it and look for a file of that name. Files were named by the plaintext SHA-256, so
the look-up confirmed the scan; now each name is a keyed name only this counter's database key
makes. Old names (an earlier version, an older backup) still open, and move to keyed names.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

from ltsa_desk.counter.workspace import (
    Workspace,
    confirm_recovery_key_shown,
    initialise,
    open_workspace,
)
from ltsa_desk.store.encrypted_attachments import AttachmentDamaged
from ltsa_desk.technician.backup import commit_restore, make_backup, stage_restore
from ltsa_desk.technician.doctor import run_checks
from ltsa_desk.technician.support import make_support_bundle

KTP_SCAN = (
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% KTP 5203014506900001 Nur Aini\n"
    b"trailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
)


def _counter(tmp_path: Path, name: str = "data", counter_id: str = "LOTIM-01") -> Workspace:
    data_dir = tmp_path / name
    initialise(data_dir, office_code="52.03", counter_id=counter_id)
    confirm_recovery_key_shown(data_dir)
    return open_workspace(data_dir)


def _confirms(digest: str, names: list[str]) -> list[str]:
    """The attacker's look-up: any name or path that holds the digest (or a telling prefix)."""
    return [name for name in names if digest in name or digest[:16] in name]


def test_a_known_scan_cannot_be_confirmed_from_the_folder(tmp_path: Path) -> None:
    workspace = _counter(tmp_path)
    try:
        stored = workspace.attachments.put(KTP_SCAN)
        folder = workspace.attachments_dir
        # the store still works through the content id
        assert workspace.attachments.get(stored.sha256) == KTP_SCAN
        assert workspace.attachments.verify(stored.sha256)
        assert list(workspace.attachments.iter_all()) == [stored.sha256]
    finally:
        workspace.close()
    digest = hashlib.sha256(KTP_SCAN).hexdigest()  # the attacker needs only the scan
    on_disk = [p.relative_to(folder).as_posix() for p in folder.rglob("*")]
    assert len([p for p in folder.rglob("*") if p.is_file()]) == 1
    assert _confirms(digest, on_disk) == [], on_disk
    assert not (folder / digest[:2] / digest[2:4] / digest).exists()


def test_the_same_scan_has_unrelated_names_at_two_counters(tmp_path: Path) -> None:
    """Two folders copied side by side do not show which scans both counters hold."""
    found = []
    for name, counter_id in (("c1", "LOTIM-01"), ("c2", "LOTIM-02")):
        workspace = _counter(tmp_path, name, counter_id)
        try:
            workspace.attachments.put(KTP_SCAN)
            found += [p.name for p in workspace.attachments_dir.rglob("*") if p.is_file()]
        finally:
            workspace.close()
    assert len(found) == 2 and found[0] != found[1]


def test_backups_and_the_support_bundle_do_not_name_the_scan(tmp_path: Path) -> None:
    workspace = _counter(tmp_path)
    try:
        workspace.attachments.put(KTP_SCAN)
        backup = make_backup(workspace.config, tmp_path / "usb").path
    finally:
        workspace.close()
    digest = hashlib.sha256(KTP_SCAN).hexdigest()
    with zipfile.ZipFile(backup) as archive:
        entries = archive.namelist()
        manifest = archive.read("manifest.json").decode()
    assert [e for e in entries if e.startswith("attachments/")], entries
    assert _confirms(digest, entries) == [] and digest not in manifest
    bundle = make_support_bundle(workspace.data_dir, tmp_path / "bundle.zip", network=False)
    with zipfile.ZipFile(bundle.path) as archive:
        for member in archive.namelist():
            text = archive.read(member).decode("utf-8", errors="replace")
            assert digest not in member and digest[:16] not in text, member


def test_a_backup_with_old_names_restores_reads_and_then_carries_keyed_names(
    tmp_path: Path,
) -> None:
    """A backup made by an earlier version (plaintext-digest names) still restores; the restored
    counter renames its files, and its next backup carries keyed names only."""
    workspace = _counter(tmp_path)
    store = workspace.attachments
    digest = store.put(KTP_SCAN).sha256
    old = store.old_path(digest)  # type: ignore[union-attr]
    old.parent.mkdir(parents=True, exist_ok=True)
    os.replace(store.path(digest), old)  # type: ignore[union-attr]
    try:
        old_backup = make_backup(workspace.config, tmp_path / "usb").path
    finally:
        workspace.close()
    with zipfile.ZipFile(old_backup) as archive:
        assert _confirms(digest, archive.namelist())  # the earlier layout, as shipped before
    data_dir = workspace.data_dir
    os.unlink(old)  # the scan is gone from the counter: only the old backup has it
    commit_restore(stage_restore(data_dir, old_backup))
    workspace = open_workspace(data_dir)
    try:
        assert workspace.attachments.get(digest) == KTP_SCAN
        assert workspace.attachments.verify(digest)
        on_disk = [
            p.name
            for p in workspace.attachments_dir.rglob("*")
            if p.is_file() and not p.name.startswith(".")  # the renaming's done mark
        ]
        assert len(on_disk) == 1 and _confirms(digest, on_disk) == []
        new_backup = make_backup(workspace.config, tmp_path / "usb2").path
    finally:
        workspace.close()
    with zipfile.ZipFile(new_backup) as archive:
        entries = archive.namelist()
    assert [e for e in entries if e.startswith("attachments/")]
    assert _confirms(digest, entries) == []


def test_a_damaged_scan_is_named_by_its_file_not_its_digest(tmp_path: Path) -> None:
    """The store's refusal and doctor's report name a damaged attachment; the words go to the
    log and into doctor.json of a support bundle, so they must not carry the digest either."""
    workspace = _counter(tmp_path)
    try:
        store = workspace.attachments
        digest = store.put(KTP_SCAN).sha256
        stored = store.path(digest)  # type: ignore[union-attr]
        stored.write_bytes(stored.read_bytes()[:-1] + b"\0")  # one byte damaged on disk
        try:
            store.get(digest)
        except AttachmentDamaged as refused:
            words = str(refused)
        else:
            raise AssertionError("a damaged file was read")
    finally:
        workspace.close()
    assert _confirms(digest, [words]) == [] and digest[:12] not in words, words
    assert stored.name[:12] in words  # what the technician finds on disk
    report = {check.name: check for check in run_checks(workspace.data_dir, network=False)}
    detail = report["attachments"].detail
    assert not report["attachments"].ok
    assert digest[:12] not in detail and stored.name[:12] in detail, detail
