"""Fixtures for the simulator tests: one real ``ltsa-sim`` subprocess shared by the session.

Each test gets it wiped (records, counters) with start-up faults and tokens restored, so tests stay
independent without paying for a process start each. Tests that need their own start-up flags
(``--no-idempotency``, ``--offline``) or that stop/kill/restart the process start their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from sync.sim.process import SimHandle, run_sim_process


@pytest.fixture(scope="session")
def sim_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(tmp_path_factory.mktemp("sim"), seed=1234) as handle:
        yield handle


@pytest.fixture
def sim(sim_process: SimHandle) -> SimHandle:
    """The shared simulator, reset to a clean state for this test."""
    assert sim_process.running, "the shared simulator died in an earlier test"
    sim_process.reset()
    return sim_process


def _client(handle: SimHandle, **kwargs: Any) -> httpx.Client:
    kwargs.setdefault("timeout", 10.0)
    kwargs.setdefault("headers", handle.auth_headers)
    return httpx.Client(base_url=handle.base_url, trust_env=False, **kwargs)


@pytest.fixture
def client_for() -> Iterator[Any]:
    """``client_for(handle, **httpx_kwargs)``: an authorised client on a sim's systems port
    (no proxies from the environment); closed after the test."""
    made: list[httpx.Client] = []

    def factory(handle: SimHandle, **kwargs: Any) -> httpx.Client:
        made.append(_client(handle, **kwargs))
        return made[-1]

    yield factory
    for c in made:
        c.close()


@pytest.fixture
def client(sim: SimHandle) -> Iterator[httpx.Client]:
    with _client(sim) as c:
        yield c
