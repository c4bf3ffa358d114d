"""Three desks drain one office's backlog together, each switched off (SIGKILL) several times.

The desks share the outbox in the office database: `ltsa-desk sync run --until-empty` at each of
them claims items with ``SELECT ... FOR UPDATE SKIP LOCKED`` under short leases (2 s here), so no
item is sent by two desks at once, and an item whose desk died mid-send is taken over by another
desk that looks it up first. The remote is as careless as it gets (it ignores Idempotency-Key,
drops 20% of connections after committing and fails 20% of requests), so any blind resend would
show as a duplicate effect. Afterwards: every item applied exactly once, ``duplicate_effects`` 0,
and every CPMI's chain delivered in order (registration before passport application).
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from desktools import OFFICE, cli_command
from officetools import actor, make_desk, person
from sqlmodel import col, select

from ltsa_desk.services.case_order import skip_order
from ltsa_desk.services.intake import register_applicant
from ltsa_desk.store.database import open_database
from sync.credentials import set_token
from sync.models import OutboxItem
from sync.sim.process import run_sim_process

DESKS = ("LOTIM-01", "LOTIM-02", "LOTIM-03")
APPLICANTS = 30
PASSPORTS = 12
ROUNDS = 4


def _sync_run(data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cli_command(data_dir, "sync", "run", "--until-empty", *extra),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_three_desks_drain_one_backlog_through_sigkills(tmp_path: Path, office_url: str) -> None:
    folders = [tmp_path / counter.lower() for counter in DESKS]
    with run_sim_process(
        tmp_path / "sim", no_idempotency=True, drop_after_commit=0.3, fail_rate=0.3, seed=9
    ) as sim:
        workspaces = [
            make_desk(folder, counter, office_url)
            for folder, counter in zip(folders, DESKS, strict=True)
        ]
        for workspace in workspaces:
            config = workspace.config
            config.set("registry.url", sim.registry_url)
            config.set("immigration.url", sim.immigration_url)
            config.set("sync.lease_seconds", "2")
            config.set("sync.retry_max_s", "2")
            config.set("sync.batch_size", "8")
            config.save()
        set_token("registry", OFFICE, sim.token)
        set_token("immigration", OFFICE, sim.token)
        # The backlog: registered at all three desks while the line was down.
        for index in range(APPLICANTS):
            workspace = workspaces[index % len(DESKS)]
            officer = actor(DESKS[index % len(DESKS)])
            with workspace.database.write_session() as session:
                made = register_applicant(session, person(index + 1), officer)
                if index < PASSPORTS:
                    # a case moved in from an old register: the admin's skip queues
                    # the passport application as a request does
                    admin = replace(officer, role="admin")
                    skip_order(
                        session, made.applicant, "passport_requested", admin, "Register lama"
                    )
        for workspace in workspaces:
            workspace.close()

        rng = random.Random(20261202)
        for _ in range(ROUNDS):
            running = {folder: _sync_run(folder, "--timeout", "120") for folder in folders}
            order = list(folders)
            rng.shuffle(order)
            for folder in order:
                time.sleep(rng.uniform(0.6, 2.0))
                running[folder].send_signal(signal.SIGKILL)
                running[folder].wait(10)
        finals = [_sync_run(folder, "--timeout", "150", "--json") for folder in folders]
        outcomes = [process.communicate(timeout=200) for process in finals]
        stats = sim.stats()
        registry = sim.records("registry")
        immigration = sim.records("immigration")

    for process, (_out, err) in zip(finals, outcomes, strict=True):
        assert process.returncode == 0, err
    assert stats["registry"]["duplicate_effects"] == 0, stats
    assert stats["immigration"]["duplicate_effects"] == 0, stats
    # Batches and look-ups make few requests (about ten), so one fault kind on one destination
    # can miss them all (seen: 1 run in 4); any fault struck is what the test needs.
    struck = sum(
        stats[name][kind]
        for name in ("registry", "immigration")
        for kind in ("dropped_after_commit", "failed_injected")
    )
    assert struck > 0, f"the faults never struck: {stats}"
    assert len(registry) == APPLICANTS
    assert len({r["nik"] for r in registry}) == APPLICANTS
    assert len(immigration) == PASSPORTS

    database = open_database(office_url)
    try:
        with database.session() as session:
            items = session.exec(
                select(OutboxItem).order_by(col(OutboxItem.chain), col(OutboxItem.chain_position))
            ).all()
    finally:
        database.close()
    assert {item.state for item in items} == {"delivered"}
    assert len(items) == APPLICANTS + PASSPORTS
    assert any(item.attempts > 1 for item in items), "nothing was ever retried or taken over"
    # Chains in order: each CPMI's registration reached the registry before the passport
    # application reached immigration, and was recorded delivered first.
    received = {r["client_reference"]: r["received_at"] for r in registry + immigration}
    chains: dict[str, list[OutboxItem]] = {}
    for item in items:
        chains.setdefault(item.chain, []).append(item)
    checked = 0
    for chain in chains.values():
        for earlier, later in pairwise(chain):
            assert earlier.delivered_at is not None and later.delivered_at is not None
            assert earlier.delivered_at < later.delivered_at
            assert received[earlier.key] <= received[later.key]
            checked += 1
    assert checked == PASSPORTS
