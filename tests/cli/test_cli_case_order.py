"""`ltsa-desk applicant request-passport` keeps the case order; an admin may skip it with a
reason (issue 16, item 2).

A CPMI just imported from a register has no paper on file: the passport request is refused with
the reason. `--skip-order --reason` is an admin's decision, kept in the audit log and the history.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import clitools
import pytest
from clitools import NIK_FEMALE, run, write_csv

PASSWORD = "kata-sandi-admin-1"
REASON = "Pindahan dari register lama; berkas di map fisik"


@pytest.fixture
def counter(copy_counter: Callable[[], Path], tmp_path: Path) -> Path:
    folder = copy_counter()
    source = write_csv(
        tmp_path / "register.csv",
        [
            ["nik", "nama", "tanggal_lahir", "jenis_kelamin"],
            [NIK_FEMALE, "Siti Aminah", "12-05-1995", "P"],
        ],
    )
    assert run("import-register", source, data_dir=folder).code == 0
    assert run("user", "add", "petugas1", "--role", "officer", data_dir=folder).code == 0
    added = run(
        "user", "add", "admin1", "--role", "admin", "--password-stdin",
        input=PASSWORD + "\n", data_dir=folder,
    )  # fmt: skip
    assert added.code == 0, str(added)
    return folder


def _state(folder: Path) -> str:
    return str(clitools.applicants(folder)[NIK_FEMALE]["state"])


def _passport_items(folder: Path) -> int:
    return clitools.query(folder, "SELECT count(*) FROM outbox_item WHERE kind = 'passport.apply'")[
        0
    ][0]


def test_the_passport_is_not_requested_out_of_order(counter: Path) -> None:
    refused = run(
        "applicant", "request-passport", NIK_FEMALE, "--as", "admin1", "--json",
        input=PASSWORD + "\n", data_dir=counter,
    )  # fmt: skip
    assert refused.code == 2, str(refused)
    assert "dokumen pendaftaran lengkap dan terverifikasi" in refused.error()["message"]
    assert _state(counter) == "registered" and _passport_items(counter) == 0


def test_only_an_admin_skips_the_order_and_only_with_a_reason(counter: Path) -> None:
    officer = run(
        "applicant", "request-passport", NIK_FEMALE, "--skip-order", "--reason", REASON,
        "--as", "petugas1", data_dir=counter,
    )  # fmt: skip
    assert officer.code == 2, str(officer)
    no_reason = run(
        "applicant", "request-passport", NIK_FEMALE, "--skip-order", "--as", "admin1",
        input=PASSWORD + "\n", data_dir=counter,
    )  # fmt: skip
    assert no_reason.code == 2 and "--reason" in no_reason.stderr, str(no_reason)
    stray = run(
        "applicant", "request-passport", NIK_FEMALE, "--reason", REASON, "--as", "admin1",
        input=PASSWORD + "\n", data_dir=counter,
    )  # fmt: skip
    assert stray.code == 2 and "--skip-order" in stray.stderr, str(stray)
    assert _state(counter) == "registered" and _passport_items(counter) == 0
    assert clitools.audit_entries(counter, "applicant.skip_order") == []


def test_an_admin_skip_is_recorded_with_its_reason(counter: Path) -> None:
    done = run(
        "applicant", "request-passport", NIK_FEMALE, "--skip-order", "--reason", REASON,
        "--as", "admin1", "--json", input=PASSWORD + "\n", data_dir=counter,
    )  # fmt: skip
    assert done.code == 0, str(done)
    assert done.json()["applicant"]["state"] == "passport_requested"
    assert done.json()["skipped_order"] is True
    assert _state(counter) == "passport_requested" and _passport_items(counter) == 1
    (entry,) = clitools.audit_entries(counter, "applicant.skip_order")
    assert entry["actor"] == "admin1"
    assert entry["after"] == {
        "state": "passport_requested",
        "reason": REASON,
        "skipped": ["documents_complete", "recommended"],
    }
    (note,) = clitools.query(
        counter, "SELECT note FROM case_event WHERE to_state = 'passport_requested'"
    )[0]
    assert note == f"Urutan dilewati oleh admin: {REASON}"
