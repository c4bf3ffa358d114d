"""Office registers written the way Excel and hand-kept files save them, for the register reader's
tests: generated here rather than committed, so each test says which quirk it covers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

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
