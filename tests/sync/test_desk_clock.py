"""A desk whose clock is off: the verdicts' times are the office database's, as the claims'.

On a shared office the claims compare an item's next attempt with the server's clock; the
verdicts wrote it with the desk PC's. A desk an hour ahead put every retry an hour late."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from synctools import Desk

from sync import ledger
from sync.models import ItemState, utc_now
from sync.sim.process import SimHandle


def test_a_retry_due_now_is_claimable_now_whatever_the_desk_clock_says(
    desk: Desk, careless_sim: SimHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.connect(careless_sim)
    (item,) = desk.items(desk.register(11))
    engine = desk.engine()
    worker = engine.workers["registry"]
    assert [claimed.key for claimed in worker.claim_batch()] == [item.key]

    def an_hour_ahead() -> datetime:
        return utc_now() + timedelta(hours=1)

    monkeypatch.setattr(ledger, "utc_now", an_hour_ahead)
    retry_now = ledger.Result(item.key, ItemState.PENDING, reason="gagal", wait_s=0.0)
    ledger.record(engine.db, engine.owner, [retry_now])
    assert [claimed.key for claimed in worker.claim_batch()] == [item.key]
