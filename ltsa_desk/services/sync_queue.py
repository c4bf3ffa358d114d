"""What the Sinkronisasi screen reads about the queue, and the one thing it changes there.

The window imports neither the store nor the sync engine's internals (issue 15): everything the
sync screen shows comes from here, as plain data read off the GUI thread. The refused submissions
with the CPMI they belong to, the last delivery per destination, the page's whole overview in one
go (with the waiting list of ``services.waiting``), resending a refused item, and the window's
status poll: the status of ``sync_status`` plus cheap change marks, its failures logged once per
streak, and an office server that stopped answering told apart from a bug.

No words here: a refusal is handed over as the remote's status and text, and the window says it
in its own language (``ui/sync_words.py``). The queries are the ones the screen always ran (the
status query is measured: README Performance), none is added per refresh.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlmodel import col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.sync_status import DESTINATIONS, status
from ltsa_desk.services.waiting import WaitingItem, applicants_of_chains, waiting_items
from ltsa_desk.store.database import server_label
from ltsa_desk.store.models import AuditLog
from ltsa_desk.store.problems import OfficeServerUnreachable
from sync import outbox
from sync.destinations import PASSPORT_APPLICATION, REGISTER, UPDATE
from sync.failure_log import RepeatedFailure
from sync.models import ItemState, OutboxItem
from sync.outbox import OutboxError

__all__ = [
    "DESTINATIONS",
    "PASSPORT_APPLICATION",
    "REGISTER",
    "UPDATE",
    "OutboxError",
    "RefusedItem",
    "StatusPoll",
    "SyncOverview",
    "change_marks",
    "last_deliveries",
    "read_status",
    "records_changed",
    "refused_items",
    "retry_item",
    "server_unreachable",
    "sync_overview",
]

log = logging.getLogger(__name__)

StatusMarks = tuple[Any, ...]


def read_status(workspace: Workspace) -> dict[str, Any]:
    """`sync_status.status`: per destination what waits and why, plus totals. Runs off the GUI."""
    return status(workspace.config, workspace.database)


def change_marks(workspace: Workspace, current: dict[str, Any]) -> StatusMarks:
    """What moves whenever any desk changes anything: the newest audit entry (every service
    writes one), the newest outbox item, and the queue's totals (deliveries). Two index-only
    lookups, cheap enough for every poll on a million applicants."""
    with workspace.database.session() as session:
        audit = session.exec(select(func.max(AuditLog.id))).one()
        queued = session.exec(select(func.max(OutboxItem.seq))).one()
    totals = tuple(sorted((current.get("totals") or {}).items()))
    return (audit, queued, totals)


def records_changed(previous: StatusMarks, current: StatusMarks) -> bool:
    """Whether a record changed between two polls, not only the queue's counts.

    Every write an officer or another desk makes (a registration, a correction, a status pulled
    from a remote) adds an audit entry or queues an item; a delivery only moves the counts. The
    search list shows nothing a delivery changes, and re-reading it at every poll of a drain
    (every 300 ms, for thousands of items) reset its table under the officer's eyes and was the
    window's longest work during a drain (issue 19, ``gui_stall``)."""
    return previous[:2] != current[:2]


