"""The rules of the two simulated remote systems, independent of HTTP.

Each operation takes the store and a parsed JSON body and returns an :class:`Outcome`: the HTTP
status and body to answer with, plus what happened (applied, suppressed as a duplicate, applied a
second time). The HTTP layer runs an operation inside one store transaction together with the
counters, so "applied" and the record can never disagree, even across a crash.

Deduplication by client reference is what a careful real system does; ``idempotency=False``
(``--no-idempotency``) models a careless one that applies whatever it receives, so the tests can
count the duplicate effects a blindly resending client would cause.
"""

from __future__ import annotations

import base64
import binascii
import re
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .store import SimStore
from .validation import FieldError, validate_passport_application, validate_worker

__all__ = [
    "APPLICATION_STATUSES",
    "MAX_BATCH_ITEMS",
    "Outcome",
    "advance_applications",
    "batch",
    "decode_cursor",
    "encode_cursor",
    "invalid",
    "list_changes",
    "lookup_application",
    "lookup_worker",
    "nik_conflict_body",
    "register_worker",
    "seed_worker",
    "submit_application",
    "update_worker",
]

MAX_BATCH_ITEMS = 500
APPLICATION_STATUSES = ("received", "interview_scheduled", "issued", "rejected")
_NEXT_STATUS = {"received": "interview_scheduled", "interview_scheduled": "issued"}
_DEFAULT_REJECT_REASON = "Dokumen persyaratan tidak lengkap"
#: Fields of a foreign record shown in a 409: enough to decide "same person?" (NIK, name, birth
#: date) and where it came from, but not the other office's client reference.
_CONFLICT_HIDDEN = frozenset({"client_reference", "tracking_code", "last_update_reference"})


@dataclass
class Outcome:
    """The answer to one request, and what it did to the state."""

    status: int
    body: Any
    applied: int = 0
    suppressed: int = 0
    duplicate_effects: int = 0
    rejected: int = 0
    replayed: bool = False

    def counters(self) -> dict[str, int]:
        return {
            "applied": self.applied,
            "duplicates_suppressed": self.suppressed,
            "duplicate_effects": self.duplicate_effects,
            "rejected": self.rejected,
        }


def invalid(errors: list[FieldError], message: str = "the request has invalid fields") -> Outcome:
    """422 in the contract's shape: ``{"errors": [{"field", "message"}, ...]}``."""
    return Outcome(
        422,
        {
            "error": "validation_failed",
            "message": message,
            "errors": [e.as_dict() for e in errors],
        },
        rejected=1,
    )


def _not_found(what: str) -> Outcome:
    return Outcome(404, {"error": "not_found", "message": f"{what} not found"}, rejected=1)


def nik_conflict_body(row: sqlite3.Row) -> dict[str, Any]:
    """Body of a 409: the holder's registry id and record, so the client can adopt a true match."""
    record = {k: v for k, v in SimStore.worker_body(row).items() if k not in _CONFLICT_HIDDEN}
    return {
        "error": "nik_already_registered",
        "registry_id": row["registry_id"],
        "record": record,
        "message": f"NIK is already registered under registry id {row['registry_id']}",
        "errors": [
            {
                "field": "nik",
                "message": f"already registered under registry id {row['registry_id']}",
            }
        ],
    }


def _nik_conflict(row: sqlite3.Row) -> Outcome:
    return Outcome(409, nik_conflict_body(row), rejected=1)


# -- registry -----------------------------------------------------------------------------------


