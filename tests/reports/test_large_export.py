"""100,000 CPMI to XLSX: every row is there, the summary adds up, and the sheet is well formed.

Timing and memory are measured by ``benchmarks/export_report.py``, never asserted here. The rows
go in by bulk insert on the workspace's (encrypted) engine; the sheet is counted by streaming its
XML, which reads 100,000 rows in about a second where a full openpyxl load would take many.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import iterparse

import openpyxl
import pytest
from reportdata import add_agencies, add_people, at, many_people

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from ltsa_desk.services.reports import ExportRequest, Period, export_report

COUNT = 100_000
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def count_rows(path: Path, sheet_file: str) -> tuple[int, list[str]]:
    """Rows of a sheet, and the inline-string texts of its last row."""
    rows, last = 0, []
    with zipfile.ZipFile(path) as package, package.open(sheet_file) as xml:
        for _event, element in iterparse(xml):
            if element.tag == f"{MAIN}row":
                rows += 1
                last = [t.text or "" for t in element.iter(f"{MAIN}t")]
                element.clear()
    return rows, last


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_100000_cpmi_to_xlsx(workspace: Workspace, admin: Actor, tmp_path: Path) -> None:
    engine = workspace.database.engine
    agencies = add_agencies(engine, [f"PT Penempatan {n:02d}" for n in range(40)])
    people = list(
        many_people(COUNT, at(2026, 1, 1, 7), at(2026, 6, 30, 16), list(agencies.values()))
    )
    add_people(engine, people)
    out = tmp_path / "semester.xlsx"
    period = Period(date(2026, 1, 1), date(2026, 6, 30))
    result = export_report(workspace, ExportRequest("placements", period, "xlsx", out), admin)
    assert result.total_rows == COUNT

    rows, last = count_rows(out, "xl/worksheets/sheet2.xml")
    assert rows == COUNT + 1  # header + one row per CPMI
    assert last[0] == people[-1].tracking_code and last[1] == people[-1].nik

    book = openpyxl.load_workbook(out, read_only=True)
    detail = book["Data CPMI"]
    assert detail.max_row == COUNT + 1 and detail.max_column == 15
    summary = book["Ringkasan"]
    values = list(summary.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(values) if row[0] == "CPMI terdaftar per bulan")
    months = values[start + 2 : start + 8]
    assert [row[0] for row in months] == [
        "Januari 2026",
        "Februari 2026",
        "Maret 2026",
        "April 2026",
        "Mei 2026",
        "Juni 2026",
    ]
    assert sum(row[1] for row in months) == COUNT
    book.close()
    with zipfile.ZipFile(out) as package:
        sheet = package.read("xl/worksheets/sheet2.xml")[:2000].decode()
    assert f'<dimension ref="A1:O{COUNT + 1}"/>' in sheet
    assert 'state="frozen"' in sheet
    with zipfile.ZipFile(out) as package:
        tail = package.read("xl/worksheets/sheet2.xml")[-300:].decode()
    assert f'<autoFilter ref="A1:O{COUNT + 1}"/>' in tail
