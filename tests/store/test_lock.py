"""Data folder lock: real OS locks, real child processes, a real kill -9."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ltsa_desk.store import lock as lock_module
from ltsa_desk.store.lock import (
    APP_MUTEX_NAME,
    GLOBAL_APP_MUTEX,
    HOLDER_FILENAME,
    INSTALLER_APP_MUTEX,
    LOCAL_APP_MUTEX,
    LOCK_FILENAME,
    DataFolderBusy,
    DataFolderLock,
    HolderInfo,
    is_held,
    read_holder,
)

REPO_ROOT = Path(__file__).resolve().parents[2]

HOLDER_CHILD = """
import sys
from ltsa_desk.store.lock import DataFolderLock

lock = DataFolderLock(sys.argv[1]).acquire()
print("ready", flush=True)
sys.stdin.readline()  # hold until the parent says so (or kills us)
lock.release()
print("released", flush=True)
"""


class Child:
    """A separate Python process that holds the lock until told to stop or killed."""

    def __init__(self, data_dir: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER_CHILD, str(data_dir)],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.expect("ready")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def expect(self, word: str, timeout: float = 30) -> None:
        assert self.proc.stdout is not None
        box: list[str] = []
        reader = threading.Thread(target=lambda: box.append(self.proc.stdout.readline()))
        reader.start()
        reader.join(timeout)
        if not box or box[0].strip() != word:
            self.proc.kill()
            _, err = self.proc.communicate()
            pytest.fail(f"child did not say {word!r}: {box!r}\n{err}")

    def let_go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def kill_hard(self) -> None:
        self.proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no cleanup runs
        self.proc.wait(timeout=30)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate(timeout=30)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def child_factory(data_dir: Path) -> Iterator[type[Child]]:
    children: list[Child] = []

    class Tracked(Child):
        def __init__(self, folder: Path = data_dir) -> None:
            super().__init__(folder)
            children.append(self)

    yield Tracked
    for child in children:
        child.close()


# ---------------------------------------------------------------------------------------------
# In one process
# ---------------------------------------------------------------------------------------------


def test_acquire_writes_holder_and_release_removes_it(data_dir: Path) -> None:
    lock = DataFolderLock(data_dir)
    assert not lock.is_locked

    lock.acquire()
    try:
        assert lock.is_locked
        assert (data_dir / LOCK_FILENAME).exists()
        holder = read_holder(data_dir)
        assert holder is not None
        assert holder.pid == os.getpid()
        assert holder.host
        assert holder.started_at is not None and holder.started_at.tzinfo is not None
        assert holder == lock.holder
        assert is_held(data_dir) == holder
    finally:
        lock.release()

    assert not lock.is_locked
    assert not (data_dir / HOLDER_FILENAME).exists()
    assert is_held(data_dir) is None
    lock.release()  # idempotent


def test_context_manager_and_reacquire(data_dir: Path) -> None:
    with DataFolderLock(data_dir) as lock:
        assert lock.is_locked
        assert lock.acquire() is lock  # no-op while held
    assert not lock.is_locked
    with DataFolderLock(data_dir):
        assert is_held(data_dir) is not None
    assert is_held(data_dir) is None


def test_second_lock_in_same_process_is_refused(data_dir: Path) -> None:
    with DataFolderLock(data_dir), pytest.raises(DataFolderBusy) as excinfo:
        DataFolderLock(data_dir).acquire()
    err = excinfo.value
    assert err.holder.pid == os.getpid()
    assert f"LTSA Desk sudah berjalan untuk folder data ini (pid {os.getpid()}" in str(err)
    assert "LTSA Desk is already running for this data folder" in str(err)
    assert str(data_dir) in err.message_en
    assert isinstance(err, RuntimeError)


def test_different_folders_are_independent(tmp_path: Path) -> None:
    with DataFolderLock(tmp_path / "one"), DataFolderLock(tmp_path / "training"):
        assert is_held(tmp_path / "one") is not None
        assert is_held(tmp_path / "training") is not None


def test_is_held_creates_nothing(tmp_path: Path) -> None:
    assert is_held(tmp_path / "missing") is None
    assert not (tmp_path / "missing").exists()
    assert is_held(tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_unreadable_side_file_still_gives_a_clear_message(
    data_dir: Path, child_factory: type[Child]
) -> None:
    child = child_factory()
    (data_dir / HOLDER_FILENAME).write_text("{not json", encoding="utf-8")

    assert is_held(data_dir) == HolderInfo.unknown()
    with pytest.raises(DataFolderBusy) as excinfo:
        DataFolderLock(data_dir).acquire()
    assert "(pid tidak diketahui)" in excinfo.value.message_id
    assert "(pid unknown)" in excinfo.value.message_en
    child.kill_hard()


def test_holder_info_parsing_is_lenient() -> None:
    assert HolderInfo.from_json('{"pid": true, "host": 3, "started_at": "yesterday"}') == (
        HolderInfo.unknown()
    )
    info = HolderInfo.from_json(
        json.dumps({"pid": 1234, "host": "LOKET-1", "started_at": "2024-05-01T01:15:00+00:00"})
    )
    assert info.pid == 1234 and info.host == "LOKET-1"
    assert "pid 1234 di LOKET-1, sejak 2024-05-01" in info.describe_id()
    assert HolderInfo.from_json(info.to_json()) == info
    with pytest.raises(ValueError):
        HolderInfo.from_json("[1, 2]")


# ---------------------------------------------------------------------------------------------
# Across processes
# ---------------------------------------------------------------------------------------------


def test_child_holds_parent_sees_it_then_kill_9_frees_it(
    data_dir: Path, child_factory: type[Child]
) -> None:
    child = child_factory()

    holder = is_held(data_dir)
    assert holder is not None and holder.pid == child.pid
    with pytest.raises(DataFolderBusy) as excinfo:
        DataFolderLock(data_dir).acquire()
    assert f"LTSA Desk sudah berjalan untuk folder data ini (pid {child.pid}" in str(excinfo.value)

    started = time.monotonic()
    with pytest.raises(DataFolderBusy):
        DataFolderLock(data_dir).acquire(timeout=0.3)
    assert time.monotonic() - started >= 0.25  # it really waited

    child.kill_hard()

    # The OS dropped the lock; the dead child's side file is still there but decides nothing.
    assert read_holder(data_dir) is not None and read_holder(data_dir).pid == child.pid
    assert is_held(data_dir) is None
    with DataFolderLock(data_dir) as lock:
        assert lock.holder is not None
        assert read_holder(data_dir) == lock.holder
        assert is_held(data_dir) == lock.holder


def test_waiting_acquire_succeeds_when_holder_exits_cleanly(
    data_dir: Path, child_factory: type[Child]
) -> None:
    child = child_factory()
    child.let_go()

    with DataFolderLock(data_dir).acquire(timeout=30) as lock:
        assert lock.is_locked
    child.expect("released")


def test_parent_holds_child_is_refused(data_dir: Path) -> None:
    with DataFolderLock(data_dir):
        result = subprocess.run(
            [sys.executable, "-c", HOLDER_CHILD, str(data_dir)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert "DataFolderBusy" in result.stderr
    assert f"(pid {os.getpid()}" in result.stderr


# ---------------------------------------------------------------------------------------------
# Windows named mutex (logic tested with a fake kernel32)
# ---------------------------------------------------------------------------------------------


def test_mutex_names_match_the_installer() -> None:
    assert APP_MUTEX_NAME == "LTSADeskRunning"
    assert GLOBAL_APP_MUTEX == "Global\\LTSADeskRunning"
    assert LOCAL_APP_MUTEX == "Local\\LTSADeskRunning"
    assert INSTALLER_APP_MUTEX == "LTSADeskRunning,Global\\LTSADeskRunning"


class FakeKernel32:
    def __init__(self, refuse: set[str]) -> None:
        self.refuse = refuse
        self.created: list[str] = []
        self.closed: list[int] = []

    def create(self, name: str) -> int:
        self.created.append(name)
        return 0 if name in self.refuse else 100 + len(self.created)

    def close(self, handle: int) -> bool:
        self.closed.append(handle)
        return True


def test_mutex_prefers_global() -> None:
    fake = FakeKernel32(refuse=set())
    mutex = lock_module._AppMutex.create((fake.create, fake.close))
    assert mutex is not None and mutex.name == GLOBAL_APP_MUTEX
    mutex.close()
    assert fake.closed == [mutex.handle]


def test_mutex_falls_back_to_local() -> None:
    fake = FakeKernel32(refuse={GLOBAL_APP_MUTEX})
    mutex = lock_module._AppMutex.create((fake.create, fake.close))
    assert mutex is not None and mutex.name == LOCAL_APP_MUTEX
    assert fake.created == [GLOBAL_APP_MUTEX, LOCAL_APP_MUTEX]


def test_mutex_failure_is_not_fatal() -> None:
    fake = FakeKernel32(refuse={GLOBAL_APP_MUTEX, LOCAL_APP_MUTEX})
    assert lock_module._AppMutex.create((fake.create, fake.close)) is None


@pytest.mark.skipif(sys.platform != "win32", reason="real named mutex needs Windows")
def test_real_mutex_exists_while_held(data_dir: Path) -> None:  # pragma: no cover
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    synchronize = 0x00100000
    with DataFolderLock(data_dir) as lock:
        assert lock._mutex is not None
        handle = kernel32.OpenMutexW(synchronize, False, lock._mutex.name)
        assert handle
        kernel32.CloseHandle(handle)
