"""One running LTSA Desk per data folder.

Why: two processes on one SQLite file and one outbox would race each other's sync workers and
``restore`` or an upgrade under a running app would pull the database from under it. So the GUI
holds :class:`DataFolderLock` for its whole life and the verbs that must not run beside it
(``restore``, migrations, upgrades) take the same lock themselves, failing with
:class:`DataFolderBusy` while the app runs.

Why an OS-level lock (``filelock``: ``flock`` on POSIX, ``LockFileEx`` on Windows) and not a pid
file: the operating system drops the lock when the process dies, even by ``kill -9``, a crash or a
power cut, so there is never a stale lock for a technician to delete by hand. The pid/host/start
time of the holder go into a separate side file purely to make the refusal message helpful; the
side file is never used to decide whether the folder is locked.

On Windows the app also creates the named mutex :data:`APP_MUTEX_NAME` (``Global\\`` first,
``Local\\`` if that is refused). The Inno Setup installer's ``AppMutex`` directive names it
(:data:`INSTALLER_APP_MUTEX`) so setup and uninstall refuse while any LTSA Desk is running.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from filelock import FileLock, Timeout

from ltsa_desk import __version__

__all__ = [
    "APP_MUTEX_NAME",
    "GLOBAL_APP_MUTEX",
    "HOLDER_FILENAME",
    "INSTALLER_APP_MUTEX",
    "LOCAL_APP_MUTEX",
    "LOCK_FILENAME",
    "DataFolderBusy",
    "DataFolderLock",
    "HolderInfo",
    "is_held",
    "read_holder",
]

log = logging.getLogger(__name__)

LOCK_FILENAME = ".ltsa-desk.lock"
"""The OS-locked file inside the data folder."""

HOLDER_FILENAME = ".ltsa-desk.lock.holder.json"
"""Side file describing the current holder (pid, host, start time); informational only."""

APP_MUTEX_NAME = "LTSADeskRunning"
"""Base name of the Windows named mutex that tells the installer the app is running."""

GLOBAL_APP_MUTEX = "Global\\" + APP_MUTEX_NAME
LOCAL_APP_MUTEX = "Local\\" + APP_MUTEX_NAME

INSTALLER_APP_MUTEX = f"{APP_MUTEX_NAME},{GLOBAL_APP_MUTEX}"
"""The value for ``AppMutex=`` in installer.iss: the session-local name (same object as
``Local\\...``) and the global one, so an app running in any session blocks setup."""


@dataclass(frozen=True, slots=True)
class HolderInfo:
    """Who holds a data folder. Fields are ``None`` when the side file is missing or unreadable
    (e.g. the holder is an older version, or it is between taking the lock and writing it)."""

    pid: int | None
    host: str | None
    started_at: datetime | None
    version: str | None = None

    def describe_id(self) -> str:
        """Indonesian detail for messages, e.g. ``pid 1234 di LOKET-1, sejak 2024-05-01 08:15``."""
        parts = [f"pid {self.pid}" if self.pid is not None else "pid tidak diketahui"]
        if self.host:
            parts[0] += f" di {self.host}"
        if self.started_at is not None:
            parts.append(f"sejak {self.started_at.astimezone():%Y-%m-%d %H:%M}")
        return ", ".join(parts)

    def describe_en(self) -> str:
        """English detail for messages and logs."""
        parts = [f"pid {self.pid}" if self.pid is not None else "pid unknown"]
        if self.host:
            parts[0] += f" on {self.host}"
        if self.started_at is not None:
            parts.append(f"since {self.started_at.astimezone():%Y-%m-%d %H:%M}")
        return ", ".join(parts)

    def to_json(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "host": self.host,
                "started_at": self.started_at.isoformat() if self.started_at else None,
                "version": self.version,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> HolderInfo:
        """Parse a side file leniently: a damaged side file must not break the refusal path."""
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("holder file is not an object")
        pid = raw.get("pid")
        host = raw.get("host")
        started = raw.get("started_at")
        version = raw.get("version")
        started_at: datetime | None = None
        if isinstance(started, str):
            with contextlib.suppress(ValueError):
                started_at = datetime.fromisoformat(started)
        return cls(
            pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
            host=host if isinstance(host, str) else None,
            started_at=started_at,
            version=version if isinstance(version, str) else None,
        )

    @classmethod
    def unknown(cls) -> HolderInfo:
        return cls(pid=None, host=None, started_at=None)


class DataFolderBusy(RuntimeError):
    """Another LTSA Desk process holds this data folder.

    ``str()`` gives the Indonesian line (for the officer) then the English one (for logs and the
    technician); both are also available as ``message_id`` and ``message_en``.
    """

    def __init__(self, data_dir: Path, holder: HolderInfo) -> None:
        self.data_dir = data_dir
        self.holder = holder
        self.message_id = (
            f"LTSA Desk sudah berjalan untuk folder data ini ({holder.describe_id()}). "
            "Tutup aplikasi itu terlebih dahulu."
        )
        self.message_en = (
            f"LTSA Desk is already running for this data folder ({holder.describe_en()}): "
            f"{data_dir}. Close it first."
        )
        super().__init__(f"{self.message_id}\n{self.message_en}")


def _key(data_dir: Path) -> Path:
    return Path(os.path.abspath(data_dir))


# Locks this process holds, by folder: ``is_held`` answers for them without probing the OS lock.
_HELD: dict[Path, DataFolderLock] = {}


class DataFolderLock:
    """Exclusive hold on a data folder for the life of the app (or of a ``restore``).

    Use as a context manager, or call :meth:`acquire` at start-up and :meth:`release` at exit
    (the OS releases it anyway if the process dies). Not reentrant across instances: a second
    ``DataFolderLock`` on the same folder, even in the same process, is refused.
    """

    def __init__(self, data_dir: Path | str, *, windows_mutex: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.lock_path = self.data_dir / LOCK_FILENAME
        self.holder_path = self.data_dir / HOLDER_FILENAME
        self._windows_mutex = windows_mutex
        self._file_lock: FileLock | None = None
        self._mutex: _AppMutex | None = None
        self.holder: HolderInfo | None = None

    @property
    def is_locked(self) -> bool:
        """Whether this instance currently holds the folder."""
        return self._file_lock is not None

    def acquire(self, timeout: float = 0) -> Self:
        """Take the folder or raise :class:`DataFolderBusy`; waits up to ``timeout`` seconds.

        Calling it again on an instance that already holds the folder is a no-op.
        """
        if self._file_lock is not None:
            return self
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # thread_local=False: the lock is taken on the GUI thread but may be released from an
        # atexit hook or another thread. fallback_to_soft=False: a filesystem without flock must
        # fail loudly rather than silently degrade to a marker file a crash would leave behind.
        file_lock = FileLock(
            self.lock_path, thread_local=False, fallback_to_soft=False, is_singleton=False
        )
        try:
            file_lock.acquire(timeout=max(0.0, timeout), poll_interval=0.05)
        except Timeout:
            holder = read_holder(self.data_dir) or HolderInfo.unknown()
            raise DataFolderBusy(self.data_dir, holder) from None
        self._file_lock = file_lock
        try:
            self.holder = HolderInfo(
                pid=os.getpid(),
                host=socket.gethostname(),
                started_at=datetime.now(UTC),
                version=__version__,
            )
            self._write_holder(self.holder)
            if self._windows_mutex and sys.platform == "win32":  # pragma: no cover - Windows only
                self._mutex = _AppMutex.create(_win32_create_mutex())
        except BaseException:
            self.release()
            raise
        _HELD[_key(self.data_dir)] = self
        return self

    def release(self) -> None:
        """Give the folder up. Idempotent. The side file goes first, while still locked, so a
        new holder's side file is never deleted by the old one."""
        file_lock, self._file_lock = self._file_lock, None
        if file_lock is None:
            return
        _HELD.pop(_key(self.data_dir), None)
        mutex, self._mutex = self._mutex, None
        if mutex is not None:
            mutex.close()
        with contextlib.suppress(OSError):
            self.holder_path.unlink()
        self.holder = None
        file_lock.release(force=True)

    def _write_holder(self, info: HolderInfo) -> None:
        """Write the side file atomically so a reader never sees half a JSON document."""
        temp = self.holder_path.with_name(f"{self.holder_path.name}.{os.getpid()}.tmp")
        try:
            temp.write_text(info.to_json(), encoding="utf-8")
            os.replace(temp, self.holder_path)
        except OSError:
            # Informational only: a read-only or odd filesystem must not stop the app.
            log.warning("could not write lock holder file %s", self.holder_path, exc_info=True)
            with contextlib.suppress(OSError):
                temp.unlink()

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def read_holder(data_dir: Path | str) -> HolderInfo | None:
    """The side file's content, or ``None`` if absent or unreadable. Says nothing about whether
    the folder is actually locked (a killed holder leaves its side file behind); use
    :func:`is_held` for that."""
    try:
        text = (Path(data_dir) / HOLDER_FILENAME).read_text(encoding="utf-8")
        return HolderInfo.from_json(text)
    except (OSError, ValueError):
        return None


