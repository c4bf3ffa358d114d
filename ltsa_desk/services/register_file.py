"""Read an office's existing CPMI register (CSV or XLSX) into plain rows.

This module only *reads*: it finds the header row, maps the office's column names (English or
Indonesian, in whatever spelling the office used) onto canonical field names, and hands back one
:class:`RegisterRow` per non-empty data row. Validating and normalising the values, and writing
them to the database, is the importer's job; keeping this layer dumb means a bad value never
stops us from reading the rest of the file, and every rejected row can be written back out with
:func:`write_rejects` exactly as the officer typed it.

Decisions worth knowing about:

* **Format is decided by content, not extension.** Offices rename files freely (and some web
  systems export HTML with an ``.xls`` name), so a ZIP signature means XLSX, an OLE2 signature
  means legacy ``.xls`` (or a password-protected XLSX, which Excel also stores in OLE2) and is
  refused with advice to re-save, and anything else is tried as delimited text.
* **Text encodings:** ``utf-8-sig`` (with or without BOM) first, then ``cp1252`` because
  Indonesian Excel on Windows saves "CSV" in the ANSI code page, then ``latin-1`` as a last
  resort for the five bytes cp1252 leaves undefined (latin-1 cannot fail, so the header check is
  what rejects garbage). UTF-16 with a BOM (Excel's "Unicode Text") is also accepted.
* **Delimiter:** ``;`` (Indonesian Excel's list separator), ``,`` and tab are each tried and the
  one that yields a recognisable header wins; csv.Sniffer guesses wrong too often on short files
  with commas inside addresses. An Excel ``sep=;`` hint line is honoured.
* **Header row:** the first row within the first :data:`HEADER_SEARCH_ROWS` rows that contains
  all required columns, because offices put a title and a date above the table.
* **Row numbers** are the ones the officer sees in Excel: 1-based, counting title and header
  rows. For CSV that is the record number (a quoted cell spanning two lines is still one row,
  as Excel shows it), and an Excel ``sep=`` line is not counted because Excel hides it.
* **XLSX numbers:** NIK, KK and phone columns are often typed as numbers, so every whole-valued
  number becomes its integer string without exponent (``5.203011205900001e15`` ->
  ``"5203011205900001"``). Excel keeps only 15 significant digits, so a 16-digit NIK typed as a
  number already had its last digit replaced by ``0`` *inside Excel*; that cannot be recovered
  here, and we deliberately pass the damaged integer string on so NIK validation rejects it
  rather than guessing. Likewise a phone number stored as a number has lost its leading ``0``.
  Non-whole numbers stay ``float``; date cells become :class:`datetime.date` (time dropped).
  Excel serial numbers in CSV stay strings; the date parser understands them.
* **Columns without a header** are ignored (their cells are neither values nor ``original``), and
  repeated non-canonical header names are made unique as ``"Catatan (2)"`` so ``original`` can be
  a plain dict. Two columns that map to the same canonical field are an error: picking one
  silently could import the wrong phone number.
* **Limits:** files over :data:`MAX_FILE_BYTES`, XLSX whose parts decompress to more than
  :data:`MAX_UNCOMPRESSED_BYTES` (zip bombs), or more than :data:`MAX_DATA_ROWS` data rows are
  refused with a clear message instead of exhausting memory on a counter PC.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import math
import os
import re
import tempfile
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ltsa_desk.domain.applicant import APPLICANT_FIELDS, REQUIRED_FIELDS
from ltsa_desk.services.csv_cells import safe_row

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

__all__ = [
    "DIGIT_FIELDS",
    "FIELDS",
    "HEADER_SEARCH_ROWS",
    "MAX_DATA_ROWS",
    "MAX_FILE_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "REQUIRED_FIELDS",
    "CellValue",
    "RegisterFile",
    "RegisterFileError",
    "RegisterRow",
    "canonical_field",
    "normalise_header",
    "read_register",
    "write_rejects",
]

#: A value handed to validation: stripped text, a date from an XLSX date cell, a non-whole
#: number from an XLSX number cell, or ``None`` for an empty cell.
CellValue = str | float | date | None

MAX_FILE_BYTES = 100 * 1024 * 1024
"""Largest register file accepted; a real register of 200,000 rows is far below this."""

MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
"""Largest total decompressed size of an XLSX, so a zip bomb is refused before parsing."""

MAX_DATA_ROWS = 200_000
"""Most non-empty data rows read; more is not a single office's register."""

