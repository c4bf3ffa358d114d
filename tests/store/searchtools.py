"""What the search tests share: generated CPMI with rising registration times, the oracle (a
plain Python reading of the same rows), page walks, SQLite's own step count, the texts officers
type and a register of odd short names."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from ltsa_desk.services import applicants
from ltsa_desk.store import search
from ltsa_desk.store.database import (
    Database,
)
from ltsa_desk.store.models import Applicant

OFFICE = "52.03"
COUNTER = "LOTIM-01"
BASE = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)
FIRST = ("Siti", "Baiq", "Lalu", "Muhammad", "Nur", "Kartini", "Zainal", "Ni Made", "Ahmad")
LAST = ("Aminah", "Hidayat", "Rahmawati", "Santoso", "Wulandari", "Sa'adah", "Fitriani", "Hakim")


def person(i: int) -> dict[str, Any]:
    """The i-th generated CPMI; registration times rise with i, a few pairs share a time."""
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 // 3) % len(LAST)]}"
    if i == 41:
        name = "Lotimah Zulkarnain"  # also matches the tracking-code prefix "LOTIM"
    if i == 42:
        name = "Dewi 100%_Benar"  # LIKE's wildcards, literally
    if i == 43:
        name = 'Rahmat "Ucok" Siregar'
    born = date(1985, 1, 1) + timedelta(days=(i * 53) % 7000)
    female = i % 2 == 0
    day = born.day + (40 if female else 0)
    district = ("520301", "520302", "520310")[i % 3]
    at = BASE + timedelta(minutes=i - (i % 10 == 9))  # every 10th shares its time with the 9th
    return {
        "id": uuid.UUID(int=i + 1, version=4),
        "tracking_code": f"{COUNTER}-{2024 + i % 2}-{i + 1:06d}",
        "nik": f"{district}{day:02d}{born:%m%y}{i + 1:04d}",
        "full_name": name,
        "name_key": search.name_key(name),
        "birth_date": born,
        "sex": "P" if female else "L",
        "regency_code": OFFICE,
        "office_code": OFFICE,
        "counter_id": COUNTER,
        "registered_at": at,
        "registered_by": "petugas1",
        "updated_at": at,
        "state": "registered",
    }


def fill(database: Database, count: int) -> list[dict[str, Any]]:
    people = [person(i) for i in range(count)]
    with database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), people)  # type: ignore[arg-type]
    return people


def expected(people: list[dict[str, Any]], text: str) -> list[str]:
    """The oracle: which tracking codes a text finds, newest first."""
    query = text.strip()
    if not query:
        found = people
    elif query.isdigit():
        found = [p for p in people if p["nik"].startswith(query)]
    else:
        fragment = search.name_key(query)
        found = [
            p
            for p in people
            if p["tracking_code"].startswith(query.upper()) or fragment in p["name_key"]
        ]
    ordered = sorted(found, key=lambda p: (p["registered_at"], p["tracking_code"]), reverse=True)
    return [p["tracking_code"] for p in ordered]


def codes(database: Database, text: str, *, limit: int = 200, after: Any = None) -> list[str]:
    with database.session() as session:
        return [
            row.tracking_code
            for row in applicants.search_page(session, text, limit=limit, after=after)
        ]


def search_steps(database: Any, text: str, **options: Any) -> int:
    """SQLite's own steps (its progress handler, every 10 VM instructions) for one search page:
    a cost that does not move with the machine's load, so tests compare it between sizes."""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    with database.session() as session:
        raw = session.connection().connection.driver_connection
        raw.set_progress_handler(tick, 10)
        try:
            applicants.search_page(session, text, **options)
        finally:
            raw.set_progress_handler(None, 10)
    return count


def all_pages(database: Database, text: str, page: int) -> list[str]:
    """Every page of a search, each one started after the last row of the one before."""
    found: list[str] = []
    after = None
    while True:
        with database.session() as session:
            rows = applicants.search_page(session, text, limit=page, after=after)
        found += [row.tracking_code for row in rows]
        if len(rows) < page:
            return found
        after = rows[-1].cursor


TEXTS = [
    "aminah",  # a last name
    "MINA",  # the middle of it, upper case
    "aMiN",
    "rtin",  # inside "Kartini"
    "siti ami",  # first name and the start of the last
    "ni made wul",
    "tini ",  # spaces around are not part of the text
    "  hidayat  ",
    "ti",  # short: no trigram, still found
    "a",
    "%",  # never a wildcard
    "100%_b",
    "_",
    '"ucok"',
    "sa'adah",
    "520301",  # NIK prefixes
    "5203024",
    "5203",
    "LOTIM",  # tracking-code prefix, and the name "Lotimah"
    "lotim-01-2025-0001",
    "LOTIM-01-2024-000007",
    "lotimah",
    "zzz",  # nothing
    "99999",
    "",
]


ODD_NAMES = (
    "Yohanes Kw",  # a rare pair at the very end: no trigram starts with it
    "Oe",  # a whole name of two letters, and of one
    "K",
    "Ahmad Bukhori X",
    "Ni Luh Oetari",
    "Maxa Kwee",
    "Rex",  # a rare letter in the last place, and in the one before it ("Xa" below)
    "Baiq Xa",
)
SHORT_TEXTS = ("kw", "x", "oe", "xa", "a", "bu", "ti", "h", "k", "e", "w", "ah", "q", "zz", " k")


def short_register(database: Database) -> list[dict[str, Any]]:
    people = fill(database, 200)
    odd = [
        {**person(300 + i), "full_name": name, "name_key": search.name_key(name)}
        for i, name in enumerate(ODD_NAMES)
    ]
    with database.writer.begin() as connection:
        connection.execute(insert(Applicant.__table__), odd)  # type: ignore[arg-type]
    return people + odd
