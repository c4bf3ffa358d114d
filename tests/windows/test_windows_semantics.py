"""What Windows does differently from Linux, on LTSA Desk's own code paths.

Run in the Windows lane (packaging/windows/wine_check.py, Windows CPython under wine); on Linux
the Windows-only ones skip with that reason. The counter lives under a profile folder with a
space and a typographic apostrophe (``C:\\Users\\Baiq Nur’aini\\...``), as on an office PC.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from wintools import (
    LANE_ONLY,
    NIK_FEMALE,
    NIK_MALE,
    WINDOWS,
    env_for,
    register_csv,
    run,
    user_home,
)

windows_only = pytest.mark.skipif(not WINDOWS, reason=LANE_ONLY)


@pytest.fixture
def counter(tmp_path: Path) -> tuple[Path, Path]:
    """An initialised counter with two CPMI imported from Excel's CSV (BOM, `;`, CRLF)."""
    home = user_home(tmp_path)
    data = home / "AppData" / "Local" / "LTSA Desk"
    result, _ = run(home, "init", "--office-code", "52.03", "--counter-id", "LOTIM-01",
                    data_dir=data)
    assert result.code == 0, str(result)
    (home / "Documents").mkdir()
    source = register_csv(home / "Documents" / "register kantor.csv", [
        [NIK_MALE, "Budi Santoso", "Selong", "12-05-1990", "L", "", "Kawin", "Malaysia", "", ""],
        [NIK_FEMALE, "Baiq Nur’aini", "Masbagik", "12-05-1995", "P", "", "", "Taiwan", "", ""],
    ])
    result, raw = run(home, "import-register", source, "--json", data_dir=data)
    assert result.code == 0, str(result)
    assert json.loads(raw)["imported"] == 2, str(result)
    return home, data


def _niks(home: Path, data: Path) -> list[str]:
    """The NIKs `applicant list` shows for the counter."""
    result, raw = run(home, "applicant", "list", "--json", data_dir=data)
    assert result.code == 0, str(result)
    text = json.dumps(json.loads(raw))
    return sorted(nik for nik in (NIK_MALE, NIK_FEMALE) if nik in text)


def test_counter_life_in_a_profile_path_with_space_and_apostrophe(
    counter: tuple[Path, Path],
) -> None:
    home, data = counter
    assert _niks(home, data) == [NIK_MALE, NIK_FEMALE]
    result, _ = run(home, "backup", "--out", home / "Documents" / "Cadangan LTSA", data_dir=data)
    assert result.code == 0, str(result)
    (archive,) = (home / "Documents" / "Cadangan LTSA").glob("*.zip")
    result, _ = run(home, "restore", "--yes", archive, data_dir=data)
    assert result.code == 0, str(result)
    assert _niks(home, data) == [NIK_MALE, NIK_FEMALE]


def test_rejects_file_has_crlf_line_ends_and_no_doubled_cr(counter: tuple[Path, Path]) -> None:
    """csv on Windows doubles CR (CR CR LF) unless the file is opened with newline=''."""
    home, data = counter
    source = register_csv(home / "Documents" / "salah.csv", [
        ["9903011205900001", "Salah Provinsi", "", "12-05-1990", "L", "", "", "", "", ""],
    ])
    rejects = home / "Documents" / "ditolak.csv"
    result, _ = run(home, "import-register", source, "--rejects", rejects, data_dir=data)
    assert result.code == 0, str(result)
    content = rejects.read_bytes()
    assert b"\r\r\n" not in content, content
    assert content.count(b"\r\n") == 2, content  # header and the one rejected row


@windows_only
def test_restore_refuses_cleanly_while_another_program_has_the_database_open(
    counter: tuple[Path, Path],
) -> None:
    """Windows cannot rename a file another program holds open (a database browser, an antivirus
    scan): restore must say so and leave the counter as it was, not die half-way."""
    home, data = counter
    result, _ = run(home, "backup", "--out", home / "Documents", data_dir=data)
    assert result.code == 0, str(result)
    (archive,) = (home / "Documents").glob("*.zip")
    with (data / "ltsa.sqlite").open("rb"):
        result, _ = run(home, "restore", "--yes", archive, data_dir=data)
    assert result.code != 0, str(result)
    assert "Traceback" not in result.stderr, str(result)
    assert "ltsa.sqlite" in result.stderr, str(result)
    assert _niks(home, data) == [NIK_MALE, NIK_FEMALE]
    assert not list(data.glob("replaced-*")), "a failed restore leaves no half-moved folder"


HOLDER = """
import sys, time
from ltsa_desk.store.lock import DataFolderLock
lock = DataFolderLock(sys.argv[1]).acquire()
print("held", lock._mutex.name if lock._mutex else "no-mutex", flush=True)
time.sleep(600)
"""


@windows_only
def test_named_mutex_and_folder_lock_of_a_running_app_and_of_a_killed_one(tmp_path: Path) -> None:
    """The installer's AppMutex sees a running LTSA Desk; a killed one leaves no lock behind."""
    import ctypes

    from ltsa_desk.store.lock import GLOBAL_APP_MUTEX, DataFolderBusy, DataFolderLock

    data = user_home(tmp_path) / "AppData" / "Local" / "LTSA Desk"
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    synchronize = 0x00100000
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env_for(tmp_path),
    )
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.split()[:2] == ["held", GLOBAL_APP_MUTEX], (line, child.stderr.read())
        handle = kernel32.OpenMutexW(synchronize, False, GLOBAL_APP_MUTEX)
        assert handle, f"OpenMutexW failed: {ctypes.get_last_error()}"  # type: ignore[attr-defined]
        kernel32.CloseHandle(handle)
        with pytest.raises(DataFolderBusy):
            DataFolderLock(data, windows_mutex=False).acquire(timeout=0)
    finally:
        child.kill()  # TerminateProcess: no clean-up code of the holder runs
        child.wait(timeout=60)
    with DataFolderLock(data, windows_mutex=False):
        pass
