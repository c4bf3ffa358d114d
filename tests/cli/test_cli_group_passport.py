"""`ltsa-desk applicant request-passport` for a group of CPMI (issue 19, item 6).

A P3MI brings forty CPMI at once: one command takes several NIKs or tracking codes, or a file of
them, checks each CPMI by the same rules as a single request, reports each in --json, and a
refusal names the CPMI and its reason without stopping the others.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import clitools
import pytest
from clitools import NIK_FEMALE, NIK_MALE, NIK_MALE_2, run, write_csv

PEOPLE = [
    (NIK_MALE, "Budi Santoso", "12-05-1990", "L"),
    (NIK_FEMALE, "Siti Aminah", "12-05-1995", "P"),
    (NIK_MALE_2, "Joko Widodo Saputra", "12-05-1990", "L"),
]
UNKNOWN_NIK = "5203011205900099"


@pytest.fixture
def counter(copy_counter: Callable[[], Path], tmp_path: Path) -> Path:
    folder = copy_counter()
    source = write_csv(
        tmp_path / "register.csv",
        [["nik", "nama", "tanggal_lahir", "jenis_kelamin"], *map(list, PEOPLE)],
    )
    assert run("import-register", source, data_dir=folder).code == 0
    # Their documents and recommendation were done at the window: the passport request follows
    # the recommendation (issue 16; the order itself: tests/cli/test_cli_case_order.py).
    _set_state(folder, "recommended")
    return folder


def _set_state(folder: Path, state: str, nik: str | None = None) -> None:
    with contextlib.closing(clitools.connect(folder)) as connection:
        if nik is None:
            connection.execute("UPDATE applicant SET state = ?", (state,))
        else:
            connection.execute("UPDATE applicant SET state = ? WHERE nik = ?", (state, nik))
        connection.commit()


def _passport_items(folder: Path) -> int:
    return clitools.query(
        folder, "SELECT count(*) FROM outbox_item WHERE kind = 'passport.apply'"
    )[0][0]


def test_one_refusal_among_many_does_not_stop_the_others(counter: Path, tmp_path: Path) -> None:
    """Budi is cancelled first: his refusal and the unknown NIK are reported, the rest go on."""
    budi = clitools.applicants(counter)[NIK_MALE]["tracking_code"]
    cancelled = run(
        "applicant", "cancel", NIK_MALE, "--reason", "Mengundurkan diri", data_dir=counter
    )
    assert cancelled.code == 0, str(cancelled)
    siti = clitools.applicants(counter)[NIK_FEMALE]["tracking_code"]
    keys = tmp_path / "kelompok.txt"
    keys.write_text(f"# P3MI Maju Jaya\n{budi}\n\n{siti.lower()}\n", encoding="utf-8")
    result = run(
        "applicant",
        "request-passport",
        UNKNOWN_NIK,
        NIK_MALE_2,
        "--from-file",
        keys,
        "--json",
        data_dir=counter,
    )
    assert result.code == 1, str(result)  # some refused: "a check found problems"
    payload = result.json()
    results = payload["results"]
    assert [r["key"] for r in results] == [UNKNOWN_NIK, NIK_MALE_2, budi, siti.lower()]
    assert [r["ok"] for r in results] == [False, True, False, True]
    assert (payload["requested"], payload["refused"]) == (2, 2)
    assert results[0]["reason_code"] == "not_found" and UNKNOWN_NIK in results[0]["reason"]
    assert results[2]["tracking_code"] == budi and results[2]["full_name"] == "Budi Santoso"
    assert results[2]["reason_code"] == "terminal" and results[2]["state"] == "cancelled"
    assert results[3]["tracking_code"] == siti and results[3]["state"] == "passport_requested"
    # The refusals are named on stderr, in words.
    assert "Budi Santoso" in result.stderr and UNKNOWN_NIK in result.stderr
    stored = clitools.applicants(counter)
    assert stored[NIK_MALE]["state"] == "cancelled"
    assert stored[NIK_FEMALE]["state"] == stored[NIK_MALE_2]["state"] == "passport_requested"
    assert _passport_items(counter) == 2
    # Asking again refuses both (the same rule as a single request), and queues nothing more.
    again = run("applicant", "request-passport", NIK_FEMALE, NIK_MALE_2, "--json", data_dir=counter)
    assert again.code == 1, str(again)
    assert [r["ok"] for r in again.json()["results"]] == [False, False]
    assert _passport_items(counter) == 2


def test_the_case_order_holds_for_each_cpmi(counter: Path) -> None:
    _set_state(counter, "registered", NIK_MALE)
    _set_state(counter, "documents_complete", NIK_FEMALE)
    result = run("applicant", "request-passport", NIK_MALE, NIK_FEMALE, "--json", data_dir=counter)
    assert result.code == 1, str(result)
    codes = [r["reason_code"] for r in result.json()["results"]]
    assert codes == ["needs_documents", "needs_recommendation"]
    assert _passport_items(counter) == 0
    # An office whose immigration takes the request without the recommendation: the documents
    # are still needed.
    relaxed = run("config", "set", "workflow.require_recommendation", "false", data_dir=counter)
    assert relaxed.code == 0, str(relaxed)
    result = run("applicant", "request-passport", NIK_MALE, NIK_FEMALE, "--json", data_dir=counter)
    assert result.code == 1, str(result)
    assert [r["ok"] for r in result.json()["results"]] == [False, True]
    assert result.json()["results"][0]["reason_code"] == "needs_documents"
    assert _passport_items(counter) == 1


def test_keys_from_stdin_all_requested(counter: Path) -> None:
    result = run(
        "applicant",
        "request-passport",
        "--from-file",
        "-",
        input=f"{NIK_MALE}\n{NIK_FEMALE}\n{NIK_MALE_2}\n",
        data_dir=counter,
    )
    assert result.code == 0, str(result)
    assert "3 permohonan paspor dicatat" in result.stderr
    assert _passport_items(counter) == 3


def test_no_key_and_unreadable_file_are_refused(counter: Path, tmp_path: Path) -> None:
    none = run("applicant", "request-passport", "--json", data_dir=counter)
    assert none.error()["field"] == "key"
    missing = run(
        "applicant",
        "request-passport",
        "--from-file",
        tmp_path / "nope.txt",
        "--json",
        data_dir=counter,
    )
    assert missing.error()["field"] == "from_file"
    assert _passport_items(counter) == 0
