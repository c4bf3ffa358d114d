"""The outbox counts the status bar reads (issue 19, item 3): kept by triggers, always exact.

``outbox_count`` (migration 0006) must equal counting ``outbox_item`` by destination and state
after any mix of inserts, state changes and deletes, whichever code makes them (the outbox API,
the ORM, a plain UPDATE), on SQLite and PostgreSQL; on PostgreSQL two desks changing states at
once must not wait for each other, and folding the deltas must lose or double nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlmodel import Session

from ltsa_desk.services.sync_status import status
from ltsa_desk.store.database import MIGRATIONS_DIR
from ltsa_desk.store.engine import writer_engine
from sync import outbox
from sync.models import ItemState

STATES = [state.value for state in ItemState]
DESTINATIONS = ("registry", "immigration")


def counted(engine: Engine) -> dict[str, dict[str, int]]:
    """The truth: every row of outbox_item counted (what the status query used to do)."""
    found: dict[str, dict[str, int]] = {}
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT destination, state, count(*) FROM outbox_item GROUP BY 1, 2")
        ).all()
    for destination, state, n in rows:
        found.setdefault(destination, {state: 0 for state in STATES})[state] = int(n)
    return found


def kept(engine: Engine) -> dict[str, dict[str, int]]:
    """What the counts table says, without the destinations whose counts are all 0."""
    with engine.connect() as connection:
        counts = outbox.state_counts(connection)
    return {name: by_state for name, by_state in counts.items() if any(by_state.values())}


def enqueue(engine: Engine, destination: str, n: int, chain: str = "c") -> list[str]:
    with Session(writer_engine(engine)) as session:
        keys = [
            outbox.enqueue(session, destination, "registration", {"i": i}, chain=f"{chain}{i}")
            for i in range(n)
        ]
        session.commit()
    return keys


def test_counts_follow_inserts_state_changes_and_deletes(workspace: Any) -> None:
    engine = workspace.database.engine
    assert kept(engine) == {}
    keys = enqueue(engine, "registry", 5) + enqueue(engine, "immigration", 3)
    assert kept(engine) == counted(engine)
    assert kept(engine)["registry"]["pending"] == 5
    with writer_engine(engine).begin() as connection:
        connection.execute(
            text("UPDATE outbox_item SET state = 'in_flight' WHERE key IN (:a, :b)"),
            {"a": keys[0], "b": keys[1]},
        )
        connection.execute(
            text("UPDATE outbox_item SET state = 'delivered' WHERE key = :a"), {"a": keys[0]}
        )
        # A change that leaves the state alone must not move the counts.
        connection.execute(text("UPDATE outbox_item SET attempts = attempts + 1"))
        connection.execute(text("UPDATE outbox_item SET state = state"))
        connection.execute(text("DELETE FROM outbox_item WHERE key = :k"), {"k": keys[7]})
    assert kept(engine) == counted(engine)
    assert kept(engine)["registry"] == {
        **{state: 0 for state in STATES},
        "pending": 3,
        "in_flight": 1,
        "delivered": 1,
    }
    # The officer's corrections through the outbox API.
    with writer_engine(engine).begin() as connection:
        connection.execute(
            text("UPDATE outbox_item SET state = 'needs_attention' WHERE key = :k"), {"k": keys[2]}
        )
    with Session(writer_engine(engine)) as session:
        assert outbox.retry(session, None) == 1
        session.commit()
    assert kept(engine) == counted(engine)


def test_a_rolled_back_change_is_not_counted(workspace: Any) -> None:
    engine = workspace.database.engine
    enqueue(engine, "registry", 2)
    with writer_engine(engine).connect() as connection:
        transaction = connection.begin()
        connection.execute(text("UPDATE outbox_item SET state = 'delivered'"))
        connection.execute(text("DELETE FROM outbox_item"))
        transaction.rollback()
    assert (
        kept(engine) == counted(engine) == {"registry": {**dict.fromkeys(STATES, 0), "pending": 2}}
    )


def test_status_reads_the_counts(workspace: Any) -> None:
    engine = workspace.database.engine
    enqueue(engine, "registry", 4)
    with writer_engine(engine).begin() as connection:
        connection.execute(
            text("UPDATE outbox_item SET state = 'delivered' WHERE chain IN ('c0', 'c1')")
        )
    result = status(workspace.config, workspace.database)
    assert (result["registry"]["pending"], result["registry"]["delivered"]) == (2, 2)
    assert result["immigration"]["pending"] == 0
    assert result["totals"]["pending"] == 2 and result["totals"]["delivered"] == 2
    assert result["registry"]["oldest_pending_age_s"] is not None


OPERATION = st.one_of(
    st.tuples(st.just("insert"), st.sampled_from(DESTINATIONS), st.integers(1, 4)),
    st.tuples(
        st.just("update"), st.sampled_from(STATES), st.sampled_from(STATES), st.integers(1, 3)
    ),
    st.tuples(st.just("delete"), st.sampled_from(STATES), st.integers(1, 2)),
    st.tuples(st.just("move"), st.sampled_from(DESTINATIONS), st.integers(1, 2)),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(st.tuples(OPERATION, st.booleans()), min_size=1, max_size=12))
def test_any_mix_of_changes_keeps_the_counts_exact(
    workspace: Any, operations: list[tuple[tuple[Any, ...], bool]]
) -> None:
    """Random batches of inserts, state changes (several rows per statement), deletes and moves
    between destinations, each committed or rolled back."""
    engine = workspace.database.engine
    with writer_engine(engine).begin() as connection:
        connection.execute(text("DELETE FROM outbox_item"))
    for index, (operation, commit) in enumerate(operations):
        with writer_engine(engine).connect() as connection:
            transaction = connection.begin()
            kind = operation[0]
            if kind == "insert":
                session = Session(bind=connection)
                for i in range(operation[2]):
                    outbox.enqueue(session, operation[1], "registration", {}, chain=f"h{index}-{i}")
                session.flush()
            elif kind == "update":
                connection.execute(
                    text(
                        "UPDATE outbox_item SET state = :new WHERE seq IN (SELECT seq FROM"
                        " outbox_item WHERE state = :old ORDER BY seq LIMIT :n)"
                    ),
                    {"old": operation[1], "new": operation[2], "n": operation[3]},
                )
            elif kind == "delete":
                connection.execute(
                    text(
                        "DELETE FROM outbox_item WHERE seq IN (SELECT seq FROM outbox_item"
                        " WHERE state = :state ORDER BY seq LIMIT :n)"
                    ),
                    {"state": operation[1], "n": operation[2]},
                )
            else:
                connection.execute(
                    text(
                        "UPDATE outbox_item SET destination = :to WHERE seq IN (SELECT seq FROM"
                        " outbox_item ORDER BY seq DESC LIMIT :n)"
                    ),
                    {"to": operation[1], "n": operation[2]},
                )
            if commit:
                transaction.commit()
            else:
                transaction.rollback()
        if index % 4 == 3:
            with writer_engine(engine).begin() as connection:
                outbox.fold_counts(connection)
    assert kept(engine) == {
        name: by_state for name, by_state in counted(engine).items() if any(by_state.values())
    }


def test_upgrade_counts_what_was_already_queued(workspace: Any) -> None:
    """An existing counter's outbox is counted when migration 0006 runs."""
    engine = workspace.database.engine
    keys = enqueue(engine, "registry", 3) + enqueue(engine, "immigration", 2)
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with writer_engine(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    with writer_engine(engine).begin() as connection:
        connection.execute(
            text("UPDATE outbox_item SET state = 'delivered' WHERE key = :k"), {"k": keys[0]}
        )
    with writer_engine(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert kept(engine) == counted(engine)
    assert kept(engine)["registry"]["delivered"] == 1


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_two_desks_change_states_at_once_without_waiting(workspace: Any) -> None:
    """PostgreSQL: desk A holds an open transaction that moved items pending -> in_flight; desk B
    moves other items in_flight -> pending and registers new ones. With one shared counter row
    per state B would wait for A (and the two could deadlock); the deltas let B go on."""
    engine = workspace.database.engine
    assert engine.dialect.name == "postgresql"
    keys = enqueue(engine, "registry", 6)
    with writer_engine(engine).begin() as connection:
        connection.execute(
            text("UPDATE outbox_item SET state = 'in_flight' WHERE key IN (:a, :b)"),
            {"a": keys[4], "b": keys[5]},
        )
    desk_a = writer_engine(engine).connect()
    desk_b = writer_engine(engine).connect()
    try:
        a = desk_a.begin()
        desk_a.execute(
            text("UPDATE outbox_item SET state = 'in_flight' WHERE key IN (:a, :b)"),
            {"a": keys[0], "b": keys[1]},
        )
        b = desk_b.begin()
        desk_b.execute(text("SET LOCAL lock_timeout = '3s'"))
        desk_b.execute(
            text("UPDATE outbox_item SET state = 'pending' WHERE key IN (:a, :b)"),
            {"a": keys[4], "b": keys[5]},
        )
        outbox.enqueue(Session(bind=desk_b), "registry", "registration", {}, chain="b")
        b.commit()
        # A fold while A is still open moves B's deltas only; A's come after A commits.
        with writer_engine(engine).begin() as connection:
            assert outbox.fold_counts(connection)
        assert kept(engine)["registry"]["pending"] == 7
        a.commit()
    finally:
        desk_a.close()
        desk_b.close()
    assert kept(engine) == counted(engine)
    assert kept(engine)["registry"]["in_flight"] == 2
    with writer_engine(engine).begin() as connection:
        assert outbox.fold_counts(connection)
    with engine.connect() as connection:
        assert outbox.pending_deltas(connection) == 0
    assert kept(engine) == counted(engine)


def test_many_deltas_are_folded_by_the_status_query(workspace: Any) -> None:
    engine = workspace.database.engine
    for _ in range(3):
        enqueue(engine, "registry", 2)
    with engine.connect() as connection:
        before = outbox.pending_deltas(connection)
    if engine.dialect.name == "postgresql":
        assert before == 6  # one delta per INSERT statement
        outbox_fold_at = outbox.FOLD_AT
        outbox.FOLD_AT = 3
        try:
            status(workspace.config, workspace.database)
        finally:
            outbox.FOLD_AT = outbox_fold_at
        with engine.connect() as connection:
            assert outbox.pending_deltas(connection) == 0
    else:
        assert before == 0  # SQLite counts in place
    assert kept(engine) == counted(engine)
