"""Attachments as files on the counter's disk, named by their SHA-256.

Thread-safe and safe across processes without locks: every write goes through
:func:`atomic_write` and lands with an atomic rename of identical content.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ltsa_desk.store.attachments.blob_store import (
    AttachmentNotFound,
    AttachmentRejected,
    Source,
    StoredAttachment,
)
from ltsa_desk.store.attachments.durable_files import atomic_write, blob_relpath, is_temp_name
from ltsa_desk.store.attachments.file_checks import (
    DEFAULT_MAX_BYTES,
    HEAD_BYTES,
    SHA256_RE,
    TAIL_BYTES,
    check_size,
    inspect_bytes,
    sniff_media_type,
)

_CHUNK = 1024 * 1024

_FANOUT_RE = re.compile(r"[0-9a-f]{2}")


class AttachmentStore:
    """Attachments as files under ``root`` (normally ``<data dir>/attachments``), named by SHA-256.

    Thread-safe and safe across processes without locks: every write goes to a private temp file
    and lands with an atomic rename of identical content, so concurrent ``put`` calls of the same
    bytes simply both succeed.
    """

    def __init__(self, root: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.root = Path(root)
        self.max_bytes = max_bytes

    # -- writing --------------------------------------------------------------------------

    def put(self, source: Source) -> StoredAttachment:
        """Validate and store content given as bytes or as a path to a file on disk.

        A path is checked by ``stat`` first (an oversize file is refused without being read) and
        then streamed in chunks, so a large file is never held in memory. Storing content that is
        already present is a no-op. Raises :class:`AttachmentRejected` for refused content.
        """
        if isinstance(source, bytes | bytearray | memoryview):
            return self._put_bytes(bytes(source))
        return self._put_path(Path(os.fspath(source)))

    def _put_bytes(self, data: bytes) -> StoredAttachment:
        info = inspect_bytes(data, self.max_bytes)
        final = self.path(info.sha256)
        if not self._already_stored(final, info.size):
            self._land(final, info.size, [data])
        return info

    def _put_path(self, source: Path) -> StoredAttachment:
        st = source.stat()
        if not stat.S_ISREG(st.st_mode):
            raise AttachmentRejected("not_a_file", f"Bukan berkas biasa: {source.name}")
        check_size(st.st_size, self.max_bytes)
        # Pass 1: hash and sniff without writing anything, so a refused or duplicate file costs
        # no disk writes. Pass 2 copies while re-hashing; a mismatch means the file changed.
        info = self._scan(source)
        final = self.path(info.sha256)
        if self._already_stored(final, info.size):
            return info
        hasher = hashlib.sha256()
        copied = 0

        def chunks() -> Iterator[bytes]:
            nonlocal copied
            for chunk in self._read_chunks(source):
                hasher.update(chunk)
                copied += len(chunk)
                yield chunk
            if copied != info.size or hasher.hexdigest() != info.sha256:
                raise AttachmentRejected(
                    "source_changed",
                    f"Berkas berubah saat disimpan, coba lagi: {source.name}",
                    size=copied,
                )

        self._land(final, info.size, chunks())
        return info

    def _read_chunks(self, source: Path) -> Iterator[bytes]:
        """Stream ``source``; stop as soon as it grows past the limit (it may change after stat)."""
        total = 0
        with open(source, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                total += len(chunk)
                if total > self.max_bytes:
                    check_size(total, self.max_bytes)
                yield chunk

    def _scan(self, source: Path) -> StoredAttachment:
        hasher = hashlib.sha256()
        head = b""
        tail = b""
        size = 0
        for chunk in self._read_chunks(source):
            if len(head) < HEAD_BYTES:
                head += chunk[: HEAD_BYTES - len(head)]
            tail = (tail + chunk)[-TAIL_BYTES:]
            hasher.update(chunk)
            size += len(chunk)
        check_size(size, self.max_bytes)
        media_type = sniff_media_type(head, tail, size)
        return StoredAttachment(hasher.hexdigest(), size, media_type)

    @staticmethod
    def _already_stored(final: Path, size: int) -> bool:
        """Dedupe check. A same-named file of the wrong size (disk damage) is rewritten."""
        try:
            return final.stat().st_size == size
        except FileNotFoundError:
            return False

    def _land(self, final: Path, size: int, chunks: Iterable[bytes]) -> None:
        try:
            atomic_write(final, chunks)
        except PermissionError:
            # Windows refuses to replace a file another thread has open for reading. If a
            # concurrent put already landed the same content, there is nothing left to do.
            if not self._already_stored(final, size):
                raise

    # -- reading --------------------------------------------------------------------------

    def path(self, sha256: str) -> Path:
        """Where the blob lives (whether or not it exists). Validates the digest first."""
        return self.root / blob_relpath(sha256)

    def exists(self, sha256: str) -> bool:
        """Whether a blob with this digest is stored."""
        return self.path(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        """Open the blob for reading (caller closes); raises :class:`AttachmentNotFound`."""
        try:
            return open(self.path(sha256), "rb")
        except FileNotFoundError:
            raise AttachmentNotFound(sha256) from None

    def get(self, sha256: str) -> bytes:
        """Return the whole blob (at most ``max_bytes`` at the time it was stored)."""
        with self.open(sha256) as handle:
            return handle.read()

    def info(self, sha256: str) -> StoredAttachment:
        """Size and media type of a stored blob, from its head and tail (no full read)."""
        with self.open(sha256) as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(HEAD_BYTES)
            handle.seek(max(0, size - TAIL_BYTES))
            tail = handle.read(TAIL_BYTES)
        return StoredAttachment(sha256, size, sniff_media_type(head, tail, size))

    def verify(self, sha256: str) -> bool:
        """Re-hash the stored file; ``False`` if it is missing or its content no longer matches.

        Used by ``doctor``: bit rot or a tampered file shows up as a digest mismatch.
        """
        hasher = hashlib.sha256()
        try:
            with self.open(sha256) as handle:
                while chunk := handle.read(_CHUNK):
                    hasher.update(chunk)
        except AttachmentNotFound:
            return False
        return hasher.hexdigest() == sha256

    def iter_all(self) -> Iterator[str]:
        """Yield every stored digest in sorted order; temp files and stray names are skipped."""
        yield from self._stored_names(SHA256_RE)

    def _stored_names(self, pattern: re.Pattern[str]) -> Iterator[str]:
        """File names matching ``pattern`` under their own ``ab/cd/`` buckets, sorted."""
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if not (first.is_dir() and _is_hex_prefix(first.name)):
                continue
            for second in sorted(first.iterdir()):
                if not (second.is_dir() and _is_hex_prefix(second.name)):
                    continue
                for entry in sorted(second.iterdir()):
                    name = entry.name
                    if (
                        pattern.fullmatch(name)
                        and name[:2] == first.name
                        and name[2:4] == second.name
                        and entry.is_file()
                    ):
                        yield name

    # -- maintenance ----------------------------------------------------------------------

    def cleanup_temp(self, min_age: float = 60.0) -> list[Path]:
        """Remove temp files left by a crash and return what was removed.

        ``min_age`` (seconds, by modification time) spares temp files a concurrent ``put`` may
        still be writing; pass ``0`` when nothing else uses the store (e.g. under the data
        folder lock at start-up, or in ``doctor``).
        """
        removed: list[Path] = []
        if not self.root.is_dir():
            return removed
        cutoff = time.time() - min_age
        for first in self.root.iterdir():
            if not (first.is_dir() and _is_hex_prefix(first.name)):
                continue
            for second in first.iterdir():
                if not (second.is_dir() and _is_hex_prefix(second.name)):
                    continue
                for entry in second.iterdir():
                    if not is_temp_name(entry.name):
                        continue
                    try:
                        if entry.stat().st_mtime <= cutoff and entry.is_file():
                            entry.unlink()
                            removed.append(entry)
                    except FileNotFoundError:
                        continue
        return removed


def _is_hex_prefix(name: str) -> bool:
    return _FANOUT_RE.fullmatch(name) is not None
