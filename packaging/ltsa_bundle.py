"""What goes into the PyInstaller bundle of LTSA Desk, in one place.

The spec (``ltsa_desk.spec``), the build script (``build.py``), the installer script check
(``tests/packaging``) and the Windows workflow all need the same facts: the executables' names, the
data folders to carry, the Qt modules to leave out. Keeping them here (plain data and small pure
functions, importable without PyInstaller) means a renamed exe or a new resource folder is changed
once, and the tests read the very lists the build uses.

This folder deliberately has no ``__init__.py``: a regular package named ``packaging`` at the
repository root (which is first on ``sys.path`` in the tests) would shadow the PyPA ``packaging``
library that pip, pytest and PyInstaller import. Scripts put this folder itself on ``sys.path``.
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (this file is ``packaging/ltsa_bundle.py``)."""

DIST_NAME = "ltsa-desk"
"""The onedir folder under ``dist/`` (and the installer's source folder)."""

CONTENTS_DIR = "_internal"
"""PyInstaller's folder beside the executables holding libraries and data (``sys._MEIPASS``)."""


@dataclass(frozen=True)
class Executable:
    """One program in the onedir folder. All share one Python archive and one ``_internal``."""

    name: str
    """File name without ``.exe``; the launcher picks the entry point from it."""
    console: bool
    """False only for the counter window: a console would flash behind it on Windows."""
    description: str
    """Windows version resource ``FileDescription`` (shown in Task Manager)."""

    def filename(self, windows: bool) -> str:
        return f"{self.name}.exe" if windows else self.name


GUI = Executable("LTSA Desk", console=False, description="LTSA Desk")
CLI = Executable("ltsa-desk-cli", console=True, description="LTSA Desk - perintah teknisi")
SIM = Executable("ltsa-sim", console=True, description="LTSA Desk - simulator latihan")
EXECUTABLES: tuple[Executable, ...] = (GUI, CLI, SIM)

# Resource folders carried as data, relative to the repository root, with the file patterns kept.
# Their place inside the bundle is the same relative path under sys._MEIPASS, which is where
# regions_dir(), templates_dir(), icons_dir() and i18n_dir() look when frozen.
RESOURCE_GLOBS: tuple[tuple[str, str], ...] = (
    ("resources/regions", "*.csv"),
    ("resources/regions", "*.md"),  # LICENSE-ODbL.md and SOURCES.md must travel with the data
    ("resources/i18n", "*.qm"),
    ("resources/templates", "*"),
    ("resources/icons", "*.svg"),
    # Alembic reads the migration scripts as files (ScriptDirectory walks versions/ and runs
    # env.py), so they are data, at the path store/database/revisions.py derives from its own
    # __file__.
    ("ltsa_desk/store/migrations", "env.py"),
    ("ltsa_desk/store/migrations", "script.py.mako"),
    ("ltsa_desk/store/migrations/versions", "*.py"),
)

# Qt modules the app never imports. PyInstaller's Qt hooks only collect what is imported, but a
# stray import in a dependency (or a plugin's link-time dependency) would otherwise drag in tens of
# megabytes; listing them makes the bundle's shape explicit and a test checks they stay out.
EXCLUDED_QT_MODULES: tuple[str, ...] = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
    "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf",
    "QtPdfWidgets", "QtPositioning", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest",
    "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
    "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
)  # fmt: skip

# Python packages that are in the environment (test tools, build tools) but never in the app.
EXCLUDED_PYTHON: tuple[str, ...] = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "ruff", "IPython",
    "PyInstaller", "pip", "setuptools", "wheel", "numpy", "matplotlib", "PIL",
)  # fmt: skip

# Qt shared libraries that must never be in the bundle (matched on the file name, any platform).
_EXCLUDED_QT_LIB = re.compile(
    r"(?i)^(lib)?qt6(web|quick|qml|3d|multimedia|pdf|charts|datavis|graphs|designer|location"
    r"|positioning|sensors|serial|bluetooth|nfc|remoteobjects|scxml|spatialaudio|statemachine"
    r"|texttospeech|virtualkeyboard|labs|shadertools|lottie)"
)

# Other single files: Qt's software OpenGL (20 MB, only for Qt Quick/OpenGL, which the widgets
# app does not use) and plugins that link the excluded modules above (the virtual keyboard needs
# Qt Quick, the PDF image format needs Qt Pdf): shipped without their libraries they would only
# fail to load.
_EXCLUDED_FILES = re.compile(
    r"(?i)^(opengl32sw\.dll|(lib)?qtvirtualkeyboardplugin\.\w+|(lib)?qpdf\.\w+)$"
)

