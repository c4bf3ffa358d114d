"""Passport machine-readable zone (ICAO Doc 9303 part 4, TD3: two lines of 44 characters).

The counter reads the MRZ (typed, or from a keyboard-wedge reader) to fill the passport fields
without retyping, so every check digit is verified: a misread character must be refused here, not
discovered when immigration rejects the application days later. Only structure and check digits
are judged: an expired passport, or the ICAO specimen state ``UTO``, still parses, because whether
such a passport is acceptable is a business rule for the caller, not a reading error.

Decisions:

- Leniency: surrounding whitespace is trimmed and letters are upper-cased (readers and officers
  both produce lower case); nothing else is repaired, no OCR guessing (``O`` vs ``0``).
- Sex: ``M`` and ``F`` as written; ``X`` and ``<`` (both "unspecified" in 9303) are returned as
  ``"X"`` so callers have one value to handle.
- Birth-date century: the latest date that is not after ``today`` (``741208`` is 1974, ``150101``
  is 2015); expiry century: always 20yy (TD3 passports are valid at most ten years).
- Personal number check digit: ``<`` is accepted only when the personal number is all fillers.

Pure module: standard library only.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

__all__ = [
    "MRZ_FIELD_LABELS_ID",
    "TD3_LINE_LENGTH",
    "InvalidMrz",
    "Td3",
    "check_digit",
    "format_td3",
    "parse_mrz",
    "parse_td3",
]

TD3_LINE_LENGTH: Final = 44
_NAME_LENGTH: Final = 39
_ALLOWED: Final = re.compile(r"[A-Z0-9<]*")

#: Indonesian names of the MRZ fields, used in messages.
MRZ_FIELD_LABELS_ID: Final[Mapping[str, str]] = {
    "line1": "Baris 1 MRZ",
    "line2": "Baris 2 MRZ",
    "document_type": "Jenis dokumen",
    "issuing_state": "Negara penerbit",
    "name": "Nama",
    "document_number": "Nomor paspor",
    "nationality": "Kewarganegaraan",
    "birth_date": "Tanggal lahir",
    "sex": "Jenis kelamin",
    "expiry_date": "Tanggal habis berlaku",
    "personal_number": "Nomor identitas pribadi",
    "composite": "Digit pemeriksa gabungan",
}


class InvalidMrz(ValueError):
    """The MRZ cannot be trusted.

    ``field`` names the part that failed (e.g. ``"birth_date"``, ``"composite"``, ``"line2"``);
    ``reason`` is a stable code: ``"length"``, ``"charset"``, ``"check_digit"``, ``"date"``,
    ``"empty"``, ``"format"`` or ``"too_long"``; ``str(error)`` is the Indonesian message.
    """

    def __init__(self, field: str, message: str, reason: str = "format") -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.reason = reason

    def __reduce__(self) -> tuple[type[InvalidMrz], tuple[str, str, str]]:
        """Survive pickling (errors may cross a thread or process boundary)."""
        return (type(self), (self.field, self.message, self.reason))


@dataclass(frozen=True, slots=True)
class Td3:
    """The fields of a passport MRZ, fillers removed."""

    document_type: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: _dt.date
    sex: str
    expiry_date: _dt.date
    personal_number: str

    def is_expired(self, on: _dt.date) -> bool:
        """True when the passport is no longer valid on ``on`` (it is valid through expiry day)."""
        return on > self.expiry_date


def _value(ch: str) -> int:
    if ch.isdigit():
        return ord(ch) - ord("0")
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def check_digit(data: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1 repeating; A=10 ... Z=35; ``<`` = 0)."""
    weights = (7, 3, 1)
    return str(sum(_value(ch) * weights[i % 3] for i, ch in enumerate(data)) % 10)


def _fail(field: str, what: str, reason: str = "format") -> InvalidMrz:
    return InvalidMrz(field, f"MRZ tidak valid: {MRZ_FIELD_LABELS_ID[field]} {what}", reason)


