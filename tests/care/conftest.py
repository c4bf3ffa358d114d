"""Fixtures for the technician's care tests: a shared `ltsa-sim` subprocess, wiped per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.sim.process import SimHandle, run_sim_process


@pytest.fixture(scope="session")
def _care_sim_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimHandle]:
    with run_sim_process(tmp_path_factory.mktemp("sim-care"), seed=7) as handle:
        yield handle


@pytest.fixture
def sim(_care_sim_process: SimHandle) -> SimHandle:
    """The shared simulator (idempotent), with records, faults and tokens reset."""
    assert _care_sim_process.running, "the shared simulator died in an earlier test"
    _care_sim_process.reset()
    return _care_sim_process


@pytest.fixture
def closed_port() -> int:
    """A local port nobody listens on (bound, then closed)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers: a timeout."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "data"
