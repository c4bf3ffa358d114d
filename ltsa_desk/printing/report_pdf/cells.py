"""How one value is printed in a report's PDF, in its summary tables and its detail pages alike."""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

from ltsa_desk.services.reports.base import Column, decimal_id, thousands_id


def escaped(value: Any) -> str:
    """Text for the summary pages' HTML."""
    return html.escape(str(value), quote=False)


def cell_text(value: Any, column: Column) -> str:
    """A cell as printed: Indonesian number and date conventions."""
    if value is None or value == "":
        return ""
    if column.kind == "int":
        return thousands_id(int(value))
    if column.kind == "number":
        return decimal_id(float(value), 2)
    if column.kind == "datetime" and isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H.%M")
    if column.kind in ("date", "datetime") and isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)
