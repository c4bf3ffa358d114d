"""Build the LTSA Desk program folder with PyInstaller: ``python packaging/build.py``.

Steps, each one because a later step needs it:

1. ``packaging/version.iss`` gets ``#define AppVersion`` from ``ltsa_desk.__version__``, so the
   installer's version has the same single source as the package (installer.iss includes it).
2. ``build/ltsa-desk.ico`` is drawn from ``resources/icons/app.svg`` (Windows wants a
   multi-size .ico for the programs, the installer and the Start-menu shortcut).
3. PyInstaller runs ``packaging/ltsa_desk.spec`` into ``dist/ltsa-desk``.
4. The built ``ltsa-desk-cli --version`` must answer with the package's version: a bundle that
   cannot even start fails here, on the build machine, not on a counter PC.

Run it with the interpreter of the environment that has LTSA Desk and PyInstaller installed
(``.venv``); on Windows the same command produces the folder that installer.iss packs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:  # imported rather than run
    sys.path.append(str(Path(__file__).resolve().parent))
import ltsa_bundle as bundle

ROOT = bundle.ROOT
SPEC = ROOT / "packaging" / "ltsa_desk.spec"
VERSION_ISS = ROOT / "packaging" / "version.iss"
ICON_SVG = ROOT / "resources" / "icons" / "app.svg"
ICON_ICO = ROOT / "build" / "ltsa-desk.ico"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def write_version_iss(target: Path = VERSION_ISS) -> str:
    """Write the installer's version include; return the version."""
    version = bundle.package_version()
    target.write_text(bundle.version_iss(version), encoding="utf-8")
    return version


def render_icon(svg: Path = ICON_SVG, target: Path = ICON_ICO) -> None:
    """Draw the SVG at each icon size with Qt (already a dependency) and pack them as .ico."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"cannot read {svg}")
    images: list[tuple[int, bytes]] = []
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        images.append((size, bytes(data.data())))
    bundle.write_ico(images, target)


def run_pyinstaller(dist_dir: Path, work_dir: Path, *, clean: bool) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist_dir),
        "--workpath",
        str(work_dir),
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    subprocess.run(command, check=True, cwd=ROOT)


def smoke_test(app_dir: Path, version: str) -> None:
    """The built CLI must start and report the package's version."""
    cli = app_dir / bundle.CLI.filename(windows=os.name == "nt")
    result = subprocess.run(
        [str(cli), "--version"], capture_output=True, text=True, timeout=120, check=False
    )
    expected = f"ltsa-desk {version}"
    if result.returncode != 0 or result.stdout.strip() != expected:
        raise SystemExit(
            f"smoke test failed: {cli} --version exited {result.returncode}, "
            f"printed {result.stdout!r} (expected {expected!r})\n{result.stderr[-3000:]}"
        )


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/ltsa-desk with PyInstaller.")
    parser.add_argument("--dist-dir", type=Path, default=ROOT / "dist")
    parser.add_argument("--work-dir", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-smoke", action="store_true", help="skip the --version check")
    args = parser.parse_args(argv)

    started = time.monotonic()
    version = write_version_iss()
    try:
        render_icon()
    except Exception as exc:  # the icon is cosmetic on Linux; Windows must have it
        if os.name == "nt":
            raise
        print(f"build: no icon ({exc}); continuing", file=sys.stderr)
    app_dir = args.dist_dir / bundle.DIST_NAME
    if app_dir.exists():
        shutil.rmtree(app_dir)
    run_pyinstaller(args.dist_dir, args.work_dir, clean=args.clean)
    if not args.no_smoke:
        smoke_test(app_dir, version)
    size_mb = folder_size(app_dir) / 1_000_000
    elapsed = time.monotonic() - started
    print(f"build: {app_dir} ({size_mb:.0f} MB), version {version}, {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
