"""Helpers for the shared-office tests: desks on one PostgreSQL schema, and a TCP proxy.

Every desk is a data folder of its own, set up exactly as a technician would (``initialise`` or
``ltsa-desk init --database-url``), and they meet only in the database. The proxy stands between a
desk and the server so a test can switch the "office server" off and on again without touching the
real PostgreSQL other tests use. What every desk test shares (NIKs, names, waiting, the real
command) is in tests/desktools.py.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from desktools import OFFICE, letters, nik

from ltsa_desk.counter.workspace import Workspace, initialise, open_workspace
from ltsa_desk.services.context import Actor


def pdf(tag: str) -> bytes:
    """A small valid PDF (signature and end marker) whose content names ``tag``."""
    return b"%PDF-1.4\n% " + tag.encode() + b"\n%%EOF\n"


def person(serial: int, **extra: Any) -> dict[str, Any]:
    day = 1 + serial % 28
    return {
        "nik": nik(serial, day=day),
        "full_name": f"Budi Santoso {letters(serial)}",
        "birth_date": f"{day:02d}-05-1990",
        "sex": "L",
        "birth_place": "Selong",
        **extra,
    }


def make_desk(data_dir: Path, counter_id: str, url: str) -> Workspace:
    """A desk of office 52.03 on the shared database ``url``, opened."""
    initialise(data_dir, office_code=OFFICE, counter_id=counter_id, database_url=url)
    return open_workspace(data_dir)


def actor(counter_id: str, username: str = "petugas1") -> Actor:
    return Actor(username=username, counter_id=counter_id, office_code=OFFICE)


# --- a switchable office server -------------------------------------------------------------------


class TcpProxy:
    """Forwards a local port to the PostgreSQL server; ``cut()`` drops every connection and
    refuses new ones (the server PC switched off), ``restore()`` lets them through again."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._open = threading.Event()
        self._open.set()
        self._stop = threading.Event()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, name="tcp-proxy", daemon=True)
        self._thread.start()

    def url_for(self, url: str) -> str:
        """``url`` with its host and port replaced by this proxy's."""
        parts = urlsplit(url)
        user = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
        return urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{self.port}"))

    def _accept(self) -> None:
        self._listener.settimeout(0.2)
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if not self._open.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        sockets = [client, upstream]
        try:
            while not self._stop.is_set():
                readable, _, _ = select.select(sockets, [], [], 0.2)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is client else client).sendall(data)
        except (OSError, ValueError):  # cut() closed the sockets under select
            return
        finally:
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def cut(self) -> None:
        self._open.clear()
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

    def restore(self) -> None:
        self._open.set()

    def close(self) -> None:
        self._stop.set()
        self.cut()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._thread.join(2)
