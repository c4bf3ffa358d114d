"""Writing a file so that a crash leaves either nothing or the whole file, under its hash's path.

Why the atomic write dance (temp file in the target directory, flush, ``fsync``, ``os.replace``,
directory ``fsync``): killing the process at any instant must never leave a half-written file under
a final name. A crash can only leave a hidden ``.<hash>.<random>.tmp`` file, which every reader
ignores and :meth:`AttachmentStore.cleanup_temp` removes. Shared by the file-based back ends (and
used for other files that must never be half-written).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path

from ltsa_desk.store.attachments.file_checks import check_sha256

_TEMP_SUFFIX = ".tmp"


def blob_relpath(sha256: str) -> Path:
    """``ab/cd/<sha256>``: two fan-out levels keep directories small (65,536 buckets)."""
    check_sha256(sha256)
    return fanout_relpath(sha256)


def fanout_relpath(name: str) -> Path:
    """``ab/cd/<name>`` for any validated hex file name (a digest, or a keyed name)."""
    return Path(name[:2], name[2:4], name)


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


def durable_rename(source: Path, final: Path) -> None:
    """Move ``source`` to ``final`` (same filesystem) so that a crash leaves one of the two names.

    ``os.replace`` is atomic; the target directory is created first and both directories are
    fsynced after, so the new name survives a power cut and the old one does not come back.
    """
    _ensure_dir(final.parent)
    os.replace(source, final)
    _fsync_dir(final.parent)
    if source.parent != final.parent:
        _fsync_dir(source.parent)


def _temp_name(final_name: str) -> str:
    return f".{final_name}.{secrets.token_hex(8)}{_TEMP_SUFFIX}"


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is a temp file left by :func:`atomic_write` (hidden, ``.tmp``)."""
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
