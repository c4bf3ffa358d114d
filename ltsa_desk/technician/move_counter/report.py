"""What a move reports: rows moved, rows already there, NIKs left for an officer to settle.

Shared by the move itself (:mod:`.move`) and the row-by-row copy (:mod:`.rows`), with the small
helpers both use to walk a table in chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table

from sync.models import ItemState

CHUNK = 1000
MOVE_MAX_BYTES = 256 * 1024 * 1024
"""Scans already stored are moved whatever today's ``attachments.max_mb`` says."""
DONE_STATES = {ItemState.DELIVERED.value, ItemState.SUPERSEDED.value, ItemState.WITHDRAWN.value}

Progress = Callable[[str], None]


def table_of(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


@dataclass
class DuplicateNik:
    """A CPMI the shared database already holds under another applicant: reported, not moved."""

    nik: str
    full_name: str
    tracking_code: str  # at this counter
    existing_tracking_code: str  # in the shared database
    left_behind: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "nik": self.nik,
            "full_name": self.full_name,
            "tracking_code": self.tracking_code,
            "existing_tracking_code": self.existing_tracking_code,
            "left_behind": dict(self.left_behind),
        }


@dataclass
class MoveReport:
    source_database_id: str
    target_database_id: str
    office_code: str
    counter_id: str
    created_database: bool
    moved: dict[str, int] = field(default_factory=dict)
    already_there: dict[str, int] = field(default_factory=dict)
    outbox_moved_by_state: dict[str, int] = field(default_factory=dict)
    duplicate_niks: list[DuplicateNik] = field(default_factory=list)
    accounts_kept: list[str] = field(default_factory=list)
    """Usernames the shared database already had: its account was kept, this counter's not."""
    damaged_attachments: list[str] = field(default_factory=list)

    def count(self, bucket: dict[str, int], name: str, n: int = 1) -> None:
        bucket[name] = bucket.get(name, 0) + n

    @property
    def nothing_new(self) -> bool:
        return not any(self.moved.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "source_database_id": self.source_database_id,
            "database_id": self.target_database_id,
            "office_code": self.office_code,
            "counter_id": self.counter_id,
            "created_database": self.created_database,
            "moved": dict(self.moved),
            "already_there": dict(self.already_there),
            "outbox_moved_by_state": dict(self.outbox_moved_by_state),
            "duplicate_niks": [d.as_dict() for d in self.duplicate_niks],
            "accounts_kept": list(self.accounts_kept),
            "damaged_attachments": list(self.damaged_attachments),
        }


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
