"""Registers whose NIK, KK or phone column holds numbers, and XLSX files with impossible cells.

Excel keeps 15 significant digits of a number, so a 16-digit NIK typed into a number cell has lost
its last digit (it reads as 0) and still passes every NIK rule; a phone number has lost its
leading 0. Such rows must be refused with a reason that says what happened and how to fix it,
and nothing from them stored. The XLSX files with NaN, 1e308 or -1 in a date cell, and with one
cell at row 99,999,999, are written by hand (openpyxl refuses to write them) so the reader meets
them as the issue's files were.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlmodel import select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.import_register import ImportReport, import_register
from ltsa_desk.services.register_file import RegisterFileError, read_register
from ltsa_desk.store.database import Database
from ltsa_desk.store.models import Applicant

TODAY = date(2026, 6, 1)
NIK_MALE = "5203011205900001"
NIK_FEMALE = "5203015205950002"
KK = "5203010101100001"
HEADER = ["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "No KK", "No HP"]


def run_import(workspace: Workspace, path: Path, actor: Actor, **kwargs: Any) -> ImportReport:
    return import_register(workspace.database.write_session, path, actor, today=TODAY, **kwargs)


def stored(database: Database) -> dict[str, Applicant]:
    with database.session() as session:
        return {a.nik: a for a in session.exec(select(Applicant)).all()}


def read_rejects(path: Path) -> tuple[str, list[dict[str, str]]]:
    """The rejects file's delimiter and rows, read as the officer's Excel would."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to show UTF-8 names"
    text = raw.decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return delimiter, list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


# --------------------------------------------------------------------------------------------
# Numbers in digit columns


def test_numeric_nik_kk_and_phone_cells_are_refused_with_the_fix(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "register.xlsx",
        [
            HEADER,
            # As Excel holds a NIK typed into a number cell: the 16th digit is 0.
            [5203011205900000, "Budi Santoso", date(1990, 5, 12), "L", None, None],
            [NIK_FEMALE, "Siti Aminah", date(1995, 5, 12), "P", int(KK), None],
            [NIK_MALE, "Budi Lagi", date(1990, 5, 12), "L", KK, 81234567890],
            ["5203011205900010", "Ahmad", date(1990, 5, 12), "L", KK, "081234567890"],
        ],
    )
    report = run_import(workspace, path, actor)

    assert report.as_dict() == {"imported": 1, "skipped": 0, "rejected": 3, "warnings": 0}
    assert set(stored(workspace.database)) == {"5203011205900010"}  # no damaged NIK stored
    assert report.typed_as_number == {"NIK": 1, "Nomor KK": 1, "Nomor HP": 1}
    notice = report.notice()
    assert notice is not None
    assert "15 digit" in notice and "Teks" in notice and "ekspor ulang" in notice

    assert report.rejects_path is not None
    _, rows = read_rejects(report.rejects_path)
    reasons = {row["NIK"]: row["alasan"] for row in rows}
    assert "NIK tersimpan sebagai angka" in reasons["5203011205900000"]
    assert "terbaca 5203011205900000" in reasons["5203011205900000"]
    assert "Format kolom sebagai Teks" in reasons["5203011205900000"]
    assert "Nomor KK tersimpan sebagai angka" in reasons[NIK_FEMALE]
    assert "angka 0 di depan hilang" in reasons[NIK_MALE]


def test_exponent_form_in_a_csv_is_refused_not_guessed(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "NIK;Nama;Tanggal Lahir;Jenis Kelamin;No KK\r\n"
        "5.20301E+15;Budi Santoso;12-05-1990;L;\r\n"
        f"{NIK_FEMALE};Siti Aminah;12-05-1995;P;5,20301E+15\r\n",
        encoding="utf-8-sig",
    )
    register = read_register(path)
    assert [row.typed_as_number for row in register.rows] == [("nik",), ("kk",)]

    report = run_import(workspace, path, actor)
    assert report.rejected == 2 and report.imported == 0
    assert report.typed_as_number == {"NIK": 1, "Nomor KK": 1}
    assert stored(workspace.database) == {}


def test_text_cells_of_digits_are_not_flagged(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "r.xlsx", [HEADER, [NIK_MALE, "Budi", date(1990, 5, 12), "L", KK, "0812345678"]]
    )
    assert read_register(path).rows[0].typed_as_number == ()


# --------------------------------------------------------------------------------------------
# Hand-written XLSX: impossible cells and a far-away row

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
# Style 1 is Excel's built-in date format 14, so a number in it is read as a date.
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill>'
    '<patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/>'
    '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
)


class Dated(str):
    """A raw number written into a date-formatted cell."""


def _cell(reference: str, value: object) -> str:
    if isinstance(value, Dated):
        return f'<c r="{reference}" s="1"><v>{value}</v></c>'
    if isinstance(value, str):
        return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'


