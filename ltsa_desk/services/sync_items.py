"""The queue's items as `ltsa-desk sync list` shows them: newest first, by state, as plain rows.

The command line goes through the services, not the sync engine's tables (issue 15): the listing
and the reason in the officer's words live here. Kept apart from ``sync_queue`` (the sync
screen's service, about 0.2 s to import) because `sync status`, a measured start-up, shares the
command's module.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from ltsa_desk.counter.workspace import Workspace
from sync import ledger, outbox
from sync.models import OutboxItem

DESTINATIONS = ("registry", "immigration")


def list_items(workspace: Workspace, state: str | None, limit: int) -> list[dict[str, Any]]:
    """The newest ``limit`` items, those of ``state`` only when given. ``paused`` is not a state
    an item stores: it is the waiting items of a destination paused for its credentials."""
    with workspace.database.session() as session:
        statement = select(OutboxItem).order_by(col(OutboxItem.seq).desc()).limit(limit)
        if state == "paused":
            paused = [
                name
                for name in DESTINATIONS
                if ledger.read_destination(workspace.database.engine, name).paused
            ]
            statement = statement.where(
                col(OutboxItem.destination).in_(paused),
                col(OutboxItem.state).in_(["pending", "in_flight"]),
            )
        elif state:
            statement = statement.where(OutboxItem.state == state)
        return [outbox.item_dict(item) for item in session.exec(statement).all()]


def reason_in_words(last_error: Any) -> str:
    """The remote's refusal in the officer's language (a listing's JSON keeps it raw)."""
    # Imported here for start-up time: the destinations' contract loads the domain's rules.
    from sync.destinations.contract import reason_in_indonesian

    return reason_in_indonesian(last_error) or ""
