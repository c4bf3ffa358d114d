"""check_applicant: one rule book for the form, `applicant update` and the register import.

Property tests: whatever an officer or a register throws at it, the only refusal is
ValidationFailed (the form and the import know how to show that, and nothing else); and every
well-formed record of this office passes and keeps the birth date and sex its NIK encodes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ltsa_desk.domain.applicant import age_on
from ltsa_desk.services.validation import (
    FIELDS,
    REQUIRED,
    CheckedApplicant,
    ValidationFailed,
    check_applicant,
)

OFFICE = "52.03"
TODAY = date(2026, 6, 1)
EXCEL_EPOCH = date(1899, 12, 30)

_scalar = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.text(alphabet="0123456789 -/.", max_size=20),
    st.from_regex(r"\A[0-9]{16}\Z"),
    st.integers(),
    st.integers(min_value=-(10**300), max_value=10**300),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)

garbage_records = st.dictionaries(
    keys=st.one_of(st.sampled_from(FIELDS), st.text(max_size=12)),
    values=_scalar,
    max_size=len(FIELDS) + 2,
)

# Garbage only in the values, with every field present: reaches the cross-field rules
# (NIK agreement, age, planned departure) far more often than random keys do.
garbage_full_records = st.fixed_dictionaries({name: _scalar for name in FIELDS})


def _check(raw: dict[Any, Any], registration_date: date = TODAY) -> CheckedApplicant | None:
    """Run the rules; None when refused. Anything but ValidationFailed escapes (and fails)."""
    try:
        return check_applicant(raw, office_code=OFFICE, registration_date=registration_date)
    except ValidationFailed as refused:
        assert refused.errors, "a refusal must name at least one field"
        assert all(isinstance(m, str) and m for m in refused.errors.values())
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(garbage_records)
@example({"birth_date": 10**400})
@example({"birth_date": float("nan"), "planned_departure": -1e308})
@example({"nik": None, "full_name": None, "birth_date": None, "sex": None})
@example({"nik": 5203011205900001, "full_name": "Budi", "birth_date": 32640, "sex": "L"})
def test_garbage_records_only_ever_raise_validation_failed(raw: dict[Any, Any]) -> None:
    checked = _check(raw)
    if checked is not None:
        # whatever got through is a complete, typed record
        assert set(checked.values) == set(FIELDS)
        assert isinstance(checked.values["birth_date"], date)
        assert checked.values["sex"] in {"L", "P"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(garbage_full_records, st.dates(date(2000, 1, 1), date(2060, 12, 31)))
def test_garbage_values_in_every_field_only_raise_validation_failed(
    raw: dict[str, Any], registration_date: date
) -> None:
    _check(raw, registration_date)


def _nik_for(birth: date, sex: str, serial: int, district: str = "01") -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"5203{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def _date_as_typed(birth: date, style: str) -> Any:
    if style == "dmy-dash":
        return birth.strftime("%d-%m-%Y")
    if style == "dmy-slash":
        return birth.strftime("%d/%m/%Y")
    if style == "iso":
        return birth.isoformat()
    if style == "serial":
        return str((birth - EXCEL_EPOCH).days)
    if style == "float-serial":
        return float((birth - EXCEL_EPOCH).days)
    if style == "datetime":
        return datetime(birth.year, birth.month, birth.day, 0, 0)
    return birth


_SEX_SPELLINGS = {
    "L": ["L", "l", "M", "Laki-laki", "LAKI-LAKI", "Pria"],
    "P": ["P", "p", "F", "Perempuan", "Wanita"],
}

names = st.text(
    alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz '.-"),
    min_size=1,
    max_size=60,
).filter(lambda s: any(ch.isalpha() for ch in s))


@st.composite
def valid_records(draw: st.DrawFn) -> tuple[dict[str, Any], date, date, str]:
    registration_date = draw(st.dates(date(2020, 1, 1), date(2035, 12, 31)))
    birth = draw(
        st.dates(
            registration_date - timedelta(days=int(365.25 * 90)),
            registration_date - timedelta(days=int(365.25 * 18) + 2),
        )
    )
    assert 18 <= age_on(birth, registration_date) <= 90
    sex = draw(st.sampled_from(["L", "P"]))
    serial = draw(st.integers(1, 9999))
    district = draw(st.sampled_from(["01", "02", "10", "21"]))
    nik = _nik_for(birth, sex, serial, district)
    typed_nik = draw(st.sampled_from([nik, f" {nik} ", f"{nik[:6]} {nik[6:12]} {nik[12:]}"]))
    record: dict[str, Any] = {
        "nik": typed_nik,
        "full_name": draw(names),
        "birth_date": _date_as_typed(
            birth,
            draw(
                st.sampled_from(
                    ["dmy-dash", "dmy-slash", "iso", "serial", "float-serial", "datetime", "date"]
                )
            ),
        ),
        "sex": draw(st.sampled_from(_SEX_SPELLINGS[sex])),
    }
    optional = {
        "birth_place": st.sampled_from(["Selong", "Lombok Timur", "  Masbagik  "]),
        "phone": st.sampled_from(["081234567890", "+62 812-3456-7890", "6281234567890"]),
        "marital_status": st.sampled_from(["Belum Kawin", "Kawin", "Cerai Hidup", "married"]),
        "destination_country": st.sampled_from(["Malaysia", "Taiwan", "HK", "Arab Saudi", "JPN"]),
        "sector": st.sampled_from(["Formal", "informal", "Rumah Tangga"]),
        "education": st.sampled_from(["SD", "SMP", "SLTA/SEDERAJAT", "Pesantren"]),
        "agency": st.sampled_from(["PT Maju Jaya", "pt  sejahtera abadi"]),
        "address": st.sampled_from(["Jl. Pahlawan No. 1, Selong", "Dusun Timur RT 01/RW 02"]),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            record[name] = draw(strategy)
        elif draw(st.booleans()):
            record[name] = draw(st.sampled_from(["", "   ", None]))
    return record, registration_date, birth, sex


@settings(max_examples=300, deadline=None)
@given(valid_records())
def test_valid_records_pass_and_round_trip_birth_date_and_sex(
    case: tuple[dict[str, Any], date, date, str],
) -> None:
    record, registration_date, birth, sex = case
    checked = check_applicant(record, office_code=OFFICE, registration_date=registration_date)
    nik = "".join(str(record["nik"]).split())
    assert checked.values["nik"] == nik
    assert checked.values["birth_date"] == birth
    assert checked.values["sex"] == sex
    assert checked.nik.birth_date == birth
    assert str(checked.nik.sex) == sex
    assert checked.nik.regency_code == "52.03"
    assert checked.warnings == []
    assert checked.values["full_name"] == " ".join(record["full_name"].split())
    # empty optional cells are stored as nothing, never as an empty string
    for name in FIELDS:
        if name not in REQUIRED and not str(record.get(name) or "").strip():
            assert checked.values[name] is None
    # re-checking the stored form of a record gives the same record (update_applicant does this)
    again = check_applicant(
        {k: v.isoformat() if isinstance(v, date) else v for k, v in checked.values.items()},
        office_code=OFFICE,
        registration_date=registration_date,
    )
    assert again.values == checked.values


def test_all_field_errors_at_once() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_applicant(
            {
                "nik": "5203011205900001",
                "full_name": "1234",
                "birth_date": "12-13-1990",
                "sex": "Z",
                "phone": "abc",
                "planned_departure": "01-01-1980",
            },
            office_code=OFFICE,
            registration_date=TODAY,
        )
    assert set(refused.value.errors) == {"full_name", "birth_date", "sex", "phone"}


def test_planned_departure_must_follow_birth() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_applicant(
            {
                "nik": "5203011205900001",
                "full_name": "Budi",
                "birth_date": "12-05-1990",
                "sex": "L",
                "planned_departure": "01-01-1980",
            },
            office_code=OFFICE,
            registration_date=TODAY,
        )
    assert set(refused.value.errors) == {"planned_departure"}


def test_region_warning_for_other_regency_and_unknown_district() -> None:
    other = check_applicant(
        {"nik": "5201011205900004", "full_name": "Budi", "birth_date": "12-05-1990", "sex": "L"},
        office_code=OFFICE,
        registration_date=TODAY,
    )
    assert len(other.warnings) == 1 and "52.01" in other.warnings[0]
    unknown_district = check_applicant(
        {"nik": "5203991205900004", "full_name": "Budi", "birth_date": "12-05-1990", "sex": "L"},
        office_code=OFFICE,
        registration_date=TODAY,
    )
    assert any("52.03.99" in w for w in unknown_district.warnings)


def test_excel_serial_matches_the_iso_date() -> None:
    serial = (date(1990, 5, 12) - EXCEL_EPOCH).days
    checked = check_applicant(
        {"nik": "5203011205900001", "full_name": "Budi", "birth_date": serial, "sex": "M"},
        office_code=OFFICE,
        registration_date=TODAY,
    )
    assert checked.values["birth_date"] == date(1990, 5, 12)
    assert checked.values["sex"] == "L"


def test_huge_integer_date_is_a_validation_error() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_applicant(
            {"nik": "5203011205900001", "full_name": "Budi", "birth_date": 10**400, "sex": "L"},
            office_code=OFFICE,
            registration_date=TODAY,
        )
    assert set(refused.value.errors) == {"birth_date"}