def write_raw_xlsx(path: Path, rows: list[tuple[int, list[object]]]) -> Path:
    body = "".join(
        f'<row r="{number}">'
        + "".join(_cell(f"{'ABCDEF'[i]}{number}", v) for i, v in enumerate(cells))
        + "</row>"
        for number, cells in rows
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


SITI_SERIAL = Dated(str((date(1995, 5, 12) - date(1899, 12, 30)).days))


@pytest.mark.parametrize("bad", ["NaN", "INF", "1e308", "-1", "1e400"])
def test_one_impossible_date_cell_refuses_its_row_not_the_file(
    workspace: Workspace, actor: Actor, tmp_path: Path, bad: str
) -> None:
    path = write_raw_xlsx(
        tmp_path / "register.xlsx",
        [
            (1, HEADER[:4]),
            (2, [NIK_MALE, "Budi Santoso", Dated(bad), "L"]),
            (3, [NIK_FEMALE, "Siti Aminah", SITI_SERIAL, "P"]),
        ],
    )
    report = run_import(workspace, path, actor)
    assert report.as_dict() == {"imported": 1, "skipped": 0, "rejected": 1, "warnings": 0}
    assert set(stored(workspace.database)) == {NIK_FEMALE}
    assert stored(workspace.database)[NIK_FEMALE].birth_date == date(1995, 5, 12)
    assert report.reasons[0][0] == 2 and "Tanggal lahir" in report.reasons[0][1]


def test_impossible_number_outside_a_date_column_stays_its_text(tmp_path: Path) -> None:
    path = write_raw_xlsx(
        tmp_path / "r.xlsx",
        [(1, [*HEADER[:4], "Alamat"]), (2, [NIK_MALE, "Budi", SITI_SERIAL, "L", "NaN"])],
    )
    row = read_register(path).rows[0]
    assert row.values["birth_date"] == date(1995, 5, 12)
    assert row.original["Alamat"] == "NaN"


def test_a_cell_beyond_excels_last_row_stops_the_read(tmp_path: Path) -> None:
    path = write_raw_xlsx(
        tmp_path / "tiny.xlsx",
        [(1, HEADER[:4]), (2, [NIK_MALE, "Budi", SITI_SERIAL, "L"]), (99_999_999, ["x"])],
    )
    assert path.stat().st_size < 4096
    with pytest.raises(RegisterFileError, match=r"baris 99\.999\.999"):
        read_register(path)


def test_rows_far_apart_but_within_excel_keep_their_row_numbers(tmp_path: Path) -> None:
    path = write_raw_xlsx(
        tmp_path / "gaps.xlsx",
        [
            (3, HEADER[:4]),
            (4, [NIK_MALE, "Budi", SITI_SERIAL, "L"]),
            (1_048_576, [NIK_FEMALE, "Siti", SITI_SERIAL, "P"]),
        ],
    )
    register = read_register(path)
    assert register.header_row == 3
    assert [row.row_number for row in register.rows] == [4, 1_048_576]


# --------------------------------------------------------------------------------------------
# The rejects file


def test_xlsx_rejects_file_is_what_indonesian_excel_opens(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "register.xlsx",
        [HEADER, [NIK_MALE, "Budi, Santoso", "31-02-1990", "L", None, None]],
    )
    report = run_import(workspace, path, actor)
    assert report.rejects_path is not None
    delimiter, rows = read_rejects(report.rejects_path)
    assert delimiter == ";"  # Indonesian Excel's list separator: "," opens as one column
    assert rows[0]["Nama"] == "Budi, Santoso" and rows[0]["baris"] == "2"


@pytest.mark.parametrize("blocker", ["folder", "missing folder"])
def test_unwritable_rejects_file_keeps_counts_and_reasons(
    workspace: Workspace, actor: Actor, tmp_path: Path, blocker: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = write_xlsx(
        inbox / "register.xlsx",
        [
            HEADER,
            [NIK_MALE, "Budi", "31-02-1990", "L", None, None],
            [NIK_FEMALE, "Siti Aminah", date(1995, 5, 12), "P", None, None],
        ],
    )
    target = inbox / "register.rejects.csv"
    if blocker == "folder":
        target.mkdir()
    else:
        target = tmp_path / "nowhere" / "rejects.csv"  # root writes into read-only folders
    report = run_import(workspace, path, actor, rejects_path=target)
    assert report.as_dict() == {"imported": 1, "skipped": 0, "rejected": 1, "warnings": 0}
    assert set(stored(workspace.database)) == {NIK_FEMALE}
    assert report.rejects_error is not None and str(target) in report.rejects_error
    assert [number for number, _ in report.reasons] == [2]
    assert "Tanggal lahir" in report.reasons[0][1]
