"""Realistic generated CPMI for demos, training and benchmarks (deterministic for a given seed).

Names, villages and agencies are the kind a Lombok Timur LTSA sees; NIKs are valid for the office's
regency (district codes from the bundled Kemendagri table), with the birth date and sex encoded.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ltsa_desk.domain.regions import default_regions

FIRST_NAMES_MALE = (
    "Ahmad",
    "Muhammad",
    "Lalu",
    "Zainal",
    "Hendra",
    "Rudi",
    "Agus",
    "Hasan",
    "Saiful",
    "Fauzan",
    "Imam",
    "Rizki",
    "Wahyu",
    "Junaidi",
    "Sahrul",
    "Amrullah",
    "Hamdan",
    "Fathurrahman",
    "Sukri",
    "Bayu",
)
FIRST_NAMES_FEMALE = (
    "Siti",
    "Baiq",
    "Nur",
    "Rina",
    "Dewi",
    "Fitri",
    "Aminah",
    "Halimah",
    "Sri",
    "Wulan",
    "Yuli",
    "Rohani",
    "Maesarah",
    "Hairunnisa",
    "Lina",
    "Zuhriah",
    "Nurul",
    "Ani",
    "Mariani",
    "Suhartini",
)
LAST_NAMES = (
    "Hidayat",
    "Rahman",
    "Saputra",
    "Wijaya",
    "Hakim",
    "Fadli",
    "Kurniawan",
    "Ramdani",
    "Maulana",
    "Nurhayati",
    "Aini",
    "Susanti",
    "Lestari",
    "Rahmawati",
    "Hartono",
    "Syafii",
    "Azhari",
    "Ilham",
    "Mahendra",
    "Purnama",
)
PLACES = (
    "Selong",
    "Masbagik",
    "Aikmel",
    "Pringgabaya",
    "Sakra",
    "Keruak",
    "Terara",
    "Sikur",
    "Labuhan Haji",
    "Suralaga",
    "Sembalun",
    "Wanasaba",
    "Montong Gading",
    "Jerowaru",
)
DESTINATIONS = ("MY", "MY", "MY", "TW", "TW", "HK", "SA", "KR", "JP", "SG", "BN")
JOBS_FORMAL = ("Operator Pabrik", "Pekerja Perkebunan", "Tukang Las", "Pekerja Konstruksi")
JOBS_INFORMAL = ("Penata Laksana Rumah Tangga", "Perawat Lansia", "Pengasuh Anak")
AGENCIES = (
    "PT Lombok Karya Mandiri",
    "PT Sinar Rinjani Jaya",
    "PT Bumi Gora Sejahtera",
    "PT Anugerah Selaparang",
    "PT Mitra Kerja Nusantara",
)
MOBILE_PREFIXES = ("12", "13", "17", "19", "53", "77")
EDUCATION = ("SD", "SMP", "SMA/SMK", "SMA/SMK", "D3", "S1")
MARITAL = ("single", "single", "married", "married", "divorced")


def _districts(regency_code: str) -> list[str]:
    districts = [code for code, _ in default_regions().districts_of(regency_code)]
    return districts or [f"{regency_code}.01"]


def nik_for(district_code: str, birth: date, sex: str, serial: int) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return (
        f"{district_code.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        f"{serial % 10000 or 1:04d}"
    )


def applicants(
    count: int, *, regency_code: str = "52.03", seed: int = 2026, today: date | None = None
) -> Iterator[dict[str, Any]]:
    """`count` applicant records as the intake form would hold them (unique NIKs)."""
    rng = random.Random(seed)
    today = today or date.today()
    districts = _districts(regency_code)
    used: set[str] = set()
    serial = 0
    while len(used) < count:
        serial += 1
        sex = rng.choice(("L", "P"))
        first = rng.choice(FIRST_NAMES_MALE if sex == "L" else FIRST_NAMES_FEMALE)
        name = f"{first} {rng.choice(LAST_NAMES)}"
        age_days = rng.randint(19 * 365, 44 * 365)
        birth = today - timedelta(days=age_days)
        nik = nik_for(rng.choice(districts), birth, sex, serial)
        if nik in used:
            continue
        used.add(nik)
        informal = rng.random() < 0.5
        yield {
            "nik": nik,
            "full_name": name.upper(),
            "birth_place": rng.choice(PLACES),
            "birth_date": birth.strftime("%d-%m-%Y"),
            "sex": sex,
            "address": f"Dusun {rng.choice(PLACES)}, Desa {rng.choice(PLACES)}",
            "phone": f"08{rng.choice(MOBILE_PREFIXES)}{rng.randint(10**7, 10**8 - 1)}",
            "education": rng.choice(EDUCATION),
            "marital_status": rng.choice(MARITAL),
            "destination_country": rng.choice(DESTINATIONS),
            "job_title": rng.choice(JOBS_INFORMAL if informal else JOBS_FORMAL),
            "sector": "informal" if informal else "formal",
            "agency": rng.choice(AGENCIES),
            "planned_departure": (today + timedelta(days=rng.randint(3, 120))).strftime("%d-%m-%Y"),
        }
