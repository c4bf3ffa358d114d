"""The database key: where it lives (the OS keyring), its sealed copy, and keys derived from it.

Why a random raw key and not a password: SQLCipher then needs no key derivation on every
connection (a raw 256-bit key is used as is), and there is nothing for an officer to forget. The
key lives only in the OS keyring of the counter's Windows account (service ``ltsa-desk``, user
``db-key@<database id>``, as DESIGN.md names per-database keys), as 64 hex characters; reading and
storing it is :mod:`ltsa_desk.counter.keyring_home`'s, the one home of the app's secrets. This
module is the key's cryptography: the sealed copy, and the keys derived from it.

Why a sealed copy: a keyring dies with its PC or its Windows account; without a second copy the
registry would die with it. The sealed copy sits beside the database (``ltsa.key.sealed``), AES-GCM
encrypted under a key that scrypt derives from the printed recovery key, so it is useless without
the paper and harmless in a backup. Its associated data binds it to its database id, so a copy
from another counter is refused instead of "recovering" the wrong key.

The attachments key is not stored anywhere: it is derived from the database key with HKDF, so one
recovery brings back both, and the attachment files can never be opened with the database key
itself (the two keys are cryptographically separated by HKDF's ``info``).
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ltsa_desk.store.attachments import atomic_write
from ltsa_desk.store.problems import DatabaseProblem
from ltsa_desk.store.recovery_key import RecoveryKey

DB_KEY_PURPOSE = "db-key"
"""The keyring entry's purpose (``db-key@<database id>``, ``counter.keyring_home``): part of the
sealed copy's binding (its associated data), so it never changes."""
KEY_BYTES = 32

SEALED_FORMAT = "ltsa-desk-sealed-key"
SEALED_VERSION = 1
# scrypt with N=2^15, r=8 (32 MiB, ~0.1 s on a cheap PC): the recovery key already carries 140
# random bits, so this is a second wall, not the first. Stored per file so it can grow later.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1


class SealedKeyProblem(DatabaseProblem):
    """The sealed key file is missing, damaged or belongs to another database."""


class WrongRecoveryKey(DatabaseProblem):
    """The recovery key does not open the sealed key (well-formed, but not this one)."""


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def attachments_key(database_key: bytes, database_id: str) -> bytes:
    """The AES-256 key of the attachment files, derived (HKDF-SHA256) from the database key."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=database_id.encode("ascii"),
        info=b"ltsa-desk attachments v1",
    ).derive(database_key)


# --- the sealed copy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealedKey:
    """The content of ``ltsa.key.sealed`` (JSON); nothing in it is secret without the paper."""

    database_id: str
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P
    created_at: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": SEALED_FORMAT,
                "version": SEALED_VERSION,
                "database_id": self.database_id,
                "created_at": self.created_at,
                "kdf": {
                    "name": "scrypt",
                    "n": self.n,
                    "r": self.r,
                    "p": self.p,
                    "salt": _b64(self.salt),
                },
                "cipher": "AES-256-GCM",
                "nonce": _b64(self.nonce),
                "ciphertext": _b64(self.ciphertext),
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> SealedKey:
        raw = json.loads(text)
        if not isinstance(raw, dict) or raw.get("format") != SEALED_FORMAT:
            raise ValueError("bukan berkas kunci tersegel LTSA Desk")
        if raw.get("version") != SEALED_VERSION:
            raise ValueError(f"versi {raw.get('version')!r} tidak dikenal versi aplikasi ini")
        kdf = raw["kdf"]
        if kdf.get("name") != "scrypt" or raw.get("cipher") != "AES-256-GCM":
            raise ValueError("algoritma tidak dikenal")
        return cls(
            database_id=str(raw["database_id"]),
            salt=_unb64(kdf["salt"]),
            nonce=_unb64(raw["nonce"]),
            ciphertext=_unb64(raw["ciphertext"]),
            n=int(kdf["n"]),
            r=int(kdf["r"]),
            p=int(kdf["p"]),
            created_at=str(raw.get("created_at", "")),
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("bukan base64")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _aad(database_id: str) -> bytes:
    return f"{SEALED_FORMAT} v{SEALED_VERSION} {DB_KEY_PURPOSE}@{database_id}".encode()


def _kek(recovery: RecoveryKey, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(
        recovery.secret.encode("ascii")
    )


def seal(database_key: bytes, database_id: str, recovery: RecoveryKey) -> SealedKey:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = _kek(recovery, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    ciphertext = AESGCM(kek).encrypt(nonce, database_key, _aad(database_id))
    return SealedKey(
        database_id=database_id,
        salt=salt,
        nonce=nonce,
        ciphertext=ciphertext,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def unseal(sealed: SealedKey, recovery: RecoveryKey) -> bytes:
    if not (2**10 <= sealed.n <= 2**22 and 1 <= sealed.r <= 32 and 1 <= sealed.p <= 16):
        raise SealedKeyProblem("Berkas kunci tersegel memuat parameter scrypt yang tidak wajar")
    kek = _kek(recovery, sealed.salt, sealed.n, sealed.r, sealed.p)
    try:
        key = AESGCM(kek).decrypt(sealed.nonce, sealed.ciphertext, _aad(sealed.database_id))
    except InvalidTag:
        raise WrongRecoveryKey(
            "Kunci pemulihan salah: tidak cocok dengan salinan kunci tersegel basis data ini "
            "(ketikannya sah, tetapi ini kunci pemulihan lain atau berkas kunci tersegel diubah). "
            "Periksa apakah kertas kunci pemulihan milik loket dan basis data ini."
        ) from None
    if len(key) != KEY_BYTES:
        raise SealedKeyProblem("Berkas kunci tersegel rusak (panjang kunci salah)")
    return key


def write_sealed(path: Path, sealed: SealedKey) -> None:
    """Atomic and durable: a crash leaves the old sealed copy or the new one, never half."""
    atomic_write(path, [sealed.to_json().encode("utf-8")])


def read_sealed(path: Path) -> SealedKey:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SealedKeyProblem(
            f"Salinan kunci tersegel tidak ada: {path}. Salin berkas itu (ada di samping basis "
            "data pada PC lama, dan di cadangan) ke folder ini, lalu ulangi."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SealedKeyProblem(f"Salinan kunci tersegel {path} tidak bisa dibaca: {exc}") from exc
    try:
        return SealedKey.from_json(text)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise SealedKeyProblem(f"Salinan kunci tersegel {path} rusak: {exc}") from exc
