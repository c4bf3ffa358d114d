"""Reading the reports back the way an admin's tools would: openpyxl for XLSX, the csv module for
CSV, pdfium's text layer for PDF. Tests compare what these read with the data they loaded."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pypdfium2


def xlsx_book(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def xlsx_table(book: Any, title: str, sheet: str = "Ringkasan") -> list[tuple[Any, ...]]:
    """A summary table by its title: the header row, then rows until the first empty one."""
    ws = book[sheet]
    rows = list(ws.iter_rows(values_only=True))
    for index, row in enumerate(rows):
        if row and row[0] == title:
            header = rows[index + 1]
            width = len([v for v in header if v is not None])
            found = [tuple(header[:width])]
            for data in rows[index + 2 :]:
                if data[0] is None:
                    break
                found.append(tuple(data[:width]))
            return found
    raise AssertionError(f"no table {title!r} on {sheet}")


def xlsx_heading(book: Any) -> dict[str, Any]:
    ws = book["Ringkasan"]
    found = {"title": ws["A1"].value}
    for row in ws.iter_rows(min_row=2, max_row=8, max_col=2, values_only=True):
        if row[0] and row[1]:
            found[row[0]] = row[1]
    return found


def xlsx_notes(book: Any) -> list[str]:
    ws = book["Ringkasan"]
    return [
        str(row[0])
        for row in ws.iter_rows(min_row=2, max_row=20, max_col=2, values_only=True)
        if row[0] and row[1] is None
    ]


def xlsx_detail(book: Any, sheet: str) -> list[tuple[Any, ...]]:
    return list(book[sheet].iter_rows(values_only=True))


def csv_rows(path: Path, delimiter: str = ",") -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with the UTF-8 byte-order mark"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def csv_section(rows: list[list[str]], title: str) -> list[list[str]]:
    """A titled block: its header row and rows up to the blank line that ends it."""
    for index, row in enumerate(rows):
        if row == [title]:
            block = []
            for data in rows[index + 1 :]:
                if not data:
                    break
                block.append(data)
            return block
    raise AssertionError(f"no section {title!r} in the CSV")


def csv_heading(rows: list[list[str]]) -> dict[str, str]:
    found = {}
    for row in rows:
        if not row:
            break
        if len(row) >= 2:
            found[row[0]] = row[1]
    return found


def pdf_pages(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def pdf_page_sizes(path: Path) -> list[tuple[float, float]]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [tuple(page.get_size()) for page in document]  # type: ignore[misc]
    finally:
        document.close()


def flat(text: str) -> str:
    """PDF text with line breaks and repeated spaces folded, for substring checks."""
    return " ".join(text.split())
