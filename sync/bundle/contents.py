"""What travels on the stick: the bundle (the counter's items) and the receipts (the uploader's
word on each), as they are sealed and, checked field by field, opened again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sync.bundle.sealing import (
    KIND_BUNDLE,
    KIND_RECEIPTS,
    BundleRefused,
    Header,
    Sealer,
    open_sealed,
)
from sync.models import ItemState, utc_now

# The states a receipt may tell for an item.
DELIVERED = ItemState.DELIVERED.value
REFUSED = ItemState.NEEDS_ATTENTION.value
WAITING = ItemState.PENDING.value


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


def new_bundle_id() -> str:
    """A fresh bundle id: its receipts carry it back, so they are matched to this bundle."""
    return str(uuid.uuid4())


def iso_now() -> str:
    """Now, as the files write their times (UTC, to the second)."""
    return utc_now().isoformat(timespec="seconds")
