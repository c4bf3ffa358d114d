"""Content-addressed attachment store: scanned documents and photos kept as files named by hash.

Why content-addressed: the same passport scan attached twice (re-upload, import, restore) costs
nothing and can never diverge, a database row only needs the 64-character digest, and ``doctor``
can prove a file is intact by re-hashing it.

Why the strict sniffer: the design promises that "a corrupt attachment is refused". A truncated
copy from a USB stick or a half-finished scan is caught here, at the counter, while the CPMI is
still present, instead of months later when a remote system or a printer chokes on it. Only PDF,
JPEG and PNG are accepted; each must start with its real signature *and* carry its end marker, so
a cut-off file does not slip through.

Why the atomic write dance (temp file in the target directory, flush, ``fsync``, ``os.replace``,
directory ``fsync``): killing the process at any instant must never leave a half-written file under
a final name. A crash can only leave a hidden ``.<hash>.<random>.tmp`` file, which every reader
ignores and :meth:`AttachmentStore.cleanup_temp` removes.

The :class:`BlobStore` protocol is the seam for other back ends: a shared PostgreSQL office keeps
blobs in a table, and an encrypted variant (AES-GCM per file, still named by the plaintext hash)
wraps the same layout. Both reuse :func:`inspect_bytes` (validation + hashing), :func:`check_sha256`
(digest validation) and, for files, :func:`blob_relpath` and :func:`atomic_write`.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import secrets
import stat
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MEDIA_JPEG",
    "MEDIA_PDF",
    "MEDIA_PNG",
    "AttachmentNotFound",
    "AttachmentRejected",
    "AttachmentStore",
    "BlobStore",
    "Source",
    "StoredAttachment",
    "atomic_write",
    "blob_relpath",
    "check_sha256",
    "format_size",
    "inspect_bytes",
    "sniff_media_type",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""10 MiB: enough for a multi-page 300 dpi scan, small enough for cheap counter PCs and backups."""

MEDIA_PDF = "application/pdf"
MEDIA_JPEG = "image/jpeg"
MEDIA_PNG = "image/png"

# How much of the file the sniffer looks at. The head holds every signature we check (PNG needs
# 33 bytes: signature + IHDR chunk); the tail window is where a PDF's ``%%EOF`` may sit after
# incremental updates or trailing whitespace written by some generators.
HEAD_BYTES = 64
TAIL_BYTES = 1024

_CHUNK = 1024 * 1024
_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_FANOUT_RE = re.compile(r"[0-9a-f]{2}")
_TEMP_SUFFIX = ".tmp"

_PDF_MAGIC = b"%PDF-"
_PDF_EOF = b"%%EOF"
_JPEG_SOI = b"\xff\xd8\xff"
_JPEG_EOI = b"\xff\xd9"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_IHDR_HEAD = b"\x00\x00\x00\x0dIHDR"
_PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_PNG_MIN_SIZE = len(_PNG_SIGNATURE) + 25 + len(_PNG_IEND)
_PNG_MAX_DIMENSION = 2**31 - 1
_PNG_COLOR_BIT_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}

Source = bytes | bytearray | memoryview | str | os.PathLike[str]
"""Content to store: the bytes themselves, or the path of a file on disk."""

_MSG_UNSUPPORTED = "Berkas bukan PDF, JPEG atau PNG"