# Qt plugin folders the app has no use for (QML tooling, multimedia back-ends, SQL drivers ...).
_EXCLUDED_QT_PLUGIN_DIRS = frozenset(
    {
        "qmltooling", "qmllint", "multimedia", "sqldrivers", "position", "sensors", "webview",
        "sceneparsers", "renderers", "geometryloaders", "renderplugins", "3dinputdevices",
        "texttospeech", "canbus", "designer", "virtualkeyboard", "vectorimageformats",
    }
)  # fmt: skip

QT_TRANSLATIONS_KEPT: tuple[str, ...] = ("id", "en")
"""Qt's own ``qt*_<lang>.qm`` files kept (the app speaks Indonesian and English only)."""

PYCOUNTRY_LOCALES_KEPT: tuple[str, ...] = ("id",)
"""pycountry ships 22 MB of translations; countries.py reads only the Indonesian names."""


def hidden_imports(platform: str) -> list[str]:
    """Modules PyInstaller cannot see by reading import statements.

    Why each: the launcher picks ``ltsa_desk.cli`` or ``sync.sim.cli`` at run time; SQLAlchemy
    loads dialects by URL name; alembic imports dialect implementations and runs env.py from a
    file; keyring finds its backends through entry points; psycopg loads its binary
    implementation dynamically; uvicorn picks loops and protocols by name. The file keyring
    backend (keyrings.alt) is carried only outside Windows, for headless Linux where a
    technician selects it explicitly through PYTHON_KEYRING_BACKEND; the Windows build uses
    Credential Manager only.
    """
    from PyInstaller.utils.hooks import collect_submodules

    def keep(name: str) -> bool:
        # Migration scripts are data run by alembic (env.py only works under alembic's context).
        return not name.startswith("ltsa_desk.store.migrations")

    modules: list[str] = [
        *collect_submodules("ltsa_desk", filter=keep),
        *collect_submodules("sync"),
        *collect_submodules("alembic.ddl"),
        "alembic.runtime.migration",
        "alembic.script",
        "alembic.op",
        "sqlalchemy.dialects.sqlite",
        "sqlalchemy.dialects.postgresql",
        "sqlalchemy.dialects.postgresql.psycopg",
        "sqlmodel",
        # psycopg_binary refuses to be imported before psycopg, so collect_submodules cannot
        # walk it: name its two extension modules.
        "psycopg_binary",
        "psycopg_binary.pq",
        "psycopg_binary._psycopg",
        *collect_submodules("keyring.backends"),
        *collect_submodules("uvicorn"),
        "PySide6.QtSvg",  # the imageformats/iconengines SVG plugins link against it
        "PySide6.QtPrintSupport",
    ]
    if platform == "win32":
        modules += ["keyring.backends.Windows", *collect_submodules("win32ctypes")]
    else:
        modules += [*collect_submodules("keyrings.alt")]
    return sorted(set(modules))


