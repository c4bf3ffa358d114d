"""The HTML templates of printed documents (``resources/templates``) and how they are filled.

Offices ask for wording changes more often than for code changes, so the words live in HTML files
a technician can read, not in Python strings. Placeholders are ``${name}``. Every value is
HTML-escaped when it is filled in, so a CPMI named ``<b>`` or an address with ``&`` prints as
typed and can never inject markup; only names ending in ``_html`` take fragments, and those are
built by :mod:`ltsa_desk.printing.builders` from escaped pieces. A missing value is an error
(``KeyError``), never a silently blank line on an official letter.

No Qt here.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from string import Template
from typing import Any

from ltsa_desk.domain.regions import resource_dir

__all__ = [
    "esc",
    "fill",
    "load_template",
    "rows_table",
    "templates_dir",
]


def templates_dir() -> Path:
    return resource_dir("templates")


@functools.cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def load_template(name: str) -> str:
    """The text of ``resources/templates/<name>``, cached: templates do not change at run time."""
    return _read(templates_dir() / name)


def esc(value: Any) -> str:
    """Escape a value for HTML; line breaks typed in a setting (an address) stay line breaks."""
    text = "" if value is None else str(value)
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``${name}`` placeholders; values are escaped unless the name ends in ``_html``."""
    prepared = {
        key: (str(value) if key.endswith("_html") else esc(value)) for key, value in values.items()
    }
    return Template(template).substitute(prepared)


def rows_table(
    rows: Iterable[tuple[str, str]],
    *,
    label_width: int = 185,
    indent_px: int = 48,
    bold_first: bool = False,
) -> str:
    """A two-column "label : value" table, the way Indonesian letters list a person's data."""
    lines = []
    for index, (label, value) in enumerate(rows):
        shown = esc(value) if value else "-"
        if bold_first and index == 0:
            shown = f"<b>{shown}</b>"
        lines.append(
            f'<tr><td width="{label_width}" valign="top">{esc(label)}</td>'
            f'<td width="12" valign="top">:</td><td valign="top">{shown}</td></tr>'
        )
    return (
        f'<table cellspacing="0" cellpadding="1" style="margin-left: {indent_px}px; '
        f'margin-top: 2px; margin-bottom: 10px;">' + "".join(lines) + "</table>"
    )
