"""Read an office's existing CPMI register (CSV or XLSX) into plain rows.

This package only *reads*: it finds the header row, maps the office's column names (English or
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

Where each part lives: ``rows`` (what a read gives back and its error), ``limits`` (how much is
read), ``headers`` (column names and the header row), ``opening`` (choosing the reader by
content), ``delimited`` (CSV), ``workbook`` (XLSX) and ``rejects`` (writing refused rows back).
"""

from __future__ import annotations

from ltsa_desk.services.register_file.headers import canonical_field, normalise_header
from ltsa_desk.services.register_file.limits import (
    HEADER_SEARCH_ROWS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_UNCOMPRESSED_BYTES,
)
from ltsa_desk.services.register_file.opening import read_register
from ltsa_desk.services.register_file.rejects import write_rejects
from ltsa_desk.services.register_file.rows import (
    DIGIT_FIELDS,
    FIELDS,
    REQUIRED_FIELDS,
    CellValue,
    RegisterFile,
    RegisterFileError,
    RegisterRow,
)

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
