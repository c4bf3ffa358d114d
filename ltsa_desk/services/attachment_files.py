"""The attachment files as the window sees them: read one, name its type and size, say why not.

Why a service of its own: the window must not reach the store (the import-linter contract "the
window reaches neither the store nor the sync engine's internals"), yet the preview pane and the
scan inbox need the store's rules to show a scan before it is attached. Going through here keeps
those rules in one place, so the preview refuses exactly what attaching refuses, with the same
Indonesian sentence, and sizes read the same on every screen.
"""

from __future__ import annotations

from typing import Any

from ltsa_desk.services.documents import attachment_store
from ltsa_desk.store.attachments import (
    HEAD_BYTES,
    MEDIA_JPEG,
    MEDIA_PDF,
    MEDIA_PNG,
    TAIL_BYTES,
    AttachmentRejected,
    format_size,
    sniff_media_type,
)

__all__ = [
    "MEDIA_JPEG",
    "MEDIA_PDF",
    "MEDIA_PNG",
    "AttachmentRejected",
    "format_size",
    "media_type_of",
    "read_stored",
]


def media_type_of(data: bytes) -> str:
    """The media type of a whole file held in memory, by the store's strict sniffer.

    Raises :class:`AttachmentRejected` (its ``message`` is for the officer as is) for a file the
    store would refuse: not a PDF, JPEG or PNG, or a truncated copy.
    """
    return sniff_media_type(data[:HEAD_BYTES], data[-TAIL_BYTES:], len(data))


def read_stored(workspace: Any, sha256: str) -> bytes:
    """The bytes of an attached document, from the workspace's (possibly encrypted) store."""
    return attachment_store(workspace).get(sha256)
