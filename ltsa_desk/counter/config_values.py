"""How a configuration value is judged: the parsers behind ``config set`` and every read.

Each turns the text a technician types into the stored value, or raises ``ValueError`` with the
words that say what the value should look like; :mod:`ltsa_desk.counter.config` names the key.
Apart from the configuration file's handling so that the table of keys reads as one list.
"""

from __future__ import annotations

import ctypes
import os
import string
import uuid
from pathlib import Path

from ltsa_desk.domain.regions import default_regions, normalize_regency_code


def parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "ya", "on"}:
        return True
    if lowered in {"0", "false", "no", "tidak", "off"}:
        return False
    raise ValueError("harus true atau false")


def validate_counter_id(value: str) -> str:
    value = value.strip().upper()
    if not value or len(value) > 20:
        raise ValueError("harus 1 sampai 20 karakter, misalnya LOTIM-01")
    if not all(ch.isalnum() or ch == "-" for ch in value) or value.startswith("-"):
        raise ValueError("hanya huruf, angka dan tanda '-', misalnya LOTIM-01")
    return value


def validate_url(value: str) -> str:
    value = value.strip().rstrip("/")
    if not value.startswith(("http://", "https://")):
        raise ValueError("harus diawali http:// atau https://")
    return value


def validate_language(value: str) -> str:
    value = value.strip().lower()
    if value not in {"id", "en"}:
        raise ValueError("harus id (Bahasa Indonesia) atau en (English)")
    return value


def validate_database_url(value: str) -> str:
    """SQLAlchemy's own URL parser, imported here: every verb reads this module, and SQLAlchemy
    costs a third of a second that `--version` or `config show` never need (issue 19)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(value.strip())
    except ArgumentError as exc:
        raise ValueError("bukan URL basis data yang sah") from exc
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ValueError("harus URL sqlite:/// atau postgresql+psycopg://")
    if url.password:
        raise ValueError("kata sandi tidak boleh ditulis di konfigurasi; simpan di keyring")
    return url.render_as_string(hide_password=False)


SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def validate_sslmode(value: str) -> str:
    """libpq's sslmode; empty means libpq's own default (prefer)."""
    value = value.strip().lower()
    if value and value not in SSL_MODES:
        raise ValueError(f"harus salah satu dari: {', '.join(SSL_MODES)}")
    return value


def validate_cert_path(value: str) -> str:
    """The office CA's certificate (PEM) that signed the server's certificate (verify-ca/-full)."""
    value = value.strip()
    if value and not Path(value).expanduser().is_file():
        raise ValueError(f"berkas sertifikat tidak ditemukan: {value}")
    return value


def validate_uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise ValueError("harus UUID, misalnya 0b6f1c52-4a8e-4c1e-9d55-2f0c7c1c9a10") from None


def validate_office_code(value: str) -> str:
    """An office is a current regency: the code must be in the bundled Kemendagri table."""
    code = normalize_regency_code(value)
    if default_regions().regency(code) is None:
        raise ValueError(f"kode kabupaten/kota {code} tidak dikenal (contoh: 52.03)")
    return code


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError("harus bilangan bulat positif") from None
    if number <= 0:
        raise ValueError("harus bilangan bulat positif")
    return number


def seconds(low: float, high: float):  # type: ignore[no-untyped-def]
    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"harus angka detik antara {low:g} dan {high:g}") from None
        if not low <= number <= high:
            raise ValueError(f"harus angka detik antara {low:g} dan {high:g}")
        return number

    return parse


#: Placeholders a letter number pattern may use (see ltsa_desk/services/letters.py).
LETTER_NUMBER_FIELDS = frozenset(
    {"seq", "counter", "office", "roman_month", "month", "year", "kind"}
)
# Without these three a number could repeat: at another counter, in another year, or at all.
LETTER_NUMBER_REQUIRED = ("seq", "counter", "year")
DEFAULT_LETTER_PATTERN = "562/{seq}/LTSA-{counter}/{roman_month}/{year}"


def validate_letter_pattern(value: str) -> str:
    """A letter number pattern such as 562/{seq}/LTSA-{counter}/{roman_month}/{year}.

    Checked when the technician sets it, not when an officer prints: a pattern that could repeat
    a number (no {seq}, {counter} or {year}) would otherwise only fail at the counter.
    """
    value = value.strip()
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in string.Formatter().parse(value)
            if name is not None
        ]
    except ValueError as exc:
        raise ValueError(
            f"pola nomor tidak sah ({exc}); contoh: {DEFAULT_LETTER_PATTERN}"
        ) from None
    names = {name for name, _, _ in fields}
    unknown = sorted(names - LETTER_NUMBER_FIELDS)
    if unknown or any(spec or conv for _, spec, conv in fields):
        known = ", ".join("{" + n + "}" for n in sorted(LETTER_NUMBER_FIELDS))
        raise ValueError(f"isian tidak dikenal dalam pola nomor; yang boleh: {known}")
    missing = [n for n in LETTER_NUMBER_REQUIRED if n not in names]
    if missing:
        need = ", ".join("{" + n + "}" for n in missing)
        raise ValueError(f"pola nomor harus memuat {need} agar nomor tidak pernah berulang")
    return value


def validate_nip(value: str) -> str:
    """NIP of a civil servant: 18 digits (spaces as printed on letters are accepted)."""
    digits = "".join(value.split())
    if digits and (len(digits) != 18 or not digits.isdigit()):
        raise ValueError("NIP harus 18 angka, misalnya 19750512 200003 1 002")
    return digits


def validate_logo(value: str) -> str:
    """A logo file on this PC. A network path is refused: on Windows merely opening
    ``\\\\host\\share\\logo.png`` makes the PC sign in to that host with the Windows account's
    password hash, which the host can then crack or relay."""
    value = value.strip()
    lowered = value.replace("\\", "/").lower()
    if (
        lowered.startswith(("//", "/??/"))  # \\host, \\?\UNC, \\.\, and NT's own \??\UNC
        or "://" in lowered
        or lowered.startswith("file:")
        or on_network_drive(value)
    ):
        raise ValueError("logo harus berkas di PC ini, bukan alamat jaringan (\\\\server\\...)")
    if value and Path(value).suffix.lower() not in {".png", ".jpg", ".jpeg", ".svg"}:
        raise ValueError("logo harus berkas PNG, JPEG atau SVG")
    return value


DRIVE_REMOTE = 4
"""GetDriveTypeW's answer for a drive letter mapped to a share (``net use Z: \\\\srv\\s``)."""


def on_network_drive(path: str) -> bool:
    """Windows: whether ``path`` starts with a drive letter mapped to a share. Opening a file
    there signs in to that host as a UNC path does; checked at every reading of the setting,
    because a drive may be mapped after the logo was chosen."""
    if os.name != "nt" or len(path) < 2 or path[1] != ":" or not path[0].isalpha():
        return False
    drive_type = ctypes.windll.kernel32.GetDriveTypeW(f"{path[0]}:\\")  # type: ignore[attr-defined]
    return bool(drive_type == DRIVE_REMOTE)


def minutes(low: int, high: int):  # type: ignore[no-untyped-def]
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"harus bilangan bulat menit antara {low} dan {high}") from None
        if not low <= number <= high:
            raise ValueError(f"harus bilangan bulat menit antara {low} dan {high}")
        return number

    return parse
