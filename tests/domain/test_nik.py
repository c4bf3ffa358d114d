"""NIK parsing: round trips over the real region table, garbage, and the cases officers meet."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.domain.errors import FieldValueError, InvalidNik
from ltsa_desk.domain.nik import (
    Nik,
    Sex,
    expand_two_digit_year,
    mask_nik,
    nik_birth_date_text,
    parse_nik,
)
from ltsa_desk.domain.regions import RegionTable, default_regions

TODAY = date(2025, 6, 15)
TABLE = default_regions()
CURRENT_DISTRICTS = [
    code
    for regency in (r for p, _ in TABLE.provinces() for r, _ in TABLE.regencies_of(p))
    for code, _ in TABLE.districts_of(regency)
]
HISTORICAL_DISTRICTS = ["91.01.01", "91.02.01", "92.71.01", "92.01.01"]


def build_nik(district: str, born: date, sex: Sex, serial: int) -> str:
    day = born.day + (40 if sex is Sex.P else 0)
    return f"{district.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def parse(text: str, **kwargs: object) -> Nik:
    return parse_nik(text, regions=TABLE, today=TODAY, **kwargs)  # type: ignore[arg-type]


# -- properties --------------------------------------------------------------------------------

# Every date in (TODAY - 100 years, TODAY] is read back with the right century.
birth_dates = st.dates(min_value=date(1925, 6, 16), max_value=TODAY)


@given(
    district=st.sampled_from(CURRENT_DISTRICTS),
    born=birth_dates,
    sex=st.sampled_from(Sex),
    serial=st.integers(1, 9999),
)
def test_roundtrip(district: str, born: date, sex: Sex, serial: int) -> None:
    text = build_nik(district, born, sex, serial)
    nik = parse(text)
    assert nik.nik == text
    assert nik.province_code == district[:2]
    assert nik.regency_code == district[:5]
    assert nik.district_code == district
    assert nik.birth_date == born
    assert nik.sex is sex
    assert nik.serial == f"{serial:04d}"
    assert nik.regency_known and nik.district_known
    assert nik.warnings == ()


@given(
    district=st.sampled_from(HISTORICAL_DISTRICTS),
    born=birth_dates,
    sex=st.sampled_from(Sex),
    serial=st.integers(1, 9999),
)
def test_roundtrip_historical_codes(district: str, born: date, sex: Sex, serial: int) -> None:
    nik = parse(build_nik(district, born, sex, serial))
    assert nik.district_code == district
    assert nik.regency_known and nik.district_known
    assert nik.warnings == ()


@given(st.text(max_size=40))
def test_garbage_raises_only_invalid_nik(text: str) -> None:
    try:
        nik = parse(text)
    except InvalidNik as error:
        assert error.field == "nik"
        assert "NIK" in str(error)
        assert error.reason in {"empty", "non_digit", "length", "province", "date", "serial"}
    else:
        assert len(nik.nik) == 16


@given(st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_sixteen_digits_parse_or_name_the_part(text: str) -> None:
    try:
        nik = parse(text)
    except InvalidNik as error:
        assert error.reason in {"province", "date", "serial"}
        assert "NIK" in str(error)
    else:
        assert nik.birth_date <= TODAY
        day = nik.birth_date.day + (40 if nik.sex is Sex.P else 0)
        rebuilt = (
            nik.district_code.replace(".", "")
            + f"{day:02d}{nik.birth_date.month:02d}{nik.birth_date.year % 100:02d}"
            + nik.serial
        )
        assert rebuilt == text
        assert nik.regency_known or nik.warnings


@given(
    district=st.sampled_from(CURRENT_DISTRICTS),
    born=birth_dates,
    serial=st.integers(1, 9999),
    cuts=st.lists(st.integers(1, 15), max_size=4),
    space=st.sampled_from([" ", "  ", "\t", "\u00a0"]),
)
def test_spaces_between_digits_are_ignored(
    district: str, born: date, serial: int, cuts: list[int], space: str
) -> None:
    text = build_nik(district, born, Sex.L, serial)
    spaced = text
    for cut in sorted(set(cuts), reverse=True):
        spaced = spaced[:cut] + space + spaced[cut:]
    assert parse(f"  {spaced} \n").nik == text


@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    back=st.integers(0, 36_000),
)
def test_century_is_latest_not_after_today(today: date, back: int) -> None:
    born = today - timedelta(days=back)
    year = expand_two_digit_year(born.year % 100, born.month, born.day, today)
    assert year == born.year


# -- examples ----------------------------------------------------------------------------------


def test_example_male() -> None:
    nik = parse("5203011205900001")
    assert nik.birth_date == date(1990, 5, 12)
    assert nik.sex is Sex.L
    assert nik.regency_code == "52.03"
    assert nik.district_code == "52.03.01"
    assert nik.serial == "0001"
    assert nik_birth_date_text(nik) == "12-05-1990"
    assert str(nik) == "5203011205900001"


def test_female_day_plus_40() -> None:
    nik = parse("5203015205900002")
    assert nik.birth_date == date(1990, 5, 12)
    assert nik.sex is Sex.P
    assert nik.sex == "P"
    assert nik.sex.label == "Perempuan"
    assert Sex.L.label == "Laki-laki"


@pytest.mark.parametrize(
    ("ddmmyy", "expected"),
    [
        ("010105", date(2005, 1, 1)),
        ("311299", date(1999, 12, 31)),
        ("150625", date(2025, 6, 15)),  # born today
        ("160625", date(1925, 6, 16)),  # 2025-06-16 is tomorrow, so 1925
        ("290200", date(2000, 2, 29)),
        ("010100", date(2000, 1, 1)),
    ],
)
def test_century(ddmmyy: str, expected: date) -> None:
    assert parse(f"520301{ddmmyy}0001").birth_date == expected


def test_default_today_and_regions() -> None:
    nik = parse_nik("5203011205900001")
    assert nik.birth_date == date(1990, 5, 12)


@pytest.mark.parametrize(
    ("text", "reason", "message"),
    [
        ("", "empty", "NIK belum diisi."),
        ("   ", "empty", "NIK belum diisi."),
        ("520301120590001", "length", "NIK harus 16 angka (sekarang 15)"),
        ("52030112059000011", "length", "NIK harus 16 angka (sekarang 17)"),
        ("52030112O5900001", "non_digit", "NIK hanya boleh berisi angka"),
        ("52.03.01.120590.0001", "non_digit", "NIK hanya boleh berisi angka"),
        ("5203-0112-0590-0001", "non_digit", "NIK hanya boleh berisi angka"),
        ("５２０３０１１２０５９０００００１", "non_digit", "NIK hanya boleh berisi angka"),
        ("9903011205900001", "province", "Kode provinsi 99 pada NIK tidak dikenal"),
        ("0003011205900001", "province", "Kode provinsi 00 pada NIK tidak dikenal"),
        ("5203013102900001", "date", "Tanggal lahir pada NIK tidak mungkin (31-02-1990)"),
        ("5203017102900001", "date", "Tanggal lahir pada NIK tidak mungkin (31-02-1990)"),
        ("5203012902010001", "date", "Tanggal lahir pada NIK tidak mungkin (29-02-2001)"),
        ("5203010005900001", "date", "angka tanggal 00"),
        ("5203013205900001", "date", "angka tanggal 32"),
        ("5203014005900001", "date", "angka tanggal 40"),
        ("5203017205900001", "date", "angka tanggal 72"),
        ("5203011200900001", "date", "bulan 00"),
        ("5203011213900001", "date", "bulan 13"),
        ("5203011205900000", "serial", "Nomor urut NIK tidak boleh 0000"),
    ],
)
def test_errors(text: str, reason: str, message: str) -> None:
    with pytest.raises(InvalidNik) as info:
        parse(text)
    assert info.value.reason == reason
    assert info.value.field == "nik"
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, FieldValueError)


def test_not_a_string() -> None:
    with pytest.raises(InvalidNik):
        parse_nik(None, regions=TABLE)  # type: ignore[arg-type]


def test_unknown_regency_is_a_warning() -> None:
    nik = parse("5299011205900001")
    assert not nik.regency_known
    assert not nik.district_known
    assert len(nik.warnings) == 1
    assert "52.99" in nik.warnings[0]
    assert "Nusa Tenggara Barat" in nik.warnings[0]


def test_unknown_district_is_a_warning() -> None:
    nik = parse("5203991205900001")
    assert nik.regency_known
    assert not nik.district_known
    assert len(nik.warnings) == 1
    assert "52.03.99" in nik.warnings[0]
    assert "Kabupaten Lombok Timur" in nik.warnings[0]


@pytest.mark.parametrize("province", ["93", "94", "95", "96"])
def test_new_papua_provinces(province: str) -> None:
    regency = TABLE.regencies_of(province)[0][0]
    district = TABLE.districts_of(regency)[0][0]
    nik = parse(build_nik(district, date(2001, 3, 4), Sex.P, 7))
    assert nik.province_code == province
    assert nik.regency_known and nik.district_known


def test_old_papua_code_before_split() -> None:
    nik = parse("9101014506880003")  # Merauke under its pre-2022 code
    assert nik.regency_known and nik.district_known
    assert nik.warnings == ()
    assert TABLE.successor(nik.regency_code) == "93.01"


def test_small_table_injected() -> None:
    small = RegionTable(provinces={"52": "NTB"}, regencies={}, districts={})
    nik = parse_nik("5203011205900001", regions=small, today=TODAY)
    assert not nik.regency_known
    with pytest.raises(InvalidNik):
        parse_nik("3203011205900001", regions=small, today=TODAY)


def test_nik_is_frozen() -> None:
    nik = parse("5203011205900001")
    with pytest.raises(dataclasses.FrozenInstanceError):
        nik.serial = "0002"  # type: ignore[misc]


def test_mask_nik() -> None:
    assert mask_nik("5203011205900001") == "520301" + "*" * 10
    assert "1205900001" not in repr(parse("5203011205900001"))


def test_error_survives_pickle() -> None:
    with pytest.raises(InvalidNik) as info:
        parse("9903011205900001")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is InvalidNik
    assert (copy.reason, copy.field, str(copy)) == ("province", "nik", str(info.value))