def register_worker(store: SimStore, payload: Any, *, idempotency: bool, now: str) -> Outcome:
    """``POST /registry/v1/workers``.

    Order matters: a resend of the same reference is answered from the stored record *before* the
    NIK check (otherwise a careful client's retry would hit its own NIK as a 409); without
    idempotency the NIK check only looks at *other* references, so a blind resend is recorded as a
    duplicate effect (the client's fault) rather than masked as a conflict.
    """
    data, errors = validate_worker(payload)
    if errors:
        return invalid(errors)
    reference = data.pop("client_reference")
    existing = store.worker_by_reference(reference)
    if existing is not None and idempotency:
        return Outcome(200, SimStore.worker_body(existing), suppressed=1)
    holder = store.worker_by_nik(data["nik"], not_reference=reference)
    if holder is not None:
        return _nik_conflict(holder)
    row = store.insert_worker(reference, data, now)
    return Outcome(
        201,
        SimStore.worker_body(row),
        applied=1,
        duplicate_effects=1 if existing is not None else 0,
    )


def update_worker(
    store: SimStore, registry_id: str, payload: Any, *, idempotency: bool, now: str
) -> Outcome:
    """``PUT /registry/v1/workers/{registry_id}``: full replacement of the worker fields.

    The optional ``client_reference`` names the *update* (the outbox item's key); a second PUT
    with the same reference is a resend and is suppressed, so a stale retry cannot undo a newer
    correction. The registration's own reference is accepted too but gives no such protection.
    """
    row = store.worker(registry_id)
    if row is None:
        return _not_found(f"registry id {registry_id}")
    data, errors = validate_worker(payload, require_reference=False)
    if errors:
        return invalid(errors)
    reference = data.pop("client_reference", None)
    seen_update = None
    if reference is not None and reference != row["client_reference"]:
        owner = store.worker_by_reference(reference)
        if owner is not None:
            return invalid(
                [FieldError("client_reference", "belongs to the registration of another record")]
            )
        seen_update = store.worker_update(reference)
        if seen_update is not None and seen_update["registry_id"] != registry_id:
            return invalid(
                [FieldError("client_reference", "was already used to update another record")]
            )
        if seen_update is not None and idempotency:
            return Outcome(200, SimStore.worker_body(row), suppressed=1)
    else:
        reference = None
    holder = store.worker_by_nik(data["nik"], not_reference=row["client_reference"])
    if holder is not None:
        return _nik_conflict(holder)
    updated = store.update_worker(registry_id, data, now, reference)
    return Outcome(
        200,
        SimStore.worker_body(updated),
        applied=1,
        duplicate_effects=1 if seen_update is not None else 0,
    )


def lookup_worker(store: SimStore, *, reference: str | None, nik: str | None) -> Outcome:
    """``GET /registry/v1/workers?client_reference=R`` (or ``?nik=N``).

    A reference is looked up as a registration first, then as an applied update; the latter
    answers "did my correction arrive?" with the current record plus ``update_reference``.
    """
    if reference:
        row = store.worker_by_reference(reference)
        if row is not None:
            return Outcome(200, SimStore.worker_body(row))
        update = store.worker_update(reference)
        if update is not None:
            current = store.worker(update["registry_id"])
            if current is not None:
                body = SimStore.worker_body(current)
                body["update_reference"] = reference
                body["update_applied_at"] = update["applied_at"]
                return Outcome(200, body)
        return _not_found(f"client reference {reference}")
    if nik:
        row = store.worker_by_nik(nik)
        if row is None:
            return _not_found("NIK")
        return Outcome(200, SimStore.worker_body(row))
    return invalid(
        [FieldError("client_reference", "give client_reference (or nik) as a query parameter")]
    )


def seed_worker(store: SimStore, payload: Any, now: str) -> Outcome:
    """Insert a record "registered elsewhere" (control port only; not counted in the stats)."""
    if isinstance(payload, Mapping) and not payload.get("client_reference"):
        payload = {**payload, "client_reference": f"seed-{uuid.uuid4()}"}
    return register_worker(store, payload, idempotency=True, now=now)


# -- immigration --------------------------------------------------------------------------------


