"""People's names: tidied, and refused when they hold what the registry would refuse later.

Pure module: standard library only.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from ltsa_desk.domain.values.invalid_value import (
    InvalidValue,
    as_shown,
    field_label,
)

# --------------------------------------------------------------------------- names

NAME_MAX_LENGTH: Final = 100
NAME_PUNCTUATION: Final = frozenset(" .'-,")
"""Besides letters, all a name may hold: the registry's and immigration's own rule."""
_APOSTROPHES: Final = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u00b4\u0060", "'"))


def parse_name(text: str, *, field: str) -> str:
    """Tidy a person's name: surrounding spaces trimmed, inner runs of spaces collapsed.

    Case is kept as typed (KTP names are upper case, but an officer copying a diploma may type
    mixed case, and changing it is the letter template's business, not the register's). Refused:
    empty, no letter at all, any digit (a digit in a name is nearly always a NIK or phone number
    pasted into the wrong field), control characters, and more than 100 characters.

    The registry and immigration take only letters, spaces and ``. ' - ,`` in a name, so the
    counter takes no more (``< > = " / : | +`` and the like were accepted here and refused days
    later, in English); a typographic apostrophe (``Nur’aini``, Excel's 0x92 in a Windows-1252
    CSV) has one obvious meaning and becomes ``'``.
    """
    label = field_label(field)
    if text is None:
        raise InvalidValue(field, f"{label} wajib diisi", "required")
    if not isinstance(text, str):
        raise InvalidValue(field, f"{label} tidak valid: {as_shown(text)}")
    cleaned = " ".join(unicodedata.normalize("NFC", text).translate(_APOSTROPHES).split())
    if not cleaned:
        raise InvalidValue(field, f"{label} wajib diisi", "required")
    if len(cleaned) > NAME_MAX_LENGTH:
        raise InvalidValue(
            field,
            f"{label} terlalu panjang: {len(cleaned)} karakter (paling banyak {NAME_MAX_LENGTH})",
            "too_long",
        )
    if any(ch.isdigit() for ch in cleaned):
        raise InvalidValue(
            field, f"{label} tidak boleh berisi angka: {as_shown(cleaned)}", "digits"
        )
    if any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise InvalidValue(field, f"{label} berisi karakter yang tidak sah", "control_chars")
    if not any(ch.isalpha() for ch in cleaned):
        raise InvalidValue(field, f"{label} harus berisi huruf: {as_shown(cleaned)}", "no_letters")
    odd = sorted({ch for ch in cleaned if not (ch.isalpha() or ch in NAME_PUNCTUATION)})
    if odd:
        raise InvalidValue(
            field,
            f"{label} hanya boleh berisi huruf, spasi dan tanda . ' - , "
            f"(tidak boleh: {' '.join(odd)})",
            "characters",
        )
    return cleaned
