"""The installer's promises, checked under wine: the Linux twin of windows_install_check.ps1.

Called by wine_check.py's ``install`` step with the compiled setup.exe. In a fresh wine prefix (a
clean "counter PC"), as a technician would:

1. silent install with ``/OFFICE=52.03 /COUNTER=LOTIM-01``: the program in Program Files, the
   configuration and the pending recovery key in ``C:\\ProgramData\\LTSA Desk``;
2. the installed ``ltsa-desk-cli.exe`` through a counter's life: ``--version`` (its cold start is
   measured), ``doctor``, the first admin (``user add``), then as that admin (``--as`` and the
   password on stdin) ``import-register`` of 200 rows (Excel's CSV: BOM, ``;``, CRLF), the
   destinations and their tokens (Windows Credential Manager through keyring's WinVaultKeyring),
   ``sync run --until-empty`` to ``ltsa-sim`` on the loopback address, ``backup``,
   ``restore --yes``;
3. an upgrade install over it (other /OFFICE and /COUNTER): configuration and records kept;
4. uninstall: the program gone, the data kept; reinstall finds it;
5. uninstall ``/PURGEDATA``: the data folder gone.

The installer (Inno Setup) is a 32-bit program: the prefix is made by ``wine`` with wine32.
Figures (cold start, installer size) go to build/windows/install.json.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import wine  # noqa: E402
import wine_check as wc  # noqa: E402

OFFICE, COUNTER = "52.03", "LOTIM-01"
# The counter's first account, made by the technician right after the install (free while the
# counter has no account); every verb that needs a role then runs `--as` it.
ADMIN, ADMIN_PASSWORD = "admin1", "kopi-hujan-sepeda-biru"
ROWS = 200


def wine32_loader() -> str:
    loader = shutil.which("wine")
    if loader is None:
        raise wc.Unavailable("`wine` with 32-bit support is missing (Debian: wine, wine32:i386)")
    return loader


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A virtual screen: Inno Setup builds its (hidden) wizard even in /VERYSILENT, and wine
    without a display fails that ("Error reading FPreparingMemo.Lines.Strings")."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise wc.Unavailable("Xvfb is missing (Debian package xvfb)")
    read, write = os.pipe()
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    if not number:
        process.kill()
        raise wc.Unavailable("Xvfb did not start")
    return process, f":{number}"


class Counter:
    """One wine prefix with LTSA Desk installed in it."""

    def __init__(self, prefix: Path, logs: Path, display: str) -> None:
        self.prefix = prefix
        self.logs = logs
        self.drive_c = prefix / "drive_c"
        self.app = self.drive_c / "Program Files" / "LTSA Desk"
        self.data = self.drive_c / "ProgramData" / "LTSA Desk"
        self.env = wc.wine_env(prefix)
        # The installed program uses the real keyring backend (Credential Manager), as on a PC.
        for name in ("PYTHON_KEYRING_BACKEND", "LTSA_DATA_DIR", "PYTHONIOENCODING", "PYTHONUTF8"):
            self.env.pop(name, None)
        self.env["DISPLAY"] = display
        self.step = 0
        self.last_stderr = ""

    def wine(
        self, *args: str, stdin: str | None = None, timeout: float = 600
    ) -> tuple[int, str, float]:
        """Run a Windows program; exit code, stdout, seconds (both streams through pipes)."""
        self.step += 1
        started = time.monotonic()
        completed = subprocess.run(
            [wine32_loader(), *args],
            input=(stdin or "").encode(),
            capture_output=True,
            env=self.env,
            cwd=self.drive_c,
            timeout=timeout,
            check=False,
        )
        seconds = time.monotonic() - started
        output = completed.stdout.decode("cp1252", errors="replace")
        errors = completed.stderr.decode("cp1252", errors="replace")
        name = Path(args[0]).stem.replace(" ", "_")
        (self.logs / f"{self.step:02d}-{name}.log").write_text(
            f"$ {' '.join(args)}\nexit {completed.returncode} in {seconds:.1f} s\n"
            f"--- stdout ---\n{output}\n--- stderr ---\n{errors}",
            encoding="utf-8",
        )
        self.last_stderr = errors
        return completed.returncode, output, seconds

    def cli(self, *args: str, stdin: str | None = None, expect: int | None = 0) -> str:
        code, output, seconds = self.wine(str(self.app / "ltsa-desk-cli.exe"), *args, stdin=stdin)
        wc.say(f"  ltsa-desk-cli {' '.join(args)} -> exit {code} ({seconds:.1f} s)")
        if expect is not None and code != expect:
            raise wc.Broken(
                f"installed ltsa-desk-cli {' '.join(args)} exited {code} (expected {expect}):\n"
                + output[-2000:]
                + self.last_stderr[-2000:]
            )
        return output

    def setup(self, installer: Path, *args: str, log: str) -> None:
        setup_log = self.drive_c / f"{log}.log"
        code, output, seconds = self.wine(
            str(installer), "/VERYSILENT", "/SUPPRESSMSGBOXES", f"/LOG=C:\\{log}.log", *args
        )
        wc.say(f"  setup {' '.join(args)} -> exit {code} ({seconds:.0f} s)")
        if setup_log.exists():
            shutil.copy(setup_log, self.logs / f"setup-{log}.log")
        if code != 0:
            tail = setup_log.read_text(errors="replace")[-3000:] if setup_log.exists() else output
            raise wc.Broken(f"setup {' '.join(args)} exited {code}:\n{tail}")

    def uninstall(self, *args: str) -> None:
        uninstaller = self.app / "unins000.exe"
        code, output, _ = self.wine(str(uninstaller), "/VERYSILENT", "/SUPPRESSMSGBOXES", *args)
        if code != 0:
            raise wc.Broken(f"uninstall {' '.join(args)} exited {code}:\n{output[-2000:]}")
        # The uninstaller hands over to a copy of itself: wait until it has finished.
        deadline = time.monotonic() + 180
        while uninstaller.exists() and time.monotonic() < deadline:
            time.sleep(1)
        wine.wait_wineserver(self.prefix)
        wc.say(f"  uninstall {' '.join(args)} -> exit {code}")

    def as_admin(self, *args: str, stdin: str = "", expect: int | None = 0) -> str:
        """A verb that needs an account: `--as` the admin, its password as stdin's first line
        (then what the verb itself reads), as a technician's script does."""
        return self.cli(*args, "--as", ADMIN, stdin=f"{ADMIN_PASSWORD}\n{stdin}", expect=expect)

    def records(self) -> int:
        payload = json.loads(self.as_admin("applicant", "list", "--json", "--limit", "1000"))
        items = payload.get("applicants") or payload.get("items") or []
        return len(items)