def submit_application(store: SimStore, payload: Any, *, idempotency: bool, now: str) -> Outcome:
    """``POST /immigration/v1/passport-applications`` (202: accepted for processing)."""
    data, errors = validate_passport_application(payload)
    if errors:
        return invalid(errors)
    worker = store.worker(data["registry_id"])
    if worker is None:
        return invalid([FieldError("registry_id", "unknown registry_id: not in the registry")])
    if worker["nik"] != data["nik"]:
        return invalid(
            [FieldError("nik", f"does not match the registry record {data['registry_id']}")]
        )
    existing = store.application_by_reference(data["client_reference"])
    if existing is not None and idempotency:
        return Outcome(200, SimStore.application_body(existing), suppressed=1)
    row = store.insert_application(data, now)
    return Outcome(
        202,
        SimStore.application_body(row),
        applied=1,
        duplicate_effects=1 if existing is not None else 0,
    )


def lookup_application(store: SimStore, reference: str | None) -> Outcome:
    if not reference:
        return invalid([FieldError("client_reference", "is required as a query parameter")])
    row = store.application_by_reference(reference)
    if row is None:
        return _not_found(f"client reference {reference}")
    return Outcome(200, SimStore.application_body(row))


def lookup_many(payload: Any, one: Callable[[str], Outcome]) -> Outcome:
    """``POST {collection}:lookup`` with ``{"client_references": [R, ...]}``: many look-ups in one
    request, each answered as its ``GET ?client_reference=R`` would be. A read: nothing changes.

    A counter that lost answers on a bad line has many items to ask about at once; one request
    per item would cost it more than the sends themselves.
    """
    references = payload.get("client_references") if isinstance(payload, dict) else None
    if not isinstance(references, list) or not references:
        return invalid([FieldError("client_references", "must be a non-empty list")])
    if len(references) > MAX_BATCH_ITEMS:
        return invalid([FieldError("client_references", f"at most {MAX_BATCH_ITEMS} per request")])
    if not all(isinstance(r, str) and r for r in references):
        return invalid([FieldError("client_references", "must be non-empty strings")])
    results = []
    for reference in references:
        outcome = one(reference)
        results.append(
            {"client_reference": reference, "status": outcome.status, "body": outcome.body}
        )
    return Outcome(200, {"results": results})


def encode_cursor(epoch: str, seq: int) -> str:
    """Opaque cursor: the state file's id and the last change seen.

    The id makes a cursor from another state file (a wiped simulator) restart the feed from the
    beginning instead of silently skipping everything below its old position.
    """
    raw = f"v1:{epoch}:{seq}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_CURSOR_RE = re.compile(r"v1:([0-9a-f]{1,64}):([0-9]{1,18})")


