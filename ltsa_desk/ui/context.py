"""What every screen gets: the open counter, who is signed in, and the way to do slow work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor

if TYPE_CHECKING:
    from ltsa_desk.ui.sync_bridge import SyncBridge
    from ltsa_desk.ui.workers import Runner


@dataclass
class UiContext:
    workspace: Workspace
    actor: Actor
    runner: Runner
    bridge: SyncBridge | None = None
    training: bool = False

    @property
    def role(self) -> str:
        return self.actor.role
