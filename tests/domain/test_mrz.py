"""Passport MRZ (TD3) parsing: ICAO specimen, every check digit, and generated passports."""

from __future__ import annotations

import pickle
import string
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ltsa_desk.domain.mrz import (
    InvalidMrz,
    Td3,
    check_digit,
    format_td3,
    parse_mrz,
    parse_td3,
)

TODAY = date(2025, 6, 1)
SPECIMEN_1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
SPECIMEN_2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def _with_check_digits(line2: str) -> str:
    """Recompute every check digit of a line 2 (to build MRZs that are wrong in other ways)."""
    chars = list(line2)
    chars[9] = check_digit(line2[0:9])
    chars[19] = check_digit(line2[13:19])
    chars[27] = check_digit(line2[21:27])
    if set(line2[28:42]) != {"<"}:
        chars[42] = check_digit(line2[28:42])
    body = "".join(chars)
    chars[43] = check_digit(body[0:10] + body[13:20] + body[21:43])
    return "".join(chars)


# --------------------------------------------------------------------------- examples


def test_icao_specimen_parses() -> None:
    td3 = parse_td3(SPECIMEN_1, SPECIMEN_2, today=TODAY)
    assert td3 == Td3(
        document_type="P",
        issuing_state="UTO",
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        document_number="L898902C3",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        personal_number="ZE184226B",
    )
    # Expired, but reading it is not the place to refuse it.
    assert td3.is_expired(TODAY)
    assert not td3.is_expired(date(2012, 4, 15))


def test_specimen_formats_back_to_itself() -> None:
    assert format_td3(parse_td3(SPECIMEN_1, SPECIMEN_2, today=TODAY)) == (SPECIMEN_1, SPECIMEN_2)


def test_check_digit_examples() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("<<<<") == "0"


def test_lowercase_and_surrounding_whitespace_are_accepted() -> None:
    td3 = parse_td3(f"  {SPECIMEN_1.lower()}\n", f"\t{SPECIMEN_2.lower()} ", today=TODAY)
    assert td3.surname == "ERIKSSON"


def test_parse_mrz_block_and_run_together() -> None:
    expected = parse_td3(SPECIMEN_1, SPECIMEN_2, today=TODAY)
    assert parse_mrz(f"\n{SPECIMEN_1}\r\n\r\n{SPECIMEN_2}\n", today=TODAY) == expected
    assert parse_mrz(SPECIMEN_1 + SPECIMEN_2, today=TODAY) == expected
    with pytest.raises(InvalidMrz) as err:
        parse_mrz(SPECIMEN_1, today=TODAY)
    assert err.value.field == "line2"


@pytest.mark.parametrize(
    ("index", "field"),
    [
        (9, "document_number"),
        (19, "birth_date"),
        (27, "expiry_date"),
        (42, "personal_number"),
        (43, "composite"),
    ],
)
def test_each_wrong_check_digit_names_its_field(index: int, field: str) -> None:
    wrong = str((int(SPECIMEN_2[index]) + 1) % 10)
    line2 = SPECIMEN_2[:index] + wrong + SPECIMEN_2[index + 1 :]
    with pytest.raises(InvalidMrz) as err:
        parse_td3(SPECIMEN_1, line2, today=TODAY)
    assert err.value.field == field
    assert err.value.reason == "check_digit"
    assert "digit pemeriksa" in str(err.value)


def test_message_is_indonesian_and_names_field() -> None:
    line2 = SPECIMEN_2[:19] + "3" + SPECIMEN_2[20:]
    with pytest.raises(InvalidMrz, match="Tanggal lahir"):
        parse_td3(SPECIMEN_1, line2, today=TODAY)


