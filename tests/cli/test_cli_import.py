"""`ltsa-desk import-register FILE [--rejects OUT.csv] [--json] [--as USER]` on real register files.

Exit 0 whenever the file could be read, however many rows were rejected (they go to the rejects file
with their row number and reason); exit 2, with nothing changed, for a file that is not a register.
"""

from __future__ import annotations

import contextlib
import csv
import io
import random
from datetime import datetime
from pathlib import Path

import clitools
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

COUNT_KEYS = {"imported", "skipped", "rejected", "warnings"}

ID_HEADER = ["NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "No HP",
             "Status Perkawinan", "Negara Tujuan", "P3MI", "Catatan"]


def _read_rejects(path: Path) -> tuple[list[str], list[list[str]]]:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[0], rows[1:]


def _stray_rejects(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if "rejects" in p.name]


def test_semicolon_csv_with_indonesian_headers(fresh_counter: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    source = write_csv(inbox / "register 2025.csv", [
        ID_HEADER,
        [NIK_MALE, "Budi Santoso", "Selong", "12-05-1990", "L", "0812-3456-7890", "Kawin",
         "Malaysia", "PT Maju Jaya", "lama"],
        [NIK_FEMALE, "Siti Aminah", "Masbagik", "12/05/1995", "P", "", "Belum Kawin", "TW", "",
         ""],
        [NIK_OTHER_REGENCY, "Ahmad Fauzi", "", "1990-05-12", "L", "", "", "", "", ""],
        [NIK_BAD_PROVINCE, "Salah Provinsi", "", "12-05-1990", "L", "", "", "", "", "x"],
        ["5203013102900001", "Tanggal Mustahil", "", "31-02-1990", "L", "", "", "", "", ""],
    ], delimiter=";")

    result = run("import-register", source, "--json", data_dir=fresh_counter)
    assert result.code == 0, str(result)
    counts = result.json()
    assert counts == {"imported": 3, "skipped": 0, "rejected": 2, "warnings": 1}
    assert "Traceback" not in result.stderr

    stored = clitools.applicants(fresh_counter)
    assert set(stored) == {NIK_MALE, NIK_FEMALE, NIK_OTHER_REGENCY}
    budi = stored[NIK_MALE]
    assert budi["phone"] == "+6281234567890"
    assert budi["destination_country"] == "MY"
    assert budi["birth_date"].startswith("1990-05-12")
    assert stored[NIK_FEMALE]["sex"] == "P"
    assert stored[NIK_FEMALE]["destination_country"] == "TW"
    ((verified,),) = clitools.query(fresh_counter,
                                    "SELECT verified FROM agency WHERE name = 'PT Maju Jaya'")
    assert not verified  # a P3MI not yet known is created, marked unverified

    # Rejects beside the input, never in the data folder: original columns + row number + reason.
    rejects = inbox / "register 2025.rejects.csv"
    assert rejects.is_file(), sorted(p.name for p in inbox.iterdir())
    assert _stray_rejects(fresh_counter) == []
    header, rows = _read_rejects(rejects)
    assert header[: len(ID_HEADER)] == ID_HEADER
    assert len(header) == len(ID_HEADER) + 2
    assert [row[: len(ID_HEADER)] for row in rows] == [
        [NIK_BAD_PROVINCE, "Salah Provinsi", "", "12-05-1990", "L", "", "", "", "", "x"],
        ["5203013102900001", "Tanggal Mustahil", "", "31-02-1990", "L", "", "", "", "", ""],
    ]
    assert [row[-2] for row in rows] == ["5", "6"]  # as Excel numbers the rows
    assert "99" in rows[0][-1]  # the reason names the unknown province code
    assert rows[1][-1].strip()

    # The same file again: every readable row is already there; nothing doubles.
    again = run("import-register", source, "--json", data_dir=fresh_counter)
    assert again.code == 0, str(again)
    assert again.json() == {"imported": 0, "skipped": 3, "rejected": 2, "warnings": 0}
    assert clitools.count(fresh_counter, "applicant") == 3

    # Same NIK with different data: rejected, naming the tracking code already given.
    before = clitools.applicants(fresh_counter)
    changed = write_csv(inbox / "koreksi.csv", [
        ["nik", "nama", "tanggal_lahir", "jenis_kelamin"],
        [NIK_MALE, "Budi Santosa", "12-05-1990", "L"],
    ], delimiter=";")
    refused = run("import-register", changed, "--json", data_dir=fresh_counter)
    assert refused.code == 0, str(refused)
    assert refused.json() == {"imported": 0, "skipped": 0, "rejected": 1, "warnings": 0}
    _, rows = _read_rejects(inbox / "koreksi.rejects.csv")
    assert len(rows) == 1
    assert budi["tracking_code"] in rows[0][-1]
    assert clitools.applicants(fresh_counter) == before


def test_comma_csv_with_bom_and_english_headers_then_reimport_skips(
    fresh_counter: Path, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "register.csv", [
        ["nik", "full_name", "birth_place", "birth_date", "sex", "address", "phone",
         "education", "marital_status", "destination_country", "job_title", "sector", "agency",
         "planned_departure"],
        [NIK_MALE, "Budi Santoso", "Selong", "1990-05-12", "M", "Jl. Pejanggik 1, Selong",
         "+6281234567890", "SMA", "Married", "Malaysia", "Plantation worker", "formal",
         "PT Maju Jaya", "01-03-2027"],
        [NIK_FEMALE, "Siti Aminah", "", "12/05/1995", "F", "", "6281234567891", "", "Single",
         "HK", "", "informal", "", ""],
    ], delimiter=",", bom=True)

    first = run("import-register", source, "--json", data_dir=fresh_counter)
    assert first.code == 0, str(first)
    assert first.json() == {"imported": 2, "skipped": 0, "rejected": 0, "warnings": 0}
    stored = clitools.applicants(fresh_counter)
    assert stored[NIK_MALE]["address"] == "Jl. Pejanggik 1, Selong"  # quoted comma kept
    assert stored[NIK_MALE]["sex"] == "L"
    assert stored[NIK_MALE]["planned_departure"].startswith("2027-03-01")
    assert stored[NIK_FEMALE]["sex"] == "P"
    assert stored[NIK_FEMALE]["phone"] == "+6281234567891"
    assert not (tmp_path / "register.rejects.csv").exists()  # nothing rejected, no file

    before = clitools.db_state(fresh_counter)
    again = run("import-register", source, "--json", data_dir=fresh_counter)
    assert again.code == 0, str(again)
    assert again.json() == {"imported": 0, "skipped": 2, "rejected": 0, "warnings": 0}
    after = clitools.db_state(fresh_counter)
    assert after["applicant"] == before["applicant"]
    assert not (tmp_path / "register.rejects.csv").exists()


def test_xlsx_with_title_rows_and_explicit_rejects_path(fresh_counter: Path,
                                                         tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["REGISTER CPMI DISNAKER LOMBOK TIMUR"])
    sheet.append(["Dicetak 02-01-2026"])
    sheet.append(["No", "NIK", "Nama Lengkap", "Tgl Lahir", "L/P", "No HP"])
    sheet.append([1, NIK_MALE, "Budi Santoso", datetime(1990, 5, 12), "L", "081234567890"])
    sheet.append([2, NIK_FEMALE, "Siti Aminah", datetime(1995, 5, 12), "P", None])
    # The same NIK later in the file with other data: the earlier row wins.
    sheet.append([3, NIK_MALE, "Budi Lain", datetime(1990, 5, 12), "L", None])
    sheet.append([4, NIK_MALE_2, "Tanpa Tanggal", None, "L", None])
    source = tmp_path / "register.xlsx"
    workbook.save(source)
    out_dir = tmp_path / "hasil"
    out_dir.mkdir()
    rejects = out_dir / "ditolak.csv"

    result = run("import-register", source, "--rejects", rejects, "--json",
                 data_dir=fresh_counter)
    assert result.code == 0, str(result)
    assert result.json() == {"imported": 2, "skipped": 0, "rejected": 2, "warnings": 0}
    assert clitools.applicants(fresh_counter)[NIK_MALE]["full_name"] == "Budi Santoso"
    assert not (tmp_path / "register.rejects.csv").exists()
    assert _stray_rejects(fresh_counter) == []
    header, rows = _read_rejects(rejects)
    assert header == ["No", "NIK", "Nama Lengkap", "Tgl Lahir", "L/P", "No HP", "baris", "alasan"]
    assert [(row[1], row[-2]) for row in rows] == [(NIK_MALE, "6"), (NIK_MALE_2, "7")]
    assert all(row[-1].strip() for row in rows)


def test_files_that_are_not_registers_exit_2_and_change_nothing(fresh_counter: Path,
                                                                 tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(random.Random(7).randbytes(4096))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    wrong = write_csv(tmp_path / "wrong.csv", [["kode", "barang", "harga"], ["1", "beras", "1"]])
    no_birth_date = write_csv(tmp_path / "tanpa-tanggal.csv", [
        ["nik", "nama", "jenis_kelamin"], [NIK_MALE, "Budi Santoso", "L"],
    ])
    old_excel = tmp_path / "register.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2040))
    good = write_csv(tmp_path / "good.csv", [
        ["nik", "nama", "tanggal_lahir", "jenis_kelamin"],
        [NIK_MALE, "Budi Santoso", "12-05-1990", "L"],
        [NIK_BAD_PROVINCE, "Salah", "12-05-1990", "L"],
    ])
    cases = {
        "garbage": ([garbage], "file"),
        "empty": ([empty], "file"),
        "wrong columns": ([wrong], "file"),
        "missing birth date column": ([no_birth_date], "file"),
        "old .xls": ([old_excel], "file"),
        "missing file": ([tmp_path / "nope.csv"], "file"),
        "rejects into a missing folder": (
            [good, "--rejects", tmp_path / "no-such-dir" / "out.csv"], "rejects"),
    }
    before_db = clitools.db_state(fresh_counter)
    before_files = clitools.files(tmp_path)
    results = run_many(
        [["import-register", *args, "--json"] for args, _ in cases.values()],
        data_dir=fresh_counter,
    )
    for (name, (_, field)), result in zip(cases.items(), results, strict=True):
        error = result.error()
        assert error.get("field") == field, f"{name}: {result}"
    assert "birth" in results[3].stderr or "tanggal_lahir" in results[3].stderr
    assert ".xls" in results[4].stderr
    assert clitools.db_state(fresh_counter) == before_db
    assert clitools.files(tmp_path) == before_files  # no rejects file written anywhere
    assert _stray_rejects(fresh_counter) == []


def test_who_imported_is_in_the_audit_log(fresh_counter: Path, tmp_path: Path) -> None:
    added = run("user", "add", "petugas1", "--role", "officer", "--password-stdin",
                data_dir=fresh_counter, input="sandi-petugas-kebun-1\n")
    assert added.code == 0, str(added)
    first = write_csv(tmp_path / "satu.csv", [
        ["nik", "nama", "tanggal_lahir", "jenis_kelamin"],
        [NIK_MALE, "Budi Santoso", "12-05-1990", "L"],
    ])
    as_officer = run("import-register", first, "--as", "petugas1", "--json",
                     data_dir=fresh_counter, input="sandi-petugas-kebun-1\n")
    assert as_officer.code == 0, str(as_officer)
    assert as_officer.json()["imported"] == 1

    before = clitools.db_state(fresh_counter)
    nobody = run("import-register", first, "--as", "nobody", "--json", data_dir=fresh_counter,
                 input="sandi-petugas-kebun-1\n")
    assert nobody.error()["field"] == "as"
    # Only the refused sign-in is recorded (under the typed name), nothing else.
    after = clitools.db_state(fresh_counter)
    assert {t: rows for t, rows in after.items() if t != "audit_log"} == {
        t: rows for t, rows in before.items() if t != "audit_log"
    }
    assert [e["actor"] for e in clitools.audit_entries(fresh_counter, "user.signin")] == ["nobody"]

    # The admin who authenticated is named. Every row of this file is rejected, yet the file
    # was read, so the exit code is 0.
    all_bad = write_csv(tmp_path / "semua-salah.csv", [
        ["nik", "nama", "tanggal_lahir", "jenis_kelamin"],
        [NIK_BAD_PROVINCE, "Salah", "12-05-1990", "L"],
        ["12345", "Pendek", "12-05-1990", "L"],
        [NIK_FEMALE, "Siti Aminah", "12-05-1995", "L"],  # sex does not match the NIK
    ])
    as_admin = run("import-register", all_bad, "--json", data_dir=fresh_counter,
                   env={"LOGNAME": "kasir7", "USER": "kasir7", "USERNAME": "kasir7"})
    assert as_admin.code == 0, str(as_admin)
    assert as_admin.json() == {"imported": 0, "skipped": 0, "rejected": 3, "warnings": 0}
    assert (tmp_path / "semua-salah.rejects.csv").is_file()

    imports = clitools.audit_entries(fresh_counter, "register.import")
    assert [(entry["actor"], entry["entity_id"]) for entry in imports] == [
        ("petugas1", "satu.csv"),
        (TEST_ADMIN, "semua-salah.csv"),  # not the OS account: --as is checked, not a label
    ]
    rows = clitools.audit_entries(fresh_counter, "applicant.import")
    assert [entry["actor"] for entry in rows] == ["petugas1"]
    assert clitools.applicants(fresh_counter)[NIK_MALE]["registered_by"] == "petugas1"


# --- issue 16: numbers in digit columns, an unwritable rejects file ------------------------------


def _numeric_nik_register(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin"])
    sheet.append([int(NIK_MALE[:15] + "0"), "Budi Santoso", "12-05-1990", "L"])  # as Excel keeps it
    sheet.append([NIK_FEMALE, "Siti Aminah", "12-05-1995", "P"])
    sheet.append([NIK_MALE_2, "Tanggal Mustahil", "31-02-1990", "L"])
    workbook.save(path)
    return path


def test_numeric_nik_column_is_said_once_above_the_counts(
    fresh_counter: Path, tmp_path: Path
) -> None:
    source = _numeric_nik_register(tmp_path / "register.xlsx")
    result = run("import-register", source, data_dir=fresh_counter)
    assert result.code == 0, str(result)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "baris diproses" not in line]
    assert lines[0].startswith("PERHATIAN: kolom NIK (1 baris) berisi angka, bukan teks"), lines
    assert lines[1] == "Diimpor 1, dilewati 0, ditolak 2, peringatan 0"
    assert result.stderr.count("PERHATIAN") == 1
    header, rows = _read_rejects(tmp_path / "register.rejects.csv")
    assert "NIK tersimpan sebagai angka" in rows[0][header.index("alasan")]

    as_json = run("import-register", source, "--json", data_dir=fresh_counter)
    assert as_json.json()["notice"].startswith("PERHATIAN")


def test_unwritable_default_rejects_file_still_shows_counts_and_reasons(
    fresh_counter: Path, tmp_path: Path
) -> None:
    source = _numeric_nik_register(tmp_path / "register.xlsx")
    (tmp_path / "register.rejects.csv").mkdir()  # a folder where the rejects file would go
    result = run("import-register", source, data_dir=fresh_counter)
    assert "Traceback" not in result.stderr, str(result)
    assert result.code == 1, str(result)
    assert "Diimpor 1, dilewati 0, ditolak 2, peringatan 0" in result.stderr
    assert "Baris 2: NIK tersimpan sebagai angka" in result.stderr
    assert "Baris 4: " in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ltsa-desk: Berkas penolakan tidak bisa ditulis"), last


def test_sync_list_gives_a_refusal_in_indonesian(fresh_counter: Path, tmp_path: Path) -> None:
    """The registry refuses in English; `sync list` tells the officer in Indonesian (issue 16)."""
    source = write_csv(tmp_path / "r.csv", [["NIK", "Nama", "Tanggal Lahir", "JK"],
                                           [NIK_FEMALE, "Siti Aminah", "12-05-1995", "P"]])
    assert run("import-register", source, data_dir=fresh_counter).code == 0
    with contextlib.closing(clitools.connect(fresh_counter)) as connection:
        connection.execute(
            "UPDATE outbox_item SET state = 'needs_attention', "
            "last_error = 'full_name: may contain only letters, spaces and . '' - ,'"
        )
        connection.commit()
    listed = run("sync", "list", data_dir=fresh_counter)
    assert listed.code == 0, str(listed)
    assert "Nama lengkap: hanya boleh berisi huruf, spasi dan tanda . ' - ," in listed.stdout
    assert "may contain only" not in listed.stdout
    raw = run("sync", "list", "--json", data_dir=fresh_counter).json()["items"][0]
    assert raw["last_error"].startswith("full_name: may contain only")  # JSON keeps its words


def test_old_name_immigration_would_refuse_is_refused_at_the_counter(
    fresh_counter: Path, tmp_path: Path
) -> None:
    """A name saved before the rule (old data) is stopped when the passport is requested, in
    one line, instead of leaving for immigration to refuse days later (issue 16)."""
    source = write_csv(tmp_path / "r.csv", [["NIK", "Nama", "Tanggal Lahir", "JK"],
                                           [NIK_FEMALE, "Siti Aminah", "12-05-1995", "P"],
                                           [NIK_MALE, "Budi Santoso", "12-05-1990", "L"]])
    assert run("import-register", source, data_dir=fresh_counter).code == 0
    with contextlib.closing(clitools.connect(fresh_counter)) as connection:
        connection.execute("UPDATE applicant SET full_name = 'Siti <Aminah>' WHERE nik = ?",
                           (NIK_FEMALE,))
        # both recommended at the window (the passport follows the recommendation: issue 16)
        connection.execute("UPDATE applicant SET state = 'recommended'")
        connection.commit()
    before = clitools.count(fresh_counter, "outbox_item")

    one = run("applicant", "request-passport", NIK_FEMALE, "--json", data_dir=fresh_counter)
    error = one.error()
    assert error["field"] == "full_name"
    assert "hanya boleh berisi huruf" in error["message"] and "syarat imigrasi" in error["message"]

    group = run("applicant", "request-passport", NIK_FEMALE, NIK_MALE, data_dir=fresh_counter)
    assert "Traceback" not in group.stderr, str(group)
    assert group.code == 1, str(group)
    assert "syarat imigrasi" in group.stderr
    assert clitools.count(fresh_counter, "outbox_item") == before + 1  # Budi's application only