def check(condition: bool, what: str) -> None:
    if not condition:
        raise wc.Broken(f"install check: {what}")
    wc.say(f"ok: {what}")


def register_rows(path: Path) -> None:
    """An office's register as Excel saves "CSV UTF-8": BOM, `;`, CRLF."""
    header = (
        "NIK;Nama;Tempat Lahir;Tanggal Lahir;Jenis Kelamin;No HP;Status Perkawinan;"
        "Negara Tujuan;P3MI;Catatan"
    )
    lines = [header]
    for n in range(1, ROWS + 1):
        female = n % 2 == 0
        day = 12 + (40 if female else 0)
        nik = f"520301{day:02d}0590{n:04d}"
        name = "".join(chr(ord("a") + int(d)) for d in str(n)).capitalize()  # names: no digits
        lines.append(
            f"{nik};Pekerja {name};Selong;12-05-1990;{'P' if female else 'L'};;"
            f"Belum Kawin;Malaysia;;baris {n}"
        )
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(installer: Path, out: Path, *, keep: bool = False) -> None:
    prefix = out / "install-prefix"
    logs = out / "logs" / "install"
    shutil.rmtree(prefix, ignore_errors=True)
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    figures: dict[str, object] = {"installer_bytes": installer.stat().st_size}
    wc.say(f"installer {installer.name}: {installer.stat().st_size / 1e6:.1f} MB")
    started = time.monotonic()
    wc.make_prefix(prefix, loader=wine32_loader())
    wc.install_shim(prefix)  # stands in for Windows 10's own bcryptprimitives.dll
    figures["prefix_s"] = round(time.monotonic() - started, 1)
    xvfb, display = start_xvfb()
    counter = Counter(prefix, logs, display)
    sim: subprocess.Popen[bytes] | None = None
    try:
        # 1. Silent install that writes the configuration.
        started = time.monotonic()
        counter.setup(installer, f"/OFFICE={OFFICE}", f"/COUNTER={COUNTER}", log="1-install")
        figures["install_s"] = round(time.monotonic() - started, 1)
        check((counter.app / "LTSA Desk.exe").exists(), "program installed in Program Files")
        check((counter.data / "config.toml").exists(), "silent install wrote the configuration")
        check((counter.data / "recovery-key.pending").exists(), "recovery key left for the window")

        # 2. A counter's life with the installed CLI.
        code, output, seconds = counter.wine(str(counter.app / "ltsa-desk-cli.exe"), "--version")
        figures["cli_version_cold_s"] = round(seconds, 2)
        check(code == 0 and "ltsa-desk" in output, f"ltsa-desk-cli --version ({seconds:.1f} s)")
        code, output, seconds = counter.wine(str(counter.app / "ltsa-desk-cli.exe"), "--version")
        figures["cli_version_warm_s"] = round(seconds, 2)
        # A silent install leaves the recovery key for the window's first start: until someone
        # has seen it, doctor fails on that one check, and only on it.
        doctor = json.loads(counter.cli("doctor", "--json", expect=1))
        failing = [c["name"] for c in doctor["checks"] if not c["ok"]]
        check(
            failing == ["encryption"],
            f"doctor after a silent install fails only on the "
            f"recovery key not yet shown ({failing})",
        )
        check("WinVault" in json.dumps(doctor), "keyring backend is WinVaultKeyring")
        work = counter.drive_c / "LTSA Kerja"
        work.mkdir()
        register_rows(work / "register kantor.csv")
        counter.cli(
            "user",
            "add",
            ADMIN,
            "--role",
            "admin",
            "--password-stdin",
            stdin=f"{ADMIN_PASSWORD}\n",
        )  # the first account, free on a new counter; it showed the recovery key too
        imported = json.loads(
            counter.as_admin("import-register", "C:\\LTSA Kerja\\register kantor.csv", "--json")
        )
        counter.cli("doctor")  # the recovery key was shown: every check passes
        check(imported.get("imported") == ROWS, f"imported {ROWS} rows ({imported})")

        token = secrets.token_urlsafe(16)
        port = free_port()
        sim_log = (logs / "ltsa-sim.log").open("wb")
        sim = subprocess.Popen(
            [
                str(wc.LINUX_PYTHON),
                "-m",
                "sync.sim",
                "--port",
                str(port),
                "--token",
                token,
                "--state",
                str(out / "install-sim.sqlite"),
            ],
            cwd=wc.ROOT,
            stdout=sim_log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                if time.monotonic() > deadline or sim.poll() is not None:
                    raise wc.Broken("ltsa-sim did not start (logs/install/ltsa-sim.log)") from None
                time.sleep(0.3)
        base = f"http://127.0.0.1:{port}"
        counter.as_admin("config", "set", "registry.url", f"{base}/registry")
        counter.as_admin("config", "set", "immigration.url", f"{base}/immigration")
        counter.as_admin("credentials", "set", "registry", "--token-stdin", stdin=token + "\n")
        counter.as_admin("credentials", "set", "immigration", "--token-stdin", stdin=token + "\n")
        started = time.monotonic()
        synced = json.loads(
            counter.cli("sync", "run", "--until-empty", "--timeout", "600", "--json")
        )
        figures["sync_200_s"] = round(time.monotonic() - started, 1)
        delivered = synced.get("totals", {}).get("delivered")
        check(delivered == ROWS, f"sync delivered {ROWS} registrations to ltsa-sim ({delivered})")

        counter.as_admin("backup", "--out", "C:\\LTSA Kerja\\cadangan")
        backups = sorted((work / "cadangan").glob("*.zip"))
        check(len(backups) == 1, f"backup written ({[b.name for b in backups]})")
        counter.as_admin("restore", "--yes", f"C:\\LTSA Kerja\\cadangan\\{backups[0].name}")
        check(counter.records() == ROWS, f"restore kept {ROWS} records")
        counter.cli("doctor", expect=None)

        # 3. Upgrade in place: configuration and records kept, whatever parameters come along.
        config_digest = digest(counter.data / "config.toml")
        counter.setup(installer, "/OFFICE=52.01", "/COUNTER=OTHER-02", log="2-upgrade")
        kept = digest(counter.data / "config.toml") == config_digest
        check(kept, "upgrade kept the configuration")
        check(counter.records() == ROWS, f"upgrade kept the {ROWS} records")

        # 4. Uninstall keeps the data; a reinstall finds it.
        counter.uninstall()
        check(not (counter.app / "ltsa-desk-cli.exe").exists(), "uninstall removed the program")
        check((counter.data / "ltsa.sqlite").exists(), "uninstall kept the data folder")
        counter.setup(installer, "/MERGETASKS=!synctask", log="3-reinstall")
        check(counter.records() == ROWS, "reinstall found the kept records")

        # 5. Uninstall /PURGEDATA removes the data folder.
        counter.uninstall("/PURGEDATA")
        check(not counter.data.exists(), "uninstall /PURGEDATA removed the data folder")
    finally:
        if sim is not None:
            sim.terminate()
            sim.wait(timeout=30)
        (out / "install.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        wc.say("install figures: " + json.dumps(figures))
        subprocess.run([wine.wineserver(), "-k"], env=wc.wine_env(prefix), check=False)
        xvfb.terminate()
        xvfb.wait(timeout=30)
        if not keep:
            shutil.rmtree(prefix, ignore_errors=True)
