"""The seam every attachment back end keeps: what it stores, returns and refuses.

A file store today, a PostgreSQL table in a shared office, an encrypted file store: the services
see only this contract, so the back end is chosen when the counter opens.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

Source = bytes | bytearray | memoryview | str | os.PathLike[str]
"""Content to store: the bytes themselves, or the path of a file on disk."""


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
