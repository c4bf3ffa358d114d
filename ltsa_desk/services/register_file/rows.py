"""What reading a register gives back: its rows, the whole file, and the one error it raises.

Kept apart from the readers so the importer and the rejects writer depend on the shapes only,
not on how CSV or XLSX is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ltsa_desk.domain.applicant import APPLICANT_FIELDS, REQUIRED_FIELDS

__all__ = [
    "DIGIT_FIELDS",
    "FIELDS",
    "REQUIRED_FIELDS",
    "CellValue",
    "RegisterFile",
    "RegisterFileError",
    "RegisterRow",
]

#: A value handed to validation: stripped text, a date from an XLSX date cell, a non-whole
#: number from an XLSX number cell, or ``None`` for an empty cell.
CellValue = str | float | date | None

FIELDS: tuple[str, ...] = APPLICANT_FIELDS
"""Canonical field names; every :attr:`RegisterRow.values` has exactly these keys."""

DIGIT_FIELDS: tuple[str, ...] = ("nik", "kk", "phone")
"""Fields that are digit strings, not numbers: Excel keeps 15 significant digits of a number, so
a 16-digit NIK or KK stored as a number has lost its last digit, and a phone its leading 0."""


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
