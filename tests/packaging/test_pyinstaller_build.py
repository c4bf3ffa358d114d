"""The PyInstaller spec is complete: the built programs run without the source tree.

Builds ``packaging/ltsa_desk.spec`` with ``packaging/build.py`` into a temporary folder (about
half a minute here, a few minutes on a slow runner), then drives the built programs the way a
technician and the app do: ``--version``; ``init`` and ``doctor`` on a fresh data folder (SQLCipher,
alembic migrations read as files, region table, keyring); the window on Qt's offscreen platform;
the bundled ``ltsa-sim`` started the way training mode starts it, and a ``sync run`` against it.

Slow, but part of the default run (CI can afford it). Skipped only when PyInstaller is missing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging_tools import ROOT, load

import ltsa_desk
from sync.sim import process as sim_process

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

bundle = load("ltsa_bundle")
WINDOWS = os.name == "nt"


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (it comes with `pip install -e .[test]`)")
    out = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--dist-dir",
            str(out / "dist"),
            "--work-dir",
            str(out / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=1700,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, (
        f"build failed ({result.returncode}) after {time.monotonic() - started:.0f} s\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    )
    return out / "dist" / bundle.DIST_NAME


def program(app_dir: Path, which: object) -> Path:
    return app_dir / which.filename(WINDOWS)  # type: ignore[attr-defined]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A technician's shell on headless Linux: file keyring chosen explicitly, own home."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "LTSA_")) and key not in {"VIRTUAL_ENV"}
    }
    environment.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        QT_QPA_PLATFORM="offscreen",
    )
    if WINDOWS:
        # The Windows build carries Credential Manager only; its default data folder is the
        # machine-wide ProgramData one, so point the "default" at a temporary folder.
        environment["LTSA_DATA_DIR"] = str(tmp_path / "xdg-data" / "ltsa-desk")
    else:
        environment["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    return environment


def run(
    exe: Path, *args: str, env: dict[str, str], stdin: str | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=timeout,
        check=False,
        cwd=exe.parent.parent,  # never the repository: nothing may come from the source tree
    )


def explain(result: subprocess.CompletedProcess[str]) -> str:
    return (
        f"{' '.join(map(str, result.args))} -> {result.returncode}\n"
        f"--- stdout ---\n{result.stdout[-3000:]}\n--- stderr ---\n{result.stderr[-5000:]}"
    )


def test_the_folder_holds_the_three_programs(app_dir: Path) -> None:
    for which in bundle.EXECUTABLES:
        exe = program(app_dir, which)
        assert exe.is_file(), exe
        assert os.access(exe, os.X_OK)
    assert (app_dir / bundle.CONTENTS_DIR).is_dir()


def test_version(app_dir: Path, env: dict[str, str]) -> None:
    result = run(program(app_dir, bundle.CLI), "--version", env=env)
    assert result.returncode == 0, explain(result)
    assert result.stdout.strip() == f"ltsa-desk {ltsa_desk.__version__}"


def test_init_then_doctor_on_a_fresh_data_folder(
    app_dir: Path, env: dict[str, str], tmp_path: Path
) -> None:
    cli = program(app_dir, bundle.CLI)
    init = run(cli, "init", "--office-code", "52.03", "--counter-id", "LOTIM-01", env=env)
    assert init.returncode == 0, explain(init)
    assert "KUNCI PEMULIHAN" in init.stdout
    # The platform's default folder, found by the frozen app through platformdirs (Linux).
    data = tmp_path / "xdg-data" / "ltsa-desk"
    assert (data / "config.toml").is_file()
    assert (data / "ltsa.sqlite").is_file()

    doctor = run(cli, "doctor", env=env)
    assert doctor.returncode == 0, explain(doctor)
    report = run(cli, "doctor", "--json", env=env)
    assert report.returncode == 0, explain(report)
    checks = {check["name"]: check for check in json.loads(report.stdout)["checks"]}
    assert all(check["ok"] for check in checks.values()), checks
    assert checks["encryption"]["encrypted"] is True  # SQLCipher made it into the bundle
    assert checks["migrations"]["ok"]  # alembic found env.py and versions/ as files


def test_resources_are_bundled(app_dir: Path) -> None:
    internal = app_dir / bundle.CONTENTS_DIR
    for folder, pattern in bundle.RESOURCE_GLOBS:
        sources = sorted((ROOT / folder).glob(pattern))
        for source in sources:
            assert (internal / folder / source.name).is_file(), f"{folder}/{source.name}"
    assert (internal / "pypdfium2_raw").is_dir()
    assert list((internal / "pycountry" / "locales" / "id").rglob("iso3166-1.mo"))
    assert not (internal / "pycountry" / "locales" / "de").exists()


def test_qt_plugins_present_and_unused_qt_left_out(app_dir: Path) -> None:
    internal = app_dir / bundle.CONTENTS_DIR
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()}

    def has(fragment: str) -> bool:
        return any(fragment in name for name in names)

    for plugin in (
        "plugins/platforms/",
        "plugins/imageformats/",
        "qsvg",
        "plugins/iconengines/",
        "plugins/printsupport/",
    ):
        assert has(plugin), plugin
    forbidden = [
        name
        for name in names
        if bundle.is_unwanted_binary(name)
        or any(f"{module}." in Path(name).name for module in ("QtQml", "QtQuick", "QtWebEngine"))
    ]
    assert not forbidden, forbidden


def test_window_starts_offscreen(app_dir: Path, env: dict[str, str], tmp_path: Path) -> None:
    cli = program(app_dir, bundle.CLI)
    data = tmp_path / "counter"
    init = run(
        cli, "init", "--office-code", "52.03", "--counter-id", "LOTIM-01", "--data-dir", str(data),
        env=env,
    )  # fmt: skip
    assert init.returncode == 0, explain(init)
    log = (tmp_path / "window.log").open("w")
    window = subprocess.Popen(
        [str(program(app_dir, bundle.GUI)), "--data-dir", str(data)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        cwd=app_dir.parent,
    )
    try:
        holder = data / ".ltsa-desk.lock.holder.json"
        deadline = time.monotonic() + 60
        while not holder.exists() and window.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(3)  # past start-up: Qt plugins, translations, the first dialog
        log.flush()
        output = (tmp_path / "window.log").read_text(errors="replace")
        assert window.poll() is None, f"the window exited with {window.returncode}\n{output}"
        assert holder.exists(), output
        assert "Traceback" not in output, output
    finally:
        window.terminate()
        try:
            window.wait(20)
        except subprocess.TimeoutExpired:
            window.kill()
            window.wait(10)
        log.close()


@pytest.fixture
def frozen_sim(app_dir: Path, tmp_path: Path) -> Iterator[sim_process.SimHandle]:
    """The bundled ltsa-sim, started by the same code training mode uses inside the build."""
    with pytest.MonkeyPatch.context() as frozen:
        frozen.setattr(sys, "frozen", True, raising=False)
        frozen.setattr(sys, "executable", str(program(app_dir, bundle.GUI)))
        handle = sim_process.start_sim_process(tmp_path / "sim", token="latihan")
    try:
        yield handle
    finally:
        handle.stop()


def test_bundled_simulator_and_sync_run(
    app_dir: Path, env: dict[str, str], tmp_path: Path, frozen_sim: sim_process.SimHandle
) -> None:
    assert frozen_sim.process is not None
    assert Path(frozen_sim.process.args[0]).name == bundle.SIM.filename(WINDOWS)
    cli = program(app_dir, bundle.CLI)
    data = ["--data-dir", str(tmp_path / "counter")]
    PASSWORD = "kopi-hujan-sepeda-biru"  # noqa: N806
    register = tmp_path / "register.csv"
    register.write_text(
        "nik;nama;tanggal_lahir;jenis_kelamin\n5203011205900001;Ahmad Fauzi;12-05-1990;L\n",
        encoding="utf-8",
    )
    steps = [
        (["init", "--office-code", "52.03", "--counter-id", "LOTIM-01"], None),
        (["config", "set", "registry.url", frozen_sim.registry_url], None),
        (["config", "set", "immigration.url", frozen_sim.immigration_url], None),
        (["credentials", "set", "registry", "--token-stdin"], "latihan\n"),
        (["credentials", "set", "immigration", "--token-stdin"], "latihan\n"),
        # The first admin (free on a new counter), then the register as that admin.
        (["user", "add", "admin1", "--role", "admin", "--password-stdin"], f"{PASSWORD}\n"),
        (["import-register", str(register), "--as", "admin1"], f"{PASSWORD}\n"),
        # What the installer's scheduled task runs (there through the windowed program).
        (["sync", "run", "--until-empty", "--timeout", "60"], None),
    ]
    for args, stdin in steps:
        result = run(cli, *args, *data, env=env, stdin=stdin)
        assert result.returncode == 0, explain(result)
    status = run(cli, "sync", "status", "--json", *data, env=env)
    assert status.returncode == 0, explain(status)
    assert json.loads(status.stdout)  # one JSON object
    # The imported CPMI reached the registry: httpx, the engine and the keyring work frozen.
    registry = frozen_sim.stats()["registry"]
    assert registry["applied"] == 1, registry
    assert registry["unauthorized"] == 0
