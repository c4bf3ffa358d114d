"""The USB bundle: the queue carried by hand when an office's line stays down for days.

Three steps, three machines' worth of trust:

1. **Export** (the counter): every item that could leave now goes into one file, with the receipts
   of the dependencies already delivered. The file is encrypted and authenticated (AES-256-GCM,
   key from the office's bundle secret through scrypt with a random salt), and bound to its origin:
   the office code and database id are in the authenticated header. The exported items are marked
   `look_up_first` in the same transaction that makes the file final, so from then on the counter
   itself never sends them blind: the other copy may already have arrived.
2. **Upload** (any machine with a line, the destinations' credentials and the secret): the items
   are loaded into a private in-memory queue and sent by the real `SyncEngine` (same claims, same
   chain order, same dependency completion, same verdicts), never blind: each one is looked up by
   client reference first. The verdicts go into a receipts file sealed the same way.
3. **Import** (the counter): the receipts are checked (authentic, for this database) and written
   through `ledger.record`, so the application's delivery hook runs as for any delivery.

Keys never change, so an item the counter sent meanwhile is found by the look-up, never applied
twice, even by a remote that ignores `Idempotency-Key`.

File layout (both kinds)::

    MAGIC (8 bytes "LTSABDL1") | header length (4 bytes, big endian) | header (UTF-8 JSON)
    | AES-256-GCM( zlib( body JSON ) ) with the 16-byte tag at the end

The header (kind, office code, database id, bundle id, time, item count, scrypt parameters and
salt, nonce) is not secret but is authenticated: the whole prefix is the AEAD's associated data,
so changing any byte anywhere makes the file fail to open.

Nothing here imports the application: the caller gives the secret, the destinations and the hook.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sqlite3
import struct
import uuid
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import Engine, create_engine, update
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, SQLModel, col, select

from sync import ledger
from sync.engine import DestinationConfig, EngineEvent, EngineHooks, EngineSettings, SyncEngine
from sync.ledger import DeliveredItem
from sync.models import (
    BLOCKING_STATES,
    OPEN_STATES,
    DestinationState,
    ItemState,
    Outage,
    OutboxItem,
    utc_now,
)

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

# The states a receipt may tell for an item.
DELIVERED = ItemState.DELIVERED.value
REFUSED = ItemState.NEEDS_ATTENTION.value
WAITING = ItemState.PENDING.value


class BundleRefused(ValueError):
    """Not a genuine bundle or receipts file for us; the message says why, in plain words."""


# --- the sealed container ----------------------------------------------------------------------


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


# --- what travels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleItem:
    """One outbox item exactly as queued: its key and payload never change."""

    key: str
    destination: str
    kind: str
    payload: str
    chain: str
    position: int
    depends_on: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "destination": self.destination,
            "kind": self.kind,
            "payload": self.payload,
            "chain": self.chain,
            "position": self.position,
            "depends_on": self.depends_on,
        }


@dataclass(frozen=True)
class KnownReceipt:
    """A dependency delivered before the export: its receipt completes the dependent's payload."""

    key: str
    destination: str
    kind: str
    chain: str
    position: int
    receipt: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "destination": self.destination,
            "kind": self.kind,
            "chain": self.chain,
            "position": self.position,
            "receipt": self.receipt,
        }


@dataclass(frozen=True)
class Bundle:
    bundle_id: str
    office_code: str
    database_id: str
    created_at: str
    exported_by: str
    counter_id: str
    items: list[BundleItem]
    dependencies: list[KnownReceipt] = field(default_factory=list)

    def body(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "office_code": self.office_code,
            "database_id": self.database_id,
            "created_at": self.created_at,
            "exported_by": self.exported_by,
            "counter_id": self.counter_id,
            "items": [item.as_json() for item in self.items],
            "dependencies": [dep.as_json() for dep in self.dependencies],
        }

    def seal(self, sealer: Sealer) -> bytes:
        return sealer.seal(
            KIND_BUNDLE,
            self.body(),
            bundle_id=self.bundle_id,
            office_code=self.office_code,
            database_id=self.database_id,
            count=len(self.items),
        )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _check_same(header: Header, body: dict[str, Any], name: str) -> None:
    """The body repeats the header's identity; both are authenticated, but they must agree."""
    for field_name in ("bundle_id", "office_code", "database_id"):
        if body.get(field_name) != getattr(header, field_name):
            raise BundleRefused(f"{name} rusak: identitas di dalam dan di luar berkas berbeda")


