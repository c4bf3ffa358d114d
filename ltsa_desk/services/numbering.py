"""Running numbers that are unique across counters even while they cannot see each other.

The counter id is part of every number (`LOTIM-01-2026-000123`), so each counter only has to be
unique within itself; the sequence row is bumped inside the caller's write transaction, so two
sessions on the same database never hand out the same value.

On SQLite the writer's BEGIN IMMEDIATE already serialises every write. On a shared PostgreSQL the
desks (and a desk's window beside its command line) write at once, so the bump is a single
``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``: the row lock it takes makes the second writer
wait for the first one's commit and then add to the committed value, and the very first number of
a year cannot be handed out twice by two writers that both found no row (a plain "update, else
insert" would fail one of them on the primary key).
"""

from __future__ import annotations

from sqlalchemy import bindparam, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlmodel import Session, select

from ltsa_desk.store.models import CounterSequence
from sync.prepared import Prepared

# Built once: the tracking number is bumped on every registration (the intake form's hot path).
_BUMP = Prepared(
    update(CounterSequence)
    .where(
        CounterSequence.counter_id == bindparam("b_counter"),
        CounterSequence.name == bindparam("b_name"),
        CounterSequence.year == bindparam("b_year"),
    )
    .values(last_value=CounterSequence.last_value + bindparam("b_count"))
    .returning(CounterSequence.last_value)
)


def next_value(session: Session, counter_id: str, name: str, year: int) -> int:
    return reserve(session, counter_id, name, year, 1)


def reserve(session: Session, counter_id: str, name: str, year: int, count: int) -> int:
    """Take `count` consecutive values at once; returns the first. One write for a whole batch."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        statement = pg_insert(CounterSequence).values(
            counter_id=counter_id, name=name, year=year, last_value=count
        )
        statement = statement.on_conflict_do_update(
            index_elements=["counter_id", "name", "year"],
            set_={"last_value": CounterSequence.last_value + statement.excluded.last_value},
        ).returning(CounterSequence.last_value)
        return int(connection.execute(statement).scalar_one()) - count + 1
    bumped = _BUMP.run(
        connection, {"b_counter": counter_id, "b_name": name, "b_year": year, "b_count": count}
    ).row
    if bumped is not None:
        return int(bumped[0]) - count + 1
    session.add(CounterSequence(counter_id=counter_id, name=name, year=year, last_value=count))
    session.flush()
    return 1


def tracking_code(counter_id: str, year: int, value: int) -> str:
    return f"{counter_id}-{year}-{value:06d}"


def next_tracking_code(session: Session, counter_id: str, year: int) -> str:
    return tracking_code(counter_id, year, next_value(session, counter_id, "tracking", year))


def current_value(session: Session, counter_id: str, name: str, year: int) -> int:
    row = session.exec(
        select(CounterSequence.last_value).where(
            CounterSequence.counter_id == counter_id,
            CounterSequence.name == name,
            CounterSequence.year == year,
        )
    ).first()
    return int(row or 0)
