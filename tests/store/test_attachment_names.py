"""Keyed attachment file names (issue 17, finding 6): the upgrade of old plaintext-digest names.

A counter of an earlier version (or a restored older backup) has its encrypted files named by the
SHA-256 of their plaintext. They must keep opening, move to keyed names at the next opening, and
survive a real ``kill -9`` half-way through that renaming: every attachment readable, none lost,
and the renaming carries on at the following opening.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace
from ltsa_desk.store import keys
from ltsa_desk.store.attachments import AttachmentNotFound, AttachmentStore
from ltsa_desk.store.encrypted_attachments import (
    KEYED_NAME_RE,
    KEYED_NAMES_MARK,
    EncryptedAttachmentStore,
    file_is_encrypted,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def scan(serial: int) -> bytes:
    """A small scan-like PDF, different for every serial."""
    body = f"1 0 obj << /Type /Catalog >> endobj\n% KTP lampiran {serial}\n".encode()
    return b"%PDF-1.7\n" + body + b"trailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"


def to_old_names(store: EncryptedAttachmentStore) -> list[str]:
    """Put every file back under its plaintext-digest name, as an earlier version left it."""
    ids = list(store.iter_all())
    for sha256 in ids:
        store.old_path(sha256).parent.mkdir(parents=True, exist_ok=True)
        os.replace(store.path(sha256), store.old_path(sha256))
    return ids


def names(root: Path) -> tuple[set[str], set[str]]:
    """(old plaintext-digest names, keyed names) of the files under ``root``."""
    files = [p.name for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")]
    old = {n for n in files if len(n) == 64}
    keyed = {n for n in files if KEYED_NAME_RE.fullmatch(n)}
    assert len(old) + len(keyed) == len(files), files
    return old, keyed


@pytest.fixture
def vault(tmp_path: Path) -> EncryptedAttachmentStore:
    return EncryptedAttachmentStore(tmp_path / "attachments", secrets.token_bytes(32))


def test_old_names_are_read_then_renamed_once(vault: EncryptedAttachmentStore) -> None:
    stored = {vault.put(scan(i)).sha256: scan(i) for i in range(5)}
    to_old_names(vault)
    assert names(vault.root) == (set(stored), set())
    # before the upgrade: everything still reads, lists and verifies under the old names
    assert list(vault.iter_all()) == sorted(stored)
    for sha256, data in stored.items():
        assert vault.exists(sha256) and vault.verify(sha256)
        assert vault.get(sha256) == data and vault.info(sha256).size == len(data)
    assert vault.move_to_keyed_names() == 5
    assert vault.move_to_keyed_names() == 0  # idempotent
    old, keyed = names(vault.root)
    assert old == set() and keyed == {vault.keyed_name(s) for s in stored}
    assert list(vault.iter_all()) == sorted(stored)
    for sha256, data in stored.items():
        assert vault.get(sha256) == data and vault.verify(sha256)
    with pytest.raises(AttachmentNotFound):
        vault.get("0" * 64)


def test_both_names_present_keeps_the_keyed_one(vault: EncryptedAttachmentStore) -> None:
    """A ``put`` of the same scan before the renaming reached it: one copy stays, keyed."""
    sha256 = vault.put(scan(1)).sha256
    to_old_names(vault)
    assert vault.put(scan(1)).sha256 == sha256  # writes the keyed name beside the old one
    assert names(vault.root) == ({sha256}, {vault.keyed_name(sha256)})
    assert list(vault.iter_all()) == [sha256]
    assert vault.move_to_keyed_names() == 1
    assert names(vault.root) == (set(), {vault.keyed_name(sha256)})
    assert vault.get(sha256) == scan(1)


def test_plaintext_files_of_an_older_version_land_under_keyed_names(tmp_path: Path) -> None:
    root = tmp_path / "attachments"
    sha256 = AttachmentStore(root).put(scan(7)).sha256
    vault = EncryptedAttachmentStore(root, secrets.token_bytes(32))
    assert vault.move_to_keyed_names() == 0  # a plaintext file waits for its encryption
    assert vault.encrypt_plaintext_files() == 1
    assert vault.encrypt_plaintext_files() == 0
    assert names(root) == (set(), {vault.keyed_name(sha256)})
    assert file_is_encrypted(vault.path(sha256))
    assert vault.get(sha256) == scan(7)


def test_a_keyed_name_made_by_another_key_is_a_stray(
    vault: EncryptedAttachmentStore, tmp_path: Path
) -> None:
    mine = vault.put(scan(1)).sha256
    other = EncryptedAttachmentStore(vault.root, secrets.token_bytes(32))
    theirs = other.put(scan(2)).sha256
    assert vault.keyed_name(mine) != other.keyed_name(mine)  # no link between counters
    assert list(vault.iter_all()) == [mine]
    assert list(other.iter_all()) == [theirs]
    assert not vault.exists(theirs)


def test_opening_an_old_counter_renames_its_files(tmp_path: Path) -> None:
    data_dir = _old_counter(tmp_path, 4)
    workspace = open_workspace(data_dir)
    try:
        store = workspace.attachments
        assert isinstance(store, EncryptedAttachmentStore)
        old, keyed = names(store.root)
        assert old == set() and len(keyed) == 4
        for i in range(4):
            assert store.get(hashlib.sha256(scan(i)).hexdigest()) == scan(i)
    finally:
        workspace.close()


KILLED_CHILD = """
import sys
from pathlib import Path

