"""The recovery key: the one secret an office prints and keeps, so a lost PC is not a lost registry.

Why this shape: it is read off paper and typed by a technician, months later, on another PC. So it
uses Crockford's base32 alphabet (digits and capitals without I, L, O, U: nothing to confuse, no
accidental words; I/L are read as 1 and O as 0 when typed), and comes as seven groups of five
characters, ``XXXXC-XXXXC-...``. Four characters of each group carry the secret (7 x 4 x 5 = 140
random bits, far beyond guessing even without the scrypt stretch in front of it); the fifth is a
check character for that group, so a typo is caught before any key derivation runs and the message
can say *which* group to look at again.

The check character is one Reed-Solomon-style parity symbol over GF(32): the sum of the data
symbols times distinct powers of a primitive element, plus a term for the group's position. That
guarantees (not just makes likely) that any single wrong character in a group is caught, as is any
swap of two data characters within a group, and a whole group typed in the wrong place.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 7
DATA_PER_GROUP = 4
GROUP_LENGTH = DATA_PER_GROUP + 1
SEPARATOR = "-"

_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# What a person may type for a symbol: lower case, and the letters Crockford reads as digits.
_VALUE.update({ch.lower(): i for ch, i in list(_VALUE.items())})
_VALUE.update({"O": 0, "o": 0, "I": 1, "i": 1, "L": 1, "l": 1})

_GF_POLY = 0b100101  # x^5 + x^2 + 1, primitive: alpha = 2 has order 31


def _gf_mul(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _GF_POLY
    return product


_ALPHA_POW = [1]
for _ in range(30):
    _ALPHA_POW.append(_gf_mul(_ALPHA_POW[-1], 2))


def check_symbol(group_index: int, data: str) -> str:
    """The check character of one group: sum of d_i * alpha^(i+1), plus alpha^(5+group_index)."""
    total = _ALPHA_POW[(DATA_PER_GROUP + 1 + group_index) % 31]
    for position, ch in enumerate(data):
        total ^= _gf_mul(_VALUE[ch], _ALPHA_POW[position + 1])
    return ALPHABET[total]


class RecoveryKeyTypo(ValueError):
    """The typed recovery key is malformed; ``groups`` are the 1-based groups to check again."""

    def __init__(self, message: str, groups: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.groups = groups


@dataclass(frozen=True)
class RecoveryKey:
    """A checked recovery key. ``secret`` (the 28 data characters) is what scrypt stretches."""

    secret: str

    def __str__(self) -> str:
        return format_groups(self.secret)

    def __repr__(self) -> str:  # never print the secret by accident (logs, tracebacks)
        return "RecoveryKey(<rahasia>)"


def generate() -> RecoveryKey:
    """A fresh random recovery key (140 bits from the OS's CSPRNG)."""
    return RecoveryKey(
        "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * DATA_PER_GROUP))
    )


def format_groups(secret: str) -> str:
    """``XXXXC-XXXXC-...``: the printable form, a check character closing each group."""
    groups = []
    for index in range(GROUPS):
        data = secret[index * DATA_PER_GROUP : (index + 1) * DATA_PER_GROUP]
        groups.append(data + check_symbol(index, data))
    return SEPARATOR.join(groups)


def _ordinal(groups: list[int]) -> str:
    named = [f"ke-{g}" for g in groups]
    if len(named) == 1:
        return named[0]
    return ", ".join(named[:-1]) + " dan " + named[-1]


def parse(text: str) -> RecoveryKey:
    """Read a typed recovery key; raises :class:`RecoveryKeyTypo` naming the group(s) to check.

    Spaces and dashes are optional; case does not matter; O, I and L are read as 0, 1 and 1.
    """
    parts = [p for p in re.split(r"[\s\-\u2010-\u2015]+", text.strip()) if p]
    if len(parts) == 1 and len(parts[0]) == GROUPS * GROUP_LENGTH:
        parts = [parts[0][i : i + GROUP_LENGTH] for i in range(0, len(parts[0]), GROUP_LENGTH)]
    expected = f"{GROUPS} kelompok berisi {GROUP_LENGTH} karakter, misalnya 7K3M9-QX2PA-..."
    if not parts:
        raise RecoveryKeyTypo(f"Kunci pemulihan kosong; harus {expected}")
    if len(parts) != GROUPS:
        raise RecoveryKeyTypo(
            f"Kunci pemulihan punya {len(parts)} kelompok; harus {expected}"
        )
    wrong_length = [i + 1 for i, part in enumerate(parts) if len(part) != GROUP_LENGTH]
    if wrong_length:
        raise RecoveryKeyTypo(
            f"Kunci pemulihan: kelompok {_ordinal(wrong_length)} tidak {GROUP_LENGTH} karakter; "
            f"harus {expected}",
            tuple(wrong_length),
        )
    bad: list[int] = []
    data_parts: list[str] = []
    for index, part in enumerate(parts):
        if any(ch not in _VALUE for ch in part):
            bad.append(index + 1)
            continue
        canonical = "".join(ALPHABET[_VALUE[ch]] for ch in part)
        data, check = canonical[:DATA_PER_GROUP], canonical[DATA_PER_GROUP]
        if check_symbol(index, data) != check:
            bad.append(index + 1)
            continue
        data_parts.append(data)
    if bad:
        shown = ", ".join(f"{g}: {parts[g - 1]!r}" for g in bad)
        raise RecoveryKeyTypo(
            f"Kunci pemulihan salah ketik di kelompok {_ordinal(bad)} ({shown}); "
            "periksa lagi huruf dan angka kelompok itu pada kertas kunci pemulihan",
            tuple(bad),
        )
    return RecoveryKey("".join(data_parts))
