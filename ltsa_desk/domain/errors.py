"""Validation errors shared by the domain rules.

Every validator raises a subclass of FieldValueError, which is a ValueError, so callers that only
know "bad input" can catch ValueError. The UI shows ``str(error)`` (Indonesian, names the field and
what is wrong) next to the widget named by ``field``; services and tests branch on ``reason``,
a stable machine code that does not change when the wording does.
"""

from __future__ import annotations


class FieldValueError(ValueError):
    """A user-typed value is wrong; the message is Indonesian and safe to show at the counter."""

    field: str = ""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason

    def __reduce__(self) -> tuple[type[FieldValueError], tuple[str, str]]:
        """Keep reason when pickled (errors may cross a thread or process boundary)."""
        return (type(self), (self.message, self.reason))


class InvalidNik(FieldValueError):
    """The NIK (Nomor Induk Kependudukan) cannot be right."""

    field = "nik"


class InvalidKk(FieldValueError):
    """The Kartu Keluarga number cannot be right."""

    field = "kk"


class InvalidPhone(FieldValueError):
    """The phone number is not an Indonesian number we can dial."""

    field = "phone"


class InvalidRegionCode(FieldValueError):
    """A typed region code (e.g. the office's regency) is malformed or unknown."""

    field = "region"
