"""Turning what an officer typed (or a register row held) into a checked applicant record.

One function serves the intake form, `applicant update` and the register import, so the three can
never disagree about what a valid CPMI record is. All problems are collected at once, each under its
field, because an officer fixes a form in one pass, not one error per save.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ltsa_desk.domain import applicant as rules
from ltsa_desk.domain.applicant import APPLICANT_FIELDS, REQUIRED_FIELDS
from ltsa_desk.domain.countries import to_iso_alpha2
from ltsa_desk.domain.kk import validate_kk
from ltsa_desk.domain.nik import Nik, parse_nik
from ltsa_desk.domain.phone import normalize_phone
from ltsa_desk.domain.regions import default_regions
from ltsa_desk.domain.values import (
    FIELD_LABELS_ID,
    normalize_education,
    normalize_marital_status,
    normalize_sector,
    normalize_sex,
    parse_flexible_date,
    parse_name,
)

FIELDS = APPLICANT_FIELDS
REQUIRED = REQUIRED_FIELDS

_FREE_TEXT_LIMITS = {"birth_place": 100, "address": 300, "job_title": 100, "agency": 200}


class ValidationFailed(ValueError):
    """The record cannot be saved; `errors` maps each field at fault to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{FIELD_LABELS_ID.get(k, k)}: {v}" for k, v in errors.items()))


@dataclass
class CheckedApplicant:
    """A record that passed every rule; warnings still need the officer's confirmation."""

    values: dict[str, Any]
    nik: Nik
    warnings: list[str] = field(default_factory=list)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _free_text(name: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = " ".join(str(value).split())
        limit = _FREE_TEXT_LIMITS[name]
        if len(text) > limit:
            raise ValueError(f"{FIELD_LABELS_ID[name]} terlalu panjang (maksimal {limit} karakter)")
        # The registry refuses control characters (they corrupt printed letters): say it here.
        if any(unicodedata.category(ch) == "Cc" for ch in text):
            raise ValueError(f"{FIELD_LABELS_ID[name]} berisi karakter kendali yang tidak sah")
        return text

    return parse


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "full_name": lambda v: parse_name(str(v), field="full_name"),
    "birth_place": _free_text("birth_place"),
    "birth_date": lambda v: parse_flexible_date(v, field="birth_date"),
    "sex": lambda v: str(normalize_sex(str(v))),
    "kk": lambda v: validate_kk(str(v)),
    "address": _free_text("address"),
    "phone": lambda v: normalize_phone(str(v)),
    "education": lambda v: normalize_education(str(v)),
    "marital_status": lambda v: str(normalize_marital_status(str(v))),
    "destination_country": lambda v: to_iso_alpha2(str(v)),
    "job_title": _free_text("job_title"),
    "sector": lambda v: str(normalize_sector(str(v))),
    "agency": _free_text("agency"),
    "planned_departure": lambda v: parse_flexible_date(v, field="planned_departure"),
}


def check_applicant(
    raw: Mapping[str, Any], *, office_code: str, registration_date: date
) -> CheckedApplicant:
    """Validate a whole record. Raises ValidationFailed with every field error at once."""
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise ValidationFailed({name: "Kolom tidak dikenal" for name in unknown})
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in REQUIRED:
        if _is_blank(raw.get(name)):
            errors[name] = f"{FIELD_LABELS_ID[name]} wajib diisi"

    nik: Nik | None = None
    if "nik" not in errors:
        try:
            nik = parse_nik(str(raw["nik"]), today=registration_date)
            values["nik"] = nik.nik
        except ValueError as exc:
            errors["nik"] = str(exc)

    for name, parse in _PARSERS.items():
        value = raw.get(name)
        if name in errors:
            continue
        if _is_blank(value):
            values[name] = None
            continue
        try:
            values[name] = parse(value)
        except ValueError as exc:
            errors[name] = str(exc)

    warnings: list[str] = []
    if nik is not None:
        birth_date, sex = values.get("birth_date"), values.get("sex")
        if birth_date is not None and sex is not None:
            for finding in rules.check_matches_nik(birth_date, sex, nik.birth_date, str(nik.sex)):
                errors.setdefault(finding.field, finding.message)
        if birth_date is not None and "birth_date" not in errors:
            finding = rules.check_age(birth_date, registration_date)
            if finding:
                errors.setdefault(finding.field, finding.message)
        warnings.extend(nik.warnings)
        regions = default_regions()
        finding = rules.check_office_region(
            nik.regency_code, office_code, regions.regency(nik.regency_code)
        )
        if finding:
            warnings.append(finding.message)
    planned = values.get("planned_departure")
    birth = values.get("birth_date")
    if planned is not None and birth is not None and planned <= birth:
        errors.setdefault("planned_departure", "Rencana keberangkatan harus setelah tanggal lahir")

    if errors:
        raise ValidationFailed(errors)
    assert nik is not None
    return CheckedApplicant(values=values, nik=nik, warnings=warnings)
