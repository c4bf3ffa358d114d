"""Indonesian phone numbers to E.164."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.domain.errors import InvalidPhone
from ltsa_desk.domain.phone import format_phone_national, is_mobile, normalize_phone

# National significant numbers (after 0 / +62): mobile 8[1-9] + 7..10 digits (10-13 with the 0).
mobile_nsn = st.from_regex(r"8[1-9][0-9]{7,10}", fullmatch=True)
# Landline: area code starting 2-7 or 9, 8..11 digits in all (9-12 with the 0).
landline_nsn = st.from_regex(r"[2-79][0-9]{7,10}", fullmatch=True)
separator = st.sampled_from(["", " ", "-", ".", "  ", " - "])


def spread(nsn: str, cuts: list[int], sep: str) -> str:
    out = nsn
    for cut in sorted({c % (len(nsn) + 1) for c in cuts}, reverse=True):
        out = out[:cut] + sep + out[cut:]
    return out


@given(
    nsn=mobile_nsn | landline_nsn,
    prefix=st.sampled_from(["0", "62", "+62", "+62 ", "0062 ", "+62 0", "+62 (0)"]),
    cuts=st.lists(st.integers(0, 20), max_size=3),
    sep=separator,
)
def test_roundtrip(nsn: str, prefix: str, cuts: list[int], sep: str) -> None:
    typed = prefix + spread(nsn, cuts, sep)
    e164 = normalize_phone(typed)
    assert e164 == "+62" + nsn
    assert normalize_phone(e164) == e164
    assert normalize_phone(format_phone_national(e164)) == e164
    assert is_mobile(e164) == nsn.startswith("8")


@given(nsn=mobile_nsn)
def test_bare_mobile_without_zero(nsn: str) -> None:
    assert normalize_phone(nsn) == "+62" + nsn


@given(st.text(max_size=30))
def test_garbage_raises_only_invalid_phone(text: str) -> None:
    try:
        e164 = normalize_phone(text)
    except InvalidPhone as error:
        assert error.field == "phone"
        assert "Nomor" in str(error)
        assert error.reason in {"empty", "chars", "prefix", "country", "length"}
    else:
        assert e164.startswith("+62") and e164[1:].isdigit()
        assert 11 <= len(e164) <= 15  # E.164: at most 15 digits after '+'


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 789", "+628123456789"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0370) 123456", "+62370123456"),
        ("021-1234 5678", "+622112345678"),
        ("0370/623456", "+62370623456"),
        ("  081234567890  ", "+6281234567890"),
    ],
)
def test_examples(typed: str, expected: str) -> None:
    assert normalize_phone(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason", "message"),
    [
        ("", "empty", "Nomor HP belum diisi"),
        ("---", "empty", "Nomor HP belum berisi angka"),
        ("0812a3456789", "chars", "Nomor HP hanya boleh berisi angka"),
        ("08123+456789", "chars", "Nomor HP hanya boleh berisi angka"),
        ("1234567890", "prefix", "Nomor HP harus diawali 08, 62 atau +62"),
        ("0123456789", "prefix", "Nomor HP harus diawali 08, 62 atau +62"),
        ("+60123456789", "country", "Nomor HP harus nomor Indonesia"),
        ("0060123456789", "country", "Nomor HP harus nomor Indonesia"),
        ("0812345678", "length", None),  # 10 digits: shortest valid, see below
        ("081234567", "length", "Nomor HP harus 10–13 angka jika ditulis dengan 08 (sekarang 9)"),
        ("08123456789012", "length", "(sekarang 14)"),
        ("0370 1234", "length", "Nomor telepon rumah/kantor harus 9–12 angka"),
        ("08001234567", "prefix", "0800/0809"),
        ("0", "length", "terlalu pendek"),
        ("+62", "length", "terlalu pendek"),
    ],
)
def test_errors(typed: str, reason: str, message: str | None) -> None:
    if message is None:
        assert normalize_phone(typed) == "+62812345678"
        return
    with pytest.raises(InvalidPhone) as info:
        normalize_phone(typed)
    assert info.value.reason == reason
    assert info.value.field == "phone"
    assert message in str(info.value)


def test_format_national() -> None:
    assert format_phone_national("+6281234567890") == "0812-3456-7890"
    assert format_phone_national("+622112345678") == "(021) 1234-5678"
    assert format_phone_national("+62370623456") == "(0370) 62-3456"
