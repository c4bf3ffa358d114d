"""A TCP proxy of the tests' own that plays a slow line: it can hold one request's bytes until the
sender has given up on it, then deliver them anyway.

That is what a real bad link does (a token-bucket queue, a retransmission after a loss): the kernel
goes on delivering a given-up connection's queued data. The simulator's own faults cannot show it,
because they act only once a request has arrived.

The proxy splits the client's stream into HTTP/1.1 requests (request line, headers, a body of
Content-Length bytes; the sync engine sends nothing chunked) and forwards each one on its own
upstream connection, relaying the answer back. A request that matches the armed hold is not
forwarded: it is kept, the client gets no answer and times out, and `deliver_after_s` seconds after
the client closed its side the kept bytes go to the server on a fresh connection (the answer is
read and thrown away, as a late answer to a dead connection would be).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Hold:
    """Which request to hold: the `count` next ones whose request line starts with `prefix`."""

    prefix: bytes
    count: int = 1
    deliver_after_s: float = 0.5
    held: list[bytes] = field(default_factory=list)
    delivered: list[int] = field(default_factory=list)  # upstream status of each late delivery
    client_closed_at: list[float] = field(default_factory=list)


def _read_request(stream: socket.socket, buffer: bytearray) -> bytes | None:
    """One whole request from the client, or None when the client closed (or reset) its side."""
    while b"\r\n\r\n" not in buffer:
        chunk = _recv(stream)
        if not chunk:
            return None
        buffer.extend(chunk)
    head_end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:head_end]).split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buffer) < head_end + length:
        chunk = _recv(stream)
        if not chunk:
            return None
        buffer.extend(chunk)
    request = bytes(buffer[: head_end + length])
    del buffer[: head_end + length]
    return request


def _recv(stream: socket.socket) -> bytes:
    try:
        return stream.recv(65536)
    except OSError:  # a reset (the abortive close) ends the connection like a close does
        return b""


def _read_response(stream: socket.socket) -> tuple[int, bytes]:
    """One whole response (Content-Length framed, as the simulator answers)."""
    buffer = bytearray()
    request = _read_request(stream, buffer)  # same framing: head, blank line, body
    if request is None:
        return 0, b""
    status = int(request.split(b" ", 2)[1])
    return status, request


class HoldProxy:
    """Listen on 127.0.0.1 (a free port) and forward to `upstream` ("host", port)."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._holds: list[Hold] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self.forwarded = 0

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def arm(self, hold: Hold) -> Hold:
        with self._lock:
            self._holds.append(hold)
        return hold

    def start(self) -> HoldProxy:
        self._spawn(self._accept)
        return self

    def stop(self) -> None:
        """Stop at once: the clients' kept-alive connections are shut, so no serving thread sits
        in a read until its join gives up (six test teardowns took 30 s each that way)."""
        self._stopping.set()
        with contextlib.suppress(OSError):  # wakes the accept (a close alone does not on Linux)
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(OSError):  # already closed by its side
                client.shutdown(socket.SHUT_RDWR)
        for thread in list(self._threads):
            thread.join(5)

    def __enter__(self) -> HoldProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- inside ------------------------------------------------------------------------------------

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._spawn(self._serve, client)

    def _matching_hold(self, request: bytes) -> Hold | None:
        with self._lock:
            for hold in self._holds:
                if hold.count > 0 and request.startswith(hold.prefix):
                    hold.count -= 1
                    return hold
        return None

    def _serve(self, client: socket.socket) -> None:
        with self._lock:
            self._clients.add(client)
        try:
            self._serve_client(client)
        finally:
            with self._lock:
                self._clients.discard(client)

    def _serve_client(self, client: socket.socket) -> None:
        buffer = bytearray()
        with client:
            while not self._stopping.is_set():
                request = _read_request(client, buffer)
                if request is None:
                    return
                hold = self._matching_hold(request)
                if hold is not None:
                    hold.held.append(request)
                    # No answer: wait until the client gives up and closes (or resets) its side.
                    while _recv(client):
                        pass
                    hold.client_closed_at.append(time.monotonic())
                    self._spawn(self._deliver_late, hold, request)
                    return
                status_and_response = self._forward(request)
                if status_and_response is None:
                    return
                try:
                    client.sendall(status_and_response)
                except OSError:
                    return

    def _forward(self, request: bytes) -> bytes | None:
        try:
            with socket.create_connection(self.upstream, timeout=30) as upstream:
                upstream.sendall(request)
                status, response = _read_response(upstream)
        except OSError:
            return None
        if not status:
            return None
        self.forwarded += 1
        return response

    def _deliver_late(self, hold: Hold, request: bytes) -> None:
        time.sleep(hold.deliver_after_s)
        try:
            with socket.create_connection(self.upstream, timeout=30) as upstream:
                upstream.sendall(request)
                status, _ = _read_response(upstream)
        except OSError:
            status = 0
        hold.delivered.append(status)