MAX_SHEET_ROWS = 1_048_576
"""Excel's row limit; a CSV with more lines (even blank ones) was never an Excel register."""

MAX_COLUMNS = 1000
"""Columns looked at per row; anything wider is formatting noise, not register data."""

HEADER_SEARCH_ROWS = 10
"""How many leading rows may hold a title before the header row must appear."""

FIELDS: tuple[str, ...] = APPLICANT_FIELDS
"""Canonical field names; every :attr:`RegisterRow.values` has exactly these keys."""

DIGIT_FIELDS: tuple[str, ...] = ("nik", "kk", "phone")
"""Fields that are digit strings, not numbers: Excel keeps 15 significant digits of a number, so
a 16-digit NIK or KK stored as a number has lost its last digit, and a phone its leading 0."""

_EXPONENT_FORM = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
"""How Excel and LibreOffice write a long number into a CSV (``5.20301E+15``)."""


# Names used in messages to officers, who know the Indonesian column names.
_LABELS: dict[str, str] = {
    "nik": "nik",
    "kk": "no_kk",
    "full_name": "nama",
    "birth_place": "tempat_lahir",
    "birth_date": "tanggal_lahir",
    "sex": "jenis_kelamin",
    "address": "alamat",
    "phone": "no_hp",
    "education": "pendidikan",
    "marital_status": "status_perkawinan",
    "destination_country": "negara_tujuan",
    "job_title": "jabatan",
    "sector": "sektor",
    "agency": "p3mi",
    "planned_departure": "rencana_berangkat",
}

# Header spellings seen in office registers, written already normalised (see normalise_header).
# Matching is exact after normalisation, never by substring: "nama p3mi" must not become the
# applicant's name.
_ALIASES: dict[str, tuple[str, ...]] = {
    "nik": (
        "nik",
        "no nik",
        "nomor nik",
        "nik ktp",
        "no ktp",
        "nomor ktp",
        "nomor induk kependudukan",
    ),
    "kk": ("kk", "no kk", "nomor kk", "no kartu keluarga", "nomor kartu keluarga"),
    "full_name": ("full name", "name", "nama", "nama lengkap", "nama cpmi", "nama pmi"),
    "birth_place": ("birth place", "place of birth", "tempat lahir"),
    "birth_date": ("birth date", "date of birth", "tanggal lahir", "tgl lahir"),
    "sex": ("sex", "gender", "jenis kelamin", "kelamin", "jk", "l/p"),
    "address": ("address", "alamat", "alamat lengkap"),
    "phone": (
        "phone",
        "phone number",
        "no hp",
        "nomor hp",
        "hp",
        "telepon",
        "no telp",
        "no telepon",
        "nomor telepon",
    ),
    "education": ("education", "pendidikan", "pendidikan terakhir"),
    "marital_status": ("marital status", "status perkawinan", "status kawin", "status pernikahan"),
    "destination_country": ("destination country", "negara tujuan", "negara penempatan"),
    "job_title": ("job title", "jabatan"),
    "sector": ("sector", "sektor"),
    "agency": ("agency", "p3mi", "nama p3mi", "pptkis", "nama pptkis"),
    "planned_departure": ("planned departure", "rencana berangkat", "rencana keberangkatan"),
}

_ALIAS_TO_FIELD: dict[str, str] = {
    alias: canonical for canonical, aliases in _ALIASES.items() for alias in aliases
}

# Columns write_rejects appends; dropped from the input columns when a rejects file is itself
# re-imported, so the next rejects file does not grow a second "baris" and "alasan".
_REJECT_COLUMNS = ("baris", "alasan")

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")

_SEP_HINT = re.compile(r"\Asep=([;,\t|])[ ]*(?:\r\n|\r|\n|\Z)", re.IGNORECASE)
_PARENTHESISED = re.compile(r"\([^)]*\)")
_SEPARATORS = re.compile(r"[\s_\-.:*]+")
_SLASH = re.compile(r"\s*/\s*")


