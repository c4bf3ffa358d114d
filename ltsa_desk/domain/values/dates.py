"""Dates as officers type them and old registers hold them, read without guessing the order.

Day-month-year, ISO, Indonesian or English month names, and Excel serial numbers are read; an
ambiguous order or a bare year is refused rather than read one way. Pure module: standard library
only.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping
from typing import Final

from ltsa_desk.domain.values.invalid_value import (
    InvalidValue,
    as_shown,
    field_label,
)

# --------------------------------------------------------------------------- dates

_EXCEL_EPOCH: Final = _dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL: Final = 2_958_465  # 9999-12-31

_MONTHS: Final[Mapping[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "ags", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}

_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_RE_ISO: Final = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME_SUFFIX)
_RE_DMY: Final = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME_SUFFIX)
_RE_TEXT_MONTH: Final = re.compile(r"(\d{1,2})[ \-/.]*([A-Za-z]+)\.?[ \-/.]*(\d{4})")
_RE_SERIAL: Final = re.compile(r"\d{1,7}(?:\.\d+)?")


def _from_excel_serial(serial: float, field: str, shown: str) -> _dt.date:
    """Excel 1900 date system, including Lotus's phantom 29-02-1900 (serial 60).

    Serials 1..59 count from 1900-01-01; Excel then counts the non-existent 29-02-1900 as 60, so
    from 61 on the epoch is 1899-12-30. Serial 60 has no real date and is refused. A value between
    1900 and 2100 is refused too: it is almost surely a year typed alone, and reading it as a
    day in 1905 would be a silent error.
    """
    label = field_label(field)
    if not math.isfinite(serial) or serial < 1 or serial >= _EXCEL_MAX_SERIAL + 1:
        raise InvalidValue(field, f"{label} tidak valid: {shown}")
    day = int(serial)
    if 1900 <= day <= 2100:
        raise InvalidValue(
            field,
            f"{label} tidak valid: {shown} (hanya tahun? isi tanggal lengkap DD-MM-YYYY)",
            "year_only",
        )
    if day == 60:
        raise InvalidValue(field, f"{label} tidak valid: {shown} (29-02-1900 tidak ada)", "invalid")
    if day < 60:
        return _dt.date(1899, 12, 31) + _dt.timedelta(days=day)
    return _EXCEL_EPOCH + _dt.timedelta(days=day)


def _make_date(year: int, month: int, day: int, field: str, shown: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise InvalidValue(field, f"{field_label(field)} tidak valid: {shown}") from None


def parse_flexible_date(value: object, *, field: str) -> _dt.date:
    """Read a date from a form or a register cell, refusing anything ambiguous.

    Accepted: ``date``/``datetime`` objects; Excel serial numbers (int, float or digit string, 1900
    date system); ``DD-MM-YYYY`` with ``-``, ``/`` or ``.`` (one or two digit day and month);
    ``YYYY-MM-DD`` (optionally followed by a time, as CSV exports write datetimes); and
    ``12 Mei 1990`` style month names (Indonesian or English). Day-first is the Indonesian order;
    ``MM/DD/YYYY`` is never tried, so ``05/12/1990`` is always 5 December. Two-digit years are
    refused: the century would be a guess.
    """
    label = field_label(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidValue(field, f"{label} wajib diisi", "required")
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool):
        raise InvalidValue(field, f"{label} tidak valid: {as_shown(value)}")
    if isinstance(value, int | float):
        if isinstance(value, int) and abs(value) > _EXCEL_MAX_SERIAL:
            # Checked before float(): a huge integer would overflow instead of being refused.
            raise InvalidValue(field, f"{field_label(field)} tidak valid: {as_shown(value)}")
        return _from_excel_serial(float(value), field, as_shown(value))
    if not isinstance(value, str):
        raise InvalidValue(field, f"{label} tidak valid: {as_shown(value)}")

    text = " ".join(value.split())
    shown = as_shown(text)
    if _RE_SERIAL.fullmatch(text):
        return _from_excel_serial(float(text), field, shown)
    match = _RE_ISO.fullmatch(text)
    if match:
        year, _, month, day = match.groups()
        return _make_date(int(year), int(month), int(day), field, shown)
    match = _RE_DMY.fullmatch(text)
    if match:
        day, _, month, year = match.groups()
        return _make_date(int(year), int(month), int(day), field, shown)
    match = _RE_TEXT_MONTH.fullmatch(text)
    if match and match.group(2).casefold() in _MONTHS:
        day, month_name, year = match.groups()
        return _make_date(int(year), _MONTHS[month_name.casefold()], int(day), field, shown)
    raise InvalidValue(field, f"{label} tidak valid: {shown} (gunakan format DD-MM-YYYY)")