def test_personal_number_filler_check_digit() -> None:
    empty_personal = _with_check_digits(SPECIMEN_2[:28] + "<" * 15 + "0")
    assert empty_personal[42] == "<"
    assert parse_td3(SPECIMEN_1, empty_personal, today=TODAY).personal_number == ""
    # "0" is the computed digit of an all-filler field, so it is accepted too.
    zero = _with_check_digits(empty_personal[:42] + "0" + empty_personal[43])
    assert parse_td3(SPECIMEN_1, zero, today=TODAY).personal_number == ""
    # "<" is not a check digit for a personal number that has content.
    filler_cd = SPECIMEN_2[:42] + "<" + SPECIMEN_2[43]
    with pytest.raises(InvalidMrz) as err:
        parse_td3(SPECIMEN_1, filler_cd, today=TODAY)
    assert err.value.field == "personal_number"


@pytest.mark.parametrize(("written", "expected"), [("<", "X"), ("X", "X"), ("M", "M")])
def test_sex_values(written: str, expected: str) -> None:
    line2 = _with_check_digits(SPECIMEN_2[:20] + written + SPECIMEN_2[21:])
    assert parse_td3(SPECIMEN_1, line2, today=TODAY).sex == expected


def test_bad_sex_is_refused() -> None:
    line2 = _with_check_digits(SPECIMEN_2[:20] + "Q" + SPECIMEN_2[21:])
    with pytest.raises(InvalidMrz) as err:
        parse_td3(SPECIMEN_1, line2, today=TODAY)
    assert err.value.field == "sex"


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [("150101", date(2015, 1, 1)), ("250601", date(2025, 6, 1)), ("250602", date(1925, 6, 2)),
     ("300101", date(1930, 1, 1)), ("000229", date(2000, 2, 29))],
)
def test_birth_century_is_never_in_the_future(yymmdd: str, expected: date) -> None:
    line2 = _with_check_digits(SPECIMEN_2[:13] + yymmdd + SPECIMEN_2[19:])
    assert parse_td3(SPECIMEN_1, line2, today=TODAY).birth_date == expected


def test_expiry_century_is_20yy() -> None:
    line2 = _with_check_digits(SPECIMEN_2[:21] + "991231" + SPECIMEN_2[27:])
    assert parse_td3(SPECIMEN_1, line2, today=TODAY).expiry_date == date(2099, 12, 31)


@pytest.mark.parametrize(("start", "value", "field"), [(13, "741308", "birth_date"),
                                                       (21, "120231", "expiry_date")])
def test_impossible_date_with_good_check_digit(start: int, value: str, field: str) -> None:
    line2 = _with_check_digits(SPECIMEN_2[:start] + value + SPECIMEN_2[start + 6 :])
    with pytest.raises(InvalidMrz) as err:
        parse_td3(SPECIMEN_1, line2, today=TODAY)
    assert (err.value.field, err.value.reason) == (field, "date")


@pytest.mark.parametrize(
    ("line1", "line2", "field", "reason"),
    [
        (SPECIMEN_1[:-1], SPECIMEN_2, "line1", "length"),
        (SPECIMEN_1, SPECIMEN_2 + "<", "line2", "length"),
        (SPECIMEN_1[:-1] + "?", SPECIMEN_2, "line1", "charset"),
        (SPECIMEN_1, SPECIMEN_2[:-1] + " ", "line2", "length"),
        ("I" + SPECIMEN_1[1:], SPECIMEN_2, "document_type", "format"),
        (SPECIMEN_1[:5] + "<" * 39, SPECIMEN_2, "name", "empty"),
        (SPECIMEN_1[:8] + "1" + SPECIMEN_1[9:], SPECIMEN_2, "name", "charset"),
        (SPECIMEN_1[:2] + "<<<" + SPECIMEN_1[5:], SPECIMEN_2, "issuing_state", "empty"),
    ],
)
def test_structure_errors(line1: str, line2: str, field: str, reason: str) -> None:
    with pytest.raises(InvalidMrz) as err:
        parse_td3(line1, line2, today=TODAY)
    assert (err.value.field, err.value.reason) == (field, reason)