def open_bundle(data: bytes, secret: str, name: str = "Bundel") -> Bundle:
    header, body = open_sealed(data, secret, KIND_BUNDLE, name)
    _check_same(header, body, name)
    try:
        items = [
            BundleItem(
                key=_text(raw["key"]),
                destination=_text(raw["destination"]),
                kind=_text(raw["kind"]),
                payload=_text(raw["payload"]),
                chain=_text(raw["chain"]),
                position=int(raw["position"]),
                depends_on=_optional_text(raw.get("depends_on")),
            )
            for raw in body["items"]
        ]
        dependencies = [
            KnownReceipt(
                key=_text(raw["key"]),
                destination=_text(raw["destination"]),
                kind=_text(raw["kind"]),
                chain=_text(raw["chain"]),
                position=int(raw["position"]),
                receipt=dict(raw["receipt"]),
            )
            for raw in body.get("dependencies") or []
        ]
        bundle = Bundle(
            bundle_id=header.bundle_id,
            office_code=header.office_code,
            database_id=header.database_id,
            created_at=_text(body["created_at"]),
            exported_by=_text(body.get("exported_by") or ""),
            counter_id=_text(body.get("counter_id") or ""),
            items=items,
            dependencies=dependencies,
        )
    except (KeyError, TypeError, ValueError):
        raise BundleRefused(f"{name} rusak: isi tidak sesuai format") from None
    if len(items) != header.count or len({item.key for item in items}) != len(items):
        raise BundleRefused(f"{name} rusak: daftar kiriman tidak utuh")
    return bundle


# --- export: choosing the items --------------------------------------------------------------


def select_exportable(session: Session) -> tuple[list[OutboxItem], list[OutboxItem]]:
    """Items that could leave now, and the delivered dependencies whose receipts they need.

    An open item is exportable when nothing earlier in its chain holds it back for the officer
    (a refused item), and its dependency is delivered or travels in the same bundle. Dropping an
    item drops the later items of its chain too: the chain leaves in order or not at all.
    """
    rows = list(
        session.exec(
            select(OutboxItem)
            .where(col(OutboxItem.state).in_(BLOCKING_STATES))
            .order_by(col(OutboxItem.seq))
        ).all()
    )
    chosen: dict[str, OutboxItem] = {item.key: item for item in rows if item.state in OPEN_STATES}
    # The lowest position in each chain from which nothing may go (a refused or paused item).
    stop_at: dict[str, int] = {}

    def stop(chain: str, position: int) -> None:
        stop_at[chain] = min(stop_at.get(chain, position), position)

    for item in rows:
        if item.state not in OPEN_STATES:
            stop(item.chain, item.chain_position)
    delivered_deps: dict[str, OutboxItem] = {}
    wanted = {item.depends_on for item in chosen.values() if item.depends_on} - set(chosen)
    if wanted:
        for dep in session.exec(
            select(OutboxItem).where(
                col(OutboxItem.key).in_(sorted(wanted)),
                OutboxItem.state == ItemState.DELIVERED.value,
            )
        ).all():
            delivered_deps[dep.key] = dep
    changed = True
    while changed:
        changed = False
        for key, item in list(chosen.items()):
            blocked = item.chain in stop_at and item.chain_position > stop_at[item.chain]
            dependency_missing = (
                item.depends_on is not None
                and item.depends_on not in chosen
                and item.depends_on not in delivered_deps
            )
            if blocked or dependency_missing:
                del chosen[key]
                stop(item.chain, item.chain_position)
                changed = True
    items = sorted(chosen.values(), key=lambda item: item.seq or 0)
    needed = {item.depends_on for item in items if item.depends_on}
    dependencies = [dep for key, dep in delivered_deps.items() if key in needed]
    return items, dependencies


def bundle_item(item: OutboxItem) -> BundleItem:
    return BundleItem(
        key=item.key,
        destination=item.destination,
        kind=item.kind,
        payload=item.payload,
        chain=item.chain,
        position=item.chain_position,
        depends_on=item.depends_on,
    )


def known_receipt(item: OutboxItem) -> KnownReceipt:
    receipt = json.loads(item.receipt) if item.receipt else {}
    return KnownReceipt(
        key=item.key,
        destination=item.destination,
        kind=item.kind,
        chain=item.chain,
        position=item.chain_position,
        receipt=dict(receipt) if isinstance(receipt, dict) else {},
    )


def mark_look_up_first(session: Session, keys: Iterable[str]) -> int:
    """From now on these items are looked up before any send: another copy is on its way."""
    total = 0
    batch: list[str] = []

    def flush() -> None:
        nonlocal total
        if batch:
            result = session.exec(
                update(OutboxItem)
                .where(col(OutboxItem.key).in_(batch))
                .values(look_up_first=True, updated_at=utc_now())
            )
            total += int(result.rowcount or 0)
            batch.clear()

    for key in keys:
        batch.append(key)
        if len(batch) >= 500:
            flush()
    flush()
    return total


