"""How much of a register file is read before it is refused, and the words for refusing it.

The readers look these up as ``limits.NAME`` at the time of reading (not copied at import), so
one place holds them and a test can lower a limit without writing a huge file.
"""

from __future__ import annotations

from ltsa_desk.services.register_file.rows import RegisterFileError

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


def too_many_rows(limit: int, what: str = "baris data") -> RegisterFileError:
    """The refusal for a register longer than ``limit``, in the officer's number format."""
    shown = f"{limit:_}".replace("_", ".")  # Indonesian thousands separator
    return RegisterFileError(
        f"File terlalu besar: lebih dari {shown} {what}. Pecah register menjadi beberapa file."
    )