class AttachmentRejected(ValueError):
    """An attachment the store refuses; ``reason`` is a stable code, ``message`` is for the officer.

    Reason codes: ``empty``, ``too_large``, ``unsupported_type``, ``corrupt`` (right signature but
    missing end marker or broken header, typically a truncated copy), ``not_a_file`` (a directory or
    device was given) and ``source_changed`` (the file changed while it was being stored).
    The message is Indonesian because it is shown to the officer as is.
    """

    def __init__(
        self,
        reason: str,
        message: str,
        *,
        size: int | None = None,
        limit: int | None = None,
        media_type: str | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.size = size
        self.limit = limit
        self.media_type = media_type


class AttachmentNotFound(KeyError):
    """No blob with this digest exists (a row points at a file that is gone: a case for doctor)."""

    def __init__(self, sha256: str) -> None:
        super().__init__(sha256)
        self.sha256 = sha256

    def __str__(self) -> str:
        return f"Lampiran tidak ditemukan: {self.sha256}"


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    """What a caller records in its row: digest, byte size and sniffed media type."""

    sha256: str
    size: int
    media_type: str


@runtime_checkable
class BlobStore(Protocol):
    """The back-end seam: a file store today, a PostgreSQL table or an encrypted store later.

    Contract every implementation keeps: blobs are named by the SHA-256 of their *plaintext*,
    ``put`` validates with :func:`inspect_bytes` (same rules everywhere) and is idempotent, and
    ``verify`` re-hashes what is stored so ``doctor`` can detect silent corruption.
    """

    def put(self, source: Source) -> StoredAttachment:
        """Validate and store; storing the same content again is a no-op."""
        ...

    def get(self, sha256: str) -> bytes:
        """Return the content; raises :class:`AttachmentNotFound`."""
        ...

    def exists(self, sha256: str) -> bool:
        """Whether a blob with this digest is stored."""
        ...

    def verify(self, sha256: str) -> bool:
        """Re-hash the stored content; ``False`` when missing or corrupt."""
        ...


# --------------------------------------------------------------------------------------------
# Validation (shared by every back end)
# --------------------------------------------------------------------------------------------


def check_sha256(sha256: object) -> str:
    """Return ``sha256`` if it is exactly 64 lowercase hex characters, else raise ``ValueError``.

    Why so strict: the digest becomes a path component, so anything else (``..``, separators,
    uppercase aliases of the same file on case-insensitive Windows) is refused before any
    filesystem call.
    """
    if not isinstance(sha256, str) or _SHA256_RE.fullmatch(sha256) is None:
        raise ValueError(f"Bukan SHA-256 yang sah (64 heksadesimal huruf kecil): {sha256!r}")
    return sha256


def format_size(num_bytes: int) -> str:
    """Human size in Indonesian notation (decimal comma), e.g. ``12,4 MB``; 1 MB = 1024 * 1024."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if num_bytes >= factor:
            value = num_bytes / factor
            if value == int(value):
                return f"{int(value)} {unit}"
            return f"{value:.1f}".replace(".", ",") + f" {unit}"
    return f"{num_bytes} bita"


def _too_large_message(size: int, limit: int) -> str:
    """Name the size and the limit; never show a too-large size that rounds down to the limit."""
    size_text = format_size(size)
    limit_text = format_size(limit)
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            shown = round(size / factor, 1)
            if shown * factor <= limit:
                # "10,0 MB (batas 10 MB)" would read as a contradiction; round up instead.
                shown = math.ceil(size / factor * 10) / 10
                size_text = f"{shown:.1f}".replace(".", ",") + f" {unit}"
            break
    return f"Berkas terlalu besar: {size_text} (batas {limit_text})"


def _check_size(size: int, limit: int) -> None:
    """Refuse empty and oversize content before anything is read or written."""
    if size <= 0:
        raise AttachmentRejected("empty", "Berkas kosong (0 bita)", size=size, limit=limit)
    if size > limit:
        raise AttachmentRejected(
            "too_large", _too_large_message(size, limit), size=size, limit=limit
        )


def _corrupt(media_type: str, detail: str, size: int) -> AttachmentRejected:
    label = {MEDIA_PDF: "PDF", MEDIA_JPEG: "JPEG", MEDIA_PNG: "PNG"}[media_type]
    return AttachmentRejected(
        "corrupt",
        f"Berkas {label} rusak atau tidak lengkap ({detail})",
        size=size,
        media_type=media_type,
    )


def sniff_media_type(head: bytes, tail: bytes, size: int) -> str:
    """Return the media type from the file's first and last bytes, or raise AttachmentRejected.

    ``head`` is the first :data:`HEAD_BYTES` bytes (or the whole file if shorter), ``tail`` the last
    :data:`TAIL_BYTES` (they may overlap for small files), ``size`` the full length. Working from
    head and tail only lets a file on disk be checked without holding it in memory.

    Rules:

    * PDF: starts with ``%PDF-`` and a version digit; ``%%EOF`` within the last 1 KiB (the trailer
      of a complete file; a truncated copy lacks it).
    * JPEG: starts with ``FF D8 FF``; ends with the ``FF D9`` end-of-image marker (trailing NUL
      padding, which some scanners add, is tolerated).
    * PNG: the 8-byte signature, then an IHDR chunk of length 13 with a correct CRC and sane
      fields; ends with the IEND chunk.
    """
    if head.startswith(_PDF_MAGIC):
        if len(head) < 6 or not head[5:6].isdigit():
            raise _corrupt(MEDIA_PDF, "versi PDF tidak dikenali", size)
        if size < len(_PDF_MAGIC) + 1 + len(_PDF_EOF) or _PDF_EOF not in tail:
            raise _corrupt(MEDIA_PDF, "penanda akhir %%EOF tidak ditemukan", size)
        return MEDIA_PDF
    if head.startswith(_JPEG_SOI):
        stripped = tail.rstrip(b"\x00")
        # The EOI must follow the SOI, not overlap it (FF D8 FF D9 is not an image).
        padding = len(tail) - len(stripped)
        if not stripped.endswith(_JPEG_EOI) or size - padding < len(_JPEG_SOI) + 1 + 2:
            raise _corrupt(MEDIA_JPEG, "penanda akhir gambar FF D9 tidak ditemukan", size)
        return MEDIA_JPEG
    if head.startswith(_PNG_SIGNATURE):
        if size < _PNG_MIN_SIZE or len(head) < 33 or head[8:16] != _PNG_IHDR_HEAD:
            raise _corrupt(MEDIA_PNG, "header IHDR tidak ditemukan", size)
        ihdr = head[12:29]
        crc = int.from_bytes(head[29:33], "big")
        if zlib.crc32(ihdr) != crc:
            raise _corrupt(MEDIA_PNG, "CRC header IHDR salah", size)
        width = int.from_bytes(ihdr[4:8], "big")
        height = int.from_bytes(ihdr[8:12], "big")
        bit_depth, color_type = ihdr[12], ihdr[13]
        if not (0 < width <= _PNG_MAX_DIMENSION and 0 < height <= _PNG_MAX_DIMENSION):
            raise _corrupt(MEDIA_PNG, "ukuran gambar tidak sah", size)
        if bit_depth not in _PNG_COLOR_BIT_DEPTHS.get(color_type, ()):
            raise _corrupt(MEDIA_PNG, "jenis warna tidak sah", size)
        if not tail.endswith(_PNG_IEND):
            raise _corrupt(MEDIA_PNG, "penanda akhir IEND tidak ditemukan", size)
        return MEDIA_PNG
    raise AttachmentRejected("unsupported_type", _MSG_UNSUPPORTED, size=size)


def inspect_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> StoredAttachment:
    """Validate in-memory content and compute what would be stored, without storing it.

    Every back end calls this first so the rules (size limit, accepted types) never drift apart.
    """
    size = len(data)
    _check_size(size, max_bytes)
    media_type = sniff_media_type(data[:HEAD_BYTES], data[-TAIL_BYTES:], size)
    return StoredAttachment(hashlib.sha256(data).hexdigest(), size, media_type)


# --------------------------------------------------------------------------------------------
# Durable file primitives (shared by file-based back ends)
# --------------------------------------------------------------------------------------------


def blob_relpath(sha256: str) -> Path:
    """``ab/cd/<sha256>``: two fan-out levels keep directories small (65,536 buckets)."""
    check_sha256(sha256)
    return Path(sha256[:2], sha256[2:4], sha256)


def _fsync_dir(directory: Path) -> None:
    """Make a rename or new entry in ``directory`` durable (POSIX; Windows cannot open dirs)."""
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ensure_dir(directory: Path) -> None:
    """Create ``directory`` and its parents, fsyncing each parent that gained a new entry."""
    if directory.is_dir():
        return
    _ensure_dir(directory.parent)
    try:
        directory.mkdir()
    except FileExistsError:
        if not directory.is_dir():
            raise
        return
    _fsync_dir(directory.parent)


def _temp_name(final_name: str) -> str:
    return f".{final_name}.{secrets.token_hex(8)}{_TEMP_SUFFIX}"


def _is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(_TEMP_SUFFIX)


def atomic_write(final: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``final`` so that a crash leaves either nothing or the whole file.

    The temp file lives in the same directory (a rename is only atomic within one filesystem),
    is fsynced before the rename, and the directory is fsynced after it so the new name survives
    a power cut. On any error the temp file is removed; if the process dies, the hidden temp
    name is ignored by readers and removed by ``cleanup_temp``.
    """
    directory = final.parent
    _ensure_dir(directory)
    temp = directory / _temp_name(final.name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_dir(directory)


# --------------------------------------------------------------------------------------------
# The local file store
# --------------------------------------------------------------------------------------------


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
        _check_size(st.st_size, self.max_bytes)
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
                    _check_size(total, self.max_bytes)
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
        _check_size(size, self.max_bytes)
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
                        _SHA256_RE.fullmatch(name)
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
                    if not _is_temp_name(entry.name):
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
