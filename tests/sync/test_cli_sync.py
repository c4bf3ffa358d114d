"""`ltsa-desk sync ...` as a technician or a scheduled task runs it: a fresh process against the
real simulator, judged by its exit code (0 all sent, 3 still waiting, 4 needs someone) and
its JSON."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from desktools import run_cli
from synctools import Desk

from sync.sim.process import SimHandle

DESTINATION_FIELDS = {
    "online",
    "offline_since",
    "paused",
    "paused_reason",
    "pending",
    "in_flight",
    "needs_attention",
    "delivered",
    "oldest_pending_age_s",
}


def _check_status_shape(status: dict[str, Any]) -> None:
    assert {"registry", "immigration", "totals"} <= set(status)
    for name in ("registry", "immigration"):
        assert set(status[name]) >= DESTINATION_FIELDS, sorted(status[name])
    assert {"pending", "in_flight", "needs_attention", "delivered"} <= set(status["totals"])


def test_sync_run_exits_0_when_everything_is_delivered(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    budi = desk.register(1)
    desk.register(2, female=True, name="Siti Aminah")
    desk.request_passport(budi)
    data_dir = desk.workspace.data_dir

    before = run_cli(data_dir, "sync", "status", "--json")
    assert before.code == 0, str(before)
    status = before.json()
    _check_status_shape(status)
    assert status["registry"]["pending"] == 2
    assert status["immigration"]["pending"] == 1
    assert status["registry"]["oldest_pending_age_s"] >= 0
    assert status["totals"]["pending"] == 3

    result = run_cli(data_dir, "sync", "run", "--json")

    assert result.code == 0, str(result)
    assert result.json()["totals"]["delivered"] == 3
    assert desk.all_delivered()
    assert len(sim.records("registry")) == 2
    assert len(sim.records("immigration")) == 1
    with ThreadPoolExecutor(2) as pool:
        status_run = pool.submit(run_cli, data_dir, "sync", "status", "--json")
        list_run = pool.submit(run_cli, data_dir, "sync", "list", "--state", "delivered", "--json")
        after, delivered = status_run.result().json(), list_run.result().json()
    _check_status_shape(after)
    assert after["registry"]["online"] is True
    assert after["registry"]["delivered"] == 2
    assert after["registry"]["oldest_pending_age_s"] is None
    assert after["totals"]["pending"] == 0
    assert len(delivered["items"]) == 3
    assert all(item["receipt"] for item in delivered["items"])


# The timeout is the command's own logic, not the database's: SQLite only (the `workspace` fixture
# takes any "sqlite..." value as "the default SQLite file"), which spares five seconds per backend.
@pytest.mark.parametrize("database_url", ["sqlite"])
def test_sync_run_exits_3_while_offline_and_until_empty_honours_its_timeout(
    desk: Desk, sim: SimHandle
) -> None:
    desk.connect(sim)
    desk.register(1)
    sim.set_faults(offline=True)
    data_dir = desk.workspace.data_dir

    once = run_cli(data_dir, "sync", "run")
    assert once.code == 3, str(once)

    waited = run_cli(data_dir, "sync", "run", "--until-empty", "--timeout", "5", timeout=60)
    assert waited.code == 3, str(waited)
    # It waited its five seconds and gave up on its own: run_cli's 60 s would have killed a
    # command that ignored its timeout (no upper wall-clock bound here: the box is shared).
    assert waited.seconds >= 5, waited.seconds
    assert "5" in waited.stderr + waited.stdout  # it says the time ran out

    status = run_cli(data_dir, "sync", "status", "--json").json()
    assert status["registry"]["online"] is False
    assert status["registry"]["offline_since"]
    assert status["registry"]["pending"] == 1
    assert desk.items()[0].state == "pending", "the timeout lost nothing"
    assert sim.stats()["registry"]["received"] == 0


def test_sync_run_exits_4_for_attention_then_retry_all_requeues(desk: Desk, sim: SimHandle) -> None:
    desk.connect(sim)
    sim.seed_registry(
        {
            "nik": "5203011205900001",
            "full_name": "Budi Santosa",
            "birth_date": "1990-05-12",
            "sex": "L",
        }
    )
    budi = desk.register(1, name="Budi Santoso")
    desk.request_passport(budi)
    desk.register(2, female=True, name="Siti Aminah")
    data_dir = desk.workspace.data_dir

    refused = run_cli(data_dir, "sync", "run")
    assert refused.code == 4, str(refused)

    desk.register(3)
    sim.set_faults(offline=True)
    both = run_cli(data_dir, "sync", "run")
    assert both.code == 4, f"needs attention wins over pending\n{both}"

    listed = run_cli(data_dir, "sync", "list", "--state", "needs_attention", "--json")
    assert listed.code == 0, str(listed)
    body = listed.json()
    assert set(body) == {"items"}
    (item,) = body["items"]
    assert item["state"] == "needs_attention"
    assert item["destination"] == "registry"
    assert item["kind"] == "worker.register"
    assert item["last_status"] == 409
    assert "already registered" in item["last_error"]
    assert item["key"] == desk.items(budi)[0].key

    sim.reset()  # the registry fixed its side (and the line is back)
    retried = run_cli(data_dir, "sync", "retry", "--all", "--json")
    assert retried.code == 0, str(retried)
    assert retried.json() == {"requeued": 1}
    assert desk.items(budi)[0].state == "pending"

    final = run_cli(data_dir, "sync", "run", "--json")
    assert final.code == 0, str(final)
    assert final.json()["totals"]["needs_attention"] == 0
    assert desk.all_delivered()
    assert run_cli(data_dir, "sync", "list", "--state", "needs_attention", "--json").json() == {
        "items": []
    }
