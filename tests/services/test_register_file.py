"""Reading office registers: real CSV/XLSX files written to tmp_path, plus hostile inputs.

Fixtures are generated here rather than committed, so the tests document exactly which quirks of
Indonesian Excel (``;`` delimiter, ANSI code page, title rows, numeric NIK cells) are covered.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ltsa_desk.services import register_file as rf
from ltsa_desk.services.register_file import (
    FIELDS,
    RegisterFile,
    RegisterFileError,
    canonical_field,
    normalise_header,
    read_register,
    write_rejects,
)

NIK1 = "5203011205900001"
NIK2 = "5203015508950002"


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]], hidden: set[str] = frozenset()):
    """Write a workbook with the given sheets (in order) and return its path."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], *, delimiter=";", encoding="utf-8") -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


# --------------------------------------------------------------------------------------------
# Header names


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("NIK", "nik"),
        ("No. NIK", "nik"),
        ("nomor_nik", "nik"),
        ("NIK*", "nik"),
        ("no_kk", "kk"),
        ("Nama Lengkap", "full_name"),
        ("full_name", "full_name"),
        ("FULL-NAME", "full_name"),
        ("Tempat Lahir", "birth_place"),
        ("Tgl. Lahir", "birth_date"),
        ("tanggal_lahir", "birth_date"),
        ("Tanggal Lahir (dd/mm/yyyy)", "birth_date"),
        ("Birth Date", "birth_date"),
        ("JK", "sex"),
        ("L / P", "sex"),
        ("Jenis Kelamin (L/P)", "sex"),
        ("Alamat", "address"),
        ("No. HP", "phone"),
        ("Nomor HP", "phone"),
        ("Telepon", "phone"),
        ("No Telp", "phone"),
        ("Pendidikan", "education"),
        ("Status Kawin", "marital_status"),
        ("status_perkawinan", "marital_status"),
        ("Negara Tujuan", "destination_country"),
        ("Jabatan", "job_title"),
        ("Sektor", "sector"),
        ("P3MI", "agency"),
        ("PPTKIS", "agency"),
        ("Nama P3MI", "agency"),  # must not be taken for the applicant's name
        ("Rencana Keberangkatan", "planned_departure"),
        ("rencana_berangkat", "planned_departure"),
        ("  Tanggal\nLahir ", "birth_date"),  # Excel wrapped header text
        ("No", None),
        ("Keterangan", None),
        ("", None),
    ],
)
def test_header_aliases(header: str, expected: str | None) -> None:
    assert canonical_field(header) == expected


def test_normalise_header_treats_separators_alike() -> None:
    assert {normalise_header(h) for h in ["no_hp", "No. HP", " NO-HP ", "no  hp"]} == {"no hp"}


# --------------------------------------------------------------------------------------------
# CSV


def test_csv_semicolon_cp1252_with_title_rows(tmp_path: Path) -> None:
    text = (
        "REGISTER CPMI LTSA LOMBOK TIMUR;;;;;\r\n"
        "Per tanggal 01-07-2024;;;;;\r\n"
        "No;NIK;Nama Lengkap;Tgl. Lahir;L/P;Keterangan\r\n"
        f"1;{NIK1};  Sú Ani ;12-05-1990;P;sudah medical\r\n"
        ";;;;;\r\n"
        "\r\n"
        f"2;{NIK2};Budi;36526;L;\r\n"
    )
    path = tmp_path / "register.csv"
    path.write_bytes(text.encode("cp1252"))

    reg = read_register(path)

    assert reg.source_format == "csv"
    assert reg.encoding == "cp1252"
    assert reg.delimiter == ";"
    assert reg.header_row == 3
    assert reg.columns == ["No", "NIK", "Nama Lengkap", "Tgl. Lahir", "L/P", "Keterangan"]
    assert reg.mapping == {
        "nik": "NIK",
        "full_name": "Nama Lengkap",
        "birth_date": "Tgl. Lahir",
        "sex": "L/P",
    }
    assert reg.unmapped_columns == ["No", "Keterangan"]
    assert [r.row_number for r in reg.rows] == [4, 7]
    first, second = reg.rows
    assert first.values["full_name"] == "Sú Ani"
    assert first.values["nik"] == NIK1
    assert first.values["birth_date"] == "12-05-1990"
    assert first.original["Nama Lengkap"] == "  Sú Ani "
    assert first.original["Keterangan"] == "sudah medical"
    assert second.values["birth_date"] == "36526"  # serials stay text; the date parser handles them
    assert second.original["Keterangan"] == ""
    assert set(first.values) == set(FIELDS)
    assert first.values["phone"] is None