def server_unreachable(workspace: Workspace, exc: BaseException) -> bool:
    """Whether a failed query means the office server is gone (not a bug or a bad row)."""
    if workspace.database.is_sqlite:
        return False
    if isinstance(exc, OfficeServerUnreachable | OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


class StatusPoll:
    """The window's repeated status read of one counter.

    `read()` runs off the GUI thread; `succeeded()` and `failed()` are told the outcome (one read
    at a time), so a failure that repeats every poll is logged once per streak, not once per poll.
    """

    def __init__(self, workspace: Workspace, logger: logging.Logger | None = None) -> None:
        self.workspace = workspace
        self._failures = RepeatedFailure(logger or log, "sync status query")

    def read(self) -> tuple[dict[str, Any], StatusMarks]:
        """The status and the change marks that tell whether anything moved since last time."""
        current = read_status(self.workspace)
        return current, change_marks(self.workspace, current)

    def succeeded(self) -> None:
        self._failures.succeeded()

    def failed(self, exc: BaseException) -> str | None:
        """Log the failure; the office server's name (``host:port/database``) when the failure
        means that server stopped answering, else None."""
        self._failures.failed(exc)
        if server_unreachable(self.workspace, exc):
            return server_label(self.workspace.database.url)
        return None


@dataclass(frozen=True)
class RefusedItem:
    """One submission the remote refused, with the CPMI it belongs to; the window words the
    refusal from `last_status` and `last_error` (the remote's own text)."""

    key: str
    applicant_id: str  # the item's chain: str(applicant.id)
    applicant_name: str
    tracking_code: str
    nik: str
    destination: str
    kind: str
    last_status: int | None
    last_error: str | None
    since: str | None  # ISO time of the refusal


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def refused_items(workspace: Workspace, limit: int = 500) -> list[RefusedItem]:
    """Refused submissions, oldest first, with the CPMI they belong to."""
    with workspace.database.session() as session:
        items = list(
            session.exec(
                select(OutboxItem)
                .where(
                    # destination first: the outbox's (destination, state) index answers this
                    col(OutboxItem.destination).in_(DESTINATIONS),
                    OutboxItem.state == ItemState.NEEDS_ATTENTION.value,
                )
                .order_by(col(OutboxItem.updated_at), col(OutboxItem.seq))
                .limit(limit)
            ).all()
        )
        people = applicants_of_chains(session, [item.chain for item in items])
        rows = []
        for item in items:
            person = people.get(item.chain)
            rows.append(
                RefusedItem(
                    key=item.key,
                    applicant_id=item.chain,
                    applicant_name=person.full_name if person else "-",
                    tracking_code=person.tracking_code if person else "-",
                    nik=person.nik if person else "-",
                    destination=item.destination,
                    kind=item.kind,
                    last_status=item.last_status,
                    last_error=item.last_error,
                    since=_iso(item.updated_at),
                )
            )
        return rows


def last_deliveries(workspace: Workspace) -> dict[str, str | None]:
    """When each destination last accepted a submission (ISO time), or None."""
    found: dict[str, str | None] = {}
    with workspace.database.session() as session:
        for name in DESTINATIONS:
            value = session.exec(
                select(func.max(OutboxItem.delivered_at)).where(
                    OutboxItem.destination == name,
                    OutboxItem.state == ItemState.DELIVERED.value,
                )
            ).one()
            found[name] = _iso(value)
    return found


@dataclass(frozen=True)
class SyncOverview:
    """Everything the Sync page shows, read in one go off the GUI thread."""

    status: dict[str, Any]
    last_delivered: dict[str, str | None]
    refused: list[RefusedItem]
    thread_name: str
    # Which CPMI wait to be sent and why (`services.waiting`): the counts alone do not answer
    # the applicant at the counter (issue 18).
    waiting: list[WaitingItem] = field(default_factory=list)


def sync_overview(workspace: Workspace, previous: SyncOverview | None = None) -> SyncOverview:
    """The page's data. The last deliveries (a scan of the delivered items on a big outbox) are
    taken from `previous` while the delivered counts have not moved since."""
    current = read_status(workspace)
    unchanged = previous is not None and all(
        (current.get(name) or {}).get("delivered")
        == (previous.status.get(name) or {}).get("delivered")
        for name in DESTINATIONS
    )
    return SyncOverview(
        status=current,
        last_delivered=(
            previous.last_delivered
            if unchanged and previous is not None
            else last_deliveries(workspace)
        ),
        refused=refused_items(workspace),
        thread_name=threading.current_thread().name,
        waiting=waiting_items(workspace.database),
    )


def retry_item(workspace: Workspace, key: str | None) -> int:
    """Send a refused item again as it is (after the problem was fixed on the remote side); with
    no key, every refused item (`sync retry --all`). Returns how many were queued again; an
    unknown key raises `OutboxError`."""
    with workspace.database.write_session() as session:
        try:
            count = outbox.retry(session, key)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return count