# --- upload: delivering through the real engine ------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What became of one bundle item on the uploading machine."""

    key: str
    destination: str
    kind: str
    state: str  # delivered, needs_attention (refused by the remote), pending (not sent)
    receipt: dict[str, Any] | None = None
    reason: str | None = None
    status: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "destination": self.destination,
            "kind": self.kind,
            "state": self.state,
            "receipt": self.receipt,
            "reason": self.reason,
            "status": self.status,
        }


def _staging_engine() -> Engine:
    """A private in-memory queue: the payloads (names, NIKs) never touch the uploader's disk.

    One SQLite connection serves every thread of the engine, one transaction at a time: the pool
    holds exactly that connection, so a second session waits for the first to finish.
    """
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    engine = create_engine(
        "sqlite://",
        creator=lambda: connection,
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=300,
        hide_parameters=True,
    )
    tables = [OutboxItem.__table__, DestinationState.__table__, Outage.__table__]
    SQLModel.metadata.create_all(engine, tables=tables)  # type: ignore[arg-type]
    return engine


def _load(engine: Engine, bundle: Bundle) -> None:
    now = utc_now()
    with Session(engine) as session:
        for dep in bundle.dependencies:
            session.add(
                OutboxItem(
                    key=dep.key,
                    destination=dep.destination,
                    kind=dep.kind,
                    payload="{}",
                    chain=dep.chain,
                    chain_position=dep.position,
                    state=ItemState.DELIVERED.value,
                    attempts=1,
                    look_up_first=True,
                    receipt=json.dumps(dep.receipt, ensure_ascii=False, sort_keys=True),
                    delivered_at=now,
                )
            )
        for item in bundle.items:
            session.add(
                OutboxItem(
                    key=item.key,
                    destination=item.destination,
                    kind=item.kind,
                    payload=item.payload,
                    chain=item.chain,
                    chain_position=item.position,
                    depends_on=item.depends_on,
                    state=ItemState.PENDING.value,
                    # Never blind: the counter may have sent it already, or a copy went before.
                    look_up_first=True,
                    next_attempt_at=now,
                )
            )
        session.commit()


def deliver(
    bundle: Bundle,
    destinations: list[DestinationConfig],
    *,
    settings: EngineSettings | None = None,
    timeout_s: float = 900.0,
    owner: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Outcome]:
    """Send a bundle's items through the sync engine and tell what became of each one.

    Items whose destination is not configured here, or that could not leave before the timeout
    (line down, credentials refused), come back as `pending` with the reason: the counter keeps
    them, and they still never leave blind.
    """
    engine = _staging_engine()
    try:
        _load(engine, bundle)
        sync_engine = SyncEngine(
            engine,
            destinations,
            hooks=EngineHooks(),
            settings=settings or EngineSettings(),
            owner=owner or f"bundle:{bundle.bundle_id[:8]}",
        )
        total = len(bundle.items)
        delivered = 0

        def listen(event: EngineEvent) -> None:
            nonlocal delivered
            if event.kind == "batch" and progress is not None:
                delivered += int(event.detail.get("delivered") or 0)
                progress(delivered, total)

        sync_engine.add_listener(listen)
        finished = bool(destinations) and sync_engine.run_until_empty(timeout_s, poll_s=0.2)
        return _outcomes(engine, bundle, {d.name for d in destinations}, finished, timeout_s)
    finally:
        engine.dispose()


def _outcomes(
    engine: Engine, bundle: Bundle, configured: set[str], finished: bool, timeout_s: float
) -> list[Outcome]:
    with Session(engine) as session:
        rows = {
            item.key: item
            for item in session.exec(
                select(OutboxItem).where(
                    col(OutboxItem.key).in_([item.key for item in bundle.items])
                )
            ).all()
        }
        paused = {
            state.destination: state.paused_reason
            for state in session.exec(select(DestinationState)).all()
            if state.paused
        }
    outcomes = []
    for item in bundle.items:
        row = rows[item.key]
        receipt = json.loads(row.receipt) if row.receipt else None
        if row.state == DELIVERED:
            outcomes.append(
                Outcome(
                    item.key, item.destination, item.kind, DELIVERED, receipt, None, row.last_status
                )
            )
        elif row.state == REFUSED:
            outcomes.append(
                Outcome(
                    item.key,
                    item.destination,
                    item.kind,
                    REFUSED,
                    None,
                    row.last_error,
                    row.last_status,
                )
            )
        else:
            if item.destination not in configured:
                reason = f"tujuan {item.destination} belum diatur di komputer pengunggah"
            elif item.destination in paused:
                reason = f"kredensial ditolak di komputer pengunggah: {paused[item.destination]}"
            elif not finished:
                reason = f"belum terkirim dalam {timeout_s:g} detik" + (
                    f" ({row.last_error})" if row.last_error else ""
                )
            else:
                reason = row.last_error or "belum terkirim"
            outcomes.append(
                Outcome(
                    item.key, item.destination, item.kind, WAITING, None, reason, row.last_status
                )
            )
    return outcomes


