"""Fixtures for the sync scenario tests: real `ltsa-sim` subprocesses and a counter wired to them.

Two simulator processes are shared by the session, each wiped (records, counters) with its start-up
faults and tokens restored before every test that uses it: a careful remote that honours
`Idempotency-Key`, and a careless one started `--no-idempotency` (it applies every resend, so any
blind resend shows up as a duplicate effect). Tests that need other start-up flags (`--offline`)
start their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from synctools import Desk

from ltsa_desk.counter.workspace import Workspace
from ltsa_desk.services.context import Actor
from sync.sim.process import SimHandle, run_sim_process


@pytest.fixture(scope="session")
def _careful_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(tmp_path_factory.mktemp("sim-careful"), seed=52) as handle:
        yield handle


@pytest.fixture(scope="session")
def _careless_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(
        tmp_path_factory.mktemp("sim-careless"), seed=53, no_idempotency=True
    ) as handle:
        yield handle


def _fresh(handle: SimHandle) -> SimHandle:
    assert handle.running, "a shared simulator died in an earlier test"
    handle.reset()
    return handle


@pytest.fixture
def sim(_careful_process: SimHandle) -> SimHandle:
    """The shared simulator that deduplicates by Idempotency-Key, wiped for this test."""
    return _fresh(_careful_process)


@pytest.fixture
def careless_sim(_careless_process: SimHandle) -> SimHandle:
    """The shared simulator that ignores Idempotency-Key (`--no-idempotency`), wiped."""
    handle = _fresh(_careless_process)
    assert handle.faults()["no_idempotency"] is True
    return handle


@pytest.fixture
def offline_sim(tmp_path: Path) -> Iterator[SimHandle]:
    """A simulator of its own, started `--offline` (the line is dead from the start)."""
    with run_sim_process(tmp_path / "sim-offline", offline=True) as handle:
        yield handle


@pytest.fixture
def desk(workspace: Workspace, actor: Actor) -> Iterator[Desk]:
    """The counter of the `workspace` fixture; every engine a test made is stopped afterwards."""
    made = Desk(workspace, actor)
    try:
        yield made
    finally:
        made.stop_engines()