def test_csv_comma_utf8_bom_english_mixed_case(tmp_path: Path) -> None:
    rows = [
        ["NIK", "Full_Name", "BIRTH DATE", "Sex", "Address", "Phone"],
        [NIK1, "Siti Aminah", "1990-05-12", "P", "Jl. Mawar 1, Selong, NTB", " 0812 "],
        [NIK2, "Made", "1995-08-15", "L", "Dusun Baru\nDesa Lama", ""],
        [NIK1, "Nur", "1991-01-01", "P", "", ""],
    ]
    path = write_csv(tmp_path / "r.csv", rows, delimiter=",", encoding="utf-8-sig")

    reg = read_register(path)

    assert reg.encoding == "utf-8-sig"
    assert reg.delimiter == ","
    assert reg.columns[0] == "NIK"  # the BOM is not part of the first header
    assert reg.rows[0].values["address"] == "Jl. Mawar 1, Selong, NTB"
    assert reg.rows[0].values["phone"] == "0812"
    assert reg.rows[1].values["address"] == "Dusun Baru\nDesa Lama"
    assert reg.rows[1].values["phone"] is None
    # A quoted cell spanning two lines is one row in Excel, so the next row is row 4.
    assert [r.row_number for r in reg.rows] == [2, 3, 4]


def test_csv_utf8_without_bom_keeps_indonesian_names(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        [["nik", "nama", "tanggal_lahir", "jenis_kelamin"], [NIK1, "Ni Luh Sú", "1/2/1990", "P"]],
    )
    reg = read_register(path)
    assert reg.encoding == "utf-8-sig"
    assert reg.rows[0].values["full_name"] == "Ni Luh Sú"


def test_csv_tab_delimited_utf16_unicode_text(tmp_path: Path) -> None:
    """Excel's "Unicode Text" export: UTF-16 with BOM, tab separated."""
    path = tmp_path / "r.txt"
    text = f"NIK\tNama\tTanggal Lahir\tJK\r\n{NIK1}\tSú\t12/05/1990\tP\r\n"
    path.write_bytes(text.encode("utf-16"))
    reg = read_register(path)
    assert reg.delimiter == "\t"
    assert reg.rows[0].values["full_name"] == "Sú"


def test_csv_plain_tab_delimited(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.tsv",
        [["nik", "nama", "tgl lahir", "jk"], [NIK1, "A", "x", "L"]],
        delimiter="\t",
    )
    assert read_register(path).delimiter == "\t"


def test_csv_excel_sep_hint_line_is_honoured_and_not_counted(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        f"sep=|\r\nnik|nama|tanggal_lahir|jk\r\n{NIK1}|A, B|1990-01-01|L\r\n", newline=""
    )
    reg = read_register(path)
    assert reg.delimiter == "|"
    assert reg.header_row == 1
    assert reg.rows[0].row_number == 2
    assert reg.rows[0].values["full_name"] == "A, B"


@pytest.mark.parametrize("hint", ['sep="', "sep=x", "sep=\r"])
def test_csv_odd_sep_hint_is_not_trusted(tmp_path: Path, hint: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"{hint}\nnik;nama;tanggal_lahir;jk\n{NIK1};A;1990;L\n", newline="")
    reg = read_register(path)
    assert reg.delimiter == ";"
    assert reg.rows[0].values["nik"] == NIK1


def test_csv_short_and_long_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"nik;nama;tanggal_lahir;jk;alamat\n{NIK1};A\n{NIK2};B;1990;L;Jl;extra;more\n")
    reg = read_register(path)
    assert reg.rows[0].values["birth_date"] is None
    assert reg.rows[0].original["alamat"] == ""
    assert reg.rows[1].values["address"] == "Jl"
    assert list(reg.rows[1].original) == ["nik", "nama", "tanggal_lahir", "jk", "alamat"]


def test_columns_without_header_are_ignored_and_duplicates_renamed(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        [
            ["nik", "", "nama", "tanggal_lahir", "jk", "Catatan", "Catatan", "Catatan (2)"],
            [NIK1, "zzz", "A", "1990", "L", "c1", "c2", "c3"],
            ["", "only unnamed", "", "", "", "", "", ""],
        ],
    )
    reg = read_register(path)
    assert reg.columns == [
        "nik",
        "nama",
        "tanggal_lahir",
        "jk",
        "Catatan",
        "Catatan (2)",
        "Catatan (2) (2)",
    ]
    assert [r.row_number for r in reg.rows] == [2]
    assert reg.rows[0].original["Catatan (2)"] == "c2"
    assert "zzz" not in reg.rows[0].original.values()


