"""Destination countries: whatever an officer or an old register wrote, to an ISO alpha-2 code.

Registers spell the same country many ways ("Hongkong", "Hong Kong", "HK", "Arab Saudi", "KSA");
reports and the remote systems need one code. The lookup is built once from pycountry (English
names, common and official names, and pycountry's own Indonesian translations) plus a small alias
table for the spellings LTSA offices actually use. Matching ignores case, accents, spaces and
punctuation, and is otherwise exact: no fuzzy guessing, since a wrong destination is worse than a
question to the officer.

Pure module: standard library and pycountry only (plus ``ltsa_desk.domain.values``).
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from typing import Final

import pycountry

from ltsa_desk.domain.values import InvalidValue

__all__ = [
    "COUNTRY_ALIASES",
    "country_name_en",
    "country_name_id",
    "to_iso_alpha2",
]

_FIELD: Final = "destination_country"

#: Spellings pycountry does not know, as used in LTSA registers and by officers.
COUNTRY_ALIASES: Final[Mapping[str, str]] = {
    "Hongkong": "HK",
    "Hong Kong SAR": "HK",
    "Hong Kong China": "HK",
    "Makau": "MO",
    "Makao": "MO",
    "Macau": "MO",
    "Taiwan ROC": "TW",
    "Republic of China": "TW",
    "Formosa": "TW",
    "KSA": "SA",
    "Saudi": "SA",
    "Arab": "SA",
    "Kerajaan Arab Saudi": "SA",
    "Korea": "KR",
    "Korsel": "KR",
    "Korea Republik": "KR",
    "Republik Korea": "KR",
    "Korea Selatan": "KR",
    "Nippon": "JP",
    "Singapur": "SG",
    "Brunei": "BN",
    "Brunai": "BN",
    "Brunei Darusalam": "BN",
    "UEA": "AE",
    "UAE": "AE",
    "Emirat Arab": "AE",
    "Emirates": "AE",
    "Uni Emirat Arab": "AE",
    "Turkey": "TR",
    "Turkiye": "TR",
    "Turki": "TR",
    "Polandia": "PL",
    "Tiongkok": "CN",
    "RRT": "CN",
    "RRC": "CN",
    "Republik Rakyat Tiongkok": "CN",
    "Tiongkok Daratan": "CN",
    "Ceko": "CZ",
    "Republik Ceko": "CZ",
    "Czech Republic": "CZ",
    "Timor Leste": "TL",
    "East Timor": "TL",
    "Inggris": "GB",
    "UK": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "Amerika": "US",
    "USA": "US",
    "Amerika Serikat": "US",
    "Belanda": "NL",
    "Holland": "NL",
    "Jerman": "DE",
    "Prancis": "FR",
    "Perancis": "FR",
    "Rumania": "RO",
    "Romania": "RO",
    "Hongaria": "HU",
    "Slowakia": "SK",
    "Selandia Baru": "NZ",
    "Kaledonia Baru": "NC",
    "Rusia": "RU",
    "Vietnam": "VN",
    "Laos": "LA",
    "Yordania": "JO",
    "Kuwait": "KW",
    "Qatar": "QA",
    "Katar": "QA",
    "Oman": "OM",
    "Bahrain": "BH",
    "Bahrein": "BH",
    "Mesir": "EG",
    "Maladewa": "MV",
    "Fiji": "FJ",
    "Palau": "PW",
    "Siprus": "CY",
    "Italia": "IT",
    "Spanyol": "ES",
    "Portugis": "PT",
    "Yunani": "GR",
    "Swedia": "SE",
    "Norwegia": "NO",
    "Denmark": "DK",
    "Finlandia": "FI",
    "Belgia": "BE",
    "Swiss": "CH",
    "Austria": "AT",
    "Kroasia": "HR",
    "Serbia": "RS",
    "Lituania": "LT",
    "Latvia": "LV",
    "Estonia": "EE",
    "Malta": "MT",
    "Irlandia": "IE",
    "Afrika Selatan": "ZA",
    "Kanada": "CA",
    "Australia": "AU",
    "Filipina": "PH",
    "Thailand": "TH",
    "Muangthai": "TH",
    "Kamboja": "KH",
    "Myanmar": "MM",
    "Burma": "MM",
}

#: Indonesian display names where pycountry's translation is outdated or not the official usage
#: (Keppres 12/2014 for Tiongkok; Timor Leste is the independent state, not the old province).
_NAME_ID_OVERRIDES: Final[Mapping[str, str]] = {
    "CN": "Tiongkok",
    "CZ": "Ceko",
    "MO": "Makau",
    "TL": "Timor Leste",
    "TW": "Taiwan",
}


def _key(text: str) -> str:
    """Matching key: accents dropped, casefolded, everything but letters and digits removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]", "", stripped.casefold())


