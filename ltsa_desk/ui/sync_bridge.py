"""The seam between the sync engine and the window.

The engine's worker threads do all the network work; the window must only ever learn about it
through Qt signals, never by calling the network or waiting on a thread. `SyncBridge` owns the
counter's `SyncEngine`, forwards its listener callbacks (which arrive on worker threads) to the GUI
thread through a queued signal, and recomputes the status dict (`sync_setup.status`) on the
window's runner after every event and every few seconds (another desk or a `sync run` on the
command line may change the shared queue at any time). Refreshes are coalesced and throttled, so a
draining backlog of thousands of items never floods the event loop.

On a shared office server the bridge also hears the other desks: a `ChangeListener` thread
(`LISTEN ltsa_changes`, fed by the triggers of migration 0004) asks for a refresh the moment another
desk registers a CPMI, changes a document or delivers an item, and every refresh compares cheap
change marks (the newest audit entry and outbox item, the queue's totals) with the previous ones,
so `data_changed` reaches the screens both from a notification and, when the listener is down,
from the next poll. A status query that cannot reach the office server makes
`office_server_changed(False, ...)`: the window says so, and the polling goes on until the server
answers again (SQLAlchemy's pre-ping reconnects); nothing is ever redirected to a local copy.

This is the only UI module allowed to import `sync` internals: the Sync page's queries (the
needs-attention list, resend, last delivery) live here as plain functions over a `Workspace` that
return plain data, and the page runs them on the runner.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from shiboken6 import isValid
from sqlalchemy import func
from sqlmodel import col, select

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.sync_setup import DESTINATIONS, build_engine, status
from ltsa_desk.services.validation import FIELD_LABELS_ID
from ltsa_desk.services.waiting import WaitingItem, applicants_of_chains, waiting_items
from ltsa_desk.store.models import AuditLog
from ltsa_desk.store.notify import ChangeListener
from ltsa_desk.ui.workers import Runner
from sync import outbox
from sync.destinations import PASSPORT_APPLICATION, REGISTER, UPDATE
from sync.engine import EngineEvent, SyncEngine
from sync.failure_log import RepeatedFailure
from sync.models import ItemState, OutboxItem

log = logging.getLogger(__name__)


translate = QCoreApplication.translate

EngineFactory = Callable[[Workspace], SyncEngine]


def default_engine_factory(workspace: Workspace) -> SyncEngine:
    """The counter's engine: destinations from the configuration, tokens from the keyring; its
    threads below the window's in priority."""
    engine = build_engine(workspace.config, workspace.database)
    engine.settings.background_threads = True
    return engine


def read_status(workspace: Workspace) -> dict[str, Any]:
    """`sync_setup.status`: per destination what waits and why, plus totals. Runs off the GUI."""
    return status(workspace.config, workspace.database)


def change_marks(workspace: Workspace, current: dict[str, Any]) -> tuple[Any, ...]:
    """What moves whenever any desk changes anything: the newest audit entry (every service
    writes one), the newest outbox item, and the queue's totals (deliveries). Two index-only
    lookups, cheap enough for every poll on a million applicants."""
    with workspace.database.session() as session:
        audit = session.exec(select(func.max(AuditLog.id))).one()
        queued = session.exec(select(func.max(OutboxItem.seq))).one()
    totals = tuple(sorted((current.get("totals") or {}).items()))
    return (audit, queued, totals)