def is_held(data_dir: Path | str) -> HolderInfo | None:
    """Who holds ``data_dir`` right now, or ``None`` if nobody does.

    For messages and status ("the app is running since 08:15"). A verb that must not run
    beside the app should not check-then-act on this answer; it should hold
    :class:`DataFolderLock` for its whole run, which both checks and keeps others out.

    The probe briefly takes the OS lock when it is free, so an app starting at that very
    instant with ``timeout=0`` may be refused; the app passes a small timeout to ride it out.
    """
    data_dir = Path(data_dir)
    own = _HELD.get(_key(data_dir))
    if own is not None and own.is_locked:
        return own.holder or HolderInfo.unknown()
    lock_path = data_dir / LOCK_FILENAME
    if not lock_path.exists():
        # Holders create the file before locking it; no file means no holder (and the probe
        # must not create files in a folder that may not even be a data folder).
        return None
    probe = FileLock(lock_path, thread_local=False, fallback_to_soft=False, is_singleton=False)
    try:
        probe.acquire(timeout=0)
    except Timeout:
        return read_holder(data_dir) or HolderInfo.unknown()
    probe.release(force=True)
    return None


# --------------------------------------------------------------------------------------------
# Windows named mutex (for the installer's AppMutex)
# --------------------------------------------------------------------------------------------

