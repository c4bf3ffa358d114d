"""The pieces of the build that can be checked without building: what goes in, what stays out,
which program runs what, and how the frozen app finds its simulator."""

from __future__ import annotations

import os
import re
import struct
import sys
from pathlib import Path

import pytest
from packaging_tools import ROOT, load

import ltsa_desk
from sync.sim import process as sim_process

bundle = load("ltsa_bundle")
launcher = load("launcher")


def test_version_comes_from_the_package() -> None:
    assert bundle.package_version() == ltsa_desk.__version__
    text = bundle.version_iss(ltsa_desk.__version__)
    assert f'#define AppVersion "{ltsa_desk.__version__}"' in text
    assert '#define AppVersionNumeric "' in text


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc3", (2, 0, 1, 0)),
        ("3.4.5+g1", (3, 4, 5, 0)),
    ],
)
def test_numeric_version_for_windows_resources(version: str, numbers: tuple[int, ...]) -> None:
    assert bundle.numeric_version(version) == numbers


def test_every_resource_pattern_matches_files() -> None:
    pairs = bundle.resource_datas()
    destinations = {dest for _src, dest in pairs}
    assert {
        "resources/regions",
        "resources/i18n",
        "resources/templates",
        "resources/icons",
        "ltsa_desk/store/migrations",
        "ltsa_desk/store/migrations/versions",
    } <= destinations
    names = {Path(src).name for src, _dest in pairs}
    assert {"env.py", "script.py.mako", "LICENSE-ODbL.md", "SOURCES.md", "regencies.csv"} <= names
    assert {"ltsa_desk_en.qm", "ltsa_desk_id.qm", "app.svg"} <= names
    # Every migration script travels (alembic finds revisions by listing the folder).
    versions = sorted((ROOT / "ltsa_desk/store/migrations/versions").glob("*.py"))
    assert {p.name for p in versions} <= names
    assert not any("__pycache__" in src for src, _dest in pairs)


def test_a_missing_resource_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="bundle would be broken"):
        bundle.resource_datas(tmp_path)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"C:\Windows\System32\MSVCP140.dll", True),
        (r"c:\windows\WinSxS\amd64_x\comctl32.dll", True),
        (r"C:\hostedtoolcache\Python\3.11\x64\python311.dll", False),
        (r"C:\Windows Kits\10\ucrtbase.dll", False),  # a different folder that starts alike
        ("/usr/lib/x86_64-linux-gnu/libssl.so.3", False),
    ],
)
def test_windows_folder_dlls_are_recognised(source: str, expected: bool) -> None:
    assert bundle.is_windows_system_binary(source, r"C:\Windows") is expected


def test_nothing_is_a_windows_dll_off_windows() -> None:
    assert not bundle.is_windows_system_binary(r"C:\Windows\System32\x.dll", None)


def test_filter_drops_unused_qt_and_translations_and_windows_dlls() -> None:
    toc = [
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/x/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Qml.so.6", "/x/libQt6Qml.so.6", "BINARY"),
        ("PySide6/Qt6WebEngineCore.dll", r"C:\py\Qt6WebEngineCore.dll", "BINARY"),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", "/x/libqsvg.so", "BINARY"),
        ("PySide6/plugins/qmltooling/qmldbg.dll", r"C:\py\qmldbg.dll", "BINARY"),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "/x/c.so", "BINARY"),
        ("MSVCP140.dll", r"C:\Windows\System32\MSVCP140.dll", "BINARY"),
        ("PySide6/msvcp140.dll", r"C:\py\PySide6\msvcp140.dll", "BINARY"),
        ("PySide6/opengl32sw.dll", r"C:\py\PySide6\opengl32sw.dll", "BINARY"),
        ("PySide6/Qt6Lottie.dll", r"C:\py\PySide6\Qt6Lottie.dll", "BINARY"),
        ("PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll", "x", "BINARY"),
        ("PySide6/plugins/imageformats/qpdf.dll", r"C:\py\qpdf.dll", "BINARY"),
        ("PySide6/plugins/vectorimageformats/qlottievectorimage.dll", "x", "BINARY"),
        ("PySide6/plugins/platforms/qwindows.dll", r"C:\py\qwindows.dll", "BINARY"),
        ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
        ("PySide6/translations/qtbase_en.qm", "/x/qtbase_en.qm", "DATA"),
        ("pycountry/locales/de/LC_MESSAGES/iso3166-1.mo", "/x/de.mo", "DATA"),
        ("pycountry/locales/id/LC_MESSAGES/iso3166-1.mo", "/x/id.mo", "DATA"),
        ("pycountry/databases/iso3166-1.json", "/x/iso3166-1.json", "DATA"),
    ]
    kept = {dest for dest, _src, _kind in bundle.filter_toc(toc, windir=r"C:\Windows")}
    assert kept == {
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/msvcp140.dll",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/translations/qtbase_en.qm",
        "pycountry/locales/id/LC_MESSAGES/iso3166-1.mo",
        "pycountry/databases/iso3166-1.json",
    }


