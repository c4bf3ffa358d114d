"""Region table: bundled data, lookups in both code forms, loader locations, code normalizing."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.domain import regions as regions_module
from ltsa_desk.domain.errors import InvalidRegionCode
from ltsa_desk.domain.regions import (
    RegionDataMissing,
    RegionTable,
    canonical_code,
    default_regions,
    normalize_regency_code,
    regions_dir,
)

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "regions"


@pytest.fixture(scope="module")
def table() -> RegionTable:
    return default_regions()


def test_bundled_counts(table: RegionTable) -> None:
    assert len(table.provinces()) == 38
    assert sum(len(table.regencies_of(code)) for code, _ in table.provinces()) == 514
    assert len(table.districts_of("52.03")) >= 20


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("93", "Papua Selatan"),
        ("94", "Papua Tengah"),
        ("95", "Papua Pegunungan"),
        ("96", "Papua Barat Daya"),
        ("52", "Nusa Tenggara Barat"),
    ],
)
def test_2022_provinces_present(table: RegionTable, code: str, name: str) -> None:
    assert table.province(code) == name


def test_regency_both_forms(table: RegionTable) -> None:
    assert table.regency("52.03") == "Kabupaten Lombok Timur"
    assert table.regency("5203") == table.regency("52.03")
    assert table.regency(" 5203 ") == table.regency("52.03")
    assert table.regency("93.01") == "Kabupaten Merauke"


def test_district_both_forms(table: RegionTable) -> None:
    name = table.district("52.03.01")
    assert name
    assert table.district("520301") == name


@pytest.mark.parametrize(
    "code", ["", "5", "520", "52.3", "52..03", "52.03.", "ab.cd", "٥٢٠٣", None]
)
def test_malformed_lookups_return_none(table: RegionTable, code: object) -> None:
    assert table.regency(code) is None  # type: ignore[arg-type]
    assert table.district(code) is None  # type: ignore[arg-type]


def test_unknown_codes(table: RegionTable) -> None:
    assert table.province("99") is None
    assert table.regency("52.99") is None
    assert table.district("52.03.99") is None


def test_historical_papua_codes(table: RegionTable) -> None:
    # Before the 2022 split Merauke was 91.01; NIKs issued then still carry it.
    assert table.regency("91.01") == "Kabupaten Merauke"
    assert table.is_historical("9101")
    assert table.successor("91.01") == "93.01"
    assert table.district("91.01.01") == "Merauke"
    assert table.is_historical("91.01.01")
    assert table.regency("92.71") == "Kota Sorong"
    assert table.successor("92.71") == "96.71"
    # Current codes are not historical and pickers do not offer retired codes.
    assert not table.is_historical("93.01")
    assert "91.01" not in dict(table.regencies_of("91"))


def test_historical_manual_codes(table: RegionTable) -> None:
    assert table.regency("64.73") == "Kota Tarakan"
    assert table.successor("64.73") == "65.71"
    assert table.regency("73.21") == "Kabupaten Mamuju"


def test_every_code_belongs_to_known_parent(table: RegionTable) -> None:
    for province, _ in table.provinces():
        for regency, _ in table.regencies_of(province):
            assert regency.startswith(province + ".")
            for district, _ in table.districts_of(regency):
                assert table.regency(district[:5]) is not None


def test_bundled_files_shape() -> None:
    for name in ("provinces.csv", "regencies.csv", "districts.csv", "historical.csv"):
        path = BUNDLED / name
        assert path.is_file()
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("code,name")
        codes = [line.split(",", 1)[0] for line in lines[1:]]
        assert len(codes) == len(set(codes)), f"duplicate codes in {name}"
    total = sum(p.stat().st_size for p in BUNDLED.glob("*.csv"))
    assert total < 2_000_000


def test_districts_are_read_on_first_use_not_at_load(tmp_path: Path) -> None:
    """Start-up reads the small files only: the 7,000-row district list waits for the first
    district lookup. (How long a load takes is measured in benchmarks/, not asserted here: a CI
    run on a loaded box once took 0.62 s for what takes 0.05 s when quiet.)"""
    folder = tmp_path / "regions"
    shutil.copytree(BUNDLED, folder)
    fresh = RegionTable.load(folder)
    assert fresh.regency("52.03") is not None
    (folder / "districts.csv").write_text("code,name\n52.03.01,Dibaca kemudian\n", encoding="utf-8")
    assert fresh.district("52.03.01") == "Dibaca kemudian"
    (folder / "districts.csv").unlink()
    assert fresh.district("52.03.01") == "Dibaca kemudian", "read once, then kept"


def test_default_regions_is_cached() -> None:
    assert default_regions() is default_regions()


def test_regions_dir_default() -> None:
    assert regions_dir() == BUNDLED


def test_regions_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "regions"
    shutil.copytree(BUNDLED, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    monkeypatch.setenv("LTSA_RESOURCES_DIR", str(tmp_path))
    assert regions_dir() == target
    assert RegionTable.load(regions_dir()).regency("52.03") == "Kabupaten Lombok Timur"


def test_regions_dir_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("LTSA_RESOURCES_DIR", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert regions_dir() == tmp_path / "resources" / "regions"


def test_missing_data_is_clear(tmp_path: Path) -> None:
    with pytest.raises(RegionDataMissing, match="Data kode wilayah tidak ditemukan"):
        RegionTable.load(tmp_path)


def test_default_regions_cache_clear(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LTSA_RESOURCES_DIR", str(tmp_path))
    regions_module.default_regions.cache_clear()
    try:
        with pytest.raises(RegionDataMissing):
            default_regions()
    finally:
        monkeypatch.delenv("LTSA_RESOURCES_DIR")
        regions_module.default_regions.cache_clear()
    assert default_regions().province("52")


def test_in_memory_table() -> None:
    small = RegionTable(
        provinces={"52": "NTB"},
        regencies={"52.03": "Lombok Timur"},
        districts=lambda: {"52.03.01": "Keruak"},
        historical={"52.98": ("Lama", "52.03")},
    )
    assert small.district("520301") == "Keruak"
    assert small.regency("5298") == "Lama"
    assert small.successor("52.98") == "52.03"


# -- normalize_regency_code -------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["5203", "52.03", " 52.03 ", "52 03", "52-03"])
def test_normalize_regency_code_forms(typed: str) -> None:
    assert normalize_regency_code(typed) == "52.03"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("", "empty"), ("   ", "empty"), ("520", "format"), ("52.3", "format"), ("5a03", "format")],
)
def test_normalize_regency_code_errors(typed: str, reason: str) -> None:
    with pytest.raises(InvalidRegionCode) as info:
        normalize_regency_code(typed)
    assert info.value.reason == reason
    assert info.value.field == "region"
    assert "Kode kabupaten/kota" in str(info.value)


def test_normalize_regency_code_with_table(table: RegionTable) -> None:
    assert normalize_regency_code("9301", regions=table) == "93.01"
    with pytest.raises(InvalidRegionCode) as info:
        normalize_regency_code("9101", regions=table)
    assert info.value.reason == "historical"
    assert "93.01" in str(info.value)
    with pytest.raises(InvalidRegionCode) as info:
        normalize_regency_code("9901", regions=table)
    assert info.value.reason == "province"
    with pytest.raises(InvalidRegionCode) as info:
        normalize_regency_code("5299", regions=table)
    assert info.value.reason == "unknown"


@given(st.text(max_size=12))
def test_normalize_regency_code_only_raises_declared_error(typed: str) -> None:
    try:
        code = normalize_regency_code(typed)
    except InvalidRegionCode as error:
        assert error.field == "region"
        assert str(error)
    else:
        assert len(code) == 5 and code[2] == "." and code.replace(".", "").isdigit()


@given(st.from_regex(r"[0-9]{2}\.?[0-9]{2}", fullmatch=True))
def test_normalize_regency_code_roundtrip(typed: str) -> None:
    code = normalize_regency_code(typed)
    assert code.replace(".", "") == typed.replace(".", "")
    assert normalize_regency_code(code) == code
    assert canonical_code(code, 2) == code


@given(st.text(max_size=12))
def test_lookups_never_raise(typed: str) -> None:
    table = default_regions()
    table.province(typed)
    table.regency(typed)
    table.district(typed)
    table.is_historical(typed)
    table.successor(typed)