from ltsa_desk.store import encrypted_attachments

real_rename = encrypted_attachments.durable_rename
renamed = 0


def rename_then_wait(source, final):
    global renamed
    real_rename(source, final)
    renamed += 1
    if renamed == int(sys.argv[2]):
        print("renamed", renamed, flush=True)
        sys.stdin.readline()  # the parent kills us here, half-way through


encrypted_attachments.durable_rename = rename_then_wait
from ltsa_desk.counter import keyring_home
from ltsa_desk.counter.config import Config
from ltsa_desk.counter.workspace import open_workspace

open_workspace(Path(sys.argv[1])).close()
print("finished", flush=True)
"""


def _open_and_kill(data_dir: Path, after: int) -> None:
    """Open the counter in a child process and ``kill -9`` it after ``after`` renames."""
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, str(data_dir), str(after)],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == f"renamed {after}", (line, child.stderr and child.stderr.read())
    finally:
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no cleanup runs
        child.communicate()
    assert child.returncode != 0


def _old_counter(tmp_path: Path, count: int) -> Path:
    """A counter whose ``count`` attachments carry their plaintext-digest names."""
    data_dir = tmp_path / "data"
    initialise(data_dir, office_code="52.03", counter_id="LOTIM-01")
    confirm_recovery_key_shown(data_dir)
    workspace = open_workspace(data_dir)
    try:
        store = workspace.attachments
        assert isinstance(store, EncryptedAttachmentStore)
        for i in range(count):
            store.put(scan(i))
        to_old_names(store)
    finally:
        workspace.close()
    return data_dir


def test_kill_9_in_the_middle_of_the_renaming_loses_nothing(tmp_path: Path) -> None:
    count = 12
    data_dir = _old_counter(tmp_path, count)
    expected = {hashlib.sha256(scan(i)).hexdigest(): scan(i) for i in range(count)}
    root = data_dir / "attachments"

    _open_and_kill(data_dir, after=3)
    old, keyed = names(root)
    assert len(old) == count - 3 and len(keyed) == 3  # killed half-way: both kinds of name
    _open_and_kill(data_dir, after=4)  # a second crash, later in the renaming
    old, keyed = names(root)
    assert len(old) == count - 7 and len(keyed) == 7

    # Half-way, every attachment reads (keyed name, then the old one), without any renaming.
    database_id = Config.load(data_dir).get("database.id")
    key = keys.attachments_key(keyring_home.load_database_key(database_id), database_id)
    half = EncryptedAttachmentStore(root, key)
    assert list(half.iter_all()) == sorted(expected)
    for sha256, data in expected.items():
        assert half.get(sha256) == data and half.verify(sha256)

    # The next opening finishes the renaming.
    workspace = open_workspace(data_dir)
    try:
        store = workspace.attachments
        assert isinstance(store, EncryptedAttachmentStore)
        assert names(root) == (set(), {store.keyed_name(s) for s in expected})
        assert list(store.iter_all()) == sorted(expected)
        for sha256, data in expected.items():
            assert store.get(sha256) == data and store.verify(sha256)
        hidden = [p.name for p in root.rglob(".*") if p.is_file()]
        assert hidden == [KEYED_NAMES_MARK]  # renames leave no temp file; the renaming is done
    finally:
        workspace.close()


def test_a_finished_renaming_is_not_walked_again_until_a_restore(
    vault: EncryptedAttachmentStore,
) -> None:
    """Years of scans are not walked at every opening; an old folder put back is walked once."""
    stored = {vault.put(scan(i)).sha256: scan(i) for i in range(3)}
    to_old_names(vault)
    assert vault.move_to_keyed_names() == 3
    assert (vault.root / KEYED_NAMES_MARK).is_file()
    # an old name appearing now is not looked for (a walk is what the mark saves) ...
    straggler = next(iter(stored))
    vault.old_path(straggler).parent.mkdir(parents=True, exist_ok=True)
    os.replace(vault.path(straggler), vault.old_path(straggler))
    assert vault.move_to_keyed_names() == 0
    assert vault.get(straggler) == stored[straggler], "still read under its old name"
    # ... until the folder is one without the mark (backups leave hidden files out)
    (vault.root / KEYED_NAMES_MARK).unlink()
    assert vault.move_to_keyed_names() == 1
    assert names(vault.root) == (set(), {vault.path(s).name for s in stored})