EXCLUDED = set(bundle.EXCLUDED_QT_MODULES)


def test_the_app_imports_no_excluded_qt_module() -> None:
    """An excluded module that the code imports would crash the built program at run time."""
    used: set[str] = set()
    pattern = re.compile(r"PySide6\.(Qt\w+)|from PySide6 import \(?([\w\s,]+)")
    for path in [*(ROOT / "ltsa_desk").rglob("*.py"), *(ROOT / "sync").rglob("*.py")]:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            names = [match.group(1)] if match.group(1) else re.findall(r"Qt\w+", match.group(2))
            used.update(f"{path.relative_to(ROOT)}: {n}" for n in names if n in EXCLUDED)
    assert not used


def test_ico_holds_every_size(tmp_path: Path) -> None:
    target = tmp_path / "x.ico"
    bundle.write_ico([(16, b"\x89PNG-a"), (256, b"\x89PNG-bb")], target)
    data = target.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, 2)
    first = struct.unpack_from("<BBBBHHII", data, 6)
    second = struct.unpack_from("<BBBBHHII", data, 22)
    assert first[0] == 16 and second[0] == 0  # 0 means 256
    assert data[first[7] : first[7] + first[6]] == b"\x89PNG-a"
    assert data[second[7] : second[7] + second[6]] == b"\x89PNG-bb"


@pytest.mark.parametrize(
    ("executable", "kind"),
    [
        ("/opt/ltsa-desk/ltsa-sim", "sim"),
        (r"C:\Program Files\LTSA Desk\LTSA-SIM.EXE", "sim"),
        (r"C:\Program Files\LTSA Desk\ltsa-desk-cli.exe", "cli"),
        ("/opt/ltsa-desk/ltsa-desk-cli", "cli"),
        (r"C:\Program Files\LTSA Desk\LTSA Desk.exe", "gui"),
        ("/opt/ltsa-desk/LTSA Desk", "gui"),
    ],
)
def test_launcher_picks_the_entry_by_program_name(executable: str, kind: str) -> None:
    assert launcher.choose(executable) == kind


def test_launcher_names_match_the_spec() -> None:
    assert bundle.SIM.name == launcher.SIM_NAME
    assert bundle.CLI.name == launcher.CLI_NAME
    assert launcher.choose(bundle.GUI.filename(windows=True)) == "gui"
    assert [p.console for p in bundle.EXECUTABLES] == [False, True, True]


@pytest.mark.parametrize(
    ("args", "verb"),
    [
        ([], None),
        (["--data-dir", "D:\\x"], None),
        (["--data-dir", "sync", "gui"], "gui"),
        (["sync", "run", "--until-empty"], "sync"),
        (["--data-dir=D", "doctor"], "doctor"),
        (["--version"], None),
    ],
)
def test_launcher_finds_the_verb(args: list[str], verb: str | None) -> None:
    assert launcher.verb_of(args) == verb


def test_windowed_verbs_get_null_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    launcher._ensure_std_streams()
    try:
        print("no console, no crash")
        sys.stderr.write("still fine\n")
    finally:
        sys.stdout.close()
        sys.stderr.close()


def test_simulator_command_from_source_uses_this_interpreter() -> None:
    assert sim_process.sim_program() == [sys.executable, "-m", "sync.sim"]


def test_frozen_app_starts_its_sibling_ltsa_sim(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path("/opt/ltsa-desk") if os.name != "nt" else Path(r"C:\Program Files\LTSA Desk")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / bundle.GUI.filename(os.name == "nt")))
    expected = folder / bundle.SIM.filename(os.name == "nt")
    assert sim_process.sim_program() == [str(expected)]
