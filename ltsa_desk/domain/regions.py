"""Kemendagri region codes: province (52), regency/city (52.03) and district (52.03.01).

The bundled table (resources/regions, see SOURCES.md there) holds the codes of the current
regulation plus *historical* codes: a NIK keeps the code of the place where it was first issued,
so people registered before a province split (Papua 2022, Kalimantan Utara 2012, ...) still carry
retired codes such as 91.01 (now 93.01, Kabupaten Merauke). Lookups answer for both; pickers
(``regencies_of``/``districts_of``) list only current codes.

Codes are accepted as typed, with or without dots (``5203`` or ``52.03``); the dotted form is the
canonical one everywhere else in the app.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from ltsa_desk.domain.errors import InvalidRegionCode

ENV_RESOURCES_DIR = "LTSA_RESOURCES_DIR"

_LEVEL_DIGITS = {1: 2, 2: 4, 3: 6}  # province, regency, district


class RegionDataMissing(FileNotFoundError):
    """The bundled region files are not where the app looked: a broken install, not a user error."""


def canonical_code(code: object, level: int) -> str | None:
    """Return the dotted form of a code of the given level (1-3), or None if it is malformed.

    ``level`` 2 accepts ``"5203"`` and ``"52.03"`` (surrounding whitespace ignored). Returning None
    instead of raising keeps lookups cheap to call on anything a user typed.
    """
    if not isinstance(code, str):
        return None
    text = code.strip()
    digits = _LEVEL_DIGITS[level]
    if "." in text:
        parts = text.split(".")
        if len(parts) != level or any(len(p) != 2 for p in parts):
            return None
        text = "".join(parts)
    if len(text) != digits or not _is_ascii_digits(text):
        return None
    return ".".join(text[i : i + 2] for i in range(0, digits, 2))


def _is_ascii_digits(text: str) -> bool:
    """str.isdigit() also accepts '²' and Arabic-Indic digits, which no Kemendagri code contains."""
    return text.isascii() and text.isdigit()


class RegionTable:
    """Names for region codes, current and historical.

    Districts (7,000+ rows) are loaded on first use so that start-up stays fast; everything else
    is loaded at construction. Safe to share between threads.
    """

    def __init__(
        self,
        provinces: Mapping[str, str],
        regencies: Mapping[str, str],
        districts: Mapping[str, str] | Callable[[], Mapping[str, str]],
        historical: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> None:
        """Build from dotted-code -> name maps; ``historical`` maps code -> (name, successor)."""
        self._provinces = dict(provinces)
        self._regencies = dict(regencies)
        self._historical = dict(historical or {})
        self._lock = threading.Lock()
        self._districts: dict[str, str] | None = None
        self._districts_by_regency: dict[str, list[tuple[str, str]]] = {}
        self._district_loader: Callable[[], Mapping[str, str]] | None = None
        if callable(districts):
            self._district_loader = districts
        else:
            self._index_districts(dict(districts))

    @classmethod
    def load(cls, folder: Path) -> RegionTable:
        """Read provinces.csv, regencies.csv, historical.csv now and districts.csv on first use."""
        folder = Path(folder)
        for name in ("provinces.csv", "regencies.csv", "districts.csv"):
            if not (folder / name).is_file():
                raise RegionDataMissing(
                    f"Data kode wilayah tidak ditemukan: {folder / name}. Pasang ulang LTSA Desk "
                    f"atau periksa variabel {ENV_RESOURCES_DIR}."
                )
        historical: dict[str, tuple[str, str | None]] = {}
        hist_path = folder / "historical.csv"
        if hist_path.is_file():
            with hist_path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    historical[row["code"]] = (row["name"], row["successor"] or None)
        return cls(
            provinces=_read_pairs(folder / "provinces.csv"),
            regencies=_read_pairs(folder / "regencies.csv"),
            districts=functools.partial(_read_pairs, folder / "districts.csv"),
            historical=historical,
        )

    # -- lookups ---------------------------------------------------------------------------

    def province(self, code: str) -> str | None:
        """Name of province ``52``, or None if the code is malformed or unknown."""
        key = canonical_code(code, 1)
        return None if key is None else self._provinces.get(key)

    def regency(self, code: str) -> str | None:
        """Name of regency/city ``5203``/``52.03`` (current or historical), or None."""
        key = canonical_code(code, 2)
        return None if key is None else self._name(self._regencies, key)

    def district(self, code: str) -> str | None:
        """Name of district ``520301``/``52.03.01`` (current or historical), or None."""
        key = canonical_code(code, 3)
        return None if key is None else self._name(self._district_map(), key)

    def is_historical(self, code: str) -> bool:
        """True for a retired regency/district code that NIKs still carry (e.g. 91.01)."""
        for level in (2, 3):
            key = canonical_code(code, level)
            if key is not None:
                return key in self._historical
        return False

    def successor(self, code: str) -> str | None:
        """Current code of a retired regency (91.01 -> 93.01), when the move is one-to-one."""
        key = canonical_code(code, 2) or canonical_code(code, 3)
        entry = self._historical.get(key) if key else None
        return entry[1] if entry else None

    # -- listings for pickers (current codes only) -----------------------------------------

    def provinces(self) -> list[tuple[str, str]]:
        """All current provinces as (code, name), by code."""
        return sorted(self._provinces.items())

    def regencies_of(self, province_code: str) -> list[tuple[str, str]]:
        """Current regencies/cities of a province as (code, name), by code."""
        key = canonical_code(province_code, 1)
        if key is None:
            return []
        return sorted((c, n) for c, n in self._regencies.items() if c.startswith(key + "."))

    def districts_of(self, regency_code: str) -> list[tuple[str, str]]:
        """Current districts of a regency/city as (code, name), by code."""
        key = canonical_code(regency_code, 2)
        if key is None:
            return []
        self._district_map()
        return list(self._districts_by_regency.get(key, ()))

    # -- internals -------------------------------------------------------------------------

    def _name(self, current: Mapping[str, str], key: str) -> str | None:
        name = current.get(key)
        if name is None:
            entry = self._historical.get(key)
            name = entry[0] if entry else None
        return name

    def _index_districts(self, districts: dict[str, str]) -> None:
        by_regency: dict[str, list[tuple[str, str]]] = {}
        for code in sorted(districts):
            by_regency.setdefault(code[:5], []).append((code, districts[code]))
        self._districts_by_regency = by_regency
        self._districts = districts  # published last: readers check it without the lock

    def _district_map(self) -> dict[str, str]:
        districts = self._districts
        if districts is None:
            with self._lock:
                if self._districts is None:
                    assert self._district_loader is not None
                    self._index_districts(dict(self._district_loader()))
                districts = self._districts
        assert districts is not None
        return districts


def _read_pairs(path: Path) -> dict[str, str]:
    """Read a ``code,name`` CSV with header; plain split is several times faster than csv here."""
    with path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    if '"' in text:  # a quoted name (contains a comma): fall back to the real parser
        rows = csv.reader(text.splitlines()[1:])
        return {row[0]: row[1] for row in rows if len(row) >= 2}
    out: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        code, sep, name = line.partition(",")
        if sep:
            out[code] = name
    return out


def resource_dir(name: str) -> Path:
    """A folder of `resources/` (regions, icons, templates, i18n): $LTSA_RESOURCES_DIR/<name>, the
    PyInstaller bundle's, or the repository's.

    The environment variable wins so a technician can point at fresher data without reinstalling.
    Every resource lookup of the application goes through here, so a frozen build finds them all.
    """
    override = os.environ.get(ENV_RESOURCES_DIR)
    if override:
        return Path(override) / name
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources" / name
    return Path(__file__).resolve().parents[2] / "resources" / name


def regions_dir() -> Path:
    """Where the region files are (see :func:`resource_dir`)."""
    return resource_dir("regions")


@functools.cache
def default_regions() -> RegionTable:
    """The bundled table, loaded once per process (tests: ``default_regions.cache_clear()``)."""
    return RegionTable.load(regions_dir())


_REGENCY_TYPED = re.compile(r"(\d{2})[.\s-]?(\d{2})")


def normalize_regency_code(text: str, *, regions: RegionTable | None = None) -> str:
    """Return a typed regency/city code in dotted form (``5203`` -> ``52.03``).

    Accepts ``5203``, ``52.03``, ``52 03`` and ``52-03``. Checks only the shape unless ``regions``
    is given; then the code must also be a *current* one (office settings must not use a retired
    code, which is reported with its replacement).
    """
    typed = text.strip() if isinstance(text, str) else ""
    if not typed:
        raise InvalidRegionCode("Kode kabupaten/kota belum diisi (contoh: 52.03).", "empty")
    match = _REGENCY_TYPED.fullmatch(typed)
    if match is None or not _is_ascii_digits(match.group(1) + match.group(2)):
        shown = typed if len(typed) <= 20 else typed[:20] + "…"
        raise InvalidRegionCode(
            f"Kode kabupaten/kota harus 4 angka, misalnya 52.03 atau 5203 (sekarang: {shown}).",
            "format",
        )
    code = f"{match.group(1)}.{match.group(2)}"
    if regions is None:
        return code
    if regions.province(code[:2]) is None:
        raise InvalidRegionCode(f"Kode provinsi {code[:2]} tidak dikenal.", "province")
    if regions.is_historical(code):
        successor = regions.successor(code)
        hint = f"; gunakan kode baru {successor}" if successor else ""
        raise InvalidRegionCode(
            f"Kode {code} adalah kode lama ({regions.regency(code)}){hint}.", "historical"
        )
    if regions.regency(code) is None:
        raise InvalidRegionCode(
            f"Kode kabupaten/kota {code} tidak ada di daftar wilayah Kemendagri.", "unknown"
        )
    return code
