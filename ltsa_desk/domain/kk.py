"""Nomor Kartu Keluarga (KK): the 16-digit family-card number.

Layout (Dukcapil, Permendagri on NIK/KK issuance through SIAK): ``PPKKCC DDMMYY SSSS``

- PPKKCC: Kemendagri code of the province, regency/city and district where the KK number was
  issued;
- DDMMYY: the date the family was recorded (pencatatan), *without* the +40 that a woman's NIK
  has, since it is not a birth date;
- SSSS: serial of families recorded in that district on that day, from 0001.

What we check: 16 ASCII digits (surrounding whitespace and spaces between digits are dropped,
as for the NIK), a known province, a calendar date (day 01-31, month 01-12, and the day must exist
in that month; the century is chosen as for the NIK so that the date is not in the future) and a
serial other than 0000. We do not check regency or district: a KK keeps the code of the district
that issued it, which may have been renumbered since, and a real KK must not be refused for that.
A day of 41-71 gets a hint, because it usually means the NIK was typed into the KK field.
"""

from __future__ import annotations

from datetime import date

from ltsa_desk.domain.errors import InvalidKk
from ltsa_desk.domain.nik import expand_two_digit_year
from ltsa_desk.domain.regions import RegionTable, default_regions

KK_LENGTH = 16


def validate_kk(text: str, regions: RegionTable | None = None, today: date | None = None) -> str:
    """Return the 16-digit KK number or raise InvalidKk saying what is wrong, in Indonesian."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidKk("Nomor KK belum diisi.", "empty")
    kk = "".join(text.split())
    if not (kk.isascii() and kk.isdigit()):
        raise InvalidKk("Nomor KK hanya boleh berisi angka.", "non_digit")
    if len(kk) != KK_LENGTH:
        raise InvalidKk(f"Nomor KK harus 16 angka (sekarang {len(kk)}).", "length")

    table = regions if regions is not None else default_regions()
    if table.province(kk[0:2]) is None:
        raise InvalidKk(f"Kode provinsi {kk[0:2]} pada nomor KK tidak dikenal.", "province")

    kk_issue_date(kk, today)

    if kk[12:16] == "0000":
        raise InvalidKk("Nomor urut KK tidak boleh 0000 (4 angka terakhir).", "serial")
    return kk


def kk_issue_date(kk: str, today: date | None = None) -> date:
    """The recording date encoded in a 16-digit KK number; InvalidKk if it cannot exist."""
    day, month, yy = int(kk[6:8]), int(kk[8:10]), int(kk[10:12])
    if not 1 <= month <= 12:
        raise InvalidKk(
            f"Tanggal pada nomor KK tidak mungkin: bulan {kk[8:10]} (harus 01–12).", "date"
        )
    if not 1 <= day <= 31:
        hint = " Apakah yang diketik NIK, bukan nomor KK?" if 41 <= day <= 71 else ""
        raise InvalidKk(
            f"Tanggal pada nomor KK tidak mungkin: angka tanggal {kk[6:8]} (harus 01–31).{hint}",
            "date",
        )
    now = today or date.today()
    year = expand_two_digit_year(yy, month, day, now)
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidKk(
            f"Tanggal pada nomor KK tidak mungkin ({day:02d}-{month:02d}-{year}).", "date"
        ) from None