def server_unreachable(workspace: Workspace, exc: BaseException) -> bool:
    """Whether a failed query means the office server is gone (not a bug or a bad row)."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    from ltsa_desk.store.problems import OfficeServerUnreachable

    if workspace.database.is_sqlite:
        return False
    if isinstance(exc, OfficeServerUnreachable | OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


class SyncBridge(QObject):
    """Owns the counter's sync engine and tells the window what the line is doing.

    Signals:
      - `status_changed(dict)`: the status dict (`sync_setup.status` shape: one entry per
        destination plus `totals`), after `refresh()`, after engine events and every
        `poll_interval_ms`; at most one per `min_interval_ms`.
      - `engine_event(str, str, dict)`: destination, kind (online, offline, paused, resumed,
        batch, pulled) and detail, delivered on the GUI thread.
    """

    status_changed = Signal(dict)
    engine_event = Signal(str, str, dict)
    data_changed = Signal()
    """Something changed in the database (at this desk or another): lists and pages re-read."""
    office_server_changed = Signal(bool, str)
    """(reachable, server): the shared office server stopped or started answering."""
    # Emitted from engine worker threads; connected queued, so the slot runs on the GUI thread.
    _from_worker = Signal(str, str, object)
    _from_listener = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        runner: Runner,
        parent: QObject | None = None,
        *,
        engine_factory: EngineFactory | None = None,
        poll_interval_ms: int = 5000,
        min_interval_ms: int = 300,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.engine_factory = engine_factory or default_engine_factory
        self.min_interval_ms = min_interval_ms
        self.engine: SyncEngine | None = None
        self.last_status: dict[str, Any] | None = None
        self.last_query_thread: str | None = None
        self.refresh_count = 0
        self.listener: ChangeListener | None = None
        self.office_server_ok = True
        self._marks: tuple[Any, ...] | None = None
        self._closed = False
        self._in_flight = False
        self._dirty = False
        self._last_started = 0.0
        self._from_worker.connect(self._on_worker_event, Qt.ConnectionType.QueuedConnection)
        self._from_listener.connect(self._on_database_change, Qt.ConnectionType.QueuedConnection)
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.timeout.connect(self.refresh)
        self._status_failures = RepeatedFailure(log, "sync status query")
        self._poll = QTimer(self)
        self._poll.setInterval(poll_interval_ms)
        self._poll.timeout.connect(self.request_refresh)

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.engine is not None

    def start(self) -> None:
        """Build and start the engine (its own threads), begin polling, and refresh at once."""
        self._closed = False
        if self.engine is None:
            engine = self.engine_factory(self.workspace)
            engine.add_listener(self._listener)
            engine.start()
            self.engine = engine
        self._start_listener()
        self._poll.start()
        self.refresh()

    def _start_listener(self) -> None:
        """Shared office only: hear the other desks' changes as they commit."""
        if self.listener is not None or self.workspace.database.is_sqlite:
            return
        self.listener = ChangeListener(self.workspace.database.engine, self._listener_change)
        self.listener.start()

    def _listener_change(self, tables: set[str]) -> None:
        """On the listener's thread: only hand over."""
        if self._closed:
            return
        with contextlib.suppress(RuntimeError):
            self._from_listener.emit(sorted(tables))

    @Slot(object)
    def _on_database_change(self, _tables: object) -> None:
        if not self._closed:
            self.request_refresh()

    def stop(self, timeout_s: float = 3.0) -> bool:
        """Stop the engine without holding the window for long (called at window close).

        The engine's own stop joins its workers, which may be inside an HTTP call; it runs on a
        helper thread and the GUI waits at most `timeout_s`. An item caught mid-send keeps its
        lease and is taken over after it expires, which the sync contract already allows.
        Returns True when the engine finished stopping in time.
        """
        self._closed = True
        self._poll.stop()
        self._throttle.stop()
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.stop(timeout=0)  # it closes its own connection within a second
        engine, self.engine = self.engine, None
        if engine is None:
            return True
        engine.stopping.set()
        engine.wake()
        stopper = threading.Thread(
            target=engine.stop,
            kwargs={"timeout": max(timeout_s, 1.0)},
            name="sync-bridge-stop",
            daemon=True,
        )
        stopper.start()
        stopper.join(timeout_s)
        if stopper.is_alive():
            log.warning("sync engine still stopping after %.1f s; leaving it to finish", timeout_s)
            return False
        return True

    def restart(self) -> None:
        """New configuration (URLs set in settings): a fresh engine with the new destinations."""
        self.stop()
        self.start()

    def wake(self) -> None:
        """New items were queued (after an intake or a fix): send now rather than at next poll."""
        if self.engine is not None:
            self.engine.wake()
        self.request_refresh()

    # -- engine events (worker threads) -----------------------------------------------------------

    def _listener(self, event: EngineEvent) -> None:
        """Called on an engine worker thread: only hand over, never touch widgets here."""
        if self._closed:
            return
        # RuntimeError: the bridge's C++ object is already gone (the window closed).
        with contextlib.suppress(RuntimeError):
            self._from_worker.emit(event.destination, event.kind, dict(event.detail))

    @Slot(str, str, object)
    def _on_worker_event(self, destination: str, kind: str, detail: object) -> None:
        if self._closed:
            return
        self.engine_event.emit(destination, kind, detail if isinstance(detail, dict) else {})
        self.request_refresh()

    # -- status ------------------------------------------------------------------------------------

    def request_refresh(self) -> None:
        """Coalesced refresh: at most one per `min_interval_ms`, whatever the event rate."""
        if self._closed or self._throttle.isActive():
            return
        elapsed_ms = (time.monotonic() - self._last_started) * 1000
        self._throttle.start(int(max(0.0, self.min_interval_ms - elapsed_ms)))

    def refresh(self) -> None:
        """Compute the status on the runner now; one query at a time, a later ask re-runs it."""
        if self._in_flight:
            self._dirty = True
            return
        self._in_flight = True
        self._last_started = time.monotonic()
        workspace = self.workspace

        def query() -> tuple[dict[str, Any], tuple[Any, ...]]:
            self.last_query_thread = threading.current_thread().name
            current = read_status(workspace)
            return current, change_marks(workspace, current)

        self.runner.run(query, self._on_result, self._on_status_error, log_errors=False)

    def _on_result(self, result: tuple[dict[str, Any], tuple[Any, ...]]) -> None:
        if not isValid(self):
            return
        current, marks = result
        self._status_failures.succeeded()
        if not self.office_server_ok:
            self.office_server_ok = True
            if not self._closed:
                self.office_server_changed.emit(True, "")
        previous, self._marks = self._marks, marks
        self._on_status(current)
        if previous is not None and previous != marks and not self._closed:
            self.data_changed.emit()

    def _on_status(self, result: dict[str, Any]) -> None:
        if not isValid(self):  # the bridge was deleted while the query ran
            return
        self._in_flight = False
        self.refresh_count += 1
        self.last_status = result
        if not self._closed:
            self.status_changed.emit(result)
        self._again()

    def _on_status_error(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._in_flight = False
        self._status_failures.failed(exc)
        if server_unreachable(self.workspace, exc) and self.office_server_ok:
            from ltsa_desk.store.database import server_label

            self.office_server_ok = False
            if not self._closed:
                self.office_server_changed.emit(False, server_label(self.workspace.database.url))
        self._again()

    def _again(self) -> None:
        if self._dirty and not self._closed:
            self._dirty = False
            self.request_refresh()


# -- the Sync page's queries (plain functions, run on the runner) --------------------------------


@dataclass(frozen=True)
class AttentionItem:
    """One refused submission as the officer sees it: who, what, where, and why in words."""

    key: str
    applicant_id: str  # the item's chain: str(applicant.id)
    applicant_name: str
    tracking_code: str
    nik: str
    destination: str
    kind: str
    kind_label: str
    reason: str  # the remote's reason in words, for the officer
    remote_reason: str  # the remote's own text, for the technician's tooltip
    since: str | None  # ISO time of the refusal


def kind_label(kind: str) -> str:
    if kind == REGISTER:
        return translate("SyncBridge", "Pendaftaran")
    if kind == UPDATE:
        return translate("SyncBridge", "Perbaikan data")
    if kind == PASSPORT_APPLICATION:
        return translate("SyncBridge", "Permohonan paspor")
    return kind


_HTTP_MENTION = re.compile(r"\s*\(HTTP \d{3}\)")
_ALREADY_REGISTERED = re.compile(r"already registered under registry id (\S+)", re.IGNORECASE)


def refusal_in_words(destination: str, status: int | None, reason: str | None) -> str:
    """The remote's refusal as an officer can act on it: what is wrong and what to do.

    Never a bare status code (UX.md). Field errors keep the remote's own words but name the field
    the officer sees on the form.
    """
    text = _HTTP_MENTION.sub("", (reason or "").strip())
    conflict = _ALREADY_REGISTERED.search(text)
    if conflict or status == 409:
        number = conflict.group(1).rstrip(".;,") if conflict else "-"
        return translate(
            "SyncBridge",
            "NIK ini sudah terdaftar di Registri pusat (nomor {number}) dengan nama atau "
            "tanggal lahir yang berbeda. Periksa KTP CPMI, lalu perbaiki datanya.",
        ).format(number=number)
    if "registry_id" in text and status is None:
        return translate(
            "SyncBridge",
            "Menunggu nomor Registri pusat CPMI ini. Pastikan pendaftarannya ke Registri "
            "pusat sudah terkirim, lalu kirim ulang.",
        )
    fields = []
    for part in text.split(";"):
        name, sep, message = part.strip().partition(":")
        if sep and name.strip() in FIELD_LABELS_ID:
            fields.append(f"{FIELD_LABELS_ID[name.strip()]} ({message.strip()})")
    if fields:
        return translate("SyncBridge", "Data ditolak. Periksa dan perbaiki: {fields}.").format(
            fields=", ".join(fields)
        )
    if text:
        return translate("SyncBridge", "Ditolak oleh server tujuan: {reason}").format(reason=text)
    return translate("SyncBridge", "Ditolak oleh server tujuan tanpa alasan. Hubungi teknisi.")


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def attention_items(workspace: Workspace, limit: int = 500) -> list[AttentionItem]:
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
                AttentionItem(
                    key=item.key,
                    applicant_id=item.chain,
                    applicant_name=person.full_name if person else "-",
                    tracking_code=person.tracking_code if person else "-",
                    nik=person.nik if person else "-",
                    destination=item.destination,
                    kind=item.kind,
                    kind_label=kind_label(item.kind),
                    reason=refusal_in_words(item.destination, item.last_status, item.last_error),
                    remote_reason=_HTTP_MENTION.sub("", item.last_error or ""),
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
    attention: list[AttentionItem]
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
        attention=attention_items(workspace),
        thread_name=threading.current_thread().name,
        waiting=waiting_items(workspace.database),
    )


def retry_item(workspace: Workspace, key: str) -> int:
    """Send a refused item again as it is (after the problem was fixed on the remote side)."""
    with workspace.database.write_session() as session:
        try:
            count = outbox.retry(session, key)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return count
