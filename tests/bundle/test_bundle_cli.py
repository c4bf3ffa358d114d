"""The bundle verbs as a technician runs them, on two machines: the counter and the district office
each have their own data folder AND their own keyring (HOME), so the upload can only use the
district's own destination credentials and its own copy of the bundle secret.

`sync export-bundle`, `sync upload-bundle --receipts`, `sync import-receipts`, `credentials set
bundle`; a tampered bundle and forged receipts exit 2 with the reason and change nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bundletools import OFFICE, SECRET, flip_byte
from cliauth import add_admin_command, admin_line, as_admin
from cliresult import CliResult as Run

from sync.sim.process import SimHandle

NIKS = ["5203011205900001", "5203015205950002", "5203011205900005"]
ADMIN = "admin.uji"  # tests/cliauth.py's test admin and its password
ADMIN_PASSWORD = "kopi-hujan-sepeda-biru-7"


@dataclass(frozen=True)
class Machine:
    """A PC: its own HOME (so its own keyring file) and its own data folder."""

    home: Path
    data_dir: Path

    def run(
        self, *args: str | Path, input: str | None = None, timeout: float = 120, auth: bool = True
    ) -> Run:
        """A verb that needs an account runs as the test admin (tests/cliauth.py)."""
        if auth:
            argv, input = as_admin(
                [str(a) for a in args],
                input,
                self.data_dir,
                lambda: self.run(*add_admin_command(), input=admin_line(None), auth=False),
            )
            args = tuple(argv)
        env = dict(os.environ)
        env.pop("LTSA_DATA_DIR", None)
        env.update(
            HOME=str(self.home),
            USERPROFILE=str(self.home),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
            PYTHONIOENCODING="utf-8",
        )
        argv = [str(a) for a in args]
        done = subprocess.run(
            [sys.executable, "-m", "ltsa_desk", *argv, "--data-dir", str(self.data_dir)],
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=timeout,
        )
        return Run(tuple(argv), done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str | Path, input: str | None = None) -> Run:
        result = self.run(*args, input=input)
        assert result.code == 0, str(result)
        return result

    def queue(self) -> list[dict[str, Any]]:
        items = self.ok("sync", "list", "--json").json()["items"]
        assert isinstance(items, list)
        return items


def _machine(root: Path, name: str, counter_id: str) -> Machine:
    machine = Machine(root / name / "home", root / name / "data")
    machine.home.mkdir(parents=True)
    machine.ok("init", "--office-code", OFFICE, "--counter-id", counter_id)
    machine.ok("credentials", "set", "bundle", "--token-stdin", input=f"{SECRET}\n")
    return machine


def _connect(machine: Machine, sim: SimHandle) -> None:
    machine.ok("config", "set", "registry.url", sim.registry_url)
    machine.ok("config", "set", "immigration.url", sim.immigration_url)
    for destination in ("registry", "immigration"):
        machine.ok("credentials", "set", destination, "--token-stdin", input=f"{sim.token}\n")


@pytest.fixture
def machines(tmp_path: Path, sim: SimHandle) -> tuple[Machine, Machine]:
    """Both PCs set up at once (each verb is a process start: about a second)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        counter_job = pool.submit(_counter, tmp_path)
        district_job = pool.submit(_district, tmp_path, sim)
        return counter_job.result(), district_job.result()


def _district(root: Path, sim: SimHandle) -> Machine:
    district = _machine(root, "district", "DISTRIK-01")
    _connect(district, sim)
    return district