def excludes() -> list[str]:
    """Module names for ``Analysis(excludes=...)``."""
    return [*(f"PySide6.{name}" for name in EXCLUDED_QT_MODULES), *EXCLUDED_PYTHON]


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source file, destination folder)`` pairs for ``Analysis(datas=...)``.

    Files, not folders, so a stray ``__pycache__`` or editor backup never ships. Raises
    ``FileNotFoundError`` for a pattern that matches nothing: a missing resource must fail the
    build, not the counter PC.
    """
    pairs: list[tuple[str, str]] = []
    for folder, pattern in RESOURCE_GLOBS:
        matches = sorted(p for p in (root / folder).glob(pattern) if p.is_file())
        if not matches:
            raise FileNotFoundError(f"no {pattern} in {root / folder}: the bundle would be broken")
        pairs.extend((str(path), folder) for path in matches)
    return pairs


def is_windows_system_binary(source: str, windir: str | None) -> bool:
    """True for a DLL that PyInstaller found under the Windows folder (System32, WinSxS ...).

    Why: such DLLs belong to the Windows version they came from; shipping the build machine's
    copy to an old Windows 10 counter PC can shadow the PC's own and break in odd ways.
    PyInstaller already skips most of them; this is the belt to its braces.
    """
    if not windir:
        return False
    try:
        src = PureWindowsPath(source)
        base = PureWindowsPath(windir)
    except (TypeError, ValueError):
        return False
    parts = [p.lower() for p in src.parts]
    base_parts = [p.lower() for p in base.parts]
    return len(parts) > len(base_parts) and parts[: len(base_parts)] == base_parts


def is_unwanted_binary(dest: str) -> bool:
    """True for a collected binary of a Qt module or plugin family the app does not use."""
    path = Path(dest.replace("\\", "/"))
    if _EXCLUDED_QT_LIB.match(path.name) or _EXCLUDED_FILES.match(path.name):
        return True
    parts = path.parts
    if "plugins" in parts:
        index = parts.index("plugins")
        if index + 1 < len(parts) and parts[index + 1] in _EXCLUDED_QT_PLUGIN_DIRS:
            return True
    return False


def is_unwanted_data(dest: str) -> bool:
    """True for collected data the app never reads: other languages of Qt and pycountry."""
    path = Path(dest.replace("\\", "/"))
    parts = path.parts
    if "translations" in parts and path.suffix == ".qm" and "PySide6" in parts:
        match = re.search(r"_([a-z]{2,3})(_[A-Za-z]{2})?\.qm$", path.name)
        return match is None or match.group(1) not in QT_TRANSLATIONS_KEPT
    if "pycountry" in parts and "locales" in parts:
        index = parts.index("locales")
        return index + 1 < len(parts) and parts[index + 1] not in PYCOUNTRY_LOCALES_KEPT
    return False


def filter_toc(
    entries: Iterable[tuple[str, str, str]], *, windir: str | None
) -> list[tuple[str, str, str]]:
    """Drop Windows-folder DLLs, unused Qt pieces and unused translations from a PyInstaller TOC
    (``(dest name, source path, type)`` entries, as in ``a.binaries`` and ``a.datas``)."""
    kept: list[tuple[str, str, str]] = []
    for entry in entries:
        dest, source, _kind = entry
        if source and is_windows_system_binary(source, windir):
            continue
        if is_unwanted_binary(dest) or is_unwanted_data(dest):
            continue
        kept.append(entry)
    return kept


def package_version(root: Path = ROOT) -> str:
    """``ltsa_desk.__version__`` read from the source (no import: the build may run elsewhere)."""
    text = (root / "ltsa_desk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if match is None:
        raise ValueError("ltsa_desk/__init__.py has no __version__")
    return match.group(1)


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Four numbers for Windows version resources and Inno's VersionInfoVersion (``0.1.0rc1`` ->
    ``(0, 1, 0, 0)``): Windows only accepts digits there."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    while len(numbers) < 4:
        numbers.append(0)
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_iss(version: str) -> str:
    """The text of ``packaging/version.iss``, included by installer.iss (one version source)."""
    dotted = ".".join(str(n) for n in numeric_version(version))
    return (
        "; Written by packaging/build.py from ltsa_desk.__version__; do not edit or commit.\n"
        f'#define AppVersion "{version}"\n'
        f'#define AppVersionNumeric "{dotted}"\n'
    )


def windows_version_info(exe: Executable, version: str) -> object:
    """A PyInstaller ``VSVersionInfo`` so Windows shows the product and version in file
    properties and Task Manager (technicians check it when answering the helpdesk)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = numeric_version(version)
    filename = exe.filename(windows=True)
    strings = [
        vi.StringStruct("CompanyName", "LTSA Desk"),
        vi.StringStruct("FileDescription", exe.description),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", exe.name),
        vi.StringStruct("OriginalFilename", filename),
        vi.StringStruct("ProductName", "LTSA Desk"),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )


def write_ico(pngs: Sequence[tuple[int, bytes]], target: Path) -> None:
    """Write a Windows ``.ico`` holding PNG images (``(size, png bytes)``, size <= 256).

    Why by hand: Qt's ICO writer stores one image per file, and Windows picks the size it
    needs (16 px in the title bar, 32/48 on the desktop, 256 in Explorer) from a multi-image
    icon. PNG entries inside ICO are supported since Windows Vista.
    """
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    directory = b""
    blobs = b""
    for size, data in pngs:
        if not 0 < size <= 256:
            raise ValueError(f"icon size {size} out of range")
        edge = 0 if size == 256 else size  # 0 means 256 in the ICO directory
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(header + directory + blobs)


def windir() -> str | None:
    """The Windows folder of this build machine, or None elsewhere."""
    if os.name != "nt":
        return None
    return os.environ.get("SYSTEMROOT") or os.environ.get("WINDIR")
