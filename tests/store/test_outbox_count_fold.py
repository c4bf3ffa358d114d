"""PostgreSQL's outbox count deltas do not pile up when nobody reads the status (migration 0010).

A drain with no window open settles items one statement each; before 0010 only the status query
folded the deltas, so they grew with every item until the next read, whose cost grew with them.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from sync import outbox
from tests.store.test_outbox_counts import counted, enqueue, kept

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["postgres"], indirect=True),
]


def test_a_drain_without_status_reads_leaves_few_deltas(workspace: Any) -> None:
    """300 items queued, each claimed and delivered by a statement of its own (as the engine's
    settling does), no status read at all: about 900 deltas were written, fewer than 500 stay,
    and the counts are exact."""
    engine = workspace.database.engine
    enqueue(engine, "registry", 300)
    with engine.begin() as connection:
        seqs = connection.execute(text("SELECT seq FROM outbox_item ORDER BY seq")).scalars().all()
        for seq in seqs:
            for state in ("in_flight", "delivered"):
                connection.execute(
                    text("UPDATE outbox_item SET state = :state WHERE seq = :seq"),
                    {"state": state, "seq": seq},
                )
    with engine.connect() as connection:
        assert outbox.pending_deltas(connection) < 500
    assert (
        kept(engine)
        == counted(engine)
        == {"registry": {**{s: 0 for s in counted(engine)["registry"]}, "delivered": 300}}
    )


def test_a_desk_folding_does_not_stop_another_from_writing(workspace: Any) -> None:
    """One transaction holds the fold (its trigger folded and it has not committed yet); another
    desk's changes still go through at once, appending deltas, and both end up counted."""
    engine = workspace.database.engine
    enqueue(engine, "registry", 10)
    with engine.connect() as first, engine.connect() as second, first.begin():
        first.execute(text("SET LOCAL lock_timeout = '2s'"))
        assert first.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": 0x4C545343}
        ).scalar_one()
        outbox.fold_counts(first)  # holds the counts' rows, as a folding writer would
        with second.begin():
            second.execute(text("SET LOCAL lock_timeout = '2s'"))
            for _ in range(3):
                second.execute(
                    text("UPDATE outbox_item SET state = 'in_flight' WHERE state = 'pending'")
                )
            second.execute(
                text("SELECT setval('outbox_count_delta_id_seq', 1999, true)")
            )  # the next delta passes a multiple of 500: this writer would fold, yet skips
            second.execute(text("UPDATE outbox_item SET state = 'delivered'"))
    assert kept(engine) == counted(engine)
