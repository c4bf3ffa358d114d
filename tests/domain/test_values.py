"""Normalisers for forms and the register import: sex, marital status, sector, education, dates,
names."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ltsa_desk.domain.values import (
    EDUCATION_LEVELS,
    MARITAL_STATUS_LABELS_ID,
    NAME_MAX_LENGTH,
    SECTOR_LABELS_ID,
    SEX_LABELS_ID,
    InvalidValue,
    MaritalStatus,
    Sector,
    Sex,
    field_label,
    normalize_education,
    normalize_marital_status,
    normalize_sector,
    normalize_sex,
    parse_flexible_date,
    parse_name,
)

_anything = st.one_of(
    st.text(max_size=40),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=10),
    st.dates(),
    st.lists(st.integers(), max_size=2),
)


def _raises_only_invalid(fn, value, field: str) -> None:
    try:
        fn(value)
    except InvalidValue as err:
        assert err.field == field
        assert str(err) and err.reason


# --------------------------------------------------------------------------- errors


def test_error_carries_field_reason_and_pickles() -> None:
    err = InvalidValue("birth_date", "Tanggal lahir wajib diisi", "required")
    assert isinstance(err, ValueError)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.field, copy.message, copy.reason, str(copy)) == (
        "birth_date", "Tanggal lahir wajib diisi", "required", "Tanggal lahir wajib diisi"
    )
    assert field_label("birth_date") == "Tanggal lahir"
    assert field_label("something_new") == "something_new"


# --------------------------------------------------------------------------- sex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L", Sex.MALE), ("p", Sex.FEMALE), ("M", Sex.MALE), ("f", Sex.FEMALE),
        ("Laki-laki", Sex.MALE), ("LAKI LAKI", Sex.MALE), (" perempuan ", Sex.FEMALE),
        ("Male", Sex.MALE), ("FEMALE", Sex.FEMALE), ("Pria", Sex.MALE), ("wanita", Sex.FEMALE),
    ],
)
def test_normalize_sex(text: str, expected: Sex) -> None:
    assert normalize_sex(text) is expected


def test_sex_values_and_labels() -> None:
    assert (Sex.MALE.value, Sex.FEMALE.value) == ("L", "P")
    assert SEX_LABELS_ID == {Sex.MALE: "Laki-laki", Sex.FEMALE: "Perempuan"}
    for sex in Sex:
        assert normalize_sex(sex.value) is sex
        assert normalize_sex(SEX_LABELS_ID[sex]) is sex


@pytest.mark.parametrize("text", ["", "  ", "X", "laki", "unknown"])
def test_bad_sex(text: str) -> None:
    with pytest.raises(InvalidValue, match="Jenis kelamin") as err:
        normalize_sex(text)
    assert err.value.field == "sex"


@given(_anything)
def test_sex_garbage_raises_only_invalid_value(value) -> None:
    _raises_only_invalid(normalize_sex, value, "sex")


# --------------------------------------------------------------------------- marital status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Belum Kawin", MaritalStatus.SINGLE), ("BELUM  KAWIN", MaritalStatus.SINGLE),
        ("belumkawin", MaritalStatus.SINGLE), ("Kawin", MaritalStatus.MARRIED),
        ("KAWIN TERCATAT", MaritalStatus.MARRIED), ("Cerai Hidup", MaritalStatus.DIVORCED),
        ("cerai mati", MaritalStatus.WIDOWED), ("single", MaritalStatus.SINGLE),
        ("Married", MaritalStatus.MARRIED), ("DIVORCED", MaritalStatus.DIVORCED),
        ("widowed", MaritalStatus.WIDOWED), ("Cerai-Hidup", MaritalStatus.DIVORCED),
    ],
)
def test_normalize_marital_status(text: str, expected: MaritalStatus) -> None:
    assert normalize_marital_status(text) is expected


def test_marital_round_trips_and_labels() -> None:
    assert list(MARITAL_STATUS_LABELS_ID.values()) == [
        "Belum kawin", "Kawin", "Cerai hidup", "Cerai mati"
    ]
    for status in MaritalStatus:
        assert normalize_marital_status(status.value) is status
        assert normalize_marital_status(MARITAL_STATUS_LABELS_ID[status]) is status


@pytest.mark.parametrize("text", ["janda", "duda", "kawin lari", ""])
def test_ambiguous_marital_status_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match="Status perkawinan") as err:
        normalize_marital_status(text)
    assert err.value.field == "marital_status"


@given(_anything)
def test_marital_garbage_raises_only_invalid_value(value) -> None:
    _raises_only_invalid(normalize_marital_status, value, "marital_status")


# --------------------------------------------------------------------------- sector


def test_normalize_sector() -> None:
    assert normalize_sector("Formal") is Sector.FORMAL
    assert normalize_sector(" sektor INFORMAL ") is Sector.INFORMAL
    assert normalize_sector("non-formal") is Sector.INFORMAL
    for sector in Sector:
        assert normalize_sector(sector.value) is sector
        assert normalize_sector(SECTOR_LABELS_ID[sector]) is sector
    with pytest.raises(InvalidValue, match="Sektor") as err:
        normalize_sector("pabrik")
    assert err.value.field == "sector"


@given(_anything)
def test_sector_garbage_raises_only_invalid_value(value) -> None:
    _raises_only_invalid(normalize_sector, value, "sector")


# --------------------------------------------------------------------------- education


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SD", "SD"), ("tamat sd", "SD"), ("TAMAT SD/SEDERAJAT", "SD"), ("MI", "SD"),
        ("SLTP/SEDERAJAT", "SMP"), ("MTs Negeri 2", "SMP"), ("smp", "SMP"),
        ("SLTA/SEDERAJAT", "SMA/SMK"), ("SMK N 1 Kebumen", "SMA/SMK"), ("SMA", "SMA/SMK"),
        ("Paket C", "SMA/SMK"), ("SMA/SMK", "SMA/SMK"),
        ("D-III", "D3"), ("Diploma 1", "D1"), ("D4", "D4"), ("D3 Akuntansi", "D3"),
        ("AKADEMI/DIPLOMA III/SARJANA MUDA", "D3"),
        ("S1", "S1"), ("S-1 Keperawatan", "S1"), ("Sarjana", "S1"), ("STRATA II", "S2"),
        ("S3", "S3"),
        ("TIDAK/BELUM SEKOLAH", "Tidak sekolah"), ("BELUM TAMAT SD/SEDERAJAT", "Tidak tamat SD"),
        # Not one clear level: kept as typed, spacing tidied.
        ("DIPLOMA IV/STRATA I", "DIPLOMA IV/STRATA I"), ("DIPLOMA I/II", "DIPLOMA I/II"),
        ("  Pondok   Pesantren ", "Pondok Pesantren"), ("Tidak tamat SMP", "Tidak tamat SMP"),
    ],
)
def test_normalize_education(text: str, expected: str) -> None:
    assert normalize_education(text) == expected


def test_canonical_levels_are_fixed_points() -> None:
    for level in EDUCATION_LEVELS:
        assert normalize_education(level) == level


def test_empty_education_is_refused() -> None:
    with pytest.raises(InvalidValue, match="Pendidikan terakhir") as err:
        normalize_education("   ")
    assert (err.value.field, err.value.reason) == ("education", "required")


@given(st.text(max_size=60).filter(lambda t: t.split()))
def test_education_never_raises_on_text_and_is_idempotent(text: str) -> None:
    result = normalize_education(text)
    assert result and result == " ".join(result.split())
    assert normalize_education(result) == result
    assert result in EDUCATION_LEVELS or result == " ".join(text.split())


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12-05-1990", date(1990, 5, 12)), ("12/05/1990", date(1990, 5, 12)),
        ("12.05.1990", date(1990, 5, 12)), ("1990-05-12", date(1990, 5, 12)),
        ("2-5-1990", date(1990, 5, 2)), ("05/12/1990", date(1990, 12, 5)),  # never MM/DD
        ("1990-05-12 00:00:00", date(1990, 5, 12)), ("1990-05-12T08:30", date(1990, 5, 12)),
        ("12 Mei 1990", date(1990, 5, 12)), ("1 Agustus 2001", date(2001, 8, 1)),
        ("3-Des-1999", date(1999, 12, 3)),
        (date(2000, 1, 2), date(2000, 1, 2)), (datetime(2000, 1, 2, 13, 5), date(2000, 1, 2)),
        (1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)),
        (43831, date(2020, 1, 1)), (43831.75, date(2020, 1, 1)), ("43831", date(2020, 1, 1)),
        ("33000", date(1990, 5, 7)), (" 33000.5 ", date(1990, 5, 7)),
    ],
)
def test_parse_flexible_date(value: object, expected: date) -> None:
    assert parse_flexible_date(value, field="birth_date") == expected


def test_impossible_date_names_the_field() -> None:
    with pytest.raises(InvalidValue) as err:
        parse_flexible_date("31-02-1990", field="birth_date")
    assert str(err.value) == "Tanggal lahir tidak valid: 31-02-1990"
    assert err.value.field == "birth_date"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "required"), (None, "required"), ("12-05-90", "invalid"), ("1990", "year_only"),
        (1990, "year_only"), (60, "invalid"), (0, "invalid"), (-5, "invalid"),
        (True, "invalid"), (float("nan"), "invalid"), ("12051990", "invalid"),
        ("13-13-2000", "invalid"), ("12 Foo 1990", "invalid"), ("1990-02-30", "invalid"),
    ],
)
def test_bad_dates(value: object, reason: str) -> None:
    with pytest.raises(InvalidValue, match=r"^Tanggal pendaftaran") as err:
        parse_flexible_date(value, field="registered_on")
    assert (err.value.field, err.value.reason) == ("registered_on", reason)


def _excel_serial(day: date) -> int:
    serial = (day - date(1899, 12, 30)).days
    return serial if serial > 60 else serial - 1


@given(st.dates(date(1, 1, 1), date(9999, 12, 31)))
def test_date_text_round_trips(day: date) -> None:
    assume(day.year >= 1000)  # four-digit years only, as in every register
    texts = [
        day.strftime("%d-%m-%Y"), day.strftime("%d/%m/%Y"), day.strftime("%d.%m.%Y"),
        day.isoformat(), f"{day.day}-{day.month}-{day.year}",
    ]
    for text in texts:
        assert parse_flexible_date(text, field="birth_date") == day


@given(st.dates(date(1900, 1, 1), date(9999, 12, 31)))
def test_excel_serial_round_trips(day: date) -> None:
    serial = _excel_serial(day)
    assume(not 1900 <= serial <= 2100)
    assert parse_flexible_date(serial, field="birth_date") == day
    assert parse_flexible_date(float(serial) + 0.25, field="birth_date") == day
    if serial < 10_000_000:
        assert parse_flexible_date(str(serial), field="birth_date") == day


def test_excel_serial_anchor_after_leap_bug() -> None:
    assert _excel_serial(date(1900, 3, 1)) == 61
    assert parse_flexible_date(61, field="birth_date") - parse_flexible_date(
        59, field="birth_date"
    ) == timedelta(days=1)


@given(_anything)
def test_date_garbage_raises_only_invalid_value(value) -> None:
    _raises_only_invalid(lambda v: parse_flexible_date(v, field="birth_date"), value, "birth_date")


@given(st.text(alphabet="0123456789-/. :TMeiDsAgustu", max_size=25))
def test_date_like_garbage_raises_only_invalid_value(text: str) -> None:
    _raises_only_invalid(lambda v: parse_flexible_date(v, field="birth_date"), text, "birth_date")


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  SITI   NURHALIZA ", "SITI NURHALIZA"), ("Muh. Ridwan", "Muh. Ridwan"),
        ("NUR'AINI", "NUR'AINI"), ("Sukarni", "Sukarni"), ("\tI  Made\nSuarta ", "I Made Suarta"),
        # Typographic apostrophes (Windows-1252 0x92 is U+2019) mean the plain one: issue 16.
        ("Nur\u2019aini", "Nur'aini"), ("Nur\u2018aini", "Nur'aini"), ("Ma\u02bcruf", "Ma'ruf"),
    ],
)
def test_parse_name(text: str, expected: str) -> None:
    assert parse_name(text, field="full_name") == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "required"), ("   ", "required"), ("3302011205900001", "digits"),
        ("SITI 2", "digits"), ("...", "no_letters"), ("A" * (NAME_MAX_LENGTH + 1), "too_long"),
        ("SITI\u200bAMINAH", "control_chars"),
        # The registry and immigration refuse these, days later and in English: issue 16.
        *((f"SITI {ch} AMINAH", "characters") for ch in '<>="/:|+'),
        ("SITI (ANI)", "characters"), ("ANI & BUDI", "characters"), ("ANI_BUDI", "characters"),
    ],
)
def test_bad_names(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=r"^Nama ibu kandung") as err:
        parse_name(text, field="mother_name")
    assert (err.value.field, err.value.reason) == ("mother_name", reason)


def test_name_at_the_limit_is_accepted() -> None:
    assert parse_name("A" * NAME_MAX_LENGTH, field="full_name") == "A" * NAME_MAX_LENGTH


@given(_anything)
def test_name_garbage_raises_only_invalid_value(value) -> None:
    _raises_only_invalid(lambda v: parse_name(v, field="full_name"), value, "full_name")


@given(st.text(max_size=120))
def test_name_is_idempotent(text: str) -> None:
    try:
        name = parse_name(text, field="full_name")
    except InvalidValue:
        return
    assert parse_name(name, field="full_name") == name
    assert name == name.strip() and "  " not in name and len(name) <= NAME_MAX_LENGTH


@given(st.text(max_size=120))
def test_every_name_the_counter_takes_the_registry_takes(text: str) -> None:
    """One rule for names: nothing accepted at the counter is refused by the destinations."""
    from sync.sim.validation import validate_passport_application, validate_worker

    try:
        name = parse_name(text, field="full_name")
    except InvalidValue:
        return
    for validate in (validate_worker, validate_passport_application):
        _, errors = validate({"full_name": name})
        assert not [e for e in errors if e.field == "full_name"], (name, errors)


def test_refusal_names_the_characters_in_indonesian() -> None:
    with pytest.raises(InvalidValue) as err:
        parse_name("SITI <AMINAH>", field="full_name")
    assert str(err.value) == (
        "Nama lengkap hanya boleh berisi huruf, spasi dan tanda . ' - , (tidak boleh: < >)"
    )
