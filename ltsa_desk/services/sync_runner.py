"""The counter's sync engine running behind the window: started, woken and stopped, without Qt.

The window's `SyncBridge` turns what happens here into Qt signals; it imports neither the engine
nor the store (issue 15). Two sources of news are started together: the engine (its worker threads
send the queue and report each step as an `EngineEvent`) and, on a shared office server, the
`ChangeListener` of ``store.notify`` (``LISTEN ltsa_changes``: another desk registered a CPMI,
changed a document or delivered an item). Both call back on their own threads; the callbacks must
only hand over.

Stopping never holds the caller for long: the engine's own stop joins its workers, which may be
inside an HTTP call, so it runs on a helper thread and the caller waits at most `timeout_s`. An
item caught mid-send keeps its lease and is taken over after it expires, which the sync contract
already allows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.sync_setup import build_engine
from ltsa_desk.store.notify import ChangeListener
from sync.engine import EngineEvent, SyncEngine

__all__ = ["ChangeListener", "EngineFactory", "SyncEngine", "SyncRunner", "default_engine_factory"]

log = logging.getLogger(__name__)

EngineFactory = Callable[[Workspace], SyncEngine]
EventCallback = Callable[[str, str, dict[str, Any]], None]
"""(destination, kind, detail) of an engine event, called on an engine worker thread."""
ChangeCallback = Callable[[set[str]], None]
"""The tables another desk changed, called on the listener's thread."""


def default_engine_factory(workspace: Workspace) -> SyncEngine:
    """The counter's engine: destinations from the configuration, tokens from the keyring; its
    threads below the window's in priority."""
    engine = build_engine(workspace.config, workspace.database)
    engine.settings.background_threads = True
    return engine


class SyncRunner:
    """One counter's running engine and (shared office only) change listener."""

    def __init__(self, workspace: Workspace, engine_factory: EngineFactory | None = None) -> None:
        self.workspace = workspace
        self.engine_factory = engine_factory or default_engine_factory
        self.engine: SyncEngine | None = None
        self.listener: ChangeListener | None = None

    @property
    def running(self) -> bool:
        return self.engine is not None

    def start(self, on_event: EventCallback, on_change: ChangeCallback) -> None:
        """Build and start the engine (its own threads) unless it runs, and on a shared office
        listen for the other desks' changes as they commit."""
        if self.engine is None:
            engine = self.engine_factory(self.workspace)

            def heard(event: EngineEvent) -> None:
                on_event(event.destination, event.kind, dict(event.detail))

            engine.add_listener(heard)
            engine.start()
            self.engine = engine
        if self.listener is None and not self.workspace.database.is_sqlite:
            self.listener = ChangeListener(self.workspace.database.engine, on_change)
            self.listener.start()

    def wake(self) -> None:
        """New items were queued: send now rather than at the engine's next look."""
        if self.engine is not None:
            self.engine.wake()

    def stop(self, timeout_s: float = 3.0) -> bool:
        """Stop the listener and the engine, waiting at most `timeout_s` for the engine.

        Returns True when the engine finished stopping in time (or none ran).
        """
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