CreateMutex = Callable[[str], int]
"""``name -> handle`` (0 on failure); injectable so the fallback logic is testable anywhere."""


@dataclass(slots=True)
class _AppMutex:
    handle: int
    name: str
    close_handle: Callable[[int], object]

    @classmethod
    def create(cls, api: tuple[CreateMutex, Callable[[int], object]]) -> _AppMutex | None:
        """Open or create the mutex, ``Global\\`` first then ``Local\\``.

        ``Global\\`` can be refused (access denied when another user's session created it
        with a stricter ACL, or by policy on terminal servers); ``Local\\`` still lets setup
        in this session see the app. Failure of both is logged, not fatal: the mutex only
        serves the installer, the data folder lock is what protects the data. An existing
        mutex (another LTSA Desk on another folder) is fine: we only need it to exist.
        """
        create_mutex, close_handle = api
        for name in (GLOBAL_APP_MUTEX, LOCAL_APP_MUTEX):
            handle = create_mutex(name)
            if handle:
                return cls(handle, name, close_handle)
            log.info("CreateMutexW(%s) failed; trying the next namespace", name)
        log.warning(
            "could not create the %s mutex; the installer cannot see the app", APP_MUTEX_NAME
        )
        return None

    def close(self) -> None:
        self.close_handle(self.handle)


def _win32_create_mutex() -> tuple[CreateMutex, Callable[[int], object]]:  # pragma: no cover
    """Bind ``CreateMutexW``/``CloseHandle`` from kernel32 with explicit prototypes (a 64-bit
    HANDLE must not be truncated to a C int)."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateMutexW.argtypes = [wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR]
    kernel32.CreateMutexW.restype = wintypes.HANDLE
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    kernel32.CloseHandle.restype = wintypes.BOOL

    def create(name: str) -> int:
        # bInitialOwner=False: AppMutex only checks that the name exists; owning it would tie
        # it to this thread for no benefit.
        return kernel32.CreateMutexW(None, False, name) or 0

    return create, kernel32.CloseHandle
