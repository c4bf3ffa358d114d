"""Destination countries: codes and English/Indonesian names to ISO alpha-2, and back to names."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ltsa_desk.domain.countries import (
    COUNTRY_ALIASES,
    _key,
    country_name_en,
    country_name_id,
    to_iso_alpha2,
)
from ltsa_desk.domain.values import InvalidValue

ALPHA2 = sorted(c.alpha_2 for c in pycountry.countries)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Malaysia", "MY"), ("Taiwan", "TW"), ("Hong Kong", "HK"), ("Hongkong", "HK"),
        ("HONGKONG", "HK"), ("Arab Saudi", "SA"), ("Saudi Arabia", "SA"), ("KSA", "SA"),
        ("Korea Selatan", "KR"), ("South Korea", "KR"), ("Korea, Republic of", "KR"),
        ("Jepang", "JP"), ("Japan", "JP"), ("Singapura", "SG"), ("Singapore", "SG"),
        ("Brunei Darussalam", "BN"), ("Brunei", "BN"), ("Uni Emirat Arab", "AE"),
        ("United Arab Emirates", "AE"), ("UEA", "AE"), ("Turki", "TR"), ("Türkiye", "TR"),
        ("Turkey", "TR"), ("Polandia", "PL"), ("Poland", "PL"), ("Makau", "MO"),
        ("Macao", "MO"), ("Tiongkok", "CN"), ("Timor Leste", "TL"), ("Timor-Leste", "TL"),
        ("Qatar", "QA"), ("Kuwait", "KW"), ("Italia", "IT"), ("Jerman", "DE"),
        ("Selandia Baru", "NZ"), ("Ceko", "CZ"), ("Rumania", "RO"), ("Hongaria", "HU"),
        ("my", "MY"), ("MYS", "MY"), ("twn", "TW"), ("  hong   kong ", "HK"),
        ("Viet Nam", "VN"), ("Vietnam", "VN"),
    ],
)
def test_to_iso_alpha2(text: str, expected: str) -> None:
    assert to_iso_alpha2(text) == expected


@pytest.mark.parametrize(
    ("alpha2", "name_id", "name_en"),
    [
        ("MY", "Malaysia", "Malaysia"), ("TW", "Taiwan", "Taiwan"),
        ("HK", "Hong Kong", "Hong Kong"), ("SA", "Arab Saudi", "Saudi Arabia"),
        ("KR", "Korea Selatan", "South Korea"), ("JP", "Jepang", "Japan"),
        ("SG", "Singapura", "Singapore"), ("AE", "Uni Emirat Arab", "United Arab Emirates"),
        ("TR", "Turki", "Türkiye"), ("PL", "Polandia", "Poland"), ("CN", "Tiongkok", "China"),
        ("TL", "Timor Leste", "Timor-Leste"), ("kr", "Korea Selatan", "South Korea"),
    ],
)
def test_country_names(alpha2: str, name_id: str, name_en: str) -> None:
    assert country_name_id(alpha2) == name_id
    assert country_name_en(alpha2) == name_en


def test_codes_and_names_round_trip_for_every_country() -> None:
    wrong = []
    for country in pycountry.countries:
        alpha2 = country.alpha_2
        for text in (alpha2, country.alpha_3, country.name, country_name_en(alpha2),
                     country_name_id(alpha2)):
            if to_iso_alpha2(text) != alpha2:
                wrong.append((text, alpha2, to_iso_alpha2(text)))
    assert wrong == []


def test_aliases_point_at_real_countries_and_agree_with_pycountry() -> None:
    known = set(ALPHA2)
    for alias, code in COUNTRY_ALIASES.items():
        assert code in known, alias
    alias_keys = {_key(alias): code for alias, code in COUNTRY_ALIASES.items()}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name and _key(name) in alias_keys:
                assert alias_keys[_key(name)] == country.alpha_2, name


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "XX", "Malaysiaa", "Korea Tengah"])
def test_unknown_country(text: str) -> None:
    with pytest.raises(InvalidValue, match="Negara tujuan") as err:
        to_iso_alpha2(text)
    assert err.value.field == "destination_country"


def test_unknown_code_for_names() -> None:
    for fn in (country_name_id, country_name_en):
        with pytest.raises(InvalidValue) as err:
            fn("ZZ")
        assert err.value.field == "destination_country"


@given(st.one_of(st.text(max_size=40), st.none(), st.integers(), st.binary(max_size=5)))
def test_garbage_raises_only_invalid_value(value) -> None:
    try:
        code = to_iso_alpha2(value)
    except InvalidValue as err:
        assert err.field == "destination_country" and str(err)
    else:
        assert code in ALPHA2


@given(st.sampled_from(ALPHA2), st.sampled_from([str.lower, str.upper, str.title]))
def test_names_are_case_insensitive(alpha2: str, case) -> None:
    assert to_iso_alpha2(case(country_name_id(alpha2))) == alpha2
    assert to_iso_alpha2(case(country_name_en(alpha2))) == alpha2
