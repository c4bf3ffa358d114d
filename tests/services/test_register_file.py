"""Reading office registers: real CSV/XLSX files written to tmp_path, plus hostile inputs.

Fixtures are generated here rather than committed, so the tests document exactly which quirks of
Indonesian Excel (``;`` delimiter, ANSI code page, title rows, numeric NIK cells) are covered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ltsa_desk.services import register_file as rf
from ltsa_desk.services.register_file import (
    FIELDS,
    RegisterFileError,
    canonical_field,
    normalise_header,
    read_register,
)
from tests.services.registerfiles import NIK1, NIK2, write_csv

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
