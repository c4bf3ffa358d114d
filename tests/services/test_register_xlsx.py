"""Reading office registers saved as XLSX, and the reader's limits (rows, blank lines, file and
decompressed size) on both kinds of file: real workbooks written to tmp_path."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from ltsa_desk.services import register_file as rf
from ltsa_desk.services.register_file import (
    RegisterFileError,
    read_register,
)
from tests.services.registerfiles import NIK1, NIK2, write_csv, write_xlsx

# --------------------------------------------------------------------------------------------
# XLSX


def test_xlsx_title_rows_dates_and_numeric_cells(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["REGISTER CPMI"],
        ["LTSA Kabupaten Lombok Timur"],
        [],
        ["No", "NIK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "JK", "No. HP", "Nilai"],
        [1, float(NIK1), " Ani ", "Selong", datetime(1990, 5, 12), "P", 81234567890, 7.5],
        [2, int(NIK2), "Budi", None, date(1995, 8, 15), "L", "081234567890", None],
        [],
        [None, "   ", None, None, None, None, None, None],
        [4, 5.2030112059e15, "Excel-rounded", None, datetime(1990, 5, 12, 13, 30), "L", None, 3],
        [5, NIK1, "Serial", None, 33005, "P", None, True],
    ]
    path = write_xlsx(tmp_path / "register.xlsx", {"Data": rows})

    reg = read_register(path)

    assert reg.source_format == "xlsx"
    assert reg.delimiter is None
    assert reg.sheet_name == "Data"
    assert reg.header_row == 4
    assert reg.columns[:3] == ["No", "NIK", "Nama Lengkap"]
    assert [r.row_number for r in reg.rows] == [5, 6, 9, 10]
    ani, budi, rounded, serial = reg.rows
    assert ani.values["nik"] == NIK1  # float cell, no exponent, no ".0"
    assert ani.original["NIK"] == NIK1
    assert ani.values["full_name"] == "Ani"
    assert ani.original["Nama Lengkap"] == " Ani "
    assert ani.values["birth_date"] == date(1990, 5, 12)
    assert type(ani.values["birth_date"]) is date
    assert ani.original["Tanggal Lahir"] == "1990-05-12"
    assert ani.values["phone"] == "81234567890"  # leading 0 lost in Excel; validation's problem
    assert ani.original["Nilai"] == "7.5"
    assert ani.original["No"] == "1"
    assert budi.values["nik"] == NIK2
    assert budi.values["birth_place"] is None
    assert budi.values["phone"] == "081234567890"
    # Excel keeps 15 significant digits: the last NIK digit is gone and must stay visibly wrong.
    assert rounded.values["nik"] == "5203011205900000"
    assert rounded.values["birth_date"] == date(1990, 5, 12)
    assert rounded.original["Tanggal Lahir"] == "1990-05-12 13:30:00"
    assert serial.values["birth_date"] == "33005"
    assert serial.original["Nilai"] == "TRUE"


def test_xlsx_non_whole_number_keeps_native_float(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "r.xlsx",
        {"S": [["nik", "nama", "tanggal_lahir", "jk", "alamat"], [NIK1, "A", 33005.5, "L", 1.25]]},
    )
    row = read_register(path).rows[0]
    assert row.values["birth_date"] == 33005.5
    assert row.values["address"] == 1.25


def test_xlsx_skips_instruction_sheet_and_prefers_visible(tmp_path: Path) -> None:
    header = ["NIK", "Nama", "Tgl Lahir", "L/P"]
    path = write_xlsx(
        tmp_path / "r.xlsx",
        {
            "Petunjuk": [["Isi data mulai baris 2"], ["Kolom NIK wajib 16 digit"]],
            "Lama": [header, [NIK2, "Hidden", "1990", "L"]],
            "Data CPMI": [header, [NIK1, "Visible", "1990", "P"]],
        },
        hidden={"Lama"},
    )
    reg = read_register(path)
    assert reg.sheet_name == "Data CPMI"
    assert reg.rows[0].values["full_name"] == "Visible"


def test_xlsx_without_header_names_sheet_and_missing_columns(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "r.xlsx",
        {"Petunjuk": [["Baca dulu"]], "Data": [["Judul"], ["NIK", "Nama", "JK"], [NIK1, "A", "L"]]},
    )
    with pytest.raises(RegisterFileError) as info:
        read_register(path)
    message = str(info.value)
    assert "Kolom wajib tidak ditemukan: tanggal_lahir" in message
    assert "baris 2" in message
    assert "'Data'" in message


def test_xlsx_header_only(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", {"S": [["Judul"], ["nik", "nama", "tgl lahir", "jk"]]})
    reg = read_register(path)
    assert reg.rows == []
    assert reg.header_row == 2


def test_xlsx_duplicate_canonical_column(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "r.xlsx", {"S": [["nik", "nama", "nama lengkap", "tgl lahir", "jk"]]}
    )
    with pytest.raises(RegisterFileError, match="Kolom ganda"):
        read_register(path)


def test_format_is_decided_by_content_not_extension(tmp_path: Path) -> None:
    xlsx_named_csv = write_xlsx(
        tmp_path / "looks-like.csv",
        {"S": [["nik", "nama", "tgl lahir", "jk"], [NIK1, "A", 1, "L"]]},
    )
    assert read_register(xlsx_named_csv).source_format == "xlsx"
    csv_named_xlsx = tmp_path / "looks-like.xlsx"
    csv_named_xlsx.write_text(f"nik;nama;tgl lahir;jk\n{NIK1};A;1;L\n")
    assert read_register(csv_named_xlsx).source_format == "csv"


def test_legacy_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "register.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    with pytest.raises(RegisterFileError, match=r"\.xls\).*\.xlsx.*CSV"):
        read_register(path)


def test_password_protected_xlsx_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    body = b"\x00" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body)
    with pytest.raises(RegisterFileError, match="kata sandi"):
        read_register(path)


def test_truncated_xlsx(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", {"S": [["nik", "nama", "tgl lahir", "jk"]] * 50})
    data = good.read_bytes()
    for cut in (10, len(data) // 2, len(data) - 30):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(data[:cut])
        with pytest.raises(RegisterFileError):
            read_register(path)


def test_xlsx_with_corrupt_sheet_xml(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", {"S": [["nik", "nama", "tgl lahir", "jk"]]})
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = content[: len(content) // 2]
            dst.writestr(info, content)
    with pytest.raises(RegisterFileError, match="rusak"):
        read_register(bad)


@pytest.mark.parametrize(
    ("entries", "pattern"),
    [
        ({"hello.txt": b"hi"}, "bukan buku kerja Excel"),
        ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}, r"\.ods"),
        ({"[Content_Types].xml": b"<x/>", "xl/workbook.bin": b"\x00"}, r"\.xlsb"),
    ],
)
def test_zip_that_is_not_xlsx(tmp_path: Path, entries: dict[str, bytes], pattern: str) -> None:
    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    with pytest.raises(RegisterFileError, match=pattern):
        read_register(path)


def test_empty_zip(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w"):
        pass
    with pytest.raises(RegisterFileError):
        read_register(path)


# --------------------------------------------------------------------------------------------
# Limits and speed


def test_row_limit_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rf.limits, "MAX_DATA_ROWS", 5)
    rows = [["nik", "nama", "tgl lahir", "jk"]] + [[NIK1, "A", "1", "L"]] * 5
    path = write_csv(tmp_path / "r.csv", rows)
    assert len(read_register(path).rows) == 5
    write_csv(path, [*rows, [NIK2, "B", "1", "L"]])
    with pytest.raises(RegisterFileError, match="lebih dari 5 baris"):
        read_register(path)


def test_row_limit_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rf.limits, "MAX_DATA_ROWS", 3)
    rows: list[list[object]] = [["nik", "nama", "tgl lahir", "jk"]] + [[NIK1, "A", 1, "L"]] * 4
    path = write_xlsx(tmp_path / "r.xlsx", {"S": rows})
    with pytest.raises(RegisterFileError, match="terlalu besar"):
        read_register(path)


def test_blank_line_flood_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rf.limits, "MAX_SHEET_ROWS", 50)
    path = tmp_path / "r.csv"
    path.write_text("nik;nama;tgl lahir;jk\n" + "\n" * 60)
    with pytest.raises(RegisterFileError, match="lebih dari 50 baris"):
        read_register(path)


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rf.limits, "MAX_FILE_BYTES", 100)
    path = tmp_path / "r.csv"
    path.write_text("nik;nama;tgl lahir;jk\n" + f"{NIK1};A;1;L\n" * 10)
    with pytest.raises(RegisterFileError, match="terlalu besar"):
        read_register(path)


def test_decompressed_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rf.limits, "MAX_UNCOMPRESSED_BYTES", 1000)
    path = write_xlsx(tmp_path / "r.xlsx", {"S": [["nik", "nama", "tgl lahir", "jk"]]})
    with pytest.raises(RegisterFileError, match="terlalu besar"):
        read_register(path)


def _big_rows(n: int) -> list[list[object]]:
    header = ["No", "NIK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "JK", "Alamat"]
    header += ["No HP", "Pendidikan", "Status Kawin", "Negara Tujuan", "Jabatan", "Sektor", "P3MI"]
    tail = ["0812", "SMA", "Kawin", "Malaysia", "Operator", "Manufaktur", "PT Maju"]
    body = [
        [i, str(5203010101900000 + i), f"Nama {i}", "Selong", "01-01-1990", "L", f"Jl. {i}", *tail]
        for i in range(1, n + 1)
    ]
    return [header, *body]


def test_ten_thousand_row_csv_reads_whole(tmp_path: Path) -> None:
    """Every row of a large register, numbered as in the file (its speed: benchmarks/
    bench_import.py; a timing bound here only fails on a busy machine)."""
    path = write_csv(tmp_path / "big.csv", [[str(c) for c in r] for r in _big_rows(10_000)])
    reg = read_register(path)
    assert len(reg.rows) == 10_000
    assert reg.rows[-1].row_number == 10_001


def test_ten_thousand_row_xlsx_reads_whole(tmp_path: Path) -> None:
    """As the CSV above; the speed is the import benchmark's (benchmarks/bench_import.py)."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    for row in _big_rows(10_000):
        ws.append(row)
    path = tmp_path / "big.xlsx"
    wb.save(path)
    reg = read_register(path)
    assert len(reg.rows) == 10_000
    assert reg.rows[-1].values["nik"] == "5203010101910000"
