"""The seal of ``config.toml``: an HMAC over the file with a key only the counter's account holds.

Why: ``config.toml`` lives in a data folder every local Windows user may write (README, "Who
shares the PC"). A value written there by hand (a destination URL of someone else's, a longer idle
lock) must not be used; the file is changed only through LTSA Desk's own writer
(:meth:`ltsa_desk.counter.config.Config.save`: ``config set``, the settings page, the wizard,
``init``), which seals what it writes.

Where the seal lives: the file's last line, a TOML comment ``# ltsa-desk-mac v1 <64 hex>``, so the
file and its seal are written in one atomic replace (never a new file with an old seal after a
crash) and travel together into backups. The MAC is HMAC-SHA256 over every byte before that line.

Where the key lives: the OS keyring of the counter's Windows account (service ``ltsa-desk``, user
``config-mac``: :mod:`ltsa_desk.counter.keyring_home`), one key per account for all its data
folders. A different local user has no
access to that keyring, so cannot make a seal that matches. The first start of an account with no
such key yet (an upgrade from a version without seals, or a data folder carried to a new PC)
adopts the file as it is, once; afterwards an unsealed or changed file is refused.

This module knows nothing of the configuration's values; :mod:`ltsa_desk.counter.config` turns its
answers into messages. keyring is imported on first use (by the keyring home): ``--version``
never needs it (issue 19).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from ltsa_desk.counter import keyring_home

KEY_BYTES = 32
_DOMAIN = b"ltsa-desk config.toml v1\x00"
_PREFIX = b"# ltsa-desk-mac v1 "
_TRAILER = re.compile(rb"# ltsa-desk-mac v1 ([0-9a-f]{64})\r?\n?")
_HEX_KEY = re.compile(r"[0-9a-f]{64}")
_NO_KEYRING = "tidak ada keyring (penyimpanan kredensial) di komputer ini"


class SealKeyringError(Exception):
    """No usable keyring, or it refused: the seal can be neither made nor checked."""


def _stored_key() -> str | None:
    try:
        return keyring_home.read_seal_key()
    except keyring_home.NoKeyring:
        raise SealKeyringError(_NO_KEYRING) from None
    except keyring_home.KeyringRefused as exc:
        raise SealKeyringError(f"keyring tidak bisa dibaca: {exc}") from exc


def find_key() -> bytes | None:
    """The account's seal key, or None when it has none yet. A damaged entry is treated as a
    keyring problem, never replaced silently (that would bless whatever the file says)."""
    stored = _stored_key()
    if stored is None:
        return None
    text = stored.strip().lower()
    if _HEX_KEY.fullmatch(text) is None:
        raise SealKeyringError(
            f"entri keyring {keyring_home.SERVICE} / {keyring_home.SEAL_KEY_ENTRY} rusak"
        )
    return bytes.fromhex(text)


def key_for_sealing() -> tuple[bytes, bool]:
    """The account's key, made and stored first when there is none; (key, made now)."""
    key = find_key()
    if key is not None:
        return key, False
    key = secrets.token_bytes(KEY_BYTES)
    try:
        keyring_home.write_seal_key(key.hex())
    except keyring_home.NoKeyring:
        raise SealKeyringError(_NO_KEYRING) from None
    except keyring_home.KeyringRefused as exc:
        raise SealKeyringError(f"keyring menolak menyimpan kunci: {exc}") from exc
    if find_key() != key:
        raise SealKeyringError("keyring tidak menyimpan kunci dengan benar")
    return key, True


def mac(key: bytes, body: bytes) -> str:
    return hmac.new(key, _DOMAIN + body, hashlib.sha256).hexdigest()


def sealed(body: bytes, key: bytes) -> bytes:
    """``body`` with its seal line appended (``body`` ends with a newline, as TOML output does)."""
    if body and not body.endswith(b"\n"):
        body += b"\n"
    return body + _PREFIX + mac(key, body).encode("ascii") + b"\n"


def split(data: bytes) -> tuple[bytes, str | None]:
    """(body, MAC written in the file) ; the MAC is None when the last line is not a seal."""
    cut = data.rfind(_PREFIX)
    if cut < 0 or (cut > 0 and data[cut - 1 : cut] != b"\n"):
        return data, None
    match = _TRAILER.fullmatch(data[cut:])
    if match is None:
        return data, None
    return data[:cut], match.group(1).decode("ascii")


def intact(data: bytes, key: bytes) -> bool:
    """Whether the file ends with a seal line that this key made for exactly these bytes."""
    body, written = split(data)
    return written is not None and hmac.compare_digest(written, mac(key, body))
