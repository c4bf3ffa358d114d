"""NIK (Nomor Induk Kependudukan): the 16-digit citizen number on the KTP.

Layout ``PP KK CC DDMMYY SSSS``: province, regency/city and district where the NIK was first
issued (Kemendagri codes), birth date (day + 40 for women) and a serial from 0001.

What we accept: surrounding whitespace and spaces *between* digits (people group the digits when
they copy a NIK from a photocopy or a letter; a space cannot hide a wrong digit). Dots, dashes and
other characters are rejected, because they mostly come from pasting the wrong field.

What is an error and what is a warning: a NIK whose province is unknown, whose date cannot exist
or whose serial is 0000 cannot be a real NIK (InvalidNik). A regency or district missing from our
table is only a warning: the table may be older than the regulation, and refusing a real CPMI at
the counter is worse than a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ltsa_desk.domain.errors import InvalidNik
from ltsa_desk.domain.regions import RegionTable, default_regions
from ltsa_desk.domain.values import Sex

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40


@dataclass(frozen=True, repr=False)
class Nik:
    """A NIK that passed validation, with everything it encodes."""

    nik: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: date
    sex: Sex
    serial: str
    regency_known: bool
    district_known: bool
    warnings: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.nik

    def __repr__(self) -> str:
        """Masked, so a NIK never reaches a log through a repr (DESIGN: logs mask NIKs)."""
        return f"Nik({mask_nik(self.nik)!r})"


def _strip_nik(text: str) -> str:
    """Drop surrounding and internal whitespace only (see module docstring)."""
    return "".join(text.split())


def expand_two_digit_year(yy: int, month: int, day: int, today: date) -> int:
    """Pick the century of a two-digit year (NIK birth date, KK date): latest not after today.

    A NIK is given at birth, so 20yy is right for anyone young; if 20yy-mm-dd is still in the
    future the person must be born in 19yy. This is wrong only for people over 100 years old,
    whom the counter does not serve as CPMI. Comparing tuples (not dates) lets an impossible
    day such as 31-02 reach the date check with its century already chosen.
    """
    if (2000 + yy, month, day) > (today.year, today.month, today.day):
        return 1900 + yy
    return 2000 + yy


def parse_nik(text: str, regions: RegionTable | None = None, today: date | None = None) -> Nik:
    """Validate a typed NIK and decode it; raise InvalidNik saying what is wrong, in Indonesian."""
    if not isinstance(text, str):
        raise InvalidNik("NIK belum diisi.", "empty")
    nik = _strip_nik(text)
    if not nik:
        raise InvalidNik("NIK belum diisi.", "empty")
    if not (nik.isascii() and nik.isdigit()):
        raise InvalidNik("NIK hanya boleh berisi angka.", "non_digit")
    if len(nik) != NIK_LENGTH:
        raise InvalidNik(f"NIK harus 16 angka (sekarang {len(nik)}).", "length")

    table = regions if regions is not None else default_regions()
    province_code = nik[0:2]
    regency_code = f"{nik[0:2]}.{nik[2:4]}"
    district_code = f"{regency_code}.{nik[4:6]}"
    if table.province(province_code) is None:
        raise InvalidNik(f"Kode provinsi {province_code} pada NIK tidak dikenal.", "province")

    birth_date, sex = _decode_birth(nik[6:12], today or date.today())

    serial = nik[12:16]
    if serial == "0000":
        raise InvalidNik("Nomor urut NIK tidak boleh 0000 (4 angka terakhir).", "serial")

    warnings: list[str] = []
    regency_name = table.regency(regency_code)
    regency_known = regency_name is not None
    district_known = regency_known and table.district(district_code) is not None
    if not regency_known:
        warnings.append(
            f"Kode kabupaten/kota {regency_code} pada NIK tidak ada di daftar wilayah "
            f"(provinsi {table.province(province_code)}). Periksa kembali NIK."
        )
    elif not district_known:
        warnings.append(
            f"Kode kecamatan {district_code} pada NIK tidak ada di daftar wilayah "
            f"({regency_name}). Periksa kembali NIK."
        )
    return Nik(
        nik=nik,
        province_code=province_code,
        regency_code=regency_code,
        district_code=district_code,
        birth_date=birth_date,
        sex=sex,
        serial=serial,
        regency_known=regency_known,
        district_known=district_known,
        warnings=tuple(warnings),
    )


def _decode_birth(ddmmyy: str, today: date) -> tuple[date, Sex]:
    """Birth date and sex from the DDMMYY block (women: DD + 40)."""
    day, month, yy = int(ddmmyy[0:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    sex = Sex.L
    if day > FEMALE_DAY_OFFSET:
        day -= FEMALE_DAY_OFFSET
        sex = Sex.P
    if not 1 <= month <= 12:
        raise InvalidNik(
            f"Tanggal lahir pada NIK tidak mungkin: bulan {ddmmyy[2:4]} (harus 01–12).", "date"
        )
    if not 1 <= day <= 31:
        raise InvalidNik(
            f"Tanggal lahir pada NIK tidak mungkin: angka tanggal {ddmmyy[0:2]} "
            "(laki-laki 01–31, perempuan 41–71).",
            "date",
        )
    year = expand_two_digit_year(yy, month, day, today)
    try:
        born = date(year, month, day)
    except ValueError:
        raise InvalidNik(
            f"Tanggal lahir pada NIK tidak mungkin ({day:02d}-{month:02d}-{year}).", "date"
        ) from None
    return born, sex


def nik_birth_date_text(nik: Nik) -> str:
    """Birth date as officers write it, e.g. ``12-05-1990``, for messages comparing dates."""
    return nik.birth_date.strftime("%d-%m-%Y")


def mask_nik(nik: str) -> str:
    """Hide the birth date and serial for logs (DESIGN: logs mask NIKs): ``520301**********``."""
    keep = nik[:6]
    return keep + "*" * max(len(nik) - len(keep), 0)
