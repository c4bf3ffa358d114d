"""Kartu Keluarga number checks."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.domain.errors import InvalidKk
from ltsa_desk.domain.kk import kk_issue_date, validate_kk
from ltsa_desk.domain.regions import default_regions

TODAY = date(2025, 6, 15)
TABLE = default_regions()
PROVINCES = [code for code, _ in TABLE.provinces()]


def check(text: str) -> str:
    return validate_kk(text, regions=TABLE, today=TODAY)


@given(
    province=st.sampled_from(PROVINCES),
    rest=st.from_regex(r"[0-9]{4}", fullmatch=True),
    issued=st.dates(min_value=date(1925, 6, 16), max_value=TODAY),
    serial=st.integers(1, 9999),
)
def test_roundtrip(province: str, rest: str, issued: date, serial: int) -> None:
    kk = f"{province}{rest}{issued:%d%m}{issued.year % 100:02d}{serial:04d}"
    assert check(kk) == kk
    assert check(f" {kk[:4]} {kk[4:]} ") == kk
    assert kk_issue_date(kk, TODAY) == issued


@given(st.text(max_size=40))
def test_garbage_raises_only_invalid_kk(text: str) -> None:
    try:
        kk = check(text)
    except InvalidKk as error:
        assert error.field == "kk"
        assert "KK" in str(error)
        assert error.reason in {"empty", "non_digit", "length", "province", "date", "serial"}
    else:
        assert len(kk) == 16 and kk.isdigit()


@given(st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_sixteen_digits(text: str) -> None:
    try:
        assert check(text) == text
    except InvalidKk as error:
        assert error.reason in {"province", "date", "serial"}


def test_valid_example() -> None:
    assert check("5203011506100004") == "5203011506100004"
    assert kk_issue_date("5203011506100004", TODAY) == date(2010, 6, 15)


@pytest.mark.parametrize(
    ("text", "reason", "message"),
    [
        ("", "empty", "Nomor KK belum diisi"),
        ("520301150610000", "length", "Nomor KK harus 16 angka (sekarang 15)"),
        ("52030115061O0004", "non_digit", "Nomor KK hanya boleh berisi angka"),
        ("9903011506100004", "province", "Kode provinsi 99 pada nomor KK tidak dikenal"),
        ("5203013102100004", "date", "Tanggal pada nomor KK tidak mungkin (31-02-2010)"),
        ("5203010006100004", "date", "angka tanggal 00"),
        ("5203011513100004", "date", "bulan 13"),
        ("5203011506100000", "serial", "Nomor urut KK tidak boleh 0000"),
    ],
)
def test_errors(text: str, reason: str, message: str) -> None:
    with pytest.raises(InvalidKk) as info:
        check(text)
    assert info.value.reason == reason
    assert info.value.field == "kk"
    assert message in str(info.value)


def test_nik_typed_into_kk_field_gets_a_hint() -> None:
    with pytest.raises(InvalidKk) as info:
        check("5203015505900001")  # a woman's NIK: day 55
    assert info.value.reason == "date"
    assert "NIK" in str(info.value)


def test_regency_not_checked() -> None:
    # A KK keeps the code of the district that issued it, even if renumbered since.
    assert check("5299991506100004") == "5299991506100004"


def test_default_today_and_regions() -> None:
    assert validate_kk("5203011506100004") == "5203011506100004"
