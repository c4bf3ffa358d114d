"""`sync status` read through the driver alone (issue 19, item 4): the same answer, or none.

``quick_status`` reads a lone counter's SQLCipher file with sqlcipher3 (no SQLAlchemy), so its
figures must be those of ``sync_status.status`` on the fully opened counter, in every state; and
wherever the full opening would do more than open (a shared office, a recovery key to show, a
configuration not sealed by this account, a schema to migrate, no key) it must give way (None).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from ltsa_desk.counter import protection, quick_read
from ltsa_desk.services import sync_status, sync_status_quick
from ltsa_desk.services.sync_status_quick import quick_status
from ltsa_desk.store.engine import BUSY_TIMEOUT_MS, writer_engine
from sync import outbox
from sync.models import OPEN_STATES, DestinationState, ItemState


def _fill(workspace: Any) -> None:
    """Items of both destinations in every state, one destination offline and paused."""
    engine = writer_engine(workspace.database.engine)
    with Session(engine) as session:
        keys = {
            destination: [
                outbox.enqueue(session, destination, "registration", {"i": i}, chain=f"{i}")
                for i in range(len(ItemState) + 2)
            ]
            for destination in ("registry", "immigration")
        }
        session.add(
            DestinationState(
                destination="registry",
                online=False,
                offline_since=datetime(2026, 12, 1, 8, 30, 15, 123456, tzinfo=UTC),
                paused=True,
                paused_reason="token ditolak (401)",
            )
        )
        session.add(DestinationState(destination="immigration", online=True))
        session.commit()
    with engine.begin() as connection:
        for destination, names in keys.items():
            for state, key in zip(ItemState, names[2:], strict=False):
                if destination == "immigration" and state is ItemState.PAUSED:
                    continue
                connection.execute(
                    text("UPDATE outbox_item SET state = :s, created_at = :t WHERE key = :k"),
                    {"s": state.value, "k": key, "t": datetime.now(UTC) - timedelta(hours=3)},
                )
    workspace.config.set("registry.url", "https://registry.example.id/api")
    workspace.config.save()


def _without_ages(result: dict[str, Any]) -> dict[str, Any]:
    return {
        name: {k: v for k, v in row.items() if k != "oldest_pending_age_s"}
        for name, row in result.items()
    }


def test_quick_status_is_the_full_status(workspace: Any) -> None:
    _fill(workspace)
    full = sync_status.status(workspace.config, workspace.database)
    quick = quick_status(workspace.data_dir)
    if workspace.shared:  # a shared office's server: only the full opening reads it
        assert quick is None
        return
    assert quick is not None
    assert _without_ages(quick) == _without_ages(full)
    for name in sync_status.DESTINATIONS:
        assert abs(quick[name]["oldest_pending_age_s"] - full[name]["oldest_pending_age_s"]) < 5
    assert quick["registry"]["paused"] and quick["registry"]["offline_since"]
    assert quick["registry"]["oldest_pending_age_s"] > 3 * 3600 - 60


def test_an_empty_queue_reads_the_same(workspace: Any) -> None:
    if workspace.shared:
        return
    full = sync_status.status(workspace.config, workspace.database)
    assert quick_status(workspace.data_dir) == full


def _quick(data_dir: Path) -> bool:
    with quick_read.quick_counter(data_dir) as counter:
        return counter is not None


def test_it_gives_way_where_the_full_opening_has_work(workspace: Any) -> None:
    """A recovery key to show, a configuration sealed by no one, a schema to migrate, no key."""
    if workspace.shared:
        assert not _quick(workspace.data_dir)
        return
    data_dir: Path = workspace.data_dir
    assert _quick(data_dir)

    pending = protection.pending_path(data_dir)
    pending.write_text("{}")
    assert not _quick(data_dir)
    pending.unlink()

    config_file = data_dir / "config.toml"
    sealed = config_file.read_bytes()
    config_file.write_bytes(sealed.replace(b"LOTIM-01", b"LOTIM-02"))  # a hand edit
    assert not _quick(data_dir)
    config_file.write_bytes(sealed)
    assert _quick(data_dir)

    with writer_engine(workspace.database.engine).begin() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    assert not _quick(data_dir)
    with writer_engine(workspace.database.engine).begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :h"), {"h": head})
    assert _quick(data_dir)

    from ltsa_desk.counter import keyring_home

    database_id = workspace.database.info.database_id
    stored = keyring_home.find_database_key(database_id)
    assert stored is not None
    keyring_home.delete_database_key(database_id)
    try:
        assert not _quick(data_dir)
    finally:
        keyring_home.store_database_key(database_id, stored)
    assert _quick(data_dir)


def test_the_copies_of_names_match_their_homes() -> None:
    """The quick modules name a few constants instead of importing their (heavy) homes."""
    assert quick_read.PENDING_FILE == protection.PENDING_FILE
    assert quick_read.BUSY_TIMEOUT_S == BUSY_TIMEOUT_MS / 1000
    assert sync_status_quick.DESTINATIONS == sync_status.DESTINATIONS
    assert tuple(state.value for state in ItemState) == sync_status_quick.STATES
    assert sync_status_quick.OPEN_STATES == OPEN_STATES


def test_the_oldest_waiting_item_is_the_first_queued_even_after_a_clock_set_back(
    workspace: Any,
) -> None:
    """The age shown is that of the first item in queue order, read as one step into the claim
    index (issue 19: ``min(created_at)`` read every waiting row, 19 ms with 13,600 waiting). An
    item queued later under a clock set back two days has not waited longest."""
    engine = writer_engine(workspace.database.engine)
    with Session(engine) as session:
        first = outbox.enqueue(session, "registry", "registration", {"i": 1}, chain="a")
        later = outbox.enqueue(session, "registry", "registration", {"i": 2}, chain="b")
        session.commit()
    queued = datetime.now(UTC) - timedelta(hours=1)
    with engine.begin() as connection:
        for key, at in ((first, queued), (later, queued - timedelta(days=2))):
            connection.execute(
                text("UPDATE outbox_item SET created_at = :t WHERE key = :k"), {"t": at, "k": key}
            )
    answers = [sync_status.status(workspace.config, workspace.database)]
    if not workspace.shared:
        answers.append(quick_status(workspace.data_dir))
    for answer in answers:
        assert answer is not None
        assert 3600 - 60 < answer["registry"]["oldest_pending_age_s"] < 3600 + 600