# --- receipts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipts:
    """The uploader's word on a bundle, for the counter it came from."""

    bundle_id: str
    office_code: str  # of the origin counter
    database_id: str  # of the origin counter
    uploaded_at: str
    uploaded_by: str
    uploader: str  # the uploading machine: office code and counter id
    outcomes: list[Outcome]

    def body(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "office_code": self.office_code,
            "database_id": self.database_id,
            "uploaded_at": self.uploaded_at,
            "uploaded_by": self.uploaded_by,
            "uploader": self.uploader,
            "outcomes": [outcome.as_json() for outcome in self.outcomes],
        }

    def seal(self, sealer: Sealer) -> bytes:
        return sealer.seal(
            KIND_RECEIPTS,
            self.body(),
            bundle_id=self.bundle_id,
            office_code=self.office_code,
            database_id=self.database_id,
            count=len(self.outcomes),
        )

    def counts(self) -> dict[str, int]:
        found = {DELIVERED: 0, REFUSED: 0, WAITING: 0}
        for outcome in self.outcomes:
            found[outcome.state] = found.get(outcome.state, 0) + 1
        return found


def open_receipts(data: bytes, secret: str, name: str = "Tanda terima") -> Receipts:
    header, body = open_sealed(data, secret, KIND_RECEIPTS, name)
    _check_same(header, body, name)
    try:
        outcomes = []
        for raw in body["outcomes"]:
            state = _text(raw["state"])
            if state not in (DELIVERED, REFUSED, WAITING):
                raise ValueError(state)
            receipt = raw.get("receipt")
            outcomes.append(
                Outcome(
                    key=_text(raw["key"]),
                    destination=_text(raw["destination"]),
                    kind=_text(raw["kind"]),
                    state=state,
                    receipt=None if receipt is None else dict(receipt),
                    reason=_optional_text(raw.get("reason")),
                    status=None if raw.get("status") is None else int(raw["status"]),
                )
            )
        receipts = Receipts(
            bundle_id=header.bundle_id,
            office_code=header.office_code,
            database_id=header.database_id,
            uploaded_at=_text(body["uploaded_at"]),
            uploaded_by=_text(body.get("uploaded_by") or ""),
            uploader=_text(body.get("uploader") or ""),
            outcomes=outcomes,
        )
    except (KeyError, TypeError, ValueError):
        raise BundleRefused(f"{name} rusak: isi tidak sesuai format") from None
    if len(outcomes) != header.count or len({o.key for o in outcomes}) != len(outcomes):
        raise BundleRefused(f"{name} rusak: daftar kiriman tidak utuh")
    return receipts


# --- import: writing the receipts back -------------------------------------------------------


@dataclass
class Applied:
    """What importing receipts did, item by item class."""

    delivered: int = 0  # now delivered with the remote's receipt
    already_delivered: int = 0  # the counter had delivered it meanwhile: left as it was
    refused: int = 0  # now needs attention with the remote's reason
    still_waiting: int = 0  # not sent by the uploader: still waits here, looked up first
    skipped: int = 0  # withdrawn, or a refusal of one corrected or being sent now: left as is

    def as_dict(self) -> dict[str, int]:
        return {
            "delivered": self.delivered,
            "already_delivered": self.already_delivered,
            "refused": self.refused,
            "still_waiting": self.still_waiting,
            "skipped": self.skipped,
        }


def unknown_keys(session: Session, receipts: Receipts) -> list[str]:
    keys = [outcome.key for outcome in receipts.outcomes]
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            session.exec(select(OutboxItem.key).where(col(OutboxItem.key).in_(chunk))).all()
        )
    return [key for key in keys if key not in found]


LateDeliveryHook = Callable[[Session, DeliveredItem, dict[str, Any], str], None]
"""Told, in the transaction that records it, of a superseded item the remote got after all: the
item, its receipt and the key of the item that replaced it."""