@cache
def _translate_id() -> Callable[[str], str]:
    try:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    except OSError:  # translations missing from a trimmed build: English names still work
        return lambda text: text
    return translation.gettext


def _names(country: object) -> list[str]:
    names = [getattr(country, attr, None) for attr in ("name", "common_name", "official_name")]
    return [n for n in names if n]


@cache
def _lookup() -> dict[str, str]:
    """Key -> alpha-2, built once. Codes win over names, aliases over everything.

    A name key that two countries share is dropped rather than resolved arbitrarily.
    """
    translate = _translate_id()
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    ambiguous: set[str] = set()
    for country in pycountry.countries:
        alpha2 = country.alpha_2
        codes[_key(alpha2)] = alpha2
        codes[_key(country.alpha_3)] = alpha2
        for name in _names(country):
            for variant in {name, translate(name)}:
                key = _key(variant)
                if not key:
                    continue
                if names.get(key, alpha2) != alpha2:
                    ambiguous.add(key)
                names[key] = alpha2
        override = _NAME_ID_OVERRIDES.get(alpha2)
        if override:
            names[_key(override)] = alpha2
    for key in ambiguous:
        del names[key]
    lookup = {**names, **codes}
    lookup.update({_key(alias): code for alias, code in COUNTRY_ALIASES.items()})
    return lookup


def to_iso_alpha2(text: str) -> str:
    """ISO 3166-1 alpha-2 code for a country code (alpha-2/alpha-3) or name (English/Indonesian).

    Raises :class:`~ltsa_desk.domain.values.InvalidValue` (field ``destination_country``) when the
    text names no country.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InvalidValue(_FIELD, "Negara tujuan wajib diisi", "required")
    if not isinstance(text, str):
        raise InvalidValue(_FIELD, f"Negara tujuan tidak dikenali: {text!s}")
    shown = " ".join(text.split())
    code = _lookup().get(_key(shown))
    if code is None:
        if len(shown) > 40:
            shown = shown[:37] + "..."
        raise InvalidValue(
            _FIELD,
            f"Negara tujuan tidak dikenali: {shown} (isi nama negara atau kode ISO)",
            "unrecognised",
        )
    return code


def _country(alpha2: str) -> object:
    country = pycountry.countries.get(alpha_2=alpha2.strip().upper()) if alpha2 else None
    if country is None:
        raise InvalidValue(_FIELD, f"Kode negara tidak dikenali: {alpha2}", "unrecognised")
    return country


def _display_name_en(country: object) -> str:
    return getattr(country, "common_name", None) or country.name  # type: ignore[attr-defined]


def country_name_en(alpha2: str) -> str:
    """Short English name (``"South Korea"``, ``"Taiwan"``), not the ISO formal one."""
    return _display_name_en(_country(alpha2))


def country_name_id(alpha2: str) -> str:
    """Indonesian name as printed on letters (``"Korea Selatan"``, ``"Arab Saudi"``)."""
    country = _country(alpha2)
    alpha = country.alpha_2  # type: ignore[attr-defined]
    if alpha in _NAME_ID_OVERRIDES:
        return _NAME_ID_OVERRIDES[alpha]
    return _translate_id()(_display_name_en(country))
