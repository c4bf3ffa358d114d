"""The Sinkronisasi page's "last delivered" is read from the end of an index, not by walking every
delivered item of the destination: the outbox keeps years of them, and the read repeats while a
drain moves the counts (issue 19: 5-6 s per reload at 100,000 CPMI with their history). Checked
by SQLite's own step count (a cost the machine's load does not move), against a history grown
a hundredfold.
"""

from __future__ import annotations

from typing import Any

import pytest
from synctools import Desk

from ltsa_desk.services.sync_queue import last_deliveries
from sync.sim.process import SimHandle
from tests.sqlitesteps import sqlite_steps

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _steps(desk: Desk) -> tuple[int, dict[str, str | None]]:
    return sqlite_steps(desk.workspace.database.engine, lambda: last_deliveries(desk.workspace))


def _grow_history(desk: Desk, copies: int) -> None:
    """Every delivered item copied `copies` times, each copy delivered earlier than the last."""
    with desk.workspace.database.writer.begin() as connection:
        columns = [
            row[1]
            for row in connection.exec_driver_sql("PRAGMA table_info(outbox_item)").all()
            if row[1] not in ("seq", "key", "delivered_at")
        ]
        listed = ", ".join(columns)
        connection.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            f"INSERT INTO outbox_item ({listed}, key, delivered_at) "
            f"SELECT {listed}, key || '-' || i, datetime(delivered_at, '-' || i || ' days') "
            "FROM outbox_item, n WHERE state = 'delivered'",
            (copies,),
        )


def test_the_last_delivery_is_read_without_walking_the_history(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    desk.register_many(5)
    desk.drain()
    small, newest = _steps(desk)
    assert small > 0 and newest["registry"] is not None
    before = _count(desk)
    _grow_history(desk, 100)
    assert _count(desk) >= before * 100
    big, still = _steps(desk)
    assert still == newest, "the copies are older: the last delivery stays the same"
    assert big <= small * 1.5 + 20, (small, big)


def _count(desk: Desk) -> Any:
    with desk.workspace.database.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM outbox_item").scalar()