def apply_receipts(
    engine: Engine,
    receipts: Receipts,
    *,
    owner: str,
    on_delivered: Callable[[Session, DeliveredItem, dict[str, Any]], None] | None = None,
    on_late_delivery: LateDeliveryHook | None = None,
    lease_seconds: float = 60.0,
) -> Applied:
    """Write the uploader's verdicts through `ledger.record`, as a worker of this queue would.

    Deliveries are the truth and are written whatever the item's state (except one already
    delivered or withdrawn, which `record` leaves alone). A refusal is written only on an item
    still waiting here: this function takes it under its own lease first, so an engine sending
    the item at this moment keeps its own, newer verdict.

    An item corrected at the counter after the export (superseded) reached the remote all the
    same: the remote holds that copy. Its receipt is recorded (the item becomes delivered, with
    `on_delivered` as for any delivery) and `on_late_delivery` is told which item replaced it,
    so the application can send the correction as a correction of that record.
    """
    applied = Applied()
    by_key = {outcome.key: outcome for outcome in receipts.outcomes}
    with Session(engine) as session:
        before = {
            key: state
            for key, state in session.exec(
                select(OutboxItem.key, OutboxItem.state).where(
                    col(OutboxItem.key).in_(list(by_key))
                )
            ).all()
        }
        refused_keys = [
            key for key, o in by_key.items() if o.state == REFUSED and before.get(key) == WAITING
        ]
        if refused_keys:
            session.exec(
                update(OutboxItem)
                .where(
                    col(OutboxItem.key).in_(refused_keys),
                    OutboxItem.state == ItemState.PENDING.value,
                )
                .values(
                    state=ItemState.IN_FLIGHT.value,
                    lease_owner=owner,
                    lease_until=utc_now() + timedelta(seconds=lease_seconds),
                )
            )
        session.commit()
    results: list[ledger.Result] = []
    late: list[Outcome] = []
    for key, outcome in by_key.items():
        state = before.get(key)
        if outcome.state == DELIVERED:
            if state == DELIVERED:
                applied.already_delivered += 1
            elif state == ItemState.WITHDRAWN.value:
                applied.skipped += 1
            elif state == ItemState.SUPERSEDED.value:
                late.append(outcome)
                continue
            else:
                applied.delivered += 1
            results.append(
                ledger.Result(
                    key,
                    ItemState.DELIVERED,
                    receipt=outcome.receipt or {},
                    status=outcome.status,
                )
            )
        elif outcome.state == REFUSED:
            if key in refused_keys:
                applied.refused += 1
                results.append(
                    ledger.Result(
                        key,
                        ItemState.NEEDS_ATTENTION,
                        reason=outcome.reason or "ditolak server tujuan",
                        status=outcome.status,
                    )
                )
            elif state == DELIVERED:
                applied.already_delivered += 1
            else:
                applied.skipped += 1
        elif state == DELIVERED:
            applied.already_delivered += 1
        else:
            applied.still_waiting += 1
    ledger.record(engine, owner, results, on_delivered)
    recorded = _record_late(engine, late, on_delivered, on_late_delivery)
    applied.delivered += recorded
    applied.skipped += len(late) - recorded
    return applied


def _record_late(
    engine: Engine,
    outcomes: list[Outcome],
    on_delivered: Callable[[Session, DeliveredItem, dict[str, Any]], None] | None,
    on_late_delivery: LateDeliveryHook | None,
) -> int:
    """Deliveries of superseded items, each with its hooks, in one transaction; how many.

    The item is read under a row lock (PostgreSQL; SQLite's writer holds the database), so a
    second import of the same receipts running at once finds it delivered and does nothing.
    """
    if not outcomes:
        return 0
    now = utc_now()
    recorded = 0
    with Session(engine) as session:
        for outcome in outcomes:
            item = session.exec(
                select(OutboxItem).where(OutboxItem.key == outcome.key).with_for_update()
            ).first()
            if item is None or item.state != ItemState.SUPERSEDED.value:
                continue
            receipt = outcome.receipt or {}
            replacement = item.superseded_by
            item.state = DELIVERED
            item.receipt = json.dumps(receipt, ensure_ascii=False, sort_keys=True)
            item.last_status = outcome.status
            item.last_error = None
            item.delivered_at = now
            item.updated_at = now
            session.add(item)
            session.flush()
            delivered = DeliveredItem(item.key, item.destination, item.kind, item.chain)
            if on_delivered is not None:
                on_delivered(session, delivered, receipt)
            if on_late_delivery is not None and replacement:
                on_late_delivery(session, delivered, receipt, replacement)
            recorded += 1
        session.commit()
    return recorded


def new_bundle_id() -> str:
    return str(uuid.uuid4())


def iso_now() -> str:
    return utc_now().isoformat(timespec="seconds")
