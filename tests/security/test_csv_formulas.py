"""Finding 4: no CSV cell a spreadsheet would run as a formula.

Names like ``=HYPERLINK("http://x","klik")``, ``+cmd|' /C calc'!A``, ``@SUM(A)`` and a P3MI
named ``=cmd|"/C calc"!A0 PT`` were written raw into ``report export --format csv`` (both
delimiters, summary tables too) and into the import's rejects file. Phone numbers must stay
readable (``+62...``), and XLSX keeps writing plain strings.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy
from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.csv_cells import FORMULA_STARTS, safe_cell
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.services.register_file import read_register, write_rejects
from ltsa_desk.services.reports import ExportRequest, Period, export_report

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

HOSTILE_NAMES = [
    '=HYPERLINK("http://x","klik")',
    "+cmd|' /C calc'!A",
    "@SUM(A)",
    "-cmd|' /C calc'!A",
    "\t=cmd|' /C calc'!A",
    "\r=SUM(A)",
]
HOSTILE_AGENCY = '=cmd|"/C calc"!A0 PT'
PHONES = ["+62 812-3456-7890", "+6281234567890", "081234567890", "-", "-12,5"]


def runs_as_formula(cell: str) -> bool:
    """What a spreadsheet would evaluate: a formula start, and more than a plain number."""
    return bool(cell) and cell[0] in FORMULA_STARTS and safe_cell(cell) != cell


def all_cells(path: Path, delimiter: str) -> Iterator[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh, delimiter=delimiter):
            yield from row


# ------------------------------------------------------------------------------------------------
# the rule


@given(st.text(max_size=40))
def test_no_escaped_cell_starts_a_formula_and_the_prefix_is_the_only_change(text: str) -> None:
    escaped = safe_cell(text)
    assert escaped == text or escaped == "'" + text
    if escaped != text:
        assert text[0] in FORMULA_STARTS
    elif text and text[0] in FORMULA_STARTS:
        # Left alone only when nothing in it could name a function or another program.
        assert not any(ch.isalpha() or ch in "\"'|!:$&" for ch in text)
        assert text[0] not in "=@\t\r\n\uff1d\uff20"


@pytest.mark.parametrize("name", [*HOSTILE_NAMES, HOSTILE_AGENCY])
def test_each_known_attack_is_neutralised(name: str) -> None:
    assert safe_cell(name) == "'" + name


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_and_numbers_stay_readable(phone: str) -> None:
    assert safe_cell(phone) == phone


def test_ordinary_values_pass_untouched() -> None:
    for value in ("Siti Aminah", "PT Bintang Mandiri", "", None, 5, 9.5, "O'Neil"):
        assert safe_cell(value) == value


# ------------------------------------------------------------------------------------------------
# report export


def _hostile_register(workspace: Workspace, actor: Actor) -> None:
    """Six CPMI with hostile names and one hostile P3MI, written into the database the way old
    data or an imported register would carry them (no intake rule in between)."""
    for index, name in enumerate(HOSTILE_NAMES, start=1):
        data = {
            "nik": f"52030152059500{index:02d}",
            "full_name": "Siti Aminah",
            "birth_date": "12-05-1995",
            "sex": "P",
            "destination_country": "Malaysia",
            "sector": "informal",
            "agency": "PT Bintang Mandiri",
        }
        with workspace.database.write_session() as session:
            applicant = register_applicant(session, data, actor).applicant
            session.connection().execute(
                sqlalchemy.text("UPDATE applicant SET full_name = :name WHERE id = :id"),
                {"name": name, "id": applicant.id.hex},
            )
            session.commit()
    with workspace.database.write_session() as session:
        session.connection().execute(
            sqlalchemy.text("UPDATE agency SET name = :name"), {"name": HOSTILE_AGENCY}
        )
        session.commit()


@SQLITE
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_report_csv_has_no_formula_in_any_cell(
    workspace: Workspace, actor: Actor, tmp_path: Path, delimiter: str
) -> None:
    _hostile_register(workspace, actor)
    admin = Actor(username="admin1", counter_id="LOTIM-01", office_code="52.03", role="admin")
    today = datetime.now(UTC).date()
    out = tmp_path / "laporan.csv"
    request = ExportRequest(
        kind="placements",
        period=Period(today - timedelta(days=2), today + timedelta(days=2)),
        fmt="csv",
        out=out,
        csv_delimiter=delimiter,
    )
    export_report(workspace, request, admin)

    cells = list(all_cells(out, delimiter))
    # The hostile values are there (details and the P3MI summary), shown as text.
    for name in HOSTILE_NAMES:
        assert "'" + name in cells
    assert cells.count("'" + HOSTILE_AGENCY) >= 2  # a detail column and the P3MI summary table
    assert [cell for cell in cells if runs_as_formula(cell)] == []


@SQLITE
def test_report_xlsx_keeps_plain_strings(
    workspace: Workspace, actor: Actor, tmp_path: Path
) -> None:
    """XLSX types every cell: a name is a string cell, never a formula, and needs no prefix."""
    _hostile_register(workspace, actor)
    admin = Actor(username="admin1", counter_id="LOTIM-01", office_code="52.03", role="admin")
    today = datetime.now(UTC).date()
    out = tmp_path / "laporan.xlsx"
    request = ExportRequest(
        kind="placements",
        period=Period(today - timedelta(days=2), today + timedelta(days=2)),
        fmt="xlsx",
        out=out,
    )
    export_report(workspace, request, admin)

    book = openpyxl.load_workbook(out)
    found: set[str] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    found.add(cell.value)
    # XML has no bare carriage return: the reader sees "\r" as a line break; the text is kept.
    assert {n.strip() for n in [*HOSTILE_NAMES, HOSTILE_AGENCY]} <= {f.strip() for f in found}


# ------------------------------------------------------------------------------------------------
# the import's rejects file


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_rejects_file_has_no_formula_and_phones_stay_readable(
    tmp_path: Path, delimiter: str
) -> None:
    source = tmp_path / "register.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(["NIK", "Nama", "Tgl Lahir", "JK", "No HP", "P3MI"])
        for index, (name, phone) in enumerate(zip(HOSTILE_NAMES, PHONES * 2, strict=False)):
            writer.writerow(
                [f"52030112059000{index:02d}", name, "12-05-1990", "P", phone, HOSTILE_AGENCY]
            )
    register = read_register(source)
    out = tmp_path / "ditolak.csv"
    write_rejects(out, register, [(row, "Nama tidak sah") for row in register.rows])

    cells = list(all_cells(out, register.delimiter or ";"))
    assert [cell for cell in cells if runs_as_formula(cell)] == []
    for phone in PHONES:
        assert phone in cells  # as typed, no quote in front
    assert "'" + HOSTILE_AGENCY in cells
