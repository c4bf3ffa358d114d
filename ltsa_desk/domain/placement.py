"""What the intake form offers first: the usual destinations and jobs of Indonesian migrant workers.

An officer types a few letters and Enter takes the first suggestion shown (issue 18); the
suggestions are ordered so that the common case is first. The order is BP2MI's placement
statistics by rough frequency (destinations of the last years; the jobs most often written on
placement agreements). Nothing here is a rule: any other country the form knows, and any other job
title, is still accepted as typed.

Pure module: standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

__all__ = ["COMMON_DESTINATIONS", "COMMON_JOB_TITLES", "best_suggestion", "usual_first"]

#: ISO alpha-2 codes of the usual destinations, the most frequent first.
COMMON_DESTINATIONS: Final[tuple[str, ...]] = (
    "MY",
    "TW",
    "HK",
    "KR",
    "JP",
    "SG",
    "SA",
    "BN",
    "PL",
    "IT",
    "TR",
    "AE",
    "QA",
    "KW",
    "AU",
)

#: Job titles as officers write them, the most frequent first.
COMMON_JOB_TITLES: Final[tuple[str, ...]] = (
    "Penata laksana rumah tangga",
    "Operator produksi",
    "Pengasuh lansia (caregiver)",
    "Pekerja perkebunan",
    "Pekerja konstruksi",
    "Anak buah kapal (ABK)",
    "Pekerja pertanian",
    "Pekerja peternakan",
    "Pengasuh anak",
    "Perawat",
    "Juru masak",
    "Pelayan restoran",
    "Petugas kebersihan",
    "Operator mesin",
    "Pekerja gudang",
    "Tukang las",
    "Sopir",
    "Nelayan",
    "Teknisi",
)


def usual_first(names: Iterable[str], usual: Iterable[str]) -> list[str]:
    """`names` once each: those in `usual` first in that order, the rest alphabetically
    (case-insensitive), so a short prefix lands on the common case at the top of the list."""
    pool = {name.casefold(): name for name in names if name.strip()}
    first = [pool.pop(name.casefold()) for name in usual if name.casefold() in pool]
    return first + sorted(pool.values(), key=str.casefold)


def best_suggestion(typed: str, shown: Iterable[str]) -> str | None:
    """What Enter takes from a completion list showing `shown` for `typed`: the name typed in
    full if it is there, else the first that starts with it, else the first shown; None when the
    list is empty. A list is ordered usual-first, so "Mal" is Malaysia, not Somalia."""
    key = typed.strip().casefold()
    candidates = list(shown)
    if not candidates:
        return None
    for name in candidates:
        if name.casefold() == key:
            return name
    for name in candidates:
        if name.casefold().startswith(key):
            return name
    return candidates[0]
