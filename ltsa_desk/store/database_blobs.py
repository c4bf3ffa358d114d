"""Attachments inside the office database: the BlobStore of a shared office's desks.

Why in the database: a scan attached at the Disnaker desk must open at the immigration desk, and
one database backup (``pg_dump``) must hold the whole office. Files on each desk's disk would
give neither. The rules stay the file store's: content is validated by the same
:func:`~ltsa_desk.store.attachments.inspect_bytes` (size limit, PDF/JPEG/PNG, end markers), blobs
are named by the SHA-256 of their content, storing the same content again is a no-op (``ON
CONFLICT DO NOTHING``, so two desks storing one scan at the same instant both succeed), and
``verify`` re-hashes what the database returns.

Why not encrypted by LTSA Desk: every desk of the office must read every scan, so any key would
have to be handed to every desk; kept in the same database it would protect nothing, and kept
outside it would be one more thing to lose (and with it every scan). A shared office's
PostgreSQL protects all of its rows by its own means -- disk encryption, TLS, roles and
``pg_hba.conf`` (README, "An office with several desks") -- and the scans are rows like the names
and NIKs beside them.

Each ``put`` is its own short transaction, like a file landing on disk before the document row
that names it: a failed service transaction leaves at worst an unreferenced blob, never a row
pointing at nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine, Insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ltsa_desk.store.attachments import (
    DEFAULT_MAX_BYTES,
    AttachmentNotFound,
    AttachmentRejected,
    Source,
    StoredAttachment,
    check_sha256,
    inspect_bytes,
)
from ltsa_desk.store.attachments.file_checks import check_size
from ltsa_desk.store.models import AttachmentBlob, utc_now

_TABLE = AttachmentBlob.__table__  # type: ignore[attr-defined]
_PAGE = 500
_CHUNK = 1024 * 1024


def insert_ignoring_duplicates(engine_or_dialect: Any, rows: list[dict[str, Any]]) -> Insert:
    """``INSERT ... ON CONFLICT DO NOTHING`` of blob rows, in the engine's dialect."""
    name = getattr(getattr(engine_or_dialect, "dialect", engine_or_dialect), "name", "")
    make = pg_insert if name == "postgresql" else sqlite_insert
    return make(_TABLE).values(rows).on_conflict_do_nothing(index_elements=["sha256"])


class DatabaseBlobStore:
    """Content-addressed attachments in the ``attachment_blob`` table; the BlobStore contract."""

    def __init__(self, engine: Engine, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.engine = engine
        self.max_bytes = max_bytes

    # -- writing ----------------------------------------------------------------------------------

    def put(self, source: Source) -> StoredAttachment:
        """Validate and store bytes or a file's content; the same content again is a no-op.

        A file is checked by ``stat`` first (an oversize scan is refused unread), then read once:
        what is hashed is exactly what is sent, so a file changing meanwhile cannot be stored
        under the wrong name.
        """
        if isinstance(source, bytes | bytearray | memoryview):
            data = bytes(source)
        else:
            data = self._read_file(Path(os.fspath(source)))
        info = inspect_bytes(data, self.max_bytes)
        if self.exists(info.sha256):  # a re-attached scan costs a lookup, not 10 MB on the LAN
            return info
        row = {
            "sha256": info.sha256,
            "size": info.size,
            "media_type": info.media_type,
            "content": data,
            "created_at": utc_now(),
        }
        with self.engine.begin() as connection:
            connection.execute(insert_ignoring_duplicates(connection, [row]))
        return info

    def _read_file(self, source: Path) -> bytes:
        st = source.stat()
        if not stat.S_ISREG(st.st_mode):
            raise AttachmentRejected("not_a_file", f"Bukan berkas biasa: {source.name}")
        check_size(st.st_size, self.max_bytes)
        parts: list[bytes] = []
        total = 0
        with open(source, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                total += len(chunk)
                if total > self.max_bytes:  # it grew after stat
                    check_size(total, self.max_bytes)
                parts.append(chunk)
        return b"".join(parts)

    # -- reading ----------------------------------------------------------------------------------

    def get(self, sha256: str) -> bytes:
        """The content; raises :class:`AttachmentNotFound`."""
        check_sha256(sha256)
        with self.engine.connect() as connection:
            content = connection.execute(
                select(_TABLE.c.content).where(_TABLE.c.sha256 == sha256)
            ).scalar_one_or_none()
        if content is None:
            raise AttachmentNotFound(sha256)
        return bytes(content)

    def open(self, sha256: str) -> BinaryIO:
        """The content as a file object (attachments are at most a few MB; held in memory)."""
        return io.BytesIO(self.get(sha256))

    def exists(self, sha256: str) -> bool:
        check_sha256(sha256)
        with self.engine.connect() as connection:
            found = connection.execute(
                select(_TABLE.c.sha256).where(_TABLE.c.sha256 == sha256)
            ).first()
        return found is not None

    def info(self, sha256: str) -> StoredAttachment:
        """Size and media type as recorded at ``put`` (no content transferred)."""
        check_sha256(sha256)
        with self.engine.connect() as connection:
            row = connection.execute(
                select(_TABLE.c.size, _TABLE.c.media_type).where(_TABLE.c.sha256 == sha256)
            ).first()
        if row is None:
            raise AttachmentNotFound(sha256)
        return StoredAttachment(sha256, int(row.size), str(row.media_type))

    def verify(self, sha256: str) -> bool:
        """Re-hash the stored content; False when missing or not matching its name."""
        try:
            data = self.get(sha256)
        except AttachmentNotFound:
            return False
        return hashlib.sha256(data).hexdigest() == sha256

    def iter_all(self) -> Iterator[str]:
        """Every stored digest in sorted order, read a page at a time (no content)."""
        after = ""
        while True:
            with self.engine.connect() as connection:
                page = list(
                    connection.execute(
                        select(_TABLE.c.sha256)
                        .where(_TABLE.c.sha256 > after)
                        .order_by(_TABLE.c.sha256)
                        .limit(_PAGE)
                    ).scalars()
                )
            yield from page
            if len(page) < _PAGE:
                return
            after = page[-1]
