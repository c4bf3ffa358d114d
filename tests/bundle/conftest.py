"""Fixtures for the USB bundle tests: a counter whose line is down, a second data folder (the
district office) with a line, and a real `ltsa-sim` that ignores `Idempotency-Key`, so any blind
resend would show as a duplicate effect.

The counter and the district office are two real, initialised data folders; in-process tests share
the test's file keyring (one office, one bundle secret), and the command-line test gives the
district office a keyring (HOME) of its own, as a second machine has.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from bundletools import OFFICE, SECRET
from synctools import Desk

from ltsa_desk.counter.workspace import (
    Workspace,
    confirm_recovery_key_shown,
    initialise,
    open_workspace,
)
from ltsa_desk.services.context import Actor
from sync.credentials import set_token
from sync.sim.process import SimHandle, run_sim_process


@pytest.fixture(scope="session")
def _careless_bundle_sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(
        tmp_path_factory.mktemp("sim-bundle"), seed=61, no_idempotency=True
    ) as handle:
        yield handle


@pytest.fixture
def sim(_careless_bundle_sim: SimHandle) -> SimHandle:
    """The shared careless simulator (`--no-idempotency`), wiped for this test."""
    handle = _careless_bundle_sim
    assert handle.running, "the shared simulator died in an earlier test"
    handle.reset()
    assert handle.faults()["no_idempotency"] is True
    return handle


@pytest.fixture
def secret() -> str:
    """The office's bundle secret, in the keyring the counter and the district office share."""
    set_token("bundle", OFFICE, SECRET)
    return SECRET


@pytest.fixture
def desk(workspace: Workspace, actor: Actor, secret: str) -> Iterator[Desk]:
    """The counter (LOTIM-01): no destination configured yet, so everything waits."""
    made = Desk(workspace, actor)
    try:
        yield made
    finally:
        made.stop_engines()


@pytest.fixture
def district(tmp_path: Path, sim: SimHandle, secret: str) -> Iterator[Workspace]:
    """A second data folder with a line: the district office machine that uploads bundles."""
    folder = tmp_path / "district"
    folder.mkdir()
    initialise(folder, office_code=OFFICE, counter_id="DISTRIK-01")
    confirm_recovery_key_shown(folder)
    opened = open_workspace(folder)
    config = opened.config
    config.set("registry.url", sim.registry_url)
    config.set("immigration.url", sim.immigration_url)
    config.save()
    set_token("registry", OFFICE, sim.token)
    set_token("immigration", OFFICE, sim.token)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def technician() -> Actor:
    return Actor(username="teknisi1", counter_id="DISTRIK-01", office_code=OFFICE, role="admin")
