"""Finding 1: the office database password must never go to another host, nor in clear.

Any local Windows user may edit ``config.toml``. Pointing ``database.url`` at another machine
made the next command (or the scheduled ``sync run``) hand the office password to a fake
PostgreSQL server that simply asks for it in clear. The fake server here speaks just enough of
the PostgreSQL protocol (SSL refusal, startup message, an authentication request) and records
every byte it receives: the password must not be among them.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ltsa_desk.counter.config import Config
from ltsa_desk.counter.shared_office import (
    REMOTE_SSLMODE,
    REQUIRE_AUTH,
    PasswordElsewhere,
    connect_args,
    database_password,
    store_database_password,
)
from ltsa_desk.counter.workspace import open_workspace
from ltsa_desk.store.problems import DatabaseProblem

OFFICE = "52.03"
PASSWORD = "rahasia-kantor-LOTIM-2026"
SSL_REQUEST = 80877103
GSS_REQUEST = 80877104
CLEARTEXT = struct.pack("!cii", b"R", 8, 3)
MD5 = struct.pack("!cii", b"R", 12, 5) + b"salt"


class FakePostgres:
    """A server that refuses TLS, takes any startup and asks for the password (in clear or as
    MD5), then records what comes back."""

    def __init__(self, ask: bytes) -> None:
        self.ask = ask
        self.received = bytearray()
        self.connections = 0
        self.password_messages = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with client:
                client.settimeout(5)
                with contextlib.suppress(OSError, struct.error):
                    self._talk(client)

    def _read(self, client: socket.socket, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = client.recv(count - len(data))
            if not chunk:
                raise OSError("closed")
            data += chunk
        self.received += data
        return data

    def _talk(self, client: socket.socket) -> None:
        while True:  # SSL / GSS encryption requests first: refused, as a plain server does
            (length,) = struct.unpack("!i", self._read(client, 4))
            body = self._read(client, length - 4)
            (code,) = struct.unpack("!i", body[:4])
            if code in (SSL_REQUEST, GSS_REQUEST):
                client.sendall(b"N")
                continue
            break  # the startup message
        client.sendall(self.ask)
        kind = self._read(client, 1)
        (length,) = struct.unpack("!i", self._read(client, 4))
        self._read(client, length - 4)
        if kind == b"p":
            self.password_messages += 1

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        self._thread.join(5)


@pytest.fixture(params=[CLEARTEXT, MD5], ids=["cleartext", "md5"])
def fake(request: pytest.FixtureRequest) -> Iterator[FakePostgres]:
    server = FakePostgres(request.param)
    yield server
    server.close()


def url_of(port: int, host: str = "127.0.0.1") -> str:
    return f"postgresql+psycopg://ltsa@{host}:{port}/ltsa"


def desk(data_dir: Path, url: str, sslmode: str = "") -> Config:
    """A desk of a shared office as ``init`` leaves it (the server's part is not needed)."""
    config = Config(data_dir)
    config.set("office.code", OFFICE)
    config.set("counter.id", "LOTIM-01")
    config.set("database.url", url)
    if sslmode:
        config.set("database.sslmode", sslmode)
    config.save()
    return config


def assert_never_sent(server: FakePostgres) -> None:
    assert server.password_messages == 0
    assert PASSWORD.encode() not in bytes(server.received)


# ------------------------------------------------------------------------------------------------


def test_a_server_asking_for_the_password_in_clear_or_md5_gets_nothing(
    tmp_path: Path, fake: FakePostgres
) -> None:
    """Even at the very address the password was entered for: libpq refuses to answer."""
    url = url_of(fake.port)
    desk(tmp_path, url)
    store_database_password(OFFICE, PASSWORD, url=url)

    with pytest.raises(DatabaseProblem) as refused:
        open_workspace(tmp_path)

    assert fake.connections >= 1  # it was asked, and said nothing
    assert_never_sent(fake)
    assert "scram-sha-256" in str(refused.value)  # the technician is told what to fix


def test_a_changed_database_url_does_not_get_the_password(
    tmp_path: Path, fake: FakePostgres
) -> None:
    """The password was entered for the office server; config.toml now names another one."""
    office_server = url_of(55432, "10.0.0.5")
    store_database_password(OFFICE, PASSWORD, url=office_server)
    desk(tmp_path, url_of(fake.port))

    with pytest.raises(PasswordElsewhere) as refused:
        open_workspace(tmp_path)

    assert fake.connections == 0
    assert_never_sent(fake)
    assert "10.0.0.5:55432/ltsa" in str(refused.value)
    assert "credentials set database" in str(refused.value)
    assert database_password(OFFICE) == PASSWORD  # kept for the right server


def test_a_password_of_an_older_version_binds_to_its_first_server(tmp_path: Path) -> None:
    store_database_password(OFFICE, PASSWORD)  # no server known: as stored before the binding
    first = desk(tmp_path, url_of(5432, "10.0.0.5"))
    assert connect_args(first)["password"] == PASSWORD

    moved = desk(tmp_path, url_of(5432, "10.0.0.66"))
    with pytest.raises(PasswordElsewhere):
        connect_args(moved)


def test_options_hidden_in_the_url_are_refused(tmp_path: Path) -> None:
    """``?host=`` would make libpq connect elsewhere than the address the binding checks."""
    store_database_password(OFFICE, PASSWORD, url=url_of(5432, "10.0.0.5"))
    for hidden in ("host=10.0.0.66", "hostaddr=10.0.0.66", "sslmode=disable", "require_auth=none"):
        config = desk(tmp_path, url_of(5432, "10.0.0.5") + "?" + hidden)
        with pytest.raises(DatabaseProblem, match=hidden.split("=")[0]):
            connect_args(config)


@pytest.mark.parametrize("sslmode", ["", "disable", "allow", "prefer", "require", "verify-ca"])
def test_a_server_on_another_pc_is_reached_only_with_verify_full(
    tmp_path: Path, sslmode: str
) -> None:
    """Removing or lowering database.sslmode in the file cannot lower what the desk demands."""
    args = connect_args(desk(tmp_path, url_of(5432, "10.0.0.5"), sslmode))
    assert args["sslmode"] == REMOTE_SSLMODE == "verify-full"
    assert args["require_auth"] == REQUIRE_AUTH


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_the_same_pc_is_exempt_from_tls(tmp_path: Path, host: str) -> None:
    args = connect_args(desk(tmp_path, url_of(5432, host)))
    assert "sslmode" not in args  # libpq's own default; nothing crosses a network
    assert args["require_auth"] == REQUIRE_AUTH
