"""Letter numbers: the office's pattern filled with a running number that never goes back.

See the package docstring for why both kinds share one running number and why a number, once
issued (even on a voided letter), is never handed out again.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from ltsa_desk.counter.config import DEFAULT_LETTER_PATTERN, KEYS
from ltsa_desk.services.context import Actor
from ltsa_desk.services.letters.record import OfficeSettings
from ltsa_desk.services.letters.words import (
    LETTER_KIND_CODES,
    LetterKind,
    LetterRefused,
    roman_month,
)
from ltsa_desk.services.numbering import next_value
from ltsa_desk.store.models import Letter, utc_now

SEQUENCE_NAME = "letter"
_NUMBER_ATTEMPTS = 1000


def format_letter_number(
    pattern: str, *, seq: int, counter: str, office: str, day: date, kind: LetterKind | str
) -> str:
    """Fill a number pattern: ``{seq}`` is zero-padded to four digits, ``{month}`` to two.

    The pattern is checked with the configuration's own rule first, so a pattern that bypassed
    ``config set`` (a hand-edited file) is refused before it can make a number that repeats.
    """
    parser = KEYS["letters.number_pattern"][0]
    try:
        pattern = parser(pattern)
    except ValueError as exc:
        raise LetterRefused("numbers", f"Pola nomor surat tidak sah: {exc}") from None
    return pattern.format(
        seq=f"{seq:04d}",
        counter=counter,
        office=office,
        roman_month=roman_month(day.month),
        month=f"{day.month:02d}",
        year=f"{day.year:04d}",
        kind=LETTER_KIND_CODES[LetterKind(kind)],
    )


# --------------------------------------------------------------------------------------------


def allocate_number(
    session: Session, settings: OfficeSettings, officer: Actor, kind: LetterKind, day: date
) -> str:
    """Take the next running number and make the letter number (never one already issued)."""
    pattern = settings.number_pattern or DEFAULT_LETTER_PATTERN
    name = SEQUENCE_NAME
    if "{kind}" in pattern:
        name = f"{SEQUENCE_NAME}:{LETTER_KIND_CODES[kind].lower()}"
    for _ in range(_NUMBER_ATTEMPTS):
        seq = next_value(session, officer.counter_id, name, day.year)
        number = format_letter_number(
            pattern,
            seq=seq,
            counter=officer.counter_id,
            office=officer.office_code,
            day=day,
            kind=kind,
        )
        if len(number) > 80:
            raise LetterRefused(
                "numbers", f"Nomor surat terlalu panjang ({len(number)} karakter, paling banyak 80)"
            )
        taken = session.exec(select(Letter.id).where(Letter.number == number)).first()
        if taken is None:
            return number
    raise LetterRefused("numbers", "Tidak ada nomor surat yang bebas; periksa pola nomor surat")


def issue_time(day: date) -> datetime:
    """Now, or - for a letter dated another day (tests, a backdated entry) - that day at the
    current local time, so the printed date and the number's month and year always agree."""
    now = utc_now()
    local = now.astimezone()
    if local.date() == day:
        return now
    return datetime.combine(day, local.timetz()).astimezone(now.tzinfo)
