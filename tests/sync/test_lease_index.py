"""An engine's leases are found through the claim index, never by reading the whole outbox.

The outbox keeps every item a counter ever queued (an item per registration, correction and
passport application, years of them delivered). Renewing the running engine's leases every
`lease_seconds / 3`, and handing them back at stop, read all of it when the statement named only
the owner and the state: 2.4 s at 141,000 items on SQLCipher, holding the database's write lock,
for as long as the window is open (issue 19). Checked by SQLite's own query plan of the
statements the engine runs, not by timing.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import event
from synctools import Desk

from sync.sim.process import SimHandle

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def test_renewing_and_handing_back_leases_read_no_delivered_history(
    desk: Desk, sim: SimHandle
) -> None:
    desk.connect(sim)
    desk.register_many(3)
    desk.drain()  # the history: delivered items the lease statements must not read
    writer = desk.workspace.database.writer
    seen: list[tuple[str, Any]] = []
    renewed = threading.Event()

    def heard(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if (
            statement.lstrip().upper().startswith("UPDATE OUTBOX_ITEM")
            and "lease_owner" in (statement.split("WHERE", 1)[-1])
        ):
            seen.append((statement, parameters))
            renewed.set()

    event.listen(writer, "before_cursor_execute", heard)
    try:
        engine = desk.engine(lease_seconds=0.6)  # renewed every 0.2 s
        engine.start()
        assert renewed.wait(10), "the engine renewed no lease"
        engine.stop(timeout=10)  # hands its leases back
    finally:
        event.remove(writer, "before_cursor_execute", heard)
    assert len(seen) >= 2
    with writer.connect() as connection:
        for statement, parameters in seen:
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            details = [row[-1] for row in plan]
            scans = [d for d in details if d.startswith("SCAN outbox_item")]
            assert not scans, (statement, details)
