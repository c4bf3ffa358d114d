"""`migrate-to` moves a lone counter's attachment files whatever their names (issue 17, finding 6).

A counter's files may still carry their plaintext-digest names (an earlier version, a restored
older backup, a renaming cut short by a crash) or already their keyed names. The move lists
content ids from both and puts every scan into the office database, once.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from desktools import OFFICE, run_cli

from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace
from ltsa_desk.store.database import open_database
from ltsa_desk.store.database_blobs import DatabaseBlobStore
from ltsa_desk.store.encrypted_attachments import KEYED_NAME_RE, EncryptedAttachmentStore
from ltsa_desk.technician.move_counter import move_lone_counter


def _scan(serial: int) -> bytes:
    body = f"1 0 obj << /Type /Catalog >> endobj\n% KK lampiran {serial}\n".encode()
    return b"%PDF-1.7\n" + body + b"trailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"


def _counter_with_old_names(folder: Path, count: int, old: int) -> dict[str, bytes]:
    """A lone counter with ``count`` scans, the first ``old`` of them under their old names."""
    initialise(folder, office_code=OFFICE, counter_id="LOTIM-01")
    confirm_recovery_key_shown(folder)
    workspace = open_workspace(folder)
    try:
        store = workspace.attachments
        assert isinstance(store, EncryptedAttachmentStore)
        scans = {store.put(_scan(i)).sha256: _scan(i) for i in range(count)}
        for sha256 in sorted(scans)[:old]:
            store.old_path(sha256).parent.mkdir(parents=True, exist_ok=True)
            os.replace(store.path(sha256), store.old_path(sha256))
    finally:
        workspace.close()
    return scans


def _in_office(office_url: str, scans: dict[str, bytes]) -> None:
    office = open_database(office_url)
    try:
        blobs = DatabaseBlobStore(office.engine)
        assert list(blobs.iter_all()) == sorted(scans)
        for sha256, data in scans.items():
            assert blobs.get(sha256) == data
    finally:
        office.close()


def test_a_move_reads_both_kinds_of_name(
    tmp_path: Path, office_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mixed names, and no renaming on the way (as when the renaming was cut short)."""
    scans = _counter_with_old_names(tmp_path / "c1", count=4, old=2)
    monkeypatch.setattr(EncryptedAttachmentStore, "move_to_keyed_names", lambda self: 0)
    report = move_lone_counter(tmp_path / "c1", office_url)
    assert report.moved["attachments"] == 4 and report.damaged_attachments == []
    _in_office(office_url, scans)


def test_migrate_to_moves_a_counter_of_an_earlier_version(tmp_path: Path, office_url: str) -> None:
    folder = tmp_path / "c1"
    scans = _counter_with_old_names(folder, count=3, old=3)
    for attempt in ("first", "again"):
        result = run_cli(folder, "migrate-to", "--database-url", office_url, "--json")
        assert result.code == 0, str(result)
        moved = result.json()["moved"].get("attachments", 0)
        assert moved == (3 if attempt == "first" else 0)
    _in_office(office_url, scans)
    left = [
        p.name
        for p in (folder / "attachments").rglob("*")
        if p.is_file() and not p.name.startswith(".")  # the renaming's done mark
    ]
    assert len(left) == 3 and all(KEYED_NAME_RE.fullmatch(name) for name in left)
    assert not set(left) & {hashlib.sha256(data).hexdigest() for data in scans.values()}
