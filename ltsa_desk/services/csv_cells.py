"""CSV cells a spreadsheet will not run as a formula (CSV / formula injection).

A CSV file has no types: Excel, LibreOffice and Google Sheets read a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula, and a tab or carriage return in front does not stop
them. A CPMI or P3MI named ``=HYPERLINK("http://x","klik")`` or ``=cmd|"/C calc"!A0 PT`` in a
report or a rejects file would then run when an admin opens the file: a link that leaks data,
or (DDE, older Excel) a program. So such a cell is written with a leading ``'``, the prefix
every spreadsheet understands as "this is text" (OWASP's advice).

One exception keeps the files readable: a cell made only of digits, spaces and the marks of a
number or a phone number (``+62 812-3456-7890``, ``-3``, ``9,5``) is left alone. A formula
needs a letter, a quote, a ``|`` or a ``!``, none of which such a cell has, so nothing in it
can call a function or another program; the admin still sees ``+62...`` as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

__all__ = ["FORMULA_STARTS", "safe_cell", "safe_row"]

# The characters a spreadsheet reads as the start of a formula, and the whitespace it skips
# before one. The full-width forms are included: some spreadsheets fold them to ASCII.
FORMULA_STARTS: Final = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
# Digits with the marks a number or a phone number carries, and nothing else; or only dashes
# (the "nothing here" of a table).
_NUMBER_LIKE: Final = re.compile(r"[+\-]?[0-9][0-9 ().,/\-]*|-+")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet will show it, never run it: text starting like a formula
    gets a leading ``'`` unless it is a plain number or phone number. Non-text passes."""
    if not isinstance(value, str) or not value or value[0] not in FORMULA_STARTS:
        return value
    if _NUMBER_LIKE.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of one CSV row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]
