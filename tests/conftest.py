"""Shared test set-up: real SQLite files in temp folders, PostgreSQL when the run provides one.

Qt runs offscreen and keyring uses a file backend chosen through keyring's own environment variable,
so no test ever touches the developer's screen or real credential store.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

POSTGRES_URL = os.environ.get("LTSA_TEST_POSTGRES_URL", "")

OFFICE = "52.03"
COUNTER = "LOTIM-01"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may read or write the real data folder or keyring of whoever runs the suite."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    # Under Windows the file keyring (keyrings.alt) lives in %LOCALAPPDATA%, which HOME does not
    # move: two pytest-xdist workers shared one keyring file and lost each other's database keys.
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    monkeypatch.delenv("LTSA_DATA_DIR", raising=False)


def _postgres_schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("LTSA_TEST_POSTGRES_URL not set")
    import sqlalchemy

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield _postgres_schema_url(schema)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store and service test runs on SQLite, and on PostgreSQL when one is provided."""
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'ltsa.sqlite').as_posix()}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def workspace(data_dir: Path, database_url: str):  # type: ignore[no-untyped-def]
    """An initialised counter (office 52.03, counter LOTIM-01) on the parametrised engine."""
    from ltsa_desk.counter.workspace import confirm_recovery_key_shown, initialise, open_workspace

    sqlite_default = database_url.startswith("sqlite")
    initialise(
        data_dir,
        office_code=OFFICE,
        counter_id=COUNTER,
        database_url=None if sqlite_default else database_url,
    )
    confirm_recovery_key_shown(data_dir)  # as `init` does after printing it
    opened = open_workspace(data_dir)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def actor():  # type: ignore[no-untyped-def]
    from ltsa_desk.services.context import Actor

    return Actor(username="petugas1", counter_id=COUNTER, office_code=OFFICE)
