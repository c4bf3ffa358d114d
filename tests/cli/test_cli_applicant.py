"""`ltsa-desk applicant list | show | update | cancel`: finding and correcting CPMI records."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import clitools
import pytest
from cliauth import TEST_ADMIN
from clitools import (
    NIK_BAD_PROVINCE,
    NIK_FEMALE,
    NIK_MALE,
    NIK_MALE_2,
    NIK_OTHER_REGENCY,
    run,
    run_many,
    write_csv,
)

# In import order: the last one is the newest.
PEOPLE = [
    (NIK_MALE, "Budi Santoso", "12-05-1990", "L"),
    (NIK_FEMALE, "Siti Aminah", "12-05-1995", "P"),
    (NIK_MALE_2, "Joko Widodo Saputra", "12-05-1990", "L"),
]


@pytest.fixture(scope="module")
def counter(copy_counter: Callable[[], Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three CPMI imported from a register; the tests that use this folder directly only read."""
    folder = copy_counter()
    source = write_csv(tmp_path_factory.mktemp("register") / "register.csv",
                       [["nik", "nama", "tanggal_lahir", "jenis_kelamin"], *map(list, PEOPLE)])
    result = run("import-register", source, data_dir=folder)
    assert result.code == 0, str(result)
    assert clitools.count(folder, "applicant") == len(PEOPLE)
    return folder


@pytest.fixture
def own_counter(counter: Path, tmp_path: Path) -> Path:
    """A private copy of the module's counter, for tests that change it."""
    target = tmp_path / "data"
    shutil.copytree(counter, target)
    return target


def _tracking(data_dir: Path, nik: str) -> str:
    return str(clitools.applicants(data_dir)[nik]["tracking_code"])


# --- list -----------------------------------------------------------------------------------------


def test_list_newest_first(counter: Path) -> None:
    as_json, as_text = run_many([["applicant", "list", "--json"], ["applicant", "list"]],
                                data_dir=counter)
    assert as_json.code == 0, str(as_json)
    payload = as_json.json()
    assert set(payload) == {"applicants"}
    listed = payload["applicants"]
    assert [row["nik"] for row in listed] == [nik for nik, *_ in reversed(PEOPLE)]
    first = listed[-1]
    assert first["full_name"] == "Budi Santoso"
    assert first["birth_date"] == "1990-05-12"
    assert first["state"] == "registered"
    assert first["tracking_code"].startswith("LOTIM-01-")
    assert as_text.code == 0, str(as_text)
    for nik, name, *_ in PEOPLE:
        assert nik in as_text.stdout and name in as_text.stdout


def test_list_search_and_limit(counter: Path) -> None:
    commands = [
        ["applicant", "list", "--search", "siti", "--json"],
        ["applicant", "list", "--search", "520301120590", "--json"],  # NIK prefix
        ["applicant", "list", "--search", _tracking(counter, NIK_FEMALE), "--json"],
        ["applicant", "list", "--limit", "1", "--json"],
        ["applicant", "list", "--search", "tidak ada orang ini", "--json"],
    ]
    by_name, by_prefix, by_tracking, limited, nothing = run_many(commands, data_dir=counter)

    def niks(result: clitools.Result) -> list[str]:
        assert result.code == 0, str(result)
        return [row["nik"] for row in result.json()["applicants"]]

    assert niks(by_name) == [NIK_FEMALE]
    assert niks(by_prefix) == [NIK_MALE_2, NIK_MALE]
    assert niks(by_tracking) == [NIK_FEMALE]
    assert niks(limited) == [NIK_MALE_2]
    assert niks(nothing) == []


def test_list_bad_limit_is_a_usage_error(counter: Path) -> None:
    for result in run_many([["applicant", "list", "--limit", "0", "--json"],
                            ["applicant", "list", "--limit", "abc", "--json"]],
                           data_dir=counter):
        result.usage_error()
        assert "--limit" in result.stderr


# --- show -----------------------------------------------------------------------------------------


def test_show_by_nik_or_tracking_code(counter: Path) -> None:
    tracking = _tracking(counter, NIK_MALE)
    by_nik, by_tracking, as_text, unknown = run_many(
        [
            ["applicant", "show", NIK_MALE, "--json"],
            ["applicant", "show", tracking.lower(), "--json"],
            ["applicant", "show", tracking],
            ["applicant", "show", NIK_BAD_PROVINCE, "--json"],
        ],
        data_dir=counter,
    )
    assert by_nik.code == 0, str(by_nik)
    shown = by_nik.json()
    assert set(shown) == {"applicant"}
    assert shown["applicant"]["tracking_code"] == tracking
    assert shown["applicant"]["full_name"] == "Budi Santoso"
    assert by_tracking.code == 0, str(by_tracking)
    assert by_tracking.json() == shown
    assert as_text.code == 0, str(as_text)
    assert NIK_MALE in as_text.stdout and "Budi Santoso" in as_text.stdout
    assert unknown.error()["field"] == "key"


