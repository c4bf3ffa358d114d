"""Education as typed on a form or in a register, read onto one of the canonical levels.

Anything that is not recognisably one level is kept as the free text typed, never guessed.
Pure module: standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final

from ltsa_desk.domain.values.invalid_value import (
    require_text,
)

# --------------------------------------------------------------------------- education

#: Canonical education labels, lowest first. Anything else typed is kept as free text.
EDUCATION_LEVELS: Final[tuple[str, ...]] = (
    "Tidak sekolah",
    "Tidak tamat SD",
    "SD",
    "SMP",
    "SMA/SMK",
    "D1",
    "D2",
    "D3",
    "D4",
    "S1",
    "S2",
    "S3",
)

# Whole-text forms (tokens, "sederajat" dropped) that would be misread if split on "/".
_EDUCATION_WHOLE: Final[Mapping[str, str]] = {
    "TIDAK SEKOLAH": "Tidak sekolah",
    "BELUM SEKOLAH": "Tidak sekolah",
    "TIDAK BERSEKOLAH": "Tidak sekolah",
    "TIDAK BELUM SEKOLAH": "Tidak sekolah",
    "BELUM TIDAK SEKOLAH": "Tidak sekolah",
    "TIDAK PERNAH SEKOLAH": "Tidak sekolah",
    "TIDAK TAMAT SD": "Tidak tamat SD",
    "BELUM TAMAT SD": "Tidak tamat SD",
    "TIDAK LULUS SD": "Tidak tamat SD",
}

_ROMAN: Final[Mapping[str, str]] = {"I": "1", "II": "2", "III": "3", "IV": "4"}

# Leading tokens of one part (e.g. "SMK NEGERI 2 KEBUMEN" starts with SMK) -> level.
_EDUCATION_TOKENS: Final[Mapping[tuple[str, ...], str]] = {
    ("SD",): "SD",
    ("SDN",): "SD",
    ("MI",): "SD",
    ("SR",): "SD",
    ("SEKOLAH", "DASAR"): "SD",
    ("MADRASAH", "IBTIDAIYAH"): "SD",
    ("PAKET", "A"): "SD",
    ("SMP",): "SMP",
    ("SMPN",): "SMP",
    ("SLTP",): "SMP",
    ("MTS",): "SMP",
    ("MTSN",): "SMP",
    ("SEKOLAH", "MENENGAH", "PERTAMA"): "SMP",
    ("MADRASAH", "TSANAWIYAH"): "SMP",
    ("PAKET", "B"): "SMP",
    ("SMA",): "SMA/SMK",
    ("SMAN",): "SMA/SMK",
    ("SMU",): "SMA/SMK",
    ("SMK",): "SMA/SMK",
    ("SMKN",): "SMA/SMK",
    ("SLTA",): "SMA/SMK",
    ("MA",): "SMA/SMK",
    ("MAN",): "SMA/SMK",
    ("MAK",): "SMA/SMK",
    ("STM",): "SMA/SMK",
    ("SMEA",): "SMA/SMK",
    ("SPK",): "SMA/SMK",
    ("SEKOLAH", "MENENGAH", "ATAS"): "SMA/SMK",
    ("SEKOLAH", "MENENGAH", "KEJURUAN"): "SMA/SMK",
    ("MADRASAH", "ALIYAH"): "SMA/SMK",
    ("PAKET", "C"): "SMA/SMK",
    ("AKADEMI",): "D3",
    ("SARJANA", "MUDA"): "D3",
    ("SARJANA",): "S1",
    ("MAGISTER",): "S2",
    ("PASCASARJANA",): "S2",
    ("DOKTOR",): "S3",
}

_EDUCATION_PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"^(?:D|DIPLOMA)\s?([1-4])$"), "D{}"),
    (re.compile(r"^(?:S|STRATA)\s?([1-3])$"), "S{}"),
)

_EDUCATION_FILLERS: Final[frozenset[str]] = frozenset(
    {"TAMAT", "LULUS", "LULUSAN", "SEDERAJAT", "SETINGKAT", "TAMATAN"}
)


def _education_tokens(text: str) -> list[str]:
    """Upper-case word tokens with the "tamat ... sederajat" padding removed."""
    upper = unicodedata.normalize("NFKC", text).upper()
    return [t for t in re.sub(r"[^A-Z0-9]+", " ", upper).split() if t not in _EDUCATION_FILLERS]


def _classify_part(tokens: list[str]) -> str | None:
    # Roman numerals after D/DIPLOMA/S/STRATA: "D III", "DIII", "STRATA I".
    joined = " ".join(tokens)
    match = re.fullmatch(r"(D|DIPLOMA|S|STRATA)\s?(I{1,3}|IV)", joined)
    if match:
        joined = f"{match.group(1)} {_ROMAN[match.group(2)]}"
    for pattern, template in _EDUCATION_PATTERNS:
        m = pattern.match(joined)
        if m:
            return template.format(m.group(1))
    # Leading code followed by a school name ("SMK NEGERI 1 ..."), or a code with a major after it
    # ("S1 KEPERAWATAN", "D3 AKUNTANSI").
    head = re.match(r"^(D|S)\s?([1-4])\b", joined)
    if head and not (head.group(1) == "S" and head.group(2) == "4"):
        return f"{head.group(1)}{head.group(2)}"
    for size in (3, 2, 1):
        level = _EDUCATION_TOKENS.get(tuple(tokens[:size]))
        if level is not None:
            return level
    return None


def normalize_education(text: str) -> str:
    """Canonical education label when the text clearly names one level, else the text itself.

    Registers hold anything from ``"SMK N 1 Kebumen"`` to the KK wording ``"SLTA/SEDERAJAT"``;
    reports need the level, but an unrecognised entry is still the officer's truth, so it is kept
    (spacing tidied) rather than refused. A text naming two different levels (``"DIPLOMA IV/STRATA
    I"``) is kept as typed, since picking one would be a guess. Only empty text raises.
    """
    cleaned = require_text(text, "education")
    upper = unicodedata.normalize("NFKC", cleaned).upper()
    whole = " ".join(
        t for t in re.sub(r"[^A-Z0-9]+", " ", upper).split() if t not in {"SEDERAJAT", "SETINGKAT"}
    )
    if whole in _EDUCATION_WHOLE:
        return _EDUCATION_WHOLE[whole]
    parts = [_education_tokens(p) for p in re.split(r"/|,|\bATAU\b", upper)]
    levels = {_classify_part(tokens) for tokens in parts if tokens}
    if len(levels) == 1 and None not in levels:
        (level,) = levels
        assert level is not None
        return level
    return cleaned
