"""Which files an attachment may be: PDF, JPEG or PNG, whole, and not too large.

Why the strict sniffer: the design promises that "a corrupt attachment is refused". A truncated
copy from a USB stick or a half-finished scan is caught here, at the counter, while the CPMI is
still present, instead of months later when a remote system or a printer chokes on it. Each type
must start with its real signature *and* carry its end marker, so a cut-off file does not slip
through. Every back end validates through :func:`inspect_bytes`, so the rules never drift apart.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib

from ltsa_desk.store.attachments.blob_store import AttachmentRejected, StoredAttachment

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

SHA256_RE = re.compile(r"[0-9a-f]{64}")


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


_MSG_UNSUPPORTED = "Berkas bukan PDF, JPEG atau PNG"


def check_sha256(sha256: object) -> str:
    """Return ``sha256`` if it is exactly 64 lowercase hex characters, else raise ``ValueError``.

    Why so strict: the digest becomes a path component, so anything else (``..``, separators,
    uppercase aliases of the same file on case-insensitive Windows) is refused before any
    filesystem call.
    """
    if not isinstance(sha256, str) or SHA256_RE.fullmatch(sha256) is None:
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


def check_size(size: int, limit: int) -> None:
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
    check_size(size, max_bytes)
    media_type = sniff_media_type(data[:HEAD_BYTES], data[-TAIL_BYTES:], size)
    return StoredAttachment(hashlib.sha256(data).hexdigest(), size, media_type)