def _verify(field: str, data: str, written: str) -> None:
    expected = check_digit(data)
    if written != expected:
        raise _fail(
            field,
            f"tidak cocok dengan digit pemeriksa (tertulis {written}, "
            f"seharusnya {expected}); periksa kembali hasil baca MRZ",
            "check_digit",
        )


def _clean_line(raw: object, field: str) -> str:
    label = MRZ_FIELD_LABELS_ID[field]
    if not isinstance(raw, str):
        raise InvalidMrz(field, f"MRZ tidak valid: {label} kosong", "empty")
    line = raw.strip().upper()
    if len(line) != TD3_LINE_LENGTH:
        raise InvalidMrz(
            field,
            f"MRZ tidak valid: {label} harus {TD3_LINE_LENGTH} karakter (sekarang {len(line)})",
            "length",
        )
    if not _ALLOWED.fullmatch(line):
        bad = next(ch for ch in line if not _ALLOWED.fullmatch(ch))
        raise InvalidMrz(
            field,
            f"MRZ tidak valid: {label} berisi karakter tidak sah {bad!r} (hanya A-Z, 0-9 dan <)",
            "charset",
        )
    return line


def _yymmdd(text: str, field: str) -> tuple[int, int, int]:
    if not text.isdigit():
        raise _fail(field, f"harus berupa angka YYMMDD (tertulis {text})", "date")
    return int(text[:2]), int(text[2:4]), int(text[4:6])


def _date(year: int, month: int, day: int, field: str, text: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise _fail(field, f"bukan tanggal yang ada (tertulis {text})", "date") from None


def _birth_date(text: str, today: _dt.date) -> _dt.date:
    yy, month, day = _yymmdd(text, "birth_date")
    for century in (2000, 1900):
        try:
            candidate = _dt.date(century + yy, month, day)
        except ValueError:
            continue  # e.g. 29 February exists in 2000 but not 1900; try the other century
        if candidate <= today:
            return candidate
    # No past date fits: either no such calendar date at all (reported as such by _date), or a
    # birth date in the future even in the 1900s, which no real passport holds.
    _date(1900 + yy, month, day, "birth_date", text)
    raise _fail("birth_date", f"berada di masa depan (tertulis {text})", "date")


def _letters(text: str, field: str) -> str:
    if any(ch.isdigit() for ch in text):
        raise _fail(field, f"hanya boleh huruf (tertulis {text})", "charset")
    return text.replace("<", "")


def parse_td3(line1: str, line2: str, *, today: _dt.date | None = None) -> Td3:
    """Parse and verify a TD3 (passport) MRZ, raising :class:`InvalidMrz` on any defect.

    ``today`` fixes the birth-date century (defaults to the local date); pass it in tests and
    when re-reading an old record.
    """
    today = today or _dt.date.today()
    l1 = _clean_line(line1, "line1")
    l2 = _clean_line(line2, "line2")

    # Line 1: P, type, issuing state, name.
    if l1[0] != "P":
        raise _fail("document_type", f"bukan paspor (huruf pertama {l1[0]!r}, seharusnya 'P')")
    document_type = _letters(l1[0:2], "document_type")
    issuing_state = _letters(l1[2:5], "issuing_state")
    if not issuing_state:
        raise _fail("issuing_state", "kosong", "empty")
    name_field = l1[5:]
    if any(ch.isdigit() for ch in name_field):
        raise _fail("name", "hanya boleh huruf dan tanda <", "charset")
    primary, _, secondary = name_field.partition("<<")
    surname = " ".join(primary.replace("<", " ").split())
    given_names = " ".join(secondary.replace("<", " ").split())
    if not surname:
        raise _fail("name", "kosong", "empty")

    # Line 2: fixed positions.
    number, number_cd = l2[0:9], l2[9]
    nationality_raw = l2[10:13]
    birth_raw, birth_cd = l2[13:19], l2[19]
    sex_raw = l2[20]
    expiry_raw, expiry_cd = l2[21:27], l2[27]
    personal_raw, personal_cd = l2[28:42], l2[42]
    composite_cd = l2[43]

    _verify("document_number", number, number_cd)
    document_number = number.strip("<")
    if not document_number:
        raise _fail("document_number", "kosong", "empty")
    _verify("birth_date", birth_raw, birth_cd)
    _verify("expiry_date", expiry_raw, expiry_cd)
    if not (personal_cd == "<" and set(personal_raw) == {"<"}):
        _verify("personal_number", personal_raw, personal_cd)
    composite_data = l2[0:10] + l2[13:20] + l2[21:43]
    _verify("composite", composite_data, composite_cd)

    nationality = _letters(nationality_raw, "nationality")
    if not nationality:
        raise _fail("nationality", "kosong", "empty")
    birth_date = _birth_date(birth_raw, today)
    yy, month, day = _yymmdd(expiry_raw, "expiry_date")
    expiry_date = _date(2000 + yy, month, day, "expiry_date", expiry_raw)
    if sex_raw in ("M", "F"):
        sex = sex_raw
    elif sex_raw in ("X", "<"):
        sex = "X"
    else:
        raise _fail("sex", f"harus M, F, X atau < (tertulis {sex_raw})")

    return Td3(
        document_type=document_type,
        issuing_state=issuing_state,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        personal_number=personal_raw.strip("<"),
    )


def parse_mrz(text: str, *, today: _dt.date | None = None) -> Td3:
    """Parse the two MRZ lines as one block (as a reader or a paste delivers), blank lines ignored.

    Also accepts the 88 characters run together on one line, as some keyboard-wedge readers send
    them when the line break is swallowed.
    """
    if not isinstance(text, str):
        raise InvalidMrz("line1", "MRZ tidak valid: teks MRZ kosong", "empty")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) == 1 and len(lines[0]) == 2 * TD3_LINE_LENGTH:
        lines = [lines[0][:TD3_LINE_LENGTH], lines[0][TD3_LINE_LENGTH:]]
    if len(lines) != 2:
        raise InvalidMrz(
            "line1" if not lines else "line2",
            f"MRZ tidak valid: paspor harus 2 baris MRZ (terbaca {len(lines)} baris)",
            "length",
        )
    return parse_td3(lines[0], lines[1], today=today)


def _pad(text: str, length: int) -> str:
    return text + "<" * (length - len(text))


def _mrz_words(text: str) -> str:
    return "<".join(text.upper().split())


def format_td3(td3: Td3) -> tuple[str, str]:
    """Write the two MRZ lines for ``td3`` with correct check digits (demo data and tests).

    Refuses what cannot be written without truncation, since a truncated name would not round-trip.
    """
    name = _mrz_words(td3.surname)
    if td3.given_names:
        name += "<<" + _mrz_words(td3.given_names)
    if len(name) > _NAME_LENGTH:
        raise _fail(
            "name", f"terlalu panjang untuk MRZ ({len(name)} > {_NAME_LENGTH} karakter)", "too_long"
        )
    if len(td3.document_number) > 9:
        raise _fail("document_number", "lebih dari 9 karakter", "too_long")
    if len(td3.personal_number) > 14:
        raise _fail("personal_number", "lebih dari 14 karakter", "too_long")
    sex = "<" if td3.sex == "X" else td3.sex
    line1 = _pad(_pad(td3.document_type, 2) + _pad(td3.issuing_state, 3) + name, 44)
    number = _pad(td3.document_number, 9)
    birth = td3.birth_date.strftime("%y%m%d")
    expiry = td3.expiry_date.strftime("%y%m%d")
    personal = _pad(td3.personal_number, 14)
    personal_cd = "<" if not td3.personal_number else check_digit(personal)
    body = (
        number
        + check_digit(number)
        + _pad(td3.nationality, 3)
        + birth
        + check_digit(birth)
        + sex
        + expiry
        + check_digit(expiry)
        + personal
        + personal_cd
    )
    composite = body[0:10] + body[13:20] + body[21:43]
    line2 = body + check_digit(composite)
    return line1, line2
