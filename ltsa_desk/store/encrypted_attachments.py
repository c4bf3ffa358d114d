"""Attachments encrypted file by file (AES-256-GCM), each file named by a keyed name of its digest.

Why per file: deduplication (the same passport scan stored once), the 64-character digest (the
content id) in database rows, and ``doctor``'s re-hash all keep working unchanged. Why GCM: it
authenticates, so a flipped bit or a file copied in from elsewhere is refused, never shown as a
damaged scan.

Why keyed names: a file named by the plaintext SHA-256 lets anyone who can read the folder (or a
backup) confirm that a scan they hold is stored here, by hashing it (issue 17). The name is now a
deterministic encryption (AES-SIV) of the digest under a key derived from the attachments key
with its own label (``ltsa-desk attachment-names v1``), so it is separate from the encryption
key: without the database key a name says nothing, with it the name is the same for the same
content (dedupe) and turns back into the content id. Why reversible and not an HMAC:
:meth:`EncryptedAttachmentStore.iter_all` must still list the content ids of the files in the
folder (``doctor``, moving a counter to a shared office), and the GCM associated data needs the
id to decrypt; a one-way name would lose both for files no row points at.

Callers still pass the content id; only the path changes. Files under the old plaintext-hash name
(older versions, older backups) are still read (keyed name first, then the old one) and
:meth:`EncryptedAttachmentStore.move_to_keyed_names` renames them, one atomic rename each, at the
first use of a counter's store: a crash half-way leaves some old names, which are still read, and
the next opening carries on.

File layout: ``LTSAENC1`` (8 bytes) | nonce (12 random bytes) | ciphertext | tag (16 bytes). The
associated data is the magic plus the digest, which binds each file to its content id: a blob
copied over another's name fails to decrypt, and a rename keeps the content valid. The key comes
from :func:`ltsa_desk.store.keys.attachments_key` (HKDF of the database key), so the recovery key
brings attachments back with the database.

Attachments are at most ``max_bytes`` (10 MiB by default), so each is encrypted in one piece in
memory; the layout and atomic writes are the plain store's (:class:`AttachmentStore`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ltsa_desk.store.attachments import (
    DEFAULT_MAX_BYTES,
    HEAD_BYTES,
    TAIL_BYTES,
    AttachmentNotFound,
    AttachmentRejected,
    AttachmentStore,
    StoredAttachment,
    atomic_write,
    check_sha256,
    inspect_bytes,
    sniff_media_type,
)
from ltsa_desk.store.attachments.durable_files import durable_rename, fanout_relpath
from ltsa_desk.store.attachments.file_checks import check_size

MAGIC = b"LTSAENC1"
NONCE_BYTES = 12
TAG_BYTES = 16
OVERHEAD = len(MAGIC) + NONCE_BYTES + TAG_BYTES

NAMES_KEY_INFO = b"ltsa-desk attachment-names v1"
"""HKDF label of the names key: domain-separated from the encryption key it is derived from."""
_NAME_AD = b"attachment-name"
KEYED_NAME_RE = re.compile(r"[0-9a-f]{96}")
"""A keyed name: AES-SIV of the 32-byte digest (16-byte synthetic IV + 32 bytes), in hex."""
KEYED_NAMES_MARK = ".keyed-names"
"""Written once every old name has moved; a folder restored from a backup lacks it (hidden files
are left out of backups) and is walked once more."""


class AttachmentDamaged(RuntimeError):
    """A stored file does not decrypt (damaged, tampered, or encrypted with another key)."""

    def __init__(self, sha256: str, file_name: str = "") -> None:
        super().__init__(sha256)
        self.sha256 = sha256
        self.file_name = file_name or sha256

    def __str__(self) -> str:
        # The file's own (keyed) name: the digest of the plaintext would confirm a known scan to
        # whoever reads the message (a log, doctor.json in a support bundle).
        return (
            f"Lampiran {self.file_name[:12]} rusak atau bukan milik basis data ini "
            "(tidak bisa didekripsi); pulihkan dari cadangan"
        )


class EncryptedAttachmentStore(AttachmentStore):
    """The :class:`AttachmentStore` layout with every file encrypted; same BlobStore contract."""

    def __init__(
        self, root: Path | str, key: bytes, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        super().__init__(root, max_bytes)
        if len(key) != 32:
            raise ValueError("the attachments key is 32 bytes")
        self._aead = AESGCM(key)
        names_key = HKDF(
            algorithm=hashes.SHA256(), length=64, salt=None, info=NAMES_KEY_INFO
        ).derive(key)
        self._names = AESSIV(names_key)

    # -- names ----------------------------------------------------------------------------

    def keyed_name(self, sha256: str) -> str:
        """The file name of a content id: the same for the same content, opaque without the key."""
        check_sha256(sha256)
        return self._names.encrypt(bytes.fromhex(sha256), [_NAME_AD]).hex()

    def _content_id(self, name: str) -> str | None:
        """The content id a keyed name stands for; None for a name this key did not make."""
        try:
            return self._names.decrypt(bytes.fromhex(name), [_NAME_AD]).hex()
        except InvalidTag:
            return None

    def path(self, sha256: str) -> Path:
        """Where the blob is written (its keyed name), whether or not it exists."""
        return self.root / fanout_relpath(self.keyed_name(sha256))

    def old_path(self, sha256: str) -> Path:
        """Where an earlier version wrote the blob: named by the plaintext digest."""
        return super().path(sha256)

    def _read_blob(self, sha256: str) -> bytes:
        """The stored file, under its keyed name or else its old name. The keyed name is tried
        again last: a concurrent :meth:`move_to_keyed_names` may rename it between the reads."""
        final = self.path(sha256)
        for candidate in (final, self.old_path(sha256), final):
            try:
                return candidate.read_bytes()
            except FileNotFoundError:
                continue
        raise AttachmentNotFound(sha256)

    # -- format ---------------------------------------------------------------------------

    def _seal(self, sha256: str, data: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, data, MAGIC + sha256.encode("ascii"))

    def _unseal(self, sha256: str, blob: bytes) -> bytes:
        if not blob.startswith(MAGIC) or len(blob) < OVERHEAD:
            raise AttachmentDamaged(sha256, self.keyed_name(sha256))
        nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(
                nonce, blob[len(MAGIC) + NONCE_BYTES :], MAGIC + sha256.encode("ascii")
            )
        except InvalidTag:
            raise AttachmentDamaged(sha256, self.keyed_name(sha256)) from None

    # -- writing --------------------------------------------------------------------------

    def _put_bytes(self, data: bytes) -> StoredAttachment:
        info = inspect_bytes(data, self.max_bytes)
        final = self.path(info.sha256)
        if not self._already_stored(final, info.size):
            self._land(final, info.size, [self._seal(info.sha256, data)])
        return info

    def _put_path(self, source: Path) -> StoredAttachment:
        # Read once (bounded by max_bytes): what is hashed is exactly what is encrypted, so a
        # file changing under us cannot be stored under the wrong name.
        st = source.stat()
        if not stat.S_ISREG(st.st_mode):
            raise AttachmentRejected("not_a_file", f"Bukan berkas biasa: {source.name}")
        check_size(st.st_size, self.max_bytes)  # an oversize file is refused unread
        data = b"".join(self._read_chunks(source))
        return self._put_bytes(data)

    def _already_stored(self, final: Path, size: int) -> bool:  # type: ignore[override]
        """Dedupe: same name and the size an encryption of ``size`` bytes has."""
        try:
            return final.stat().st_size == size + OVERHEAD
        except FileNotFoundError:
            return False

    # -- reading --------------------------------------------------------------------------

    def get(self, sha256: str) -> bytes:
        """The decrypted content; raises AttachmentNotFound or :class:`AttachmentDamaged`."""
        return self._unseal(sha256, self._read_blob(sha256))

    def exists(self, sha256: str) -> bool:
        """Whether a blob with this digest is stored, under either name."""
        return self.path(sha256).is_file() or self.old_path(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        """The decrypted content as a file object (attachments are small; held in memory)."""
        return io.BytesIO(self.get(sha256))

    def info(self, sha256: str) -> StoredAttachment:
        data = self.get(sha256)
        return StoredAttachment(
            sha256, len(data), sniff_media_type(data[:HEAD_BYTES], data[-TAIL_BYTES:], len(data))
        )

    def verify(self, sha256: str) -> bool:
        """Decrypt and re-hash: False when missing, undecryptable or not matching its name."""
        try:
            data = self.get(sha256)
        except (AttachmentNotFound, AttachmentDamaged):
            return False
        return hashlib.sha256(data).hexdigest() == sha256

    def iter_all(self) -> Iterator[str]:
        """Every stored content id, sorted, whichever name its file has. A keyed name this key
        did not make (a stray, another counter's file) is skipped like any stray name."""
        found = set(super().iter_all())
        for name in self._stored_names(KEYED_NAME_RE):
            sha256 = self._content_id(name)
            if sha256 is not None:
                found.add(sha256)
        yield from sorted(found)

    # -- upgrade --------------------------------------------------------------------------

    def move_to_keyed_names(self) -> int:
        """Rename every encrypted file still under its plaintext-digest name to its keyed name;
        return how many old names went.

        Crash-safe and idempotent: each file moves with one atomic rename (the content is the
        same, its associated data is the digest, not the name), readers look under both names,
        and a rerun only finds what is left. When both names exist (a crash after a ``put``
        wrote the keyed one), the old one goes. Plaintext files of a still older version are
        left to :meth:`encrypt_plaintext_files`.
        """
        done_mark = self.root / KEYED_NAMES_MARK
        if done_mark.is_file():
            return 0  # a counter with years of scans is not walked at every opening
        moved = 0
        held = 0
        for sha256 in list(super().iter_all()):
            old = self.old_path(sha256)
            try:
                if not file_is_encrypted(old):
                    continue
                final = self.path(sha256)
                if final.is_file():
                    old.unlink()
                else:
                    durable_rename(old, final)
            except FileNotFoundError:
                continue  # another process moved it meanwhile
            except PermissionError:
                held += 1
                continue  # Windows: open for reading elsewhere; the next opening moves it
            moved += 1
        if not held and self.root.is_dir():
            # Hidden, so backups leave it out: a restored folder is walked once more.
            atomic_write(done_mark, [b"attachment files carry keyed names\n"])
        return moved

    def encrypt_plaintext_files(self) -> int:
        """Encrypt the files an unencrypted store left (an upgrade from an earlier version),
        writing each under its keyed name, then dropping the plaintext. A file whose content
        does not match its name is left for ``doctor``."""
        done = 0
        for sha256 in list(super().iter_all()):
            old = self.old_path(sha256)
            if file_is_encrypted(old):
                continue
            data = old.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                continue
            atomic_write(self.path(sha256), [self._seal(sha256, data)])
            with contextlib.suppress(FileNotFoundError):
                old.unlink()
            done += 1
        return done


def file_is_encrypted(path: Path | str) -> bool:
    """Whether a blob file starts with the encrypted layout's magic (for doctor and tests)."""
    with open(os.fspath(path), "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC
