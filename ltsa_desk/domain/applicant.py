"""Rules about the applicant as a whole: age, agreement with the NIK, the office's region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MINIMUM_AGE = 18

# The fields of an applicant record, in form order. The same names are the register import's
# canonical columns and the keys `applicant update --set` accepts.
APPLICANT_FIELDS: tuple[str, ...] = (
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "kk",
    "address",
    "phone",
    "education",
    "marital_status",
    "destination_country",
    "job_title",
    "sector",
    "agency",
    "planned_departure",
)
REQUIRED_FIELDS: tuple[str, ...] = ("nik", "full_name", "birth_date", "sex")


def age_on(birth_date: date, on: date) -> int:
    """Completed years on a day (a birthday on 29 February counts from 1 March in common years)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def format_dmy(value: date) -> str:
    """The DD-MM-YYYY form officers read on KTPs and in messages."""
    return value.strftime("%d-%m-%Y")


@dataclass(frozen=True)
class RuleFinding:
    """One finding: an error blocks saving; a warning needs the officer's confirmation."""

    field: str
    message: str


def check_age(birth_date: date, registration_date: date) -> RuleFinding | None:
    age = age_on(birth_date, registration_date)
    if age < MINIMUM_AGE:
        return RuleFinding(
            "birth_date",
            f"Umur CPMI harus minimal {MINIMUM_AGE} tahun pada tanggal pendaftaran "
            f"(sekarang {age})",
        )
    return None


def check_matches_nik(
    birth_date: date, sex: str, nik_birth_date: date, nik_sex: str
) -> list[RuleFinding]:
    """The form's birth date and sex must be the ones encoded in the NIK."""
    findings = []
    if birth_date != nik_birth_date:
        findings.append(
            RuleFinding(
                "birth_date",
                f"Tanggal lahir tidak sesuai dengan NIK (NIK: {format_dmy(nik_birth_date)})",
            )
        )
    if sex != nik_sex:
        label = "Perempuan" if nik_sex == "P" else "Laki-laki"
        findings.append(RuleFinding("sex", f"Jenis kelamin tidak sesuai dengan NIK (NIK: {label})"))
    return findings


def check_office_region(
    nik_regency_code: str, office_regency_code: str, regency_name: str | None
) -> RuleFinding | None:
    """Registration belongs to the Disnaker of the KTP's region; another region needs confirming."""
    if nik_regency_code == office_regency_code:
        return None
    where = f"{regency_name} ({nik_regency_code})" if regency_name else nik_regency_code
    return RuleFinding(
        "nik",
        f"KTP berasal dari {where}, bukan wilayah kantor ini ({office_regency_code}); "
        "pastikan CPMI memang didaftarkan di sini",
    )
