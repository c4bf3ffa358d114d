"""Finding the header row and mapping the office's column names onto canonical fields.

Offices name their columns in English or Indonesian, in whatever spelling they like, and put a
title and a date above the table; this is the one place that knows those spellings and the
words used when the required columns cannot be found. Shared by the CSV and the XLSX reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ltsa_desk.services.register_file import limits
from ltsa_desk.services.register_file.rows import REQUIRED_FIELDS, RegisterFileError

# Names used in messages to officers, who know the Indonesian column names.
COLUMN_LABELS: dict[str, str] = {
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

_PARENTHESISED = re.compile(r"\([^)]*\)")
_SEPARATORS = re.compile(r"[\s_\-.:*]+")
_SLASH = re.compile(r"\s*/\s*")


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


@dataclass(slots=True)
class Header:
    """The chosen header row: which cell positions hold which named columns."""

    index: int  # 0-based position among the searched rows
    columns: list[str]
    positions: list[int]
    mapping: dict[str, str]
    field_positions: list[tuple[str, int]]
    unmapped: list[str]
    duplicates: dict[str, list[str]]


@dataclass(slots=True)
class HeaderSearch:
    """Outcome of looking for a header: the header if found, else the closest candidate."""

    header: Header | None
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


def parse_header(cells: Sequence[str], index: int) -> Header:
    """Read one candidate header row: named columns, their positions and canonical fields."""
    columns: list[str] = []
    positions: list[int] = []
    mapping: dict[str, str] = {}
    field_positions: list[tuple[str, int]] = []
    unmapped: list[str] = []
    duplicates: dict[str, list[str]] = {}
    taken: set[str] = set()
    for position, raw in enumerate(cells[: limits.MAX_COLUMNS]):
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
    return Header(index, columns, positions, mapping, field_positions, unmapped, duplicates)


def search_header(rows: Iterable[Sequence[str]]) -> HeaderSearch:
    """The first of the leading rows that names every required field, else the closest one."""
    best_found: frozenset[str] = frozenset()
    best_index = 0
    for index, cells in enumerate(rows):
        if index >= limits.HEADER_SEARCH_ROWS:
            break
        header = parse_header(cells, index)
        found = frozenset(header.mapping)
        if found.issuperset(REQUIRED_FIELDS):
            return HeaderSearch(header, found, index)
        if len(found) > len(best_found):
            best_found, best_index = found, index
    return HeaderSearch(None, best_found, best_index)


def missing_columns_message(search: HeaderSearch, where: str) -> str:
    """Why no header was found, naming what the closest candidate row lacked."""
    searched = limits.HEADER_SEARCH_ROWS
    required = ", ".join(COLUMN_LABELS[f] for f in REQUIRED_FIELDS)
    if not search.best_found:
        return (
            f"Baris judul kolom tidak ditemukan dalam {searched} baris pertama{where}. "
            f"Kolom wajib: {required}."
        )
    missing = ", ".join(COLUMN_LABELS[f] for f in REQUIRED_FIELDS if f not in search.best_found)
    return (
        f"Kolom wajib tidak ditemukan: {missing} "
        f"(judul kolom di baris {search.best_index + 1}{where}). Kolom wajib: {required}."
    )


def check_duplicates(header: Header, row_number: int) -> None:
    """Refuse two columns for one field: picking one could import the wrong phone number."""
    if not header.duplicates:
        return
    parts = [
        f"{COLUMN_LABELS[canonical]} ({', '.join(repr(n) for n in names)})"
        for canonical, names in header.duplicates.items()
    ]
    raise RegisterFileError(
        f"Kolom ganda di baris judul {row_number}: {'; '.join(parts)}. "
        "Hapus atau ganti nama salah satu kolom."
    )
