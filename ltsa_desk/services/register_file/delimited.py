"""Reading a register saved as delimited text ("CSV" in whatever dialect Excel wrote).

The text encoding, the delimiter and the ``sep=`` hint are guessed here (the reasons are in the
package docstring); a file that is really binary, HTML or Excel XML is refused with advice.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Iterator

from ltsa_desk.services.register_file import limits
from ltsa_desk.services.register_file.headers import (
    HeaderSearch,
    check_duplicates,
    missing_columns_message,
    search_header,
)
from ltsa_desk.services.register_file.rows import (
    DIGIT_FIELDS,
    FIELDS,
    CellValue,
    RegisterFile,
    RegisterFileError,
    RegisterRow,
)

_SEP_HINT = re.compile(r"\Asep=([;,\t|])[ ]*(?:\r\n|\r|\n|\Z)", re.IGNORECASE)

_EXPONENT_FORM = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
"""How Excel and LibreOffice write a long number into a CSV (``5.20301E+15``)."""


def _decode(data: bytes) -> tuple[str, str]:
    """Decode register text; see the module docstring for why this order."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise RegisterFileError("File teks UTF-16 rusak dan tidak dapat dibaca.") from exc
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _looks_binary(text: str) -> bool:
    """Binary files decode "successfully" as cp1252/latin-1; control characters give them away."""
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0c")
    return controls > max(8, len(sample) // 100)


def _markup_message(text: str) -> str | None:
    head = text[:2048].lstrip().casefold()
    if not head.startswith("<"):
        return None
    if "urn:schemas-microsoft-com:office:spreadsheet" in text[:65536]:
        kind = "Excel XML 2003"
    elif "<html" in head or "<table" in head or "<!doctype html" in head:
        kind = "HTML"
    else:
        kind = "XML/HTML"
    return (
        f"File ini berisi {kind}, bukan CSV atau Excel (.xlsx). Buka di Excel lalu simpan "
        "sebagai 'Excel Workbook (.xlsx)' atau 'CSV'."
    )


def _in_exponent_form(value: CellValue) -> bool:
    return isinstance(value, str) and _EXPONENT_FORM.match(value) is not None


def _csv_records(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def read_delimited(data: bytes) -> RegisterFile:
    """Read a register from the bytes of a text file (anything not ZIP or OLE2)."""
    if not data.strip():
        raise RegisterFileError("File kosong: tidak ada baris judul maupun data.")
    text, encoding = _decode(data)
    if _looks_binary(text):
        raise RegisterFileError(
            "File ini bukan CSV atau Excel (.xlsx): isinya data biner. "
            "Pilih file register yang disimpan sebagai .xlsx atau CSV."
        )
    markup = _markup_message(text)
    if markup:
        raise RegisterFileError(markup)

    delimiters: tuple[str, ...] = (";", ",", "\t")
    hint = _SEP_HINT.match(text)
    if hint:
        text = text[hint.end() :]
        delimiters = (hint.group(1),)

    candidates: list[tuple[str, HeaderSearch]] = []
    for delimiter in delimiters:
        with contextlib.suppress(csv.Error):
            candidates.append((delimiter, search_header(_csv_records(text, delimiter))))
    if not candidates:
        raise RegisterFileError("Isi file CSV tidak dapat diurai (tanda kutip tidak seimbang?).")
    # A delimiter that yields a complete header beats one that does not; then the one that
    # recognises more columns; ties go to the earlier (more usual) delimiter.
    delimiter, search = max(candidates, key=lambda c: (c[1].header is not None, c[1].score))
    header = search.header
    if header is None:
        raise RegisterFileError(missing_columns_message(search, ""))
    check_duplicates(header, header.index + 1)

    rows: list[RegisterRow] = []
    named = list(zip(header.columns, header.positions, strict=True))
    fields = header.field_positions
    template: dict[str, CellValue] = dict.fromkeys(FIELDS)
    max_sheet_rows, max_data_rows = limits.MAX_SHEET_ROWS, limits.MAX_DATA_ROWS
    record_number = 0
    reader = _csv_records(text, delimiter)
    try:
        for record_number, cells in enumerate(reader, start=1):
            if record_number <= header.index + 1:
                continue
            if record_number > max_sheet_rows:
                raise limits.too_many_rows(max_sheet_rows, "baris")
            width = len(cells)
            if not any(cells[p].strip() for _, p in named if p < width):
                continue
            if len(rows) >= max_data_rows:
                raise limits.too_many_rows(max_data_rows)
            values = dict(template)
            for canonical, position in fields:
                if position < width:
                    values[canonical] = cells[position].strip() or None
            original = {name: (cells[p] if p < width else "") for name, p in named}
            numbers = tuple(name for name in DIGIT_FIELDS if _in_exponent_form(values[name]))
            rows.append(RegisterRow(record_number, values, original, numbers))
    except csv.Error as exc:
        raise RegisterFileError(
            f"Isi file CSV rusak di sekitar baris {record_number + 1}: {exc}"
        ) from exc

    return RegisterFile(
        columns=header.columns,
        mapping=header.mapping,
        rows=rows,
        source_format="csv",
        header_row=header.index + 1,
        delimiter=delimiter,
        encoding=encoding,
        unmapped_columns=header.unmapped,
    )
