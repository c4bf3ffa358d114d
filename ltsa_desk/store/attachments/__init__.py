"""Content-addressed attachment store: scanned documents and photos kept as files named by hash.

Why content-addressed: the same passport scan attached twice (re-upload, import, restore) costs
nothing and can never diverge, a database row only needs the 64-character digest, and ``doctor``
can prove a file is intact by re-hashing it.

The :class:`BlobStore` protocol is the seam for other back ends: a shared PostgreSQL office keeps
blobs in a table, and an encrypted variant (AES-GCM per file, still named by the plaintext hash)
wraps the same layout. Both reuse :func:`inspect_bytes` (validation + hashing), :func:`check_sha256`
(digest validation) and, for files, :func:`blob_relpath` and :func:`atomic_write`.

One module per job: ``blob_store`` (the contract and its errors), ``file_checks`` (accepted types,
the size limit, sniffing), ``durable_files`` (crash-safe writes) and ``local_store`` (the files on
the counter's disk). The names the rest of the code uses are re-exported here.
"""

from __future__ import annotations

from ltsa_desk.store.attachments.blob_store import (
    AttachmentNotFound,
    AttachmentRejected,
    BlobStore,
    Source,
    StoredAttachment,
)
from ltsa_desk.store.attachments.durable_files import atomic_write, blob_relpath
from ltsa_desk.store.attachments.file_checks import (
    DEFAULT_MAX_BYTES,
    HEAD_BYTES,
    MEDIA_JPEG,
    MEDIA_PDF,
    MEDIA_PNG,
    TAIL_BYTES,
    check_sha256,
    format_size,
    inspect_bytes,
    sniff_media_type,
)
from ltsa_desk.store.attachments.local_store import AttachmentStore

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HEAD_BYTES",
    "MEDIA_JPEG",
    "MEDIA_PDF",
    "MEDIA_PNG",
    "TAIL_BYTES",
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