def test_header_only_file_has_zero_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("NIK;Nama;Tanggal Lahir;Jenis Kelamin\r\n", newline="")
    reg = read_register(path)
    assert reg.rows == []
    assert reg.mapping["sex"] == "Jenis Kelamin"


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(RegisterFileError):
        read_register(path)


def test_empty_file_message(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"")
    with pytest.raises(RegisterFileError, match="kosong"):
        read_register(path)


def test_missing_required_columns_are_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", [["Nama", "JK", "Alamat"], ["A", "L", "x"]])
    with pytest.raises(RegisterFileError) as info:
        read_register(path)
    assert "Kolom wajib tidak ditemukan: nik, tanggal_lahir" in str(info.value)


def test_missing_required_columns_reported_from_best_candidate_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        [["Register NIK"], [], ["NIK", "Nama", "Tgl Lahir", "Alamat"], [NIK1, "A", "1990", "x"]],
    )
    with pytest.raises(
        RegisterFileError, match=r"ditemukan: jenis_kelamin \(judul kolom di baris 3"
    ):
        read_register(path)


def test_no_header_at_all(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("just;some;text\n1;2;3\n")
    with pytest.raises(RegisterFileError, match="Baris judul kolom tidak ditemukan"):
        read_register(path)


def test_header_below_search_window_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("judul\n" * rf.HEADER_SEARCH_ROWS + "nik;nama;tanggal_lahir;jk\n")
    with pytest.raises(RegisterFileError):
        read_register(path)


def test_duplicate_canonical_column_is_an_error(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        [
            ["NIK", "Nama", "Tgl Lahir", "JK", "No HP", "Telepon"],
            [NIK1, "A", "1990", "L", "1", "2"],
        ],
    )
    with pytest.raises(RegisterFileError, match=r"Kolom ganda.*no_hp.*'No HP'.*'Telepon'"):
        read_register(path)


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(RegisterFileError, match="biner"):
        read_register(path)


def test_html_saved_as_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>NIK</td></tr></table></body></html>")
    with pytest.raises(RegisterFileError, match=r"HTML.*\.xlsx"):
        read_register(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(RegisterFileError, match="tidak ditemukan"):
        read_register(tmp_path / "nope.csv")
    with pytest.raises(RegisterFileError, match="folder"):
        read_register(tmp_path)


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


# --------------------------------------------------------------------------------------------
# write_rejects


def test_write_rejects_csv_keeps_delimiter_and_original_text(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        (
            "Judul;;;;\r\n"
            "NIK;Nama;Tgl Lahir;JK;Catatan\r\n"
            f"{NIK1};  Sú ;31-02-1990;X;a;b\r\n"
            f"{NIK2};Budi;01-01-1990;L;\r\n"
        ).encode("cp1252")
    )
    reg = read_register(source)
    out = tmp_path / "ditolak.csv"
    write_rejects(out, reg, [(reg.rows[0], "Tanggal lahir tidak valid; jenis kelamin L/P")])

    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "NIK;Nama;Tgl Lahir;JK;Catatan;baris;alasan"
    assert (
        lines[1] == f'{NIK1};  Sú ;31-02-1990;X;a;3;"Tanggal lahir tidak valid; jenis kelamin L/P"'
    )
    assert lines[2:] == [""]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ditolak.csv", "in.csv"]  # no temp


def test_write_rejects_for_xlsx_uses_semicolon_and_can_be_reimported(tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "in.xlsx",
        {"S": [["NIK", "Nama", "Tgl Lahir", "JK"], [float(NIK1), "A, B", date(1990, 5, 12), "X"]]},
    )
    reg = read_register(source)
    out = tmp_path / "ditolak.csv"
    write_rejects(out, reg, [(reg.rows[0], "JK harus L atau P")])
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == (
        f"{NIK1};A, B;1990-05-12;X;2;JK harus L atau P"  # Indonesian Excel's list separator
    )

    # The officer fixes the file and imports it again; the rejects of that import must not
    # grow a second "baris"/"alasan" pair.
    again = read_register(out)
    assert again.delimiter == ";"
    assert again.columns == ["NIK", "Nama", "Tgl Lahir", "JK", "baris", "alasan"]
    assert again.rows[0].values["birth_date"] == "1990-05-12"
    write_rejects(out, again, [(again.rows[0], "masih salah")])
    header, row = out.read_text(encoding="utf-8-sig").splitlines()
    assert header == "NIK;Nama;Tgl Lahir;JK;baris;alasan"
    assert row.endswith(";2;masih salah")


def test_write_rejects_with_no_rejects_writes_header(tmp_path: Path) -> None:
    reg = RegisterFile(
        columns=["nik", "nama"],
        mapping={},
        rows=[],
        source_format="csv",
        header_row=1,
        delimiter=";",
    )
    out = tmp_path / "d.csv"
    write_rejects(out, reg, [])
    assert out.read_bytes() == b"\xef\xbb\xbfnik;nama;baris;alasan\r\n"


def test_write_rejects_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "in.csv", [["nik", "nama", "tgl lahir", "jk"], [NIK1, "A", "", ""]])
    reg = read_register(path)
    out = tmp_path / "ditolak.csv"
    out.write_text("previous")

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(rf.rejects.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_rejects(out, reg, [(reg.rows[0], "x")])
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ditolak.csv", "in.csv"]


# --------------------------------------------------------------------------------------------
# Hostile and generated input

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _read_or_refuse(path: Path) -> RegisterFile | None:
    """The only acceptable outcomes: a register, or RegisterFileError."""
    try:
        return read_register(path)
    except RegisterFileError as exc:
        assert str(exc)
        return None


@FUZZ
@given(
    prefix=st.sampled_from(
        [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe"]
    ),
    body=st.binary(max_size=2000),
)
def test_random_bytes_never_crash(tmp_path: Path, prefix: bytes, body: bytes) -> None:
    path = tmp_path / "fuzz.bin"
    path.write_bytes(prefix + body)
    _read_or_refuse(path)


@FUZZ
@given(
    body=st.lists(
        st.sampled_from([*';,\t"\r\n =<>sepú', "nik", "nama", "jk", "tgl lahir", NIK1]),
        max_size=200,
    ).map("".join)
)
def test_random_delimited_text_never_crashes(tmp_path: Path, body: str) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_text(body, encoding="utf-8", newline="")
    _read_or_refuse(path)


@FUZZ
@given(data=st.data())
def test_mangled_xlsx_never_crashes(tmp_path: Path, data: st.DataObject) -> None:
    good = tmp_path / "good.xlsx"
    if not good.exists():
        write_xlsx(good, {"S": [["nik", "nama", "tgl lahir", "jk"], [NIK1, "A", 1, "L"]]})
    raw = bytearray(good.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "mangled.xlsx"
    path.write_bytes(bytes(raw))
    _read_or_refuse(path)


_cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", ";", '"']),
    max_size=20,
)


@FUZZ
@given(
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
    rows=st.lists(st.lists(_cell_text, min_size=5, max_size=5), max_size=15),
)
def test_csv_round_trip(
    tmp_path: Path, delimiter: str, encoding: str, rows: list[list[str]]
) -> None:
    header = ["NIK", "Nama", "Tanggal Lahir", "JK", "Catatan"]
    path = write_csv(tmp_path / "rt.csv", [header, *rows], delimiter=delimiter, encoding=encoding)
    reg = read_register(path)
    expected = [(n, r) for n, r in enumerate(rows, start=2) if any(c.strip() for c in r)]
    assert [row.original for row in reg.rows] == [
        dict(zip(header, r, strict=True)) for _, r in expected
    ]
    for row, (_, cells) in zip(reg.rows, expected, strict=True):
        assert row.values["nik"] == (cells[0].strip() or None)
        assert row.values["sex"] == (cells[3].strip() or None)


@FUZZ
@given(
    names=st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), max_size=6
    ),
    values=st.lists(
        st.one_of(
            st.none(),
            st.integers(-(10**17), 10**17),
            st.floats(allow_nan=False, allow_infinity=False),
            st.dates(min_value=date(1900, 3, 1)),
            st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
        ),
        min_size=10,
        max_size=10,
    ),
)
def test_xlsx_arbitrary_cells(tmp_path: Path, names: list[str], values: list[object]) -> None:
    header = ["nik", "nama", "tgl lahir", "jk", *names]
    path = write_xlsx(tmp_path / "c.xlsx", {"S": [header, values]})
    reg = _read_or_refuse(path)
    if reg is None:  # only a duplicate canonical column may stop it
        assert any(canonical_field(n) for n in names)
        return
    for row in reg.rows:
        assert row.row_number == 2
        assert all(isinstance(v, str | float | date) or v is None for v in row.values.values())
        assert all(isinstance(t, str) for t in row.original.values())