class RegisterFileError(ValueError):
    """The file cannot be read as a register; the message is Indonesian and shown to officers."""


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One non-empty data row.

    ``values`` has every name in :data:`FIELDS` (``None`` when the column is absent or the cell
    empty; check :attr:`RegisterFile.mapping` to tell the two apart). ``original`` holds the
    cell text of every named column, unchanged, so a rejected row can be written back as typed.
    """

    row_number: int
    values: dict[str, CellValue]
    original: dict[str, str]
    #: Fields among :data:`DIGIT_FIELDS` whose cell held a number (an XLSX number cell, or CSV
    #: text in Excel's exponent form such as ``5.20301E+15``): the digits the officer typed may
    #: be gone, so the importer refuses the row instead of trusting them.
    typed_as_number: tuple[str, ...] = ()


@dataclass(slots=True)
class RegisterFile:
    """A register read from disk.

    ``columns`` are the header names in file order (blank header cells skipped, repeats made
    unique), ``mapping`` maps canonical field -> header name, ``header_row`` is the header's row
    number as the officer sees it, and ``source_format`` is ``"csv"`` or ``"xlsx"``.
    ``delimiter``/``encoding`` are set for CSV, ``sheet_name`` for XLSX; :func:`write_rejects`
    uses them to answer in the same dialect.
    """

    columns: list[str]
    mapping: dict[str, str]
    rows: list[RegisterRow]
    source_format: str
    header_row: int
    delimiter: str | None = None
    encoding: str | None = None
    sheet_name: str | None = None
    unmapped_columns: list[str] = field(default_factory=list)


def normalise_header(text: str) -> str:
    """Fold a header cell so "No. HP", "no_hp" and " NO-HP " compare equal.

    Parenthesised hints ("Jenis Kelamin (L/P)", "Tgl Lahir (dd/mm/yyyy)") and required-field
    stars are dropped because templates add them freely.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _PARENTHESISED.sub(" ", folded)
    folded = _SEPARATORS.sub(" ", folded).strip()
    return _SLASH.sub("/", folded)


def canonical_field(header: str) -> str | None:
    """The canonical field a header names, or ``None`` for a column we do not import."""
    return _ALIAS_TO_FIELD.get(normalise_header(header))


# --------------------------------------------------------------------------------------------
# Header detection (shared by CSV and XLSX)


@dataclass(slots=True)
class _Header:
    """The chosen header row: which cell positions hold which named columns."""

    index: int  # 0-based position among the searched rows
    columns: list[str]
    positions: list[int]
    mapping: dict[str, str]
    field_positions: list[tuple[str, int]]
    unmapped: list[str]
    duplicates: dict[str, list[str]]


@dataclass(slots=True)
class _Search:
    """Outcome of looking for a header: the header if found, else the closest candidate."""

    header: _Header | None
    best_found: frozenset[str]
    best_index: int

    @property
    def score(self) -> int:
        return len(self.header.mapping) if self.header else len(self.best_found)


def _unique_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def _parse_header(cells: Sequence[str], index: int) -> _Header:
    columns: list[str] = []
    positions: list[int] = []
    mapping: dict[str, str] = {}
    field_positions: list[tuple[str, int]] = []
    unmapped: list[str] = []
    duplicates: dict[str, list[str]] = {}
    taken: set[str] = set()
    for position, raw in enumerate(cells[:MAX_COLUMNS]):
        text = raw.strip()
        if not text:
            continue
        canonical = canonical_field(text)
        name = _unique_name(text, taken)
        taken.add(name)
        columns.append(name)
        positions.append(position)
        if canonical is None:
            unmapped.append(name)
        elif canonical in mapping:
            duplicates.setdefault(canonical, [mapping[canonical]]).append(name)
        else:
            mapping[canonical] = name
            field_positions.append((canonical, position))
    return _Header(index, columns, positions, mapping, field_positions, unmapped, duplicates)


def _search_header(rows: Iterable[Sequence[str]]) -> _Search:
    best_found: frozenset[str] = frozenset()
    best_index = 0
    for index, cells in enumerate(rows):
        if index >= HEADER_SEARCH_ROWS:
            break
        header = _parse_header(cells, index)
        found = frozenset(header.mapping)
        if found.issuperset(REQUIRED_FIELDS):
            return _Search(header, found, index)
        if len(found) > len(best_found):
            best_found, best_index = found, index
    return _Search(None, best_found, best_index)


