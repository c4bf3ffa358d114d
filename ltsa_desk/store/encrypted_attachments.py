"""Attachments encrypted file by file (AES-256-GCM), still named by the SHA-256 of the plaintext.

Why per file and still by plaintext hash: deduplication (the same passport scan stored once),
the 64-character digest in database rows, and ``doctor``'s re-hash all keep working unchanged; the
name reveals nothing about the content to someone without the content. Why GCM: it authenticates,
so a flipped bit or a file copied in from elsewhere is refused, never shown as a damaged scan.

File layout: ``LTSAENC1`` (8 bytes) | nonce (12 random bytes) | ciphertext | tag (16 bytes). The
associated data is the magic plus the digest, which binds each file to its name: renaming one
blob over another fails to decrypt. The key comes from :func:`ltsa_desk.store.keys.attachments_key`
(HKDF of the database key), so the recovery key brings attachments back with the database.

Attachments are at most ``max_bytes`` (10 MiB by default), so each is encrypted in one piece in
memory; the layout and atomic writes are the plain store's (:class:`AttachmentStore`).
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ltsa_desk.store.attachments import (
    DEFAULT_MAX_BYTES,
    HEAD_BYTES,
    TAIL_BYTES,
    AttachmentNotFound,
    AttachmentRejected,
    AttachmentStore,
    StoredAttachment,
    atomic_write,
    inspect_bytes,
    sniff_media_type,
)
from ltsa_desk.store.attachments.file_checks import check_size

MAGIC = b"LTSAENC1"
NONCE_BYTES = 12
TAG_BYTES = 16
OVERHEAD = len(MAGIC) + NONCE_BYTES + TAG_BYTES


class AttachmentDamaged(RuntimeError):
    """A stored file does not decrypt (damaged, tampered, or encrypted with another key)."""

    def __init__(self, sha256: str) -> None:
        super().__init__(sha256)
        self.sha256 = sha256

    def __str__(self) -> str:
        return (
            f"Lampiran {self.sha256[:12]} rusak atau bukan milik basis data ini "
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

    # -- format ---------------------------------------------------------------------------

    def _seal(self, sha256: str, data: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, data, MAGIC + sha256.encode("ascii"))

    def _unseal(self, sha256: str, blob: bytes) -> bytes:
        if not blob.startswith(MAGIC) or len(blob) < OVERHEAD:
            raise AttachmentDamaged(sha256)
        nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(
                nonce, blob[len(MAGIC) + NONCE_BYTES :], MAGIC + sha256.encode("ascii")
            )
        except InvalidTag:
            raise AttachmentDamaged(sha256) from None

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
        try:
            blob = self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise AttachmentNotFound(sha256) from None
        return self._unseal(sha256, blob)

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

    # -- upgrade --------------------------------------------------------------------------

    def encrypt_plaintext_files(self) -> int:
        """Encrypt in place the files an unencrypted store left (an upgrade from an earlier
        version). A file whose content does not match its name is left for ``doctor``."""
        done = 0
        for sha256 in list(self.iter_all()):
            final = self.path(sha256)
            with open(final, "rb") as handle:
                if handle.read(len(MAGIC)) == MAGIC:
                    continue
            data = final.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                continue
            atomic_write(final, [self._seal(sha256, data)])
            done += 1
        return done


def file_is_encrypted(path: Path | str) -> bool:
    """Whether a blob file starts with the encrypted layout's magic (for doctor and tests)."""
    with open(os.fspath(path), "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC
