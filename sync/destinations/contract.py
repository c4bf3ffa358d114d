"""What each destination accepts, written down once: field, type, length, characters, required.

The registry and immigration refuse a payload with a 422 and an English reason; before this
contract existed the counter learned of a refusal days later, in the sync report, as
"full_name: may contain only letters, spaces and . ' - ,". Now every payload is checked against
the contract when it is queued (the officer hears it at the counter, in Indonesian), and any
refusal the destinations still give is put into Indonesian for the officer by
:func:`reason_in_indonesian`. The rules are the published ones the reference server
(``sync/sim/validation.py``) enforces; a test holds the two together.

This module is pure: no HTTP, no database, no ``ltsa_desk`` import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = [
    "CONTRACTS",
    "FIELD_LABELS",
    "FieldRule",
    "Problem",
    "check_payload",
    "reason_in_indonesian",
]

NAME_PUNCTUATION = frozenset(" .'-,")
_NIK = re.compile(r"[0-9]{16}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PHONE = re.compile(r"\+?[0-9]{8,15}")
_OFFICE = re.compile(r"[0-9]{2}\.[0-9]{2}")
_TRACKING = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")
_ALPHA2 = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Problem:
    """One field the destination would refuse, with the reason in Indonesian."""

    field: str
    message: str


def _text_problem(value: Any, max_length: int, *, newlines: bool = False) -> str | None:
    if not isinstance(value, str):
        return "harus berupa teks"
    text = value.strip()
    if not text:
        return "tidak boleh kosong"
    if len(text) > max_length:
        return f"paling banyak {max_length} karakter"
    for ch in text:
        if ord(ch) < 32 or ord(ch) == 127:
            if newlines and ch in "\n\t":
                continue
            return "berisi karakter kendali yang tidak sah"
    return None


def _name(value: Any) -> str | None:
    problem = _text_problem(value, 100)
    if problem:
        return problem
    if not all(ch.isalpha() or ch in NAME_PUNCTUATION for ch in value.strip()):
        return "hanya boleh berisi huruf, spasi dan tanda . ' - ,"
    if not any(ch.isalpha() for ch in value):
        return "harus berisi huruf"
    return None


def _pattern(pattern: re.Pattern[str], message: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        ok = isinstance(value, str) and pattern.fullmatch(value) is not None
        return None if ok else message

    return check


def _date_check(*, birth: bool) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            return "harus tanggal berbentuk TTTT-BB-HH"
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return "bukan tanggal yang ada di kalender"
        if birth and day < date(1900, 1, 1):
            return "tidak boleh sebelum 01-01-1900"
        return None

    return check


def _phone(value: Any) -> str | None:
    problem = _text_problem(value, 32)
    if problem:
        return problem
    compact = value.strip().replace(" ", "").replace("-", "")
    return None if _PHONE.fullmatch(compact) else "harus 8-15 angka, boleh diawali +"


def _sex(value: Any) -> str | None:
    return None if value in ("L", "P") else "harus L (laki-laki) atau P (perempuan)"


def _text(max_length: int, *, newlines: bool = False) -> Callable[[Any], str | None]:
    return lambda value: _text_problem(value, max_length, newlines=newlines)


@dataclass(frozen=True)
class FieldRule:
    """One payload field: whether it is required, its kind and length, and its check."""

    name: str
    required: bool
    kind: str
    max_length: int | None
    check: Callable[[Any], str | None]


_NIK_RULE = FieldRule("nik", True, "16 angka", 16, _pattern(_NIK, "harus tepat 16 angka"))
_NAME_RULE = FieldRule("full_name", True, "nama", 100, _name)
_BIRTH_RULE = FieldRule("birth_date", True, "tanggal", 10, _date_check(birth=True))
_SEX_RULE = FieldRule("sex", True, "L/P", 1, _sex)
_OFFICE_CHECK = _pattern(_OFFICE, "harus kode wilayah NN.NN, misalnya 52.03")
_TRACKING_CHECK = _pattern(_TRACKING, "harus 1-64 huruf, angka atau . _ / -")

REGISTRY_WORKER: tuple[FieldRule, ...] = (
    _NIK_RULE,
    _NAME_RULE,
    _BIRTH_RULE,
    _SEX_RULE,
    FieldRule("birth_place", False, "teks", 100, _text(100)),
    FieldRule("address", False, "teks", 300, _text(300, newlines=True)),
    FieldRule("phone", False, "nomor telepon", 32, _phone),
    FieldRule(
        "destination_country",
        False,
        "kode negara",
        2,
        _pattern(_ALPHA2, "harus kode negara ISO dua huruf besar, misalnya MY"),
    ),
    FieldRule("job_title", False, "teks", 100, _text(100)),
    FieldRule("sector", False, "teks", 100, _text(100)),
    FieldRule("agency", False, "teks", 200, _text(200)),
    FieldRule("office_code", False, "kode wilayah", 5, _OFFICE_CHECK),
    FieldRule("tracking_code", False, "kode pelacakan", 64, _TRACKING_CHECK),
    FieldRule("planned_departure", False, "tanggal", 10, _date_check(birth=False)),
)

IMMIGRATION_PASSPORT: tuple[FieldRule, ...] = (
    _NIK_RULE,
    _NAME_RULE,
    _BIRTH_RULE,
    _SEX_RULE,
    FieldRule("office_code", True, "kode wilayah", 5, _OFFICE_CHECK),
    FieldRule("tracking_code", True, "kode pelacakan", 64, _TRACKING_CHECK),
    FieldRule("birth_place", False, "teks", 100, _text(100)),
)

#: (destination, item kind) -> the fields of its payload. The registry id and client reference
#: are added on the way out (from a receipt, by the outbox), so they are not the counter's to check.
CONTRACTS: Mapping[tuple[str, str], tuple[FieldRule, ...]] = {
    ("registry", "worker.register"): REGISTRY_WORKER,
    ("registry", "worker.update"): REGISTRY_WORKER,
    ("immigration", "passport.apply"): IMMIGRATION_PASSPORT,
}

#: The payload fields as the officer knows them.
FIELD_LABELS: Mapping[str, str] = {
    "nik": "NIK",
    "full_name": "Nama lengkap",
    "birth_date": "Tanggal lahir",
    "sex": "Jenis kelamin",
    "birth_place": "Tempat lahir",
    "address": "Alamat",
    "phone": "Nomor HP",
    "destination_country": "Negara tujuan",
    "job_title": "Jabatan",
    "sector": "Sektor",
    "agency": "P3MI",
    "office_code": "Kode kantor",
    "tracking_code": "Kode pelacakan",
    "planned_departure": "Rencana keberangkatan",
    "registry_id": "ID registri",
    "client_reference": "Referensi kiriman",
    "body": "Isi kiriman",
}


def check_payload(destination: str, kind: str, payload: Mapping[str, Any]) -> list[Problem]:
    """Every field of ``payload`` the destination would refuse (empty list: it will accept it)."""
    rules = CONTRACTS.get((destination, kind))
    if rules is None:
        return []
    problems: list[Problem] = []
    for rule in rules:
        value = payload.get(rule.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if rule.required:
                problems.append(Problem(rule.name, "wajib diisi"))
            continue
        message = rule.check(value)
        if message:
            problems.append(Problem(rule.name, message))
    departure, birth = payload.get("planned_departure"), payload.get("birth_date")
    both = isinstance(departure, str) and isinstance(birth, str)
    if not problems and both and departure <= birth:  # type: ignore[operator]
        problems.append(Problem("planned_departure", "harus setelah tanggal lahir"))
    return problems


# --------------------------------------------------------------------------------------------
# The destinations' own words, in the officer's language

_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), indonesian)
    for pattern, indonesian in (
        (r"^is required$", "wajib diisi"),
        (r"^must be a string$", "harus berupa teks"),
        (r"^must not be empty$", "tidak boleh kosong"),
        (r"^must be at most (\d+) characters$", r"paling banyak \1 karakter"),
        (r"^must not contain control characters$", "berisi karakter kendali yang tidak sah"),
        (r"^may contain only letters, spaces and \. ' - ,$",
         "hanya boleh berisi huruf, spasi dan tanda . ' - ,"),
        (r"^must contain at least one letter$", "harus berisi huruf"),
        (r"^must be a string of exactly 16 digits$", "harus tepat 16 angka (sebagai teks)"),
        (r"^must be exactly 16 digits \(0-9\)$", "harus tepat 16 angka"),
        (r"^must be a date in the form YYYY-MM-DD$", "harus tanggal berbentuk TTTT-BB-HH"),
        (r"^is not a real calendar date$", "bukan tanggal yang ada di kalender"),
        (r"^must not be before 1900-01-01$", "tidak boleh sebelum 01-01-1900"),
        (r"^must not be in the future$", "tidak boleh di masa depan"),
        (r"^must be 'L' \(laki-laki\) or 'P' \(perempuan\)$",
         "harus L (laki-laki) atau P (perempuan)"),
        (r"^must be 8-15 digits, optionally starting with \+$",
         "harus 8-15 angka, boleh diawali +"),
        (r"^must be an ISO 3166-1 alpha-2 code in capitals.*$",
         "harus kode negara ISO dua huruf besar, misalnya MY"),
        (r"^'(\w+)' is not an ISO 3166-1 alpha-2 country code$", r"'\1' bukan kode negara ISO"),
        (r"^must be a region code in the form NN\.NN.*$",
         "harus kode wilayah NN.NN, misalnya 52.03"),
        (r"^must be 1-64 characters: letters, digits and \. _ / -$",
         "harus 1-64 huruf, angka atau . _ / -"),
        (r"^must be after birth_date$", "harus setelah tanggal lahir"),
        (r"^must be a JSON object$", "bukan objek JSON"),
        (r"^must be 1-128 printable ASCII characters without spaces$",
         "harus 1-128 karakter ASCII tanpa spasi"),
    )
)


def _one_part(part: str) -> str:
    field, sep, message = part.partition(": ")
    if not sep or field.strip() not in FIELD_LABELS:
        field, message = "", part
    message = message.strip()
    for pattern, indonesian in _MESSAGES:
        match = pattern.match(message)
        if match:
            message = match.expand(indonesian)
            break
    else:
        if not field:
            return part.strip()
    label = FIELD_LABELS.get(field.strip(), "")
    return f"{label}: {message}" if label else message


def reason_in_indonesian(reason: str | None) -> str | None:
    """A destination's refusal (``field: message; ...``) in Indonesian, field names as labels.

    A message this module does not know is kept as the destination wrote it, so nothing the
    officer needs is ever lost in translation.
    """
    if not reason:
        return reason
    return "; ".join(_one_part(part) for part in reason.split("; "))