# --- update ---------------------------------------------------------------------------------------


def test_update_saves_a_valid_change_with_before_and_after(own_counter: Path) -> None:
    result = run("applicant", "update", NIK_MALE, "--set", "phone=0812-3456-7890",
                 "--set", "address=Jl. Pejanggik 1, Selong", "--set", "destination_country=Korea",
                 "--json", data_dir=own_counter)
    assert result.code == 0, str(result)
    shown = result.json()["applicant"]
    assert shown["phone"] == "+6281234567890"
    assert shown["destination_country"] == "KR"
    stored = clitools.applicants(own_counter)[NIK_MALE]
    assert stored["address"] == "Jl. Pejanggik 1, Selong"
    assert stored["phone"] == "+6281234567890"
    (entry,) = clitools.audit_entries(own_counter, "applicant.update")
    assert entry["actor"] == TEST_ADMIN  # the account that authenticated
    assert entry["entity_id"] == shown["id"]
    assert entry["before"] == {"address": None, "destination_country": None, "phone": None}
    assert entry["after"] == {"address": "Jl. Pejanggik 1, Selong", "destination_country": "KR",
                              "phone": "+6281234567890"}


def test_update_refusals_name_the_field_and_change_nothing(counter: Path) -> None:
    male_2 = _tracking(counter, NIK_MALE_2)
    commands = [
        (["--set", "phone=12345"], "phone"),
        (["--set", "birth_date=31-02-1990"], "birth_date"),
        (["--set", "colour=red"], "colour"),
        (["--set", "phone"], "set"),
        # A valid and an invalid change together: neither is saved.
        (["--set", "address=Jl. Baru 2", "--set", "sex=X"], "sex"),
        # A NIK whose birth date (13-06-1991) does not match the record's.
        (["--set", "nik=5203011306910001"], "birth_date"),
        (["--set", f"nik={NIK_BAD_PROVINCE}"], "nik"),
    ]
    before = clitools.db_state(counter)
    results = run_many(
        [["applicant", "update", NIK_MALE, *args, "--json"] for args, _ in commands],
        data_dir=counter,
    )
    # Another CPMI's NIK (same birth date and sex): refused, naming that CPMI's tracking code.
    results += run_many([["applicant", "update", male_2, "--set", f"nik={NIK_MALE}", "--json"]],
                        data_dir=counter)
    for (_, field), result in zip(commands, results, strict=False):
        error = result.error()
        assert error.get("field") == field, str(result)
    assert "Nomor HP" in results[0].stderr  # named as the form names it
    assert "colour" in results[2].stderr
    assert _tracking(counter, NIK_MALE) in results[-1].error()["message"]
    assert clitools.db_state(counter) == before


def test_update_to_a_nik_from_another_regency_needs_confirmation(own_counter: Path) -> None:
    before = clitools.db_state(own_counter)
    change = ["applicant", "update", NIK_MALE, "--set", f"nik={NIK_OTHER_REGENCY}", "--json"]
    unconfirmed = run(*change, data_dir=own_counter)
    assert "--confirm-warnings" in unconfirmed.error()["message"]
    assert clitools.db_state(own_counter) == before

    confirmed = run(*change, "--confirm-warnings", data_dir=own_counter)
    assert confirmed.code == 0, str(confirmed)
    assert confirmed.json()["applicant"]["nik"] == NIK_OTHER_REGENCY
    assert confirmed.json()["applicant"]["regency_code"] == "52.01"
    (entry,) = clitools.audit_entries(own_counter, "applicant.update")
    assert entry["before"] == {"nik": NIK_MALE}
    assert entry["after"] == {"nik": NIK_OTHER_REGENCY}


# --- cancel ---------------------------------------------------------------------------------------


def test_cancel_then_the_record_is_closed(own_counter: Path) -> None:
    tracking = _tracking(own_counter, NIK_FEMALE)
    cancelled = run("applicant", "cancel", tracking, "--reason", "Mengundurkan diri", "--json",
                    data_dir=own_counter)
    assert cancelled.code == 0, str(cancelled)
    shown = cancelled.json()["applicant"]
    assert shown["state"] == "cancelled"
    assert shown["cancelled_reason"] == "Mengundurkan diri"
    (entry,) = clitools.audit_entries(own_counter, "applicant.state")
    assert entry["after"]["state"] == "cancelled"

    before = clitools.db_state(own_counter)
    update, again, blank_reason = run_many(
        [
            ["applicant", "update", NIK_FEMALE, "--set", "phone=081234567890", "--json"],
            ["applicant", "cancel", NIK_FEMALE, "--reason", "lagi", "--json"],
            ["applicant", "cancel", NIK_MALE, "--reason", "   ", "--json"],
        ],
        data_dir=own_counter,
    )
    assert tracking in update.error()["message"]
    again.error()
    blank_reason.error()
    assert clitools.db_state(own_counter) == before