def decode_cursor(cursor: str, epoch: str) -> int | None:
    """The seq after which to continue, or None if the cursor is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (ValueError, UnicodeError, binascii.Error):
        return None
    match = _CURSOR_RE.fullmatch(raw)
    if match is None:
        return None
    if match.group(1) != epoch:
        return 0
    return int(match.group(2))


def list_changes(
    store: SimStore, cursor: str | None, limit_text: str | None, epoch: str
) -> Outcome:
    """``GET /immigration/v1/changes?cursor=C&limit=N``: status changes after the cursor."""
    errors: list[FieldError] = []
    after = 0
    if cursor:
        decoded = decode_cursor(cursor, epoch)
        if decoded is None:
            errors.append(FieldError("cursor", "is not a cursor this server gave out"))
        else:
            after = decoded
    limit = 100
    if limit_text:
        if not limit_text.isascii() or not limit_text.isdigit() or not 1 <= int(limit_text) <= 1000:
            errors.append(FieldError("limit", "must be a whole number from 1 to 1000"))
        else:
            limit = int(limit_text)
    if errors:
        return invalid(errors)
    rows = store.changes_after(after, limit + 1)
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1]["seq"] if rows else after
    changes = [
        {
            "application_no": r["application_no"],
            "client_reference": r["client_reference"],
            "registry_id": r["registry_id"],
            "status": r["status"],
            "reason": r["reason"],
            "at": r["at"],
        }
        for r in rows
    ]
    return Outcome(
        200, {"changes": changes, "cursor": encode_cursor(epoch, last), "has_more": has_more}
    )


def advance_applications(store: SimStore, body: Any, now: str) -> Outcome:
    """``POST /_sim/advance``: one step for every open application, or rejections.

    Body (all optional): ``{"reject": ["PPA-..."] or {"PPA-...": "reason"}, "reason": "...",
    "only": ["PPA-..."]}``. Rejected applications leave the normal path; the others go
    received -> interview_scheduled -> issued. Each step is a change event on the cursor feed.
    """
    if body is None:
        body = {}
    if not isinstance(body, Mapping):
        return invalid([FieldError("body", "must be a JSON object")])
    errors: list[FieldError] = []
    default_reason = body.get("reason", _DEFAULT_REJECT_REASON)
    if not isinstance(default_reason, str) or not default_reason.strip():
        errors.append(FieldError("reason", "must be a non-empty string"))
        default_reason = _DEFAULT_REJECT_REASON
    raw_reject = body.get("reject") or []
    rejects: dict[str, str] = {}
    if isinstance(raw_reject, list) and all(isinstance(x, str) for x in raw_reject):
        rejects = dict.fromkeys(raw_reject, default_reason)
    elif isinstance(raw_reject, Mapping) and all(
        isinstance(v, str) and v.strip() for v in raw_reject.values()
    ):
        rejects = dict(raw_reject)
    else:
        errors.append(FieldError("reject", "must be a list of application numbers or a mapping"))
    raw_only = body.get("only")
    only: set[str] | None = None
    if raw_only is not None:
        if isinstance(raw_only, list) and all(isinstance(x, str) for x in raw_only):
            only = set(raw_only)
        else:
            errors.append(FieldError("only", "must be a list of application numbers"))
    for number in rejects:
        row = store.application(number)
        if row is None:
            errors.append(FieldError("reject", f"unknown application {number}"))
        elif row["status"] in ("issued", "rejected"):
            errors.append(FieldError("reject", f"{number} is already {row['status']}"))
    if errors:
        return invalid(errors)
    changed = []
    for row in store.open_applications():
        number = row["application_no"]
        if number in rejects:
            new = store.set_application_status(number, "rejected", rejects[number], now)
        elif only is None or number in only:
            new = store.set_application_status(number, _NEXT_STATUS[row["status"]], None, now)
        else:
            continue
        changed.append({"application_no": number, "status": new["status"], "reason": new["reason"]})
    return Outcome(200, {"changed": changed})


# -- batches ------------------------------------------------------------------------------------


def batch(payload: Any, one: Callable[[Any], Outcome]) -> Outcome:
    """``POST {collection}:batch`` with ``{"items": [payload, ...]}``.

    Each item is judged exactly as if it had been POSTed alone (same dedupe, same 409, same 422),
    in order, so two items of one batch see each other. The answer is 200 with one
    ``{"index", "status", "body"}`` per item; the whole batch commits in one transaction.
    """
    if not isinstance(payload, Mapping):
        return invalid([FieldError("body", "must be a JSON object with an 'items' list")])
    items = payload.get("items")
    if not isinstance(items, list) or not items:
        return invalid([FieldError("items", "must be a non-empty list of payloads")])
    if len(items) > MAX_BATCH_ITEMS:
        return invalid([FieldError("items", f"at most {MAX_BATCH_ITEMS} items per batch")])
    total = Outcome(200, None)
    results = []
    for index, item in enumerate(items):
        outcome = one(item)
        results.append({"index": index, "status": outcome.status, "body": outcome.body})
        total.applied += outcome.applied
        total.suppressed += outcome.suppressed
        total.duplicate_effects += outcome.duplicate_effects
        total.rejected += outcome.rejected
    total.body = {"results": results}
    return total