def _counter(tmp_path: Path) -> Machine:
    counter = _machine(tmp_path, "counter", "LOTIM-01")
    register = tmp_path / "register.csv"
    register.write_text(
        "NIK;Nama;Tanggal Lahir;Jenis Kelamin\r\n"
        f"{NIKS[0]};Budi Santoso;12-05-1990;L\r\n"
        f"{NIKS[1]};Siti Aminah;12-05-1995;P\r\n"
        f"{NIKS[2]};Ahmad Fauzi;12-05-1990;L\r\n",
        encoding="utf-8",
    )
    counter.ok("import-register", register)
    # Siti's papers are in the old paper file: the admin records her passport request over the
    # case order, with the reason (issue 16). The admin is the tests' one (tests/cliauth.py):
    # made here unless the run helper already made it.
    added = counter.run(
        "user", "add", ADMIN, "--role", "admin", "--password-stdin", input=ADMIN_PASSWORD + "\n"
    )
    assert added.code == 0 or "sudah dipakai" in added.stderr, str(added)
    counter.ok(
        "applicant", "request-passport", NIKS[1], "--skip-order", "--reason",
        "Pindahan dari register lama", "--as", ADMIN, input=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    return counter


def test_round_trip_on_two_machines_then_the_counter_sends_nothing_twice(
    machines: tuple[Machine, Machine], sim: SimHandle, tmp_path: Path
) -> None:
    counter, district = machines
    usb = tmp_path / "usb"
    usb.mkdir()

    exported = counter.ok("sync", "export-bundle", usb / "lotim.ltsab", "--json").json()
    assert exported["items"] == 4
    assert exported["by_destination"] == {"registry": 3, "immigration": 1}
    assert all(item["state"] == "pending" for item in counter.queue())

    uploaded = district.run(
        "sync", "upload-bundle", usb / "lotim.ltsab", "--receipts", usb / "lotim.ltsar", "--json"
    )
    assert uploaded.code == 0, str(uploaded)
    assert uploaded.json()["delivered"] == 4
    stats = sim.stats()
    assert (stats["registry"]["applied"], stats["immigration"]["applied"]) == (3, 1)

    imported = counter.ok("sync", "import-receipts", usb / "lotim.ltsar", "--json").json()
    assert imported["delivered"] == 4
    queue = counter.queue()
    assert {item["state"] for item in queue} == {"delivered"}
    registry_ids = {r["nik"]: r["registry_id"] for r in sim.records("registry")}
    shown = counter.ok("applicant", "show", NIKS[1], "--json").json()["applicant"]
    assert shown["registry_id"] == registry_ids[NIKS[1]]

    _connect(counter, sim)
    received = {name: s["received"] for name, s in sim.stats().items()}
    run = counter.run("sync", "run", "--json")
    assert run.code == 0, str(run)
    after = sim.stats()
    assert {name: s["received"] for name, s in after.items()} == received
    assert (after["registry"]["applied"], after["immigration"]["applied"]) == (3, 1)
    assert after["registry"]["duplicate_effects"] == after["immigration"]["duplicate_effects"] == 0


def test_tampered_bundle_and_forged_receipts_exit_2_and_change_nothing(
    machines: tuple[Machine, Machine], sim: SimHandle, tmp_path: Path
) -> None:
    counter, district = machines
    bundle = tmp_path / "b.ltsab"
    counter.ok("sync", "export-bundle", bundle)
    genuine = bundle.read_bytes()

    flip_byte(bundle, len(genuine) // 2)
    refused = district.run(
        "sync", "upload-bundle", bundle, "--receipts", tmp_path / "r.ltsar", "--json"
    )
    assert refused.code == 2, str(refused)
    assert "keasliannya tidak bisa dibuktikan" in refused.json()["error"]["message"]
    assert "keasliannya tidak bisa dibuktikan" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "r.ltsar").exists()
    assert sum(s["received"] for s in sim.stats().values()) == 0

    # A machine holding another secret can neither read the bundle nor answer for it.
    bundle.write_bytes(genuine)
    district.ok("credentials", "set", "bundle", "--token-stdin", input="rahasia-orang-lain-99\n")
    wrong = district.run("sync", "upload-bundle", bundle, "--receipts", tmp_path / "r.ltsar")
    assert wrong.code == 2 and "rahasia bundel yang berbeda" in wrong.stderr, str(wrong)
    assert sum(s["received"] for s in sim.stats().values()) == 0

    district.ok("credentials", "set", "bundle", "--token-stdin", input=f"{SECRET}\n")
    district.ok("sync", "upload-bundle", bundle, "--receipts", tmp_path / "r.ltsar")
    receipts = tmp_path / "r.ltsar"
    flip_byte(receipts, receipts.stat().st_size - 20)
    before = counter.queue()
    forged = counter.run("sync", "import-receipts", receipts)
    assert forged.code == 2, str(forged)
    assert "keasliannya tidak bisa dibuktikan" in forged.stderr
    assert "Tidak ada yang diubah" in forged.stderr
    assert counter.queue() == before


def test_credentials_set_bundle_needs_stdin_and_a_long_secret(tmp_path: Path) -> None:
    machine = Machine(tmp_path / "home", tmp_path / "data")
    machine.home.mkdir()
    machine.ok("init", "--office-code", OFFICE, "--counter-id", "LOTIM-01")
    short = machine.run("credentials", "set", "bundle", "--token-stdin", input="pendek\n")
    assert short.code == 2 and "minimal 12" in short.stderr, str(short)
    missing = machine.run("credentials", "set", "bundle")
    assert missing.code == 2 and "--token-stdin" in missing.stderr, str(missing)
    no_secret = machine.run("sync", "export-bundle", tmp_path / "x.ltsab")
    assert no_secret.code == 2 and "credentials set bundle" in no_secret.stderr, str(no_secret)
    keyring_text = (
        machine.home / ".local" / "share" / "python_keyring" / "keyring_pass.cfg"
    ).read_text(encoding="utf-8")
    assert "bundle" not in keyring_text