def test_single_name_passport() -> None:
    """Many Indonesians have one name: it is the primary identifier, given names are empty."""
    line1 = "P<IDNSUKARNI" + "<" * 32
    td3 = parse_td3(line1, _with_check_digits(SPECIMEN_2), today=TODAY)
    assert (td3.surname, td3.given_names, td3.issuing_state) == ("SUKARNI", "", "IDN")


def test_error_pickles() -> None:
    err = InvalidMrz("composite", "pesan", "check_digit")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.field, copy.message, copy.reason, str(copy)) == (
        "composite", "pesan", "check_digit", "pesan"
    )


# --------------------------------------------------------------------------- properties

_UPPER = string.ascii_uppercase
_word = st.text(_UPPER, min_size=1, max_size=10)
_names = st.lists(_word, min_size=0, max_size=3).map(" ".join)


@st.composite
def td3s(draw: st.DrawFn) -> Td3:
    surname = draw(st.lists(_word, min_size=1, max_size=2).map(" ".join))
    given = draw(_names)
    name_length = len(surname) + (len(given) + 2 if given else 0)
    assume(name_length <= 39)
    return Td3(
        document_type=draw(st.sampled_from(["P", "PA", "PD", "PS"])),
        issuing_state=draw(st.text(_UPPER, min_size=1, max_size=3)),
        surname=surname,
        given_names=given,
        document_number=draw(
            st.text(_UPPER + string.digits, min_size=1, max_size=9)
        ),
        nationality=draw(st.text(_UPPER, min_size=1, max_size=3)),
        birth_date=draw(st.dates(TODAY - timedelta(days=36_500), TODAY)),
        sex=draw(st.sampled_from(["M", "F", "X"])),
        expiry_date=draw(st.dates(date(2000, 1, 1), date(2099, 12, 31))),
        personal_number=draw(st.text(_UPPER + string.digits, max_size=14)),
    )


@given(td3s())
def test_generated_mrz_round_trips(td3: Td3) -> None:
    line1, line2 = format_td3(td3)
    assert len(line1) == len(line2) == 44
    assert parse_td3(line1, line2, today=TODAY) == td3


_CHECKED_SPANS = (
    (range(0, 10), "document_number"),
    (range(13, 20), "birth_date"),
    (range(21, 28), "expiry_date"),
    (range(28, 43), "personal_number"),
    (range(43, 44), "composite"),
)


@given(td3s(), st.data())
def test_any_single_digit_change_in_checked_fields_is_detected(
    td3: Td3, data: st.DataObject
) -> None:
    line1, line2 = format_td3(td3)
    positions = [
        (i, field) for span, field in _CHECKED_SPANS for i in span if line2[i].isdigit()
    ]
    index, field = data.draw(st.sampled_from(positions))
    new_digit = data.draw(st.sampled_from([d for d in string.digits if d != line2[index]]))
    with pytest.raises(InvalidMrz) as err:
        parse_td3(line1, line2[:index] + new_digit + line2[index + 1 :], today=TODAY)
    assert err.value.field == field


@given(st.text(max_size=60), st.text(max_size=60))
def test_garbage_raises_only_invalid_mrz(line1: str, line2: str) -> None:
    try:
        parse_td3(line1, line2, today=TODAY)
    except InvalidMrz as err:
        assert err.field and str(err).startswith("MRZ tidak valid")


_mrz_line = st.text(_UPPER + string.digits + "<<<<<<", min_size=44, max_size=44)


@given(_mrz_line.map(lambda s: "P" + s[1:]), _mrz_line)
def test_well_shaped_garbage_raises_only_invalid_mrz(line1: str, line2: str) -> None:
    try:
        td3 = parse_td3(line1, line2, today=TODAY)
    except InvalidMrz as err:
        assert err.field
    else:
        assert td3.birth_date <= TODAY


@given(st.text(max_size=120))
def test_parse_mrz_garbage_raises_only_invalid_mrz(text: str) -> None:
    try:
        parse_mrz(text, today=TODAY)
    except InvalidMrz as err:
        assert err.field
