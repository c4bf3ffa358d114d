"""Reading a register saved as an Excel workbook (.xlsx).

The archive is checked before openpyxl sees it (not an ODS or XLSB, no zip bomb); only the rows
the sheet's XML really holds are visited; a cell openpyxl cannot convert keeps its text so one
bad cell refuses one row, not the file; and number cells become the text the officer meant
(the package docstring says why a NIK typed as a number is passed on damaged).

openpyxl is imported inside the functions that need it, on purpose: it takes a noticeable time
to import, and offices that only ever import CSV never pay for it.
"""

from __future__ import annotations

import math
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, BinaryIO

from ltsa_desk.services.register_file import limits
from ltsa_desk.services.register_file.headers import (
    Header,
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

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet


def _check_archive(fh: BinaryIO) -> None:
    """Refuse ZIPs that are not XLSX, or that would decompress absurdly, before openpyxl."""
    try:
        with zipfile.ZipFile(fh) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                    raise RegisterFileError(
                        "File OpenDocument (.ods) tidak didukung. Buka lalu simpan sebagai "
                        "'Excel Workbook (.xlsx)' atau 'CSV'."
                    )
            if "xl/workbook.bin" in names:
                raise RegisterFileError(
                    "File Excel biner (.xlsb) tidak didukung. Buka di Excel lalu simpan sebagai "
                    "'Excel Workbook (.xlsx)' atau 'CSV'."
                )
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise RegisterFileError(
                    "File ZIP ini bukan buku kerja Excel (.xlsx). "
                    "Pilih file register .xlsx atau CSV."
                )
            if sum(info.file_size for info in infos) > limits.MAX_UNCOMPRESSED_BYTES:
                raise RegisterFileError(
                    "File Excel terlalu besar setelah dibuka. Pecah register menjadi beberapa file."
                )
    except RegisterFileError:
        raise
    except Exception as exc:  # zipfile raises assorted error types on damaged archives
        raise _corrupt_xlsx(exc) from exc
    fh.seek(0)


def _corrupt_xlsx(exc: BaseException) -> RegisterFileError:
    return RegisterFileError(
        "File Excel (.xlsx) rusak atau tidak lengkap dan tidak dapat dibaca. Buka di Excel lalu "
        f"simpan ulang sebagai .xlsx atau CSV. (Detail: {type(exc).__name__})"
    )


def _xlsx_cell(value: object) -> tuple[CellValue, str]:
    """Convert an openpyxl value to (value for validation, text for ``original``)."""
    if value is None:
        return None, ""
    if isinstance(value, str):
        return value.strip() or None, value
    if isinstance(value, bool):  # before int: bool is an int subclass
        text = "TRUE" if value else "FALSE"
        return text, text
    if isinstance(value, int):
        text = str(value)
        return text, text
    if isinstance(value, float):
        # Whole numbers are NIK/KK/phone/serial cells typed as numbers: plain integer text.
        if math.isfinite(value) and value.is_integer():
            text = str(int(value))
            return text, text
        text = repr(value)
        return (value if math.isfinite(value) else text), text
    if isinstance(value, datetime):
        day = value.date()
        text = day.isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
        return day, text
    if isinstance(value, date):
        return value, value.isoformat()
    if isinstance(value, time | timedelta):
        text = str(value)
        return text, text
    text = str(value).strip()
    return text or None, text


def _is_number_cell(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sheet_rows(sheet: ReadOnlyWorksheet, width: int) -> Iterator[tuple[int, list[object]]]:
    """The rows the sheet's XML really holds, as (row number, ``width`` values).

    openpyxl's own ``iter_rows`` invents every missing row between two stored ones, so a 2 KB
    file with one cell at row 99,999,999 kept a counter PC busy for a minute; here only stored
    rows are visited, and a row beyond Excel's last row stops the read at once. Cells are parsed
    by :class:`_TolerantParser`, so one impossible number ends up in that row's reason, not in
    "the file is damaged".
    """
    from openpyxl.worksheet._reader import WorkSheetParser  # slow import: see module docstring

    max_sheet_rows = limits.MAX_SHEET_ROWS
    workbook = sheet.parent  # type: ignore[attr-defined]
    with sheet._get_source() as source:  # type: ignore[attr-defined]
        parser = _tolerant_parser(WorkSheetParser)(
            source,
            sheet._shared_strings,  # type: ignore[attr-defined]
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for row_number, cells in parser.parse():
            if row_number > max_sheet_rows:
                shown = f"{row_number:_}".replace("_", ".")
                raise RegisterFileError(
                    f"Lembar '{sheet.title}' berisi sel di baris {shown}, di luar batas Excel "  # type: ignore[attr-defined]
                    "(1.048.576 baris): file ini tidak dibuat oleh Excel. Salin datanya ke "
                    "buku kerja baru lalu simpan sebagai .xlsx atau CSV."
                )
            values: list[object] = [None] * width
            for cell in cells:
                column = cell["column"]
                if column <= width:
                    values[column - 1] = cell["value"]
            yield row_number, values


_LAST_SERIAL = 2_958_465.0  # 9999-12-31, the last day Excel can show


def _tolerant_parser(base: type) -> type:
    """openpyxl's sheet parser, except that a cell it cannot convert keeps its raw text.

    openpyxl raises on ``NaN``/``INF`` in a date cell (one such cell made the whole register
    "damaged") and turns ``-1`` into 29 December 1899. A number outside Excel's dates in a date
    cell, or a number that is not finite anywhere, stays the text of the file, so validation
    refuses that row with its reason and the other rows import.
    """

    class _TolerantParser(base):  # type: ignore[valid-type,misc]
        def parse_cell(self, element: Any) -> dict[str, object]:
            style = element.get("s")
            if style and int(style) in self.date_formats and element.get("t", "n") == "n":
                raw = element.findtext(_VALUE_TAG, None)
                if raw is not None:
                    try:
                        number = float(raw)
                    except ValueError:
                        number = math.nan
                    if not 0 <= number <= _LAST_SERIAL:  # False for NaN too
                        return self._as_text(element, raw, advance=True)
            try:
                return super().parse_cell(element)  # type: ignore[no-any-return]
            except (ValueError, OverflowError, TypeError):
                return self._as_text(element, element.findtext(_VALUE_TAG) or "", advance=False)

        def _as_text(self, element: Any, raw: str, *, advance: bool) -> dict[str, object]:
            from openpyxl.utils.cell import coordinate_to_tuple  # slow import: module docstring

            coordinate = element.get("r")
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                if advance:  # openpyxl had not counted this cell yet
                    self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            value = raw.strip() or None
            return {"row": row, "column": column, "value": value, "data_type": "s", "style_id": 0}

    return _TolerantParser


_VALUE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v"


def _header_text(value: object) -> str:
    return _xlsx_cell(value)[1].strip()


def read_xlsx(fh: BinaryIO) -> RegisterFile:
    """Read a register from an open file that starts with a ZIP signature."""
    _check_archive(fh)
    from openpyxl import load_workbook  # imported lazily: CSV-only offices never pay for it

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles/extensions it ignores; irrelevant to reading values.
            warnings.simplefilter("ignore")
            workbook = load_workbook(fh, read_only=True, data_only=True)
            try:
                return _read_workbook(workbook)
            finally:
                workbook.close()
    except RegisterFileError:
        raise
    except MemoryError as exc:
        raise RegisterFileError("File Excel terlalu besar untuk dibaca.") from exc
    except Exception as exc:  # openpyxl surfaces corruption as many unrelated exception types
        raise _corrupt_xlsx(exc) from exc


def _read_workbook(workbook: Workbook) -> RegisterFile:
    sheets: list[ReadOnlyWorksheet] = list(workbook.worksheets)  # type: ignore[arg-type]
    if not sheets:
        raise RegisterFileError("File Excel tidak berisi lembar kerja (sheet).")
    # Hidden sheets often hold lookup lists; only use one if no visible sheet has a header.
    ordered = [s for s in sheets if s.sheet_state == "visible"] + [
        s for s in sheets if s.sheet_state != "visible"
    ]
    best: tuple[ReadOnlyWorksheet, HeaderSearch] | None = None
    for sheet in ordered:
        search = search_header(_leading_rows(sheet))
        if search.header is not None:
            return _read_sheet(sheet, search.header)
        if best is None or search.score > best[1].score:
            best = (sheet, search)
    assert best is not None
    sheet, search = best
    where = f", lembar '{sheet.title}'" if len(sheets) > 1 else ""
    raise RegisterFileError(missing_columns_message(search, where))


def _leading_rows(sheet: ReadOnlyWorksheet) -> list[list[str]]:
    """The first :data:`limits.HEADER_SEARCH_ROWS` rows as text, missing rows as empty ones."""
    rows: list[list[str]] = [[] for _ in range(limits.HEADER_SEARCH_ROWS)]
    for row_number, cells in _sheet_rows(sheet, limits.MAX_COLUMNS):
        if row_number > limits.HEADER_SEARCH_ROWS:
            break
        rows[row_number - 1] = [_header_text(v) for v in cells]
    return rows


def _read_sheet(sheet: ReadOnlyWorksheet, header: Header) -> RegisterFile:
    header_row = header.index + 1
    check_duplicates(header, header_row)
    width = max(header.positions) + 1
    named = list(zip(header.columns, header.positions, strict=True))
    field_at = {position: canonical for canonical, position in header.field_positions}
    template: dict[str, CellValue] = dict.fromkeys(FIELDS)
    rows: list[RegisterRow] = []
    max_data_rows = limits.MAX_DATA_ROWS
    for row_number, cells in _sheet_rows(sheet, width):
        if row_number <= header_row:
            continue
        if all(c is None for c in cells):  # fast path for formatted-but-empty rows
            continue
        values = dict(template)
        original: dict[str, str] = {}
        numbers: list[str] = []
        for name, position in named:
            cell = cells[position]
            value, text = _xlsx_cell(cell)
            original[name] = text
            canonical = field_at.get(position)
            if canonical is not None:
                values[canonical] = value
                if canonical in DIGIT_FIELDS and _is_number_cell(cell):
                    numbers.append(canonical)
        if not any(text.strip() for text in original.values()):
            continue  # blank or whitespace-only cells, or data only under unnamed columns
        if len(rows) >= max_data_rows:
            raise limits.too_many_rows(max_data_rows)
        rows.append(RegisterRow(row_number, values, original, tuple(numbers)))
    return RegisterFile(
        columns=header.columns,
        mapping=header.mapping,
        rows=rows,
        source_format="xlsx",
        header_row=header_row,
        sheet_name=sheet.title,  # type: ignore[attr-defined]
        unmapped_columns=header.unmapped,
    )
