"""Strict payload validation for the simulated registry and immigration systems.

The simulator is the only stand-in for the real remote systems, so it must refuse what they would
refuse: a client that gets away with a sloppy payload against the sim would fail in the field,
where the refusal arrives days later. Every rule here yields a field-named error (``{"field",
"message"}``) that the client can show to the officer; nothing here may raise on any JSON input
(the tests throw hypothesis-generated garbage at it), because a 500 would look transient and be
retried forever.

Unknown fields are ignored (dropped from the normalised record), so a newer client can send extra
data to an older server without being refused.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "PASSPORT_FIELDS",
    "WORKER_FIELDS",
    "FieldError",
    "validate_passport_application",
    "validate_worker",
]


@dataclass(frozen=True)
class FieldError:
    """One refusal, named by the payload field it concerns (``body`` for the document itself)."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """JSON shape used in every 422 body: ``{"field": ..., "message": ...}``."""
        return {"field": self.field, "message": self.message}


class _InvalidValueError(Exception):
    """Raised by a checker to refuse a value; carries the human message."""


Checker = Callable[[Any], Any]

_NIK_RE = re.compile(r"[0-9]{16}")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PHONE_RE = re.compile(r"\+?[0-9]{8,15}")
_OFFICE_RE = re.compile(r"[0-9]{2}\.[0-9]{2}")
_TRACKING_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")
_REFERENCE_RE = re.compile(r"[\x21-\x7e]{1,128}")
_ALPHA2_RE = re.compile(r"[A-Z]{2}")
_NAME_PUNCTUATION = frozenset(" .'-,")
_MIN_BIRTH_DATE = dt.date(1900, 1, 1)


def _string(value: Any, *, max_len: int, allow_newlines: bool = False) -> str:
    """A trimmed, non-empty string without control characters (they corrupt printed letters)."""
    if not isinstance(value, str):
        raise _InvalidValueError("must be a string")
    text = value.strip()
    if not text:
        raise _InvalidValueError("must not be empty")
    if len(text) > max_len:
        raise _InvalidValueError(f"must be at most {max_len} characters")
    for ch in text:
        if ord(ch) < 32 or ord(ch) == 127:
            if allow_newlines and ch in "\n\t":
                continue
            raise _InvalidValueError("must not contain control characters")
    return text


def _client_reference(value: Any) -> str:
    if not isinstance(value, str):
        raise _InvalidValueError("must be a string")
    if not _REFERENCE_RE.fullmatch(value):
        raise _InvalidValueError("must be 1-128 printable ASCII characters without spaces")
    return value


def _nik(value: Any) -> str:
    if not isinstance(value, str):
        # A NIK as a JSON number silently loses leading zeros in many clients: refuse it.
        raise _InvalidValueError("must be a string of exactly 16 digits")
    if not _NIK_RE.fullmatch(value):
        raise _InvalidValueError("must be exactly 16 digits (0-9)")
    return value


def _full_name(value: Any) -> str:
    text = _string(value, max_len=100)
    if not all(ch.isalpha() or ch in _NAME_PUNCTUATION for ch in text):
        raise _InvalidValueError("may contain only letters, spaces and . ' - ,")
    if not any(ch.isalpha() for ch in text):
        raise _InvalidValueError("must contain at least one letter")
    return text


def _date(value: Any) -> dt.date:
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise _InvalidValueError("must be a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _InvalidValueError("is not a real calendar date") from None


def _birth_date(value: Any) -> str:
    day = _date(value)
    if day < _MIN_BIRTH_DATE:
        raise _InvalidValueError("must not be before 1900-01-01")
    if day > dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1):
        # One day of slack: a counter east of UTC is already on "tomorrow".
        raise _InvalidValueError("must not be in the future")
    return day.isoformat()


def _plain_date(value: Any) -> str:
    return _date(value).isoformat()


def _sex(value: Any) -> str:
    if value not in ("L", "P"):
        raise _InvalidValueError("must be 'L' (laki-laki) or 'P' (perempuan)")
    return str(value)


def _phone(value: Any) -> str:
    text = _string(value, max_len=32)
    compact = text.replace(" ", "").replace("-", "")
    if not _PHONE_RE.fullmatch(compact):
        raise _InvalidValueError("must be 8-15 digits, optionally starting with +")
    return compact


@functools.cache
def _alpha2_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, loaded once (pycountry is a project dependency)."""
    # Imported on first use, not at the top: pycountry takes ~0.1 s to import, and the simulator's
    # start (training mode, every test's simulator) needs it only when a country is first checked.
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


def _country(value: Any) -> str:
    if not isinstance(value, str) or not _ALPHA2_RE.fullmatch(value):
        raise _InvalidValueError("must be an ISO 3166-1 alpha-2 code in capitals, e.g. 'MY'")
    if value not in _alpha2_codes():
        raise _InvalidValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code")
    return value


def _office_code(value: Any) -> str:
    if not isinstance(value, str) or not _OFFICE_RE.fullmatch(value):
        raise _InvalidValueError("must be a region code in the form NN.NN, e.g. '52.03'")
    return value


def _tracking_code(value: Any) -> str:
    if not isinstance(value, str) or not _TRACKING_RE.fullmatch(value):
        raise _InvalidValueError("must be 1-64 characters: letters, digits and . _ / -")
    return value


def _registry_id(value: Any) -> str:
    return _string(value, max_len=64)


def _text(max_len: int, *, allow_newlines: bool = False) -> Checker:
    return lambda value: _string(value, max_len=max_len, allow_newlines=allow_newlines)


@dataclass(frozen=True)
class _Field:
    name: str
    required: bool
    check: Checker


WORKER_FIELDS: tuple[_Field, ...] = (
    _Field("client_reference", True, _client_reference),
    _Field("nik", True, _nik),
    _Field("full_name", True, _full_name),
    _Field("birth_date", True, _birth_date),
    _Field("sex", True, _sex),
    _Field("birth_place", False, _text(100)),
    _Field("address", False, _text(300, allow_newlines=True)),
    _Field("phone", False, _phone),
    _Field("destination_country", False, _country),
    _Field("job_title", False, _text(100)),
    _Field("sector", False, _text(100)),
    _Field("agency", False, _text(200)),
    _Field("office_code", False, _office_code),
    _Field("tracking_code", False, _tracking_code),
    _Field("planned_departure", False, _plain_date),
)

PASSPORT_FIELDS: tuple[_Field, ...] = (
    _Field("client_reference", True, _client_reference),
    _Field("registry_id", True, _registry_id),
    _Field("nik", True, _nik),
    _Field("full_name", True, _full_name),
    _Field("birth_date", True, _birth_date),
    _Field("sex", True, _sex),
    _Field("office_code", True, _office_code),
    _Field("tracking_code", True, _tracking_code),
    _Field("birth_place", False, _text(100)),
)


def _validate(
    data: Any, fields: tuple[_Field, ...], optional: frozenset[str] = frozenset()
) -> tuple[dict[str, str], list[FieldError]]:
    """Check ``data`` against ``fields``; returns (normalised known fields, errors).

    Absent optional fields, ``null`` and empty strings are all "not given": form-based clients
    send all three for an empty box, and none of them should be stored as a value.
    """
    if not isinstance(data, Mapping):
        return {}, [FieldError("body", "must be a JSON object")]
    clean: dict[str, str] = {}
    errors: list[FieldError] = []
    for spec in fields:
        value = data.get(spec.name)
        blank = value is None or (isinstance(value, str) and not value.strip())
        if blank:
            if spec.required and spec.name not in optional:
                errors.append(FieldError(spec.name, "is required"))
            continue
        try:
            clean[spec.name] = spec.check(value)
        except _InvalidValueError as exc:
            errors.append(FieldError(spec.name, str(exc)))
    departure, birth = clean.get("planned_departure"), clean.get("birth_date")
    if not errors and departure and birth and departure <= birth:
        errors.append(FieldError("planned_departure", "must be after birth_date"))
    return clean, errors


def validate_worker(
    data: Any, *, require_reference: bool = True
) -> tuple[dict[str, str], list[FieldError]]:
    """Validate a registry worker (CPMI) payload.

    ``require_reference=False`` is for updates (PUT), where the client reference names the update
    item, not the registration, and may be left out.
    """
    optional = frozenset() if require_reference else frozenset({"client_reference"})
    return _validate(data, WORKER_FIELDS, optional)


def validate_passport_application(data: Any) -> tuple[dict[str, str], list[FieldError]]:
    """Validate a passport application payload (the registry id is checked against state later)."""
    return _validate(data, PASSPORT_FIELDS)