def _missing_message(search: _Search, where: str) -> str:
    required = ", ".join(_LABELS[f] for f in REQUIRED_FIELDS)
    if not search.best_found:
        return (
            f"Baris judul kolom tidak ditemukan dalam {HEADER_SEARCH_ROWS} baris pertama{where}. "
            f"Kolom wajib: {required}."
        )
    missing = ", ".join(_LABELS[f] for f in REQUIRED_FIELDS if f not in search.best_found)
    return (
        f"Kolom wajib tidak ditemukan: {missing} "
        f"(judul kolom di baris {search.best_index + 1}{where}). Kolom wajib: {required}."
    )


def _check_duplicates(header: _Header, row_number: int) -> None:
    if not header.duplicates:
        return
    parts = [
        f"{_LABELS[canonical]} ({', '.join(repr(n) for n in names)})"
        for canonical, names in header.duplicates.items()
    ]
    raise RegisterFileError(
        f"Kolom ganda di baris judul {row_number}: {'; '.join(parts)}. "
        "Hapus atau ganti nama salah satu kolom."
    )


def _too_many_rows(limit: int, what: str = "baris data") -> RegisterFileError:
    shown = f"{limit:_}".replace("_", ".")  # Indonesian thousands separator
    return RegisterFileError(
        f"File terlalu besar: lebih dari {shown} {what}. Pecah register menjadi beberapa file."
    )


# --------------------------------------------------------------------------------------------
# Public API


