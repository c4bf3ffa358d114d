"""The sealed file both kinds of bundle file share: its header, its encryption, its safe writing.

File layout (both kinds)::

    MAGIC (8 bytes "LTSABDL1") | header length (4 bytes, big endian) | header (UTF-8 JSON)
    | AES-256-GCM( zlib( body JSON ) ) with the 16-byte tag at the end

The header (kind, office code, database id, bundle id, time, item count, scrypt parameters and
salt, nonce) is not secret but is authenticated: the whole prefix is the AEAD's associated data,
so changing any byte anywhere makes the file fail to open.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import struct
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from sync.models import utc_now

MAGIC = b"LTSABDL1"
FORMAT_VERSION = 1
KIND_BUNDLE = "bundle"
KIND_RECEIPTS = "receipts"
KIND_WORDS = {KIND_BUNDLE: "bundel", KIND_RECEIPTS: "tanda terima"}

# scrypt: a human passphrase must cost a thief real work per guess (about 32 MiB and 0.1 s here).
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
# Parameters accepted when reading: a forged header must not make us burn gigabytes or minutes.
SCRYPT_N_RANGE = (2**14, 2**17)
MAX_HEADER_BYTES = 64 * 1024
MAX_FILE_BYTES = 1024 * 1024 * 1024


class BundleRefused(ValueError):
    """Not a genuine bundle or receipts file for us; the message says why, in plain words."""


@dataclass(frozen=True)
class Header:
    """The outside of a sealed file: readable without the secret, trusted only after opening."""

    kind: str
    bundle_id: str
    office_code: str
    database_id: str
    created_at: str
    count: int
    salt: bytes
    nonce: bytes
    scrypt_n: int
    scrypt_r: int
    scrypt_p: int

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "kind": self.kind,
            "bundle_id": self.bundle_id,
            "office_code": self.office_code,
            "database_id": self.database_id,
            "created_at": self.created_at,
            "items": self.count,
            "cipher": "AES-256-GCM",
            "kdf": {
                "name": "scrypt",
                "n": self.scrypt_n,
                "r": self.scrypt_r,
                "p": self.scrypt_p,
                "salt": base64.b64encode(self.salt).decode("ascii"),
            },
            "nonce": base64.b64encode(self.nonce).decode("ascii"),
        }


def derive_key(
    secret: str, salt: bytes, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> bytes:
    """A 256-bit key from the office's bundle secret (a passphrase) and the file's own salt."""
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret.encode("utf-8"))


class Sealer:
    """Derives the key once (scrypt is deliberately slow), then seals files quickly.

    Made before a database transaction opens, so the slow part never holds the write lock.
    """

    def __init__(self, secret: str) -> None:
        if not secret:
            raise ValueError("empty bundle secret")
        self.salt = secrets.token_bytes(16)
        self.key = derive_key(secret, self.salt)

    def seal(
        self,
        kind: str,
        body: dict[str, Any],
        *,
        bundle_id: str,
        office_code: str,
        database_id: str,
        count: int,
    ) -> bytes:
        header = Header(
            kind=kind,
            bundle_id=bundle_id,
            office_code=office_code,
            database_id=database_id,
            created_at=utc_now().isoformat(timespec="seconds"),
            count=count,
            salt=self.salt,
            nonce=secrets.token_bytes(12),
            scrypt_n=SCRYPT_N,
            scrypt_r=SCRYPT_R,
            scrypt_p=SCRYPT_P,
        )
        header_bytes = json.dumps(header.as_json(), sort_keys=True).encode("utf-8")
        prefix = MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
        plain = zlib.compress(
            json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8"), 6
        )
        return prefix + AESGCM(self.key).encrypt(header.nonce, plain, prefix)


def _split(data: bytes, name: str) -> tuple[bytes, dict[str, Any], bytes]:
    if len(data) < len(MAGIC) + 4 or not data.startswith(MAGIC):
        raise BundleRefused(f"{name} bukan berkas bundel atau tanda terima LTSA Desk")
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    end = len(MAGIC) + 4 + length
    if length > MAX_HEADER_BYTES or end > len(data):
        raise BundleRefused(f"{name} rusak: kepala berkas tidak utuh")
    try:
        header = json.loads(data[len(MAGIC) + 4 : end].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BundleRefused(f"{name} rusak: kepala berkas tidak terbaca") from None
    if not isinstance(header, dict):
        raise BundleRefused(f"{name} rusak: kepala berkas tidak terbaca")
    return data[:end], header, data[end:]


def read_header(data: bytes, name: str = "Berkas") -> Header:
    """The header, unauthenticated: enough to choose the secret and to say what the file is."""
    _prefix, raw, _rest = _split(data, name)
    try:
        kdf = raw["kdf"]
        header = Header(
            kind=str(raw["kind"]),
            bundle_id=str(raw["bundle_id"]),
            office_code=str(raw["office_code"]),
            database_id=str(raw["database_id"]),
            created_at=str(raw["created_at"]),
            count=int(raw["items"]),
            salt=base64.b64decode(kdf["salt"], validate=True),
            nonce=base64.b64decode(raw["nonce"], validate=True),
            scrypt_n=int(kdf["n"]),
            scrypt_r=int(kdf["r"]),
            scrypt_p=int(kdf["p"]),
        )
        supported = (
            raw.get("format") == FORMAT_VERSION
            and kdf.get("name") == "scrypt"
            and raw.get("cipher") == "AES-256-GCM"
        )
    except (KeyError, TypeError, ValueError):
        raise BundleRefused(f"{name} rusak: kepala berkas tidak lengkap") from None
    if not supported:
        raise BundleRefused(f"{name} dibuat dengan format yang tidak dikenal versi ini")
    if header.kind not in KIND_WORDS:
        raise BundleRefused(f"{name} bukan berkas bundel atau tanda terima LTSA Desk")
    low, high = SCRYPT_N_RANGE
    if (
        not low <= header.scrypt_n <= high
        or header.scrypt_n & (header.scrypt_n - 1)
        or header.scrypt_r != SCRYPT_R
        or header.scrypt_p != SCRYPT_P
        or len(header.salt) < 16
        or len(header.nonce) != 12
    ):
        raise BundleRefused(f"{name} rusak: parameter kunci tidak wajar")
    return header


def open_sealed(
    data: bytes, secret: str, kind: str, name: str = "Berkas"
) -> tuple[Header, dict[str, Any]]:
    """Check and decrypt; any changed byte, a wrong secret or the wrong kind is refused."""
    header = read_header(data, name)
    if header.kind != kind:
        raise BundleRefused(
            f"{name} adalah berkas {KIND_WORDS[header.kind]}, bukan {KIND_WORDS[kind]}"
        )
    prefix, _raw, sealed = _split(data, name)
    key = derive_key(secret, header.salt, n=header.scrypt_n, r=header.scrypt_r, p=header.scrypt_p)
    try:
        plain = AESGCM(key).decrypt(header.nonce, sealed, prefix)
    except InvalidTag:
        raise BundleRefused(
            f"{name} ditolak: keasliannya tidak bisa dibuktikan. Berkas ini telah diubah, rusak, "
            f"atau dibuat dengan rahasia bundel yang berbeda dari yang tersimpan di komputer ini"
        ) from None
    try:
        body = json.loads(zlib.decompress(plain).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        raise BundleRefused(f"{name} rusak: isi tidak terbaca") from None
    if not isinstance(body, dict):
        raise BundleRefused(f"{name} rusak: isi tidak sesuai format")
    return header, body


def write_atomically(path: Path, data: bytes) -> Path:
    """Write beside the target and rename over it: a pulled USB stick leaves the old file or none.

    Returns the temporary file, already flushed to disk; the caller renames it with `finish`.
    """
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return temporary


def finish(temporary: Path, path: Path) -> None:
    os.replace(temporary, path)


def read_file(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BundleRefused(f"{path.name} terlalu besar untuk sebuah bundel ({size} bita)")
    return path.read_bytes()
