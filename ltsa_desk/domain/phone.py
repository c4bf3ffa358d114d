"""Indonesian phone numbers, stored as E.164 (``+6281234567890``).

Accepted as typed at the counter: ``0812-3456-7890``, ``+62 812 3456 7890``, ``62812…``,
``0062 812…`` (international prefix), ``+62 (0)812…`` and ``+62 0812…`` (the trunk 0 after the
country code is dropped), and a bare ``812…``: no Indonesian area code begins with 8, so a number
starting with 8 can only be a mobile number whose 0 was left off. Separators allowed anywhere:
spaces, ``-``, ``.``, ``/`` and parentheses; ``+`` only in front.

Lengths, counted in the national form with the leading 0 (how officers read numbers):

- mobile (08…): 10-13 digits; 0800/0809 (toll-free/premium services) are refused;
- landline (0 + area code 2-7 or 9 + subscriber, e.g. 021-…, 0370-…): 9-12 digits.

Numbers of other countries are refused: this field is the CPMI's Indonesian contact number.
"""

from __future__ import annotations

from ltsa_desk.domain.errors import InvalidPhone

COUNTRY_CODE = "62"
MOBILE_NATIONAL_LENGTH = (10, 13)
LANDLINE_NATIONAL_LENGTH = (9, 12)
_SEPARATORS = frozenset(" \t-./()")
# Area codes with two digits; all others have three (0370, 0361, ...).
_TWO_DIGIT_AREA_CODES = frozenset({"21", "22", "24", "31", "61"})

_PREFIX_MESSAGE = "Nomor HP harus diawali 08, 62 atau +62."


def normalize_phone(text: str) -> str:
    """Return the number in E.164 form or raise InvalidPhone saying what is wrong, in Indonesian."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidPhone("Nomor HP belum diisi.", "empty")
    typed = text.strip()
    plus = typed.startswith("+")
    body = typed[1:] if plus else typed
    if any(not (ch in _SEPARATORS or ch.isspace() or _is_digit(ch)) for ch in body):
        raise InvalidPhone(
            "Nomor HP hanya boleh berisi angka, spasi, tanda - . / ( ) dan + di depan.", "chars"
        )
    digits = "".join(ch for ch in body if _is_digit(ch))
    if not digits:
        raise InvalidPhone("Nomor HP belum berisi angka.", "empty")

    nsn = _national_significant_number(digits, plus)
    if not nsn:
        raise InvalidPhone(f"Nomor HP terlalu pendek (sekarang {len(digits)} angka).", "length")
    national_length = len(nsn) + 1
    if nsn.startswith("8"):
        if nsn[1:2] == "0":
            raise InvalidPhone(
                "Nomor 0800/0809 adalah nomor layanan, bukan nomor HP pribadi.", "prefix"
            )
        low, high = MOBILE_NATIONAL_LENGTH
        if not low <= national_length <= high:
            raise InvalidPhone(
                f"Nomor HP harus {low}–{high} angka jika ditulis dengan 08 "
                f"(sekarang {national_length}).",
                "length",
            )
    elif nsn[:1] in ("2", "3", "4", "5", "6", "7", "9"):
        low, high = LANDLINE_NATIONAL_LENGTH
        if not low <= national_length <= high:
            raise InvalidPhone(
                f"Nomor telepon rumah/kantor harus {low}–{high} angka termasuk kode wilayah "
                f"(sekarang {national_length}).",
                "length",
            )
    else:
        raise InvalidPhone(_PREFIX_MESSAGE, "prefix")
    return f"+{COUNTRY_CODE}{nsn}"


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _national_significant_number(digits: str, plus: bool) -> str:
    """Strip country code or trunk 0; what is left starts with 8 (mobile) or an area code."""
    if plus:
        if not digits.startswith(COUNTRY_CODE):
            raise InvalidPhone(
                "Nomor HP harus nomor Indonesia: diawali 08, 62 atau +62.", "country"
            )
        nsn = digits[len(COUNTRY_CODE) :]
    elif digits.startswith("00"):
        if not digits.startswith("00" + COUNTRY_CODE):
            raise InvalidPhone(
                "Nomor HP harus nomor Indonesia: diawali 08, 62 atau +62.", "country"
            )
        nsn = digits[2 + len(COUNTRY_CODE) :]
    elif digits.startswith(COUNTRY_CODE):
        nsn = digits[len(COUNTRY_CODE) :]
    elif digits.startswith("0"):
        return digits[1:]
    elif digits.startswith("8"):
        return digits
    else:
        raise InvalidPhone(_PREFIX_MESSAGE, "prefix")
    if nsn.startswith("0"):  # "+62 0812…": the trunk 0 must not follow the country code
        nsn = nsn[1:]
    return nsn


def is_mobile(e164: str) -> bool:
    """True for a normalized mobile number (+628…): SMS reminders go only to these."""
    return e164.startswith(f"+{COUNTRY_CODE}8")


def format_phone_national(e164: str) -> str:
    """Readable national form for screens and letters: ``0812-3456-7890``, ``(021) 1234-5678``."""
    nsn = e164.removeprefix(f"+{COUNTRY_CODE}")
    if nsn.startswith("8"):
        groups = [nsn[0:3], nsn[3:7], nsn[7:]]
        return "0" + "-".join(g for g in groups if g)
    area_len = 2 if nsn[:2] in _TWO_DIGIT_AREA_CODES else 3
    area, subscriber = nsn[:area_len], nsn[area_len:]
    if len(subscriber) > 4:
        subscriber = f"{subscriber[:-4]}-{subscriber[-4:]}"
    return f"(0{area}) {subscriber}"