def read_register(path: Path | str) -> RegisterFile:
    """Read a register file, choosing CSV or XLSX by the file's first bytes.

    Raises :class:`RegisterFileError` (never another exception type) whenever the file cannot
    be read as a register, including when it cannot be opened at all, so the CLI can show the
    message as-is.
    """
    path = Path(path)
    try:
        if path.is_dir():  # checked up front: Windows reports opening a folder as access denied
            raise IsADirectoryError(path)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RegisterFileError(
                f"File terlalu besar ({size // (1024 * 1024)} MB); "
                f"batas {MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(_ZIP_MAGIC):
                return _read_xlsx(fh)
            if head.startswith(_EMPTY_ZIP_MAGIC):
                raise RegisterFileError("File ZIP kosong, bukan file Excel (.xlsx) atau CSV.")
            fh.seek(0)
            data = fh.read(MAX_FILE_BYTES + 1)
    except RegisterFileError:
        raise
    except IsADirectoryError as exc:
        raise RegisterFileError(f"'{path}' adalah folder, bukan file register.") from exc
    except FileNotFoundError as exc:
        raise RegisterFileError(f"File tidak ditemukan: {path}") from exc
    except PermissionError as exc:
        raise RegisterFileError(
            f"File tidak dapat dibuka (akses ditolak): {path}. "
            "Jika file sedang terbuka di Excel, tutup dulu lalu coba lagi."
        ) from exc
    except OSError as exc:
        raise RegisterFileError(f"File tidak dapat dibaca: {path} ({exc.strerror or exc})") from exc

    if data.startswith(_OLE_MAGIC):
        if _OLE_ENCRYPTION_MARK in data:
            raise RegisterFileError(
                "File Excel ini dilindungi kata sandi. Buka di Excel, hapus kata sandinya, "
                "lalu simpan sebagai .xlsx atau CSV."
            )
        raise RegisterFileError(
            "File Excel format lama (.xls) tidak didukung. Buka di Excel lalu simpan sebagai "
            "'Excel Workbook (.xlsx)' atau 'CSV'."
        )
    if len(data) > MAX_FILE_BYTES:  # the file grew after stat()
        raise RegisterFileError(f"File terlalu besar; batas {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    return _read_csv(data)


def write_rejects(
    path: Path | str,
    register: RegisterFile,
    rejects: Sequence[tuple[RegisterRow, str]],
) -> None:
    """Write rejected rows as a CSV the officer can fix in Excel and import again.

    Columns are the input's columns plus ``baris`` (row number in the input) and ``alasan``
    (reason). UTF-8 with BOM so Excel shows Indonesian names correctly; the input's delimiter is
    kept for CSV input, and ``;`` is used for XLSX input because Indonesian Excel's list
    separator is ``;`` (a ``,`` file opens there as one column). The file
    is written to a temporary file beside ``path`` and moved into place, so an interrupted run
    never leaves a half-written rejects file. ``OSError`` (e.g. the target is open in Excel on
    Windows) is left to the caller.
    """
    path = Path(path)
    keep = [c for c in register.columns if normalise_header(c) not in _REJECT_COLUMNS]
    delimiter = (
        register.delimiter if register.source_format == "csv" and register.delimiter else ";"
    )
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
            # safe_row: a name like =HYPERLINK(...) must not run when the file is opened.
            writer.writerow(safe_row([*keep, *_REJECT_COLUMNS]))
            for row, reason in rejects:
                original = row.original
                cells = [*(original.get(c, "") for c in keep), row.row_number, reason]
                writer.writerow(safe_row(cells))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


# --------------------------------------------------------------------------------------------
# CSV


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


def _read_csv(data: bytes) -> RegisterFile:
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

    candidates: list[tuple[str, _Search]] = []
    for delimiter in delimiters:
        with contextlib.suppress(csv.Error):
            candidates.append((delimiter, _search_header(_csv_records(text, delimiter))))
    if not candidates:
        raise RegisterFileError("Isi file CSV tidak dapat diurai (tanda kutip tidak seimbang?).")
    # A delimiter that yields a complete header beats one that does not; then the one that
    # recognises more columns; ties go to the earlier (more usual) delimiter.
    delimiter, search = max(candidates, key=lambda c: (c[1].header is not None, c[1].score))
    header = search.header
    if header is None:
        raise RegisterFileError(_missing_message(search, ""))
    _check_duplicates(header, header.index + 1)

    rows: list[RegisterRow] = []
    named = list(zip(header.columns, header.positions, strict=True))
    fields = header.field_positions
    template: dict[str, CellValue] = dict.fromkeys(FIELDS)
    record_number = 0
    reader = _csv_records(text, delimiter)
    try:
        for record_number, cells in enumerate(reader, start=1):
            if record_number <= header.index + 1:
                continue
            if record_number > MAX_SHEET_ROWS:
                raise _too_many_rows(MAX_SHEET_ROWS, "baris")
            width = len(cells)
            if not any(cells[p].strip() for _, p in named if p < width):
                continue
            if len(rows) >= MAX_DATA_ROWS:
                raise _too_many_rows(MAX_DATA_ROWS)
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


# --------------------------------------------------------------------------------------------
# XLSX


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
            if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
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
    from openpyxl.worksheet._reader import WorkSheetParser

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
            if row_number > MAX_SHEET_ROWS:
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
            from openpyxl.utils.cell import coordinate_to_tuple

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


def _read_xlsx(fh: BinaryIO) -> RegisterFile:
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
    best: tuple[ReadOnlyWorksheet, _Search] | None = None
    for sheet in ordered:
        search = _search_header(_leading_rows(sheet))
        if search.header is not None:
            return _read_sheet(sheet, search.header)
        if best is None or search.score > best[1].score:
            best = (sheet, search)
    assert best is not None
    sheet, search = best
    where = f", lembar '{sheet.title}'" if len(sheets) > 1 else ""
    raise RegisterFileError(_missing_message(search, where))


def _leading_rows(sheet: ReadOnlyWorksheet) -> list[list[str]]:
    """The first :data:`HEADER_SEARCH_ROWS` rows as text, missing rows as empty ones."""
    rows: list[list[str]] = [[] for _ in range(HEADER_SEARCH_ROWS)]
    for row_number, cells in _sheet_rows(sheet, MAX_COLUMNS):
        if row_number > HEADER_SEARCH_ROWS:
            break
        rows[row_number - 1] = [_header_text(v) for v in cells]
    return rows


def _read_sheet(sheet: ReadOnlyWorksheet, header: _Header) -> RegisterFile:
    header_row = header.index + 1
    _check_duplicates(header, header_row)
    width = max(header.positions) + 1
    named = list(zip(header.columns, header.positions, strict=True))
    field_at = {position: canonical for canonical, position in header.field_positions}
    template: dict[str, CellValue] = dict.fromkeys(FIELDS)
    rows: list[RegisterRow] = []
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
        if len(rows) >= MAX_DATA_ROWS:
            raise _too_many_rows(MAX_DATA_ROWS)
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
