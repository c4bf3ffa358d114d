"""A failure that repeats every poll (the office database server switched off) is logged once
with its traceback, then sparingly, and its end is logged."""

from __future__ import annotations

import logging
import socket
import time

import pytest
from sqlalchemy import create_engine

from sync.engine import DestinationConfig, EngineSettings, SyncEngine
from sync.failure_log import RepeatedFailure

LOG = logging.getLogger("tests.failure_log")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _fail(failures: RepeatedFailure, error: Exception) -> None:
    try:
        raise error
    except Exception as caught:
        failures.failed(caught)


def test_a_repeating_failure_is_logged_once_then_sparingly_then_its_end(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    failures = RepeatedFailure(LOG, "sync worker registry", every=300, clock=clock)
    caplog.set_level(logging.WARNING, logger=LOG.name)
    for _ in range(151):  # five minutes of a poll every 2 s
        _fail(failures, ConnectionError("server closed the connection"))
        clock.now += 2
    records = caplog.records
    assert [r.levelname for r in records] == ["ERROR", "WARNING"]
    assert records[0].exc_info is not None and "sync worker registry failed" in records[0].message
    assert "still failing (150 more times" in records[1].message
    assert "server closed the connection" in records[1].message

    caplog.clear()
    failures.succeeded()
    failures.succeeded()
    assert [r.message for r in caplog.records] == [
        "sync worker registry works again after 151 failures"
    ]

    caplog.clear()  # a new streak logs its traceback again; so does a different failure
    _fail(failures, ConnectionError("server closed the connection"))
    _fail(failures, TimeoutError("timed out"))
    _fail(failures, TimeoutError("timed out"))
    assert [r.levelname for r in caplog.records] == ["ERROR", "ERROR"]
    assert all(r.exc_info for r in caplog.records)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_engine_on_a_switched_off_office_server_keeps_the_log_readable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Workers and lease heartbeat poll a database that refuses connections: one traceback
    each, not one per poll, and stopping does not fail on the leases it cannot hand back."""
    port = _closed_port()
    database = create_engine(
        f"postgresql+psycopg://ltsa@127.0.0.1:{port}/ltsa", connect_args={"connect_timeout": 1}
    )
    engine = SyncEngine(
        database,
        [DestinationConfig("registry", "http://127.0.0.1:9/", lambda: "token")],
        settings=EngineSettings(idle_poll_s=0.02, lease_seconds=0.6),
    )
    caplog.set_level(logging.WARNING, logger="sync")
    engine.start()
    try:
        time.sleep(1.5)
    finally:
        engine.stop(timeout=10)
        database.dispose()
    tracebacks = [r for r in caplog.records if r.exc_info]
    names = sorted(r.message for r in tracebacks)
    assert names == ["lease renewal failed", "sync worker registry failed"], names
    assert len(caplog.records) <= 4, [r.message for r in caplog.records]
