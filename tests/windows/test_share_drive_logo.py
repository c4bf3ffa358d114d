"""A drive letter mapped to a share is a network path too (issue 17, finding 6: the office logo).

Windows signs in to a share's host with the account's password hash as soon as a file on it is
opened, whether it is named ``\\\\host\\share\\logo.png`` or ``M:\\logo.png`` after ``net use M:
\\\\host\\share``. The setting is checked at every reading, so a drive mapped after the logo was
chosen is refused too. The Windows lane maps ``M:`` as a share (packaging/windows/wine_check.py);
on another Windows PC the test uses whatever share drive it finds.
"""

from __future__ import annotations

import ctypes
import os
import string
from pathlib import Path

import pytest

from ltsa_desk.counter.config import Config, ConfigError
from ltsa_desk.counter.config_values import DRIVE_REMOTE, on_network_drive

pytestmark = pytest.mark.skipif(os.name != "nt", reason="drive letters are Windows'")


def _drive_types() -> dict[str, int]:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    letters = [c for i, c in enumerate(string.ascii_uppercase) if mask >> i & 1]
    return {c: kernel32.GetDriveTypeW(f"{c}:\\") for c in letters}


def _share_drive() -> str:
    shares = [c for c, kind in _drive_types().items() if kind == DRIVE_REMOTE]
    if not shares:
        if os.environ.get("LTSA_WINE_LANE"):
            pytest.fail("the Windows lane maps M: as a share (wine_check.map_share_drive)")
        pytest.skip("no drive letter mapped to a share on this PC")
    return shares[0]


def test_a_logo_on_a_share_drive_is_refused(tmp_path: Path) -> None:
    drive = _share_drive()
    logo = f"{drive}:\\logo.png"
    assert on_network_drive(logo)
    with pytest.raises(ConfigError, match="jaringan"):
        Config(tmp_path).set("office.logo", logo)


def test_a_logo_on_a_local_drive_is_fine(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    assert _drive_types()[str(logo)[0].upper()] != DRIVE_REMOTE
    logo.write_bytes(b"")
    assert not on_network_drive(str(logo))
    assert Config(tmp_path).set("office.logo", str(logo)) == str(logo)
